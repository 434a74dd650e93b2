package projectfile

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"itinera/internal/programfile"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name byte for byte (-update rewrites
// it), so that the format cannot change without the change showing here.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what Itinera writes now (run go test -run TestGolden -update if the change is meant, and document it):\n%s",
			name, firstDifference(got, want))
	}
}

func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-60)
	return "now:    …" + string(a[from:min(len(a), i+60)]) + "…\ngolden: …" + string(b[from:min(len(b), i+60)]) + "…"
}

// TestGolden: the St. Louis stop package and its return package, signed
// with the test keys, are the files in testdata byte for byte (envelope
// and payload), and the files open to the same packages.
func TestGolden(t *testing.T) {
	for _, g := range []struct {
		name string
		pkg  Package
		key  ed25519.PrivateKey
	}{
		{"stlouis-stop", stLouisStop(t), agencyKey},
		{"stlouis-return", stLouisReturn(t), cityKey},
	} {
		t.Run(g.name, func(t *testing.T) {
			b, err := Sign(g.pkg, g.key)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, g.name+".json", b)
			payload, err := Verify(b, PublicKey(g.key))
			if err != nil {
				t.Fatal(err)
			}
			golden(t, g.name+".payload.json", payload)

			file, err := os.ReadFile(filepath.Join("testdata", g.name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			opened, err := Open(file, Expect{Kind: g.pkg.Kind, Key: PublicKey(g.key), Now: g.pkg.IssuedAt.Add(time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			want := g.pkg
			want.normalize()
			if !reflect.DeepEqual(opened.Package, want) {
				a, _ := json.MarshalIndent(opened.Package, "", " ")
				b, _ := json.MarshalIndent(want, "", " ")
				t.Fatalf("opened package differs:\n%s", firstDifference(a, b))
			}
			if opened.KeyID != KeyID(PublicKey(g.key)) || len(opened.Digest) != len("sha256:")+64 {
				t.Errorf("key id %q, digest %q", opened.KeyID, opened.Digest)
			}
			again, err := Sign(opened.Package, g.key)
			if err != nil || !bytes.Equal(again, file) {
				t.Errorf("signed again, the opened package is not the same file (%v)", err)
			}
		})
	}
	// The test keys' public halves, for docs/project-package.md's
	// examples of checking a package with OpenSSL or Python.
	golden(t, "agency.pub.pem", MarshalPublicKeyPEM(PublicKey(agencyKey)))
	golden(t, "city.pub.pem", MarshalPublicKeyPEM(PublicKey(cityKey)))
}

// TestProgramImports: the program a package carries is a program file
// the existing importer reads: its bytes in the payload decode with
// programfile.DecodeBytes, turn into records, and build back into the
// same file.
func TestProgramImports(t *testing.T) {
	for _, name := range []string{"stlouis-stop", "stlouis-return"} {
		t.Run(name, func(t *testing.T) {
			payload, err := os.ReadFile(filepath.Join("testdata", name+".payload.json"))
			if err != nil {
				t.Fatal(err)
			}
			var members map[string]json.RawMessage
			if err := json.Unmarshal(payload, &members); err != nil {
				t.Fatal(err)
			}
			f, err := programfile.DecodeBytes(members["program"])
			if err != nil {
				t.Fatalf("the package's program is refused by the program file importer: %v", err)
			}
			recs, err := f.Records()
			if err != nil {
				t.Fatal(err)
			}
			if len(recs.Visitors) != 9 || len(recs.Interpreters) != 2 || recs.Visitors[0].Name() != "Lucía Ramírez Ortega" {
				t.Errorf("the roster did not arrive: %d visitors, %d interpreters", len(recs.Visitors), len(recs.Interpreters))
			}
			again, err := programfile.Build(recs, f.ExportedAt)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(f, again) {
				t.Fatal("the program, built again from its records, differs")
			}
			var buf bytes.Buffer
			if err := programfile.Encode(&buf, again); err != nil {
				t.Fatal(err)
			}
			if _, err := programfile.Decode(&buf); err != nil {
				t.Fatal(err)
			}
		})
	}
}
