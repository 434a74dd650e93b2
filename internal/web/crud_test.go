package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"itinera"
)

// valueOf returns what a form control shows: an input's value, a
// textarea's text or a select's chosen option values.
func valueOf(t *testing.T, doc *node, id string) string {
	t.Helper()
	n := doc.one(t, "#"+id)
	switch n.tag {
	case "textarea":
		return n.text.String()
	case "select":
		var vs []string
		for _, o := range n.all("option[selected]") {
			vs = append(vs, o.attr("value"))
		}
		return strings.Join(vs, ",")
	}
	return n.attr("value")
}

func TestCreateEditDelete(t *testing.T) {
	t.Parallel()
	type crudCase struct {
		name     string
		create   string
		form     url.Values
		find     func(e *env) (int64, error)
		prefix   string
		change   [2]string // field and new value for the update
		anchorTo string    // where create redirects, by prefix
	}
	cases := func(e *env) []crudCase {
		a := e.a
		pid := itoa(a.program.ID)
		tid := a.tenant.ID
		return []crudCase{
			{name: "program", create: "/programs", prefix: "/programs/",
				form: url.Values{"title": {"Rule of law"}, "project_type": {"IVLP"}, "status": {"planning"},
					"city": {"St. Louis"}, "time_zone": {"America/Chicago"}, "start_date": {"2026-12-12"},
					"end_date": {"2026-12-14"}, "objectives": {"Courts, Policing"}, "hotel_place_id": {itoa(a.place.ID)}},
				change: [2]string{"title", "Rule of law and courts"},
				find: func(e *env) (int64, error) {
					ps, err := e.store.Programs(ctx, tid)
					for _, p := range ps {
						if strings.HasPrefix(p.Title, "Rule of law") {
							return p.ID, nil
						}
					}
					return 0, err
				}},
			{name: "visitor", create: "/programs/" + pid + "/visitors", prefix: "/visitors/",
				form: url.Values{"given_name": {"Kwame"}, "family_name": {"Mensah"}, "country": {"Ghana"},
					"languages": {"English, Twi"}, "diets": {"halal"}, "fictional": {"on"}},
				change: [2]string{"country", "Togo"},
				find: func(e *env) (int64, error) {
					vs, err := e.store.Visitors(ctx, tid, a.program.ID)
					for _, v := range vs {
						if v.GivenName == "Kwame" {
							return v.ID, nil
						}
					}
					return 0, err
				}},
			{name: "interpreter", create: "/programs/" + pid + "/interpreters", prefix: "/interpreters/",
				form:   url.Values{"name": {"Marie Dubois"}, "languages": {"English, French"}},
				change: [2]string{"phone", "+1 314 555 0100"},
				find: func(e *env) (int64, error) {
					is, err := e.store.Interpreters(ctx, tid, a.program.ID)
					for _, i := range is {
						if i.Name == "Marie Dubois" {
							return i.ID, nil
						}
					}
					return 0, err
				}},
			{name: "meeting", create: "/programs/" + pid + "/meetings", prefix: "/meetings/",
				form: url.Values{"title": {"Prosecuting traffickers"}, "host_organization_id": {itoa(a.org.ID)},
					"contact_id": {itoa(a.contact.ID)}, "partner_organization_ids": {itoa(a.partner.ID)},
					"place_id": {itoa(a.place.ID)}, "topics": {"Prosecution, Victim services"},
					"duration_minutes": {"60"}, "priority": {"5"}, "status": {"requested"},
					"windows": {"2026-12-07 09:00-11:00\r\n\r\n2026-12-08  14:00 – 16:30"}},
				change: [2]string{"windows", "2026-12-09 08:00-10:00"},
				find: func(e *env) (int64, error) {
					ms, err := e.store.Meetings(ctx, tid, a.program.ID)
					for _, m := range ms {
						if m.Title == "Prosecuting traffickers" {
							return m.ID, nil
						}
					}
					return 0, err
				}},
			{name: "activity", create: "/programs/" + pid + "/activities", prefix: "/activities/",
				form: url.Values{"title": {"Art Museum"}, "kind": {"cultural"}, "place_id": {itoa(a.place.ID)},
					"duration_minutes": {"90"}, "windows": {"2026-12-06 10:00-17:00"}},
				change: [2]string{"kind", "meal"},
				find: func(e *env) (int64, error) {
					as, err := e.store.Activities(ctx, tid, a.program.ID)
					for _, x := range as {
						if x.Title == "Art Museum" {
							return x.ID, nil
						}
					}
					return 0, err
				}},
			{name: "organization", create: "/organizations", prefix: "/organizations/",
				form: url.Values{"name": {"St. Louis Post-Dispatch"}, "kind": {"media"}, "topics": {"Media and reporting"},
					"website": {"https://www.stltoday.com"}, "place_id": {itoa(a.place.ID)}},
				change: [2]string{"description", "Daily newspaper"},
				find: func(e *env) (int64, error) {
					os, err := e.store.Organizations(ctx, tid, itinera.DirectoryFilter{Query: "Post-Dispatch"})
					if len(os) == 1 {
						return os[0].ID, nil
					}
					return 0, err
				}},
			{name: "contact", create: "/contacts", prefix: "/contacts/",
				form:   url.Values{"organization_id": {itoa(a.partner.ID)}, "name": {"Rumi Price"}, "title": {"Dr."}},
				change: [2]string{"email", "rumi@example.edu"},
				find: func(e *env) (int64, error) {
					cs, err := e.store.Contacts(ctx, tid, itinera.DirectoryFilter{Query: "Rumi"})
					if len(cs) == 1 {
						return cs[0].ID, nil
					}
					return 0, err
				}},
			{name: "place", create: "/places", prefix: "/places/",
				form: url.Values{"name": {"Saint Louis Art Museum"}, "kind": {"site"}, "address": {"1 Fine Arts Dr"},
					"lat": {"38.6393"}, "lon": {"-90.2944"}},
				change: [2]string{"notes", "Free entry"},
				find: func(e *env) (int64, error) {
					ps, err := e.store.Places(ctx, tid, itinera.DirectoryFilter{Query: "Art Museum"})
					if len(ps) == 1 {
						return ps[0].ID, nil
					}
					return 0, err
				}},
		}
	}
	// Subtests are named without "#": the SQLite path would cut there.
	names := []string{"program", "visitor", "interpreter", "meeting", "activity", "organization", "contact", "place"}
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := mustServe(t, nil)
			tc := cases(e)[i]
			c := e.signIn(e.a.officer)

			res, body := c.post(tc.create, tc.form)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("create %s: %d\n%s", tc.name, res.StatusCode, body)
			}
			c.follow(res).one(t, "#flash")
			id, err := tc.find(e)
			if err != nil || id == 0 {
				t.Fatalf("created %s not found: %v", tc.name, err)
			}
			edit := tc.prefix + itoa(id) + "/edit"
			_, doc := c.page(edit, http.StatusOK)
			for k, v := range tc.form {
				if k == "windows" {
					continue
				}
				if got := valueOf(t, doc, "f-"+k); got != strings.Join(v, ",") && !(k == "fictional" && got == "on") {
					t.Errorf("edit form %s = %q, want %q", k, got, v)
				}
			}
			doc.one(t, "details.danger form#delete-form input[name=csrf_token]")

			form := doc.one(t, "form#record-form").formValues()
			form.Set(tc.change[0], tc.change[1])
			res, body = c.post(tc.prefix+itoa(id), form)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("update %s: %d\n%s", tc.name, res.StatusCode, body)
			}
			_, doc = c.page(edit, http.StatusOK)
			if got := valueOf(t, doc, "f-"+tc.change[0]); got != tc.change[1] {
				t.Errorf("after update %s = %q, want %q", tc.change[0], got, tc.change[1])
			}

			res, _ = c.post(tc.prefix+itoa(id)+"/delete", nil)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("delete %s: %d", tc.name, res.StatusCode)
			}
			c.follow(res).one(t, "#flash")
			if res, _ := c.get(edit); res.StatusCode != http.StatusNotFound {
				t.Errorf("deleted %s still there: %d", tc.name, res.StatusCode)
			}
		})
	}
}

func TestMeetingStoredInProgramTime(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	res, body := c.post("/programs/"+itoa(e.a.program.ID)+"/meetings", url.Values{
		"title": {"Newsroom visit"}, "host_organization_id": {itoa(e.a.org.ID)},
		"partner_organization_ids": {itoa(e.a.partner.ID)}, "duration_minutes": {"45"},
		"windows": {"2026-12-07 9:00-11:30"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("%d\n%s", res.StatusCode, body)
	}
	ms, err := e.store.Meetings(ctx, e.a.tenant.ID, e.a.program.ID)
	must(t, err)
	var m itinera.Meeting
	for _, x := range ms {
		if x.Title == "Newsroom visit" {
			m = x
		}
	}
	want := time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC) // 09:00 CST
	if len(m.Windows) != 1 || !m.Windows[0].Start.Equal(want) || m.Windows[0].Minutes() != 150 {
		t.Fatalf("windows %+v", m.Windows)
	}
	if len(m.PartnerOrganizationIDs) != 1 || m.PartnerOrganizationIDs[0] != e.a.partner.ID || m.Priority != 3 {
		t.Fatalf("meeting %+v", m)
	}
	_, doc := c.page("/programs/"+itoa(e.a.program.ID)+"/candidates", http.StatusOK)
	art := doc.one(t, "#meetings article#meeting-"+itoa(m.ID))
	if got := art.one(t, "ul.windows li").Text(); got != "Mon 7 Dec 09:00–11:30 CST" {
		t.Errorf("window shown as %q", got)
	}
	if got := art.Text(); !strings.Contains(got, e.a.partner.Name) || !strings.Contains(got, e.a.org.Name) {
		t.Errorf("meeting card lacks host or partner: %q", got)
	}
}

func TestDayLimits(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	path := "/programs/" + itoa(e.a.program.ID) + "/days/2026-12-07"
	_, doc := c.page(path+"/edit", http.StatusOK)
	if got := valueOf(t, doc, "f-start"); got != "08:30" {
		t.Errorf("start %q", got)
	}
	res, body := c.post(path, url.Values{"start": {"09:00"}, "end": {"17:30"}, "lunch_from": {"12:00"},
		"lunch_to": {"13:30"}, "lunch_minutes": {"45"}, "max_meetings": {"2"}, "note": {"Short day"}, "travel_mode": {"walking"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("%d\n%s", res.StatusCode, body)
	}
	days, err := e.store.Days(ctx, e.a.tenant.ID, e.a.program.ID)
	must(t, err)
	for _, d := range days {
		if d.Date == itinera.MustDate("2026-12-07") &&
			(d.Start != itinera.MustClock("09:00") || d.End != itinera.MustClock("17:30") || d.LunchMinutes != 45 || d.MaxMeetings != 2 || d.Note != "Short day" ||
				d.TravelMode != itinera.TravelWalking) {
			t.Errorf("day %+v", d)
		}
	}
	// The program page says how each day travels; the form offers the
	// organization's mode as the usual one.
	_, doc = c.page("/programs/"+itoa(e.a.program.ID)+"/itinerary", http.StatusOK)
	travel := map[string]int{}
	for _, row := range doc.all("#days tbody tr") {
		cells := row.all("td")
		travel[cells[3].Text()]++
	}
	if travel["Walking"] != 1 || travel["Van (as usual)"] == 0 {
		t.Errorf("the days' travel column: %v", travel)
	}
	_, doc = c.page(path+"/edit", http.StatusOK)
	if got := doc.one(t, "#f-travel_mode option[value='']").Text(); got != "As usual: Van" {
		t.Errorf("usual mode offered as %q", got)
	}
	if res, _ := c.post(path, url.Values{"start": {"09:00"}, "end": {"17:30"}, "travel_mode": {"rocket"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("an unknown mode: %d", res.StatusCode)
	}
	if res, _ := c.get("/programs/" + itoa(e.a.program.ID) + "/days/2027-01-01/edit"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a date outside the program: %d", res.StatusCode)
	}
}

func itinerq(q string) itinera.DirectoryFilter { return itinera.DirectoryFilter{Query: q} }
