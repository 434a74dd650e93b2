package api

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/app"
)

// Spreadsheet imports: POST /api/v1/imports takes the file as the body
// (text/csv, the XLSX media type or application/octet-stream) or as the
// "file" part of a multipart form, with what it holds in the query:
// ?kind=visitors&program_id=7[&sheet=Roster][&fields=given_name,,country]
// [&dry_run=true][&file_name=roster.xlsx]. The answer is the same summary
// the CLI prints, with every row: 201 when applied (the import's record is
// created), 200 for a dry run, 422 when a row is refused, and then
// nothing was imported.

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

type importJSON struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	ProgramID *int64 `json:"program_id"`
	FileName  string `json:"file_name"`
	UserID    *int64 `json:"user_id"`
	UserName  string `json:"user_name"`
	CreatedAt string `json:"created_at"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	UndoneAt  string `json:"undone_at,omitempty"`
}

func newImportJSON(im itinera.Import) importJSON {
	j := importJSON{ID: im.ID, Kind: string(im.Kind), FileName: im.FileName, UserName: im.UserName,
		CreatedAt: im.CreatedAt.UTC().Format(time.RFC3339), Created: im.Created, Updated: im.Updated, Unchanged: im.Unchanged}
	if im.ProgramID != 0 {
		j.ProgramID = &im.ProgramID
	}
	if im.UserID != 0 {
		j.UserID = &im.UserID
	}
	if im.Undone() {
		j.UndoneAt = im.UndoneAt.UTC().Format(time.RFC3339)
	}
	return j
}

// importRefusedBody is the error answer of an import with refused rows:
// the usual error, and the summary naming every row.
type importRefusedBody struct {
	Error  errorJSON        `json:"error"`
	Import app.ImportResult `json:"import"`
}

func (a *API) postImport(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	q := r.URL.Query()
	f := itinera.FieldErrors{}
	kind, err := itinera.ParseImportKind(q.Get("kind"))
	if err != nil {
		f.Add("kind", itinera.ErrorMessage(err))
	}
	var programID int64
	if s := q.Get("program_id"); s != "" {
		if programID, err = strconv.ParseInt(s, 10, 64); err != nil || programID <= 0 {
			f.Add("program_id", "Give the id of one of your programs.")
		}
	} else if kind.InProgram() {
		f.Add("program_id", "Give the program the "+string(kind)+" belong to.")
	}
	dry := false
	switch q.Get("dry_run") {
	case "", "false", "0":
	case "true", "1":
		dry = true
	default:
		f.Add("dry_run", "Use true or false.")
	}
	sheetName := q.Get("sheet")
	itinera.CheckLine(f, "sheet", &sheetName, 100)
	in := app.ImportInput{Kind: kind, ProgramID: programID, Sheet: sheetName, FileName: q.Get("file_name")}
	if q.Has("fields") {
		in.Fields = strings.Split(q.Get("fields"), ",")
		for i := range in.Fields {
			in.Fields[i] = strings.TrimSpace(in.Fields[i])
		}
	}
	if err := f.Err("query"); err != nil {
		return err
	}
	if in.Data, in.FileName, err = readFile(w, r, in.FileName); err != nil {
		return err
	}
	if in.FileName == "" {
		in.FileName = string(kind)
	}
	c := a.caller(r, u)
	var res app.ImportResult
	if dry {
		res, err = a.app.PreviewImport(r.Context(), c, in)
	} else {
		res, err = a.app.ApplyImport(r.Context(), c, in)
	}
	if err != nil && len(res.Refused) > 0 && res.Rows != nil {
		a.writeJSON(w, r, http.StatusUnprocessableEntity, importRefusedBody{
			Error:  errorJSON{Code: itinera.EINVALID, Message: itinera.ErrorMessage(err), Fields: map[string]string{}},
			Import: res})
		return nil
	}
	if err != nil {
		return err
	}
	if res.Applied {
		return a.created(w, r, "/api/v1/imports/"+strconv.FormatInt(res.ImportID, 10), res)
	}
	return a.ok(w, r, res)
}

// readFile reads the file of an import: the body itself, or the "file"
// part of a multipart form (whose file name is used when none was given).
func readFile(w http.ResponseWriter, r *http.Request, name string) ([]byte, string, error) {
	limit := int64(itinera.MaxImportFileBytes)
	tooBig := itinera.Errorf(itinera.EINVALID, "The file is larger than %d MB; split it into smaller files.", limit>>20)
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		mt = ""
	}
	body := http.MaxBytesReader(w, r.Body, limit+1<<20)
	var data []byte
	switch mt {
	case "multipart/form-data":
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				return nil, name, badRequest("Send the file as the part named \"file\" of the form.")
			}
			if err != nil {
				return nil, name, readError(err, tooBig)
			}
			if p.FormName() != "file" {
				continue
			}
			if name == "" {
				name = p.FileName()
			}
			data, err = io.ReadAll(io.LimitReader(p, limit+1))
			if err != nil {
				return nil, name, readError(err, tooBig)
			}
			break
		}
	case "text/csv", "text/plain", "text/tab-separated-values", xlsxType, "application/octet-stream", "application/vnd.ms-excel":
		data, err = io.ReadAll(io.LimitReader(body, limit+1))
		if err != nil {
			return nil, name, readError(err, tooBig)
		}
	default:
		return nil, name, &statusError{status: http.StatusUnsupportedMediaType, err: itinera.Errorf(itinera.EINVALID,
			"Send the file as the body with Content-Type: text/csv or %s, or as the part \"file\" of a multipart/form-data form.", xlsxType)}
	}
	if int64(len(data)) > limit {
		return nil, name, &statusError{status: http.StatusRequestEntityTooLarge, err: tooBig}
	}
	if len(data) == 0 {
		return nil, name, badRequest("The file is empty.")
	}
	return data, name, nil
}

func readError(err error, tooBig *itinera.Error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return &statusError{status: http.StatusRequestEntityTooLarge, err: tooBig}
	}
	return badRequest("The file could not be read: the upload was cut short or is not a well-formed form.")
}

func (a *API) listImports(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	var programID int64
	if s := r.URL.Query().Get("program_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return itinera.FieldErrors{"program_id": "Give the id of one of your programs."}.Err("query")
		}
		if _, err := a.svc.Programs.Program(r.Context(), u.TenantID, id); err != nil {
			return err
		}
		programID = id
	}
	ims, err := a.svc.Imports.Imports(r.Context(), u.TenantID, programID)
	if err != nil {
		return err
	}
	return listed(w, r, a, "imports", ims, func(im itinera.Import) int64 { return im.ID }, newImportJSON)
}

func (a *API) getImport(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "import")
	if err != nil {
		return err
	}
	im, _, err := a.svc.Imports.Import(r.Context(), u.TenantID, id)
	if err != nil {
		return err
	}
	return a.ok(w, r, newImportJSON(im))
}

func (a *API) undoImport(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "import")
	if err != nil {
		return err
	}
	im, err := a.app.UndoImport(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	return a.ok(w, r, newImportJSON(im))
}
