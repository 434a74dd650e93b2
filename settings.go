package itinera

import "sort"

// Settings are what an organization's administrator may change about it:
// its name, its time zone and the sender its e-mail shows. The sender's
// name and address are optional: empty means the organization's name and
// the installation's address.
type Settings struct {
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version         int
	TenantID        int64
	Slug            string // read only
	Name            string
	TimeZone        string
	MailFromName    string
	MailFromAddress string
	// TravelMode is how the organization's delegations usually move
	// between places; a program day may say otherwise (Day.TravelMode).
	// Empty: a van.
	TravelMode TravelMode
	// WalkShortHops walks a hop short enough to walk (under a kilometre)
	// whatever the mode: a delegation does not board a van for two blocks.
	WalkShortHops bool
	// PaperSize is the paper its books are laid out for: "letter" or
	// "a4". Empty: letter.
	PaperSize string
	// Phone and EmergencyPhone are the numbers its books give visitors:
	// the office, and one that answers around the clock.
	Phone, EmergencyPhone string
	// ReminderMinutes is how long before each item the calendars sent to
	// visitors and interpreters remind them; 0: no reminder.
	ReminderMinutes int
	// FeedbackReminderDays is how many days after the feedback links went
	// out the one reminder goes to those who have not answered; 0: none.
	FeedbackReminderDays int
	// FollowUpMonths is when, after a program's last day, its visitors and
	// resources are asked what followed (months, in order); empty: never.
	FollowUpMonths []int
	// VolunteerHourCents is the value of one volunteer hour the
	// administrator enters (e.g. Independent Sector's estimate for the
	// state), in cents; 0: none, the reports give hours only.
	VolunteerHourCents int
	// Address is the organization's postal address, on its letterhead.
	Address string
}

// MaxVolunteerHourCents bounds the value of a volunteer hour ($1,000).
const MaxVolunteerHourCents = 100000

// Paper sizes.
const (
	PaperLetter = "letter"
	PaperA4     = "a4"
)

// Validate checks the settings and normalises the sender's address.
func (s *Settings) Validate() error {
	f := FieldErrors{}
	checkText(f, "name", &s.Name, nameText)
	checkText(f, "time_zone", &s.TimeZone, nameText)
	checkText(f, "mail_from_name", &s.MailFromName, nameText)
	if s.Name == "" {
		f.Add("name", "Enter the organization's name.")
	}
	if _, err := LoadZone(s.TimeZone); err != nil {
		f.Add("time_zone", err.Error())
	}
	checkEmail(f, "mail_from_address", &s.MailFromAddress, false)
	if s.TravelMode == "" {
		s.TravelMode = TravelVan
	}
	checkTravelMode(f, "travel_mode", s.TravelMode, false)
	checkText(f, "phone", &s.Phone, phoneText)
	checkText(f, "emergency_phone", &s.EmergencyPhone, phoneText)
	if s.ReminderMinutes < 0 || s.ReminderMinutes > 24*60 {
		f.Add("reminder_minutes", "Remind from 0 (never) to 1440 minutes (a day) before each item.")
	}
	if s.FeedbackReminderDays < 0 || s.FeedbackReminderDays > 60 {
		f.Add("feedback_reminder_days", "Remind from 1 to 60 days after the feedback links went out, or 0 for no reminder.")
	}
	CheckFollowUpMonths(f, "follow_up_months", s.FollowUpMonths)
	sort.Ints(s.FollowUpMonths)
	if s.VolunteerHourCents < 0 || s.VolunteerHourCents > MaxVolunteerHourCents {
		f.Add("volunteer_hour_cents", "Enter the value of a volunteer hour from 0 (none) to 1000.00 dollars.")
	}
	checkText(f, "address", &s.Address, shortNote)
	switch s.PaperSize {
	case "":
		s.PaperSize = PaperLetter
	case PaperLetter, PaperA4:
	default:
		f.Add("paper_size", "Choose the paper: letter or a4.")
	}
	return f.Err("settings")
}
