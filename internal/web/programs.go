package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"itinera"
)

var programsCrumb = crumb{Href: "/programs", Label: "Programs"}

func programCrumb(p itinera.Program) crumb {
	return crumb{Href: "/programs/" + itoa(p.ID), Label: p.Title}
}

// programsView is the programs list, with the import of a program file
// and, when one was just refused, why.
type programsView struct {
	Programs    []itinera.Program
	Total       int
	Next, First string // the pager's links; empty when there is no such page
	ImportError string
}

// programsPageSize is how many programs a page of the list shows.
const programsPageSize = 100

func (ui *UI) programList(w http.ResponseWriter, r *http.Request, s *session) {
	ui.programsPage(w, r, s, http.StatusOK, "")
}

// programsPage shows a page of the programs, latest arrival first: keyset
// paging (?after=DATE.ID, the last program of the page before), so any
// page costs the same however many programs the organization has.
func (ui *UI) programsPage(w http.ResponseWriter, r *http.Request, s *session, status int, importError string) {
	ctx, tid := r.Context(), s.User.TenantID
	after, ok := parseProgramCursor(r.URL.Query().Get("after"))
	if !ok {
		after = itinera.ProgramCursor{} // a mistyped address shows the first page
	}
	ps, err := ui.svc.Programs.ProgramsPage(ctx, tid, after, programsPageSize+1)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := programsView{Programs: ps, ImportError: importError}
	if len(ps) > programsPageSize {
		v.Programs = ps[:programsPageSize]
		last := v.Programs[programsPageSize-1]
		v.Next = "/programs?after=" + last.StartDate.String() + "." + itoa(last.ID)
	}
	if after.ID != 0 {
		v.First = "/programs"
	}
	if v.Total, err = ui.svc.Programs.CountPrograms(ctx, tid); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.render(w, r, s, status, "programs", pageInfo{Title: "Programs", Nav: "programs"}, v)
}

// parseProgramCursor reads "2026-05-04.17"; "" is the first page.
func parseProgramCursor(v string) (itinera.ProgramCursor, bool) {
	if v == "" {
		return itinera.ProgramCursor{}, true
	}
	date, id, ok := strings.Cut(v, ".")
	if !ok {
		return itinera.ProgramCursor{}, false
	}
	d, err := itinera.ParseDate(date)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if err != nil || err2 != nil || n <= 0 {
		return itinera.ProgramCursor{}, false
	}
	return itinera.ProgramCursor{StartDate: d, ID: n}, true
}

// program loads the program named by the path, scoped to the tenant.
func (ui *UI) program(r *http.Request, s *session) (itinera.Program, error) {
	id, err := pathID(r)
	if err != nil {
		return itinera.Program{}, err
	}
	return ui.svc.Programs.Program(r.Context(), s.User.TenantID, id)
}

// placeOptions offers the tenant's places, with a first choice for none.
func (ui *UI) placeOptions(r *http.Request, s *session, none string) ([]option, map[int64]bool, error) {
	ps, err := ui.svc.Directory.Places(r.Context(), s.User.TenantID, itinera.DirectoryFilter{})
	if err != nil {
		return nil, nil, err
	}
	opts := []option{{Value: "", Label: none}}
	for _, p := range ps {
		opts = append(opts, option{Value: itoa(p.ID), Label: p.Name + " (" + string(p.Kind) + ")"})
	}
	return opts, idSet(ps, func(p itinera.Place) int64 { return p.ID }), nil
}

func programFields(places []option) []field {
	return []field{
		{Name: "title", Label: "Project title", Type: "text", Required: true},
		{Name: "project_type", Label: "Kind of project", Type: "text", Hint: "For example IVLP."},
		{Name: "status", Label: "Status", Type: "select", Options: enumOptions(itinera.ProgramStatuses)},
		{Name: "description", Label: "Description", Type: "textarea", Rows: 4},
		{Name: "objectives", Label: "Objectives", Type: "textarea", Rows: 3,
			Hint: "Topics the delegation wants to learn about, separated by commas."},
		{Name: "city", Label: "City", Type: "text", Required: true},
		{Name: "time_zone", Label: "Time zone", Type: "zone", Required: true,
			Hint: "Type the city or its region to choose, such as Chicago for America/Chicago. Every time of the program is shown in it."},
		{Name: "language", Label: "Language", Type: "select", Options: languageOptions(),
			Hint: "The books, packages and release e-mails are written in it; names and notes stay as typed."},
		{Name: "start_date", Label: "Arrival date", Type: "date", Required: true},
		{Name: "end_date", Label: "Departure date", Type: "date", Required: true},
		{Name: "hotel_place_id", Label: "Hotel", Type: "select", Options: places,
			Hint: "Add the hotel to the directory's places first if it is not listed."},
		{Name: "split_lunch", Label: "Lunch on a day the delegation splits", Type: "select", Options: splitLunchOptions,
			Hint: "Together: the sub-groups meet again for lunch. Apart: each sub-group lunches on its own."},
		{Name: "split_cost", Label: "Cost of splitting", Type: "number", Min: "0", Max: itoa(itinera.MaxSplitCost),
			Hint: "How reluctant the planning is to split the delegation into sub-groups: 0 splits freely, " +
				itoa(itinera.DefaultSplitCost) + " (the usual) splits when it lets a few visitors see a meeting they care about, " +
				itoa(itinera.MaxSplitCost) + " almost never. It is weighed against the value of what each visitor attends (one visitor at one meeting of priority 1 is worth 1)."},
	}
}

var splitLunchOptions = []option{
	{Value: string(itinera.LunchTogether), Label: "Together"},
	{Value: string(itinera.LunchApart), Label: "Apart"},
}

func programValues(p itinera.Program) url.Values {
	v := url.Values{}
	setVersion(v, p.Version)
	v.Set("title", p.Title)
	v.Set("project_type", p.ProjectType)
	v.Set("status", string(p.Status))
	v.Set("description", p.Description)
	v.Set("objectives", strings.Join(p.Objectives, ", "))
	v.Set("city", p.City)
	v.Set("time_zone", p.TimeZone)
	v.Set("language", p.Language)
	v.Set("start_date", p.StartDate.String())
	v.Set("end_date", p.EndDate.String())
	if p.HotelPlaceID != 0 {
		v.Set("hotel_place_id", itoa(p.HotelPlaceID))
	}
	v.Set("split_lunch", string(p.SplitLunch))
	v.Set("split_cost", strconv.Itoa(p.SplitCost))
	return v
}

func readProgram(v url.Values, places map[int64]bool) (itinera.Program, itinera.FieldErrors) {
	fr := newFormReader(v)
	p := itinera.Program{
		Title:        fr.str("title"),
		ProjectType:  fr.str("project_type"),
		Status:       itinera.ProgramStatus(fr.str("status")),
		Description:  fr.text("description"),
		Objectives:   fr.list("objectives"),
		City:         fr.str("city"),
		TimeZone:     fr.str("time_zone"),
		Language:     fr.str("language"),
		StartDate:    fr.date("start_date"),
		EndDate:      fr.date("end_date"),
		HotelPlaceID: fr.id("hotel_place_id", places),
		SplitLunch:   itinera.SplitLunch(fr.str("split_lunch")),
		SplitCost:    itinera.DefaultSplitCost,
	}
	if fr.str("split_cost") != "" {
		p.SplitCost = fr.int("split_cost", "Enter a whole number.")
	}
	return p, fr.errs
}

func (ui *UI) programForm(w http.ResponseWriter, r *http.Request, s *session, p *itinera.Program, st formState) {
	places, _, err := ui.placeOptions(r, s, "Not yet known")
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	info := pageInfo{Title: "New program", Nav: "programs", Crumbs: []crumb{programsCrumb}}
	v := formView{Action: "/programs", Submit: "Create program", Cancel: "/programs"}
	if p != nil {
		info = pageInfo{Title: "Edit program", Nav: "programs", Crumbs: []crumb{programsCrumb, programCrumb(*p)}}
		v = formView{Action: "/programs/" + itoa(p.ID), Submit: "Save program", Cancel: "/programs/" + itoa(p.ID),
			Record: p.ID, Delete: "/programs/" + itoa(p.ID) + "/delete", DeleteWhat: "program",
			Intro: "Changing the dates adds default days or removes the days outside them."}
	}
	ui.renderForm(w, r, s, info, st, v, programFields(places))
}

func (ui *UI) programNew(w http.ResponseWriter, r *http.Request, s *session) {
	p := itinera.Program{Status: itinera.ProgramPlanning, SplitLunch: itinera.LunchTogether, SplitCost: itinera.DefaultSplitCost}
	if t, err := ui.svc.Accounts.Tenant(r.Context(), s.User.TenantID); err == nil {
		p.TimeZone = t.TimeZone
	}
	ui.programForm(w, r, s, nil, formState{values: programValues(p)})
}

func (ui *UI) programCreate(w http.ResponseWriter, r *http.Request, s *session) {
	_, places, err := ui.placeOptions(r, s, "")
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	p, perrs := readProgram(r.PostForm, places)
	p.TenantID = s.User.TenantID
	err = write(perrs, p.Validate, "program", func() (err error) {
		p, err = ui.app.CreateProgram(r.Context(), ui.caller(r, s), p)
		return err
	})
	if st, ok := invalid(r.PostForm, err); ok {
		ui.programForm(w, r, s, nil, st)
		return
	} else if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/programs/"+itoa(p.ID), "The program was created.")
}

func (ui *UI) programEdit(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.programForm(w, r, s, &p, formState{values: programValues(p)})
}

func (ui *UI) programUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	old, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	opts, places, err := ui.placeOptions(r, s, "")
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	p, perrs := readProgram(r.PostForm, places)
	p.ID, p.TenantID, p.CreatedAt, p.Version = old.ID, old.TenantID, old.CreatedAt, formVersion(r.PostForm)
	err = write(perrs, p.Validate, "program", func() (err error) {
		p, err = ui.app.UpdateProgram(r.Context(), ui.caller(r, s), p)
		return err
	})
	current := func() (url.Values, error) {
		cur, err := ui.svc.Programs.Program(r.Context(), s.User.TenantID, old.ID)
		return programValues(cur), err
	}
	if !ui.settleForm(w, r, s, err, programFields(opts), current, func(st formState) { ui.programForm(w, r, s, &old, st) }) {
		return
	}
	ui.redirect(w, r, "/programs/"+itoa(p.ID), "The program was saved.")
}

func (ui *UI) programDelete(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err == nil {
		err = ui.app.DeleteProgram(r.Context(), ui.caller(r, s), p.ID)
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/programs", "The program “"+p.Title+"” was deleted.")
}

// day finds the program day named by the path.
func (ui *UI) day(r *http.Request, s *session) (itinera.Program, itinera.Day, error) {
	p, err := ui.program(r, s)
	if err != nil {
		return p, itinera.Day{}, err
	}
	d, err := itinera.ParseDate(r.PathValue("date"))
	if err != nil {
		return p, itinera.Day{}, notFound
	}
	days, err := ui.svc.Programs.Days(r.Context(), s.User.TenantID, p.ID)
	if err != nil {
		return p, itinera.Day{}, err
	}
	for _, day := range days {
		if day.Date == d {
			return p, day, nil
		}
	}
	return p, itinera.Day{}, notFound
}

// travelModeOptions offers the travel modes; with usual set, a first
// choice "as usual" (empty) names the organization's mode.
func travelModeOptions(usual itinera.TravelMode) []option {
	var opts []option
	if usual != "" {
		opts = append(opts, option{Value: "", Label: "As usual: " + usual.Label()})
	}
	for _, m := range itinera.TravelModes {
		opts = append(opts, option{Value: string(m), Label: m.Label()})
	}
	return opts
}

// dayFields are the fields of a day's form; usual is the organization's
// travel mode.
func dayFields(usual itinera.TravelMode) []field {
	return []field{
		{Name: "start", Label: "Leave the hotel from", Type: "time", Required: true},
		{Name: "end", Label: "Back at the hotel by", Type: "time", Required: true},
		{Name: "lunch_from", Label: "Lunch not before", Type: "time"},
		{Name: "lunch_to", Label: "Lunch over by", Type: "time"},
		{Name: "lunch_minutes", Label: "Lunch break (minutes)", Type: "number", Min: "0", Max: "180", Step: "5",
			Hint: "0: no lunch break on this day."},
		{Name: "max_meetings", Label: "Most meetings on this day", Type: "number", Min: "0", Max: "12",
			Hint: "0: no cap."},
		{Name: "travel_mode", Label: "How the delegation travels", Type: "select", Options: travelModeOptions(usual),
			Hint: "The itinerary engine times this day's trips in this mode. The organization's usual mode is in its settings."},
		{Name: "together", Label: "Together", Type: "textarea", Rows: 3,
			Hint: "Parts of the day the delegation must not split (arrival, welcome, a cultural visit, the evening): one a line, as 18:00-21:30 Evening."},
		{Name: "note", Label: "Note", Type: "textarea", Rows: 2},
	}
}

func dayValues(d itinera.Day) url.Values {
	v := url.Values{}
	setVersion(v, d.Version)
	v.Set("start", d.Start.String())
	v.Set("end", d.End.String())
	v.Set("lunch_from", d.LunchFrom.String())
	v.Set("lunch_to", d.LunchTo.String())
	v.Set("lunch_minutes", strconv.Itoa(d.LunchMinutes))
	v.Set("max_meetings", strconv.Itoa(d.MaxMeetings))
	v.Set("note", d.Note)
	v.Set("travel_mode", string(d.TravelMode))
	v.Set("together", itinera.FormatDayParts(d.Together))
	return v
}

func (ui *UI) dayForm(w http.ResponseWriter, r *http.Request, s *session, p itinera.Program, d itinera.Day, st formState) {
	info := pageInfo{Title: "Limits of " + dateLabel(d.Date), Nav: "programs", Crumbs: []crumb{programsCrumb, programCrumb(p)}}
	v := formView{Action: "/programs/" + itoa(p.ID) + "/days/" + d.Date.String(), Submit: "Save day",
		Cancel: programLink(p, "days"),
		Intro:  "Times are local to the program (" + p.TimeZone + ")."}
	ui.renderForm(w, r, s, info, st, v, dayFields(ui.usualTravel(r, s)))
}

func (ui *UI) dayEdit(w http.ResponseWriter, r *http.Request, s *session) {
	p, d, err := ui.day(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.dayForm(w, r, s, p, d, formState{values: dayValues(d)})
}

func (ui *UI) dayUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	p, old, err := ui.day(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	fr := newFormReader(r.PostForm)
	d := itinera.Day{ProgramID: p.ID, Date: old.Date, Version: formVersion(r.PostForm),
		Start: fr.clock("start"), End: fr.clock("end"),
		LunchFrom: old.LunchFrom, LunchTo: old.LunchTo,
		LunchMinutes: fr.int("lunch_minutes", "Enter a whole number of minutes."),
		MaxMeetings:  fr.int("max_meetings", "Enter a whole number."),
		Note:         fr.text("note"), TravelMode: itinera.TravelMode(fr.str("travel_mode")),
		Together: itinera.ParseDayParts(fr.errs, "together", fr.text("together"))}
	if fr.str("lunch_from") != "" || fr.str("lunch_to") != "" || d.LunchMinutes > 0 {
		d.LunchFrom, d.LunchTo = fr.clock("lunch_from"), fr.clock("lunch_to")
	}
	err = write(fr.errs, d.Validate, "day", func() (err error) {
		d, err = ui.app.UpdateDay(r.Context(), ui.caller(r, s), d)
		return err
	})
	current := func() (url.Values, error) {
		_, cur, err := ui.day(r, s)
		return dayValues(cur), err
	}
	if !ui.settleForm(w, r, s, err, dayFields(ui.usualTravel(r, s)), current, func(st formState) { ui.dayForm(w, r, s, p, old, st) }) {
		return
	}
	ui.redirect(w, r, programLink(p, "days"), "The limits of "+dateLabel(d.Date)+" were saved.")
}

// usualTravel is the organization's travel mode; van when its settings
// cannot be read (the form says so only as the label of a choice).
func (ui *UI) usualTravel(r *http.Request, s *session) itinera.TravelMode {
	st, err := ui.svc.Settings.Settings(r.Context(), s.User.TenantID)
	if err != nil || !st.TravelMode.Valid() {
		return itinera.TravelVan
	}
	return st.TravelMode
}

// enumOptions offers the values of a string enumeration as they are named.
// languageOptions are the languages a program can be in.
func languageOptions() []option {
	opts := make([]option, len(itinera.Languages))
	for i, l := range itinera.Languages {
		opts[i] = option{Value: l.Code, Label: l.Name}
	}
	return opts
}

func enumOptions[T ~string](xs []T) []option {
	opts := make([]option, len(xs))
	for i, x := range xs {
		opts[i] = option{Value: string(x), Label: capitalize(string(x))}
	}
	return opts
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
