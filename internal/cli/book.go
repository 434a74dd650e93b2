package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"itinera/internal/app"
	"itinera/internal/book"
	"itinera/internal/pdf"
)

// openPrinter is the PDF printer on the Chromium named (empty: found on
// the PATH); nil without one, or for "none".
func openPrinter(chromium string) (*pdf.Printer, error) {
	if chromium == "none" {
		return nil, nil
	}
	p, err := pdf.New(pdf.Config{Chromium: chromium})
	switch {
	case errors.Is(err, pdf.ErrUnavailable) && chromium == "":
		return nil, nil
	case err != nil:
		return nil, err
	}
	return p, nil
}

// runBook is `itinera book`: a book of a program written to a file, PDF or
// HTML by its extension.
func runBook(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	fs := newFlags("book", "book --database URL --program ID [--audience delegation|visitor|resource|household|interpreter|driver] [--person ID] [--tenant SLUG] --out FILE.pdf|FILE.html", io)
	db := databaseFlag(fs, env)
	programID := fs.Int64("program", 0, "the program's id (shown in its web address)")
	slug := fs.String("tenant", "", "the organization's slug; needed only when several organizations share the database")
	audience := fs.String("audience", string(book.Delegation), "whose book: delegation, visitor, resource, household, interpreter or driver")
	person := fs.Int64("person", 0, "the visitor's, interpreter's or household's id; for a resource brief, the meeting's")
	out := fs.String("out", "", "the file to write: .pdf (printed with Chromium) or .html")
	chromium := fs.String("chromium", env("ITINERA_CHROMIUM"), "headless Chromium for PDF (ITINERA_CHROMIUM); default: chromium or google-chrome on the PATH")
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
	var format string
	switch strings.ToLower(filepath.Ext(*out)) {
	case ".pdf":
		format = app.BookPDF
	case ".html", ".htm":
		format = app.BookHTML
	default:
		return usageError{"--out must name a .pdf or .html file"}
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
	cfg := app.Config{Store: s.Services(), Tx: s, Logger: log}
	if format == app.BookPDF {
		p, err := openPrinter(*chromium)
		if err != nil {
			return usageError{"--chromium (ITINERA_CHROMIUM): " + err.Error()}
		}
		if p == nil {
			return usageError{app.NoPrinter}
		}
		defer p.Close()
		cfg.Printer = p
	}
	a, err := app.New(cfg)
	if err != nil {
		return err
	}
	f, err := a.BookFile(ctx, systemCaller(tenantID, env), *programID,
		book.Options{Audience: book.Audience(*audience), PersonID: *person}, format, book.Links{})
	if err != nil {
		return fail("cannot make the book", err)
	}
	// Written whole, then moved into place: a failure leaves no half file.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".book-*")
	if err != nil {
		return fail("cannot write "+*out, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(f.Body); err != nil {
		tmp.Close()
		return fail("cannot write "+*out, err)
	}
	if err := tmp.Close(); err != nil {
		return fail("cannot write "+*out, err)
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return fail("cannot write "+*out, err)
	}
	fmt.Fprintf(io.Stdout, "Wrote %s (%d bytes).\n", *out, len(f.Body))
	return nil
}
