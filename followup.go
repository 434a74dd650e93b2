package itinera

import (
	"context"
	"net/url"
	"strings"
	"time"
)

// After the visit: the feedback of everyone who took part, through a
// personal link (/f/{token}, the same rules as a resource's /r/ link: a
// random token stored hashed, an expiry, rate limited, hidden from
// viewers), and the collaborations that followed.

// FeedbackRole is who a feedback link was sent to.
type FeedbackRole string

// Feedback roles: a visitor and an interpreter rate each meeting held; a
// resource (the contact of a meeting held) and a host household (of a
// confirmed evening) say how it went and whether they would do it again.
const (
	FeedbackVisitor     FeedbackRole = "visitor"
	FeedbackInterpreter FeedbackRole = "interpreter"
	FeedbackResource    FeedbackRole = "resource"
	FeedbackHousehold   FeedbackRole = "household"
)

// FeedbackRoles lists the roles in the order pages show them.
var FeedbackRoles = []FeedbackRole{FeedbackVisitor, FeedbackInterpreter, FeedbackResource, FeedbackHousehold}

// RatesMeetings reports whether the role rates each meeting (visitors and
// interpreters) rather than saying whether they would host again.
func (r FeedbackRole) RatesMeetings() bool { return r == FeedbackVisitor || r == FeedbackInterpreter }

// Label is the role in words.
func (r FeedbackRole) Label() string {
	switch r {
	case FeedbackVisitor:
		return "Visitor"
	case FeedbackInterpreter:
		return "Interpreter"
	case FeedbackResource:
		return "Resource"
	case FeedbackHousehold:
		return "Host household"
	}
	return string(r)
}

// DefaultFeedbackReminderDays is how long after the links went out the
// one reminder goes to those who have not answered, unless the
// organization's settings say otherwise.
const DefaultFeedbackReminderDays = 7

// FeedbackLinkTTL is how long a feedback link works after it was sent (a
// reminder sends a new link, which works as long again).
const FeedbackLinkTTL = 45 * 24 * time.Hour

// HostAgain is a resource's or household's answer to "would you do it
// again".
type HostAgain string

// Answers to "would you host again".
const (
	HostAgainUnsaid HostAgain = ""
	HostAgainYes    HostAgain = "yes"
	HostAgainMaybe  HostAgain = "maybe"
	HostAgainNo     HostAgain = "no"
)

// FeedbackLink is one person's feedback link for one program, and their
// answer once given. Only the token's hash is stored.
type FeedbackLink struct {
	ID        int64
	TenantID  int64
	ProgramID int64
	Role      FeedbackRole
	// PersonID is the visitor, interpreter, contact or household.
	PersonID int64
	Name     string
	Email    string
	// OrganizationID is a resource's organization (0 for the others).
	OrganizationID int64
	TokenHash      string
	SentAt         time.Time
	ExpiresAt      time.Time
	RemindedAt     time.Time // zero: not reminded
	AnsweredAt     time.Time // zero: not answered
	FeedbackAnswer
}

// Answered reports whether the person has answered.
func (l FeedbackLink) Answered() bool { return !l.AnsweredAt.IsZero() }

// LinkWorks reports whether the link still opens at now.
func (l FeedbackLink) LinkWorks(now time.Time) bool { return now.Before(l.ExpiresAt) }

// FeedbackAnswer is what a person says: an overall rating (1–5, 0 for
// none), a comment, whether they would host again (resources and
// households), and a rating per meeting (visitors and interpreters).
type FeedbackAnswer struct {
	Rating    int
	HostAgain HostAgain
	Comment   string
	Meetings  []MeetingRating
}

// MeetingRating is a visitor's or interpreter's rating of one meeting.
type MeetingRating struct {
	MeetingID int64
	Title     string // read only
	Rating    int    // 1–5; 0: not rated
	Comment   string
}

// Validate checks the answer for the role; meetings lists the meetings the
// person may rate.
func (a *FeedbackAnswer) Validate(role FeedbackRole, meetings []int64) error {
	f := FieldErrors{}
	checkText(f, "comment", &a.Comment, answerNote)
	if a.Rating < 0 || a.Rating > 5 {
		f.Add("rating", "Choose from 1 (poor) to 5 (excellent).")
	}
	if role.RatesMeetings() {
		a.HostAgain = HostAgainUnsaid
		allowed := map[int64]bool{}
		for _, id := range meetings {
			allowed[id] = true
		}
		seen := map[int64]bool{}
		for i := range a.Meetings {
			m := &a.Meetings[i]
			checkText(f, "meetings", &m.Comment, answerNote)
			if !allowed[m.MeetingID] || seen[m.MeetingID] {
				f.Add("meetings", "Rate only the meetings of your program, each once.")
			}
			seen[m.MeetingID] = true
			if m.Rating < 0 || m.Rating > 5 {
				f.Add("meetings", "Rate each meeting from 1 (not useful) to 5 (very useful).")
			}
		}
	} else {
		a.Meetings = nil
		if !oneOf(a.HostAgain, []HostAgain{HostAgainUnsaid, HostAgainYes, HostAgainMaybe, HostAgainNo}) {
			f.Add("host_again", "Choose yes, maybe or no.")
		}
	}
	return f.Err("feedback")
}

// CollaborationKind is what followed a visit.
type CollaborationKind string

// Collaboration kinds.
const (
	CollabJointProject CollaborationKind = "joint project"
	CollabTraining     CollaborationKind = "training"
	CollabMaterials    CollaborationKind = "exchange of materials"
	CollabPolicy       CollaborationKind = "policy change"
	CollabPublication  CollaborationKind = "publication"
	CollabVisit        CollaborationKind = "further visit"
	CollabFunding      CollaborationKind = "funding"
	CollabOther        CollaborationKind = "other"
)

// CollaborationKinds lists the kinds.
var CollaborationKinds = []CollaborationKind{CollabJointProject, CollabTraining, CollabMaterials, CollabPolicy,
	CollabPublication, CollabVisit, CollabFunding, CollabOther}

// CollaborationStatus is where a collaboration stands.
type CollaborationStatus string

// Collaboration statuses.
const (
	CollabPlanned CollaborationStatus = "planned"
	CollabOngoing CollaborationStatus = "ongoing"
	CollabDone    CollaborationStatus = "done"
)

// CollaborationStatuses lists the statuses in order.
var CollaborationStatuses = []CollaborationStatus{CollabPlanned, CollabOngoing, CollabDone}

// Collaboration is something that followed a program: who took part
// (visitors of the program, organizations of the directory, countries),
// when it started, what it is, a link to evidence of it, and where it
// stands.
type Collaboration struct {
	ID int64
	// Version rises with every change; a change sent with an older
	// version is refused.
	Version         int
	TenantID        int64
	ProgramID       int64
	Kind            CollaborationKind
	Status          CollaborationStatus
	Title           string
	Description     string
	VisitorIDs      []int64
	OrganizationIDs []int64
	Countries       []string
	StartedOn       Date // zero: not said
	EvidenceURL     string
	// RecordedBy is who recorded it: "staff", or the name of the visitor
	// or resource who wrote it from their feedback or follow-up link.
	RecordedBy string
	// FeedbackLinkID and FollowUpLinkID are the link it was recorded
	// through (0: by staff).
	FeedbackLinkID int64
	FollowUpLinkID int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Validate checks the collaboration's fields.
func (c *Collaboration) Validate() error {
	f := FieldErrors{}
	checkText(f, "title", &c.Title, nameText)
	checkText(f, "description", &c.Description, longText)
	checkText(f, "evidence_url", &c.EvidenceURL, webText)
	checkText(f, "recorded_by", &c.RecordedBy, nameText)
	if c.Title == "" {
		f.Add("title", "Say in a few words what followed.")
	}
	if c.ProgramID == 0 {
		f.Add("program_id", "A collaboration follows a program.")
	}
	if !oneOf(c.Kind, CollaborationKinds) {
		f.Add("kind", "Choose the kind: joint project, training, exchange of materials, policy change, publication, further visit, funding or other.")
	}
	if c.Status == "" {
		c.Status = CollabPlanned
	}
	if !oneOf(c.Status, CollaborationStatuses) {
		f.Add("status", "Choose planned, ongoing or done.")
	}
	c.Countries = CleanList(c.Countries)
	checkList(f, "countries", c.Countries, nameText)
	if _, wrong := f["evidence_url"]; !wrong && c.EvidenceURL != "" {
		if u, err := url.Parse(c.EvidenceURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			f.Add("evidence_url", "Enter a web address starting with https:// (or http://).")
		}
	}
	if !c.StartedOn.IsZero() {
		CheckDate(f, "started_on", c.StartedOn)
	}
	return f.Err("collaboration")
}

// ThankYou is a thank-you letter to a resource or a household that took
// part in a program: drafted from the organization's template, edited by
// the officer, sent through the outbox (SentAt; zero while a draft).
type ThankYou struct {
	ID        int64
	TenantID  int64
	ProgramID int64
	Role      FeedbackRole // FeedbackResource or FeedbackHousehold
	PersonID  int64
	Name      string
	Email     string
	Subject   string
	Body      string
	CreatedAt time.Time
	SentAt    time.Time
}

// Sent reports whether the letter went out.
func (t ThankYou) Sent() bool { return !t.SentAt.IsZero() }

// Validate checks the letter's subject and text.
func (t *ThankYou) Validate() error {
	f := FieldErrors{}
	checkText(f, "subject", &t.Subject, phraseText)
	checkText(f, "body", &t.Body, longText)
	if t.Subject == "" {
		f.Add("subject", "Give the letter a subject.")
	}
	if t.Body == "" {
		f.Add("body", "Write the letter.")
	}
	return f.Err("thank-you letter")
}

// ThankYouTemplate is the text thank-you letters are drafted from; its
// placeholders are filled in for each person: {name}, {part} (their
// meeting or evening), {program}, {dates}, {organization}, {sender}.
type ThankYouTemplate struct {
	Subject string
	Body    string
}

// DefaultThankYouTemplate is the built-in template.
var DefaultThankYouTemplate = ThankYouTemplate{Subject: "Thank you for {part}",
	Body: "Dear {name},\n\nThank you for {part} during {program} ({dates}). The delegation told us how much it meant to them; " +
		"visits like this one are where the connections between our city and the world are made.\n\n" +
		"We hope to welcome you to another program soon.\n\nWith warm thanks,\n{sender}\n{organization}"}

// ThankYouPlaceholders lists the placeholders a template may use.
var ThankYouPlaceholders = []string{"{name}", "{part}", "{program}", "{dates}", "{organization}", "{sender}"}

// Validate checks the template's text.
func (t *ThankYouTemplate) Validate() error {
	f := FieldErrors{}
	checkText(f, "subject", &t.Subject, phraseText)
	checkText(f, "body", &t.Body, longText)
	if t.Subject == "" {
		f.Add("subject", "Give the letters a subject.")
	}
	if t.Body == "" {
		f.Add("body", "Write the letter.")
	}
	return f.Err("thank-you template")
}

// Fill writes the template for one person: each placeholder replaced by
// its value in vals ("{name}": "Dr. Price").
func (t ThankYouTemplate) Fill(vals map[string]string) (subject, body string) {
	pairs := make([]string, 0, 2*len(vals))
	for k, v := range vals {
		pairs = append(pairs, k, v)
	}
	r := strings.NewReplacer(pairs...)
	return strings.Join(strings.Fields(r.Replace(t.Subject)), " "), r.Replace(t.Body)
}

// FeedbackReader reads feedback links and answers, and collaborations.
type FeedbackReader interface {
	FollowUpReader
	// FeedbackLinks lists a program's feedback links with their answers,
	// by role then name.
	FeedbackLinks(ctx context.Context, tenantID, programID int64) ([]FeedbackLink, error)
	// FeedbackLinkByToken returns the link of a token's hash, expired or
	// not (the caller says which).
	FeedbackLinkByToken(ctx context.Context, tokenHash string) (FeedbackLink, error)
	// Collaborations lists a program's collaborations (programID 0: every
	// program's), newest first.
	Collaborations(ctx context.Context, tenantID, programID int64) ([]Collaboration, error)
	Collaboration(ctx context.Context, tenantID, id int64) (Collaboration, error)
	// ThankYous lists a program's thank-you letters, by role then name.
	ThankYous(ctx context.Context, tenantID, programID int64) ([]ThankYou, error)
	ThankYou(ctx context.Context, tenantID, id int64) (ThankYou, error)
	// ThankYouTemplate is the organization's template as last used
	// (empty: the built-in one).
	ThankYouTemplate(ctx context.Context, tenantID int64) (ThankYouTemplate, error)
}

// FeedbackService keeps feedback and collaborations.
type FeedbackService interface {
	FeedbackReader
	FollowUpService
	// IssueFeedbackLink stores l as the person's link for the program,
	// replacing the token of a link sent before (its answer stays).
	IssueFeedbackLink(ctx context.Context, l *FeedbackLink) error
	// DueFeedbackReminders lists, across tenants, the unanswered links
	// not yet reminded, sent before their tenant's reminder delay from
	// now, still working.
	DueFeedbackReminders(ctx context.Context, now time.Time) ([]FeedbackLink, error)
	// ClaimFeedbackReminder records the reminder of a link with its new
	// token hash and expiry; false if it was already reminded or
	// answered (another worker was first).
	ClaimFeedbackReminder(ctx context.Context, id int64, tokenHash string, at, expires time.Time) (bool, error)
	// AnswerFeedback stores (or replaces) the answer of a link.
	AnswerFeedback(ctx context.Context, tokenHash string, a FeedbackAnswer, at time.Time) error
	CreateCollaboration(ctx context.Context, c *Collaboration) error
	// UpdateCollaboration stores c if its version is current.
	UpdateCollaboration(ctx context.Context, c *Collaboration) error
	DeleteCollaboration(ctx context.Context, tenantID, id int64) error
	// SetThankYouTemplate keeps the organization's template.
	SetThankYouTemplate(ctx context.Context, tenantID int64, t ThankYouTemplate) error
	// DraftThankYou stores t as the person's draft for the program,
	// replacing a draft made before; a letter already sent is left as it
	// is (false).
	DraftThankYou(ctx context.Context, t *ThankYou) (bool, error)
	// UpdateThankYou stores a draft's subject and text; a sent letter is a
	// conflict.
	UpdateThankYou(ctx context.Context, t *ThankYou) error
	// MarkThankYouSent records that a draft went out at at; false if it
	// had already.
	MarkThankYouSent(ctx context.Context, tenantID, id int64, at time.Time) (bool, error)
}
