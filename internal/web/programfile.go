package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/programfile"
)

// Program files: the program page's "Download program file" and the
// programs list's "Import a program file" (docs/program-file.md).

// programFileDownload answers the program file of a program, as a download.
func (ui *UI) programFileDownload(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	f, err := ui.app.ExportProgram(r.Context(), ui.caller(r, s), id)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	var buf bytes.Buffer
	if err := programfile.Encode(&buf, f); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Content-Disposition", `attachment; filename="`+fileName(f.Program, id)+`"`)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, _ = buf.WriteTo(w)
}

// fileName names a program's file by its title and arrival date, in
// letters a file system and a Content-Disposition header take as they are:
// "combating-trafficking-in-persons-2026-11-21.json".
func fileName(p programfile.Program, id int64) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(p.Title) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case !dash && b.Len() > 0 && b.Len() < 60:
			b.WriteByte('-')
			dash = true
		}
	}
	name := strings.Trim(b.String(), "-")
	if name == "" {
		name = fmt.Sprintf("program-%d", id)
	}
	return name + "-" + p.StartDate + ".json"
}

// programFileImport makes a new program from the uploaded program file, or
// shows the programs again with what is wrong with the file.
func (ui *UI) programFileImport(w http.ResponseWriter, r *http.Request, s *session) {
	file, _, err := r.FormFile("file")
	if err != nil {
		ui.programsPage(w, r, s, http.StatusUnprocessableEntity, "Choose a program file to import: a .json file downloaded from a program's page.")
		return
	}
	defer file.Close()
	f, err := programfile.Decode(file)
	if err == nil {
		var got app.ImportedProgram
		if got, err = ui.app.ImportProgram(r.Context(), ui.caller(r, s), f); err == nil {
			msg := "The program was imported."
			if got.SendAgain > 0 {
				msg += fmt.Sprintf(" Send %s again: a program file does not carry their links.", plural(got.SendAgain, "meeting request"))
			}
			ui.redirect(w, r, "/programs/"+itoa(got.Program.ID), msg)
			return
		}
	}
	if itinera.ErrorCode(err) == itinera.EINVALID {
		ui.programsPage(w, r, s, http.StatusUnprocessableEntity, itinera.ErrorMessage(err))
		return
	}
	ui.fail(w, r, s, err)
}
