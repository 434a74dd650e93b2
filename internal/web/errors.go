package web

import (
	"net/http"

	"itinera"
	"itinera/internal/httpstatus"
)

// status maps an itinera error code to an HTTP status.
func status(code string) int { return httpstatus.Of(code) }

type errorView struct {
	Status  int
	Message string
}

var errorTitles = map[int]string{
	http.StatusNotFound:            "Not found",
	http.StatusForbidden:           "Not allowed",
	http.StatusConflict:            "Conflict",
	http.StatusUnprocessableEntity: "Not accepted",
	http.StatusTooManyRequests:     "Too many requests",
	http.StatusInternalServerError: "Something went wrong",
}

// fail answers a request that could not be served. Internal detail is
// logged, never shown: the page carries only itinera.ErrorMessage.
func (ui *UI) fail(w http.ResponseWriter, r *http.Request, s *session, err error) {
	code := itinera.ErrorCode(err)
	if code == itinera.EUNAUTHORIZED {
		ui.toLogin(w, r)
		return
	}
	st := status(code)
	msg := itinera.ErrorMessage(err)
	switch {
	case st >= 500:
		ui.log.ErrorContext(r.Context(), "web request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	case code == itinera.ENOTFOUND:
		// A record of another tenant is reported like a missing one.
		msg = "There is no such page, or the record was deleted."
	}
	title := errorTitles[st]
	if title == "" {
		title = http.StatusText(st)
	}
	ui.render(w, r, s, st, "error", pageInfo{Title: title}, errorView{Status: st, Message: msg})
}

// notFound is the error for a path that names no record.
var notFound = itinera.Errorf(itinera.ENOTFOUND, "There is no such page.")
