package app

import (
	"context"
	"strings"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/book"
	"itinera/internal/hosting"
	"itinera/internal/matching"
	"itinera/internal/travel"
)

// Home hospitality, the officer's side: households (approve, reject),
// evenings (create with invitations, invite, availability, match, move,
// lock, pairs, confirm). The hosts' own side (sign-up, personal link) is in
// hosts.go.

// Evening is an evening's records with the matching shown for it: the
// saved one, or the engine's proposal while none is saved.
type Evening struct {
	Records *hosting.Records
	Result  matching.Result
	Saved   bool
	// Trouble says why the engine could not propose a matching ("" when
	// it could); Result is then the saved matching.
	Trouble string
}

// LoadEvening reads an evening of the caller's tenant with its records,
// the hosts' drives timed with the routing engine's road times when one is
// set. Not within a transaction: the engine is on the network.
func (a *App) LoadEvening(ctx context.Context, c Caller, id int64) (*hosting.Records, error) {
	return a.loadEvening(ctx, c, id, a.hostRoads(ctx, c, id))
}

// loadEvening reads an evening with its records, roads (hostRoads) timing
// the hosts' drives.
func (a *App) loadEvening(ctx context.Context, c Caller, id int64, roads travel.Overrides) (*hosting.Records, error) {
	rec, err := hosting.Load(ctx, a.r, c.tenant(), id)
	if err != nil {
		return nil, err
	}
	rec.Travel.Roads = roads
	return rec, nil
}

// ShowEvening returns the evening with its current matching.
func (a *App) ShowEvening(ctx context.Context, c Caller, id int64) (Evening, error) {
	rec, err := a.LoadEvening(ctx, c, id)
	if err != nil {
		return Evening{}, err
	}
	res, saved, err := current(ctx, rec)
	switch itinera.ErrorCode(err) {
	case "":
		return Evening{Records: rec, Result: res, Saved: saved}, nil
	case itinera.EINVALID, itinera.ECONFLICT:
		return Evening{Records: rec, Result: rec.Saved(), Saved: rec.HasSaved(), Trouble: itinera.ErrorMessage(err)}, nil
	}
	return Evening{}, err
}

// current returns the saved matching, or the engine's proposal when none
// was saved.
func current(ctx context.Context, rec *hosting.Records) (matching.Result, bool, error) {
	if rec.HasSaved() {
		return rec.Saved(), true, nil
	}
	res, err := rec.Solve(ctx)
	return res, false, err
}

// SetHouseholdStatus approves or rejects a household.
func (a *App) SetHouseholdStatus(ctx context.Context, c Caller, id int64, st itinera.HouseholdStatus) (itinera.HostHousehold, error) {
	if err := mustEdit(c); err != nil {
		return itinera.HostHousehold{}, err
	}
	var out itinera.HostHousehold
	err := a.inTx(ctx, func(ctx context.Context) error {
		before, err := a.s.Hospitality.Household(ctx, c.tenant(), id)
		if err != nil {
			return err // another tenant's household stays not found
		}
		if st != itinera.HouseholdApproved && st != itinera.HouseholdRejected {
			return itinera.FieldErrors{"status": "Choose approved or rejected."}.Err("household")
		}
		if err := a.s.Hospitality.SetHouseholdStatus(ctx, c.tenant(), id, st); err != nil {
			return err
		}
		if out, err = a.s.Hospitality.Household(ctx, c.tenant(), id); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "household", string(st), before, out)
	})
	return out, err
}

// CreatedEvening is a new evening and how many households were invited.
type CreatedEvening struct {
	Evening itinera.HospitalityEvening
	Invited int
}

// CreateEvening adds a hospitality evening to a program and, in the same
// transaction, invites by e-mail every approved household usually free on
// its day.
func (a *App) CreateEvening(ctx context.Context, c Caller, e itinera.HospitalityEvening) (CreatedEvening, error) {
	if err := mustEdit(c); err != nil {
		return CreatedEvening{}, err
	}
	var out CreatedEvening
	roads := a.programHomeRoads(ctx, c, e.ProgramID)
	err := a.inTx(ctx, func(ctx context.Context) error {
		p, err := a.s.Programs.Program(ctx, c.tenant(), e.ProgramID)
		if err != nil {
			return err
		}
		e.TenantID, e.ID = c.tenant(), 0
		f := itinera.FieldErrors{}
		if err := a.checkEveningPeople(ctx, c, p, e, f); err != nil {
			return err
		}
		if !e.Start.IsZero() && !e.End.IsZero() {
			p.CheckWindows(f, "date", []itinera.Window{{Start: e.Start, End: e.End}})
		}
		if err := merge(f, e.Validate(), "evening"); err != nil {
			return err
		}
		if err := a.s.Hospitality.CreateEvening(ctx, &e); err != nil {
			return err
		}
		hs, err := a.s.Hospitality.Households(ctx, c.tenant(), itinera.HouseholdFilter{Status: itinera.HouseholdApproved})
		if err != nil {
			return err
		}
		day := itinera.DateOf(e.Start.In(p.Location()))
		var free []int64
		for _, h := range hs {
			if h.FreeOn(day) {
				free = append(free, h.ID)
			}
		}
		if out.Invited, err = a.invite(ctx, c, e.ID, free, roads); err != nil {
			return err
		}
		if out.Evening, err = a.s.Hospitality.Evening(ctx, c.tenant(), e.ID); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "evening", actCreate, nil, out.Evening)
	})
	return out, err
}

// checkEveningPeople checks that the evening's visitors and interpreters
// are the program's.
func (a *App) checkEveningPeople(ctx context.Context, c Caller, p itinera.Program, e itinera.HospitalityEvening, f itinera.FieldErrors) error {
	vs, err := a.s.People.Visitors(ctx, c.tenant(), p.ID)
	if err != nil {
		return err
	}
	is, err := a.s.People.Interpreters(ctx, c.tenant(), p.ID)
	if err != nil {
		return err
	}
	vset, iset := map[int64]bool{}, map[int64]bool{}
	for _, v := range vs {
		vset[v.ID] = true
	}
	for _, i := range is {
		iset[i.ID] = true
	}
	for _, id := range e.VisitorIDs {
		if !vset[id] {
			f.Add("visitor_ids", "Choose visitors of this program.")
			break
		}
	}
	for _, id := range e.InterpreterIDs {
		if !iset[id] {
			f.Add("interpreter_ids", "Choose interpreters of this program.")
			break
		}
	}
	return nil
}

// InviteHouseholds invites approved households to an evening by e-mail;
// each receives a new personal link. It returns how many were invited.
func (a *App) InviteHouseholds(ctx context.Context, c Caller, eveningID int64, ids []int64) (int, error) {
	if err := mustEdit(c); err != nil {
		return 0, err
	}
	n := 0
	var extra []itinera.HostHousehold
	if a.router != nil {
		for _, id := range ids {
			if h, err := a.r.Hospitality.Household(ctx, c.tenant(), id); err == nil {
				extra = append(extra, h)
			}
		}
	}
	roads := a.hostRoads(ctx, c, eveningID, extra...)
	err := a.inTx(ctx, func(ctx context.Context) error {
		ev, err := a.s.Hospitality.Evening(ctx, c.tenant(), eveningID)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return itinera.FieldErrors{"household_ids": "Choose the households to invite."}.Err("invitation")
		}
		if n, err = a.invite(ctx, c, eveningID, ids, roads); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "evening", eveningID, ev.ProgramID, "invite", nil,
			map[string]any{"HouseholdIDs": ids, "Invited": n})
	})
	return n, err
}

// invite invites the households (approved ones of the tenant) to the
// evening and queues their e-mails.
func (a *App) invite(ctx context.Context, c Caller, eveningID int64, ids []int64, roads travel.Overrides) (int, error) {
	rec, err := a.loadEvening(ctx, c, eveningID, roads)
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, nil
	}
	org, err := a.hostOrganizer(ctx, c)
	if err != nil {
		return 0, err
	}
	approved, err := a.s.Hospitality.Households(ctx, c.tenant(), itinera.HouseholdFilter{Status: itinera.HouseholdApproved})
	if err != nil {
		return 0, err
	}
	byID := map[int64]itinera.HostHousehold{}
	for _, h := range approved {
		byID[h.ID] = h
	}
	var invites []itinera.EveningInvite
	seen := map[int64]bool{}
	for _, id := range ids {
		h, ok := byID[id]
		if !ok {
			return 0, itinera.FieldErrors{"household_ids": "Invite only approved households."}.Err("invitation")
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		token, hash, err := auth.NewToken()
		if err != nil {
			return 0, err
		}
		link := hostLink(c.Site, token) + "#evening-" + itoa(eveningID)
		m, err := rec.InvitationMail(h, link, org)
		if err != nil {
			return 0, err
		}
		invites = append(invites, itinera.EveningInvite{HouseholdID: id, Link: itinera.HouseholdLink{TokenHash: hash,
			ExpiresAt: a.now().Add(a.hostTTL), Mail: m}})
	}
	return len(invites), a.s.Hospitality.InviteHouseholdsByMail(ctx, c.tenant(), eveningID, invites)
}

// hostLink is the full address of a household's personal page.
func hostLink(site, token string) string { return strings.TrimRight(site, "/") + "/h/" + token }

// SetAvailability marks an invited household available again or dropped
// out of the evening.
func (a *App) SetAvailability(ctx context.Context, c Caller, eveningID, householdID int64, st itinera.InvitationStatus) error {
	if err := mustEdit(c); err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context) error {
		rec, err := hosting.Load(ctx, a.r, c.tenant(), eveningID)
		if err != nil {
			return err
		}
		f := itinera.FieldErrors{}
		if !invited(rec, householdID) {
			f.Add("household_id", "Choose a household invited to this evening.")
		}
		if st != itinera.InvitationInvited && st != itinera.InvitationUnavailable {
			f.Add("status", "Choose invited (available) or unavailable.")
		}
		if err := f.Err("availability"); err != nil {
			return err
		}
		if err := a.s.Hospitality.SetInvitation(ctx, c.tenant(), eveningID, householdID, st); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "evening", eveningID, rec.Program.ID, "set availability", nil,
			map[string]any{"HouseholdID": householdID, "Status": st})
	})
}

func invited(rec *hosting.Records, householdID int64) bool {
	for _, h := range rec.Households {
		if h.ID == householdID {
			return true
		}
	}
	return false
}

// MatchEvening runs the matching engine for the evening and saves its
// result; locked guests stay where they are.
func (a *App) MatchEvening(ctx context.Context, c Caller, eveningID int64) (Evening, error) {
	if err := mustEdit(c); err != nil {
		return Evening{}, err
	}
	var out Evening
	roads := a.hostRoads(ctx, c, eveningID)
	err := a.inTx(ctx, func(ctx context.Context) error {
		rec, err := a.openEvening(ctx, c, eveningID, roads)
		if err != nil {
			return err
		}
		res, err := rec.Solve(ctx)
		if err != nil {
			return err
		}
		if err := a.saveMatching(ctx, c, rec, res, nil); err != nil {
			return err
		}
		out = Evening{Records: rec, Result: res, Saved: true}
		return a.auditAt(ctx, c.actor(), c.tenant(), "evening", eveningID, rec.Program.ID, "match", nil, nil)
	})
	return out, err
}

// openEvening loads an evening that may still change, roads timing the
// hosts' drives (hostRoads, asked before the transaction).
func (a *App) openEvening(ctx context.Context, c Caller, id int64, roads travel.Overrides) (*hosting.Records, error) {
	rec, err := a.loadEvening(ctx, c, id, roads)
	if err != nil {
		return nil, err
	}
	if rec.Evening.Start.Before(a.now()) {
		return nil, itinera.Errorf(itinera.ECONFLICT, "This evening has begun or is over; its matching can no longer change.")
	}
	return rec, nil
}

// saveMatching stores res as the evening's matching; lock, when not nil,
// says which guests to lock or unlock.
func (a *App) saveMatching(ctx context.Context, c Caller, rec *hosting.Records, res matching.Result, lock func(*itinera.HospitalityGuest)) error {
	guests, unplaced := rec.Guests(res)
	if lock != nil {
		for i := range guests {
			lock(&guests[i])
		}
	}
	return a.s.Hospitality.SaveMatching(ctx, c.tenant(), rec.Evening.ID, guests, unplaced)
}

// MoveGuest puts a visitor at an invited household (0: at none) and locks
// them there; the rules this breaks show on the evening.
func (a *App) MoveGuest(ctx context.Context, c Caller, eveningID, visitorID, householdID int64) (Evening, error) {
	if err := mustEdit(c); err != nil {
		return Evening{}, err
	}
	var out Evening
	roads := a.hostRoads(ctx, c, eveningID)
	err := a.inTx(ctx, func(ctx context.Context) error {
		rec, err := a.openEvening(ctx, c, eveningID, roads)
		if err != nil {
			return err
		}
		f := itinera.FieldErrors{}
		vl := rec.VisitorLabel(visitorID)
		if vl == "" {
			f.Add("visitor_id", "Choose a visitor taking part in this evening.")
		}
		hl := ""
		if householdID != 0 {
			if hl = rec.HouseholdLabel(householdID); hl == "" {
				f.Add("household_id", "Choose a household invited to this evening.")
			} else if h, _ := rec.Household(hl); !rec.Available(h) {
				f.Add("household_id", "This household dropped out of the evening.")
			}
		}
		if err := f.Err("move"); err != nil {
			return err
		}
		res, _, err := current(ctx, rec)
		if err != nil {
			return err
		}
		moved := hosting.Move(res, vl, hl)
		if err := a.saveMatching(ctx, c, rec, moved, func(g *itinera.HospitalityGuest) {
			if g.VisitorID == visitorID {
				g.Locked = true // where the officer puts someone, they stay
			}
		}); err != nil {
			return err
		}
		out = Evening{Records: rec, Result: moved, Saved: true}
		return a.auditAt(ctx, c.actor(), c.tenant(), "evening", eveningID, rec.Program.ID, "move guest", nil,
			map[string]any{"VisitorID": visitorID, "HouseholdID": householdID})
	})
	return out, err
}

// LockGuests locks (or unlocks) one guest ("v:ID" for a visitor, "i:ID"
// for an interpreter) or, with who empty, every placed guest.
func (a *App) LockGuests(ctx context.Context, c Caller, eveningID int64, who string, lock bool) error {
	if err := mustEdit(c); err != nil {
		return err
	}
	roads := a.hostRoads(ctx, c, eveningID)
	return a.inTx(ctx, func(ctx context.Context) error {
		rec, err := a.openEvening(ctx, c, eveningID, roads)
		if err != nil {
			return err
		}
		res, _, err := current(ctx, rec)
		if err != nil {
			return err
		}
		found := who == ""
		err = a.saveMatching(ctx, c, rec, res, func(g *itinera.HospitalityGuest) {
			key := "v:" + itoa(g.VisitorID)
			if g.VisitorID == 0 {
				key = "i:" + itoa(g.InterpreterID)
			}
			if who == "" || who == key {
				g.Locked, found = lock, true
			}
		})
		if err == nil && !found {
			return itinera.FieldErrors{"guest": "That person is not placed at a household."}.Err("lock")
		}
		if err != nil {
			return err
		}
		action := "unlock"
		if lock {
			action = "lock"
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "evening", eveningID, rec.Program.ID, action, nil, map[string]any{"Guest": who})
	})
}

// ConfirmedEvening is what confirming an evening did.
type ConfirmedEvening struct {
	Notices []itinera.HospitalityNotice
	// Hosts counts the households receiving guests.
	Hosts int
}

// ConfirmEvening confirms the evening's matching (the saved one, or the
// engine's proposal): refused while it breaks a rule; else the volunteer
// hours are recorded, only households whose part changed are e-mailed
// (with calendar updates or cancellations), and the evening enters the
// itinerary — in one transaction.
func (a *App) ConfirmEvening(ctx context.Context, c Caller, eveningID int64) (ConfirmedEvening, error) {
	if err := mustEdit(c); err != nil {
		return ConfirmedEvening{}, err
	}
	var out ConfirmedEvening
	// Read once before the transaction: the routing engine's road times
	// and the households' sheets need the network and a browser.
	var roads travel.Overrides
	var sheets map[int64]*itinera.OutboxAttachment
	if a.router != nil || a.printer != nil {
		if pre, err := hosting.Load(ctx, a.r, c.tenant(), eveningID); err == nil { // else the transaction says what is wrong
			roads = a.homeRoads(ctx, pre.Hotel, pre.Households)
			pre.Travel.Roads = roads
			if sheets, err = a.householdSheets(ctx, c, pre, nil); err != nil {
				return ConfirmedEvening{}, err
			}
		}
	}
	err := a.inTx(ctx, func(ctx context.Context) error {
		rec, err := a.openEvening(ctx, c, eveningID, roads)
		if err != nil {
			return err
		}
		res, saved, err := current(ctx, rec)
		if err != nil {
			return err
		}
		if n := len(rec.Describe(res).Problems); n > 0 {
			return itinera.Errorf(itinera.ECONFLICT, "Not confirmed: the matching breaks %s. Move guests or run the matching again first.", plural(n, "rule"))
		}
		if !saved {
			if err := a.saveMatching(ctx, c, rec, res, nil); err != nil {
				return err
			}
		}
		org, err := a.hostOrganizer(ctx, c)
		if err != nil {
			return err
		}
		conf, err := rec.Confirmation(res, org, a.now())
		if err != nil {
			return err
		}
		withSheets(&conf, sheets)
		out.Hosts = len(conf.Hours)
		if out.Notices, err = a.s.Hospitality.ConfirmEvening(ctx, c.tenant(), eveningID, conf); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "evening", eveningID, rec.Program.ID, "confirm", nil,
			map[string]any{"Hosts": out.Hosts, "Notices": len(out.Notices)})
	})
	return out, err
}

// AddPair records two visitors of the program who must dine together (or
// apart), for one evening or, with eveningID 0 in p, every evening.
func (a *App) AddPair(ctx context.Context, c Caller, eveningID int64, p itinera.HospitalityPair) (itinera.HospitalityPair, error) {
	if err := mustEdit(c); err != nil {
		return p, err
	}
	err := a.inTx(ctx, func(ctx context.Context) error {
		rec, err := hosting.Load(ctx, a.r, c.tenant(), eveningID)
		if err != nil {
			return err
		}
		p.TenantID, p.ProgramID, p.ID = c.tenant(), rec.Program.ID, 0
		if p.EveningID != 0 {
			p.EveningID = rec.Evening.ID
		}
		f := itinera.FieldErrors{}
		for field, id := range map[string]int64{"visitor_a": p.VisitorA, "visitor_b": p.VisitorB} {
			if rec.VisitorLabel(id) == "" {
				f.Add(field, "Choose a visitor taking part in this evening.")
			}
		}
		if err := merge(f, p.Validate(), "pair"); err != nil {
			return err
		}
		if err := a.s.Hospitality.CreatePair(ctx, &p); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "pair", actCreate, nil, p)
	})
	return p, err
}

// DeletePair removes a pair of the evening's program.
func (a *App) DeletePair(ctx context.Context, c Caller, eveningID, pairID int64) error {
	if err := mustEdit(c); err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context) error {
		rec, err := hosting.Load(ctx, a.r, c.tenant(), eveningID)
		if err != nil {
			return err
		}
		ps, err := a.s.Hospitality.Pairs(ctx, c.tenant(), rec.Program.ID)
		if err != nil {
			return err
		}
		for _, p := range ps {
			if p.ID == pairID {
				if err := a.s.Hospitality.DeletePair(ctx, c.tenant(), pairID); err != nil {
					return err
				}
				return a.audit(ctx, c.actor(), c.tenant(), "pair", actDelete, p, nil)
			}
		}
		return itinera.FieldErrors{"pair_id": "Choose one of the evening's pairs."}.Err("pair")
	})
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(int64(n)) + " " + word + "s"
}

// withSheets attaches to each household's notice (but a cancellation)
// its sheet, when one was printed.
func withSheets(conf *itinera.HospitalityConfirmation, sheets map[int64]*itinera.OutboxAttachment) {
	if len(sheets) == 0 {
		return
	}
	notify := conf.Notify
	conf.Notify = func(n itinera.HospitalityNotice) (itinera.OutboxMessage, error) {
		m, err := notify(n)
		if n.Kind != itinera.NoticeCancel && sheets[n.HouseholdID] != nil {
			m.Attachments = append(m.Attachments, *sheets[n.HouseholdID])
		}
		return m, err
	}
}

// householdSheets prints, before the confirmation's transaction, the sheet
// of each household the evening's matching (saved, or the engine's
// proposal) gives guests, to go with its confirmation; none without a
// printer; only for the households of only when it is not nil. A sheet
// that cannot be laid out is left out: the message itself lists the guests.
func (a *App) householdSheets(ctx context.Context, c Caller, rec *hosting.Records, only map[int64]bool) (map[int64]*itinera.OutboxAttachment, error) {
	if a.printer == nil {
		return nil, nil
	}
	eveningID := rec.Evening.ID
	res, _, err := current(ctx, rec)
	if err != nil {
		return nil, nil
	}
	guests, _ := rec.Guests(res)
	in, err := a.bookInput(ctx, c.tenant(), rec.Evening.ProgramID)
	if err != nil {
		return nil, err
	}
	homes := map[int64]bool{}
	for i := range in.Evenings {
		if in.Evenings[i].ID == eveningID {
			in.Evenings[i].Guests = guests
		}
	}
	for _, h := range in.Households {
		homes[h.ID] = true
	}
	for _, g := range guests {
		if !homes[g.HouseholdID] {
			h, err := a.r.Hospitality.Household(ctx, c.tenant(), g.HouseholdID)
			if err != nil {
				return nil, err
			}
			in.Households = append(in.Households, h)
			homes[h.ID] = true
		}
	}
	out := map[int64]*itinera.OutboxAttachment{}
	for _, g := range guests {
		if out[g.HouseholdID] != nil || (only != nil && !only[g.HouseholdID]) {
			continue
		}
		b, err := book.Build(in, book.Options{Audience: book.Household, PersonID: g.HouseholdID, Paper: in.Org.PaperSize})
		if err != nil {
			continue
		}
		r, err := book.Render(b, book.Links{})
		if err != nil {
			return nil, err
		}
		doc, err := a.printer.Print(ctx, r.HTML)
		if err != nil {
			return nil, err
		}
		out[g.HouseholdID] = &itinera.OutboxAttachment{Name: book.FileName(b) + ".pdf", ContentType: "application/pdf", Data: doc}
	}
	return out, nil
}
