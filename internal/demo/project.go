package demo

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"itinera"
	"itinera/internal/app"
)

// The national agency's view of the seed's project (issue 16, part 5;
// docs/projects.md): a fictional national agency designs the three-week
// project — Washington, then St. Louis (the seed's stop, the demo
// program), Kansas City and Seattle — with the demo's nine visitors and its
// interpreter on the roster. Every organization but St. Louis's is
// fictional and made here; the project, its stops, their acceptance and
// the grants are made through the application layer's workflows, as an
// agency and the cities would make them.

// Agency is the demo's national program agency. Its ID is zero: LoadProject
// creates it.
func Agency() itinera.Tenant {
	return itinera.Tenant{Slug: "national-exchange", Name: "National Exchange Agency (fictional)",
		TimeZone: "America/New_York", Kind: itinera.TenantAgency}
}

// stopOrg is a fictional community organization programming a stop.
type stopOrg struct {
	tenant itinera.Tenant
	city   string
}

// stopOrgs are the organizations of the project's stops other than St.
// Louis, in the route's order around it (Washington before, the others
// after).
func stopOrgs() []stopOrg {
	return []stopOrg{
		{itinera.Tenant{Slug: "capital-visitors", Name: "Capital Council for International Visitors (fictional)",
			TimeZone: "America/New_York", Kind: itinera.TenantCommunity}, "Washington, D.C."},
		{itinera.Tenant{Slug: "heartland-exchange", Name: "Heartland World Exchange (fictional)",
			TimeZone: "America/Chicago", Kind: itinera.TenantCommunity}, "Kansas City, Missouri"},
		{itinera.Tenant{Slug: "puget-sound-visitors", Name: "Puget Sound Visitor Exchange (fictional)",
			TimeZone: "America/Los_Angeles", Kind: itinera.TenantCommunity}, "Seattle, Washington"},
	}
}

// ProjectTheme is the demo project's theme.
const ProjectTheme = "How U.S. communities, national agencies and civil society prevent trafficking in persons, " +
	"prosecute traffickers and care for survivors. Washington gives the national picture; each community shows " +
	"its own partnerships. Demo data: the agency, the organizations other than St. Louis's and every person are fictional."

// Project is what LoadProject made.
type Project struct {
	ProjectID int64
	// ProgramID is the St. Louis stop's program: the demo program.
	ProgramID int64
	Agency    itinera.Tenant
}

// LoadProject creates the agency and the other stops' organizations
// (reusing those that exist), then, through the application layer: the
// agency's project with its roster (the demo's visitors and interpreter,
// with private data the agency keeps) and its route of four stops with
// their flights, each stop accepted by its organization — which creates
// the stop's program in that organization's workspace and the grants. The
// St. Louis stop's program is the one the caller then fills with LoadInto;
// city is the demo's organization (Tenant), already created. Its stop's
// days are the demo program's for a database created at created.
func LoadProject(ctx context.Context, a *app.App, s itinera.Services, city itinera.Tenant, created time.Time) (Project, error) {
	d, err := embedded()
	if err != nil {
		return Project{}, err
	}
	agency, err := ensureTenant(ctx, s, Agency())
	if err != nil {
		return Project{}, err
	}
	orgs := stopOrgs()
	for i := range orgs {
		if orgs[i].tenant, err = ensureTenant(ctx, s, orgs[i].tenant); err != nil {
			return Project{}, err
		}
	}
	officer := func(t itinera.Tenant, name string) app.Caller {
		return app.Caller{User: itinera.User{TenantID: t.ID, Role: itinera.RoleOfficer, Name: name}}
	}
	in := app.ProjectInput{
		Project: itinera.Project{Title: d.Program.Title, Theme: ProjectTheme, Objectives: d.Program.Objectives},
		Roster:  roster(d),
		Stops:   route(d, city, orgs, created),
	}
	v, err := a.CreateProject(ctx, officer(agency, "Demo Agency Officer"), in)
	if err != nil {
		return Project{}, fmt.Errorf("demo: the agency's project: %w", err)
	}
	out := Project{ProjectID: v.Project.ID, Agency: agency}
	// St. Louis answers first: its program is the installation's first,
	// as the demo program always was.
	stops := slices.Clone(v.Stops)
	slices.SortStableFunc(stops, func(x, y app.StopView) int {
		return cmp.Compare(boolInt(x.Stop.TenantID != city.ID), boolInt(y.Stop.TenantID != city.ID))
	})
	for _, sv := range stops {
		c := officer(city, "Demo Program Officer")
		for _, o := range orgs {
			if o.tenant.ID == sv.Stop.TenantID {
				c = officer(o.tenant, "Program officer of "+o.tenant.Name)
			}
		}
		st, err := a.AcceptStop(ctx, c, sv.Stop.ID)
		if err != nil {
			return out, fmt.Errorf("demo: accepting the stop in %s: %w", sv.Stop.City, err)
		}
		if st.TenantID == city.ID {
			out.ProgramID = st.ProgramID
		}
	}
	if out.ProgramID == 0 {
		return out, fmt.Errorf("demo: the project has no St. Louis stop")
	}
	return out, nil
}

// LoadAll loads the whole demo for the demo's organization city, already
// created and without programs: the agency's project (LoadProject), the
// demo program as its St. Louis stop (LoadInto) with Tuesday's sub-groups
// applied (ApplySplit), the program's requests,
// hospitality, follow-up and history. baseURL is the site in the request
// e-mails' links.
func LoadAll(ctx context.Context, a *app.App, s itinera.Services, city itinera.Tenant, created time.Time, baseURL string) (Project, error) {
	p, err := LoadProject(ctx, a, s, city, created)
	if err != nil {
		return p, err
	}
	pid := p.ProgramID
	if err := LoadInto(ctx, s, city.ID, pid, created); err != nil {
		return p, err
	}
	if err := ApplySplit(ctx, a, city, pid); err != nil {
		return p, err
	}
	if _, err := LoadRequests(ctx, s, city.ID, pid, baseURL); err != nil {
		return p, err
	}
	if _, err := LoadHospitality(ctx, s, city.ID, pid); err != nil {
		return p, err
	}
	if _, err := LoadFollowUp(ctx, s, city.ID, pid); err != nil {
		return p, err
	}
	if _, err := LoadHistory(ctx, s, city.ID, pid); err != nil {
		return p, err
	}
	return p, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ensureTenant returns the organization of t's slug, creating it if none.
func ensureTenant(ctx context.Context, s itinera.Services, t itinera.Tenant) (itinera.Tenant, error) {
	existing, err := s.Accounts.TenantBySlug(ctx, t.Slug)
	switch itinera.ErrorCode(err) {
	case "":
		return existing, nil
	case itinera.ENOTFOUND:
		if err := s.Accounts.CreateTenant(ctx, &t); err != nil {
			return t, fmt.Errorf("demo: organization %s: %w", t.Slug, err)
		}
		return t, nil
	}
	return t, err
}

// roster is the demo's visitors and interpreter as the agency holds them:
// the profile a program's visitor has, and private data (a passport
// number, obviously fictional) that the cities are not shown.
func roster(d *dataFile) []itinera.RosterMember {
	var out []itinera.RosterMember
	for i, v := range d.Visitors {
		out = append(out, itinera.RosterMember{Role: itinera.RosterVisitor, GivenName: v.GivenName, FamilyName: v.FamilyName,
			Country: v.Country, Position: v.Position, Organization: v.Organization, Email: v.Email,
			Languages: v.Languages, Diets: v.Diets, Allergies: v.Allergies, AccessNeeds: v.AccessNeeds,
			Passport: fmt.Sprintf("DEMO-%04d", 1001+i), Fictional: true})
	}
	for _, id := range d.Interpreters {
		given, family, _ := strings.Cut(id.Name, " ")
		out = append(out, itinera.RosterMember{Role: itinera.RosterInterpreter, GivenName: given, FamilyName: family,
			Email: id.Email, Phone: id.Phone, Languages: id.Languages, Fictional: true})
	}
	return out
}

// route is the project's four stops over three weeks, each starting on
// the previous one's last day, the travel day: Washington (a week), St.
// Louis (the demo program's days: the group lands there late on its first
// day and flies on the morning of its last), Kansas City and Seattle.
// The flight numbers are fictional.
func route(d *dataFile, city itinera.Tenant, orgs []stopOrg, created time.Time) []itinera.ProjectStop {
	stl := StartDate(created)
	end := stl.AddDays(d.Program.DepartureDay)
	at := func(day itinera.Date, hhmm, zone string) time.Time {
		loc, err := itinera.LoadZone(zone)
		if err != nil {
			loc = time.UTC // unreachable: the zones are embedded
		}
		c, _ := itinera.ParseClock(hhmm)
		return day.At(c, loc).UTC()
	}
	const ny, chi, sea = "America/New_York", "America/Chicago", "America/Los_Angeles"
	dc, kc, seattle := orgs[0], orgs[1], orgs[2]
	flight := itinera.TravelFlight
	return []itinera.ProjectStop{
		{City: dc.city, OrganizationSlug: dc.tenant.Slug, StartDate: stl.AddDays(-7), EndDate: stl,
			ArrivalMode: flight, ArrivalRef: "XE 418 from abroad",
			DepartsAt: at(stl.AddDays(-7), "08:10", "Europe/Frankfurt"), ArrivesAt: at(stl.AddDays(-7), "11:05", ny)},
		{City: d.Program.City, OrganizationSlug: city.Slug, TimeZone: d.Program.TimeZone, StartDate: stl, EndDate: end,
			ArrivalMode: flight, ArrivalRef: "XE 1375",
			DepartsAt: at(stl, "18:35", ny), ArrivesAt: at(stl, "19:55", chi)},
		{City: kc.city, OrganizationSlug: kc.tenant.Slug, StartDate: end, EndDate: end.AddDays(5),
			ArrivalMode: flight, ArrivalRef: "XE 2210",
			DepartsAt: at(end, "10:40", chi), ArrivesAt: at(end, "11:50", chi)},
		{City: seattle.city, OrganizationSlug: seattle.tenant.Slug, StartDate: end.AddDays(5), EndDate: end.AddDays(9),
			ArrivalMode: flight, ArrivalRef: "XE 3304",
			DepartsAt: at(end.AddDays(5), "09:15", chi), ArrivesAt: at(end.AddDays(5), "11:20", sea)},
	}
}
