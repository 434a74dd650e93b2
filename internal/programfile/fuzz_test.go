package programfile

import (
	"bytes"
	"testing"

	"itinera"
)

// FuzzDecode: whatever the bytes, Decode never panics and either refuses
// them with an EINVALID error (a message for people, never internal text)
// or accepts a file that, written again, reads back to the same file.
func FuzzDecode(f *testing.F) {
	f.Add(readTestdata(f, "small.json"))
	f.Add([]byte(`{"format":"itinera-program","version":1}`))
	f.Add([]byte(`{"format":"itinera-program","version":2}`))
	f.Add([]byte(`{"format":"itinera-program","version":1,"program":{"title":"T","city":"C","time_zone":"UTC","start_date":"2026-05-01","end_date":"2026-05-01"}}`))
	f.Add([]byte(`[1,2]`))
	f.Add([]byte("\xEF\xBB\xBF{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := DecodeBytes(b)
		if err != nil {
			if itinera.ErrorCode(err) != itinera.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		var once, twice bytes.Buffer
		if err := Encode(&once, file); err != nil {
			t.Fatal(err)
		}
		again, err := DecodeBytes(once.Bytes())
		if err != nil {
			t.Fatalf("an accepted file, written again, is refused: %v\n%s", err, once.String())
		}
		if err := Encode(&twice, again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatalf("written twice, the file differs:\n%s\n---\n%s", once.String(), twice.String())
		}
		if _, err := again.Records(); err != nil {
			t.Fatalf("an accepted file has no records: %v", err)
		}
	})
}
