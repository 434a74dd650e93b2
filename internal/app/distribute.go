package app

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/book"
	"itinera/internal/calendar"
	"itinera/internal/ical"
	"itinera/internal/lang"
	"itinera/internal/letters"
	"itinera/internal/records"
)

// Distribution: each visitor and interpreter of a program receives their
// personal package in one action: an e-mail with their book as PDF, their
// calendar subscription address (a new one: the old address stops
// working) and an .ics of their program as it stands, with the
// organization's reminders. The officer reads what will go first; every
// message then waits in the outbox, queued in one transaction with the
// new addresses.

// Parcel is one person's package.
type Parcel struct {
	Kind     itinera.FeedKind // visitor or interpreter
	PersonID int64
	Name     string
	To       string // "" when the person has no e-mail address
	Subject  string
	Files    []string // the attachments' names
	// Skip says why the package cannot go ("" when it can).
	Skip string
}

// Key names the parcel in a list of held-back ones: "visitor-12".
func (p Parcel) Key() string { return string(p.Kind) + "-" + itoa(p.PersonID) }

// Distribution is what "Send everyone their program" would send.
type Distribution struct {
	Program itinera.Program
	Parcels []Parcel
	// Why says why nothing can be sent now ("" when it can): no
	// itinerary yet, or no Chromium to print the books.
	Why string
	// Sample is the first package's message as it will read, its
	// calendar address not yet made.
	Sample string
}

// DistributeOptions are the officer's choices.
type DistributeOptions struct {
	Hold map[string]bool // parcels (by Key) not to send
	Note string          // a few words added to every message
}

// Distributed is what was queued.
type Distributed struct {
	Queued, Held int
	Skipped      []Parcel
}

// PlanDistribution says who would receive what; nothing is printed,
// issued or queued.
func (a *App) PlanDistribution(ctx context.Context, c Caller, programID int64) (Distribution, error) {
	var d Distribution
	err := a.inTx(ctx, func(ctx context.Context) error {
		in, err := a.bookInput(ctx, c.tenant(), programID)
		if err != nil {
			return err
		}
		d = planDistribution(in)
		for _, p := range d.Parcels {
			if p.Skip == "" {
				s, err := a.sender(ctx, c)
				if err != nil {
					return err
				}
				d.Sample = parcelText(in, p, s, "(their own calendar address, made when you send)", "")
				break
			}
		}
		return nil
	})
	if err == nil && d.Why == "" && a.printer == nil {
		d.Why = NoPrinter
	}
	return d, err
}

func planDistribution(in book.Input) Distribution {
	d := Distribution{Program: in.Program}
	if in.Itinerary == nil {
		d.Why = "The program has no itinerary yet: build it first, then send everyone their program."
	}
	subject := letters.PackageSubject(lang.For(in.Program.Language), in.Program.Title)
	files := func(name string) []string {
		return []string{bookFileName(in.Program, name), "program.ics"}
	}
	for _, v := range in.Visitors {
		p := Parcel{Kind: itinera.FeedVisitor, PersonID: v.ID, Name: v.Name(), To: v.Email, Subject: subject, Files: files(v.Name())}
		if v.Email == "" {
			p.Skip = "No e-mail address: print their book instead."
		}
		d.Parcels = append(d.Parcels, p)
	}
	for _, i := range in.Interpreters {
		p := Parcel{Kind: itinera.FeedInterpreter, PersonID: i.ID, Name: i.Name, To: i.Email, Subject: subject, Files: files(i.Name)}
		if i.Email == "" {
			p.Skip = "No e-mail address: print their sheet instead."
		}
		d.Parcels = append(d.Parcels, p)
	}
	return d
}

// bookFileName is a person's book's file name.
func bookFileName(p itinera.Program, person string) string {
	return book.FileName(book.Book{Title: p.Title, Kind: "program", For: person}) + ".pdf"
}

// Distribute prints each person's book and queues their package; the new
// calendar addresses and every message are one transaction. Without an
// itinerary or a printer nothing is sent (EINVALID saying why).
func (a *App) Distribute(ctx context.Context, c Caller, programID int64, o DistributeOptions) (Distributed, error) {
	if err := mustEdit(c); err != nil {
		return Distributed{}, err
	}
	f := itinera.FieldErrors{}
	itinera.CheckReason(f, "note", &o.Note)
	// Read outside a transaction: nothing is written until the books
	// are printed, and the writing transaction checks the program again.
	rec, err := records.Load(ctx, a.r, c.tenant(), programID)
	if err != nil {
		return Distributed{}, err
	}
	in, err := a.bookInputOf(ctx, rec)
	if err != nil {
		return Distributed{}, err
	}
	cal, err := calendar.FromRecords(ctx, a.r, rec)
	if err != nil {
		return Distributed{}, err
	}
	d := planDistribution(in)
	keys := map[string]bool{}
	for _, p := range d.Parcels {
		keys[p.Key()] = true
	}
	checkHold(f, o.Hold, keys, "packages")
	if err := f.Err("distribution"); err != nil {
		return Distributed{}, err
	}
	if d.Why == "" && a.printer == nil {
		d.Why = NoPrinter
	}
	if d.Why != "" {
		return Distributed{}, itinera.Errorf(itinera.EINVALID, "%s", d.Why)
	}
	var out Distributed
	var send []Parcel
	for _, p := range d.Parcels {
		switch {
		case p.Skip != "":
			out.Skipped = append(out.Skipped, p)
		case o.Hold[p.Key()]:
			out.Held++
		default:
			send = append(send, p)
		}
	}
	// The books are printed before the transaction: a browser takes a
	// second or two for each, and no write may wait on it.
	pdfs, err := a.printParcels(ctx, in, send)
	if err != nil {
		return Distributed{}, err
	}
	sender, err := a.sender(ctx, c)
	if err != nil {
		return Distributed{}, err
	}
	err = a.inTx(ctx, func(ctx context.Context) error {
		if _, err := a.s.Programs.Program(ctx, c.tenant(), programID); err != nil {
			return err
		}
		for i, p := range send {
			token, hash, err := auth.NewToken()
			if err != nil {
				return err
			}
			feed := itinera.Feed{TenantID: c.tenant(), ProgramID: programID, Kind: p.Kind, SubjectID: p.PersonID, TokenHash: hash}
			if err := a.s.Feeds.IssueFeed(ctx, &feed); err != nil {
				return err
			}
			ics, err := parcelCalendar(cal, in.Org, p)
			if err != nil {
				return err
			}
			url := strings.TrimRight(c.Site, "/") + "/feeds/" + token + ".ics"
			m := itinera.OutboxMessage{TenantID: c.tenant(), To: mailbox(p.Name, p.To), Subject: p.Subject,
				TextBody: parcelText(in, p, sender, url, o.Note),
				Attachments: []itinera.OutboxAttachment{
					{Name: p.Files[0], ContentType: "application/pdf", Data: pdfs[i]},
					{Name: p.Files[1], ContentType: "text/calendar", Data: ics}}}
			if err := a.s.Outbox.Enqueue(ctx, &m); err != nil {
				return err
			}
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "program", programID, programID, "distribute books", nil,
			map[string]any{"Sent": len(send), "Held": out.Held, "Note": o.Note})
	})
	if err != nil {
		return Distributed{}, err
	}
	out.Queued = len(send)
	return out, nil
}

// printParcels prints each parcel's book, two at a time.
func (a *App) printParcels(ctx context.Context, in book.Input, send []Parcel) ([][]byte, error) {
	pdfs := make([][]byte, len(send))
	errs := make([]error, len(send))
	var wg sync.WaitGroup
	next := make(chan int)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				audience := book.Visitor
				if send[i].Kind == itinera.FeedInterpreter {
					audience = book.Interpreter
				}
				b, err := book.Build(in, book.Options{Audience: audience, PersonID: send[i].PersonID, Paper: in.Org.PaperSize})
				if err != nil {
					errs[i] = err
					continue
				}
				r, err := book.Render(b, book.Links{})
				if err != nil {
					errs[i] = err
					continue
				}
				pdfs[i], errs[i] = a.printer.Print(ctx, r.HTML)
			}
		}()
	}
	for i := range send {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return pdfs, nil
}

// parcelCalendar is the person's program as an .ics (METHOD:PUBLISH),
// with the organization's reminders.
func parcelCalendar(in calendar.Input, org itinera.Settings, p Parcel) ([]byte, error) {
	f := itinera.Feed{Kind: p.Kind, SubjectID: p.PersonID}
	events := calendar.Events(in, f)
	for i := range events {
		events[i].Alarm = time.Duration(org.ReminderMinutes) * time.Minute
	}
	cal := ical.Feed{Name: in.Program.Title + " – " + p.Name, Method: ical.MethodPublish, Loc: in.Program.Location(),
		Description: lang.For(in.Program.Language).T("%s, %s, %s to %s. Times are local (%s).", in.Program.Title, in.Program.City,
			in.Program.StartDate, in.Program.EndDate, in.Program.TimeZone), Events: events}
	return cal.Bytes()
}

// parcelText is the message of a package, in the program's language.
func parcelText(in book.Input, p Parcel, s sender, url, note string) string {
	pr := in.Program
	return letters.PackageText(lang.For(pr.Language), letters.Package{Name: p.Name, Program: pr.Title, City: pr.City,
		Start: pr.StartDate.In(time.UTC), End: pr.EndDate.In(time.UTC), Zone: pr.ZoneLabel(), BookFile: p.Files[0], FeedURL: url,
		ReminderMinutes: in.Org.ReminderMinutes, Note: note, From: letters.Signature{Name: s.Name, Organization: s.Org},
		Phone: in.Org.Phone, Emergency: in.Org.EmergencyPhone})
}

// mailbox writes a name and address as one recipient.
func mailbox(name, addr string) string {
	if name == "" || strings.ContainsAny(name, "\"<>\\\r\n") {
		return addr
	}
	return "\"" + name + "\" <" + addr + ">"
}

// checkHold names, on "hold", a key held back that is none of keys (the
// people or packages of the program): "visitor-12" and the like.
func checkHold(f itinera.FieldErrors, hold, keys map[string]bool, what string) {
	for k := range hold {
		if !keys[k] {
			f.Add("hold", fmt.Sprintf("Hold back %s by their key, such as visitor-12: %q is none of this program's.", what, k))
			return
		}
	}
}
