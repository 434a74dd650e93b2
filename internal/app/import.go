package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"itinera"
	"itinera/internal/importing"
	"itinera/internal/sheet"
)

// Spreadsheet imports: a file of visitors, interpreters, meetings,
// organizations, contacts, places or households is read, its columns
// matched to fields, and every row checked by the same rules as a form.
// A preview runs the whole import in a transaction it rolls back; an apply
// commits it only when no row is refused, so nothing is half-imported.

// ImportInput is a file to import and how to read it.
type ImportInput struct {
	Kind      itinera.ImportKind
	ProgramID int64 // for visitors, interpreters and meetings
	FileName  string
	Data      []byte
	Sheet     string // a workbook's sheet; "" for the first
	// Fields is the officer's mapping (a field key per column, "" to leave
	// a column out); nil uses the mapping remembered for files of this
	// shape, else the one matched from the headers.
	Fields []string
	// UploadID is the kept upload the file came from; an apply forgets it.
	UploadID int64
	// Progress, when set, is told every few hundred rows how many of the
	// file's rows are done, for a progress bar or line.
	Progress func(done, total int)
}

// ImportRow is what one row of the file does.
type ImportRow struct {
	Row       int                 `json:"row"`
	Outcome   importing.Outcome   `json:"outcome"`
	RecordID  int64               `json:"record_id,omitempty"`
	Label     string              `json:"label"`
	MatchedBy string              `json:"matched_by,omitempty"`
	Problems  []importing.Problem `json:"problems,omitempty"`
	Warnings  []string            `json:"warnings,omitempty"`
}

// RowProblem is a refused row's reason, for the summary.
type RowProblem struct {
	Row     int    `json:"row"`
	Field   string `json:"field"`
	Column  string `json:"column,omitempty"`
	Message string `json:"message"`
}

// RowWarning is something kept that the officer should know (row 0: the
// file as a whole).
type RowWarning struct {
	Row     int    `json:"row"`
	Message string `json:"message"`
}

// ImportResult is the preview of an import, or what it did.
type ImportResult struct {
	Kind      itinera.ImportKind `json:"kind"`
	ProgramID int64              `json:"program_id,omitempty"`
	FileName  string             `json:"file_name"`
	Format    string             `json:"format"`
	Sheet     string             `json:"sheet,omitempty"`
	Sheets    []string           `json:"sheets,omitempty"`
	Header    []string           `json:"header"`
	Fields    []string           `json:"fields"`
	// Mapping says where Fields came from: "chosen", "remembered" or "matched".
	Mapping   string         `json:"mapping"`
	Created   int            `json:"created"`
	Updated   int            `json:"updated"`
	Unchanged int            `json:"unchanged"`
	Refused   []RowProblem   `json:"refused"`
	Warnings  []RowWarning   `json:"warnings"`
	Rows      []ImportRow    `json:"rows"`
	Applied   bool           `json:"applied"`
	ImportID  int64          `json:"import_id,omitempty"`
	Import    itinera.Import `json:"-"`
}

// RefusedRows counts the rows refused.
func (r ImportResult) RefusedRows() int {
	n := 0
	for _, x := range r.Rows {
		if x.Outcome == importing.Refused {
			n++
		}
	}
	return n
}

// errPreview rolls a preview's transaction back.
var errPreview = errors.New("preview")

// PreviewImport reads the file and says what importing it would do,
// changing nothing.
func (a *App) PreviewImport(ctx context.Context, c Caller, in ImportInput) (ImportResult, error) {
	return a.runImport(ctx, c, in, false)
}

// ApplyImport imports the file in one transaction. When any row is
// refused nothing is applied: the result names every refused row, and the
// error says how many.
func (a *App) ApplyImport(ctx context.Context, c Caller, in ImportInput) (ImportResult, error) {
	return a.runImport(ctx, c, in, true)
}

func (a *App) runImport(ctx context.Context, c Caller, in ImportInput, apply bool) (ImportResult, error) {
	res := ImportResult{Kind: in.Kind, ProgramID: in.ProgramID, FileName: in.FileName, Refused: []RowProblem{}, Warnings: []RowWarning{}}
	if err := mustEdit(c); err != nil {
		return res, err
	}
	if _, err := itinera.ParseImportKind(string(in.Kind)); err != nil {
		return res, err
	}
	if !in.Kind.InProgram() {
		in.ProgramID, res.ProgramID = 0, 0
	}
	if len(in.Data) > itinera.MaxImportFileBytes {
		return res, itinera.Errorf(itinera.EINVALID, "The file is larger than %d MB; split it into smaller files.", itinera.MaxImportFileBytes>>20)
	}
	t, err := sheet.Read(in.FileName, bytes.NewReader(in.Data), in.Sheet)
	if err != nil {
		return res, err
	}
	res.Format, res.Sheet, res.Sheets, res.Header = t.Format, t.Sheet, t.Sheets, t.Header
	for _, w := range t.Warnings {
		res.Warnings = append(res.Warnings, RowWarning{Message: w})
	}
	var prog *itinera.Program
	if in.Kind.InProgram() {
		p, err := a.s.Programs.Program(ctx, c.tenant(), in.ProgramID)
		if err != nil {
			return res, err
		}
		prog = &p
	}
	res.Fields, res.Mapping = in.Fields, "chosen"
	if in.Fields == nil {
		res.Fields, res.Mapping = importing.Match(in.Kind, t.Header), "matched"
		if m, err := a.s.Imports.ImportMapping(ctx, c.tenant(), in.Kind, t.Shape()); err == nil && len(m.Fields) == len(t.Header) {
			res.Fields, res.Mapping = m.Fields, "remembered"
		} else if err != nil && itinera.ErrorCode(err) != itinera.ENOTFOUND {
			return res, err
		}
	}
	if err := importing.CheckMapping(in.Kind, t.Header, res.Fields); err != nil {
		return res, err
	}
	if len(t.Rows) == 0 {
		return res, itinera.Errorf(itinera.EINVALID, "The file has a header row but no rows under it.")
	}
	if res.Mapping == "chosen" && !apply {
		// The officer's choice is kept at once, so that the corrected file
		// of a refused preview comes back with it.
		if err := a.inTx(ctx, func(ctx context.Context) error {
			return a.s.Imports.SaveImportMapping(ctx, c.tenant(), itinera.ImportMapping{Kind: in.Kind, Shape: t.Shape(), Fields: res.Fields}, a.now().UTC())
		}); err != nil {
			return res, err
		}
	}
	err = a.inTx(ctx, func(ctx context.Context) error {
		imp, err := a.importer(ctx, c, in.Kind, prog)
		if err != nil {
			return err
		}
		recs, err := imp.rows(ctx, t, &res, in.Progress)
		if err != nil {
			return err
		}
		if !apply || res.RefusedRows() > 0 {
			return errPreview
		}
		im := itinera.Import{TenantID: c.tenant(), ProgramID: in.ProgramID, Kind: in.Kind, FileName: fileName(in.FileName),
			UserID: c.User.ID, CreatedAt: a.now().UTC(), Created: res.Created, Updated: res.Updated, Unchanged: res.Unchanged}
		if err := a.s.Imports.SaveImport(ctx, &im, recs); err != nil {
			return err
		}
		res.Applied, res.ImportID, res.Import = true, im.ID, im
		if err := a.auditAt(ctx, c.actor(), c.tenant(), "import", im.ID, im.ProgramID, "apply", nil,
			map[string]any{"Kind": im.Kind, "FileName": im.FileName, "Created": im.Created, "Updated": im.Updated}); err != nil {
			return err
		}
		if in.UploadID != 0 {
			if err := a.s.Imports.DeleteImportUpload(ctx, c.tenant(), in.UploadID); err != nil {
				return err
			}
		}
		return a.s.Imports.SaveImportMapping(ctx, c.tenant(), itinera.ImportMapping{Kind: in.Kind, Shape: t.Shape(), Fields: res.Fields}, im.CreatedAt)
	})
	if errors.Is(err, errPreview) {
		err = nil
	}
	if err != nil {
		res.Applied, res.ImportID = false, 0
		return res, err
	}
	if apply && !res.Applied {
		n := res.RefusedRows()
		return res, itinera.Errorf(itinera.EINVALID, "Nothing was imported: %d of %d rows %s refused. Correct %s and import the file again.",
			n, len(res.Rows), pick(n, "is", "are"), pick(n, "it", "them"))
	}
	return res, nil
}

func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// fileName keeps the last part of an uploaded file's name, as one line.
func fileName(s string) string {
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	f := itinera.FieldErrors{}
	if itinera.CheckLine(f, "file", &s, 200); len(f) > 0 || s == "" {
		return "file"
	}
	return s
}

// UndoImport undoes an import as a whole: the records it created are
// deleted and those it changed get back what they were. It is refused
// when a record was changed since (by hand or by another import), naming
// the record.
func (a *App) UndoImport(ctx context.Context, c Caller, id int64) (itinera.Import, error) {
	if err := mustEdit(c); err != nil {
		return itinera.Import{}, err
	}
	var out itinera.Import
	err := a.inTx(ctx, func(ctx context.Context) error {
		im, recs, err := a.s.Imports.Import(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		if im.Undone() {
			return itinera.Errorf(itinera.ECONFLICT, "This import was already undone.")
		}
		var prog *itinera.Program
		if im.Kind.InProgram() {
			p, err := a.s.Programs.Program(ctx, c.tenant(), im.ProgramID)
			if err != nil {
				return err
			}
			prog = &p
		}
		imp, err := a.importer(ctx, c, im.Kind, prog)
		if err != nil {
			return err
		}
		if err := imp.undo(ctx, recs); err != nil {
			return err
		}
		if err := a.s.Imports.MarkImportUndone(ctx, c.tenant(), id, c.User.ID, a.now().UTC()); err != nil {
			return err
		}
		if out, _, err = a.s.Imports.Import(ctx, c.tenant(), id); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "import", id, im.ProgramID, "undo", nil,
			map[string]any{"Kind": im.Kind, "FileName": im.FileName})
	})
	return out, err
}

// UploadImport keeps a file between the officer's upload and their apply,
// for the web pages of the mapping and the preview; it checks that the
// file reads.
func (a *App) UploadImport(ctx context.Context, c Caller, in ImportInput) (itinera.ImportUpload, error) {
	if err := mustEdit(c); err != nil {
		return itinera.ImportUpload{}, err
	}
	if _, err := itinera.ParseImportKind(string(in.Kind)); err != nil {
		return itinera.ImportUpload{}, err
	}
	if !in.Kind.InProgram() {
		in.ProgramID = 0
	} else if _, err := a.s.Programs.Program(ctx, c.tenant(), in.ProgramID); err != nil {
		return itinera.ImportUpload{}, err
	}
	if len(in.Data) == 0 {
		return itinera.ImportUpload{}, itinera.FieldErrors{"file": "Choose a CSV or XLSX file to import."}.Err("")
	}
	if len(in.Data) > itinera.MaxImportFileBytes {
		return itinera.ImportUpload{}, itinera.FieldErrors{"file": fmt.Sprintf("The file is larger than %d MB; split it into smaller files.",
			itinera.MaxImportFileBytes>>20)}.Err("")
	}
	if _, err := sheet.Read(in.FileName, bytes.NewReader(in.Data), in.Sheet); err != nil {
		return itinera.ImportUpload{}, itinera.FieldErrors{"file": itinera.ErrorMessage(err)}.Err("")
	}
	u := itinera.ImportUpload{TenantID: c.tenant(), ProgramID: in.ProgramID, Kind: in.Kind, FileName: fileName(in.FileName),
		Sheet: in.Sheet, Data: in.Data, UserID: c.User.ID, CreatedAt: a.now().UTC()}
	err := a.inTx(ctx, func(ctx context.Context) error {
		return a.s.Imports.SaveImportUpload(ctx, &u, u.CreatedAt.Add(-24*time.Hour))
	})
	return u, err
}

// ImportUploaded is ImportInput for a kept upload.
func (a *App) ImportUploaded(ctx context.Context, c Caller, uploadID int64) (ImportInput, error) {
	u, err := a.s.Imports.ImportUpload(ctx, c.tenant(), uploadID)
	if err != nil {
		return ImportInput{}, err
	}
	return ImportInput{Kind: u.Kind, ProgramID: u.ProgramID, FileName: u.FileName, Data: u.Data, Sheet: u.Sheet, UploadID: u.ID}, nil
}
