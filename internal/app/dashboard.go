package app

import (
	"context"
	"sort"

	"itinera"
)

// The dashboard, the home page: the programs to come and how ready they
// are, and what needs the officer today, each from the records.

// DashboardProgram is a program to come (or running) and its readiness.
type DashboardProgram struct {
	Program itinera.Program
	Readiness
	Meetings          int // candidate meetings not cancelled or declined
	MeetingsConfirmed int
	Evenings          int
	EveningsConfirmed int
}

// DashboardTask is one kind of thing that needs the officer, with where
// it is done.
type DashboardTask struct {
	Key   string // "to-confirm", "overdue", "undelivered", "feedback"
	Count int
	Items []DashboardItem
}

// DashboardItem is one record of a task.
type DashboardItem struct {
	Title, Program string
	ProgramID, ID  int64
}

// Dashboard is what the home page shows.
type Dashboard struct {
	Today    itinera.Date // in the organization's zone
	Upcoming []DashboardProgram
	// Tasks: answers to confirm, requests past their reply-by date
	// without an answer, messages that could not be delivered, feedback
	// still unanswered after its reminder.
	ToConfirm, Overdue, Undelivered, Feedback DashboardTask
}

// maxUpcoming is how many programs to come the dashboard shows.
const maxUpcoming = 8

// Dashboard reads the organization's dashboard.
func (a *App) Dashboard(ctx context.Context, c Caller) (Dashboard, error) {
	var out Dashboard
	if err := mustSignIn(c); err != nil {
		return out, err
	}
	_, loc, err := a.tenantZone(ctx, c)
	if err != nil {
		return out, err
	}
	now := a.now()
	out.Today = itinera.DateOf(now.In(loc))
	out.ToConfirm.Key, out.Overdue.Key, out.Undelivered.Key, out.Feedback.Key = "to-confirm", "overdue", "undelivered", "feedback"
	t := c.tenant()
	ps, err := a.r.Programs.Programs(ctx, t)
	if err != nil {
		return out, err
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].StartDate.Before(ps[j].StartDate) })
	for _, p := range ps {
		if p.Status == itinera.ProgramCancelled {
			continue
		}
		if !p.EndDate.Before(out.Today) && len(out.Upcoming) < maxUpcoming {
			rd, err := a.ProgramReadiness(ctx, c, p.ID)
			if err != nil {
				return out, err
			}
			dp := DashboardProgram{Program: p, Readiness: rd}
			ms, err := a.r.Candidates.Meetings(ctx, t, p.ID)
			if err != nil {
				return out, err
			}
			for _, m := range ms {
				if m.Status != itinera.MeetingCancelled && m.Status != itinera.MeetingDeclined {
					dp.Meetings++
				}
				if m.Status == itinera.MeetingConfirmed {
					dp.MeetingsConfirmed++
				}
			}
			es, err := a.r.Hospitality.Evenings(ctx, t, p.ID)
			if err != nil {
				return out, err
			}
			dp.Evenings = len(es)
			dp.EveningsConfirmed = len(es) - len(rd.EveningsNotConfirmed)
			out.Upcoming = append(out.Upcoming, dp)
			for _, x := range rd.ToConfirm {
				out.ToConfirm.Items = append(out.ToConfirm.Items, DashboardItem{Title: x.Title, Program: p.Title, ProgramID: p.ID, ID: x.ID})
			}
			rqs, err := a.r.Requests.Requests(ctx, t, p.ID)
			if err != nil {
				return out, err
			}
			for _, rq := range rqs {
				if (rq.Status == itinera.RequestSent || rq.Status == itinera.RequestViewed) && !rq.ExpiresAt.IsZero() && rq.ExpiresAt.Before(now) {
					out.Overdue.Items = append(out.Overdue.Items, DashboardItem{Title: rq.MeetingTitle, Program: p.Title, ProgramID: p.ID, ID: rq.ID})
				}
			}
		}
		if !out.Today.Before(p.EndDate) { // from its last day on: feedback to chase
			links, err := a.r.Feedback.FeedbackLinks(ctx, t, p.ID)
			if err != nil {
				return out, err
			}
			for _, l := range links {
				if !l.Answered() && !l.RemindedAt.IsZero() && l.LinkWorks(now) {
					out.Feedback.Items = append(out.Feedback.Items, DashboardItem{Title: l.Name, Program: p.Title, ProgramID: p.ID, ID: l.ID})
				}
			}
		}
	}
	failed, err := a.r.Outbox.OutboxMessages(ctx, t, itinera.OutboxFilter{Status: itinera.OutboxFailed, Limit: 20})
	if err != nil {
		return out, err
	}
	for _, m := range failed {
		out.Undelivered.Items = append(out.Undelivered.Items, DashboardItem{Title: m.Subject + " to " + m.To, ID: m.ID})
	}
	for _, task := range []*DashboardTask{&out.ToConfirm, &out.Overdue, &out.Feedback} {
		task.Count = len(task.Items)
	}
	counts, err := a.r.Outbox.OutboxCounts(ctx, t)
	if err != nil {
		return out, err
	}
	out.Undelivered.Count = counts[itinera.OutboxFailed]
	return out, nil
}
