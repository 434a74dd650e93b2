// Package icaljstest reads calendars with ical.js, an iCalendar
// implementation independent of Itinera's Go code (tools/icaljs/check.mjs),
// so tests can compare instants, zones, UIDs and sequences with the Go
// values. It needs node and the pinned ical.js (npm ci --prefix
// tools/icaljs); without them the calling test fails, never skips.
package icaljstest

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// Calendar is what check.mjs prints.
type Calendar struct {
	ProdID                 string `json:"prodid"`
	Version                string `json:"version"`
	Method                 string `json:"method"`
	Name                   string `json:"name"`
	CalName                string `json:"calname"`
	RefreshIntervalSeconds int    `json:"refreshIntervalSeconds"`
	PublishedTTL           string `json:"publishedTTL"`
	Source                 string `json:"source"`
	Timezones              []struct {
		TZID        string `json:"tzid"`
		Observances int    `json:"observances"`
	} `json:"timezones"`
	Events []Event `json:"events"`
}

type Event struct {
	UID         string `json:"uid"`
	Sequence    int    `json:"sequence"`
	Summary     string `json:"summary"`
	Description string `json:"description"`
	Location    string `json:"location"`
	Status      string `json:"status"`
	DTStamp     string `json:"dtstamp"`
	Start       *Time  `json:"start"`
	End         *Time  `json:"end"`
	Organizer   *struct {
		Address string `json:"address"`
		CN      string `json:"cn"`
	} `json:"organizer"`
	Attendees []struct {
		Address  string `json:"address"`
		CN       string `json:"cn"`
		PartStat string `json:"partstat"`
		Role     string `json:"role"`
	} `json:"attendees"`
	Categories []string `json:"categories"`
	Alarms     []struct {
		Action         string `json:"action"`
		TriggerSeconds *int   `json:"triggerSeconds"`
	} `json:"alarms"`
}

type Time struct {
	UTC       string `json:"utc"`
	Local     string `json:"local"`
	TZID      string `json:"tzid"`
	ZoneFound bool   `json:"zoneFound"`
	Offset    int    `json:"utcOffsetSeconds"`
}

// RepoRoot walks up from the working directory to the directory of go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("cannot find go.mod above the working directory")
		}
		dir = parent
	}
}

// Read writes b to a temporary file and returns what ical.js read.
func Read(t testing.TB, name string, b []byte) Calendar {
	t.Helper()
	root := RepoRoot(t)
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not installed; install Node.js 20 or newer, then run `npm ci --prefix tools/icaljs`")
	}
	if _, err := os.Stat(filepath.Join(root, "tools", "icaljs", "node_modules", "ical.js", "package.json")); err != nil {
		t.Fatalf("ical.js is not installed: run `npm ci --prefix tools/icaljs` in %s", root)
	}
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join(root, "tools", "icaljs", "check.mjs"), file)
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("ical.js could not read %s: %v\n%s\n%s", name, err, stderr, b)
	}
	var cal Calendar
	if err := json.Unmarshal(out, &cal); err != nil {
		t.Fatalf("check.mjs printed no JSON: %v\n%s", err, out)
	}
	return cal
}
