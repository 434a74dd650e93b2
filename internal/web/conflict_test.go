package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestEditConflictKeepsBoth: two officers edit the same meeting. The second
// save, made on the version the first one changed, is refused with the
// conflict shown field by field — what is saved now beside what this
// officer typed — and nothing of either is lost; saving the form again
// keeps what this officer typed. Then the same for every other record
// kind with an edit form.
func TestEditConflictKeepsBoth(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		a := e.signIn(e.a.officer)
		b := e.signIn(e.a.admin)
		edit := "/meetings/" + itoa(e.a.meeting.ID) + "/edit"
		_, docA := a.page(edit, http.StatusOK)
		formA := docA.one(t, "form#record-form").formValues()
		if formA.Get("version") == "" {
			t.Fatal("the edit form carries no version")
		}
		_, docB := b.page(edit, http.StatusOK)
		formB := docB.one(t, "form#record-form").formValues()
		formB.Set("title", "Title from the second officer")
		if res, body := b.post("/meetings/"+itoa(e.a.meeting.ID), formB); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("first save: %d\n%s", res.StatusCode, body)
		}

		formA.Set("audience", "Audience from the first officer")
		res, body := a.post("/meetings/"+itoa(e.a.meeting.ID), formA)
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("stale save: %d, want 409", res.StatusCode)
		}
		doc := parseHTML(t, body)
		rows := map[string][2]string{}
		for _, tr := range doc.all("section.conflict tbody tr") {
			rows[tr.one(t, "th").Text()] = [2]string{tr.one(t, "td.saved").Text(), tr.one(t, "td.typed").Text()}
		}
		if got := rows["Title"]; got[0] != "Title from the second officer" || got[1] != e.a.meeting.Title {
			t.Errorf("title row %v", got)
		}
		if got := rows["Audience"]; got[1] != "Audience from the first officer" {
			t.Errorf("audience row %v", got)
		}
		if _, ok := rows["Duration (minutes)"]; ok {
			t.Error("an unchanged field is listed as a conflict")
		}
		m, err := e.store.Meeting(ctx, e.a.tenant.ID, e.a.meeting.ID)
		must(t, err)
		if m.Title != "Title from the second officer" || m.Audience == "Audience from the first officer" {
			t.Fatalf("a refused save changed the meeting: %q %q", m.Title, m.Audience)
		}
		// The form came back with what was typed, on the new version.
		again := doc.one(t, "form#record-form").formValues()
		if again.Get("audience") != "Audience from the first officer" || again.Get("version") != itoa(int64(m.Version)) {
			t.Fatalf("the form lost what was typed: %v", again)
		}
		if res, _ := a.post("/meetings/"+itoa(e.a.meeting.ID), again); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving again: %d", res.StatusCode)
		}
		m, _ = e.store.Meeting(ctx, e.a.tenant.ID, e.a.meeting.ID)
		if m.Audience != "Audience from the first officer" {
			t.Errorf("audience %q after saving again", m.Audience)
		}

		// Every edit form refuses a save on an older version.
		for _, path := range []string{"/programs/" + itoa(e.a.program.ID), "/visitors/" + itoa(e.a.visitor.ID),
			"/interpreters/" + itoa(e.a.interpreter.ID), "/activities/" + itoa(e.a.activity.ID),
			"/organizations/" + itoa(e.a.org.ID), "/contacts/" + itoa(e.a.contact.ID), "/places/" + itoa(e.a.place.ID),
			"/programs/" + itoa(e.a.program.ID) + "/days/" + e.a.program.StartDate.String()} {
			_, d1 := a.page(path+"/edit", http.StatusOK)
			stale := d1.one(t, "form#record-form").formValues()
			if res, body := b.post(path, d1.one(t, "form#record-form").formValues()); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("%s: first save %d\n%s", path, res.StatusCode, body)
			}
			res, body := a.post(path, stale)
			if res.StatusCode != http.StatusConflict || !strings.Contains(body, "Someone else changed this") {
				t.Errorf("%s: stale save answered %d", path, res.StatusCode)
			}
		}
	})
}

// TestAdminFormsRefuseStaleSaves: the user and settings forms carry their
// version too.
func TestAdminFormsRefuseStaleSaves(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	a := e.signIn(e.a.admin)
	b := e.signIn(e.a.admin)
	for _, path := range []string{"/admin/settings", "/admin/users/" + itoa(e.a.officer.ID)} {
		edit := path
		if strings.HasPrefix(path, "/admin/users/") {
			edit += "/edit"
		}
		_, d := a.page(edit, http.StatusOK)
		stale := d.one(t, "form#record-form").formValues()
		if stale.Get("version") == "" {
			t.Fatalf("%s: no version in the form", edit)
		}
		fresh := d.one(t, "form#record-form").formValues()
		fresh.Set("name", "Changed by the other administrator")
		if res, body := b.post(path, fresh); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: first save %d\n%s", path, res.StatusCode, body)
		}
		res, body := a.post(path, stale)
		if res.StatusCode != http.StatusConflict || !strings.Contains(body, "Changed by the other administrator") {
			t.Errorf("%s: stale save answered %d", path, res.StatusCode)
		}
	}
}
