package web

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/book"
)

// Books: the program page's "Books and sheets" and the books themselves
// (/programs/{id}/book?audience=…&person=…[&format=pdf]), laid out by
// internal/book, printed to PDF by the application's printer.

// booksView is the program page's choice of books.
type booksView struct {
	PDF          bool
	NoPDF        string
	Paper        string
	Visitors     []option
	Interpreters []option
	Meetings     []option
	Households   []option
}

// booksChoice lists whose books the program has.
func (ui *UI) booksChoice(r *http.Request, s *session, v *programView) (*booksView, error) {
	b := &booksView{PDF: ui.app.CanPrint(), NoPDF: app.NoPrinter, Paper: "US Letter"}
	if st, err := ui.svc.Settings.Settings(r.Context(), s.User.TenantID); err == nil && st.PaperSize == itinera.PaperA4 {
		b.Paper = "A4"
	}
	for _, x := range v.Visitors {
		b.Visitors = append(b.Visitors, option{Value: itoa(x.ID), Label: x.Name()})
	}
	for _, x := range v.Interpreters {
		b.Interpreters = append(b.Interpreters, option{Value: itoa(x.ID), Label: x.Name})
	}
	for _, m := range v.Meetings {
		if m.Status == itinera.MeetingCancelled || m.Status == itinera.MeetingDeclined {
			continue
		}
		b.Meetings = append(b.Meetings, option{Value: itoa(m.ID), Label: m.Title + " (" + m.HostOrganizationName + ")"})
	}
	evs, err := ui.svc.Hospitality.Evenings(r.Context(), s.User.TenantID, v.P.ID)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, e := range evs {
		for _, g := range e.Guests {
			if seen[g.HouseholdID] {
				continue
			}
			seen[g.HouseholdID] = true
			h, err := ui.svc.Hospitality.Household(r.Context(), s.User.TenantID, g.HouseholdID)
			if err != nil {
				return nil, err
			}
			b.Households = append(b.Households, option{Value: itoa(h.ID), Label: h.Name})
		}
	}
	sort.Slice(b.Households, func(i, j int) bool { return b.Households[i].Label < b.Households[j].Label })
	return b, nil
}

// bookShow answers a book of the program: the HTML page (printable, with
// links back and to the PDF) or the PDF.
func (ui *UI) bookShow(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	q := r.URL.Query()
	o, err := book.ParseOptions(q.Get("audience"), q.Get("person"))
	if err != nil {
		ui.fail(w, r, s, itinera.Errorf(itinera.EINVALID, "The book names no such person: choose one from the program page."))
		return
	}
	format := q.Get("format")
	links := book.Links{Back: sectionPath(id, "books") + "#books"}
	if ui.app.CanPrint() {
		pdf := url.Values{"audience": {string(o.Audience)}, "format": {app.BookPDF}}
		if o.PersonID != 0 {
			pdf.Set("person", itoa(o.PersonID))
		}
		links.PDF = "/programs/" + itoa(id) + "/book?" + pdf.Encode()
	} else {
		links.PDFMissing = app.NoPrinter
	}
	f, err := ui.app.BookFile(r.Context(), ui.caller(r, s), id, o, format, links)
	ui.sendDocument(w, r, s, f, err)
}

// sendDocument answers a printable document (a book, the year-end report,
// a letter) as HTML or PDF, or the page of its error: field errors (a
// format without a printer) as one message.
func (ui *UI) sendDocument(w http.ResponseWriter, r *http.Request, s *session, f app.BookFile, err error) {
	if err != nil {
		if fields := itinera.ErrorFields(err); len(fields) > 0 {
			msgs := make([]string, 0, len(fields))
			for _, m := range fields {
				msgs = append(msgs, m)
			}
			sort.Strings(msgs)
			err = itinera.Errorf(itinera.EINVALID, "%s", strings.Join(msgs, " "))
		}
		ui.fail(w, r, s, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(f.Body)))
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Disposition", `inline; filename="`+f.Name+`"`)
	if f.StyleHash != "" {
		// The document carries its one style inline; nothing else runs or loads.
		h.Set("Content-Security-Policy", "default-src 'none'; style-src "+f.StyleHash+"; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(f.Body)
}

// bookKind is one "whose book" choice of the program page.
type bookKind struct {
	Audience book.Audience
	Label    string
	People   []option
}

// bookKinds are the books of one person or meeting, in the page's order.
func bookKinds(b *booksView) []bookKind {
	return []bookKind{
		{book.Visitor, "Visitor's book", b.Visitors},
		{book.Interpreter, "Interpreter's schedule", b.Interpreters},
		{book.Resource, "Resource brief", b.Meetings},
		{book.Household, "Host household sheet", b.Households},
	}
}

// distributeView is the page that sends everyone their program.
type distributeView struct {
	app.Distribution
	P         itinera.Program
	MailOn    bool
	Reminders string
}

// distributeShow shows who would receive what.
func (ui *UI) distributeShow(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	d, err := ui.app.PlanDistribution(r.Context(), ui.caller(r, s), p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := distributeView{Distribution: d, P: p, MailOn: ui.mailOn}
	if st, err := ui.svc.Settings.Settings(r.Context(), s.User.TenantID); err == nil && st.ReminderMinutes > 0 {
		v.Reminders = durationLabel(st.ReminderMinutes)
	}
	ui.render(w, r, s, http.StatusOK, "distribute",
		pageInfo{Title: "Send everyone their program", Nav: "programs", Crumbs: []crumb{programsCrumb, programCrumb(p)}}, v)
}

// distributeSend sends the packages ticked, with the officer's note.
func (ui *UI) distributeSend(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	d, err := ui.app.PlanDistribution(r.Context(), ui.caller(r, s), p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	send := map[string]bool{}
	for _, k := range r.PostForm["send"] {
		send[k] = true
	}
	hold := map[string]bool{}
	for _, pc := range d.Parcels {
		if !send[pc.Key()] {
			hold[pc.Key()] = true
		}
	}
	out, err := ui.app.Distribute(r.Context(), ui.caller(r, s), p.ID, app.DistributeOptions{Hold: hold, Note: r.PostForm.Get("note")})
	if err != nil {
		if itinera.ErrorCode(err) == itinera.EINVALID {
			msg := itinera.ErrorMessage(err)
			if fields := itinera.ErrorFields(err); len(fields) > 0 {
				msg = firstMessage(fields)
			}
			ui.redirect(w, r, "/programs/"+itoa(p.ID)+"/distribute", "Nothing was sent: "+msg)
			return
		}
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/outbox", fmt.Sprintf("%s are in the Outbox.", plural(out.Queued, "package")))
}

// releaseView is the page that releases the itinerary.
type releaseView struct {
	app.ReleasePlan
	LastWhen  string
	PDF       bool
	Groups    []releaseGroup // people with changes, grouped by the same changes
	Unchanged []string       // names of the people nothing changed for
}

// releaseGroup is the people a release tells the same changes.
type releaseGroup struct {
	People  []app.ReleasePerson
	Changes []string
}

// groupRelease puts together the people told the same changes, in the
// plan's order.
func groupRelease(pl app.ReleasePlan) ([]releaseGroup, []string) {
	var groups []releaseGroup
	var unchanged []string
	at := map[string]int{}
	for _, p := range pl.People {
		if len(p.Changes) == 0 {
			unchanged = append(unchanged, p.Name)
			continue
		}
		k := strings.Join(p.Changes, "\n")
		i, ok := at[k]
		if !ok {
			i = len(groups)
			at[k] = i
			groups = append(groups, releaseGroup{Changes: p.Changes})
		}
		groups[i].People = append(groups[i].People, p)
	}
	return groups, unchanged
}

// releaseShow shows what releasing now would tell whom.
func (ui *UI) releaseShow(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	pl, err := ui.app.PlanRelease(r.Context(), ui.caller(r, s), p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := releaseView{ReleasePlan: pl, PDF: ui.app.CanPrint()}
	v.Groups, v.Unchanged = groupRelease(pl)
	if pl.Last != nil {
		v.LastWhen = pl.Last.ReleasedAt.In(p.Location()).Format("Mon 2 Jan 2006 15:04 MST")
	}
	ui.render(w, r, s, http.StatusOK, "release",
		pageInfo{Title: "Release the itinerary", Nav: "programs", Crumbs: []crumb{programsCrumb, programCrumb(p)}}, v)
}

// releaseSend releases the current version, telling those ticked.
func (ui *UI) releaseSend(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	pl, err := ui.app.PlanRelease(r.Context(), ui.caller(r, s), p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	tell := map[string]bool{}
	for _, k := range r.PostForm["tell"] {
		tell[k] = true
	}
	hold := map[string]bool{}
	for _, x := range pl.People {
		if len(x.Changes) > 0 && x.Skip == "" && !tell[x.Key()] {
			hold[x.Key()] = true
		}
	}
	out, err := ui.app.Release(r.Context(), ui.caller(r, s), p.ID, app.ReleaseOptions{Hold: hold, Note: r.PostForm.Get("note")})
	if err != nil {
		if itinera.ErrorCode(err) == itinera.EINVALID {
			msg := itinera.ErrorMessage(err)
			if fields := itinera.ErrorFields(err); len(fields) > 0 {
				msg = firstMessage(fields)
			}
			ui.redirect(w, r, "/programs/"+itoa(p.ID)+"/release", "Nothing was released: "+msg)
			return
		}
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, programLink(p, "releases"), fmt.Sprintf("Version %d is release %d: %s to the Outbox.",
		out.Release.ItineraryVersion, out.Release.Version, plural(out.Queued, "message")))
}
