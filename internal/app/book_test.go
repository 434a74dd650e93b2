package app_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/book"
	"itinera/internal/pdf"
	"itinera/internal/storetest"
)

// mustPrinter is a PDF printer on the Chromium of ITINERA_CHROMIUM.
func mustPrinter(t testing.TB) *pdf.Printer {
	t.Helper()
	path := os.Getenv("ITINERA_CHROMIUM")
	if path == "" {
		t.Fatal("ITINERA_CHROMIUM is not set: the PDF tests need Chromium (scripts/test.sh installs it and sets it)")
	}
	p, err := pdf.New(pdf.Config{Chromium: path})
	must(t, err)
	t.Cleanup(p.Close)
	return p
}

// pdfText is the text of a PDF as pdftotext reads it, with every run of
// white space one space, and its number of pages.
func pdfText(t testing.TB, doc []byte) (string, int) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "book.pdf")
	must(t, os.WriteFile(file, doc, 0o600))
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils; scripts/test.sh installs it): %v", err)
	}
	info, err := exec.Command("pdfinfo", file).Output()
	must(t, err)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: %s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	return strings.Join(strings.Fields(string(out)), " "), pages
}

// TestDemoBooks prints the demo's books to PDF with Chromium and reads
// them back with pdftotext: the delegation book holds every item of the
// itinerary with its time and place, the days' travel, the briefings and
// the page numbers, on a number of pages in proportion to the days; a
// visitor's book names their own household and no household's address; a
// resource brief lists who comes without their e-mail addresses; a
// household's sheet its guests' diets.
func TestDemoBooks(t *testing.T) {
	t.Parallel()
	f := mustRichDemo(t, storetest.SQLite(t))
	p := mustPrinter(t)
	print := func(o book.Options) (book.Book, string, int, []byte) {
		t.Helper()
		b, err := f.a.Book(ctx, f.c, f.program.ID, o)
		must(t, err)
		r, err := book.Render(b, book.Links{})
		must(t, err)
		doc, err := p.Print(ctx, r.HTML)
		must(t, err)
		text, pages := pdfText(t, doc)
		if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
			must(t, os.WriteFile(filepath.Join(dir, "book-"+string(o.Audience)+".pdf"), doc, 0o644))
		}
		return b, text, pages, doc
	}

	cur, err := f.s.CurrentItinerary(ctx, f.tenant.ID, f.program.ID)
	must(t, err)
	// The visitors' questions of one meeting, for its briefing.
	var asked itinera.Meeting
	for _, x := range cur.Items {
		if x.MeetingID != 0 {
			asked, err = f.s.Meeting(ctx, f.tenant.ID, x.MeetingID)
			must(t, err)
			break
		}
	}
	asked.Questions = "How do prosecutors and shelters share evidence without retraumatizing survivors?"
	must(t, f.s.UpdateMeeting(ctx, &asked))
	b, text, pages, _ := print(book.Options{Audience: book.Delegation})
	if !strings.Contains(text, "Your questions") || !strings.Contains(text, "share evidence without retraumatizing") {
		t.Error("the delegation book lacks the visitors' questions")
	}
	loc := f.program.Location()
	for _, x := range cur.Items {
		line := x.Start.In(loc).Format("15:04") + "–" + x.End.In(loc).Format("15:04")
		if !strings.Contains(text, line) || !strings.Contains(text, strings.Join(strings.Fields(x.Title), " ")) {
			t.Errorf("the delegation book lacks %s %q", line, x.Title)
		}
	}
	days := len(f.program.Dates())
	if pages < days+2 || pages > 3*days+6 {
		t.Errorf("%d pages for %d days", pages, days)
	}
	for _, want := range []string{"Page 1 of " + strconv.Itoa(pages), "The program at a glance", "Briefing", "by van",
		"Back to the hotel", "All times are local: America/Chicago"} {
		if !strings.Contains(text, want) {
			t.Errorf("the delegation book lacks %q", want)
		}
	}
	if b.Days[1].Map == nil {
		t.Error("no map of the first full day")
	}

	ev, err := f.s.Evening(ctx, f.tenant.ID, f.evening)
	must(t, err)
	if len(ev.Guests) == 0 {
		t.Fatal("the evening has no guests")
	}
	g := ev.Guests[0]
	home, err := f.s.Household(ctx, f.tenant.ID, g.HouseholdID)
	must(t, err)
	v, err := f.s.Visitor(ctx, f.tenant.ID, g.VisitorID)
	must(t, err)
	_, text, _, _ = print(book.Options{Audience: book.Visitor, PersonID: v.ID})
	if !strings.Contains(text, "For "+v.Name()) || !strings.Contains(text, "You dine with "+home.Name) {
		t.Errorf("the visitor's book does not name them or their household %q", home.Name)
	}
	if strings.Contains(text, home.Address) {
		t.Errorf("the visitor's book shows the household's address %q", home.Address)
	}

	var m itinera.Meeting
	for _, x := range cur.Items {
		if x.MeetingID != 0 {
			m, err = f.s.Meeting(ctx, f.tenant.ID, x.MeetingID)
			must(t, err)
			break
		}
	}
	_, text, pages, _ = print(book.Options{Audience: book.Resource, PersonID: m.ID})
	vs, err := f.s.Visitors(ctx, f.tenant.ID, f.program.ID)
	must(t, err)
	for _, x := range vs {
		// A table's cells read column by column: every word of the name.
		for _, w := range strings.Fields(x.Name()) {
			if !strings.Contains(text, w) {
				t.Errorf("the brief does not list %s", x.Name())
			}
		}
		if x.Email != "" && strings.Contains(text, x.Email) {
			t.Errorf("the brief shows %s's e-mail", x.Name())
		}
	}
	if pages > 2 || !strings.Contains(text, m.Title) {
		t.Errorf("the brief of %q: %d pages", m.Title, pages)
	}

	_, text, _, _ = print(book.Options{Audience: book.Household, PersonID: home.ID})
	if !strings.Contains(text, v.GivenName) || !strings.Contains(text, "Pick-up") {
		t.Errorf("the household sheet lacks its guest %s or the pick-up", v.GivenName)
	}
	if strings.Contains(text, v.FamilyName) {
		t.Errorf("the household sheet shows the guest's family name")
	}

	_, text, _, _ = print(book.Options{Audience: book.Driver})
	if !strings.Contains(text, "From the hotel:") {
		t.Error("the driver's sheet does not give the legs")
	}

	// Asking for a person who is not of the program names the field.
	_, err = f.a.Book(ctx, f.c, f.program.ID, book.Options{Audience: book.Visitor, PersonID: 999999})
	if itinera.ErrorFields(err)["person"] == "" {
		t.Errorf("a visitor of no program: %v", err)
	}
	_, err = f.a.Book(ctx, f.c, f.program.ID, book.Options{Audience: "everyone"})
	if itinera.ErrorFields(err)["audience"] == "" {
		t.Errorf("an unknown audience: %v", err)
	}
}

// BenchmarkDemoBook reads, lays out and renders the demo's delegation book
// as HTML; BenchmarkDemoBookPDF prints it too, with Chromium (started
// before the timer).
func BenchmarkDemoBook(b *testing.B) { benchmarkDemoBook(b, app.BookHTML) }

func BenchmarkDemoBookPDF(b *testing.B) { benchmarkDemoBook(b, app.BookPDF) }

func benchmarkDemoBook(b *testing.B, format string) {
	s := storetest.SQLite(b)
	f := mustRichDemo(b, s)
	a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap, Printer: mustPrinter(b)})
	must(b, err)
	if _, err := a.BookFile(ctx, f.c, f.program.ID, book.Options{Audience: book.Delegation}, app.BookPDF, book.Links{}); err != nil {
		b.Fatal(err) // the browser starts here
	}
	var size int
	for b.Loop() {
		out, err := a.BookFile(ctx, f.c, f.program.ID, book.Options{Audience: book.Delegation}, format, book.Links{})
		if err != nil {
			b.Fatal(err)
		}
		size = len(out.Body)
	}
	b.ReportMetric(float64(size), "bytes/book")
}

// TestConfirmationCarriesTheBrief: with a printer, the resource's
// confirmation carries their brief as PDF, at the confirmed time; without
// one, the confirmation goes as before, without it.
func TestConfirmationCarriesTheBrief(t *testing.T) {
	t.Parallel()
	s := storetest.SQLite(t)
	f := mustDemo(t, s)
	a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap, Printer: mustPrinter(t)})
	must(t, err)
	ms, err := s.Meetings(ctx, f.tenant.ID, f.program.ID)
	must(t, err)
	var m itinera.Meeting
	for _, x := range ms {
		if x.ContactID != 0 && len(x.Windows) > 0 && x.Status != itinera.MeetingConfirmed {
			m = x
			break
		}
	}
	if m.ID == 0 {
		t.Fatal("the demo has no meeting to confirm")
	}
	rq, err := a.CreateRequest(ctx, f.c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: m.Windows}, true)
	must(t, err)
	at := m.Windows[0]
	link := linkRE.FindStringSubmatch(f.outbox()[0].TextBody)
	if link == nil {
		t.Fatal("no link in the request e-mail")
	}
	_, err = a.AnswerRequest(ctx, auth.HashToken(link[1]), itinera.RequestAnswer{Kind: itinera.AnswerAccept, Slot: at})
	must(t, err)
	_, err = a.ConfirmRequest(ctx, f.c, rq.ID, at)
	must(t, err)
	msg := f.outbox()[0]
	full, err := s.OutboxMessage(ctx, f.tenant.ID, msg.ID)
	must(t, err)
	if full.CalendarMethod != "REQUEST" || len(full.Attachments) != 1 || full.Attachments[0].ContentType != "application/pdf" {
		t.Fatalf("the confirmation %q carries %d files", full.Subject, len(full.Attachments))
	}
	text, _ := pdfText(t, full.Attachments[0].Data)
	when := at.Start.In(f.program.Location()).Format("Monday 2 January 2006, 15:04")
	if !strings.Contains(text, "Resource brief") || !strings.Contains(text, strings.Join(strings.Fields(m.Title), " ")) || !strings.Contains(text, when) {
		t.Errorf("the brief lacks the meeting or its time %s: %.300s", when, text)
	}
}

// TestEveningConfirmationCarriesTheSheets: with a printer, each household
// confirmed for an evening receives its sheet as PDF with its guests.
func TestEveningConfirmationCarriesTheSheets(t *testing.T) {
	t.Parallel()
	s := storetest.SQLite(t)
	f := mustDemo(t, s)
	a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap, Printer: mustPrinter(t)})
	must(t, err)
	before := len(f.outbox())
	_, err = a.MatchEvening(ctx, f.c, f.evening)
	must(t, err)
	conf, err := a.ConfirmEvening(ctx, f.c, f.evening)
	must(t, err)
	msgs := f.outbox()
	if len(msgs)-before != conf.Hosts || conf.Hosts == 0 {
		t.Fatalf("%d messages for %d hosts", len(msgs)-before, conf.Hosts)
	}
	ev, err := s.Evening(ctx, f.tenant.ID, f.evening)
	must(t, err)
	for _, m := range msgs[:conf.Hosts] {
		full, err := s.OutboxMessage(ctx, f.tenant.ID, m.ID)
		must(t, err)
		if len(full.Attachments) != 1 || full.Attachments[0].ContentType != "application/pdf" {
			t.Fatalf("%s: %d files", full.To, len(full.Attachments))
		}
		text, _ := pdfText(t, full.Attachments[0].Data)
		if low := strings.ToLower(text); !strings.Contains(low, "host household sheet") || !strings.Contains(low, "your guests") ||
			!strings.Contains(low, "pick-up") {
			t.Errorf("%s's sheet: %.200s", full.To, text)
		}
	}
	if len(ev.Guests) == 0 {
		t.Error("the evening has no guests")
	}
}
