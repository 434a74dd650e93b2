package letters

import (
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"
)

// TestEveryTemplateIsALetter: the embedded templates parse, every letter
// has its text and its HTML, and no template file lies unused.
func TestEveryTemplateIsALetter(t *testing.T) {
	t.Parallel()
	s, err := Parse(files)
	if err != nil {
		t.Fatal(err)
	}
	letters := map[string]bool{}
	for _, n := range s.names() {
		letters[n] = true
	}
	if len(letters) != 14 {
		t.Errorf("%d letters: %v", len(letters), s.names())
	}
	seen := map[string]int{}
	err = fs.WalkDir(files, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		base := path.Base(p)
		ext := path.Ext(base)
		if ext != ".txt" && ext != ".html" {
			t.Errorf("%s: neither text nor HTML", p)
		}
		if strings.HasPrefix(base, "_") {
			return nil
		}
		name := strings.TrimSuffix(base, ext)
		if !letters[name] {
			t.Errorf("%s belongs to no letter", p)
		}
		seen[name]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for n := range letters {
		if seen[n] != 2 {
			t.Errorf("letter %s has %d template files, want NAME.txt and NAME.html", n, seen[n])
		}
	}
}

// TestParseFailsFast: a broken letter fails Parse, and with it the start
// of the program, not the request that would send it.
func TestParseFailsFast(t *testing.T) {
	t.Parallel()
	const subject = `{{define "subject"}}x{{end}}`
	cases := map[string]struct{ file, text string }{ // no text: the file is missing
		"syntax":            {"meeting-confirmed.txt", subject + "{{if}}"},
		"unknown field":     {"household-signup.html", "{{.Nickname}}"},
		"unknown function":  {"meeting-request.txt", subject + "{{shout .Link}}"},
		"no subject":        {"household-signup.txt", "Dear {{.To.Name}}"},
		"no HTML":           {"meeting-cancelled.html", ""},
		"no agenda":         {"household-guests.txt", subject + "Hello"},
		"bad shared block":  {"_parts.txt", `{{define "greeting"}}{{.Nope}}{{end}}`},
		"HTML out of place": {"household-signup.html", `<a href="{{.Link}}>`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := copyFS(t)
			if c.text == "" {
				delete(m, "templates/"+c.file)
			} else {
				m["templates/"+c.file] = &fstest.MapFile{Data: []byte(c.text)}
			}
			if _, err := Parse(m); err == nil {
				t.Fatal("a broken letter parsed")
			}
		})
	}
	if _, err := Parse(copyFS(t)); err != nil {
		t.Fatalf("the copy itself does not parse: %v", err)
	}
}

func copyFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(files, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
