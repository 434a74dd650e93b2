package app

import (
	"context"
	"fmt"
	"time"

	"itinera"
	"itinera/internal/book"
	"itinera/internal/calendar"
	"itinera/internal/ical"
	"itinera/internal/lang"
	"itinera/internal/letters"
	"itinera/internal/records"
	"itinera/internal/release"
	"itinera/internal/requests"
)

// Releases: the officer releases the current itinerary version to the
// delegation. Before anything goes, they see for each visitor and
// interpreter what changed for them since the release that last brought
// them up to date (items added, moved, at a new place, cancelled); only
// people something changed for receive a message — the changes, their
// updated program as .ics (the items' UIDs, their raised SEQUENCE,
// cancelled items as CANCELLED) and, with a printer, their updated book.
// The officer may hold some back and add a note; the release and every
// message are one transaction. Edits made between releases go out
// together at the next one. The visitors' and interpreters' calendar
// feeds show the released version, not the working one. Resources of
// confirmed meetings that moved (planResources) and host households whose
// guests changed since their evening was confirmed (release_hosts.go) are
// listed and told too.

// ReleasePerson is one person's part of a release.
type ReleasePerson struct {
	Kind     itinera.FeedKind
	PersonID int64
	Name, To string
	Since    int      // the release that last brought them up to date (0: none)
	Changes  []string // what changed for them, as they will read it
	Skip     string   // why no message can go to them ("" when one can)
	// EveningID is the hospitality evening of a host household (kind
	// ReleaseHousehold); 0 for everyone else.
	EveningID int64
	changes   []release.Change
	base      int // the itinerary version they were sent (0: none)
}

// Key names the person in a list of held-back ones: "visitor-12".
func (p ReleasePerson) Key() string { return string(p.Kind) + "-" + itoa(p.PersonID) }

// ReleasePlan is what releasing now would do.
type ReleasePlan struct {
	Program itinera.Program
	Version int              // the itinerary version to release
	Last    *itinera.Release // the newest release (nil: none yet)
	People  []ReleasePerson  // everyone, changed or not
	Why     string           // why nothing can be released ("" when it can)
	// Handoffs are the project's changes that affect the itinerary of
	// this program (a stop of a multi-city project) since its last
	// release: they are listed on this release (projects_handoff.go).
	Handoffs []itinera.ProjectNotice
	items    map[int]itinera.Itinerary
}

// ReleaseOptions are the officer's choices.
type ReleaseOptions struct {
	Hold map[string]bool // people (by Key) not to send to now
	Note string          // a few words added to every message
}

// Released is what a release did.
type Released struct {
	Release                 itinera.Release
	Queued, Held, Unchanged int
}

// PlanRelease says who would be told what if the current version were
// released now; nothing is written.
func (a *App) PlanRelease(ctx context.Context, c Caller, programID int64) (ReleasePlan, error) {
	return a.planRelease(ctx, c.tenant(), programID)
}

func (a *App) planRelease(ctx context.Context, tid, programID int64) (ReleasePlan, error) {
	var pl ReleasePlan
	var err error
	if pl.Program, err = a.r.Programs.Program(ctx, tid, programID); err != nil {
		return pl, err
	}
	versions, err := a.r.Itineraries.ItineraryVersions(ctx, tid, programID)
	if err != nil {
		return pl, err
	}
	if len(versions) == 0 {
		pl.Why = "The program has no itinerary yet: build it first, then release it."
		return pl, nil
	}
	pl.items = map[int]itinera.Itinerary{}
	for _, v := range versions {
		pl.items[v.Version] = v
	}
	cur := versions[len(versions)-1]
	pl.Version = cur.Version
	rels, err := a.r.Itineraries.Releases(ctx, tid, programID)
	if err != nil {
		return pl, err
	}
	if len(rels) > 0 {
		pl.Last = &rels[0]
	}
	vs, err := a.r.People.Visitors(ctx, tid, programID)
	if err != nil {
		return pl, err
	}
	is, err := a.r.People.Interpreters(ctx, tid, programID)
	if err != nil {
		return pl, err
	}
	add := func(kind itinera.FeedKind, id int64, name, to string) error {
		goes := func(x itinera.ItineraryItem) bool { return x.Attends(id) }
		if kind == itinera.FeedInterpreter {
			goes = func(x itinera.ItineraryItem) bool { return x.Interprets(id) }
		}
		p := ReleasePerson{Kind: kind, PersonID: id, Name: name, To: to}
		var base []itinera.ItineraryItem
		r, err := a.r.Itineraries.ReleasedTo(ctx, tid, programID, itinera.ReleaseRecipient{Kind: kind, PersonID: id})
		switch itinera.ErrorCode(err) {
		case "":
			p.Since, p.base = r.Version, r.ItineraryVersion
			base = pl.items[r.ItineraryVersion].Items
		case itinera.ENOTFOUND:
		default:
			return err
		}
		p.changes = release.DiffFor(base, cur.Items, goes)
		for _, ch := range p.changes {
			p.Changes = append(p.Changes, ch.Describe(pl.Program.Location(), lang.For(pl.Program.Language)))
		}
		if to == "" && len(p.changes) > 0 {
			p.Skip = "No e-mail address: tell them, or print their book."
		}
		pl.People = append(pl.People, p)
		return nil
	}
	for _, v := range vs {
		if err := add(itinera.FeedVisitor, v.ID, v.Name(), v.Email); err != nil {
			return pl, err
		}
	}
	for _, i := range is {
		if err := add(itinera.FeedInterpreter, i.ID, i.Name, i.Email); err != nil {
			return pl, err
		}
	}
	if err := a.planResources(ctx, tid, programID, &pl, cur, versions); err != nil {
		return pl, err
	}
	if err := a.planHouseholds(ctx, tid, programID, &pl); err != nil {
		return pl, err
	}
	if pl.Handoffs, err = a.s.Projects.PendingProjectNotices(ctx, tid, programID); err != nil {
		return pl, err
	}
	if pl.Last != nil && pl.Last.ItineraryVersion == cur.Version {
		changed := len(pl.Handoffs) > 0
		for _, p := range pl.People {
			changed = changed || len(p.changes) > 0 || p.Kind == ReleaseHousehold
		}
		if !changed {
			pl.Why = fmt.Sprintf("Version %d is released (release %d) and nothing changed since for anyone.", cur.Version, pl.Last.Version)
		}
	}
	return pl, nil
}

// Release releases the current itinerary version: the release, the people
// it brings up to date and the messages to those something changed for,
// in one transaction. Messages are composed (and books printed) before it.
func (a *App) Release(ctx context.Context, c Caller, programID int64, o ReleaseOptions) (Released, error) {
	if err := mustEdit(c); err != nil {
		return Released{}, err
	}
	f := itinera.FieldErrors{}
	itinera.CheckReason(f, "note", &o.Note)
	pl, err := a.planRelease(ctx, c.tenant(), programID)
	if err != nil {
		return Released{}, err
	}
	keys := map[string]bool{}
	for _, p := range pl.People {
		keys[p.Key()] = true
	}
	checkHold(f, o.Hold, keys, "people")
	if err := f.Err("release"); err != nil {
		return Released{}, err
	}
	if pl.Why != "" {
		return Released{}, itinera.Errorf(itinera.EINVALID, "%s", pl.Why)
	}
	rec, err := records.Load(ctx, a.r, c.tenant(), programID)
	if err != nil {
		return Released{}, err
	}
	cur := pl.items[pl.Version]
	cal := calendar.New(rec)
	cal.Itinerary, cal.Released = &cur, &cur
	in, err := a.bookInputOf(ctx, rec)
	if err != nil {
		return Released{}, err
	}
	in.Itinerary = &cur
	s, err := a.sender(ctx, c)
	if err != nil {
		return Released{}, err
	}
	var out Released
	var to []itinera.ReleaseRecipient
	var msgs []itinera.OutboxMessage
	var told []requests.Update
	var changes *requests.Changes
	hosts, held, err := a.prepareHosts(ctx, c, pl, o)
	if err != nil {
		return Released{}, err
	}
	out.Held += held
	for _, p := range pl.People {
		if p.Kind == ReleaseHousehold {
			continue // prepareHosts
		}
		if p.Kind == itinera.FeedContact {
			switch {
			case o.Hold[p.Key()]:
				out.Held++
			case len(p.changes) > 0 && p.Skip == "":
				if changes == nil {
					organizer, err := a.organizer(ctx, c)
					if err != nil {
						return Released{}, err
					}
					if changes, err = requests.LoadChanges(ctx, a.r, c.tenant(), programID, organizer, a.now()); err != nil {
						return Released{}, err
					}
				}
				ups, err := changes.Updates([]itinera.ItemChange{{Item: p.changes[0].Item}})
				if err != nil {
					return Released{}, err
				}
				if err := a.replyToUpdates(ctx, c, ups); err != nil {
					return Released{}, err
				}
				for _, u := range ups {
					msgs = append(msgs, u.Messages...)
				}
				told = append(told, ups...)
			}
			continue
		}
		switch {
		case o.Hold[p.Key()]:
			out.Held++
			continue
		case len(p.changes) == 0:
			out.Unchanged++
		case p.Skip != "":
			continue // told another way; listed again at the next release
		default:
			m, err := a.releaseMessage(ctx, c, pl, in, cal, s, p, o.Note)
			if err != nil {
				return Released{}, err
			}
			msgs = append(msgs, m)
		}
		to = append(to, itinera.ReleaseRecipient{Kind: p.Kind, PersonID: p.PersonID})
	}
	r := itinera.Release{TenantID: c.tenant(), ProgramID: programID, ItineraryID: cur.ID, ReleasedBy: c.User.ID, Note: o.Note}
	hostsQueued := 0
	err = a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Itineraries.CreateRelease(ctx, &r, to); err != nil {
			return err
		}
		// A program in planning is released by its first release.
		p, err := a.s.Programs.Program(ctx, c.tenant(), programID)
		if err != nil {
			return err
		}
		if p.Status == itinera.ProgramPlanning {
			before := p
			p.Status = itinera.ProgramReleased
			if err := a.s.Programs.UpdateProgram(ctx, &p); err != nil {
				return err
			}
			if err := a.audit(ctx, c.actor(), c.tenant(), "program", "release", before, p); err != nil {
				return err
			}
		}
		logged := map[string]any{"Version": r.Version, "ItineraryID": r.ItineraryID, "Note": r.Note, "People": len(to), "Messages": len(msgs)}
		if len(pl.Handoffs) > 0 {
			logged["Handoffs"] = len(pl.Handoffs)
		}
		if err := a.auditAt(ctx, c.actor(), c.tenant(), "release", r.ID, programID, actCreate, nil, logged); err != nil {
			return err
		}
		if len(pl.Handoffs) > 0 {
			ids := make([]int64, len(pl.Handoffs))
			for i, n := range pl.Handoffs {
				ids[i] = n.ID
			}
			if err := a.s.Projects.MarkProjectNoticesReleased(ctx, c.tenant(), ids, r.ID); err != nil {
				return err
			}
		}
		for _, u := range told {
			if err := a.s.Requests.SetToldSequence(ctx, c.tenant(), u.RequestID, u.Sequence); err != nil {
				return err
			}
		}
		for i := range msgs {
			if err := a.s.Outbox.Enqueue(ctx, &msgs[i]); err != nil {
				return err
			}
		}
		hostsQueued, err = a.releaseHosts(ctx, c, hosts)
		return err
	})
	if err != nil {
		return Released{}, err
	}
	out.Release, out.Queued = r, len(msgs)+hostsQueued
	return out, nil
}

// releaseMessage tells one person what changed: the changes, their
// program as .ics (cancelled items marked so) and, with a printer, their
// book.
func (a *App) releaseMessage(ctx context.Context, c Caller, pl ReleasePlan, in book.Input, cal calendar.Input, s sender,
	p ReleasePerson, note string) (itinera.OutboxMessage, error) {
	events := calendar.Events(cal, itinera.Feed{Kind: p.Kind, SubjectID: p.PersonID})
	for _, ch := range p.changes {
		if ch.Kind != release.Cancelled {
			continue
		}
		events = append(events, ical.Event{UID: calendar.UID(cal.Tenant.Slug, ch.Item), Sequence: ch.CancelSequence(),
			Stamp: a.now(), Start: ch.Item.Start, End: ch.Item.End, Summary: ch.Item.Title, Status: ical.StatusCancelled})
	}
	for i := range events {
		if events[i].Status != ical.StatusCancelled {
			events[i].Alarm = time.Duration(in.Org.ReminderMinutes) * time.Minute
		}
	}
	ics, err := ical.Feed{Name: pl.Program.Title + " – " + p.Name, Method: ical.MethodPublish, Loc: pl.Program.Location(),
		Events: events}.Bytes()
	if err != nil {
		return itinera.OutboxMessage{}, err
	}
	files := []itinera.OutboxAttachment{{Name: "program.ics", ContentType: "text/calendar", Data: ics}}
	if a.printer != nil {
		audience := book.Visitor
		if p.Kind == itinera.FeedInterpreter {
			audience = book.Interpreter
		}
		b, err := book.Build(in, book.Options{Audience: audience, PersonID: p.PersonID, Paper: in.Org.PaperSize})
		if err != nil {
			return itinera.OutboxMessage{}, err
		}
		r, err := book.Render(b, book.Links{})
		if err != nil {
			return itinera.OutboxMessage{}, err
		}
		doc, err := a.printer.Print(ctx, r.HTML)
		if err != nil {
			return itinera.OutboxMessage{}, err
		}
		files = append([]itinera.OutboxAttachment{{Name: bookFileName(pl.Program, p.Name), ContentType: "application/pdf", Data: doc}}, files...)
	}
	tr := lang.For(pl.Program.Language)
	text := letters.ReleaseText(tr, letters.ReleaseUpdate{Name: p.Name, Program: pl.Program.Title, TimeZone: pl.Program.TimeZone,
		Changes: p.Changes, Book: a.printer != nil, Note: note, From: letters.Signature{Name: s.Name, Organization: s.Org}})
	return itinera.OutboxMessage{TenantID: c.tenant(), To: mailbox(p.Name, p.To),
		Subject: letters.ReleaseSubject(tr, pl.Program.Title), TextBody: text, Attachments: files}, nil
}

// planResources adds the resources of confirmed meetings whose time or
// place changed since they were last told (their invitation's SEQUENCE is
// behind the item's): each is sent one updated invitation at the release,
// however many edits came between.
func (a *App) planResources(ctx context.Context, tid, programID int64, pl *ReleasePlan, cur itinera.Itinerary, versions []itinera.Itinerary) error {
	rqs, err := a.r.Requests.Requests(ctx, tid, programID)
	if err != nil {
		return err
	}
	items := map[int64]itinera.ItineraryItem{}
	for _, x := range cur.Items {
		if x.MeetingID != 0 {
			items[x.MeetingID] = x
		}
	}
	loc := pl.Program.Location()
	for _, r := range rqs {
		x, ok := items[r.MeetingID]
		if !r.IsConfirmed() || r.Status == itinera.RequestWithdrawn || r.ToldSequence < 0 || !ok || x.Sequence <= r.ToldSequence {
			continue
		}
		ch := release.Change{Kind: release.Moved, Item: x}
		for i := len(versions) - 1; i >= 0; i-- {
			if old, ok := itemOf(versions[i], r.MeetingID); ok && old.Sequence == r.ToldSequence {
				ch.Old = old
				if old.Start.Equal(x.Start) && old.End.Equal(x.End) {
					ch.Kind = release.NewPlace
				}
				break
			}
		}
		p := ReleasePerson{Kind: itinera.FeedContact, PersonID: r.ID, Name: r.ContactName + " (" + r.MeetingTitle + ")", To: r.ContactEmail,
			Changes: []string{ch.Describe(loc, &lang.English)}, changes: []release.Change{ch}}
		if r.ContactEmail == "" {
			p.Skip = "No e-mail address: tell them by phone."
		}
		pl.People = append(pl.People, p)
	}
	return nil
}

func itemOf(it itinera.Itinerary, meetingID int64) (itinera.ItineraryItem, bool) {
	for _, x := range it.Items {
		if x.MeetingID == meetingID {
			return x, true
		}
	}
	return itinera.ItineraryItem{}, false
}
