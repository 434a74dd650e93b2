package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"itinera"
	"itinera/internal/app"
)

// Downloads: every list page offers its list as CSV and XLSX, whole and
// filtered as the page shows it, from the application layer's Export (the
// same the API answers ?format=csv with), and the import templates.
//
//	/programs/{id}/downloads/{list}.csv|.xlsx  a program's lists
//	/downloads/{list}.csv|.xlsx                 the organization's lists
//	/templates/{kind}.csv|.xlsx                 the template of an import

// downloadPath splits the file named by the path, "visitors.csv", into its
// name and format; any other extension is not found.
func downloadPath(r *http.Request) (string, string, error) {
	name, format, ok := strings.Cut(r.PathValue("file"), ".")
	if !ok || format != "csv" && format != "xlsx" {
		return "", "", notFound
	}
	return name, format, nil
}

// downloadList reads the list the path names.
func downloadList(r *http.Request) (app.ExportList, string, error) {
	name, format, err := downloadPath(r)
	if err != nil {
		return "", "", err
	}
	l, err := app.ParseExportList(name)
	return l, format, err
}

// programDownload sends a list of the program: its people, candidates,
// itinerary, requests or volunteer hours.
func (ui *UI) programDownload(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	l, format, err := downloadList(r)
	if err == nil && !l.InProgram() && l != app.ExportVolunteerHours {
		err = notFound
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	x, err := ui.app.Export(r.Context(), ui.caller(r, s), app.ExportQuery{List: l, ProgramID: id})
	ui.sendExport(w, r, s, x, format, err)
}

// download sends a list of the organization, filtered by the query its
// page filters by (q, topic, status).
func (ui *UI) download(w http.ResponseWriter, r *http.Request, s *session) {
	l, format, err := downloadList(r)
	if err == nil && l.InProgram() {
		err = notFound
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	q := r.URL.Query()
	x, err := ui.app.Export(r.Context(), ui.caller(r, s), app.ExportQuery{List: l,
		Filter: app.ExportFilter{Query: q.Get("q"), Topic: q.Get("topic"), Status: q.Get("status")}})
	ui.sendExport(w, r, s, x, format, err)
}

// importTemplate sends the template of an import kind.
func (ui *UI) importTemplate(w http.ResponseWriter, r *http.Request, s *session) {
	name, format, err := downloadPath(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	k, err := itinera.ParseImportKind(name)
	if err != nil || name != string(k) {
		ui.fail(w, r, s, notFound)
		return
	}
	sh, err := app.ImportTemplate(k)
	ui.sendExport(w, r, s, app.Export{Sheet: sh, Name: app.FileName(name, "template")}, format, err)
}

// sendExport answers x as a file to save, or the page of err.
func (ui *UI) sendExport(w http.ResponseWriter, r *http.Request, s *session, x app.Export, format string, err error) {
	var data []byte
	var mediaType, name string
	if err == nil {
		data, mediaType, name, err = x.File(format)
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", mediaType)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// downloadLinks is what the "downloads" template shows: the list at base
// as CSV and XLSX, what for screen readers ("the visitors"), and the
// page's filter as name, value pairs (empty values left out).
type downloadLinks struct {
	CSV, XLSX, What string
	Label           string // shown before the links, "" under the list's own heading
}

// Labelled shows label before the links: a page that offers more than the
// list under its heading says which list they download.
func (d downloadLinks) Labelled(label string) downloadLinks {
	d.Label = label
	return d
}

func newDownloadLinks(base, what string, filter ...string) downloadLinks {
	q := url.Values{}
	for i := 0; i+1 < len(filter); i += 2 {
		if filter[i+1] != "" {
			q.Set(filter[i], filter[i+1])
		}
	}
	query := ""
	if len(q) > 0 {
		query = "?" + q.Encode()
	}
	return downloadLinks{CSV: base + ".csv" + query, XLSX: base + ".xlsx" + query, What: what}
}
