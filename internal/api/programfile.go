package api

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"

	"itinera"
	"itinera/internal/inbound"
	"itinera/internal/programfile"
	"itinera/internal/projectfile"
)

// Program files: a whole program as one JSON document, to move it to
// another organization or installation (docs/program-file.md).

// getProgramFile answers the program file of a program.
func (a *API) getProgramFile(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "program")
	if err != nil {
		return err
	}
	f, err := a.app.ExportProgram(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := programfile.Encode(&buf, f); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="program-%d.json"`, id))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
	return nil
}

// importedJSON is the answer of an import: the new program, the records
// made and the directory records reused, by kind, and how many requests
// must be sent again (a program file carries no links).
type importedJSON struct {
	Program             programSummary `json:"program"`
	Created             map[string]int `json:"created"`
	Reused              map[string]int `json:"reused"`
	RequestsToSendAgain int            `json:"requests_to_send_again"`
}

// importProgramFile makes a new program of the user's organization from
// the program file in the body, all of it or nothing.
func (a *API) importProgramFile(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return &statusError{status: http.StatusUnsupportedMediaType,
			err: itinera.Errorf(itinera.EINVALID, "Send the program file as JSON with Content-Type: application/json.")}
	}
	f, err := programfile.Decode(r.Body)
	if err != nil {
		return fileError(err)
	}
	got, err := a.app.ImportProgram(r.Context(), a.caller(r, u), f)
	if err != nil {
		return err
	}
	return a.created(w, r, "/api/v1/programs/"+strconv.FormatInt(got.Program.ID, 10), importedJSON{
		Program: newProgramSummary(got.Program), Created: got.Created, Reused: got.Reused, RequestsToSendAgain: got.SendAgain})
}

// bodyLimit is the size a request body may have: a program file's for
// its import, else maxBody.
func bodyLimit(r *http.Request) int64 {
	if r.Method == http.MethodPost && r.URL.Path == "/api/v1/programs/import" {
		return programfile.MaxSize + 1 // Decode names the limit of a larger file
	}
	if r.Method == http.MethodPost && (r.URL.Path == "/api/v1/packages/stop" || r.URL.Path == "/api/v1/packages/return") {
		return projectfile.MaxSize + 1 // readPackage names the limit of a larger package
	}
	if r.Method == http.MethodPost && r.URL.Path == "/api/v1/inbound" {
		return inbound.MaxBytes // a raw e-mail; postInbound names the limit
	}
	return maxBody
}

// fileError gives a refused file its status: 400 when the body is not
// JSON at all, 413 when too large, else 422 with the message naming what
// is wrong. A body that could not be read is the client's.
func fileError(err error) error {
	var e *itinera.Error
	switch {
	case !errors.As(err, &e):
		return badRequest("The request body could not be read.")
	case errors.Is(err, programfile.ErrTooLarge):
		return &statusError{status: http.StatusRequestEntityTooLarge, err: e}
	case errors.Is(err, programfile.ErrNotJSON):
		return &statusError{status: http.StatusBadRequest, err: e}
	}
	return err
}
