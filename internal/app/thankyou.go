package app

import (
	"context"
	"strings"

	"itinera"
	"itinera/internal/letters"
)

// Thank-you letters.

// ThankYouTemplate is the organization's template as last used, or the
// built-in one.
func (a *App) ThankYouTemplate(ctx context.Context, c Caller) (itinera.ThankYouTemplate, error) {
	if err := mustSignIn(c); err != nil {
		return itinera.ThankYouTemplate{}, err
	}
	t, err := a.r.Feedback.ThankYouTemplate(ctx, c.tenant())
	if err != nil || t.Subject == "" || t.Body == "" {
		return itinera.DefaultThankYouTemplate, err
	}
	return t, nil
}

// ThankYousDrafted is what DraftThankYous did.
type ThankYousDrafted struct {
	Drafted int
	Sent    int      // letters already sent, left as they were
	Without []string // who took part but has no e-mail address
}

// DraftThankYous drafts, from tmpl (kept as the organization's template),
// a thank-you letter for every resource of a meeting held and every
// household of a confirmed evening of the program, their meeting or
// evening filled in. Drafts made before are replaced; letters sent are
// not. Nothing is sent: the officer reviews, then SendThankYous.
func (a *App) DraftThankYous(ctx context.Context, c Caller, programID int64, tmpl itinera.ThankYouTemplate) (ThankYousDrafted, error) {
	var out ThankYousDrafted
	if err := mustEdit(c); err != nil {
		return out, err
	}
	err := a.inTx(ctx, func(ctx context.Context) error {
		out = ThankYousDrafted{}
		p, err := a.s.Programs.Program(ctx, c.tenant(), programID)
		if err != nil {
			return err
		}
		if err := tmpl.Validate(); err != nil {
			return err
		}
		if err := a.s.Feedback.SetThankYouTemplate(ctx, c.tenant(), tmpl); err != nil {
			return err
		}
		people, err := a.feedbackPeople(ctx, a.s.Readers(), c.tenant(), p)
		if err != nil {
			return err
		}
		from, err := a.sender(ctx, c)
		if err != nil {
			return err
		}
		for _, x := range people {
			if x.role != itinera.FeedbackResource && x.role != itinera.FeedbackHousehold {
				continue
			}
			if strings.TrimSpace(x.email) == "" {
				out.Without = append(out.Without, x.name)
				continue
			}
			subject, body := tmpl.Fill(map[string]string{"{name}": x.name, "{part}": x.part, "{program}": p.Title,
				"{dates}": programDates(p), "{organization}": from.Org, "{sender}": from.Name})
			t := itinera.ThankYou{TenantID: c.tenant(), ProgramID: p.ID, Role: x.role, PersonID: x.id, Name: x.name, Email: x.email,
				Subject: subject, Body: body}
			stored, err := a.s.Feedback.DraftThankYou(ctx, &t)
			if err != nil {
				return err
			}
			if stored {
				out.Drafted++
			} else {
				out.Sent++
			}
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "program", p.ID, p.ID, "thank-you letters drafted", nil,
			map[string]any{"Title": p.Title, "Drafted": out.Drafted, "Subject": tmpl.Subject})
	})
	return out, err
}

// UpdateThankYou changes a draft's subject and text before it is sent.
func (a *App) UpdateThankYou(ctx context.Context, c Caller, id int64, subject, body string) (itinera.ThankYou, error) {
	if err := mustEdit(c); err != nil {
		return itinera.ThankYou{}, err
	}
	var out itinera.ThankYou
	err := a.inTx(ctx, func(ctx context.Context) error {
		before, err := a.s.Feedback.ThankYou(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		t := itinera.ThankYou{TenantID: c.tenant(), ID: id, Subject: subject, Body: body}
		if err := a.s.Feedback.UpdateThankYou(ctx, &t); err != nil {
			return err
		}
		if out, err = a.s.Feedback.ThankYou(ctx, c.tenant(), id); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "thank-you letter", actUpdate, before, out)
	})
	return out, err
}

// SendThankYous sends the program's drafts named by ids (all its drafts
// when ids is empty) through the outbox, each once, in one transaction.
// It returns how many it queued.
func (a *App) SendThankYous(ctx context.Context, c Caller, programID int64, ids []int64) (int, error) {
	if err := mustEdit(c); err != nil {
		return 0, err
	}
	n := 0
	err := a.inTx(ctx, func(ctx context.Context) error {
		n = 0
		if _, err := a.s.Programs.Program(ctx, c.tenant(), programID); err != nil {
			return err
		}
		all, err := a.s.Feedback.ThankYous(ctx, c.tenant(), programID)
		if err != nil {
			return err
		}
		want := map[int64]bool{}
		for _, id := range ids {
			want[id] = true
		}
		found := 0
		for _, t := range all {
			if len(ids) > 0 && !want[t.ID] {
				continue
			}
			found++
			if t.Sent() {
				continue
			}
			m, err := letters.Default.ThankYou(c.tenant(), letters.ThankYou{To: letters.Recipient{Name: t.Name, Email: t.Email},
				Subject: t.Subject, Body: t.Body})
			if err != nil {
				return err
			}
			ok, err := a.s.Feedback.MarkThankYouSent(ctx, c.tenant(), t.ID, a.now())
			if err != nil || !ok {
				return err
			}
			if err := a.s.Outbox.Enqueue(ctx, &m); err != nil {
				return err
			}
			if err := a.auditAt(ctx, c.actor(), c.tenant(), "thank-you letter", t.ID, programID, "sent", nil,
				map[string]any{"Name": t.Name, "Subject": t.Subject}); err != nil {
				return err
			}
			n++
		}
		if found < len(want) {
			return itinera.FieldErrors{"ids": "Choose letters of this program."}.Err("thank-you letters")
		}
		return nil
	})
	return n, err
}
