package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"time"

	"itinera"
	"itinera/internal/planning"
)

// Building an itinerary: the engine's proposal for a program, with pins,
// and applying it as the next version. Nothing is stored until applied;
// applying re-runs the engine with the same pins and saves the result only
// if it is the proposal that was shown (its digest), and only if the
// program's records did not change while the engine ran.

// PlanSeed makes every run deterministic: the same data and pins give the
// same proposal.
const PlanSeed = 1

// planTimeLimit is a safety net for very large programs.
const planTimeLimit = 20 * time.Second

// Plan is the engine's proposal for a program.
type Plan struct {
	Input    planning.Input
	Proposal *planning.Proposal
	// Version is the current itinerary version (0 without one); applying
	// saves Version+1.
	Version int
	// Digest identifies the proposal: the current version and every item's
	// time. Apply saves only the proposal with this digest.
	Digest string
}

// Applied is the result of applying a plan.
type Applied struct {
	Plan
	Itinerary itinera.Itinerary
	// Notified counts the resources of confirmed meetings sent an update;
	// Pending those to be told at the next release (once the program was
	// released, changes wait for the next one).
	Notified, Pending int
}

var itemKey = regexp.MustCompile(`^[ma][1-9][0-9]{0,17}$`)

// checkPins refuses pins that name no candidate of the program.
func checkPins(in planning.Input, pins map[string]time.Time) error {
	known := map[string]bool{}
	for _, m := range in.Meetings {
		known[fmt.Sprintf("m%d", m.ID)] = true
	}
	for _, x := range in.Activities {
		known[fmt.Sprintf("a%d", x.ID)] = true
	}
	for k, t := range pins {
		if !itemKey.MatchString(k) || !known[k] {
			return itinera.FieldErrors{"pins": fmt.Sprintf("%q is not a meeting (m12) or activity (a7) of this program.", k)}.Err("plan")
		}
		if t.IsZero() {
			return itinera.FieldErrors{"pins": fmt.Sprintf("Give the start of %s.", k)}.Err("plan")
		}
	}
	return nil
}

// Propose runs the engine on the program with pins (item key "m12" or "a7"
// to start time) and returns its proposal beside the current itinerary.
func (a *App) Propose(ctx context.Context, c Caller, programID int64, pins map[string]time.Time) (Plan, error) {
	in, err := planning.Load(ctx, a.r, c.tenant(), programID)
	if err != nil {
		return Plan{}, err
	}
	a.roads(ctx, &in)
	return a.propose(ctx, in, pins)
}

func (a *App) propose(ctx context.Context, in planning.Input, pins map[string]time.Time) (Plan, error) {
	if err := checkPins(in, pins); err != nil {
		return Plan{}, err
	}
	in.Pins = pins
	prop, err := planning.Build(ctx, in, planning.Options{Seed: PlanSeed, TimeLimit: planTimeLimit})
	if err != nil {
		return Plan{}, err
	}
	pl := Plan{Input: in, Proposal: prop}
	if in.Current != nil {
		pl.Version = in.Current.Version
	}
	pl.Digest = digest(pl.Version, prop)
	return pl, nil
}

// digest identifies a proposal: the current version and every item's time.
func digest(version int, p *planning.Proposal) string {
	h := sha256.New()
	fmt.Fprintf(h, "v%d;", version)
	for _, d := range p.Days {
		for _, it := range d.Items {
			fmt.Fprintf(h, "%s@%d-%d;", it.Key, it.Start.Unix(), it.End.Unix())
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// fingerprint identifies the records a proposal was built from.
func fingerprint(in planning.Input) (string, error) {
	b, err := json.Marshal(in)
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), nil
}

// ApplyPlan re-runs the engine with pins and saves its proposal as the next
// itinerary version if it is the one shown (digest): a changed program
// since is a conflict (409) that returns the new proposal; a proposal
// that leaves out a mandatory or pinned item is refused (422). Resources
// of confirmed meetings that move receive an updated invitation in the
// same transaction.
func (a *App) ApplyPlan(ctx context.Context, c Caller, programID int64, pins map[string]time.Time, shown string) (Applied, error) {
	if err := mustEdit(c); err != nil {
		return Applied{}, err
	}
	in, err := planning.Load(ctx, a.r, c.tenant(), programID)
	if err != nil {
		return Applied{}, err
	}
	a.roads(ctx, &in)
	pl, err := a.propose(ctx, in, pins)
	if err != nil {
		return Applied{}, err
	}
	out := Applied{Plan: pl}
	if shown != pl.Digest {
		return out, &itinera.Error{Code: itinera.ECONFLICT, Fields: map[string]string{"digest": "The program changed since this proposal was made."},
			Message: "The program changed since the proposal was shown: here is the new proposal; apply it again if it suits you."}
	}
	if !pl.Proposal.Complete {
		return out, &itinera.Error{Code: itinera.EINVALID, Fields: map[string]string{"pins": "A mandatory or pinned item does not fit."},
			Message: "This proposal leaves out a mandatory or pinned item; change the pins or the candidates first."}
	}
	added, moved, dropped := pl.Proposal.Counts()
	it := pl.Proposal.Itinerary(c.tenant(), c.User.ID,
		fmt.Sprintf("Built by the itinerary engine: %d added, %d moved, %d dropped.", added, moved, dropped))
	changed := &itinera.Error{Code: itinera.ECONFLICT, Fields: map[string]string{"digest": "The program changed while the itinerary was built."},
		Message: "The program changed while the itinerary was being built; build it again."}
	out.Notified, out.Pending, out.Itinerary, err = a.saveIfUnchanged(ctx, c, in, &it, changed)
	return out, err
}

// saveIfUnchanged saves it as the program's next itinerary version, with
// its messages, in one transaction — if the records are still those in
// was read from (the engine ran outside the transaction); else it returns
// changed. It returns the resources told, those pending and the saved
// itinerary.
func (a *App) saveIfUnchanged(ctx context.Context, c Caller, in planning.Input, it *itinera.Itinerary, changed error) (notified, pending int, saved itinera.Itinerary, err error) {
	before, err := fingerprint(in)
	if err != nil {
		return 0, 0, saved, err
	}
	err = a.inTx(ctx, func(ctx context.Context) error {
		now, err := planning.Load(ctx, a.r, c.tenant(), in.Program.ID)
		if err != nil {
			return err
		}
		// The road times are not the database's: they come as measured.
		now.Travel.Roads, now.Travel.Note = in.Travel.Roads, in.Travel.Note
		if after, err := fingerprint(now); err != nil || after != before {
			if err != nil {
				return err
			}
			return changed
		}
		if notified, pending, err = a.applyItinerary(ctx, c, it); err != nil {
			return err
		}
		saved, err = a.s.Itineraries.CurrentItinerary(ctx, c.tenant(), in.Program.ID)
		return err
	})
	return notified, pending, saved, err
}
