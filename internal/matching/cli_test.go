package matching

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestMain_(t *testing.T) {
	t.Parallel()
	demo, err := os.ReadFile("testdata/demo.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		out, err string
	}{
		{"file", []string{"--input", "testdata/demo.json"}, "", 0, `"assignments"`, ""},
		{"stdin", []string{"--input", "-", "--stats"}, string(demo), 0, `"household"`, "optimal true"},
		{"no input", nil, "", 2, "", "--input is required"},
		{"bad flag", []string{"--colour"}, "", 2, "", "flag provided but not defined: -colour"},
		{"extra argument", []string{"--input", "x.json", "more"}, "", 2, "", `unexpected argument "more"`},
		{"missing file", []string{"--input", "testdata/nope.json"}, "", 1, "", "no such file"},
		{"invalid input", []string{"--input", "testdata/invalid/negative-capacity.json"}, "", 1, "", "negative capacity"},
		{"help", []string{"-h"}, "", 0, "Usage: itinera match", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			code := Main(context.Background(), tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.out) {
				t.Errorf("stdout %q lacks %q", stdout.String(), tt.out)
			}
			if !strings.Contains(stderr.String(), tt.err) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.err)
			}
			if tt.code == 0 && tt.out != "" && tt.name != "help" {
				var res Result
				if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
					t.Errorf("output is not JSON: %v", err)
				}
			}
		})
	}
}
