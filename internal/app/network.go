package app

import (
	"context"
	"slices"
	"sort"
	"strings"

	"itinera"
	"itinera/internal/network"
)

// The network across programs: what each organization and visitor took
// part in and what followed, the organizations ↔ countries network of a
// period, and the ranking of organizations for a new program. Everything
// is read from the records of every program of the organization (tenant):
// the meetings held, the visitors, the feedback answers and the
// collaborations.

// pastProgram is one program's records as the network reads them.
type pastProgram struct {
	P        itinera.Program
	Visitors []itinera.Visitor
	Held     []itinera.Meeting
	Links    []itinera.FeedbackLink
}

// countries lists the distinct countries of the program's visitors.
func (pp pastProgram) countries() []string {
	var out []string
	for _, v := range pp.Visitors {
		if c := strings.TrimSpace(v.Country); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// organizations of a meeting: its host, then its partners.
func meetingOrgs(m itinera.Meeting) []int64 {
	var out []int64
	if m.HostOrganizationID != 0 {
		out = append(out, m.HostOrganizationID)
	}
	for _, id := range m.PartnerOrganizationIDs {
		if id != 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// pastPrograms reads the tenant's programs that are not cancelled and
// that keep accepts (nil: all), newest first, with their visitors,
// meetings held and feedback.
func (a *App) pastPrograms(ctx context.Context, tenantID int64, keep func(itinera.Program) bool) ([]pastProgram, error) {
	ps, err := a.r.Programs.Programs(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	var out []pastProgram
	for _, p := range ps {
		if p.Status == itinera.ProgramCancelled || (keep != nil && !keep(p)) {
			continue
		}
		pp := pastProgram{P: p}
		if pp.Visitors, err = a.r.People.Visitors(ctx, tenantID, p.ID); err != nil {
			return nil, err
		}
		if _, pp.Held, err = programMeetings(ctx, a.r, tenantID, p.ID); err != nil {
			return nil, err
		}
		if pp.Links, err = a.r.Feedback.FeedbackLinks(ctx, tenantID, p.ID); err != nil {
			return nil, err
		}
		out = append(out, pp)
	}
	return out, nil
}

// orgRatings adds to avg the visitors' ratings of the meetings of pp that
// org hosted, and to own its resources' "how it went".
func orgRatings(pp pastProgram, org int64, visitors, own *Average) {
	hosted := map[int64]bool{}
	for _, m := range pp.Held {
		if m.HostOrganizationID == org {
			hosted[m.ID] = true
		}
	}
	for _, l := range pp.Links {
		if !l.Answered() {
			continue
		}
		if l.Role.RatesMeetings() {
			for _, r := range l.Meetings {
				if hosted[r.MeetingID] {
					visitors.Add(r.Rating)
				}
			}
		} else if l.Role == itinera.FeedbackResource && l.OrganizationID == org {
			own.Add(l.Rating)
		}
	}
}

// OrgProgram is a program an organization met: its meetings held there.
type OrgProgram struct {
	Program  itinera.Program
	Meetings []itinera.Meeting
	Visitors []itinera.Visitor
	// Host is whether it hosted one of them (else it joined as a partner).
	Host bool
}

// CountryCount is a country and how many.
type CountryCount struct {
	Country string
	Count   int
}

// OrganizationHistory is everything an organization took part in.
type OrganizationHistory struct {
	Organization itinera.Organization
	// Programs are those it met, newest first.
	Programs []OrgProgram
	Meetings int // meetings held it hosted or joined
	Visitors int
	// Countries of the visitors it met, the most first.
	Countries []CountryCount
	// VisitorRatings are the visitors' ratings of the meetings it hosted;
	// OwnRatings its resources' "how it went".
	VisitorRatings, OwnRatings Average
	// Collaborations name it, newest first.
	Collaborations []itinera.Collaboration
	// ProgramTitles names the programs of the collaborations.
	ProgramTitles map[int64]string
}

// OrganizationHistory gathers, across all the organization's programs,
// the programs an organization met, the visitors and countries it met,
// its feedback and the collaborations naming it.
func (a *App) OrganizationHistory(ctx context.Context, c Caller, orgID int64) (OrganizationHistory, error) {
	var out OrganizationHistory
	if err := mustSignIn(c); err != nil {
		return out, err
	}
	o, err := a.r.Directory.Organization(ctx, c.tenant(), orgID)
	if err != nil {
		return out, err
	}
	out.Organization = o
	pps, err := a.pastPrograms(ctx, c.tenant(), nil)
	if err != nil {
		return out, err
	}
	countries := map[string]int{}
	out.ProgramTitles = map[int64]string{}
	for _, pp := range pps {
		out.ProgramTitles[pp.P.ID] = pp.P.Title
		op := OrgProgram{Program: pp.P}
		for _, m := range pp.Held {
			if slices.Contains(meetingOrgs(m), orgID) {
				op.Meetings = append(op.Meetings, m)
				op.Host = op.Host || m.HostOrganizationID == orgID
			}
		}
		if len(op.Meetings) == 0 {
			continue
		}
		op.Visitors = pp.Visitors
		out.Programs = append(out.Programs, op)
		out.Meetings += len(op.Meetings)
		out.Visitors += len(pp.Visitors)
		for _, v := range pp.Visitors {
			if c := strings.TrimSpace(v.Country); c != "" {
				countries[c]++
			}
		}
		orgRatings(pp, orgID, &out.VisitorRatings, &out.OwnRatings)
	}
	out.Countries = countryCounts(countries)
	cs, err := a.r.Feedback.Collaborations(ctx, c.tenant(), 0)
	if err != nil {
		return out, err
	}
	for _, col := range cs {
		if slices.Contains(col.OrganizationIDs, orgID) {
			out.Collaborations = append(out.Collaborations, col)
		}
	}
	return out, nil
}

func countryCounts(m map[string]int) []CountryCount {
	out := make([]CountryCount, 0, len(m))
	for k, v := range m {
		out = append(out, CountryCount{Country: k, Count: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Country < out[j].Country
	})
	return out
}

// VisitorMeeting is a meeting of a visitor's program, with their rating.
type VisitorMeeting struct {
	Meeting itinera.Meeting
	Rating  int // 0: not rated
	Comment string
}

// VisitorHistory is a visitor's program, their meetings and what
// followed.
type VisitorHistory struct {
	Visitor  itinera.Visitor
	Program  itinera.Program
	Meetings []VisitorMeeting
	// Overall is their rating of the program (0: none).
	Overall int
	// Collaborations name them, newest first.
	Collaborations []itinera.Collaboration
	// Organizations names the organizations of the collaborations.
	Organizations map[int64]string
}

// VisitorHistory gathers a visitor's program, the meetings held in it
// (with their ratings, when they gave feedback) and the collaborations
// naming them.
func (a *App) VisitorHistory(ctx context.Context, c Caller, visitorID int64) (VisitorHistory, error) {
	var out VisitorHistory
	if err := mustSignIn(c); err != nil {
		return out, err
	}
	v, err := a.r.People.Visitor(ctx, c.tenant(), visitorID)
	if err != nil {
		return out, err
	}
	out.Visitor = v
	if out.Program, err = a.r.Programs.Program(ctx, c.tenant(), v.ProgramID); err != nil {
		return out, err
	}
	_, held, err := programMeetings(ctx, a.r, c.tenant(), v.ProgramID)
	if err != nil {
		return out, err
	}
	links, err := a.r.Feedback.FeedbackLinks(ctx, c.tenant(), v.ProgramID)
	if err != nil {
		return out, err
	}
	rated := map[int64]itinera.MeetingRating{}
	for _, l := range links {
		if l.Role == itinera.FeedbackVisitor && l.PersonID == v.ID && l.Answered() {
			out.Overall = l.Rating
			for _, r := range l.Meetings {
				rated[r.MeetingID] = r
			}
		}
	}
	for _, m := range held {
		r := rated[m.ID]
		out.Meetings = append(out.Meetings, VisitorMeeting{Meeting: m, Rating: r.Rating, Comment: r.Comment})
	}
	cs, err := a.r.Feedback.Collaborations(ctx, c.tenant(), v.ProgramID)
	if err != nil {
		return out, err
	}
	out.Organizations = map[int64]string{}
	for _, col := range cs {
		if !slices.Contains(col.VisitorIDs, v.ID) {
			continue
		}
		out.Collaborations = append(out.Collaborations, col)
		for _, id := range col.OrganizationIDs {
			if _, ok := out.Organizations[id]; ok {
				continue
			}
			o, err := a.r.Directory.Organization(ctx, c.tenant(), id)
			switch itinera.ErrorCode(err) {
			case "":
				out.Organizations[id] = o.Name
			case itinera.ENOTFOUND:
			default:
				return out, err
			}
		}
	}
	return out, nil
}

// NetworkFilter chooses the programs of the network: those whose dates
// overlap From … To, on Theme (a topic among their objectives or their
// meetings' topics; "" for all).
type NetworkFilter struct {
	From, To itinera.Date
	Theme    string
}

// NetworkOrganization is an organization of the network.
type NetworkOrganization struct {
	ID             int64
	Name           string
	Meetings       int // meetings held it hosted or joined
	Programs       int
	Collaborations int
	Countries      []string
}

// NetworkCountry is a country of the network: its visitors, the
// organizations they met.
type NetworkCountry struct {
	Country        string
	Visitors       int
	Meetings       int
	Collaborations int
	Organizations  []string
}

// NetworkTie is an organization and a country tied by meetings held and
// collaborations.
type NetworkTie struct {
	OrganizationID           int64
	Organization, Country    string
	Meetings, Collaborations int
}

// Network is the organizations ↔ countries network of a period.
type Network struct {
	NetworkFilter
	// Themes are the topics the period's programs may be filtered by.
	Themes         []string
	Programs       []itinera.Program
	Organizations  []NetworkOrganization // the most met first
	Countries      []NetworkCountry      // the most met first
	Ties           []NetworkTie
	Collaborations int
	Graph          network.Graph
}

// CheckPeriod checks a period's two days.
func CheckPeriod(from, to itinera.Date) error {
	f := itinera.FieldErrors{}
	if from.IsZero() {
		f.Add("from", "Enter the first day of the period, YYYY-MM-DD.")
	} else {
		itinera.CheckDate(f, "from", from)
	}
	if to.IsZero() {
		f.Add("to", "Enter the last day of the period, YYYY-MM-DD.")
	} else {
		itinera.CheckDate(f, "to", to)
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		f.Add("to", "The period must end on or after its first day.")
	}
	return f.Err("period")
}

// programTopics are a program's objectives and its meetings' topics.
func programTopics(pp pastProgram) []string {
	out := slices.Clone(pp.P.Objectives)
	for _, m := range pp.Held {
		out = append(out, m.Topics...)
	}
	return itinera.CleanList(out)
}

// OrganizationHref and CountryHref are where the network's nodes link to.
func OrganizationHref(id int64) string { return "/organizations/" + itoa(id) }

// CountryHref is a country's row in the network's table.
func CountryHref(country string) string { return "#country-" + CountryAnchor(country) }

// CountryAnchor is a country's id in the page.
func CountryAnchor(country string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(country) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-':
			b.WriteRune('-')
		}
	}
	return b.String()
}

// Network builds the network of the programs of a period.
func (a *App) Network(ctx context.Context, c Caller, f NetworkFilter) (Network, error) {
	out := Network{NetworkFilter: f}
	if err := mustSignIn(c); err != nil {
		return out, err
	}
	f.Theme = strings.TrimSpace(f.Theme)
	out.Theme = f.Theme
	if err := CheckPeriod(f.From, f.To); err != nil {
		return out, err
	}
	pps, err := a.pastPrograms(ctx, c.tenant(), func(p itinera.Program) bool {
		return !p.EndDate.Before(f.From) && !f.To.Before(p.StartDate)
	})
	if err != nil {
		return out, err
	}
	themes := map[string]string{}
	var kept []pastProgram
	for _, pp := range pps {
		ts := programTopics(pp)
		match := f.Theme == ""
		for _, t := range ts {
			themes[strings.ToLower(t)] = t
			match = match || strings.EqualFold(t, f.Theme)
		}
		if match {
			kept = append(kept, pp)
		}
	}
	for _, t := range themes {
		out.Themes = append(out.Themes, t)
	}
	sort.Slice(out.Themes, func(i, j int) bool { return strings.ToLower(out.Themes[i]) < strings.ToLower(out.Themes[j]) })

	orgs := map[int64]*NetworkOrganization{}
	countries := map[string]*NetworkCountry{}
	type key struct {
		org     int64
		country string
	}
	ties := map[key]*NetworkTie{}
	orgPrograms := map[int64]map[int64]bool{}
	// The directory, read once: a network of hundreds of organizations
	// costs one query for their names.
	directory, err := a.r.Directory.Organizations(ctx, c.tenant(), itinera.DirectoryFilter{})
	if err != nil {
		return out, err
	}
	names := make(map[int64]string, len(directory))
	for _, o := range directory {
		names[o.ID] = o.Name
	}
	org := func(id int64) (*NetworkOrganization, error) {
		if orgs[id] == nil {
			name, ok := names[id]
			if !ok {
				return nil, itinera.Errorf(itinera.ENOTFOUND, "no organization %d", id)
			}
			orgs[id] = &NetworkOrganization{ID: id, Name: name}
			orgPrograms[id] = map[int64]bool{}
		}
		return orgs[id], nil
	}
	country := func(name string) *NetworkCountry {
		if countries[name] == nil {
			countries[name] = &NetworkCountry{Country: name}
		}
		return countries[name]
	}
	tie := func(o *NetworkOrganization, cn string) *NetworkTie {
		k := key{o.ID, cn}
		if ties[k] == nil {
			ties[k] = &NetworkTie{OrganizationID: o.ID, Organization: o.Name, Country: cn}
		}
		return ties[k]
	}
	programCountries := map[int64][]string{}
	visitorCountry := map[int64]string{}
	for _, pp := range kept {
		out.Programs = append(out.Programs, pp.P)
		cs := pp.countries()
		programCountries[pp.P.ID] = cs
		for _, v := range pp.Visitors {
			if cn := strings.TrimSpace(v.Country); cn != "" {
				country(cn).Visitors++
				visitorCountry[v.ID] = cn
			}
		}
		for _, m := range pp.Held {
			for _, id := range meetingOrgs(m) {
				o, err := org(id)
				if itinera.ErrorCode(err) == itinera.ENOTFOUND {
					continue
				}
				if err != nil {
					return out, err
				}
				o.Meetings++
				orgPrograms[id][pp.P.ID] = true
				for _, cn := range cs {
					tie(o, cn).Meetings++
				}
			}
			for _, cn := range cs {
				country(cn).Meetings++
			}
		}
	}
	cols, err := a.r.Feedback.Collaborations(ctx, c.tenant(), 0)
	if err != nil {
		return out, err
	}
	for _, col := range cols {
		if _, ok := programCountries[col.ProgramID]; !ok {
			continue
		}
		out.Collaborations++
		var cs []string
		for _, cn := range col.Countries {
			if cn = strings.TrimSpace(cn); cn != "" && !slices.Contains(cs, cn) {
				cs = append(cs, cn)
			}
		}
		for _, v := range col.VisitorIDs {
			if cn := visitorCountry[v]; cn != "" && !slices.Contains(cs, cn) {
				cs = append(cs, cn)
			}
		}
		for _, cn := range cs {
			country(cn).Collaborations++
		}
		for _, id := range col.OrganizationIDs {
			o, err := org(id)
			if itinera.ErrorCode(err) == itinera.ENOTFOUND {
				continue
			}
			if err != nil {
				return out, err
			}
			o.Collaborations++
			for _, cn := range cs {
				tie(o, cn).Collaborations++
			}
		}
	}
	for id, o := range orgs {
		o.Programs = len(orgPrograms[id])
		out.Organizations = append(out.Organizations, *o)
	}
	for _, t := range ties {
		out.Ties = append(out.Ties, *t)
	}
	sort.Slice(out.Ties, func(i, j int) bool {
		a, b := out.Ties[i], out.Ties[j]
		if a.Organization != b.Organization {
			return a.Organization < b.Organization
		}
		if a.OrganizationID != b.OrganizationID {
			return a.OrganizationID < b.OrganizationID
		}
		return a.Country < b.Country
	})
	byOrg := map[int64][]string{}
	byCountry := map[string][]string{}
	for _, t := range out.Ties {
		byOrg[t.OrganizationID] = append(byOrg[t.OrganizationID], t.Country)
		byCountry[t.Country] = append(byCountry[t.Country], t.Organization)
	}
	for i := range out.Organizations {
		o := &out.Organizations[i]
		o.Countries = byOrg[o.ID]
		sort.Strings(o.Countries)
	}
	sort.Slice(out.Organizations, func(i, j int) bool {
		a, b := out.Organizations[i], out.Organizations[j]
		if a.Meetings+2*a.Collaborations != b.Meetings+2*b.Collaborations {
			return a.Meetings+2*a.Collaborations > b.Meetings+2*b.Collaborations
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	for _, cn := range countries {
		cn.Organizations = byCountry[cn.Country]
		out.Countries = append(out.Countries, *cn)
	}
	sort.Slice(out.Countries, func(i, j int) bool {
		a, b := out.Countries[i], out.Countries[j]
		if a.Meetings+2*a.Collaborations != b.Meetings+2*b.Collaborations {
			return a.Meetings+2*a.Collaborations > b.Meetings+2*b.Collaborations
		}
		return a.Country < b.Country
	})
	for _, o := range out.Organizations {
		out.Graph.Organizations = append(out.Graph.Organizations, network.Node{Key: "org-" + itoa(o.ID), Name: o.Name,
			Href: OrganizationHref(o.ID), Meetings: o.Meetings, Collaborations: o.Collaborations})
	}
	for _, cn := range out.Countries {
		out.Graph.Countries = append(out.Graph.Countries, network.Node{Key: cn.Country, Name: cn.Country,
			Href: CountryHref(cn.Country), Meetings: cn.Meetings, Collaborations: cn.Collaborations})
	}
	for _, t := range out.Ties {
		out.Graph.Edges = append(out.Graph.Edges, network.Edge{From: "org-" + itoa(t.OrganizationID), To: t.Country,
			Meetings: t.Meetings, Collaborations: t.Collaborations})
	}
	return out, nil
}

// Ranking is the directory's organizations ranked for a program.
type Ranking struct {
	Program itinera.Program
	// Topics are what the ranking matched: the program's objectives, or
	// its candidate meetings' topics when it has none.
	Topics []string
	Ranked []network.Ranked
	How    string
}

// RankOrganizations ranks the organizations of the directory for a
// program by their meetings held in the other programs (on its topics
// first), their feedback and the collaborations that followed.
func (a *App) RankOrganizations(ctx context.Context, c Caller, programID int64) (Ranking, error) {
	var out Ranking
	if err := mustSignIn(c); err != nil {
		return out, err
	}
	p, err := a.r.Programs.Program(ctx, c.tenant(), programID)
	if err != nil {
		return out, err
	}
	out.Program, out.How = p, network.HowRanked
	out.Topics = slices.Clone(p.Objectives)
	if len(out.Topics) == 0 {
		ms, err := a.r.Candidates.Meetings(ctx, c.tenant(), programID)
		if err != nil {
			return out, err
		}
		for _, m := range ms {
			out.Topics = append(out.Topics, m.Topics...)
		}
		out.Topics = itinera.CleanList(out.Topics)
	}
	pps, err := a.pastPrograms(ctx, c.tenant(), func(x itinera.Program) bool { return x.ID != programID })
	if err != nil {
		return out, err
	}
	records := map[int64]*network.Record{}
	rec := func(id int64, name string) *network.Record {
		if records[id] == nil {
			records[id] = &network.Record{ID: id, Name: name}
		}
		return records[id]
	}
	for _, pp := range pps {
		for _, m := range pp.Held {
			topics := append(slices.Clone(m.Topics), pp.P.Objectives...)
			for _, id := range meetingOrgs(m) {
				name := m.HostOrganizationName
				if id != m.HostOrganizationID {
					for i, pid := range m.PartnerOrganizationIDs {
						if pid == id && i < len(m.PartnerOrganizations) {
							name = m.PartnerOrganizations[i]
						}
					}
				}
				r := rec(id, name)
				r.Meetings = append(r.Meetings, network.PastMeeting{ProgramID: pp.P.ID, Topics: topics})
			}
		}
		for id, r := range records {
			var v, own Average
			orgRatings(pp, id, &v, &own)
			r.RatingSum += v.Sum + own.Sum
			r.Ratings += v.Count + own.Count
		}
	}
	cols, err := a.r.Feedback.Collaborations(ctx, c.tenant(), 0)
	if err != nil {
		return out, err
	}
	for _, col := range cols {
		if col.ProgramID == programID {
			continue
		}
		for _, id := range col.OrganizationIDs {
			if r := records[id]; r != nil {
				r.Collaborations++
			} else if o, err := a.r.Directory.Organization(ctx, c.tenant(), id); err == nil {
				rec(id, o.Name).Collaborations++
			}
		}
	}
	list := make([]network.Record, 0, len(records))
	for _, r := range records {
		list = append(list, *r)
	}
	out.Ranked = network.Rank(out.Topics, list)
	return out, nil
}
