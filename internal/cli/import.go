package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/importing"
	"itinera/internal/sheet"
	"itinera/internal/store"
)

// importSummary is what `itinera import` prints: the counts, every refused
// row with its field and reason, and the warnings.
type importSummary struct {
	Created   int               `json:"created"`
	Updated   int               `json:"updated"`
	Unchanged int               `json:"unchanged"`
	Refused   []app.RowProblem  `json:"refused"`
	Warnings  []app.RowWarning  `json:"warnings"`
	Applied   bool              `json:"applied"`
	ImportID  int64             `json:"import_id,omitempty"`
	Fields    map[string]string `json:"columns"`
}

func runImport(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	fs := newFlags("import", "import --database URL --tenant SLUG [--program ID] --kind KIND [--sheet NAME] [--map 'HEADER=field'] [--dry-run] FILE", io)
	db := databaseFlag(fs, env)
	slug := fs.String("tenant", "", "the organization's slug (required)")
	programID := fs.Int64("program", 0, "the program's id, for visitors, interpreters and meetings")
	kind := fs.String("kind", "", "what the file holds: visitors, interpreters, meetings, organizations, contacts, places or households")
	sheetName := fs.String("sheet", "", "the sheet of a workbook to read (default: the first)")
	dry := fs.Bool("dry-run", false, "say what the import would do and change nothing")
	mapping := map[string]string{}
	fs.Func("map", "map a column to a field, HEADER=field (repeat for several; field empty to leave the column out)", func(s string) error {
		h, f, ok := strings.Cut(s, "=")
		if !ok {
			return errors.New(`write --map "Header=field"`)
		}
		mapping[strings.TrimSpace(h)] = strings.TrimSpace(f)
		return nil
	})
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args, io); err != nil {
		return err
	}
	if *slug == "" {
		return usageError{"--tenant is required"}
	}
	k, err := itinera.ParseImportKind(*kind)
	if err != nil {
		return usageError{itinera.ErrorMessage(err)}
	}
	if k.InProgram() && *programID <= 0 {
		return usageError{fmt.Sprintf("--program is required to import %s", k)}
	}
	if fs.NArg() != 1 {
		return usageError{"give the file to import (CSV or XLSX)"}
	}
	data, err := readLimited(fs.Arg(0))
	if err != nil {
		return err
	}
	log, err := lg.set(lf, io.Stderr)
	if err != nil {
		return err
	}
	s, t, a, err := openTenantApp(ctx, *db, *slug, log)
	if err != nil {
		return err
	}
	defer s.Close()
	in := app.ImportInput{Kind: k, ProgramID: *programID, FileName: filepath.Base(fs.Arg(0)), Data: data, Sheet: *sheetName,
		Progress: progressLine(io.Stderr)}
	if len(mapping) > 0 {
		if in.Fields, err = mapColumns(k, data, in.FileName, *sheetName, mapping); err != nil {
			return err
		}
	}
	c := systemCaller(t.ID, env)
	var res app.ImportResult
	if *dry {
		res, err = a.PreviewImport(ctx, c, in)
	} else {
		res, err = a.ApplyImport(ctx, c, in)
	}
	if res.Header != nil && (err == nil || len(res.Refused) > 0) {
		printSummary(io.Stdout, res)
	}
	if err != nil {
		if len(res.Refused) > 0 {
			return itinera.Errorf(itinera.EINVALID, "%s", itinera.ErrorMessage(err))
		}
		return fail("cannot import the file", err)
	}
	return nil
}

// mapColumns turns --map flags into a mapping of the file's columns; the
// columns not named keep the field matched from their header.
func mapColumns(k itinera.ImportKind, data []byte, name, sheetName string, m map[string]string) ([]string, error) {
	t, err := sheet.Read(name, strings.NewReader(string(data)), sheetName)
	if err != nil {
		return nil, err
	}
	fields := importing.Match(k, t.Header)
	used := map[string]bool{}
	for i, h := range t.Header {
		if f, ok := m[h]; ok {
			fields[i], used[h] = f, true
		}
	}
	for h := range m {
		if !used[h] {
			return nil, usageError{fmt.Sprintf("--map: the file has no column %q; its columns are: %s", h, strings.Join(t.Header, ", "))}
		}
	}
	// A field mapped by hand is taken from the column it was matched to.
	for i, f := range fields {
		if f == "" || used[t.Header[i]] {
			continue
		}
		for j, g := range fields {
			if j != i && g == f && used[t.Header[j]] {
				fields[i] = ""
			}
		}
	}
	return fields, nil
}

func printSummary(w io.Writer, res app.ImportResult) {
	sum := importSummary{Created: res.Created, Updated: res.Updated, Unchanged: res.Unchanged, Refused: res.Refused,
		Warnings: res.Warnings, Applied: res.Applied, ImportID: res.ImportID, Fields: map[string]string{}}
	for i, f := range res.Fields {
		if f != "" {
			sum.Fields[res.Header[i]] = f
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(sum)
}

// progressLine reports a long import's progress on w, every tenth.
func progressLine(w io.Writer) func(done, total int) {
	last := -1
	return func(done, total int) {
		if total < 1000 {
			return
		}
		if tenth := done * 10 / total; tenth != last {
			last = tenth
			fmt.Fprintf(w, "%d of %d rows read (%d%%)\n", done, total, done*100/total)
		}
	}
}

// readLimited reads a file to import, refusing one larger than Itinera takes.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, itinera.Errorf(itinera.EINVALID, "cannot open %s: %s", path, plainIOError(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, itinera.MaxImportFileBytes+1))
	if err != nil {
		return nil, itinera.Errorf(itinera.EINVALID, "cannot read %s: %s", path, plainIOError(err))
	}
	if len(data) > itinera.MaxImportFileBytes {
		return nil, itinera.Errorf(itinera.EINVALID, "%s is larger than %d MB; split it into smaller files", path, itinera.MaxImportFileBytes>>20)
	}
	return data, nil
}

func plainIOError(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "no such file"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	}
	return "it is not a readable file"
}

func runExport(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	fs := newFlags("export", "export --database URL --tenant SLUG [--program ID] --kind KIND [--format csv|xlsx] [--template]", io)
	db := databaseFlag(fs, env)
	slug := fs.String("tenant", "", "the organization's slug (required)")
	programID := fs.Int64("program", 0, "the program's id, for visitors, interpreters and meetings")
	kind := fs.String("kind", "", "what to export: visitors, interpreters, meetings, organizations, contacts, places or households")
	format := fs.String("format", "csv", "csv or xlsx")
	template := fs.Bool("template", false, "write the empty template of the kind (header, example row, value lists) instead")
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args, io); err != nil {
		return err
	}
	k, err := itinera.ParseImportKind(*kind)
	if err != nil {
		return usageError{itinera.ErrorMessage(err)}
	}
	if *format != "csv" && *format != "xlsx" {
		return usageError{"--format is csv or xlsx"}
	}
	write := sheet.WriteCSV
	if *format == "xlsx" {
		write = sheet.WriteXLSX
	}
	if *template {
		sh, err := app.ImportTemplate(k)
		if err != nil {
			return err
		}
		return write(io.Stdout, sh)
	}
	if *slug == "" {
		return usageError{"--tenant is required"}
	}
	if k.InProgram() && *programID <= 0 {
		return usageError{fmt.Sprintf("--program is required to export %s", k)}
	}
	log, err := lg.set(lf, io.Stderr)
	if err != nil {
		return err
	}
	s, t, a, err := openTenantApp(ctx, *db, *slug, log)
	if err != nil {
		return err
	}
	defer s.Close()
	sh, err := a.ExportRecords(ctx, systemCaller(t.ID, env), k, *programID)
	if err != nil {
		return fail("cannot export", err)
	}
	return write(io.Stdout, sh)
}

// openTenantApp opens the database, finds the organization named on the
// command line and builds the application layer on it; close the store
// when done.
func openTenantApp(ctx context.Context, db, slug string, log *slog.Logger) (*store.Store, itinera.Tenant, *app.App, error) {
	s, err := openCurrentStore(ctx, db, log)
	if err != nil {
		return nil, itinera.Tenant{}, nil, err
	}
	t, err := tenantBySlug(ctx, s, slug)
	if err != nil {
		s.Close()
		return nil, t, nil, err
	}
	a, err := newApp(s, log)
	if err != nil {
		s.Close()
		return nil, t, nil, err
	}
	return s, t, a, nil
}
