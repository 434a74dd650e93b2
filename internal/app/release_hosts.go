package app

import (
	"context"

	"itinera"
	"itinera/internal/hosting"
	"itinera/internal/travel"
)

// Host households at a release. Households are told about an evening when
// the officer confirms it; when its matching changed since (a guest moved,
// someone left), the release lists each household whose part changed —
// the same decision a confirmation makes (the store's PendingNotices) —
// and releasing confirms the evening again: those households get the
// confirmation's message (their sheet attached with a printer), all in the
// release's transaction. A household held back stays pending and is listed
// at the next release; an evening whose matching breaks a rule is left
// alone until the officer fixes it.

// ReleaseHousehold is the kind of a host household in a release.
const ReleaseHousehold itinera.FeedKind = "household"

// brokenMatching is why an evening's households cannot be told at a release.
const brokenMatching = "The matching breaks a rule: fix it on the evening's page."

// planHouseholds adds the households of the program's confirmed evenings
// still to come whose part changed since they were last told.
func (a *App) planHouseholds(ctx context.Context, tid, programID int64, pl *ReleasePlan) error {
	evs, err := a.r.Hospitality.Evenings(ctx, tid, programID)
	if err != nil {
		return err
	}
	for _, e := range evs {
		if e.ConfirmedAt.IsZero() || !e.Start.After(a.now()) {
			continue
		}
		notices, err := a.r.Hospitality.PendingNotices(ctx, tid, e.ID)
		if err != nil {
			return err
		}
		if len(notices) == 0 {
			continue
		}
		rec, err := hosting.Load(ctx, a.r, tid, e.ID)
		if err != nil {
			return err
		}
		skip := ""
		if eveningBroken(rec) {
			skip = brokenMatching
		}
		day := e.Start.In(pl.Program.Location()).Format("Monday 2 January")
		for _, n := range notices {
			h, ok := rec.Household(rec.HouseholdLabel(n.HouseholdID))
			if !ok {
				if h, err = a.r.Hospitality.Household(ctx, tid, n.HouseholdID); err != nil {
					return err
				}
			}
			p := ReleasePerson{Kind: ReleaseHousehold, PersonID: h.ID, EveningID: e.ID, Name: h.Name + " (home hospitality, " + day + ")",
				To: h.Email, Changes: rec.NoticeChanges(n), Skip: skip}
			if p.Skip == "" && h.Email == "" {
				p.Skip = "No e-mail address: tell them by phone."
			}
			pl.People = append(pl.People, p)
		}
	}
	return nil
}

// eveningBroken says whether the evening's saved matching cannot be
// confirmed as it stands.
func eveningBroken(rec *hosting.Records) bool {
	if !rec.HasSaved() {
		return true
	}
	for _, g := range rec.Evening.Guests {
		if rec.Evening.Unavailable(g.HouseholdID) {
			return true
		}
	}
	return len(rec.Describe(rec.Saved()).Problems) > 0
}

// eveningRelease is one evening's households at a release.
type eveningRelease struct {
	id     int64
	hold   map[int64]bool // households not told now: held back, or no e-mail
	tell   map[int64]bool // households told now
	roads  travel.Overrides
	sheets map[int64]*itinera.OutboxAttachment
}

// prepareHosts, before the release's transaction, finds the evenings with
// households to tell, times the hosts' drives (with a routing engine) and
// prints those households' sheets (with a printer). held counts the
// households held back.
func (a *App) prepareHosts(ctx context.Context, c Caller, pl ReleasePlan, o ReleaseOptions) (evs []*eveningRelease, held int, err error) {
	byID := map[int64]*eveningRelease{}
	var all []*eveningRelease
	for _, p := range pl.People {
		if p.Kind != ReleaseHousehold {
			continue
		}
		er := byID[p.EveningID]
		if er == nil {
			er = &eveningRelease{id: p.EveningID, hold: map[int64]bool{}, tell: map[int64]bool{}}
			byID[p.EveningID] = er
			all = append(all, er)
		}
		switch {
		case o.Hold[p.Key()]:
			held++
			er.hold[p.PersonID] = true
		case p.Skip != "":
			er.hold[p.PersonID] = true
		default:
			er.tell[p.PersonID] = true
		}
	}
	for _, er := range all {
		if len(er.tell) == 0 {
			continue
		}
		er.roads = a.hostRoads(ctx, c, er.id)
		if a.printer != nil {
			rec, err := a.loadEvening(ctx, c, er.id, er.roads)
			if err != nil {
				return nil, 0, err
			}
			if er.sheets, err = a.householdSheets(ctx, c, rec, er.tell); err != nil {
				return nil, 0, err
			}
		}
		evs = append(evs, er)
	}
	return evs, held, nil
}

// releaseHosts confirms each evening of evs again within the release's
// transaction: its households whose part changed are told (but those
// held), their notices recorded. It returns the messages queued.
func (a *App) releaseHosts(ctx context.Context, c Caller, evs []*eveningRelease) (int, error) {
	queued := 0
	for _, er := range evs {
		rec, err := a.openEvening(ctx, c, er.id, er.roads)
		if err != nil {
			return 0, err
		}
		if eveningBroken(rec) {
			return 0, itinera.Errorf(itinera.ECONFLICT, "An evening's matching changed meanwhile: look at the release again.")
		}
		org, err := a.hostOrganizer(ctx, c)
		if err != nil {
			return 0, err
		}
		conf, err := rec.Confirmation(rec.Saved(), org, a.now())
		if err != nil {
			return 0, err
		}
		conf.Hold = er.hold
		withSheets(&conf, er.sheets)
		sent, err := a.s.Hospitality.ConfirmEvening(ctx, c.tenant(), er.id, conf)
		if err != nil {
			return 0, err
		}
		queued += len(sent)
	}
	return queued, nil
}
