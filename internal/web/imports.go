package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/importing"
	"itinera/internal/sheet"
)

// Spreadsheet imports, in four steps: upload the file; match its columns
// to fields (remembered for the next file of the same shape); preview
// what every row would do; apply it all in one transaction, or nothing.
// Each import can be undone as a whole from its page.

// importKindLabels names the kinds as the pages say them.
var importKindLabels = map[itinera.ImportKind]string{
	itinera.ImportVisitors: "Visitors (the delegation's roster)", itinera.ImportInterpreters: "Interpreters",
	itinera.ImportMeetings: "Candidate meetings, with availability windows", itinera.ImportOrganizations: "Organizations",
	itinera.ImportContacts: "Contacts (people at organizations)", itinera.ImportPlaces: "Places",
	itinera.ImportHouseholds: "Host households",
}

type importNewView struct {
	Kinds     []option
	Kind      string
	Programs  []option
	ProgramID int64
	Sheet     string
	Error     string
	MaxMB     int
	Imports   []importLine
	Loc       *time.Location // the organization's zone
}

type importLine struct {
	itinera.Import
	KindLabel string
	Program   string
}

// importNew shows the upload form and the recent imports.
func (ui *UI) importNew(w http.ResponseWriter, r *http.Request, s *session) {
	q := r.URL.Query()
	pid, _ := strconv.ParseInt(q.Get("program"), 10, 64)
	ui.renderImportNew(w, r, s, http.StatusOK, importNewView{Kind: q.Get("kind"), ProgramID: pid})
}

func (ui *UI) renderImportNew(w http.ResponseWriter, r *http.Request, s *session, status int, v importNewView) {
	ctx, tid := r.Context(), s.User.TenantID
	ps, err := ui.svc.Programs.Programs(ctx, tid)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v.MaxMB = itinera.MaxImportFileBytes >> 20
	for _, k := range itinera.ImportKinds {
		v.Kinds = append(v.Kinds, option{Value: string(k), Label: importKindLabels[k]})
	}
	names := map[int64]string{}
	for _, p := range ps {
		names[p.ID] = p.Title
		v.Programs = append(v.Programs, option{Value: strconv.FormatInt(p.ID, 10), Label: p.Title + " (" + p.StartDate.String() + ")"})
	}
	for _, pid := range []int64{v.ProgramID, 0} {
		if pid != 0 && names[pid] == "" {
			continue
		}
		ims, err := ui.svc.Imports.Imports(ctx, tid, pid)
		if err != nil {
			ui.fail(w, r, s, err)
			return
		}
		for i, im := range ims {
			if i == 20 {
				break
			}
			v.Imports = append(v.Imports, importLine{Import: im, KindLabel: importKindLabels[im.Kind], Program: names[im.ProgramID]})
		}
	}
	crumbs := []crumb{{"/programs", "Programs"}}
	if names[v.ProgramID] != "" {
		crumbs = append(crumbs, crumb{"/programs/" + strconv.FormatInt(v.ProgramID, 10), names[v.ProgramID]})
	}
	loc, err := ui.tenantZone(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v.Loc = loc
	ui.render(w, r, s, status, "import_new", pageInfo{Title: "Import from a spreadsheet", Nav: "programs", Crumbs: crumbs}, v)
}

// importUpload keeps the uploaded file and goes on to the mapping.
func (ui *UI) importUpload(w http.ResponseWriter, r *http.Request, s *session) {
	v := importNewView{Kind: r.PostForm.Get("kind"), Sheet: r.PostForm.Get("sheet")}
	v.ProgramID, _ = strconv.ParseInt(r.PostForm.Get("program"), 10, 64)
	in := app.ImportInput{Kind: itinera.ImportKind(v.Kind), ProgramID: v.ProgramID, Sheet: v.Sheet}
	if f, h, err := r.FormFile("file"); err == nil {
		in.FileName = h.Filename
		in.Data, err = io.ReadAll(io.LimitReader(f, itinera.MaxImportFileBytes+1))
		f.Close()
		if err != nil {
			ui.fail(w, r, s, itinera.Errorf(itinera.EINVALID, "The file could not be read. Please try again."))
			return
		}
	}
	u, err := ui.app.UploadImport(r.Context(), ui.caller(r, s), in)
	if err != nil {
		if itinera.ErrorCode(err) == itinera.EINVALID {
			v.Error = itinera.ErrorMessage(err)
			for _, m := range itinera.ErrorFields(err) {
				v.Error = m
			}
			ui.renderImportNew(w, r, s, http.StatusUnprocessableEntity, v)
			return
		}
		ui.fail(w, r, s, err)
		return
	}
	http.Redirect(w, r, "/imports/uploads/"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
}

type mappingColumn struct {
	Index   int
	Letter  string
	Header  string
	Samples []string
	Field   string
}

type importMapView struct {
	UploadID  int64
	KindLabel string
	Kind      string
	FileName  string
	Sheet     string
	Sheets    []string
	Rows      int
	Columns   []mappingColumn
	Fields    []importing.Field
	Mapping   string // chosen, remembered or matched
	Error     string
	Errors    []string
	Program   string
}

// importMap shows the file's columns with the field each goes to.
func (ui *UI) importMap(w http.ResponseWriter, r *http.Request, s *session) {
	in, ok := ui.importInput(w, r, s)
	if !ok {
		return
	}
	res, err := ui.app.PreviewImport(r.Context(), ui.caller(r, s), app.ImportInput{Kind: in.Kind, ProgramID: in.ProgramID,
		FileName: in.FileName, Data: in.Data, Sheet: in.Sheet, Fields: nil})
	ui.renderMap(w, r, s, http.StatusOK, in, res, err)
}

func (ui *UI) renderMap(w http.ResponseWriter, r *http.Request, s *session, status int, in app.ImportInput, res app.ImportResult, err error) {
	t, rerr := sheet.Read(in.FileName, bytes.NewReader(in.Data), in.Sheet)
	if rerr != nil {
		ui.fail(w, r, s, rerr)
		return
	}
	v := importMapView{UploadID: in.UploadID, Kind: string(in.Kind), KindLabel: importKindLabels[in.Kind], FileName: in.FileName,
		Sheet: t.Sheet, Sheets: t.Sheets, Rows: len(t.Rows), Fields: importing.Fields(in.Kind), Mapping: res.Mapping}
	fields := res.Fields
	if fields == nil {
		fields = in.Fields
	}
	if len(fields) != len(t.Header) {
		fields = importing.Match(in.Kind, t.Header)
	}
	for i, h := range t.Header {
		c := mappingColumn{Index: i, Letter: importing.ColumnName(i), Header: h, Field: fields[i]}
		for _, row := range t.Rows {
			if len(c.Samples) == 3 {
				break
			}
			if i < len(row.Cells) && row.Cells[i] != "" {
				c.Samples = append(c.Samples, row.Cells[i])
			}
		}
		v.Columns = append(v.Columns, c)
	}
	if err != nil {
		if itinera.ErrorCode(err) != itinera.EINVALID && itinera.ErrorCode(err) != itinera.ENOTFOUND {
			ui.fail(w, r, s, err)
			return
		}
		v.Error = itinera.ErrorMessage(err)
		if m := itinera.ErrorFields(err)["mapping"]; m != "" {
			v.Error, v.Errors = "Check the columns' fields.", []string{m}
		}
		if status == http.StatusOK && res.Mapping != "chosen" {
			v.Error = "" // a first look: the officer has not chosen yet
			v.Errors = nil
		}
	}
	if in.ProgramID != 0 {
		if p, err := ui.svc.Programs.Program(r.Context(), s.User.TenantID, in.ProgramID); err == nil {
			v.Program = p.Title
		}
	}
	ui.render(w, r, s, status, "import_map", pageInfo{Title: "Match the columns", Nav: "programs",
		Crumbs: []crumb{{"/imports/new?kind=" + v.Kind, "Import from a spreadsheet"}}}, v)
}

// importInput reads the upload of the path, with the mapping of the form
// when one was posted.
func (ui *UI) importInput(w http.ResponseWriter, r *http.Request, s *session) (app.ImportInput, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		ui.fail(w, r, s, itinera.Errorf(itinera.ENOTFOUND, "No such file."))
		return app.ImportInput{}, false
	}
	in, err := ui.app.ImportUploaded(r.Context(), ui.caller(r, s), id)
	if err != nil {
		if itinera.ErrorCode(err) == itinera.ENOTFOUND {
			err = itinera.Errorf(itinera.ENOTFOUND, "This upload is no longer kept (files wait a day between upload and import). Upload the file again.")
		}
		ui.fail(w, r, s, err)
		return in, false
	}
	if r.Method == http.MethodPost {
		if n, err := strconv.Atoi(r.PostForm.Get("columns")); err == nil && n >= 0 && n <= sheet.MaxColumns {
			in.Fields = make([]string, n)
			for i := range in.Fields {
				in.Fields[i] = r.PostForm.Get(fmt.Sprintf("field_%d", i))
			}
		}
	}
	return in, true
}

type importPreviewView struct {
	UploadID  int64
	KindLabel string
	FileName  string
	Result    app.ImportResult
	Shown     []app.ImportRow
	Hidden    int
	Fields    []string
	Labels    map[string]string
	Program   string
	Refused   int
	Error     string
}

// previewShown bounds the rows the preview lists besides the refused.
const previewShown = 200

// importPreview shows what importing the file with the posted mapping
// would do, row by row.
func (ui *UI) importPreview(w http.ResponseWriter, r *http.Request, s *session) {
	in, ok := ui.importInput(w, r, s)
	if !ok {
		return
	}
	res, err := ui.app.PreviewImport(r.Context(), ui.caller(r, s), in)
	if err != nil {
		ui.renderMap(w, r, s, http.StatusUnprocessableEntity, in, res, err)
		return
	}
	ui.renderPreview(w, r, s, http.StatusOK, in, res, "")
}

func (ui *UI) renderPreview(w http.ResponseWriter, r *http.Request, s *session, status int, in app.ImportInput, res app.ImportResult, msg string) {
	v := importPreviewView{UploadID: in.UploadID, KindLabel: importKindLabels[in.Kind], FileName: in.FileName, Result: res,
		Fields: res.Fields, Refused: res.RefusedRows(), Error: msg, Labels: map[string]string{}}
	for _, f := range importing.Fields(in.Kind) {
		v.Labels[f.Key] = f.Label
	}
	for _, row := range res.Rows { // refused rows first, all of them
		if row.Outcome == importing.Refused {
			v.Shown = append(v.Shown, row)
		}
	}
	for _, row := range res.Rows {
		if row.Outcome == importing.Refused {
			continue
		}
		if len(v.Shown) >= previewShown && len(row.Warnings) == 0 {
			v.Hidden++
			continue
		}
		v.Shown = append(v.Shown, row)
	}
	if in.ProgramID != 0 {
		if p, err := ui.svc.Programs.Program(r.Context(), s.User.TenantID, in.ProgramID); err == nil {
			v.Program = p.Title
		}
	}
	ui.render(w, r, s, status, "import_preview", pageInfo{Title: "Check before you import", Nav: "programs",
		Crumbs: []crumb{{"/imports/new?kind=" + string(in.Kind), "Import from a spreadsheet"},
			{"/imports/uploads/" + strconv.FormatInt(in.UploadID, 10), "Match the columns"}}}, v)
}

// importApply imports the file with the posted mapping, all rows or none.
func (ui *UI) importApply(w http.ResponseWriter, r *http.Request, s *session) {
	in, ok := ui.importInput(w, r, s)
	if !ok {
		return
	}
	res, err := ui.app.ApplyImport(r.Context(), ui.caller(r, s), in)
	if err != nil {
		if res.Rows != nil && itinera.ErrorCode(err) == itinera.EINVALID {
			ui.renderPreview(w, r, s, http.StatusUnprocessableEntity, in, res, itinera.ErrorMessage(err))
			return
		}
		if itinera.ErrorCode(err) == itinera.EINVALID {
			ui.renderMap(w, r, s, http.StatusUnprocessableEntity, in, res, err)
			return
		}
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/imports/"+strconv.FormatInt(res.ImportID, 10),
		fmt.Sprintf("Imported: %d created, %d updated, %d unchanged.", res.Created, res.Updated, res.Unchanged))
}

type importShowView struct {
	Import    itinera.Import
	KindLabel string
	Program   string
	Back      string
	Records   int
	Loc       *time.Location // the organization's zone
}

// importShow shows one import and offers to undo it.
func (ui *UI) importShow(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		ui.fail(w, r, s, itinera.Errorf(itinera.ENOTFOUND, "No such import."))
		return
	}
	im, recs, err := ui.svc.Imports.Import(r.Context(), s.User.TenantID, id)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := importShowView{Import: im, KindLabel: importKindLabels[im.Kind], Records: len(recs), Back: "/directory"}
	if im.ProgramID != 0 {
		v.Back = "/programs/" + strconv.FormatInt(im.ProgramID, 10)
		if p, err := ui.svc.Programs.Program(r.Context(), s.User.TenantID, im.ProgramID); err == nil {
			v.Program = p.Title
		}
	}
	if im.Kind == itinera.ImportHouseholds {
		v.Back = "/households"
	}
	if v.Loc, err = ui.tenantZone(r, s); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.render(w, r, s, http.StatusOK, "import_show", pageInfo{Title: "Import of " + im.FileName, Nav: "programs",
		Crumbs: []crumb{{"/imports/new", "Import from a spreadsheet"}}}, v)
}

// importUndo undoes an import as a whole.
func (ui *UI) importUndo(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		ui.fail(w, r, s, itinera.Errorf(itinera.ENOTFOUND, "No such import."))
		return
	}
	if _, err := ui.app.UndoImport(r.Context(), ui.caller(r, s), id); err != nil {
		if itinera.ErrorCode(err) == itinera.ECONFLICT {
			ui.redirect(w, r, "/imports/"+strconv.FormatInt(id, 10), itinera.ErrorMessage(err))
			return
		}
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/imports/"+strconv.FormatInt(id, 10), "The import was undone.")
}
