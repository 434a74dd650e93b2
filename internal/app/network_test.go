package app_test

import (
	"slices"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/demo"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// mustHistory is the demo with its follow-up and its two earlier programs.
func mustHistory(t *testing.T, s *store.Store) (*fixture, []int64) {
	t.Helper()
	f := mustDemo(t, s)
	_, err := demo.LoadRequests(ctx, s.Services(), f.tenant.ID, f.program.ID, f.c.Site)
	must(t, err)
	_, err = demo.LoadFollowUp(ctx, s.Services(), f.tenant.ID, f.program.ID)
	must(t, err)
	ids, err := demo.LoadHistory(ctx, s.Services(), f.tenant.ID, f.program.ID)
	must(t, err)
	return f, ids
}

func orgNamed(t *testing.T, f *fixture, name string) itinera.Organization {
	t.Helper()
	os, err := f.s.Organizations(ctx, f.tenant.ID, itinera.DirectoryFilter{})
	must(t, err)
	for _, o := range os {
		if o.Name == name {
			return o
		}
	}
	t.Fatalf("no organization %q", name)
	return itinera.Organization{}
}

// TestOrganizationAndVisitorHistory, on both databases: an organization's
// history lists every program it met (recounted here from the meetings),
// the countries of the visitors it met, its ratings and the
// collaborations naming it; a visitor's, their meetings with their
// ratings and what followed; another organization finds neither.
func TestOrganizationAndVisitorHistory(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f, ids := mustHistory(t, s)
			ght := orgNamed(t, f, "Gateway Human Trafficking")
			h, err := f.a.OrganizationHistory(ctx, f.c, ght.ID)
			must(t, err)
			want := 0
			for _, pid := range append([]int64{f.program.ID}, ids...) {
				ms, _ := f.s.Meetings(ctx, f.tenant.ID, pid)
				for _, m := range ms {
					if m.Status == itinera.MeetingConfirmed && (m.HostOrganizationID == ght.ID || slices.Contains(m.PartnerOrganizationIDs, ght.ID)) {
						want++
						break
					}
				}
			}
			if len(h.Programs) != want || want < 2 {
				t.Fatalf("%d programs met, want %d", len(h.Programs), want)
			}
			var countries []string
			for _, c := range h.Countries {
				countries = append(countries, c.Country)
			}
			if !slices.Contains(countries, "Nigeria") || !slices.Contains(countries, "Kenya") {
				t.Fatalf("countries %v", countries)
			}
			if h.VisitorRatings.Count == 0 || h.OwnRatings.Count == 0 || len(h.Collaborations) == 0 {
				t.Fatalf("ratings %+v / %+v, %d collaborations", h.VisitorRatings, h.OwnRatings, len(h.Collaborations))
			}
			for _, c := range h.Collaborations {
				if !slices.Contains(c.OrganizationIDs, ght.ID) {
					t.Fatalf("%q does not name it", c.Title)
				}
			}

			vs, err := f.s.Visitors(ctx, f.tenant.ID, ids[0])
			must(t, err)
			var chinedu itinera.Visitor
			for _, v := range vs {
				if v.GivenName == "Chinedu" {
					chinedu = v
				}
			}
			vh, err := f.a.VisitorHistory(ctx, f.c, chinedu.ID)
			must(t, err)
			if vh.Program.ID != ids[0] || len(vh.Meetings) != 5 || vh.Overall == 0 || vh.Meetings[0].Rating == 0 {
				t.Fatalf("visitor history: program %d, %d meetings, overall %d", vh.Program.ID, len(vh.Meetings), vh.Overall)
			}
			if len(vh.Collaborations) != 1 || !strings.Contains(vh.Collaborations[0].Title, "financial investigations") ||
				vh.Organizations[vh.Collaborations[0].OrganizationIDs[0]] != "Federal investigators" {
				t.Fatalf("what followed: %+v %v", vh.Collaborations, vh.Organizations)
			}

			other, oc := mustTenant(t, s, "kc")
			_, err = other.OrganizationHistory(ctx, oc, ght.ID)
			wantCode(t, err, itinera.ENOTFOUND)
			_, err = other.VisitorHistory(ctx, oc, chinedu.ID)
			wantCode(t, err, itinera.ENOTFOUND)
			_, err = other.RankOrganizations(ctx, oc, f.program.ID)
			wantCode(t, err, itinera.ENOTFOUND)
			n, err := other.Network(ctx, oc, app.NetworkFilter{From: itinera.MustDate("2000-01-01"), To: itinera.MustDate("2100-12-31")})
			must(t, err)
			if len(n.Programs) != 0 || len(n.Organizations) != 0 {
				t.Fatalf("another organization's network: %d programs", len(n.Programs))
			}
		})
	}
}

// TestNetwork: the network of a period holds its programs, each
// organization with its meetings held and each country with its visitors
// (recounted here), ties with the collaborations; a theme keeps the
// programs on it; a period that ends before it starts is refused.
func TestNetwork(t *testing.T) {
	t.Parallel()
	s := storetest.SQLite(t)
	f, ids := mustHistory(t, s)
	all := app.NetworkFilter{From: itinera.MustDate("2000-01-01"), To: itinera.MustDate("2100-12-31")}
	n, err := f.a.Network(ctx, f.c, all)
	must(t, err)
	if len(n.Programs) != 3 {
		t.Fatalf("%d programs", len(n.Programs))
	}
	meetings := map[int64]int{}
	visitors := map[string]int{}
	collabs := 0
	for _, pid := range append([]int64{f.program.ID}, ids...) {
		ms, _ := f.s.Meetings(ctx, f.tenant.ID, pid)
		for _, m := range ms {
			if m.Status == itinera.MeetingConfirmed {
				meetings[m.HostOrganizationID]++
				for _, p := range m.PartnerOrganizationIDs {
					meetings[p]++
				}
			}
		}
		vs, _ := f.s.Visitors(ctx, f.tenant.ID, pid)
		for _, v := range vs {
			visitors[v.Country]++
		}
		cs, _ := f.s.Collaborations(ctx, f.tenant.ID, pid)
		collabs += len(cs)
	}
	if len(n.Organizations) != len(meetings) || n.Collaborations != collabs {
		t.Fatalf("%d organizations (want %d), %d collaborations (want %d)", len(n.Organizations), len(meetings), n.Collaborations, collabs)
	}
	for _, o := range n.Organizations {
		if o.Meetings != meetings[o.ID] {
			t.Fatalf("%s: %d meetings, want %d", o.Name, o.Meetings, meetings[o.ID])
		}
	}
	for _, c := range n.Countries {
		if c.Visitors != visitors[c.Country] {
			t.Fatalf("%s: %d visitors, want %d", c.Country, c.Visitors, visitors[c.Country])
		}
	}
	marked := 0
	for _, tie := range n.Ties {
		marked += tie.Collaborations
	}
	if marked == 0 || len(n.Graph.Edges) != len(n.Ties) || len(n.Graph.Organizations) != len(n.Organizations) {
		t.Fatalf("%d collaborations on ties; graph %d edges", marked, len(n.Graph.Edges))
	}

	faith := all
	faith.Theme = "Faith communities"
	fn, err := f.a.Network(ctx, f.c, faith)
	must(t, err)
	if len(fn.Programs) == 0 || len(fn.Programs) >= 3 || !slices.Contains(n.Themes, "faith communities") {
		t.Fatalf("theme: %d programs; themes %v", len(fn.Programs), n.Themes)
	}
	for _, p := range fn.Programs {
		if p.Title == "Justice Sector Reform: Prosecutors and Police" {
			t.Fatal("a program off the theme was kept")
		}
	}
	_, err = f.a.Network(ctx, f.c, app.NetworkFilter{From: itinera.MustDate("2026-05-01"), To: itinera.MustDate("2026-04-01")})
	wantField(t, err, "to")
}

// TestRankOrganizations: for the demo program, the organizations of the
// earlier programs are ranked on its objectives, each with its reason;
// an organization met only by the demo program itself is not.
func TestRankOrganizations(t *testing.T) {
	t.Parallel()
	s := storetest.SQLite(t)
	f, _ := mustHistory(t, s)
	r, err := f.a.RankOrganizations(ctx, f.c, f.program.ID)
	must(t, err)
	if len(r.Ranked) < 5 || r.Ranked[0].MatchingMeetings == 0 || !strings.HasPrefix(r.Ranked[0].Reason, "met ") || r.How == "" {
		t.Fatalf("ranking %+v", r.Ranked)
	}
	for i := 1; i < len(r.Ranked); i++ {
		if r.Ranked[i].Score > r.Ranked[i-1].Score {
			t.Fatal("not in order")
		}
	}
	wusm := orgNamed(t, f, "Washington University School of Medicine")
	for _, x := range r.Ranked {
		if x.ID == wusm.ID {
			t.Fatalf("ranked from the program itself: %+v", x)
		}
	}
}
