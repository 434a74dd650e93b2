package itinera

import (
	"fmt"
	"strings"
	"time"
)

// ProgramStatus is where a program is in its life.
type ProgramStatus string

// Program statuses.
const (
	ProgramPlanning  ProgramStatus = "planning"
	ProgramReleased  ProgramStatus = "released"
	ProgramRunning   ProgramStatus = "running"
	ProgramCompleted ProgramStatus = "completed"
	ProgramCancelled ProgramStatus = "cancelled"
)

// ProgramStatuses lists the statuses in life order.
var ProgramStatuses = []ProgramStatus{ProgramPlanning, ProgramReleased, ProgramRunning, ProgramCompleted, ProgramCancelled}

// SplitLunch says how sub-groups lunch on a day the delegation splits.
type SplitLunch string

// Lunch when the delegation splits.
const (
	LunchTogether SplitLunch = "together"
	LunchApart    SplitLunch = "apart"
)

// SplitLunches lists the choices in the order the UI offers them.
var SplitLunches = []SplitLunch{LunchTogether, LunchApart}

// The split cost's default and bounds (Program.SplitCost).
const (
	DefaultSplitCost = 3
	MaxSplitCost     = 50
)

// MaxProgramDays bounds a program's length; longer visits are split into programs.
const MaxProgramDays = 60

// Program is one visit of a delegation to the tenant's city: its project,
// objectives (as topics), dates, time zone and hotel.
type Program struct {
	ID int64
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version     int
	TenantID    int64
	Title       string
	ProjectType string // e.g. "IVLP"
	Description string
	Objectives  []string // topic names
	City        string
	TimeZone    string // IANA name
	// Language is the code of the language its books, packages and
	// release e-mails are in (itinera.Languages); "en" when none is given.
	Language     string
	StartDate    Date  // arrival day
	EndDate      Date  // departure day
	HotelPlaceID int64 // 0: not yet known
	HotelName    string
	Status       ProgramStatus
	// SplitLunch says whether sub-groups meet again for lunch on a day the
	// delegation splits (LunchTogether, the default) or each has its own.
	SplitLunch SplitLunch
	// SplitCost is what splitting the delegation costs the plan, for each
	// sub-group beyond the first on a day, in the units of the value of
	// what the visitors attend (one visitor at one item of priority 1 is
	// worth 1): 0 splits freely, DefaultSplitCost splits when it lets a few
	// visitors see a meeting they care about, MaxSplitCost almost never.
	SplitCost    int
	VisitorCount int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Validate checks the program's fields.
func (p *Program) Validate() error {
	f := FieldErrors{}
	checkText(f, "title", &p.Title, nameText)
	checkText(f, "project_type", &p.ProjectType, nameText)
	checkText(f, "description", &p.Description, longText)
	checkText(f, "city", &p.City, nameText)
	checkText(f, "time_zone", &p.TimeZone, nameText)
	if p.Title == "" {
		f.Add("title", "Enter the project title.")
	}
	if p.City == "" {
		f.Add("city", "Enter the city the delegation visits.")
	}
	if _, err := LoadZone(p.TimeZone); err != nil {
		f.Add("time_zone", err.Error())
	}
	CheckLanguage(f, "language", &p.Language)
	if p.SplitLunch == "" {
		p.SplitLunch = LunchTogether
	}
	if !oneOf(p.SplitLunch, SplitLunches) {
		f.Add("split_lunch", "Choose whether sub-groups lunch together or apart.")
	}
	if p.SplitCost < 0 || p.SplitCost > MaxSplitCost {
		f.Add("split_cost", fmt.Sprintf("Enter a split cost from 0 (split freely) to %d (almost never split).", MaxSplitCost))
	}
	if p.Status == "" {
		p.Status = ProgramPlanning
	}
	if !oneOf(p.Status, ProgramStatuses) {
		f.Add("status", "Choose a status.")
	}
	CheckDate(f, "start_date", p.StartDate)
	CheckDate(f, "end_date", p.EndDate)
	switch {
	case p.StartDate.IsZero():
		f.Add("start_date", "Enter the arrival date.")
	case p.EndDate.IsZero():
		f.Add("end_date", "Enter the departure date.")
	case p.EndDate.Before(p.StartDate):
		f.Add("end_date", "The departure date is before the arrival date.")
	case p.StartDate.DaysUntil(p.EndDate) >= MaxProgramDays:
		f.Add("end_date", "A program lasts at most 60 days.")
	}
	p.Objectives = CleanList(p.Objectives)
	checkList(f, "objectives", p.Objectives, topicText)
	return f.Err("program")
}

// Location returns the program's time zone; Validate guarantees it loads.
func (p *Program) Location() *time.Location {
	loc, err := LoadZone(p.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// ZoneLabel names the program's time zone with its abbreviation on the
// first day: "America/Chicago (CST)".
func (p Program) ZoneLabel() string {
	if p.StartDate.IsZero() {
		return p.TimeZone
	}
	return p.TimeZone + " (" + p.StartDate.At(12*60, p.Location()).Format("MST") + ")"
}

// Dates returns every day of the program from arrival to departure.
func (p *Program) Dates() []Date {
	var ds []Date
	for d := p.StartDate; !p.EndDate.Before(d) && len(ds) <= MaxProgramDays; d = d.AddDays(1) {
		ds = append(ds, d)
	}
	return ds
}

// WindowError says why w does not fall on the program's days: it must lie
// between the start of the arrival day and the end of the departure day,
// in the program's time zone. It is nil for a window that does.
func (p *Program) WindowError(w Window) error {
	loc := p.Location()
	first, end := p.StartDate.In(loc), p.EndDate.AddDays(1).In(loc)
	switch {
	case w.Start.Before(first) || !w.Start.Before(end):
		return fmt.Errorf("%s is not a day of the program (%s to %s).", DateOf(w.Start.In(loc)), p.StartDate, p.EndDate)
	case w.End.After(end):
		return fmt.Errorf("%s is not a day of the program (%s to %s).", DateOf(w.End.In(loc)), p.StartDate, p.EndDate)
	}
	return nil
}

// CheckWindows adds a message for field when a window of ws does not fall
// on the program's days. The web forms and the API call it for the
// availability windows of meetings and activities and the proposed times
// of requests, which their Validate cannot check without the program.
func (p *Program) CheckWindows(f FieldErrors, field string, ws []Window) {
	for i, w := range ws {
		if err := p.WindowError(w); err != nil {
			f.Add(field, fmt.Sprintf("Window %d (%s): %s", i+1, w.Label(p.Location()), err))
		}
	}
}

// Day is one day of a program with the limits the schedule must keep.
type Day struct {
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version      int
	ProgramID    int64
	Date         Date
	Start        Clock // earliest departure from the hotel
	End          Clock // latest return to the hotel
	LunchFrom    Clock // lunch must start no earlier than this…
	LunchTo      Clock // …and end no later than this; equal to LunchFrom: no lunch break
	LunchMinutes int
	MaxMeetings  int // 0: no cap
	Note         string
	// TravelMode is how the delegation moves on this day; empty: the
	// organization's usual mode (Settings.TravelMode).
	TravelMode TravelMode
	// Together are the parts of the day during which the delegation must
	// not split (arrival, welcome, a cultural visit, the evening), in the
	// program's time zone, in order.
	Together []DayPart
}

// DefaultDay returns the limits a new program day starts with.
func DefaultDay(programID int64, d Date) Day {
	return Day{ProgramID: programID, Date: d, Start: MustClock("08:30"), End: MustClock("18:00"),
		LunchFrom: MustClock("11:30"), LunchTo: MustClock("14:00"), LunchMinutes: 60, MaxMeetings: 3}
}

// HasLunch reports whether the day reserves a lunch break.
func (d *Day) HasLunch() bool { return d.LunchMinutes > 0 && d.LunchTo > d.LunchFrom }

// Validate checks the day's limits. A lunch break must be taken within
// the day: the itinerary engine cannot plan a day whose lunch window lies
// outside it.
func (d *Day) Validate() error {
	f := FieldErrors{}
	checkText(f, "note", &d.Note, shortNote)
	if d.End <= d.Start {
		f.Add("end", "The day must end after it starts.")
	}
	if d.LunchMinutes < 0 || d.LunchMinutes > 180 {
		f.Add("lunch_minutes", "Lunch lasts from 0 to 180 minutes.")
	}
	if d.LunchMinutes > 0 && d.End > d.Start {
		if d.LunchFrom < d.Start {
			f.Add("lunch_from", fmt.Sprintf("Lunch cannot start before the day starts (%s).", d.Start))
		}
		if d.LunchTo > d.End {
			f.Add("lunch_to", fmt.Sprintf("Lunch must be over by the time the day ends (%s).", d.End))
		}
	}
	if d.LunchMinutes > 0 && int(d.LunchTo-d.LunchFrom) < d.LunchMinutes {
		f.Add("lunch_to", "The lunch window is shorter than the lunch break.")
	}
	if d.MaxMeetings < 0 || d.MaxMeetings > 12 {
		f.Add("max_meetings", "Allow from 0 (no cap) to 12 meetings a day.")
	}
	checkTravelMode(f, "travel_mode", d.TravelMode, true)
	checkDayParts(f, "together", d.Together)
	return f.Err("day")
}

// Visitor is a member of the delegation.
type Visitor struct {
	ID int64
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version      int
	TenantID     int64
	ProgramID    int64
	GivenName    string
	FamilyName   string
	Country      string
	Position     string
	Organization string
	// Sector is the field the visitor works in (VisitorSectors suggests
	// names); "" not given. The reports count visitors by it.
	Sector      string
	Email       string
	Languages   []string
	Diets       []string // e.g. vegetarian, halal
	Allergies   []string // e.g. cats, peanuts
	AccessNeeds string
	Interests   []string // topic names
	Fictional   bool     // demo and training records are marked as such
}

// Name returns the visitor's full name.
func (v *Visitor) Name() string { return strings.TrimSpace(v.GivenName + " " + v.FamilyName) }

// Validate checks the visitor's fields.
func (v *Visitor) Validate() error {
	f := FieldErrors{}
	checkText(f, "given_name", &v.GivenName, nameText)
	checkText(f, "family_name", &v.FamilyName, nameText)
	checkText(f, "country", &v.Country, nameText)
	checkText(f, "position", &v.Position, nameText)
	checkText(f, "organization", &v.Organization, nameText)
	checkText(f, "sector", &v.Sector, nameText)
	checkText(f, "access_needs", &v.AccessNeeds, shortNote)
	if v.GivenName == "" && v.FamilyName == "" {
		f.Add("given_name", "Enter the visitor's name.")
	}
	if v.Country == "" {
		f.Add("country", "Enter the visitor's country.")
	}
	if v.ProgramID == 0 {
		f.Add("program_id", "A visitor belongs to a program.")
	}
	checkEmail(f, "email", &v.Email, false)
	v.Languages = CleanList(v.Languages)
	v.Diets = CleanList(v.Diets)
	v.Allergies = CleanList(v.Allergies)
	v.Interests = CleanList(v.Interests)
	checkList(f, "languages", v.Languages, nameText)
	checkList(f, "diets", v.Diets, nameText)
	checkList(f, "allergies", v.Allergies, nameText)
	if len(v.Languages) == 0 {
		f.Add("languages", "Enter at least one language the visitor speaks.")
	}
	checkList(f, "interests", v.Interests, topicText)
	return f.Err("visitor")
}

// Interpreter accompanies the delegation.
type Interpreter struct {
	ID int64
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version   int
	TenantID  int64
	ProgramID int64
	Name      string
	Email     string
	Phone     string
	// Languages are those the interpreter works between: any two of them
	// (English, Spanish and French: English-Spanish, English-French and
	// Spanish-French), in both directions. Interprets says whom they cover.
	Languages []string
}

// Validate checks the interpreter's fields.
func (i *Interpreter) Validate() error {
	f := FieldErrors{}
	checkText(f, "name", &i.Name, nameText)
	checkText(f, "phone", &i.Phone, phoneText)
	if i.Name == "" {
		f.Add("name", "Enter the interpreter's name.")
	}
	if i.ProgramID == 0 {
		f.Add("program_id", "An interpreter belongs to a program.")
	}
	checkEmail(f, "email", &i.Email, false)
	i.Languages = CleanList(i.Languages)
	checkList(f, "languages", i.Languages, nameText)
	if len(i.Languages) < 2 {
		f.Add("languages", "Enter the languages the interpreter works between (at least two).")
	}
	return f.Err("interpreter")
}
