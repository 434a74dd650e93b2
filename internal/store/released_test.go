package store_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"
)

// releasedSums holds the SHA-256 of every migration a release has shipped,
// in sha256sum's format. A released migration has run on databases we do
// not control: changing it would leave them on a schema no fresh database
// has. When a release ships new migrations, append their sums:
//
//	(cd internal/store/migrations && sha256sum 0007_name.sql) >> internal/store/testdata/released_migrations.sha256
const releasedSums = "testdata/released_migrations.sha256"

func TestReleasedMigrationsAreFrozen(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(releasedSums)
	if err != nil {
		t.Fatal(err)
	}
	shipped := map[string]string{} // file name -> its sum now
	for _, m := range mustMigrationFiles(t) {
		sum := sha256.Sum256([]byte(m.SQL))
		shipped[m.FileName()] = hex.EncodeToString(sum[:])
	}
	n := 0
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok || len(sum) != 64 {
			t.Fatalf("%s:%d: want \"SHA256  NNNN_name.sql\" as sha256sum writes it", releasedSums, i+1)
		}
		n++
		if want := fmt.Sprintf("%04d_", n); !strings.HasPrefix(name, want) {
			t.Errorf("%s:%d: %s is out of order: released migrations are 0001, 0002, … with none left out", releasedSums, i+1, name)
		}
		now, ok := shipped[name]
		switch {
		case !ok:
			t.Errorf("migration %s was released and is gone or renamed: restore it; a change to the schema goes in a new migration", name)
		case now != sum:
			t.Errorf("migration %s was released and has been edited (its sha256 was %s, is %s): restore it and make the change a new migration", name, sum, now)
		}
	}
}
