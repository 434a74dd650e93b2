package web

import (
	"crypto/hmac"
	"net/http"

	"itinera"
)

// The evenings on a host's personal page: each evening the household is
// invited to and that is not over, where the host says yes or no (with an
// optional note) for that evening alone. A no makes the household
// unavailable for the evening, so the matching leaves it out.

// hostEveningRow is one evening on the personal page.
type hostEveningRow struct {
	ID         int64
	Program    string
	When       string
	Note       string
	Answer     string // "", "yes" or "no"
	AnswerNote string
	Confirmed  bool
	Action     string
}

// hostEvenings lists the household's evenings for its page.
func (ui *UI) hostEvenings(r *http.Request, hash string) ([]hostEveningRow, error) {
	es, err := ui.svc.Hospitality.HostEvenings(r.Context(), hash)
	if err != nil {
		return nil, err
	}
	rows := make([]hostEveningRow, 0, len(es))
	for _, e := range es {
		answer := string(e.Answer)
		if answer == "" && e.Status == itinera.InvitationUnavailable {
			answer = "no" // the officer marked the household unavailable
		}
		rows = append(rows, hostEveningRow{ID: e.EveningID, Program: e.ProgramTitle, Note: e.Note, Answer: answer,
			AnswerNote: e.AnswerNote, Confirmed: e.Confirmed, Action: "/h/" + r.PathValue("token") + "/evenings/" + itoa(e.EveningID),
			When: windowLabel(itinera.Window{Start: e.Start, End: e.End}, e.Location())})
	}
	return rows, nil
}

func (ui *UI) hostAnswer(w http.ResponseWriter, r *http.Request, s *session) {
	h, hash, ok := ui.hostHousehold(w, r, s)
	if !ok {
		return
	}
	page := "/h/" + r.PathValue("token")
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	if !hmac.Equal([]byte(r.PostForm.Get("nonce")), []byte(ui.linkNonce("host", hash))) {
		ui.redirect(w, r, page+"#evening-"+itoa(id), "This page was open for a long time. Please give your answer again.")
		return
	}
	a := itinera.HostAnswer{Answer: itinera.InvitationAnswer(r.PostForm.Get("answer")), Note: r.PostForm.Get("note")}
	err = ui.app.AnswerInvitation(r.Context(), hash, id, a)
	switch itinera.ErrorCode(err) {
	case "":
	case itinera.EINVALID, itinera.ECONFLICT:
		msg := itinera.ErrorMessage(err)
		if note := itinera.ErrorFields(err)["note"]; note != "" {
			msg += " Your note: " + note
		}
		ui.redirect(w, r, page+"#evening-"+itoa(id), msg)
		return
	default:
		ui.fail(w, r, s, err)
		return
	}
	ui.log.InfoContext(r.Context(), "host answered invitation", "household", h.ID, "evening", id, "answer", string(a.Answer), "tenant", h.TenantID)
	msg := "Thank you! We have noted that you can host that evening; we will write with your guests once the matching is done."
	if a.Answer == itinera.AnswerNo {
		msg = "Thank you for letting us know. We will not match guests to you that evening."
	}
	ui.redirect(w, r, page+"#evening-"+itoa(id), msg)
}
