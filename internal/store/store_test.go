package store_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// Every test here runs on SQLite and on PostgreSQL.
func forBoth(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) { fn(t, s) })
	}
}

var ctx = context.Background()

type fixture struct {
	tenant  itinera.Tenant
	place   itinera.Place
	org     itinera.Organization
	partner itinera.Organization
	contact itinera.Contact
	program itinera.Program
}

func mustFixture(t *testing.T, s *store.Store, slug string) fixture {
	t.Helper()
	f := fixture{tenant: itinera.Tenant{Slug: slug, Name: "Org " + slug, TimeZone: "America/Chicago"}}
	must(t, s.CreateTenant(ctx, &f.tenant))
	f.place = itinera.Place{TenantID: f.tenant.ID, Name: "Gateway Arch", Kind: itinera.PlaceSite, Address: "11 N 4th St, St. Louis, MO", Lat: 38.6247, Lon: -90.1848}
	must(t, s.CreatePlace(ctx, &f.place))
	f.org = itinera.Organization{TenantID: f.tenant.ID, Name: "Gateway Human Trafficking", Kind: itinera.OrgNonprofit, PlaceID: f.place.ID,
		Topics: []string{"Victim services", "public awareness"}}
	must(t, s.CreateOrganization(ctx, &f.org))
	f.partner = itinera.Organization{TenantID: f.tenant.ID, Name: "Interfaith Partnership", Kind: itinera.OrgFaith, Topics: []string{"Faith communities"}}
	must(t, s.CreateOrganization(ctx, &f.partner))
	f.contact = itinera.Contact{TenantID: f.tenant.ID, OrganizationID: f.org.ID, Name: "Shima Rostami", Title: "Executive Director", Email: "shima@example.org"}
	must(t, s.CreateContact(ctx, &f.contact))
	f.program = itinera.Program{TenantID: f.tenant.ID, Title: "Combating Trafficking in Persons", ProjectType: "IVLP", City: "St. Louis",
		TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-12-05"), EndDate: itinera.MustDate("2026-12-09"),
		HotelPlaceID: f.place.ID, Objectives: []string{"Victim services", "Prosecution of traffickers"}}
	must(t, s.CreateProgram(ctx, &f.program))
	return f
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := itinera.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func TestMigrateIsIdempotentAndSchemaChecked(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		applied, err := s.Migrate(ctx)
		must(t, err)
		if len(applied) != 0 {
			t.Fatalf("second Migrate applied %v", applied)
		}
		must(t, s.CheckSchema(ctx))
		v, err := s.SchemaVersion(ctx)
		must(t, err)
		if v != store.LatestVersion() || v < 1 {
			t.Fatalf("schema version %d, latest %d", v, store.LatestVersion())
		}
	})
}

func TestStaleSchemaRefused(t *testing.T) {
	t.Parallel()
	s, err := store.Open(ctx, store.Options{URL: "sqlite:" + t.TempDir() + "/x.db"})
	must(t, err)
	defer s.Close()
	if err := s.CheckSchema(ctx); err == nil {
		t.Fatal("empty database passed the schema check")
	}
}

func TestOpenRejectsBadURL(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"", "mysql://x", "sqlite:"} {
		if s, err := store.Open(ctx, store.Options{URL: u}); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", u)
		}
	}
	if _, err := store.Open(ctx, store.Options{URL: "sqlite:/nonexistent-dir/x/y.db"}); err == nil {
		t.Error("Open on a missing directory succeeded")
	}
}

func TestAccounts(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustFixture(t, s, "acc")
		u := itinera.User{TenantID: f.tenant.ID, Email: " Officer@Example.org ", Name: "Olga", Role: itinera.RoleOfficer}
		must(t, s.CreateUser(ctx, &u, "hash1"))
		if u.Email != "officer@example.org" {
			t.Fatalf("email not normalised: %q", u.Email)
		}
		dup := itinera.User{TenantID: f.tenant.ID, Email: "officer@example.org", Role: itinera.RoleViewer}
		err := s.CreateUser(ctx, &dup, "h")
		wantCode(t, err, itinera.ECONFLICT)
		if itinera.ErrorFields(err)["email"] == "" {
			t.Fatal("duplicate e-mail not named")
		}
		got, hash, err := s.UserByEmail(ctx, "OFFICER@example.org")
		must(t, err)
		if got.ID != u.ID || hash != "hash1" || got.Role != itinera.RoleOfficer {
			t.Fatalf("UserByEmail = %+v %q", got, hash)
		}
		_, _, err = s.UserByEmail(ctx, "nobody@example.org")
		wantCode(t, err, itinera.ENOTFOUND)

		now := storetest.Clock
		se := itinera.Session{TokenHash: "th", UserID: u.ID, CSRFToken: "c", ExpiresAt: now.Add(time.Hour)}
		must(t, s.CreateSession(ctx, &se))
		gs, gu, err := s.SessionByTokenHash(ctx, "th", now)
		must(t, err)
		if gu.ID != u.ID || gs.CSRFToken != "c" || !gs.ExpiresAt.Equal(se.ExpiresAt) {
			t.Fatalf("session = %+v user %+v", gs, gu)
		}
		_, _, err = s.SessionByTokenHash(ctx, "th", now.Add(2*time.Hour))
		wantCode(t, err, itinera.ENOTFOUND)
		n, err := s.DeleteExpiredSessions(ctx, now.Add(2*time.Hour))
		must(t, err)
		if n != 1 {
			t.Fatalf("deleted %d expired sessions", n)
		}

		must(t, s.CreateAPIToken(ctx, &itinera.APIToken{UserID: u.ID, Name: "cli", TokenHash: "tok"}))
		tu, err := s.UserByAPITokenHash(ctx, "tok")
		must(t, err)
		if tu.ID != u.ID {
			t.Fatal("token user mismatch")
		}
		_, err = s.UserByAPITokenHash(ctx, "nope")
		wantCode(t, err, itinera.ENOTFOUND)

		must(t, s.CreateSession(ctx, &itinera.Session{TokenHash: "th2", UserID: u.ID, CSRFToken: "c", ExpiresAt: now.Add(time.Hour)}))
		must(t, s.SetPassword(ctx, u.ID, "hash2"))
		_, _, err = s.SessionByTokenHash(ctx, "th2", now)
		wantCode(t, err, itinera.ENOTFOUND)
	})
}

func TestDirectory(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustFixture(t, s, "dir")
		tid := f.tenant.ID
		o, err := s.Organization(ctx, tid, f.org.ID)
		must(t, err)
		if o.PlaceName != "Gateway Arch" || len(o.Topics) != 2 || o.Topics[0] != "public awareness" {
			t.Fatalf("organization = %+v", o)
		}
		// Search by name, case-insensitively, with LIKE wildcards taken literally.
		for _, tc := range []struct {
			filter itinera.DirectoryFilter
			want   int
		}{
			{itinera.DirectoryFilter{}, 2},
			{itinera.DirectoryFilter{Query: "gateway"}, 1},
			{itinera.DirectoryFilter{Query: "%"}, 0},
			{itinera.DirectoryFilter{Topic: "VICTIM SERVICES"}, 1},
			{itinera.DirectoryFilter{Topic: "faith communities", Query: "inter"}, 1},
			{itinera.DirectoryFilter{Topic: "nothing"}, 0},
			{itinera.DirectoryFilter{Limit: 1}, 1},
		} {
			got, err := s.Organizations(ctx, tid, tc.filter)
			must(t, err)
			if len(got) != tc.want {
				t.Errorf("Organizations(%+v) = %d, want %d", tc.filter, len(got), tc.want)
			}
		}
		cs, err := s.Contacts(ctx, tid, itinera.DirectoryFilter{Query: "human traff"})
		must(t, err)
		if len(cs) != 1 || cs[0].OrganizationName != "Gateway Human Trafficking" {
			t.Fatalf("contacts by organization name = %+v", cs)
		}
		ps, err := s.Places(ctx, tid, itinera.DirectoryFilter{Query: "4th st"})
		must(t, err)
		if len(ps) != 1 {
			t.Fatalf("places by address = %d", len(ps))
		}
		topics, err := s.Topics(ctx, tid)
		must(t, err)
		if len(topics) != 4 { // victim services, public awareness, faith communities, prosecution
			t.Fatalf("topics = %+v", topics)
		}

		// Updates replace topics.
		o.Topics = []string{"Media and reporting"}
		o.Name = "GHT"
		must(t, s.UpdateOrganization(ctx, &o))
		o2, _ := s.Organization(ctx, tid, o.ID)
		if o2.Name != "GHT" || len(o2.Topics) != 1 || o2.Topics[0] != "Media and reporting" {
			t.Fatalf("after update = %+v", o2)
		}

		// Records still in use cannot be deleted; the message says why.
		err = s.DeleteOrganization(ctx, tid, f.org.ID)
		wantCode(t, err, itinera.ECONFLICT)
		err = s.DeletePlace(ctx, tid, f.place.ID)
		wantCode(t, err, itinera.ECONFLICT)
		must(t, s.DeleteContact(ctx, tid, f.contact.ID))
		_, err = s.Contact(ctx, tid, f.contact.ID)
		wantCode(t, err, itinera.ENOTFOUND)
		must(t, s.DeleteOrganization(ctx, tid, f.partner.ID))
		wantCode(t, s.DeleteOrganization(ctx, tid, f.partner.ID), itinera.ENOTFOUND)

		// Validation reaches the caller with field names.
		bad := itinera.Place{TenantID: tid, Kind: "castle", Lat: 100}
		err = s.CreatePlace(ctx, &bad)
		wantCode(t, err, itinera.EINVALID)
		for _, field := range []string{"name", "address", "kind", "lat"} {
			if itinera.ErrorFields(err)[field] == "" {
				t.Errorf("field %s not named in %v", field, err)
			}
		}
	})
}

func TestProgramDaysFollowDates(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustFixture(t, s, "days")
		tid := f.tenant.ID
		days, err := s.Days(ctx, tid, f.program.ID)
		must(t, err)
		if len(days) != 5 || days[0].Date != itinera.MustDate("2026-12-05") || days[4].Date != itinera.MustDate("2026-12-09") {
			t.Fatalf("days = %+v", days)
		}
		d := days[2]
		d.Start, d.MaxMeetings, d.Note = itinera.MustClock("09:15"), 2, "Site visits"
		must(t, s.UpdateDay(ctx, tid, &d))

		p, err := s.Program(ctx, tid, f.program.ID)
		must(t, err)
		if p.HotelName != "Gateway Arch" || len(p.Objectives) != 2 || p.Objectives[0] != "Victim services" {
			t.Fatalf("program = %+v", p)
		}
		p.StartDate, p.EndDate = itinera.MustDate("2026-12-07"), itinera.MustDate("2026-12-10")
		must(t, s.UpdateProgram(ctx, &p))
		days, err = s.Days(ctx, tid, p.ID)
		must(t, err)
		if len(days) != 4 || days[0].Date != itinera.MustDate("2026-12-07") || days[0].Note != "Site visits" || days[0].MaxMeetings != 2 {
			t.Fatalf("days after date change = %+v", days)
		}
		_, err = s.Days(ctx, tid, 999999)
		wantCode(t, err, itinera.ENOTFOUND)

		bad := d
		bad.End = bad.Start
		wantCode(t, s.UpdateDay(ctx, tid, &bad), itinera.EINVALID)
	})
}

func TestPeopleAndCandidates(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustFixture(t, s, "cand")
		tid, pid := f.tenant.ID, f.program.ID
		v := itinera.Visitor{TenantID: tid, ProgramID: pid, GivenName: "Amara", FamilyName: "Okafor", Country: "Nigeria",
			Languages: []string{"English", "Yoruba"}, Diets: []string{"halal"}, Allergies: []string{"cats"}, Interests: []string{"victim services"}, Fictional: true}
		must(t, s.CreateVisitor(ctx, &v))
		i := itinera.Interpreter{TenantID: tid, ProgramID: pid, Name: "Luis Ortega", Languages: []string{"Spanish", "English"}}
		must(t, s.CreateInterpreter(ctx, &i))
		vs, err := s.Visitors(ctx, tid, pid)
		must(t, err)
		if len(vs) != 1 || vs[0].Allergies[0] != "cats" || !vs[0].Fictional || vs[0].Interests[0] != "Victim services" /* the tenant's first spelling */ {
			t.Fatalf("visitors = %+v", vs)
		}
		p, _ := s.Program(ctx, tid, pid)
		if p.VisitorCount != 1 {
			t.Fatalf("visitor count %d", p.VisitorCount)
		}

		loc, _ := time.LoadLocation("America/Chicago")
		w := itinera.Window{Start: time.Date(2026, 12, 8, 9, 0, 0, 0, loc), End: time.Date(2026, 12, 8, 12, 0, 0, 0, loc)}
		m := itinera.Meeting{TenantID: tid, ProgramID: pid, Title: "GHT and partners", HostOrganizationID: f.org.ID, ContactID: f.contact.ID,
			PartnerOrganizationIDs: []int64{f.partner.ID}, PlaceID: f.place.ID, Topics: []string{"Victim services", "Faith communities"},
			DurationMinutes: 120, Windows: []itinera.Window{w}}
		must(t, s.CreateMeeting(ctx, &m))
		got, err := s.Meeting(ctx, tid, m.ID)
		must(t, err)
		if got.HostOrganizationName != "Gateway Human Trafficking" || got.ContactName != "Shima Rostami" ||
			len(got.PartnerOrganizations) != 1 || got.PartnerOrganizations[0] != "Interfaith Partnership" ||
			len(got.Windows) != 1 || !got.Windows[0].Start.Equal(w.Start) || got.Status != itinera.MeetingCandidate || got.Priority != 3 {
			t.Fatalf("meeting = %+v", got)
		}
		// A contact of another organization cannot host.
		other := got
		other.HostOrganizationID = f.partner.ID
		other.PartnerOrganizationIDs = nil
		err = s.UpdateMeeting(ctx, &other)
		wantCode(t, err, itinera.EINVALID)
		if itinera.ErrorFields(err)["contact_id"] == "" {
			t.Fatalf("contact mismatch not named: %v", err)
		}

		a := itinera.Activity{TenantID: tid, ProgramID: pid, Title: "Gateway Arch", Kind: itinera.ActivityCultural, PlaceID: f.place.ID,
			DurationMinutes: 90, Windows: []itinera.Window{{Start: time.Date(2026, 12, 6, 9, 0, 0, 0, loc), End: time.Date(2026, 12, 6, 17, 0, 0, 0, loc)}}}
		must(t, s.CreateActivity(ctx, &a))
		as, err := s.Activities(ctx, tid, pid)
		must(t, err)
		if len(as) != 1 || len(as[0].Windows) != 1 || as[0].PlaceName != "Gateway Arch" {
			t.Fatalf("activities = %+v", as)
		}

		// Itinerary versions.
		_, err = s.CurrentItinerary(ctx, tid, pid)
		wantCode(t, err, itinera.ENOTFOUND)
		it := itinera.Itinerary{TenantID: tid, ProgramID: pid, Note: "first", Items: []itinera.ItineraryItem{
			{ActivityID: a.ID, Start: time.Date(2026, 12, 6, 9, 30, 0, 0, loc), End: time.Date(2026, 12, 6, 11, 0, 0, 0, loc), TravelMinutes: 10},
			{MeetingID: m.ID, Start: time.Date(2026, 12, 8, 9, 30, 0, 0, loc), End: time.Date(2026, 12, 8, 11, 30, 0, 0, loc), Pinned: true},
		}}
		must(t, s.SaveItinerary(ctx, &it))
		it2 := it
		it2.Items = it.Items[1:]
		must(t, s.SaveItinerary(ctx, &it2))
		cur, err := s.CurrentItinerary(ctx, tid, pid)
		must(t, err)
		if cur.Version != 2 || len(cur.Items) != 1 || cur.Items[0].Title != "GHT and partners" || !cur.Items[0].Pinned {
			t.Fatalf("current = %+v", cur)
		}
		overlap := itinera.Itinerary{TenantID: tid, ProgramID: pid, Items: []itinera.ItineraryItem{it.Items[1], it.Items[1]}}
		wantCode(t, s.SaveItinerary(ctx, &overlap), itinera.EINVALID)

		// A split afternoon (issue 15): the meeting for Amara with the
		// interpreter while the others visit the Arch; stored and read as
		// saved, in the current version and in the list of versions.
		v2 := itinera.Visitor{TenantID: tid, ProgramID: pid, GivenName: "Lucía", FamilyName: "Pérez", Country: "Peru", Languages: []string{"Spanish"}}
		must(t, s.CreateVisitor(ctx, &v2))
		split := itinera.Itinerary{TenantID: tid, ProgramID: pid, Items: []itinera.ItineraryItem{
			{MeetingID: m.ID, Start: it.Items[1].Start, End: it.Items[1].End, VisitorIDs: []int64{v.ID}, InterpreterIDs: []int64{i.ID}},
			{ActivityID: a.ID, Start: it.Items[1].Start, End: it.Items[1].End, VisitorIDs: []int64{v2.ID}},
		}}
		must(t, s.SaveItinerary(ctx, &split))
		cur, err = s.CurrentItinerary(ctx, tid, pid)
		must(t, err)
		byMeeting := map[bool]itinera.ItineraryItem{}
		for _, x := range cur.Items {
			byMeeting[x.MeetingID != 0] = x
		}
		if mx, ax := byMeeting[true], byMeeting[false]; len(cur.Items) != 2 || !slices.Equal(mx.VisitorIDs, []int64{v.ID}) ||
			!slices.Equal(mx.InterpreterIDs, []int64{i.ID}) || !slices.Equal(ax.VisitorIDs, []int64{v2.ID}) || len(ax.InterpreterIDs) != 0 ||
			mx.Sequence != 1 /* who attends changed: those who no longer go must hear of it */ {
			t.Fatalf("split itinerary read back as %+v", cur.Items)
		}
		vers, err := s.ItineraryVersions(ctx, tid, pid)
		must(t, err)
		if last := vers[len(vers)-1]; len(last.Items) != 2 || len(vers[0].Items[0].VisitorIDs) != 0 ||
			(len(last.Items[0].VisitorIDs) != 1) || len(last.Items[1].VisitorIDs) != 1 {
			t.Fatalf("versions = %+v", vers)
		}
		// A visitor of another program is refused, naming the items.
		g := mustFixture(t, s, "cand-other")
		stranger := itinera.Visitor{TenantID: g.tenant.ID, ProgramID: g.program.ID, GivenName: "Kofi", FamilyName: "Mensah", Country: "Ghana", Languages: []string{"English"}}
		must(t, s.CreateVisitor(ctx, &stranger))
		bad := split
		bad.Items = []itinera.ItineraryItem{{MeetingID: m.ID, Start: it.Items[1].Start, End: it.Items[1].End, VisitorIDs: []int64{stranger.ID}}}
		err = s.SaveItinerary(ctx, &bad)
		wantCode(t, err, itinera.EINVALID)
		if f := itinera.ErrorFields(err)["items"]; f != "Every visitor an item names must be one of this program's." {
			t.Fatalf("a stranger in an item: %v", err)
		}

		// Deleting the program removes everything of it.
		must(t, s.DeleteProgram(ctx, tid, pid))
		_, err = s.Meeting(ctx, tid, m.ID)
		wantCode(t, err, itinera.ENOTFOUND)
		_, err = s.Visitor(ctx, tid, v.ID)
		wantCode(t, err, itinera.ENOTFOUND)
		must(t, s.DeleteOrganization(ctx, tid, f.partner.ID))
	})
}

// TestTenantIsolation shows that no method reads, changes or links to a
// record of another tenant.
func TestTenantIsolation(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a := mustFixture(t, s, "tenant-a")
		b := mustFixture(t, s, "tenant-b")
		bt := b.tenant.ID
		loc, _ := time.LoadLocation("America/Chicago")
		v := itinera.Visitor{TenantID: a.tenant.ID, ProgramID: a.program.ID, GivenName: "A", Country: "Chile", Languages: []string{"Spanish"}}
		must(t, s.CreateVisitor(ctx, &v))
		m := itinera.Meeting{TenantID: a.tenant.ID, ProgramID: a.program.ID, Title: "A's", HostOrganizationID: a.org.ID, DurationMinutes: 60}
		must(t, s.CreateMeeting(ctx, &m))

		reads := map[string]error{}
		_, reads["program"] = s.Program(ctx, bt, a.program.ID)
		_, reads["days"] = s.Days(ctx, bt, a.program.ID)
		_, reads["organization"] = s.Organization(ctx, bt, a.org.ID)
		_, reads["contact"] = s.Contact(ctx, bt, a.contact.ID)
		_, reads["place"] = s.Place(ctx, bt, a.place.ID)
		_, reads["visitor"] = s.Visitor(ctx, bt, v.ID)
		_, reads["meeting"] = s.Meeting(ctx, bt, m.ID)
		_, reads["itinerary"] = s.CurrentItinerary(ctx, bt, a.program.ID)
		reads["delete program"] = s.DeleteProgram(ctx, bt, a.program.ID)
		reads["delete organization"] = s.DeleteOrganization(ctx, bt, a.org.ID)
		reads["delete contact"] = s.DeleteContact(ctx, bt, a.contact.ID)
		reads["delete visitor"] = s.DeleteVisitor(ctx, bt, v.ID)
		reads["delete meeting"] = s.DeleteMeeting(ctx, bt, m.ID)
		pa := a.program
		pa.TenantID = bt
		reads["update program"] = s.UpdateProgram(ctx, &pa)
		va := v
		va.TenantID = bt
		reads["update visitor"] = s.UpdateVisitor(ctx, &va)
		oa := a.org
		oa.TenantID = bt
		reads["update organization"] = s.UpdateOrganization(ctx, &oa)
		ma := m
		ma.TenantID = bt
		reads["update meeting"] = s.UpdateMeeting(ctx, &ma)
		ca := a.contact
		ca.TenantID = bt
		reads["update contact"] = s.UpdateContact(ctx, &ca)
		pl := a.place
		pl.TenantID = bt
		reads["update place"] = s.UpdatePlace(ctx, &pl)
		reads["delete place"] = s.DeletePlace(ctx, bt, a.place.ID)
		for what, err := range reads {
			if itinera.ErrorCode(err) != itinera.ENOTFOUND {
				t.Errorf("%s of tenant A as tenant B: %v, want not found", what, err)
			}
		}
		// Lists of B never include A's records.
		vs, _ := s.Visitors(ctx, bt, a.program.ID)
		ms, _ := s.Meetings(ctx, bt, a.program.ID)
		if len(vs) != 0 || len(ms) != 0 {
			t.Errorf("B sees A's visitors %d, meetings %d", len(vs), len(ms))
		}
		// B cannot link its records to A's.
		bm := itinera.Meeting{TenantID: bt, ProgramID: b.program.ID, Title: "x", HostOrganizationID: a.org.ID, DurationMinutes: 60,
			PartnerOrganizationIDs: []int64{a.partner.ID}, PlaceID: a.place.ID, ContactID: a.contact.ID}
		err := s.CreateMeeting(ctx, &bm)
		wantCode(t, err, itinera.EINVALID)
		for _, field := range []string{"host_organization_id", "partner_organization_ids", "place_id", "contact_id"} {
			if itinera.ErrorFields(err)[field] == "" {
				t.Errorf("link to A's %s not refused: %v", field, err)
			}
		}
		bv := itinera.Visitor{TenantID: bt, ProgramID: a.program.ID, GivenName: "B", Country: "Peru", Languages: []string{"Spanish"}}
		wantCode(t, s.CreateVisitor(ctx, &bv), itinera.EINVALID)
		it := itinera.Itinerary{TenantID: bt, ProgramID: b.program.ID, Items: []itinera.ItineraryItem{
			{MeetingID: m.ID, Start: time.Date(2026, 12, 7, 9, 0, 0, 0, loc), End: time.Date(2026, 12, 7, 10, 0, 0, 0, loc)}}}
		wantCode(t, s.SaveItinerary(ctx, &it), itinera.EINVALID)
		bc := itinera.Contact{TenantID: bt, OrganizationID: a.org.ID, Name: "x"}
		wantCode(t, s.CreateContact(ctx, &bc), itinera.EINVALID)
		bp := b.program
		bp.HotelPlaceID = a.place.ID
		wantCode(t, s.UpdateProgram(ctx, &bp), itinera.EINVALID)
		// A's records are untouched.
		if _, err := s.Meeting(ctx, a.tenant.ID, m.ID); err != nil {
			t.Fatalf("A's meeting gone: %v", err)
		}
	})
}

// A database path with URI-special characters opens that file, not a
// truncated one.
func TestSQLitePathWithSpecialCharacters(t *testing.T) {
	t.Parallel()
	dir := t.TempDir() + "/odd #1?x=y%20"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, store.Options{URL: "sqlite:" + dir + "/itinera.db"})
	must(t, err)
	defer s.Close()
	_, err = s.Migrate(ctx)
	must(t, err)
	if _, err := os.Stat(dir + "/itinera.db"); err != nil {
		t.Fatalf("database not at its path: %v", err)
	}
}

// TestNestedTransactionIsASavepoint: an inner InTx that fails rolls back
// only its own writes, on both databases (PostgreSQL refuses every
// statement after a failed one unless the savepoint is rolled back), and
// the outer transaction commits the rest.
func TestNestedTransactionIsASavepoint(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			tn := itinera.Tenant{Slug: "savepoints", Name: "Savepoints", TimeZone: "UTC"}
			if err := s.CreateTenant(ctx, &tn); err != nil {
				t.Fatal(err)
			}
			place := func(n string) *itinera.Place {
				return &itinera.Place{TenantID: tn.ID, Name: n, Kind: itinera.PlaceVenue, Address: "1 Main St", Lat: 1, Lon: 1}
			}
			prog := itinera.Program{TenantID: tn.ID, Title: "P", City: "X", TimeZone: "UTC", StartDate: itinera.MustDate("2027-01-04"),
				EndDate: itinera.MustDate("2027-01-05")}
			if err := s.CreateProgram(ctx, &prog); err != nil {
				t.Fatal(err)
			}
			visitor := func(n string) *itinera.Visitor {
				return &itinera.Visitor{TenantID: tn.ID, ProgramID: prog.ID, GivenName: n, Country: "Chad", Languages: []string{"French"},
					Interests: []string{"a topic born in a savepoint"}}
			}
			inner := errors.New("inner")
			err := s.InTx(ctx, func(ctx context.Context) error {
				if err := s.CreatePlace(ctx, place("kept")); err != nil {
					return err
				}
				err := s.InTx(ctx, func(ctx context.Context) error {
					if err := s.CreatePlace(ctx, place("dropped")); err != nil {
						return err
					}
					// The topic is created here, and remembered for the
					// transaction: the rollback must make it forget.
					if err := s.CreateVisitor(ctx, visitor("dropped")); err != nil {
						return err
					}
					// A failing statement: on PostgreSQL the transaction is aborted
					// until the savepoint is rolled back.
					_ = s.CreatePlace(ctx, &itinera.Place{TenantID: tn.ID + 1000, Name: "x", Kind: itinera.PlaceVenue, Address: "x", Lat: 1, Lon: 1})
					return inner
				})
				if !errors.Is(err, inner) {
					t.Errorf("inner error %v", err)
				}
				if err := s.CreateVisitor(ctx, visitor("after")); err != nil {
					return err
				}
				return s.CreatePlace(ctx, place("after"))
			})
			if err != nil {
				t.Fatal(err)
			}
			ps, err := s.Places(ctx, tn.ID, itinera.DirectoryFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, p := range ps {
				names = append(names, p.Name)
			}
			if strings.Join(names, ",") != "after,kept" {
				t.Fatalf("places %v", names)
			}
			vs, err := s.Visitors(ctx, tn.ID, prog.ID)
			if err != nil || len(vs) != 1 || len(vs[0].Interests) != 1 {
				t.Fatalf("visitors %+v, %v", vs, err)
			}
		})
	}
}
