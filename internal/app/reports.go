package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"itinera"
	"itinera/internal/region"
)

// Reports: the figures of a period for the year-end report every
// community organization owes its funders. Every figure is derived from
// the records, by ReportSummary alone (the local economic inputs are the
// officer's own figures per program, entered once); the reports page, its
// downloads, the year-end report and the API show what it returns.

// Count is one row of a breakdown: a name and how many.
type Count struct {
	Name  string
	Count int
}

// RoleAverage is the mean overall rating of the people of one role.
type RoleAverage struct {
	Role    itinera.FeedbackRole
	Answers int // links answered
	Average
}

// KindStatus is how many collaborations of one kind are at each status.
type KindStatus struct {
	Kind     string
	ByStatus map[itinera.CollaborationStatus]int
}

// Economics are the local economic inputs entered for the programs of
// the period, added up.
type Economics struct {
	ProgramsEntered int // programs whose figures were entered
	HotelNights     int
	HotelCents      int64
	Meals           int
	MealsCents      int64
	TransportCents  int64
}

// TotalCents is what the inputs add up to.
func (e Economics) TotalCents() int64 { return e.HotelCents + e.MealsCents + e.TransportCents }

// Month is the figures of one calendar month of the period.
type Month struct {
	Start                        itinera.Date // its first day
	Programs, Visitors           int
	Meetings, Nights             int
	EveningMinutes, DriveMinutes int
	MeetingMinutes               int
}

// Label is the month as "Jan 2027".
func (m Month) Label() string { return m.Start.In(time.UTC).Format("Jan 2006") }

// Report is the figures of the programs whose dates overlap a period.
type Report struct {
	From, To itinera.Date
	// Programs are those counted: their dates overlap the period and they
	// were not cancelled.
	Programs          []itinera.Program
	Visitors          int
	VisitorsByCountry []Count
	VisitorsByRegion  []Count
	VisitorsBySector  []Count
	MeetingsHeld      int
	MeetingsByTopic   []Count
	// MeetingsByKind counts the meetings held by the kind of their host
	// organization.
	MeetingsByKind []Count
	// OrganizationsEngaged counts the distinct organizations that hosted
	// or joined a meeting held.
	OrganizationsEngaged int
	// OrganizationsByMeetings is how often each organization was met.
	OrganizationsByMeetings []Count
	HostingMinutes          int // recorded when each evening was confirmed: the evening and the household's drive
	DriveMinutes            int // the part of HostingMinutes beyond the evenings' length
	MeetingMinutes          int // the length of each meeting held
	// HourValueCents is the value of a volunteer hour from the settings;
	// 0: none entered.
	HourValueCents         int
	HospitalityNights      int
	Economics              Economics
	CollaborationsByKind   []Count
	CollaborationsByStatus []Count
	Collaborations         []KindStatus // by kind, each by status
	Feedback               Average      // visitors' and interpreters' overall rating
	FeedbackByRole         []RoleAverage
	Months                 []Month
}

// VolunteerHours is the hosting and meeting time volunteered, in hours
// (to the hundredth).
func (r Report) VolunteerHours() float64 { return hours(r.HostingMinutes + r.MeetingMinutes) }

// EveningMinutes is the hosting time at the table: the recorded time less
// the households' drive.
func (r Report) EveningMinutes() int { return r.HostingMinutes - r.DriveMinutes }

// VolunteerValueCents is the volunteer hours' value at the settings' rate
// per hour, in cents; 0 without a rate.
func (r Report) VolunteerValueCents() int64 {
	return int64(r.HostingMinutes+r.MeetingMinutes) * int64(r.HourValueCents) / 60
}

// hours writes minutes as hours to the hundredth.
func hours(minutes int) float64 { return float64(minutes*100/60) / 100 }

// How each figure is counted, as the page and the API documentation say.
const (
	CountedPrograms       = "Programs whose dates overlap the period (from its first to its last day, both included), cancelled programs left out."
	CountedVisitors       = "The visitors of those programs, each once per program; by the country entered for them (“not given” when empty)."
	CountedCountries      = "The distinct countries entered for those visitors (an empty country is not counted)."
	CountedRegions        = "The same visitors by the region of their country, in the regions of " + region.Source + "; a country the table does not know (a misspelling, an empty field) counts as “" + region.Unknown + "”."
	CountedSectors        = "The same visitors by the sector entered on their record (“not given” when empty)."
	CountedMeetings       = "Meetings held: the programs' meetings that are confirmed or in their current itinerary, neither cancelled nor declined. A meeting counts once for each of its topics (“no topic” when it has none)."
	CountedMeetingKinds   = "The meetings held, each once, by the kind of its host organization in the directory."
	CountedOrganizations  = "Distinct organizations of the directory that hosted or joined a meeting held; how often: the meetings held each took part in."
	CountedVolunteerHours = "The hours of the host households' evenings, as recorded when each evening was confirmed (the evening and the household's drive to collect and return its guests), plus the length of each meeting held (its resource's time), once per meeting."
	CountedHosting        = "Hosting: the recorded time of each household and confirmed evening, up to the evening's length. Driving: what was recorded beyond it — the household's drive to collect and return its guests. Drivers of the delegation itself are not counted: Itinera has no record of who drove or for how long (a driver's sheet is printed, no volunteer driver is recorded). Meeting time: the length of each meeting held."
	CountedHourValue      = "The volunteer hours times the value of one volunteer hour entered in the settings (none entered: no value)."
	CountedNights         = "Home-hospitality nights: one per household and confirmed evening it hosted."
	CountedEconomics      = "The local economic inputs as entered for each program on its follow-up page (hotel nights and their cost, meals and their cost, local transport), added up; programs without figures add nothing."
	CountedCollaborations = "What followed those programs, recorded by staff or by visitors, by kind and by status."
	CountedFeedback       = "The mean of the visitors' and interpreters' overall ratings (1 to 5) of those programs."
	CountedFeedbackRoles  = "The mean overall rating (1 to 5) given by the people of each role who answered their feedback link; an answer without a rating is not counted in the mean."
	CountedMonths         = "Each month of the period: programs and their visitors in the month of the program's arrival; meetings held in the month their current itinerary places them (else the arrival's); evenings, their nights and hours in the month of the evening. What falls before or after the period counts in its first or last month."
)

// maxReportDays bounds a report's period: ten years.
const maxReportDays = 3660

// ReportSummary computes the figures of the period from … to (both days
// included): of the organization's programs whose dates overlap it. The
// records are read at once for every program (itinera.ReportReader).
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
	if !from.IsZero() && !to.IsZero() && from.DaysUntil(to) > maxReportDays {
		f.Add("to", "A report covers at most ten years.")
	}
	if err := f.Err("report"); err != nil {
		return out, err
	}
	t := c.tenant()
	st, err := a.r.Settings.Settings(ctx, t)
	if err != nil {
		return out, err
	}
	out.HourValueCents = st.VolunteerHourCents
	rec, err := a.r.Reports.ReportRecords(ctx, t, from, to)
	if err != nil {
		return out, err
	}
	out.Programs = rec.Programs
	if out.Programs == nil {
		out.Programs = []itinera.Program{}
	}
	out.Months = reportMonths(from, to)
	month := func(d itinera.Date) *Month {
		i := (d.Year-from.Year)*12 + int(d.Month) - int(from.Month)
		return &out.Months[max(0, min(i, len(out.Months)-1))]
	}
	programs := map[int64]itinera.Program{}
	for _, p := range rec.Programs {
		programs[p.ID] = p
		month(p.StartDate).Programs++
	}

	countries, regions, sectors := map[string]int{}, map[string]int{}, map[string]int{}
	for _, v := range rec.Visitors {
		out.Visitors++
		country := strings.TrimSpace(v.Country)
		r, _ := region.Of(country)
		regions[r]++
		if country == "" {
			country = "not given"
		}
		countries[country]++
		sector := strings.TrimSpace(v.Sector)
		if sector == "" {
			sector = "not given"
		}
		sectors[sector]++
		month(programs[v.ProgramID].StartDate).Visitors++
	}

	topics, kinds, orgs := map[string]int{}, map[string]int{}, map[string]int{}
	orgIDs := map[int64]bool{}
	planned := map[int64]bool{}
	for id := range rec.Planned {
		planned[id] = true
	}
	for _, m := range heldMeetings(rec.Meetings, planned) {
		out.MeetingsHeld++
		out.MeetingMinutes += m.DurationMinutes
		p := programs[m.ProgramID]
		mo := month(p.StartDate)
		if at, ok := rec.Planned[m.ID]; ok {
			mo = month(itinera.DateOf(at.In(p.Location())))
		}
		mo.Meetings++
		mo.MeetingMinutes += m.DurationMinutes
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
		kind := string(rec.OrganizationKinds[m.HostOrganizationID])
		if kind == "" {
			kind = "not given"
		}
		kinds[kind]++
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

	evenings := map[int64]itinera.HospitalityEvening{}
	eveningMonth := func(e itinera.HospitalityEvening) *Month {
		p := programs[e.ProgramID]
		return month(itinera.DateOf(e.Start.In(p.Location())))
	}
	for _, e := range rec.Evenings {
		evenings[e.ID] = e
		if e.Status != itinera.EveningConfirmed {
			continue
		}
		hosts := map[int64]bool{}
		for _, g := range e.Guests {
			hosts[g.HouseholdID] = true
		}
		out.HospitalityNights += len(hosts)
		eveningMonth(e).Nights += len(hosts)
	}
	for _, h := range rec.Hours {
		out.HostingMinutes += h.Minutes
		e, ok := evenings[h.EveningID]
		drive := 0
		if ok {
			drive = max(0, h.Minutes-e.Minutes())
		}
		out.DriveMinutes += drive
		if ok {
			mo := eveningMonth(e)
			mo.EveningMinutes += h.Minutes - drive
			mo.DriveMinutes += drive
		}
	}

	for _, e := range rec.Economics {
		out.Economics.ProgramsEntered++
		out.Economics.HotelNights += e.HotelNights
		out.Economics.HotelCents += e.HotelCents
		out.Economics.Meals += e.Meals
		out.Economics.MealsCents += e.MealsCents
		out.Economics.TransportCents += e.TransportCents
	}

	ckinds, cstatuses := map[string]int{}, map[string]int{}
	matrix := map[string]map[itinera.CollaborationStatus]int{}
	for _, col := range rec.Collaborations {
		ckinds[string(col.Kind)]++
		cstatuses[string(col.Status)]++
		if matrix[string(col.Kind)] == nil {
			matrix[string(col.Kind)] = map[itinera.CollaborationStatus]int{}
		}
		matrix[string(col.Kind)][col.Status]++
	}

	roles := map[itinera.FeedbackRole]*RoleAverage{}
	for _, r := range itinera.FeedbackRoles {
		roles[r] = &RoleAverage{Role: r}
	}
	for _, l := range rec.Feedback {
		if !l.Answered() {
			continue
		}
		if l.Role.RatesMeetings() {
			out.Feedback.Add(l.Rating)
		}
		if ra := roles[l.Role]; ra != nil {
			ra.Answers++
			ra.Add(l.Rating)
		}
	}
	for _, r := range itinera.FeedbackRoles {
		out.FeedbackByRole = append(out.FeedbackByRole, *roles[r])
	}

	out.OrganizationsEngaged = len(orgIDs)
	out.VisitorsByCountry, out.VisitorsBySector, out.MeetingsByTopic = counts(countries), counts(sectors), counts(topics)
	out.VisitorsByRegion = regionCounts(regions)
	out.MeetingsByKind = counts(kinds)
	out.OrganizationsByMeetings, out.CollaborationsByKind = counts(orgs), counts(ckinds)
	out.CollaborationsByStatus = statusCounts(cstatuses)
	for _, k := range out.CollaborationsByKind {
		out.Collaborations = append(out.Collaborations, KindStatus{Kind: k.Name, ByStatus: matrix[k.Name]})
	}
	return out, nil
}

// reportMonths lists the months of from … to, at most 121.
func reportMonths(from, to itinera.Date) []Month {
	var out []Month
	for y, m := from.Year, int(from.Month); (y < to.Year || (y == to.Year && m <= int(to.Month))) && len(out) <= 121; {
		out = append(out, Month{Start: itinera.Date{Year: y, Month: time.Month(m), Day: 1}})
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
	if len(out) == 0 {
		out = append(out, Month{Start: itinera.Date{Year: from.Year, Month: from.Month, Day: 1}})
	}
	return out
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

// regionCounts lists the regions in their order, those with visitors only.
func regionCounts(m map[string]int) []Count {
	out := []Count{}
	for _, r := range region.Regions {
		if m[r] > 0 {
			out = append(out, Count{Name: r, Count: m[r]})
		}
	}
	return out
}

// statusCounts lists the statuses in their order, those counted only.
func statusCounts(m map[string]int) []Count {
	out := []Count{}
	for _, s := range itinera.CollaborationStatuses {
		if m[string(s)] > 0 {
			out = append(out, Count{Name: string(s), Count: m[string(s)]})
		}
	}
	return out
}

// Money writes cents as an amount in dollars: "$1,234.50".
func Money(cents int64) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	whole := fmt.Sprint(cents / 100)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	s := fmt.Sprintf("$%s.%02d", b.String(), cents%100)
	if neg {
		s = "-" + s
	}
	return s
}
