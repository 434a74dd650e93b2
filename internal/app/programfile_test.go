package app_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/programfile"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// mustRichDemo is the demo program with a history: the engine's itinerary
// applied, requests in every state (a draft, one sent, one answered and
// not yet confirmed, one confirmed, one declined) and the hospitality
// evening matched and confirmed.
func mustRichDemo(t testing.TB, s *store.Store) *fixture {
	t.Helper()
	f := mustDemo(t, s)
	a, c := f.a, f.c
	pl, err := a.Propose(ctx, c, f.program.ID, nil)
	must(t, err)
	_, err = a.ApplyPlan(ctx, c, f.program.ID, nil, pl.Digest)
	must(t, err)

	ms, err := s.Meetings(ctx, f.tenant.ID, f.program.ID)
	must(t, err)
	var asked []itinera.Meeting
	for _, m := range ms {
		if m.ContactID != 0 && len(m.Windows) > 0 && len(asked) < 4 {
			asked = append(asked, m)
		}
	}
	if len(asked) < 4 {
		t.Fatalf("the demo has %d meetings with a contact and windows", len(asked))
	}
	send := func(m itinera.Meeting) (itinera.Request, string) {
		t.Helper()
		rq, err := a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Message: "Would you meet them?",
			Windows: m.Windows}, true)
		must(t, err)
		link := linkRE.FindStringSubmatch(f.outbox()[0].TextBody)
		if link == nil {
			t.Fatal("no link in the request e-mail")
		}
		return rq, auth.HashToken(link[1])
	}
	_, err = a.CreateRequest(ctx, c, itinera.Request{MeetingID: asked[0].ID, ContactID: asked[0].ContactID, Windows: asked[0].Windows}, false)
	must(t, err)
	send(asked[0])
	answered, hash := send(asked[1])
	_, err = a.OpenRequest(ctx, hash)
	must(t, err)
	_, err = a.AnswerRequest(ctx, hash, itinera.RequestAnswer{Kind: itinera.AnswerAvailable, Available: asked[1].Windows,
		Comment: "Any of these.", Partners: []string{"Interfaith Partnership"}})
	must(t, err)
	_ = answered
	confirmed, hash := send(asked[2])
	_, err = a.AnswerRequest(ctx, hash, itinera.RequestAnswer{Kind: itinera.AnswerAccept, Slot: asked[2].Windows[0]})
	must(t, err)
	_, err = a.ConfirmRequest(ctx, c, confirmed.ID, asked[2].Windows[0])
	must(t, err)
	declined, _ := send(asked[3])
	_, err = a.DeclineRequest(ctx, c, declined.ID, "Travelling that week.")
	must(t, err)

	_, err = a.MatchEvening(ctx, c, f.evening)
	must(t, err)
	_, err = a.ConfirmEvening(ctx, c, f.evening)
	must(t, err)
	return f
}

// mustTenant makes a new organization with an administrator and the
// application layer on s.
func mustTenant(t *testing.T, s *store.Store, slug string) (*app.App, app.Caller) {
	t.Helper()
	tn := itinera.Tenant{Slug: slug, Name: "Kansas City International Visitors", TimeZone: "America/Chicago"}
	must(t, s.CreateTenant(ctx, &tn))
	u := itinera.User{TenantID: tn.ID, Email: "officer@" + slug + ".example.org", Name: "Officer", Role: itinera.RoleAdmin}
	h, _ := cheap.Hash("correct horse battery staple")
	must(t, s.CreateUser(ctx, &u, h))
	a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap})
	must(t, err)
	return a, app.Caller{User: u, Site: "https://itinera.example.org"}
}

// asMoved is the file an import of f exports: every request as
// programfile.Moved makes it at the import's time, and a new export time.
func asMoved(t *testing.T, f programfile.File, at time.Time) programfile.File {
	t.Helper()
	recs, err := f.Records()
	must(t, err)
	for i := range recs.Requests {
		recs.Requests[i] = programfile.Moved(recs.Requests[i], at)
	}
	out, err := programfile.Build(recs, at)
	must(t, err)
	return out
}

func fileJSON(t *testing.T, f programfile.File) string {
	t.Helper()
	f.ExportedAt = time.Time{}
	var b bytes.Buffer
	must(t, programfile.Encode(&b, f))
	return b.String()
}

// TestProgramFileRoundTrip moves the demo program, with its history, from
// SQLite to a new organization on PostgreSQL and from PostgreSQL to one on
// SQLite. Exported again, the file is the one that left, apart from what
// the format says is not carried: the export time, and the links of the
// requests a resource could still answer (they arrive saying so).
func TestProgramFileRoundTrip(t *testing.T) {
	t.Parallel()
	for _, dir := range []struct{ name, from, to string }{{"sqlite to postgres", "sqlite", "postgres"}, {"postgres to sqlite", "postgres", "sqlite"}} {
		t.Run(dir.name, func(t *testing.T) {
			t.Parallel()
			open := map[string]func(testing.TB) *store.Store{"sqlite": storetest.SQLite, "postgres": storetest.Postgres}
			src := mustRichDemo(t, open[dir.from](t))
			// A travel time of the officer's, to a place nothing else of
			// the program uses, and a day by car.
			places, err := src.s.Places(ctx, src.tenant.ID, itinera.DirectoryFilter{})
			must(t, err)
			far := places[len(places)-1]
			_, err = src.a.SetTravelOverride(ctx, src.c, itinera.TravelOverride{ProgramID: src.program.ID,
				From: src.program.HotelPlaceID, To: far.ID, Minutes: 50, Note: "The bus takes 50 minutes here"})
			must(t, err)
			days, err := src.s.Days(ctx, src.tenant.ID, src.program.ID)
			must(t, err)
			days[1].TravelMode = itinera.TravelCar
			days[1].Together = []itinera.DayPart{{From: itinera.MustClock("09:30"), To: itinera.MustClock("13:00"), Label: "Gateway Arch"}}
			_, err = src.a.UpdateDay(ctx, src.c, days[1])
			must(t, err)
			// Sub-groups: a meeting for two named visitors, lunch apart.
			vs, err := src.s.Visitors(ctx, src.tenant.ID, src.program.ID)
			must(t, err)
			ms, err := src.s.Meetings(ctx, src.tenant.ID, src.program.ID)
			must(t, err)
			named := ms[len(ms)-1]
			named.Attendance = itinera.Attendance{For: itinera.ForVisitors, MaxVisitors: 5, VisitorIDs: []int64{vs[3].ID, vs[1].ID}}
			_, err = src.a.UpdateMeeting(ctx, src.c, named)
			must(t, err)
			prog, err := src.s.Program(ctx, src.tenant.ID, src.program.ID)
			must(t, err)
			prog.SplitLunch, prog.SplitCost = itinera.LunchApart, 6
			_, err = src.a.UpdateProgram(ctx, src.c, prog)
			must(t, err)
			sent, err := src.a.ExportProgram(ctx, src.c, src.program.ID)
			must(t, err)
			namedIn := 0
			for _, m := range sent.Meetings {
				if m.Attendance == "visitors" && len(m.VisitorIDs) == 2 && m.MaxVisitors == 5 {
					namedIn++
				}
			}
			if namedIn != 1 || sent.Program.SplitLunch != "apart" || *sent.Program.SplitCost != 6 || len(sent.Days[1].Together) != 1 {
				t.Fatalf("the file lacks the sub-group settings: %+v, %+v", sent.Program, sent.Days[1])
			}
			if len(sent.TravelTimes) != 1 || sent.TravelTimes[0].Minutes != 50 || sent.Days[1].TravelMode != "car" {
				t.Fatalf("the file lacks the travel settings: %+v, day %+v", sent.TravelTimes, sent.Days[1])
			}
			if len(sent.Requests) != 5 || len(sent.Evenings) != 1 || len(sent.Itineraries) < 2 || len(sent.Households) == 0 ||
				sent.Evenings[0].Status != string(itinera.EveningConfirmed) || len(sent.Evenings[0].VolunteerHours) == 0 {
				t.Fatalf("the exported file lacks the history: %d requests, %d evenings, %d versions, %d households",
					len(sent.Requests), len(sent.Evenings), len(sent.Itineraries), len(sent.Households))
			}

			// Through the file's own bytes, as a move does.
			var buf bytes.Buffer
			must(t, programfile.Encode(&buf, sent))
			if strings.Contains(buf.String(), "token") {
				t.Fatal("the file mentions a token")
			}
			read, err := programfile.Decode(&buf)
			must(t, err)

			dst := open[dir.to](t)
			a, c := mustTenant(t, dst, "kc")
			got, err := a.ImportProgram(ctx, c, read)
			must(t, err)
			if got.Program.Title != src.program.Title || got.Program.TenantID != c.User.TenantID || len(got.Reused) != 0 ||
				got.Created["visitors"] != len(sent.Visitors) || got.Created["places"] != len(sent.Places) || got.SendAgain != 2 {
				t.Fatalf("imported %+v", got)
			}
			back, err := a.ExportProgram(ctx, c, got.Program.ID)
			must(t, err)
			if want, have := fileJSON(t, asMoved(t, sent, storetest.Now())), fileJSON(t, back); want != have {
				t.Fatalf("exported again, the file differs:\n%s", diffLines(want, have))
			}

			// The moved requests say their link must be sent again; sending
			// one again works.
			rqs, err := dst.Requests(ctx, c.User.TenantID, got.Program.ID)
			must(t, err)
			expired := 0
			for _, r := range rqs {
				if r.Status == itinera.RequestExpired {
					expired++
					if r.LastEvent().Kind != itinera.EventImported {
						t.Fatalf("expired request's last event: %+v", r.LastEvent())
					}
					again, err := a.SendRequest(ctx, c, r.ID)
					must(t, err)
					if again.Status != itinera.RequestSent {
						t.Fatalf("sent again: %s", again.Status)
					}
				}
			}
			if expired != 1 {
				t.Fatalf("%d requests arrived expired, want 1", expired)
			}
		})
	}
}

// diffLines shows the first lines where two texts differ.
func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := 0; i < max(len(al), len(bl)) && len(out) < 20; i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, "line "+itoaTest(i+1)+":\n  want "+x+"\n  have "+y)
		}
	}
	return strings.Join(out, "\n")
}

func itoaTest(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestImportProgramMatchesTheDirectory: a program imported into the
// organization it came from reuses its directory records and households
// and makes a second program; the first is untouched.
func TestImportProgramMatchesTheDirectory(t *testing.T) {
	t.Parallel()
	s := storetest.SQLite(t)
	f := mustDemo(t, s)
	file, err := f.a.ExportProgram(ctx, f.c, f.program.ID)
	must(t, err)
	placesBefore, err := s.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{})
	must(t, err)
	got, err := f.a.ImportProgram(ctx, f.c, file)
	must(t, err)
	if got.Program.ID == f.program.ID || got.Created["places"] != 0 || got.Reused["places"] != len(file.Places) ||
		got.Reused["organizations"] != len(file.Organizations) || got.Reused["contacts"] != len(file.Contacts) ||
		got.Reused["households"] != len(file.Households) || got.Created["households"] != 0 {
		t.Fatalf("imported %+v", got)
	}
	placesAfter, err := s.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{})
	must(t, err)
	if len(placesAfter) != len(placesBefore) {
		t.Fatalf("%d places after, %d before", len(placesAfter), len(placesBefore))
	}
	ps, err := s.Programs(ctx, f.tenant.ID)
	must(t, err)
	if len(ps) != 2 {
		t.Fatalf("%d programs", len(ps))
	}
}

// TestImportProgramIsAllOrNothing: a file the store refuses part-way
// (two visitors with one e-mail address) writes nothing — no program, no
// directory record — and the error names the record; a viewer may export
// but not import; another organization's program is not found.
func TestImportProgramIsAllOrNothing(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			file, err := f.a.ExportProgram(ctx, f.c, f.program.ID)
			must(t, err)
			a, c := mustTenant(t, s, "kc")
			file.Visitors[1].Email = file.Visitors[0].Email
			file.Visitors[0].Email = strings.ToUpper(file.Visitors[0].Email)
			if err := file.Check(); err != nil {
				t.Fatalf("the file itself is fine: %v", err)
			}
			_, err = a.ImportProgram(ctx, c, file)
			wantCode(t, err, itinera.EINVALID)
			want := "visitor 2 (“" + file.Visitors[1].GivenName
			if msg := itinera.ErrorMessage(err); !strings.Contains(msg, want) || !strings.Contains(msg, "email:") {
				t.Fatalf("message %q does not name %s and its e-mail", msg, want)
			}
			ps, err := s.Programs(ctx, c.User.TenantID)
			must(t, err)
			places, err := s.Places(ctx, c.User.TenantID, itinera.DirectoryFilter{})
			must(t, err)
			hs, err := s.Households(ctx, c.User.TenantID, itinera.HouseholdFilter{})
			must(t, err)
			if len(ps) != 0 || len(places) != 0 || len(hs) != 0 {
				t.Fatalf("half imported: %d programs, %d places, %d households", len(ps), len(places), len(hs))
			}

			viewer := c
			viewer.User.Role = itinera.RoleViewer
			file.Visitors[1].Email = ""
			_, err = a.ImportProgram(ctx, viewer, file)
			wantCode(t, err, itinera.EFORBIDDEN)
			_, err = a.ExportProgram(ctx, viewer, f.program.ID)
			wantCode(t, err, itinera.ENOTFOUND) // another organization's program
			own, err := a.ImportProgram(ctx, c, file)
			must(t, err)
			if _, err := a.ExportProgram(ctx, viewer, own.Program.ID); err != nil {
				t.Fatalf("a viewer cannot export: %v", err)
			}
			future := file
			future.Version = programfile.Version + 1
			_, err = a.ImportProgram(ctx, c, future)
			wantCode(t, err, itinera.EINVALID)
			if !reflect.DeepEqual(file.Program, future.Program) {
				t.Fatal("the file was changed")
			}
		})
	}
}
