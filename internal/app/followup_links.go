package app

import (
	"context"
	"strings"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/lang"
	"itinera/internal/letters"
)

// Follow-up links: months after a program (the organization's schedule,
// Settings.FollowUpMonths), each visitor and each resource contact of a
// meeting held gets a personal link to record what followed, or to say
// "nothing yet".

// FollowUpLinkPath is the follow-up form of a token.
func FollowUpLinkPath(token string) string { return "/o/" + token }

// SendFollowUps queues the follow-up e-mails that are due: for every
// program of every organization whose schedule has a step today (or up to
// itinera.FollowUpGraceDays ago), a personal link to each visitor and
// resource contact of a meeting held who has an e-mail address. Each
// message is claimed by storing its link (one per person, program and
// step, a unique key) in the transaction that queues it: a restart, a
// second run or a second server sends none twice. It returns how many it
// queued.
func (a *App) SendFollowUps(ctx context.Context, site string) (int, error) {
	if strings.TrimSpace(site) == "" {
		return 0, itinera.Errorf(itinera.EINTERNAL, "app: no site address for the follow-up links")
	}
	now := a.now()
	today := itinera.DateOf(now.UTC())
	// The earliest end of a program with a step due: the longest schedule
	// and its grace, with a day to spare for time zones.
	from := today.AddDays(-(itinera.MaxFollowUpMonths*31 + itinera.FollowUpGraceDays + 2))
	ps, err := a.s.Feedback.FollowUpPrograms(ctx, from, today)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, fp := range ps {
		p := fp.Program
		local := itinera.DateOf(now.In(p.Location()))
		for _, months := range itinera.DueFollowUps(p.EndDate, fp.Schedule, local) {
			sent := 0
			err := a.inTx(ctx, func(ctx context.Context) error {
				sent = 0
				people, err := a.feedbackPeople(ctx, a.s.Readers(), p.TenantID, p)
				if err != nil {
					return err
				}
				from, err := a.sender(ctx, Caller{User: itinera.User{TenantID: p.TenantID}})
				if err != nil {
					return err
				}
				for _, x := range people {
					if (x.role != itinera.FeedbackVisitor && x.role != itinera.FeedbackResource) || strings.TrimSpace(x.email) == "" {
						continue
					}
					ok, err := a.sendFollowUp(ctx, site, from, p, x, months)
					if err != nil {
						return err
					}
					if ok {
						sent++
					}
				}
				if sent == 0 {
					return nil
				}
				return a.auditAt(ctx, actor{name: "Itinera"}, p.TenantID, "program", p.ID, p.ID, "follow-up sent", nil,
					map[string]any{"Title": p.Title, "Months": months, "Links": sent})
			})
			if err != nil {
				return n, err
			}
			n += sent
		}
	}
	if n > 0 {
		a.log.InfoContext(ctx, "follow-up links queued", "count", n)
	}
	return n, nil
}

// sendFollowUp claims x's link for the program's step and queues its
// e-mail; false when it was sent before.
func (a *App) sendFollowUp(ctx context.Context, site string, from sender, p itinera.Program, x feedbackPerson, months int) (bool, error) {
	token, hash, err := auth.NewToken()
	if err != nil {
		return false, err
	}
	now := a.now().UTC()
	l := itinera.FollowUpLink{TenantID: p.TenantID, ProgramID: p.ID, Role: x.role, PersonID: x.id, Name: x.name, Email: x.email,
		OrganizationID: x.org, Months: months, TokenHash: hash, SentAt: now, ExpiresAt: now.Add(itinera.FollowUpLinkTTL)}
	ok, err := a.s.Feedback.ClaimFollowUpLink(ctx, &l)
	if err != nil || !ok {
		return false, err
	}
	// Visitors read it in the program's language; resources are local.
	tr := lang.For("en")
	if x.role == itinera.FeedbackVisitor {
		tr = lang.For(p.Language)
	}
	text := letters.FollowUpText(tr, letters.FollowUp{Name: x.name, Program: p.Title, Dates: programDates(p), Months: months,
		Link:    strings.TrimRight(site, "/") + FollowUpLinkPath(token),
		Expires: tr.LongDate(itinera.LinkLastDay(l.ExpiresAt, p.Location()).In(time.UTC)),
		From:    letters.Signature{Name: from.Name, Organization: from.Org}})
	m := itinera.OutboxMessage{TenantID: p.TenantID, To: mailbox(x.name, x.email), Subject: letters.FollowUpSubject(tr, p.Title), TextBody: text}
	return true, a.s.Outbox.Enqueue(ctx, &m)
}

// FollowUpForm is what a follow-up link's page shows.
type FollowUpForm struct {
	Link    itinera.FollowUpLink
	Program itinera.Program
	Org     string
	// Visitors (for a resource) and Organizations (for a visitor) are
	// whom they may name in what followed: the program's visitors, the
	// organizations of its meetings held.
	Visitors      []itinera.Visitor
	Organizations []NamedID
	// Collaborations are those recorded through this link.
	Collaborations []itinera.Collaboration
}

// NamedID is a record's id and name, for a choice.
type NamedID struct {
	ID   int64
	Name string
}

// OpenFollowUp is a person opening their follow-up link (its token's
// hash), expired or not (the caller says which).
func (a *App) OpenFollowUp(ctx context.Context, tokenHash string) (FollowUpForm, error) {
	var f FollowUpForm
	l, err := a.r.Feedback.FollowUpLinkByToken(ctx, tokenHash)
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
	if f.Visitors, f.Organizations, err = a.collaborationChoices(ctx, l.TenantID, l.ProgramID); err != nil {
		return f, err
	}
	cs, err := a.r.Feedback.Collaborations(ctx, l.TenantID, l.ProgramID)
	if err != nil {
		return f, err
	}
	for _, c := range cs {
		if c.FollowUpLinkID == l.ID {
			f.Collaborations = append(f.Collaborations, c)
		}
	}
	return f, nil
}

// collaborationChoices lists whom a person may name from their link: the
// program's visitors and the organizations of its meetings held.
func (a *App) collaborationChoices(ctx context.Context, tenantID, programID int64) ([]itinera.Visitor, []NamedID, error) {
	vs, err := a.r.People.Visitors(ctx, tenantID, programID)
	if err != nil {
		return nil, nil, err
	}
	_, held, err := programMeetings(ctx, a.r, tenantID, programID)
	if err != nil {
		return nil, nil, err
	}
	var orgs []NamedID
	seen := map[int64]bool{}
	for _, m := range held {
		if m.HostOrganizationID != 0 && !seen[m.HostOrganizationID] {
			seen[m.HostOrganizationID] = true
			orgs = append(orgs, NamedID{ID: m.HostOrganizationID, Name: m.HostOrganizationName})
		}
	}
	return vs, orgs, nil
}

// AnswerFollowUpNothingYet records that nothing has followed yet.
func (a *App) AnswerFollowUpNothingYet(ctx context.Context, tokenHash string) error {
	f, err := a.OpenFollowUp(ctx, tokenHash)
	if err != nil {
		return err
	}
	if !f.Link.LinkWorks(a.now()) {
		return itinera.Errorf(itinera.ECONFLICT, "This follow-up link has expired.")
	}
	return a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Feedback.AnswerFollowUp(ctx, tokenHash, itinera.FollowUpNothingYet, a.now()); err != nil {
			return err
		}
		l := f.Link
		return a.auditAt(ctx, actor{name: string(l.Role) + " via link"}, l.TenantID, "follow-up", l.ID, l.ProgramID, "answered", nil,
			map[string]any{"Name": l.Name, "Months": l.Months, "Answer": string(itinera.FollowUpNothingYet)})
	})
}

// RecordCollaborationByFollowUp is a visitor or a resource recording,
// from their follow-up link, something that followed the program. A
// visitor is its first visitor and may name organizations the delegation
// met; a resource's organization is its first organization and they may
// name the program's visitors.
func (a *App) RecordCollaborationByFollowUp(ctx context.Context, tokenHash string, col itinera.Collaboration) (itinera.Collaboration, error) {
	f, err := a.OpenFollowUp(ctx, tokenHash)
	if err != nil {
		return col, err
	}
	if !f.Link.LinkWorks(a.now()) {
		return col, itinera.Errorf(itinera.ECONFLICT, "This follow-up link has expired.")
	}
	l := f.Link
	col = linkCollaboration(col, l.TenantID, l.ProgramID, l.Role, l.PersonID, l.OrganizationID, l.Name, f.Visitors, f.Organizations)
	col.FollowUpLinkID = l.ID
	err = a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Feedback.CreateCollaboration(ctx, &col); err != nil {
			return err
		}
		if err := a.s.Feedback.AnswerFollowUp(ctx, tokenHash, itinera.FollowUpCollaboration, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, actor{name: string(l.Role) + " via link"}, col.TenantID, "collaboration", actCreate, nil, col)
	})
	return col, err
}

// linkCollaboration is what a person records through a link may say: the
// person themselves first (a visitor among the visitors, a resource's
// organization among the organizations), then whom they chose among those
// offered (others are left out), and the countries of the visitors named.
func linkCollaboration(col itinera.Collaboration, tenantID, programID int64, role itinera.FeedbackRole, personID, orgID int64, name string,
	visitors []itinera.Visitor, orgs []NamedID) itinera.Collaboration {
	col.ID, col.Version, col.TenantID, col.ProgramID = 0, 0, tenantID, programID
	col.RecordedBy = name
	if col.Status == "" {
		col.Status = itinera.CollabPlanned
	}
	offeredV := map[int64]itinera.Visitor{}
	for _, v := range visitors {
		offeredV[v.ID] = v
	}
	offeredO := map[int64]bool{}
	for _, o := range orgs {
		offeredO[o.ID] = true
	}
	var vids, oids []int64
	if role == itinera.FeedbackVisitor {
		vids = append(vids, personID)
	}
	if role == itinera.FeedbackResource && orgID != 0 {
		oids = append(oids, orgID)
	}
	for _, id := range col.VisitorIDs {
		if _, ok := offeredV[id]; ok {
			vids = append(vids, id)
		}
	}
	for _, id := range col.OrganizationIDs {
		if offeredO[id] {
			oids = append(oids, id)
		}
	}
	col.VisitorIDs, col.OrganizationIDs = dedupeIDs(vids), dedupeIDs(oids)
	countries := append([]string(nil), col.Countries...)
	for _, id := range col.VisitorIDs {
		if v, ok := offeredV[id]; ok && v.Country != "" {
			countries = append(countries, v.Country)
		}
	}
	col.Countries = itinera.CleanList(countries)
	return col
}

func dedupeIDs(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// FollowUpStep is how one step of the schedule went for a program.
type FollowUpStep struct {
	Months                        int
	Sent, NothingYet, Collaborate int
}

// FollowUpSteps sums a program's follow-up links by step, for staff.
func (a *App) FollowUpSteps(ctx context.Context, c Caller, programID int64) ([]FollowUpStep, error) {
	if err := mustSignIn(c); err != nil {
		return nil, err
	}
	ls, err := a.r.Feedback.FollowUpLinks(ctx, c.tenant(), programID)
	if err != nil {
		return nil, err
	}
	var out []FollowUpStep
	for _, l := range ls {
		if len(out) == 0 || out[len(out)-1].Months != l.Months {
			out = append(out, FollowUpStep{Months: l.Months})
		}
		s := &out[len(out)-1]
		s.Sent++
		switch l.Answer {
		case itinera.FollowUpNothingYet:
			s.NothingYet++
		case itinera.FollowUpCollaboration:
			s.Collaborate++
		}
	}
	return out, nil
}
