package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"itinera/internal/app"
	"itinera/internal/programfile"
)

// runExportProgram is `itinera export-program`: the program file of one
// program, on standard output.
func runExportProgram(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	fs := newFlags("export-program", "export-program --database URL --program ID [--tenant SLUG] > program.json", io)
	db := databaseFlag(fs, env)
	programID := fs.Int64("program", 0, "the program's id (shown in its web address)")
	slug := fs.String("tenant", "", "the organization's slug; needed only when several organizations share the database")
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args, io); err != nil {
		return err
	}
	if *programID <= 0 {
		return usageError{"--program is required"}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	log, err := lg.set(lf, io.Stderr)
	if err != nil {
		return err
	}
	s, err := openCurrentStore(ctx, *db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	tenantID, err := programTenant(ctx, s, *slug, *programID)
	if err != nil {
		return err
	}
	a, err := newApp(s, log)
	if err != nil {
		return err
	}
	f, err := a.ExportProgram(ctx, systemCaller(tenantID, env), *programID)
	if err != nil {
		return fail("cannot export the program", err)
	}
	return programfile.Encode(io.Stdout, f)
}

// runImportProgram is `itinera import-program`: a program file (standard
// input, or FILE) becomes a new program of the organization; it prints
// what was made as JSON.
func runImportProgram(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	fs := newFlags("import-program", "import-program --database URL --tenant SLUG [FILE] < program.json", io)
	db := databaseFlag(fs, env)
	slug := fs.String("tenant", "", "the slug of the organization the program joins")
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args, io); err != nil {
		return err
	}
	if *slug == "" {
		return usageError{"--tenant is required"}
	}
	if fs.NArg() > 1 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(1))}
	}
	in := io.Stdin
	if name := fs.Arg(0); name != "" && name != "-" {
		file, err := os.Open(name)
		if err != nil {
			return fail("cannot open the program file", err)
		}
		defer file.Close()
		in = file
	}
	log, err := lg.set(lf, io.Stderr)
	if err != nil {
		return err
	}
	// The file is read and checked before the database is touched.
	f, err := programfile.Decode(in)
	if err != nil {
		return fail("cannot read the program file", err)
	}
	s, t, a, err := openTenantApp(ctx, *db, *slug, log)
	if err != nil {
		return err
	}
	defer s.Close()
	got, err := a.ImportProgram(ctx, systemCaller(t.ID, env), f)
	if err != nil {
		return fail("the program was not imported", err)
	}
	return printImported(io.Stdout, got)
}

// importedJSON is what import-program prints: the new program, the
// records made and reused by kind, and how many requests must be sent
// again. The API answers the same shape.
type importedJSON struct {
	Program struct {
		ID        int64  `json:"id"`
		Title     string `json:"title"`
		StartDate string `json:"start_date"`
		EndDate   string `json:"end_date"`
	} `json:"program"`
	Created             map[string]int `json:"created"`
	Reused              map[string]int `json:"reused"`
	RequestsToSendAgain int            `json:"requests_to_send_again"`
}

func printImported(w io.Writer, got app.ImportedProgram) error {
	var out importedJSON
	out.Program.ID, out.Program.Title = got.Program.ID, got.Program.Title
	out.Program.StartDate, out.Program.EndDate = got.Program.StartDate.String(), got.Program.EndDate.String()
	out.Created, out.Reused, out.RequestsToSendAgain = got.Created, got.Reused, got.SendAgain
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
