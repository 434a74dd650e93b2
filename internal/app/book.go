package app

import (
	"context"

	"itinera"
	"itinera/internal/book"
	"itinera/internal/records"
	"itinera/internal/travel"
)

// Book lays out a book of a program of the caller's organization (see
// internal/book): the delegation's, a visitor's, a resource's brief of one
// meeting, a household's sheet, an interpreter's or the driver's. It shows
// the program's current itinerary, timed by the program's travel service.
// It only reads.
func (a *App) Book(ctx context.Context, c Caller, programID int64, o book.Options) (book.Book, error) {
	var in book.Input
	err := a.inTx(ctx, func(ctx context.Context) error {
		var err error
		in, err = a.bookInput(ctx, c.tenant(), programID)
		return err
	})
	if err != nil {
		return book.Book{}, err
	}
	if o.Paper == "" {
		o.Paper = in.Org.PaperSize
	}
	return book.Build(in, o)
}

// bookInput reads what a book may show, in one snapshot.
func (a *App) bookInput(ctx context.Context, tid, programID int64) (book.Input, error) {
	rec, err := records.Load(ctx, a.r, tid, programID)
	if err != nil {
		return book.Input{}, err
	}
	return a.bookInputOf(ctx, rec)
}

// bookInputOf is bookInput for a program's records already read.
func (a *App) bookInputOf(ctx context.Context, rec *records.Program) (book.Input, error) {
	tid, programID := rec.Program.TenantID, rec.Program.ID
	in := book.Input{Org: rec.Settings, Program: rec.Program, Days: rec.Days, Itinerary: rec.Current,
		Meetings: rec.Meetings, Activities: rec.Activities, Places: rec.Places, Organizations: rec.Organizations,
		Visitors: rec.Visitors, Interpreters: rec.Interpreters, Now: a.now(),
		Travel: travel.ForProgram(rec.Settings, rec.Days, rec.Overrides)}
	seen := map[int64]bool{}
	for _, m := range rec.Meetings {
		if m.ContactID == 0 || seen[m.ContactID] {
			continue
		}
		seen[m.ContactID] = true
		x, err := a.s.Directory.Contact(ctx, tid, m.ContactID)
		if err != nil {
			return in, err
		}
		in.Contacts = append(in.Contacts, x)
	}
	var err error
	if in.Evenings, err = a.s.Hospitality.Evenings(ctx, tid, programID); err != nil {
		return in, err
	}
	homes := map[int64]bool{}
	for _, e := range in.Evenings {
		for _, g := range e.Guests {
			if homes[g.HouseholdID] {
				continue
			}
			homes[g.HouseholdID] = true
			h, err := a.s.Hospitality.Household(ctx, tid, g.HouseholdID)
			if err != nil {
				return in, err
			}
			in.Households = append(in.Households, h)
		}
	}
	return in, nil
}

// Book formats.
const (
	BookHTML = "html"
	BookPDF  = "pdf"
)

// BookFile is a book as a file to send: HTML or PDF.
type BookFile struct {
	Name        string // "combating-trafficking-in-persons-delegation-book.pdf"
	ContentType string
	Body        []byte
	// StyleHash is the CSP source of an HTML book's inline style.
	StyleHash string
}

// CanPrint reports whether books can be made as PDF here.
func (a *App) CanPrint() bool { return a.printer != nil }

// NoPrinter says why there is no PDF and how to have one.
const NoPrinter = "PDF books need Chromium on the server: install it (on Debian: apt-get install chromium) or set ITINERA_CHROMIUM to its path, then restart Itinera. Meanwhile, print this page from your browser: it is laid out for paper."

// BookFile lays out a book and writes it as HTML (with links for a browser)
// or PDF. PDF without a printer is an EINVALID error on "format" saying how
// to enable it.
func (a *App) BookFile(ctx context.Context, c Caller, programID int64, o book.Options, format string, links book.Links) (BookFile, error) {
	switch format {
	case "", BookHTML, BookPDF:
	default:
		return BookFile{}, itinera.FieldErrors{"format": "Choose html or pdf."}.Err("book")
	}
	if format == BookPDF && a.printer == nil {
		return BookFile{}, itinera.FieldErrors{"format": NoPrinter}.Err("book")
	}
	b, err := a.Book(ctx, c, programID, o)
	if err != nil {
		return BookFile{}, err
	}
	if format == BookPDF {
		links = book.Links{}
	}
	r, err := book.Render(b, links)
	if err != nil {
		return BookFile{}, err
	}
	name := book.FileName(b)
	if format != BookPDF {
		return BookFile{Name: name + ".html", ContentType: "text/html; charset=utf-8", Body: r.HTML, StyleHash: r.StyleHash}, nil
	}
	doc, err := a.printer.Print(ctx, r.HTML)
	if err != nil {
		return BookFile{}, err
	}
	return BookFile{Name: name + ".pdf", ContentType: "application/pdf", Body: doc}, nil
}
