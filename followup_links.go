package itinera

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Follow-up links: months after a program (3, 6 and 12 by default, an
// organization setting), each visitor and each resource contact of a
// meeting held gets a personal link (/o/{token}, the same rules as /f/:
// random, stored hashed, an expiry, rate limited, hidden from viewers) to
// record what followed the visit, or to say "nothing yet".

// DefaultFollowUpMonths is the follow-up schedule of a new organization:
// 3, 6 and 12 months after a program's last day.
var DefaultFollowUpMonths = []int{3, 6, 12}

// FollowUpLinkTTL is how long a follow-up link works after it was sent.
const FollowUpLinkTTL = 60 * 24 * time.Hour

// FollowUpGraceDays is how long after its day a follow-up may still go
// out (a server that was stopped catches up); past that it is skipped
// rather than sent late, so a schedule changed today does not mail people
// about programs of years ago.
const FollowUpGraceDays = 30

// MaxFollowUpMonths is the latest a follow-up may be scheduled.
const MaxFollowUpMonths = 60

// FollowUpAnswer is what a person said through a follow-up link.
type FollowUpAnswer string

// Follow-up answers: nothing yet, or what followed (one collaboration or
// more, recorded through the link).
const (
	FollowUpUnanswered    FollowUpAnswer = ""
	FollowUpNothingYet    FollowUpAnswer = "nothing yet"
	FollowUpCollaboration FollowUpAnswer = "collaboration"
)

// FollowUpLink is one person's follow-up link for one program and one
// month of the schedule. Only the token's hash is stored.
type FollowUpLink struct {
	ID        int64
	TenantID  int64
	ProgramID int64
	Role      FeedbackRole // FeedbackVisitor or FeedbackResource
	PersonID  int64        // the visitor or the contact
	Name      string
	Email     string
	// OrganizationID is a resource's organization (0 for a visitor).
	OrganizationID int64
	// Months is the step of the schedule it was sent for: 3 months after
	// the program's last day.
	Months     int
	TokenHash  string
	SentAt     time.Time
	ExpiresAt  time.Time
	AnsweredAt time.Time // zero: not answered
	Answer     FollowUpAnswer
}

// Answered reports whether the person answered.
func (l FollowUpLink) Answered() bool { return !l.AnsweredAt.IsZero() }

// LinkWorks reports whether the link still opens at now.
func (l FollowUpLink) LinkWorks(now time.Time) bool { return now.Before(l.ExpiresAt) }

// FollowUpDay is the day the follow-up of months after a program's last
// day is due: the same day of the month, or the month's last day when it
// has none (31 August + 6 months: 28 or 29 February).
func FollowUpDay(end Date, months int) Date {
	t := time.Date(end.Year, end.Month+time.Month(months), 1, 12, 0, 0, 0, time.UTC)
	last := t.AddDate(0, 1, -1).Day()
	day := end.Day
	if day > last {
		day = last
	}
	return Date{t.Year(), t.Month(), day}
}

// DueFollowUps lists the steps of schedule (months) due on today for a
// program that ended on end: those whose day has come, at most
// FollowUpGraceDays ago.
func DueFollowUps(end Date, schedule []int, today Date) []int {
	var out []int
	for _, m := range schedule {
		d := FollowUpDay(end, m)
		if !today.Before(d) && today.Before(d.AddDays(FollowUpGraceDays+1)) {
			out = append(out, m)
		}
	}
	return out
}

// ParseFollowUpMonths reads a schedule written as months separated by
// commas ("3, 6, 12"); an empty text is no follow-up. The months come back
// in order, each once; a wrong one is a field error.
func ParseFollowUpMonths(s string) ([]int, error) {
	f := FieldErrors{}
	out := []int{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		n, err := strconv.Atoi(part)
		if err != nil {
			f.Add("follow_up_months", "Write the months after a program as numbers separated by commas, such as 3, 6, 12.")
			break
		}
		out = append(out, n)
	}
	if len(f) > 0 {
		return nil, f.Err("settings")
	}
	CheckFollowUpMonths(f, "follow_up_months", out)
	sort.Ints(out)
	return out, f.Err("settings")
}

// CheckFollowUpMonths checks a schedule: at most six steps, each from 1
// to MaxFollowUpMonths months, none twice.
func CheckFollowUpMonths(f FieldErrors, field string, months []int) {
	seen := map[int]bool{}
	for _, m := range months {
		if m < 1 || m > MaxFollowUpMonths {
			f.Add(field, "Each follow-up comes 1 to "+strconv.Itoa(MaxFollowUpMonths)+" months after a program.")
			return
		}
		if seen[m] {
			f.Add(field, "Give each month once.")
			return
		}
		seen[m] = true
	}
	if len(months) > 6 {
		f.Add(field, "Ask at most six times.")
	}
}

// FollowUpMonthsText writes a schedule as the settings show it: "3, 6, 12".
func FollowUpMonthsText(months []int) string {
	parts := make([]string, len(months))
	for i, m := range months {
		parts[i] = strconv.Itoa(m)
	}
	return strings.Join(parts, ", ")
}

// FollowUpProgram is a program whose follow-ups may be due, with its
// organization's schedule.
type FollowUpProgram struct {
	Program  Program
	Schedule []int
}

// FollowUpReader reads the follow-up links.
type FollowUpReader interface {
	// FollowUpLinks lists a program's follow-up links by months, role
	// and name.
	FollowUpLinks(ctx context.Context, tenantID, programID int64) ([]FollowUpLink, error)
	// FollowUpLinkByToken returns the link of a token's hash, expired or
	// not.
	FollowUpLinkByToken(ctx context.Context, tokenHash string) (FollowUpLink, error)
}

// FollowUpService keeps the follow-up links.
type FollowUpService interface {
	FollowUpReader
	// FollowUpPrograms lists, across tenants, the programs not cancelled
	// whose last day falls from … to (both included), each with its
	// organization's schedule.
	FollowUpPrograms(ctx context.Context, from, to Date) ([]FollowUpProgram, error)
	// ClaimFollowUpLink stores l unless the person already has a link for
	// the program and l.Months: false then (sent before, or by another
	// worker), and nothing changes.
	ClaimFollowUpLink(ctx context.Context, l *FollowUpLink) (bool, error)
	// AnswerFollowUp records the answer of the link of tokenHash; the link
	// must still work.
	AnswerFollowUp(ctx context.Context, tokenHash string, a FollowUpAnswer, at time.Time) error
}
