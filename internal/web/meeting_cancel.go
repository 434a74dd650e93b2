package web

import (
	"net/http"

	"itinera"
)

// meetingCancel cancels a meeting; a confirmed one sends its resource a
// calendar cancellation in the same transaction.
func (ui *UI) meetingCancel(w http.ResponseWriter, r *http.Request, s *session) {
	m, p, err := ui.meeting(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	res, err := ui.app.CancelMeeting(r.Context(), ui.caller(r, s), m.ID, r.PostForm.Get("reason"))
	switch itinera.ErrorCode(err) {
	case "":
		msg := "The meeting “" + m.Title + "” is cancelled."
		if res.Notified > 0 {
			msg += " Its resource receives a cancellation in the outbox."
		}
		ui.redirect(w, r, programLink(p, "meeting-"+itoa(m.ID)), msg)
	case itinera.ECONFLICT, itinera.EINVALID:
		ui.redirect(w, r, programLink(p, "meeting-"+itoa(m.ID)), itinera.ErrorMessage(err))
	default:
		ui.fail(w, r, s, err)
	}
}
