package api

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"itinera"
	"itinera/internal/app"
)

// Every list that has an export also answers as a spreadsheet: CSV when
// asked with ?format=csv or Accept: text/csv, XLSX with ?format=xlsx or
// the XLSX media type, JSON otherwise. A spreadsheet is the whole list, as
// the JSON list's filters select it but never a page of it, and comes as an
// attachment with a file name. The same application-layer export serves
// the web UI's download links.

// The media types an Accept header names the spreadsheets by.
const (
	csvMediaType  = "text/csv"
	xlsxMediaType = app.XLSXMediaType
)

// exportQuery reads which list a request exports, with its filters.
type exportQuery func(r *http.Request, u itinera.User) (app.ExportQuery, error)

// exportable answers with h, or with the spreadsheet q names when the
// request asks for one.
func (a *API) exportable(h handlerFunc, q exportQuery) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, u itinera.User) error {
		w.Header().Add("Vary", "Accept")
		format, err := exportFormat(r)
		if err != nil {
			return err
		}
		if format == "" {
			return h(w, r, u)
		}
		eq, err := q(r, u)
		if err != nil {
			return err
		}
		x, err := a.app.Export(r.Context(), a.caller(r, u), eq)
		if err != nil {
			return err
		}
		return writeExport(w, r, x, format)
	}
}

// programList exports the list of the program named by the path.
func programList(l app.ExportList) exportQuery {
	return func(r *http.Request, _ itinera.User) (app.ExportQuery, error) {
		id, err := pathID(r, "program")
		return app.ExportQuery{List: l, ProgramID: id}, err
	}
}

// organizationList exports a list of the organization, filtered by the
// list's own query parameters (q, topic, status).
func organizationList(l app.ExportList) exportQuery {
	return func(r *http.Request, _ itinera.User) (app.ExportQuery, error) {
		q := r.URL.Query()
		return app.ExportQuery{List: l, Filter: app.ExportFilter{Query: q.Get("q"), Topic: q.Get("topic"), Status: q.Get("status")}}, nil
	}
}

// exportFormat says what the request asks for: "csv", "xlsx", or "" for
// JSON. ?format= decides; without it (or empty), the Accept header.
func exportFormat(r *http.Request) (string, error) {
	f := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("format")))
	if f == "" {
		return acceptedFormat(r.Header.Values("Accept")), nil
	}
	switch f {
	case "json":
		return "", nil
	case "csv", "xlsx":
		return f, nil
	}
	return "", &itinera.Error{Code: itinera.EINVALID, Message: "The list cannot be given in that format.",
		Fields: map[string]string{"format": "Use json, csv or xlsx."}}
}

// acceptedFormat picks the format the Accept header prefers among JSON,
// CSV and XLSX: the highest quality wins, JSON on a tie and when the
// header names none of them.
func acceptedFormat(accept []string) string {
	quality := map[string]float64{}
	for _, h := range accept {
		for _, part := range strings.Split(h, ",") {
			mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil {
				continue
			}
			q := 1.0
			if s, ok := params["q"]; ok {
				if q, err = strconv.ParseFloat(s, 64); err != nil || q < 0 || q > 1 {
					continue
				}
			}
			format := ""
			switch mt {
			case "application/json", "application/*", "*/*":
				format = "json"
			case csvMediaType:
				format = "csv"
			case xlsxMediaType:
				format = "xlsx"
			default:
				continue
			}
			quality[format] = max(quality[format], q)
		}
	}
	best, bestQ := "", quality["json"]
	for _, f := range []string{"csv", "xlsx"} {
		if quality[f] > bestQ {
			best, bestQ = f, quality[f]
		}
	}
	return best
}

// writeExport answers x as a CSV or XLSX attachment. It is written whole
// before the answer starts, so a failure is still answered as an error.
func writeExport(w http.ResponseWriter, r *http.Request, x app.Export, format string) error {
	data, mediaType, name, err := x.File(format)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", mediaType)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
	return nil
}
