package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/app"
)

// programView is a section of a program's workspace: the records it
// shows, and the section navigation.
type programView struct {
	Tabs         sectionNav
	P            itinera.Program
	History      *historyView // the program's changes, for administrators
	Zone         string       // "America/Chicago (CDT)"
	Dates        string
	Visitors     []itinera.Visitor
	VisitorCount int             // visitors in the program (Visitors may be a page of them)
	VisitorPage  *delegationPage // the delegation section's page of Visitors
	Interpreters []itinera.Interpreter
	Days         []dayRow
	Meetings     []meetingRow
	Activities   []activityRow
	Itinerary    *itineraryView // nil: no itinerary yet
	Feeds        []feedRow
	Books        *booksView
}

type dayRow struct {
	itinera.Day
	Label, Hours, Lunch, Cap, Travel string
}

type meetingRow struct {
	itinera.Meeting
	Duration string
	Windows  []string
	// ForLabel says whom it is for: "Everyone", "A sub-group", the names.
	ForLabel      string
	LanguageNames []string
	// Answers are what the resources said about it by e-mail, from their
	// calendar or from their link, newest first, each with its request.
	Answers []meetingAnswer
}

// meetingAnswer is one answer of a resource, where it came from and the
// request it is on.
type meetingAnswer struct {
	RequestID      int64
	Who, What, At  string
	Source         string // calendar, e-mail or link
	CounterWaiting bool
}

type activityRow struct {
	itinera.Activity
	Duration string
	Windows  []string
}

type itineraryView struct {
	Version int
	Created string
	Note    string
}

// programView reads what the section shows of the program.
func (ui *UI) programView(r *http.Request, s *session, p itinera.Program, section string) (programView, error) {
	ctx, tid := r.Context(), s.User.TenantID
	loc := p.Location()
	v := programView{Tabs: programTabs(p.ID, section), P: p, Zone: p.ZoneLabel(),
		Dates: dateLabel(p.StartDate) + " – " + dateLabel(p.EndDate)}
	var err error
	// Only the books read the whole delegation: the delegation section
	// reads a page of it, the overview its count, the candidates nothing
	// (a delegation can have thousands; issue 14's memory).
	switch section {
	case "books":
		if v.Visitors, err = ui.svc.People.Visitors(ctx, tid, p.ID); err != nil {
			return v, err
		}
		v.VisitorCount = len(v.Visitors)
	case "delegation":
		after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
		// One more than a page, to know whether there is a next one.
		if v.Visitors, v.VisitorCount, err = ui.svc.People.VisitorPage(ctx, tid, p.ID, after, visitorPageSize+1); err != nil {
			return v, err
		}
		v.VisitorPage = pageOfVisitors(&v.Visitors, v.VisitorCount, after, "/programs/"+itoa(p.ID)+"/delegation")
	case "overview":
		if _, v.VisitorCount, err = ui.svc.People.VisitorPage(ctx, tid, p.ID, 0, 1); err != nil {
			return v, err
		}
	}
	if v.Interpreters, err = ui.svc.People.Interpreters(ctx, tid, p.ID); err != nil {
		return v, err
	}
	days, err := ui.svc.Programs.Days(ctx, tid, p.ID)
	if err != nil {
		return v, err
	}
	usual := itinera.TravelVan
	if st, err := ui.svc.Settings.Settings(ctx, tid); err != nil {
		return v, err
	} else if st.TravelMode.Valid() {
		usual = st.TravelMode
	}
	for _, d := range days {
		row := newDayRow(d, usual)
		v.Days = append(v.Days, row)
	}
	ms, err := ui.svc.Candidates.Meetings(ctx, tid, p.ID)
	if err != nil {
		return v, err
	}
	answers := map[int64][]meetingAnswer{}
	if section == "candidates" {
		rqs, err := ui.svc.Requests.Requests(ctx, tid, p.ID)
		if err != nil {
			return v, err
		}
		for _, rq := range rqs {
			for i := len(rq.Events) - 1; i >= 0; i-- {
				e := rq.Events[i]
				src := app.AnswerSource(e)
				if src == "" {
					continue
				}
				a := meetingAnswer{RequestID: rq.ID, Who: rq.ContactName, What: e.Kind, At: instantLabel(e.At, loc), Source: src,
					CounterWaiting: e.Kind == itinera.EventCounter && rq.Counter != nil}
				if len(answers[rq.MeetingID]) < 5 {
					answers[rq.MeetingID] = append(answers[rq.MeetingID], a)
				}
			}
		}
	}
	names, err := ui.namedVisitors(r, s, p, ms)
	if err != nil {
		return v, err
	}
	for _, m := range ms {
		row := meetingRow{Meeting: m, Duration: durationLabel(m.DurationMinutes),
			Windows: windowLabels(m.Windows, loc), Answers: answers[m.ID], ForLabel: forLabel(m.Attendance, names)}
		for _, l := range m.Languages {
			row.LanguageNames = append(row.LanguageNames, itinera.LanguageLabel(l))
		}
		v.Meetings = append(v.Meetings, row)
	}
	as, err := ui.svc.Candidates.Activities(ctx, tid, p.ID)
	if err != nil {
		return v, err
	}
	for _, a := range as {
		v.Activities = append(v.Activities, activityRow{Activity: a, Duration: durationLabel(a.DurationMinutes),
			Windows: windowLabels(a.Windows, loc)})
	}
	if section != "books" {
		return v, nil
	}
	if v.Feeds, err = ui.feedRows(r, s, p, v.Visitors, v.Interpreters, ms); err != nil {
		return v, err
	}
	it, err := ui.svc.Itineraries.CurrentItinerary(ctx, tid, p.ID)
	switch itinera.ErrorCode(err) {
	case "":
		v.Itinerary = &itineraryView{Version: it.Version, Note: it.Note,
			Created: it.CreatedAt.In(loc).Format("Mon 2 Jan 2006 15:04 MST")}
	case itinera.ENOTFOUND:
	default:
		return v, err
	}
	v.Books, err = ui.booksChoice(r, s, &v)
	return v, err
}

func windowLabels(ws []itinera.Window, loc *time.Location) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = windowLabel(w, loc)
	}
	return out
}

func durationLabel(min int) string {
	switch {
	case min < 60:
		return fmt.Sprintf("%d min", min)
	case min%60 == 0:
		return fmt.Sprintf("%d h", min/60)
	}
	return fmt.Sprintf("%d h %02d min", min/60, min%60)
}

// newDayRow says a day's limits in words, its own travel mode or the
// organization's usual one.
// namedVisitors names the visitors of the program when a meeting names
// some (the delegation is read only then).
func (ui *UI) namedVisitors(r *http.Request, s *session, p itinera.Program, ms []itinera.Meeting) (map[int64]string, error) {
	names := map[int64]string{}
	for _, m := range ms {
		if m.For != itinera.ForVisitors {
			continue
		}
		vs, err := ui.svc.People.Visitors(r.Context(), s.User.TenantID, p.ID)
		for _, v := range vs {
			names[v.ID] = v.Name()
		}
		return names, err
	}
	return names, nil
}

// forLabel says whom a meeting is for.
func forLabel(a itinera.Attendance, names map[int64]string) string {
	switch a.For {
	case itinera.ForSubgroup:
		return "A sub-group"
	case itinera.ForVisitors:
		var ns []string
		for _, id := range a.VisitorIDs {
			ns = append(ns, names[id])
		}
		return strings.Join(ns, ", ")
	}
	return "Everyone"
}

func newDayRow(d itinera.Day, usual itinera.TravelMode) dayRow {
	row := dayRow{Day: d, Label: dateLabel(d.Date), Hours: d.Start.String() + "–" + d.End.String(),
		Lunch: "No lunch break", Cap: "No cap", Travel: usual.Label() + " (as usual)"}
	if d.TravelMode.Valid() {
		row.Travel = d.TravelMode.Label()
	}
	if d.HasLunch() {
		row.Lunch = fmt.Sprintf("%d min between %s and %s", d.LunchMinutes, d.LunchFrom, d.LunchTo)
	}
	if d.MaxMeetings > 0 {
		row.Cap = fmt.Sprintf("At most %d", d.MaxMeetings)
	}
	return row
}
