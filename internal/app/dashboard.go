package app

import (
	"context"
	"slices"
	"time"

	"itinera"
)

// The home page: the programs still to come with their readiness, and
// what needs the officer today. Every figure comes from the readiness of
// each program and the organization's notifications.

// maxDashboardPrograms bounds the programs the dashboard details; the
// others are counted.
const maxDashboardPrograms = 8

// Dashboard is what the home page shows.
type Dashboard struct {
	Today    itinera.Date // in the organization's zone
	Zone     *time.Location
	Upcoming []UpcomingProgram // programs not over yet, soonest first
	More     int               // programs not over beyond Upcoming
	// Today's work from the notifications: answers not read yet,
	// requests overdue, messages that failed, hosts' answers not read.
	Answers, Overdue, Failed, Hosts []itinera.Alert
	// Feedback to chase: programs over in the last feedbackChaseDays
	// whose feedback was not asked yet or not all answered.
	Chase []FeedbackToChase
}

// feedbackChaseDays is how long after a program the home page reminds
// the officer of its feedback.
const feedbackChaseDays = 60

// FeedbackToChase is a past program's feedback still to get.
type FeedbackToChase struct {
	Program        itinera.Program
	Sent, Answered int // links sent, and answered; 0 sent: not asked yet
}

// UpcomingProgram is a program still to come or under way, with its
// readiness.
type UpcomingProgram struct {
	Program   itinera.Program
	Readiness Readiness
	Running   bool // under way today
}

// Dashboard reads the caller's home page.
func (a *App) Dashboard(ctx context.Context, c Caller) (Dashboard, error) {
	if err := mustSignIn(c); err != nil {
		return Dashboard{}, err
	}
	_, loc, err := a.tenantZone(ctx, c)
	if err != nil {
		return Dashboard{}, err
	}
	out := Dashboard{Zone: loc, Today: itinera.DateOf(a.now().In(loc))}
	// Only the programs the page can show: coming, running, or ended
	// within the days feedback is chased (not the organization's past).
	ps, err := a.r.Programs.ProgramsEndingFrom(ctx, c.tenant(), out.Today.AddDays(-feedbackChaseDays))
	if err != nil {
		return out, err
	}
	var coming []itinera.Program
	for _, p := range ps {
		if p.Status != itinera.ProgramCancelled && p.Status != itinera.ProgramCompleted && !p.EndDate.Before(out.Today) {
			coming = append(coming, p)
		}
		if p.Status != itinera.ProgramCancelled && p.EndDate.Before(out.Today) && !p.EndDate.Before(out.Today.AddDays(-feedbackChaseDays)) {
			links, err := a.r.Feedback.FeedbackLinks(ctx, c.tenant(), p.ID)
			if err != nil {
				return out, err
			}
			ch := FeedbackToChase{Program: p, Sent: len(links)}
			for _, l := range links {
				if l.Answered() {
					ch.Answered++
				}
			}
			if ch.Sent == 0 || ch.Answered < ch.Sent {
				out.Chase = append(out.Chase, ch)
			}
		}
	}
	slices.SortStableFunc(coming, func(x, y itinera.Program) int { return x.StartDate.Compare(y.StartDate) })
	if len(coming) > maxDashboardPrograms {
		out.More = len(coming) - maxDashboardPrograms
		coming = coming[:maxDashboardPrograms]
	}
	for _, p := range coming {
		rd, err := a.ProgramReadiness(ctx, c, p.ID)
		if err != nil {
			return out, err
		}
		out.Upcoming = append(out.Upcoming, UpcomingProgram{Program: p, Readiness: rd, Running: !out.Today.Before(p.StartDate)})
	}
	al, err := a.Alerts(ctx, c)
	if err != nil {
		return out, err
	}
	for _, n := range al.Items {
		switch n.Kind {
		case itinera.AlertAnswer, itinera.AlertMail:
			if al.New(n) {
				out.Answers = append(out.Answers, n)
			}
		case itinera.AlertOverdue:
			out.Overdue = append(out.Overdue, n)
		case itinera.AlertFailed:
			out.Failed = append(out.Failed, n)
		case itinera.AlertHost:
			if al.New(n) {
				out.Hosts = append(out.Hosts, n)
			}
		}
	}
	return out, nil
}
