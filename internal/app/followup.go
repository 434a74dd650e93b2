package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/letters"
)

// After the visit: feedback links for everyone who took part, the one
// reminder, the answers, and the collaborations that followed.

// FeedbackLinkPath is the feedback form of a token.
func FeedbackLinkPath(token string) string { return "/f/" + token }

// feedbackPerson is someone who gets a feedback link, and what they took
// part in, in their words.
type feedbackPerson struct {
	role   itinera.FeedbackRole
	id     int64
	name   string
	email  string
	org    int64
	part   string
	noMail bool
}

// FeedbackIssued is what IssueFeedback did.
type FeedbackIssued struct {
	Sent int
	// Without are those who took part but have no e-mail address: no link
	// could reach them.
	Without []string
}

// feedbackPeople lists who took part in a program: its visitors and
// interpreters, the contacts of its confirmed meetings, and the host
// households of its confirmed evenings.
func (a *App) feedbackPeople(ctx context.Context, r itinera.Readers, tenantID int64, p itinera.Program) ([]feedbackPerson, error) {
	var out []feedbackPerson
	vs, err := r.People.Visitors(ctx, tenantID, p.ID)
	if err != nil {
		return nil, err
	}
	for _, v := range vs {
		out = append(out, feedbackPerson{role: itinera.FeedbackVisitor, id: v.ID, name: v.Name(), email: v.Email, part: "the program"})
	}
	is, err := r.People.Interpreters(ctx, tenantID, p.ID)
	if err != nil {
		return nil, err
	}
	for _, i := range is {
		out = append(out, feedbackPerson{role: itinera.FeedbackInterpreter, id: i.ID, name: i.Name, email: i.Email, part: "the program"})
	}
	_, held, err := programMeetings(ctx, r, tenantID, p.ID)
	if err != nil {
		return nil, err
	}
	byContact := map[int64]int{}
	for _, m := range held {
		if m.ContactID == 0 {
			continue
		}
		if i, ok := byContact[m.ContactID]; ok {
			out[i].part += " and “" + m.Title + "”"
			continue
		}
		c, err := r.Directory.Contact(ctx, tenantID, m.ContactID)
		if err != nil {
			return nil, err
		}
		byContact[m.ContactID] = len(out)
		out = append(out, feedbackPerson{role: itinera.FeedbackResource, id: c.ID, name: c.Name, email: c.Email, org: m.HostOrganizationID,
			part: "the meeting “" + m.Title + "”"})
	}
	es, err := r.Hospitality.Evenings(ctx, tenantID, p.ID)
	if err != nil {
		return nil, err
	}
	loc := p.Location()
	byHousehold := map[int64]bool{}
	for _, e := range es {
		if e.Status != itinera.EveningConfirmed {
			continue
		}
		for _, g := range e.Guests {
			if byHousehold[g.HouseholdID] {
				continue
			}
			byHousehold[g.HouseholdID] = true
			h, err := r.Hospitality.Household(ctx, tenantID, g.HouseholdID)
			if err != nil {
				return nil, err
			}
			out = append(out, feedbackPerson{role: itinera.FeedbackHousehold, id: h.ID, name: h.Name, email: h.Email,
				part: "the evening of " + e.Start.In(loc).Format("Monday 2 January")})
		}
	}
	return out, nil
}

// programMeetings lists a program's meetings and those held: the
// confirmed ones and those of its current itinerary, neither cancelled nor
// declined, by title.
func programMeetings(ctx context.Context, r itinera.Readers, tenantID, programID int64) (all, held []itinera.Meeting, err error) {
	all, held, _, err = programMeetingsAndItems(ctx, r, tenantID, programID)
	return all, held, err
}

// programMeetingsAndItems is programMeetings with the current itinerary's
// items (none without an itinerary).
func programMeetingsAndItems(ctx context.Context, r itinera.Readers, tenantID, programID int64) (all, held []itinera.Meeting,
	items []itinera.ItineraryItem, err error) {
	all, err = r.Candidates.Meetings(ctx, tenantID, programID)
	if err != nil {
		return nil, nil, nil, err
	}
	planned := map[int64]bool{}
	it, err := r.Itineraries.CurrentItinerary(ctx, tenantID, programID)
	switch itinera.ErrorCode(err) {
	case "":
		for _, x := range it.Items {
			planned[x.MeetingID] = true
		}
	case itinera.ENOTFOUND:
	default:
		return nil, nil, nil, err
	}
	return all, heldMeetings(all, planned), it.Items, nil
}

// wentTo narrows the meetings held to those the link's visitor or
// interpreter went to, by the current itinerary's items: on a split day,
// only their sub-group's (issue 15). A meeting held but not in the
// itinerary was for everyone.
func wentTo(l itinera.FeedbackLink, held []itinera.Meeting, current []itinera.ItineraryItem) []itinera.Meeting {
	items := map[int64]itinera.ItineraryItem{}
	for _, x := range current {
		if x.MeetingID != 0 {
			items[x.MeetingID] = x
		}
	}
	var out []itinera.Meeting
	for _, m := range held {
		x, ok := items[m.ID]
		switch {
		case !ok:
		case l.Role == itinera.FeedbackVisitor && !x.Attends(l.PersonID):
			continue
		case l.Role == itinera.FeedbackInterpreter && !x.Interprets(l.PersonID):
			continue
		}
		out = append(out, m)
	}
	return out
}

func heldMeetings(ms []itinera.Meeting, planned map[int64]bool) []itinera.Meeting {
	var out []itinera.Meeting
	for _, m := range ms {
		if m.Status == itinera.MeetingConfirmed || (planned[m.ID] && m.Status != itinera.MeetingCancelled && m.Status != itinera.MeetingDeclined) {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Title < out[j].Title })
	return out
}

// programDates writes a program's dates for a letter: "5–9 December 2026".
func programDates(p itinera.Program) string {
	s, e := p.StartDate.In(time.UTC), p.EndDate.In(time.UTC)
	switch {
	case p.StartDate == p.EndDate:
		return s.Format("2 January 2006")
	case s.Year() != e.Year():
		return s.Format("2 January 2006") + "–" + e.Format("2 January 2006")
	case s.Month() != e.Month():
		return s.Format("2 January") + "–" + e.Format("2 January 2006")
	}
	return s.Format("2") + "–" + e.Format("2 January 2006")
}

// IssueFeedback sends a personal feedback link to everyone who took part
// in the program and has none yet: its visitors, interpreters, the
// contacts of its confirmed meetings and the households of its confirmed
// evenings. It can be run again (after a late meeting was added): those
// who have a link are not asked twice. The program's last day must have
// come.
func (a *App) IssueFeedback(ctx context.Context, c Caller, programID int64) (FeedbackIssued, error) {
	var out FeedbackIssued
	if err := mustEdit(c); err != nil {
		return out, err
	}
	if strings.TrimSpace(c.Site) == "" {
		return out, itinera.Errorf(itinera.EINTERNAL, "app: no site address for the feedback links")
	}
	err := a.inTx(ctx, func(ctx context.Context) error {
		out = FeedbackIssued{}
		p, err := a.s.Programs.Program(ctx, c.tenant(), programID)
		if err != nil {
			return err
		}
		if today := itinera.DateOf(a.now().In(p.Location())); today.Before(p.EndDate) {
			return itinera.Errorf(itinera.ECONFLICT, "“%s” is not over yet: ask for feedback from its last day, %s.", p.Title,
				p.EndDate.In(time.UTC).Format("Monday 2 January 2006"))
		}
		people, err := a.feedbackPeople(ctx, a.s.Readers(), c.tenant(), p)
		if err != nil {
			return err
		}
		have, err := a.s.Feedback.FeedbackLinks(ctx, c.tenant(), programID)
		if err != nil {
			return err
		}
		sent := map[string]bool{}
		for _, l := range have {
			sent[string(l.Role)+fmt.Sprint(l.PersonID)] = true
		}
		from, err := a.sender(ctx, c)
		if err != nil {
			return err
		}
		for _, x := range people {
			if sent[string(x.role)+fmt.Sprint(x.id)] {
				continue
			}
			if strings.TrimSpace(x.email) == "" {
				out.Without = append(out.Without, x.name)
				continue
			}
			if err := a.sendFeedbackLink(ctx, c.Site, from, p, x, false, 0); err != nil {
				return err
			}
			out.Sent++
		}
		if out.Sent == 0 {
			return nil
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "program", p.ID, p.ID, "feedback asked", nil,
			map[string]any{"Title": p.Title, "Links": out.Sent})
	})
	return out, err
}

// sendFeedbackLink makes a new link for x, stores it (or, for a
// reminder, claims the reminder of link id) and queues its e-mail.
func (a *App) sendFeedbackLink(ctx context.Context, site string, from sender, p itinera.Program, x feedbackPerson, reminder bool, id int64) error {
	token, hash, err := auth.NewToken()
	if err != nil {
		return err
	}
	now := a.now().UTC()
	expires := now.Add(itinera.FeedbackLinkTTL)
	if reminder {
		ok, err := a.s.Feedback.ClaimFeedbackReminder(ctx, id, hash, now, expires)
		if err != nil || !ok {
			return err
		}
	} else {
		l := itinera.FeedbackLink{TenantID: p.TenantID, ProgramID: p.ID, Role: x.role, PersonID: x.id, Name: x.name, Email: x.email,
			OrganizationID: x.org, TokenHash: hash, SentAt: now, ExpiresAt: expires}
		if err := a.s.Feedback.IssueFeedbackLink(ctx, &l); err != nil {
			return err
		}
	}
	m, err := letters.Default.Feedback(p.TenantID, letters.Feedback{To: letters.Recipient{Name: x.name, Email: x.email},
		Organization: from.Org, Sender: from.Name, Program: p.Title, Dates: programDates(p), Role: x.role, Part: x.part,
		Link: strings.TrimRight(site, "/") + FeedbackLinkPath(token), Expires: itinera.LinkLastDayLabel(expires, p.Location()), Reminder: reminder})
	if err != nil {
		return err
	}
	return a.s.Outbox.Enqueue(ctx, &m)
}

// SendFeedbackReminders sends the one reminder, with a new link, to each
// person who has not answered their feedback link within their
// organization's delay (Settings.FeedbackReminderDays). Each reminder is
// claimed in the same transaction as its e-mail: a restart or a second
// worker sends none twice. It returns how many it queued.
func (a *App) SendFeedbackReminders(ctx context.Context, site string) (int, error) {
	due, err := a.s.Feedback.DueFeedbackReminders(ctx, a.now())
	if err != nil {
		return 0, err
	}
	n := 0
	for _, l := range due {
		err := a.inTx(ctx, func(ctx context.Context) error {
			p, err := a.s.Programs.Program(ctx, l.TenantID, l.ProgramID)
			if err != nil {
				return err
			}
			from, err := a.sender(ctx, Caller{User: itinera.User{TenantID: l.TenantID}})
			if err != nil {
				return err
			}
			part := "the program"
			if !l.Role.RatesMeetings() {
				part = "your part in it"
			}
			return a.sendFeedbackLink(ctx, site, from, p, feedbackPerson{role: l.Role, id: l.PersonID, name: l.Name, email: l.Email, part: part}, true, l.ID)
		})
		if err != nil {
			return n, err
		}
		n++
	}
	if n > 0 {
		a.log.InfoContext(ctx, "feedback reminders queued", "count", n)
	}
	return n, nil
}

// FeedbackForm is what a feedback link's page shows.
type FeedbackForm struct {
	Link     itinera.FeedbackLink
	Program  itinera.Program
	Org      string
	Meetings []itinera.Meeting // those a visitor or interpreter rates
	// Collaborations are those the person recorded from their link.
	Collaborations []itinera.Collaboration
	// Visitors (for a resource) and Organizations (for a visitor) are
	// whom visitors and resources may name in what followed.
	Visitors      []itinera.Visitor
	Organizations []NamedID
}

// OpenFeedback is a person opening their feedback link (its token's
// hash); an expired link is a conflict the page explains.
func (a *App) OpenFeedback(ctx context.Context, tokenHash string) (FeedbackForm, error) {
	var f FeedbackForm
	l, err := a.r.Feedback.FeedbackLinkByToken(ctx, tokenHash)
	if err != nil {
		return f, err
	}
	f.Link = l
	if f.Program, err = a.r.Programs.Program(ctx, l.TenantID, l.ProgramID); err != nil {
		return f, err
	}
	st, err := a.r.Settings.Settings(ctx, l.TenantID)
	if err != nil {
		return f, err
	}
	f.Org = st.Name
	if l.Role.RatesMeetings() {
		_, held, items, err := programMeetingsAndItems(ctx, a.r, l.TenantID, l.ProgramID)
		if err != nil {
			return f, err
		}
		f.Meetings = wentTo(l, held, items)
	}
	if l.Role == itinera.FeedbackVisitor || l.Role == itinera.FeedbackResource {
		if f.Visitors, f.Organizations, err = a.collaborationChoices(ctx, l.TenantID, l.ProgramID); err != nil {
			return f, err
		}
		cs, err := a.r.Feedback.Collaborations(ctx, l.TenantID, l.ProgramID)
		if err != nil {
			return f, err
		}
		for _, c := range cs {
			// Before links were recorded, a visitor's own were known by
			// their name and first visitor.
			old := c.FeedbackLinkID == 0 && c.FollowUpLinkID == 0 && l.Role == itinera.FeedbackVisitor && c.RecordedBy == l.Name &&
				len(c.VisitorIDs) > 0 && c.VisitorIDs[0] == l.PersonID
			if c.FeedbackLinkID == l.ID || old {
				f.Collaborations = append(f.Collaborations, c)
			}
		}
	}
	return f, nil
}

// AnswerFeedback stores (or replaces) the answer given through a link.
func (a *App) AnswerFeedback(ctx context.Context, tokenHash string, ans itinera.FeedbackAnswer) error {
	f, err := a.OpenFeedback(ctx, tokenHash)
	if err != nil {
		return err
	}
	if !f.Link.LinkWorks(a.now()) {
		return itinera.Errorf(itinera.ECONFLICT, "This feedback link has expired.")
	}
	ids := make([]int64, len(f.Meetings))
	for i, m := range f.Meetings {
		ids[i] = m.ID
	}
	// A meeting left unrated and without a comment is not an answer.
	kept := ans.Meetings[:0]
	for _, m := range ans.Meetings {
		if m.Rating != 0 || strings.TrimSpace(m.Comment) != "" {
			kept = append(kept, m)
		}
	}
	ans.Meetings = kept
	if err := ans.Validate(f.Link.Role, ids); err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Feedback.AnswerFeedback(ctx, tokenHash, ans, a.now()); err != nil {
			return err
		}
		l := f.Link
		return a.auditAt(ctx, actor{name: string(l.Role) + " via link"}, l.TenantID, "feedback", l.ID, l.ProgramID, "answered", nil,
			map[string]any{"Name": l.Name, "Rating": ans.Rating, "HostAgain": string(ans.HostAgain), "Comment": ans.Comment,
				"Meetings": len(ans.Meetings)})
	})
}

// RecordCollaborationByLink is a visitor or a resource recording, from
// their feedback link, something that followed the visit: a visitor is
// its first visitor, a resource's organization its first organization
// (linkCollaboration).
func (a *App) RecordCollaborationByLink(ctx context.Context, tokenHash string, col itinera.Collaboration) (itinera.Collaboration, error) {
	f, err := a.OpenFeedback(ctx, tokenHash)
	if err != nil {
		return col, err
	}
	if f.Link.Role != itinera.FeedbackVisitor && f.Link.Role != itinera.FeedbackResource {
		return col, itinera.Errorf(itinera.EFORBIDDEN, "Only visitors and resources record what followed from their feedback link.")
	}
	if !f.Link.LinkWorks(a.now()) {
		return col, itinera.Errorf(itinera.ECONFLICT, "This feedback link has expired.")
	}
	l := f.Link
	col.Status = ""
	col = linkCollaboration(col, l.TenantID, l.ProgramID, l.Role, l.PersonID, l.OrganizationID, l.Name, f.Visitors, f.Organizations)
	col.FeedbackLinkID = l.ID
	err = a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Feedback.CreateCollaboration(ctx, &col); err != nil {
			return err
		}
		return a.audit(ctx, actor{name: string(l.Role) + " via link"}, col.TenantID, "collaboration", actCreate, nil, col)
	})
	return col, err
}

// Average is a mean of ratings from 1 to 5 and how many there were.
type Average struct {
	Sum, Count int
}

// Add counts a rating; 0 (not rated) is not counted.
func (v *Average) Add(r int) {
	if r > 0 {
		v.Sum += r
		v.Count++
	}
}

// Value is the mean, 0 without ratings.
func (v Average) Value() float64 {
	if v.Count == 0 {
		return 0
	}
	return float64(v.Sum) / float64(v.Count)
}

// Label writes the mean with one decimal, "–" without ratings.
func (v Average) Label() string {
	if v.Count == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f", v.Value())
}

// MeetingAverage is the visitors' and interpreters' mean rating of a meeting.
type MeetingAverage struct {
	MeetingID    int64
	Title        string
	Organization string
	Average
	Comments []string
}

// OrganizationAverage is the mean of the ratings of an organization's
// meetings (as host), with what its resources said.
type OrganizationAverage struct {
	OrganizationID int64
	Name           string
	Meetings       Average // visitors' ratings of its meetings
	Resources      Average // its own resources' "how it went"
}

// FeedbackSummary is a program's feedback for staff.
type FeedbackSummary struct {
	Links         []itinera.FeedbackLink
	Sent          int
	Answered      int
	Overall       Average // visitors' and interpreters' overall rating
	Hosts         Average // resources' and households' "how it went"
	Meetings      []MeetingAverage
	Organizations []OrganizationAverage
}

// FeedbackSummary gathers a program's feedback links and answers, with
// the averages per meeting and per organization. Viewers read it too;
// the page hides what they may not see.
func (a *App) FeedbackSummary(ctx context.Context, c Caller, programID int64) (FeedbackSummary, error) {
	var out FeedbackSummary
	if err := mustSignIn(c); err != nil {
		return out, err
	}
	if _, err := a.r.Programs.Program(ctx, c.tenant(), programID); err != nil {
		return out, err
	}
	links, err := a.r.Feedback.FeedbackLinks(ctx, c.tenant(), programID)
	if err != nil {
		return out, err
	}
	ms, held, err := programMeetings(ctx, a.r, c.tenant(), programID)
	if err != nil {
		return out, err
	}
	out.Links, out.Sent = links, len(links)
	byMeeting := map[int64]*MeetingAverage{}
	byOrg := map[int64]*OrganizationAverage{}
	org := func(id int64, name string) *OrganizationAverage {
		if byOrg[id] == nil {
			byOrg[id] = &OrganizationAverage{OrganizationID: id, Name: name}
		}
		return byOrg[id]
	}
	meetingOrg := map[int64]itinera.Meeting{}
	for _, m := range ms {
		meetingOrg[m.ID] = m
	}
	for _, m := range held {
		byMeeting[m.ID] = &MeetingAverage{MeetingID: m.ID, Title: m.Title, Organization: m.HostOrganizationName}
	}
	for _, l := range links {
		if !l.Answered() {
			continue
		}
		out.Answered++
		if l.Role.RatesMeetings() {
			out.Overall.Add(l.Rating)
			for _, r := range l.Meetings {
				ma := byMeeting[r.MeetingID]
				if ma == nil {
					m := meetingOrg[r.MeetingID]
					ma = &MeetingAverage{MeetingID: r.MeetingID, Title: r.Title, Organization: m.HostOrganizationName}
					byMeeting[r.MeetingID] = ma
				}
				ma.Add(r.Rating)
				if strings.TrimSpace(r.Comment) != "" {
					ma.Comments = append(ma.Comments, r.Comment)
				}
				if m, ok := meetingOrg[r.MeetingID]; ok && m.HostOrganizationID != 0 {
					org(m.HostOrganizationID, m.HostOrganizationName).Meetings.Add(r.Rating)
				}
			}
			continue
		}
		out.Hosts.Add(l.Rating)
		if l.Role == itinera.FeedbackResource && l.OrganizationID != 0 {
			name := ""
			for _, m := range ms {
				if m.HostOrganizationID == l.OrganizationID {
					name = m.HostOrganizationName
				}
			}
			org(l.OrganizationID, name).Resources.Add(l.Rating)
		}
	}
	for _, ma := range byMeeting {
		out.Meetings = append(out.Meetings, *ma)
	}
	sort.Slice(out.Meetings, func(i, j int) bool {
		if out.Meetings[i].Title != out.Meetings[j].Title {
			return out.Meetings[i].Title < out.Meetings[j].Title
		}
		return out.Meetings[i].MeetingID < out.Meetings[j].MeetingID
	})
	for _, o := range byOrg {
		out.Organizations = append(out.Organizations, *o)
	}
	sort.Slice(out.Organizations, func(i, j int) bool { return out.Organizations[i].Name < out.Organizations[j].Name })
	return out, nil
}
