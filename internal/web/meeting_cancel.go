package web

import (
	"net/http"

	"itinera"
	"itinera/internal/ical"
	"itinera/internal/requests"
)

// meetingCancel cancels a meeting; a confirmed one sends its resource a
// calendar cancellation in the same transaction.
func (ui *UI) meetingCancel(w http.ResponseWriter, r *http.Request, s *session) {
	m, p, err := ui.meeting(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ctx, tid := r.Context(), s.User.TenantID
	rqs, err := ui.svc.Requests.Requests(ctx, tid, p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	var notify itinera.CancelNotify
	for _, rq := range rqs {
		if rq.MeetingID == m.ID && rq.IsConfirmed() {
			conf, err := requests.LoadConfirmation(ctx, ui.svc, tid, rq, ical.Person{Name: s.User.Name, Email: s.User.Email}, ui.now())
			if err != nil {
				ui.fail(w, r, s, err)
				return
			}
			notify = conf.Cancellations
		}
	}
	err = ui.svc.Requests.CancelMeeting(ctx, tid, m.ID, notify)
	switch itinera.ErrorCode(err) {
	case "":
		msg := "The meeting “" + m.Title + "” is cancelled."
		if notify != nil {
			msg += " Its resource receives a cancellation in the outbox."
		}
		ui.redirect(w, r, programLink(p, "meetings"), msg)
	case itinera.ECONFLICT:
		ui.redirect(w, r, programLink(p, "meetings"), itinera.ErrorMessage(err))
	default:
		ui.fail(w, r, s, err)
	}
}
