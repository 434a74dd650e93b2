package app

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"itinera"
	"itinera/internal/sheet"
)

// Reports: the figures of a period for the year-end report every
// community organization owes its funders. Every figure is derived from
// the records, by ReportSummary alone; the reports page, its downloads
// and the API show what it returns.

// Count is one row of a breakdown: a name and how many.
type Count struct {
	Name  string
	Count int
}

// Report is the figures of the programs whose dates overlap a period.
type Report struct {
	From, To itinera.Date
	// Programs are those counted: their dates overlap the period and they
	// were not cancelled.
	Programs          []itinera.Program
	Visitors          int
	VisitorsByCountry []Count
	MeetingsHeld      int
	MeetingsByTopic   []Count
	// OrganizationsEngaged counts the distinct organizations that hosted
	// or joined a meeting held.
	OrganizationsEngaged int
	// OrganizationsByMeetings is how often each organization was met.
	OrganizationsByMeetings []Count
	HostingMinutes          int // recorded when each evening was confirmed
	MeetingMinutes          int // the length of each meeting held
	HospitalityNights       int
	CollaborationsByKind    []Count
	CollaborationsByStatus  []Count
	Feedback                Average // visitors' and interpreters' overall rating
}

// VolunteerHours is the hosting and meeting time volunteered, in hours
// (to the hundredth).
func (r Report) VolunteerHours() float64 {
	return float64((r.HostingMinutes+r.MeetingMinutes)*100/60) / 100
}

// How each figure is counted, as the page and the API documentation say.
const (
	CountedPrograms       = "Programs whose dates overlap the period (from its first to its last day, both included), cancelled programs left out."
	CountedVisitors       = "The visitors of those programs, each once per program; by the country entered for them (“not given” when empty)."
	CountedMeetings       = "Meetings held: the programs' meetings that are confirmed or in their current itinerary, neither cancelled nor declined. A meeting counts once for each of its topics (“no topic” when it has none)."
	CountedOrganizations  = "Distinct organizations of the directory that hosted or joined a meeting held; how often: the meetings held each took part in."
	CountedVolunteerHours = "The hours of the host households' evenings, as recorded when each evening was confirmed, plus the length of each meeting held (its resource's time), once per meeting."
	CountedNights         = "Home-hospitality nights: one per household and confirmed evening it hosted."
	CountedCollaborations = "What followed those programs, recorded by staff or by visitors, by kind and by status."
	CountedFeedback       = "The mean of the visitors' and interpreters' overall ratings (1 to 5) of those programs."
)

// ReportSummary computes the figures of the period from … to (both days
// included): of the organization's programs whose dates overlap it.
func (a *App) ReportSummary(ctx context.Context, c Caller, from, to itinera.Date) (Report, error) {
	out := Report{From: from, To: to}
	if err := mustSignIn(c); err != nil {
		return out, err
	}
	f := itinera.FieldErrors{}
	if from.IsZero() {
		f.Add("from", "Enter the first day of the period, YYYY-MM-DD.")
	}
	if to.IsZero() {
		f.Add("to", "Enter the last day of the period, YYYY-MM-DD.")
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		f.Add("to", "The period must end on or after its first day.")
	}
	if !from.IsZero() && !to.IsZero() && from.DaysUntil(to) > 3660 {
		f.Add("to", "A report covers at most ten years.")
	}
	if err := f.Err("report"); err != nil {
		return out, err
	}
	t := c.tenant()
	ps, err := a.r.Programs.Programs(ctx, t)
	if err != nil {
		return out, err
	}
	countries, topics, kinds, statuses, orgs := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	orgIDs := map[int64]bool{}
	for _, p := range ps {
		if p.Status == itinera.ProgramCancelled || p.EndDate.Before(from) || to.Before(p.StartDate) {
			continue
		}
		out.Programs = append(out.Programs, p)
		vs, err := a.r.People.Visitors(ctx, t, p.ID)
		if err != nil {
			return out, err
		}
		out.Visitors += len(vs)
		for _, v := range vs {
			country := strings.TrimSpace(v.Country)
			if country == "" {
				country = "not given"
			}
			countries[country]++
		}
		_, held, err := programMeetings(ctx, a.r, t, p.ID)
		if err != nil {
			return out, err
		}
		out.MeetingsHeld += len(held)
		for _, m := range held {
			out.MeetingMinutes += m.DurationMinutes
			if len(m.Topics) == 0 {
				topics["no topic"]++
			}
			seen := map[string]bool{}
			for _, tp := range m.Topics {
				if k := strings.ToLower(tp); !seen[k] {
					seen[k] = true
					topics[tp]++
				}
			}
			names := append([]string{m.HostOrganizationName}, m.PartnerOrganizations...)
			for i, id := range append([]int64{m.HostOrganizationID}, m.PartnerOrganizationIDs...) {
				if id == 0 {
					continue
				}
				orgIDs[id] = true
				if i < len(names) {
					orgs[names[i]]++
				}
			}
		}
		hours, err := a.r.Hospitality.VolunteerHours(ctx, t, p.ID)
		if err != nil {
			return out, err
		}
		for _, h := range hours {
			out.HostingMinutes += h.Minutes
		}
		es, err := a.r.Hospitality.Evenings(ctx, t, p.ID)
		if err != nil {
			return out, err
		}
		for _, e := range es {
			if e.Status != itinera.EveningConfirmed {
				continue
			}
			hosts := map[int64]bool{}
			for _, g := range e.Guests {
				hosts[g.HouseholdID] = true
			}
			out.HospitalityNights += len(hosts)
		}
		cs, err := a.r.Feedback.Collaborations(ctx, t, p.ID)
		if err != nil {
			return out, err
		}
		for _, col := range cs {
			kinds[string(col.Kind)]++
			statuses[string(col.Status)]++
		}
		links, err := a.r.Feedback.FeedbackLinks(ctx, t, p.ID)
		if err != nil {
			return out, err
		}
		for _, l := range links {
			if l.Answered() && l.Role.RatesMeetings() {
				out.Feedback.Add(l.Rating)
			}
		}
	}
	out.OrganizationsEngaged = len(orgIDs)
	out.VisitorsByCountry, out.MeetingsByTopic = counts(countries), counts(topics)
	out.OrganizationsByMeetings, out.CollaborationsByKind = counts(orgs), counts(kinds)
	out.CollaborationsByStatus = counts(statuses)
	return out, nil
}

// counts sorts a tally: the most first, then by name.
func counts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{Name: k, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// ReportTables are the tables of a report that can be downloaded.
var ReportTables = []string{"figures", "visitors-by-country", "meetings-by-topic", "organizations", "collaborations-by-kind", "programs"}

// ReportExport is one table of the report of from … to, to download as
// CSV or XLSX like any list.
func (a *App) ReportExport(ctx context.Context, c Caller, from, to itinera.Date, table string) (Export, error) {
	r, err := a.ReportSummary(ctx, c, from, to)
	if err != nil {
		return Export{}, err
	}
	var sh sheet.Sheet
	tally := func(name, what string, xs []Count) sheet.Sheet {
		s := newSheet(name, what, "Count")
		for _, x := range xs {
			s.Rows = append(s.Rows, []string{x.Name, strconv.Itoa(x.Count)})
		}
		return s
	}
	switch table {
	case "figures":
		sh = newSheet("figures", "Figure", "Value", "How it is counted")
		add := func(name, value, how string) { sh.Rows = append(sh.Rows, []string{name, value, how}) }
		add("Programs", strconv.Itoa(len(r.Programs)), CountedPrograms)
		add("Visitors", strconv.Itoa(r.Visitors), CountedVisitors)
		add("Meetings held", strconv.Itoa(r.MeetingsHeld), CountedMeetings)
		add("Organizations engaged", strconv.Itoa(r.OrganizationsEngaged), CountedOrganizations)
		add("Volunteer hours", strconv.FormatFloat(r.VolunteerHours(), 'f', 2, 64), CountedVolunteerHours)
		add("Home-hospitality nights", strconv.Itoa(r.HospitalityNights), CountedNights)
		add("Feedback average", r.Feedback.Label(), CountedFeedback)
	case "visitors-by-country":
		sh = tally("visitors by country", "Country", r.VisitorsByCountry)
	case "meetings-by-topic":
		sh = tally("meetings by topic", "Topic", r.MeetingsByTopic)
	case "organizations":
		sh = tally("organizations", "Organization", r.OrganizationsByMeetings)
	case "collaborations-by-kind":
		sh = tally("collaborations by kind", "Kind", r.CollaborationsByKind)
	case "programs":
		sh = newSheet("programs", "Program", "Start date", "End date", "Visitors", "Status")
		for _, p := range r.Programs {
			sh.Rows = append(sh.Rows, []string{p.Title, p.StartDate.String(), p.EndDate.String(), strconv.Itoa(p.VisitorCount), string(p.Status)})
		}
	default:
		return Export{}, itinera.Errorf(itinera.ENOTFOUND, "There is no report table called %q.", table)
	}
	t, _, err := a.tenantZone(ctx, c)
	if err != nil {
		return Export{}, err
	}
	return Export{Sheet: sh, Name: FileName(t.Slug, "report-"+table, from.String()+"-to-"+to.String())}, nil
}
