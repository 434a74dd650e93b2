package projectfile

import (
	"bytes"
	"testing"
	"time"

	"itinera"
)

// FuzzOpen: whatever the bytes, Open never panics and either refuses them
// with an EINVALID error whose message shows no internal text, or accepts
// a package that, signed again, opens to the same payload. Each input is
// tried twice: as a package file, and as a payload the agency's key signs
// (so that the fuzzer reaches the payload's reading and Check, behind a
// valid signature).
func FuzzOpen(f *testing.F) {
	stop := readGolden(f, "stlouis-stop.json")
	ret := readGolden(f, "stlouis-return.json")
	f.Add(stop)
	f.Add(ret)
	for _, file := range [][]byte{stop, ret} {
		for _, key := range [][]byte{PublicKey(agencyKey), PublicKey(cityKey)} {
			if payload, err := Verify(file, key); err == nil {
				f.Add(payload)
			}
		}
	}
	f.Add([]byte(`{"format":"itinera-project-package","version":1}`))
	f.Add([]byte(`{"format":"itinera-project-package","version":2,"kind":"stop"}`))
	f.Add([]byte(`{"format":"itinera-program","version":1}`))
	f.Add([]byte(`{"a":{"b":[1,{"c":2,"c":3}]}}`))
	f.Add([]byte("\xEF\xBB\xBF{}"))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		// Far from now, so that the time is no obstacle.
		e := Expect{Key: PublicKey(agencyKey), Now: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), MaxAge: 100 * 365 * 24 * time.Hour}
		for _, file := range [][]byte{b, signRaw(b, agencyKey, KindStop), signRaw(b, agencyKey, KindReturn)} {
			o, err := Open(file, e)
			if err != nil {
				if itinera.ErrorCode(err) != itinera.EINVALID {
					t.Fatalf("error %v is not EINVALID", err)
				}
				internal(t, itinera.ErrorMessage(err))
				continue
			}
			again, err := Sign(o.Package, agencyKey)
			if err != nil {
				t.Fatalf("an opened package cannot be signed again: %v", err)
			}
			o2, err := Open(again, e)
			if err != nil {
				t.Fatalf("signed again, an opened package is refused: %v", err)
			}
			p1, _ := encodePayload(o.Package)
			p2, _ := encodePayload(o2.Package)
			if !bytes.Equal(p1, p2) {
				t.Fatalf("signed again, the package differs:\n%s\n---\n%s", p1, p2)
			}
		}
	})
}
