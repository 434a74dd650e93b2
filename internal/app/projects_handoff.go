package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"itinera"
)

// Hand-offs: a change at the agency (a visitor withdraws, an interpreter
// changes, an arrival moves) reaches every stop it concerns as a notice
// on that organization's bell (itinera.AlertProject) and, when it
// affects the itinerary, as an item of the stop's next release
// (ReleasePlan.Handoffs). A stop learns of the roster only while its
// roster grant is live: a notice naming a visitor is a view of the roster.

// tell records a notice for organization to; itinerary notices of a
// programmed stop wait for its next release.
func (a *App) tell(ctx context.Context, to int64, p itinera.Project, s itinera.ProjectStop, itinerary bool, text string) error {
	n := itinera.ProjectNotice{TenantID: to, ProjectID: p.ID, StopID: s.ID, At: a.now().UTC(), Text: text,
		Itinerary: itinerary && to == s.TenantID && s.ProgramID != 0}
	if to == s.TenantID {
		n.ProgramID = s.ProgramID
	}
	return a.s.Projects.CreateProjectNotice(ctx, &n)
}

// handOffRoster tells every stop that shares the roster now.
func (a *App) handOffRoster(ctx context.Context, pa projectAccess, text string, itinerary bool) error {
	for _, s := range pa.stops {
		if _, ok := pa.liveGrant(s.ID, itinera.GrantRoster, s.TenantID); !ok || s.Status != itinera.StopAccepted {
			continue
		}
		if err := a.tell(ctx, s.TenantID, pa.project, s, itinerary, text); err != nil {
			return err
		}
	}
	return nil
}

// handOffMemberChange tells the stops what changed of what they see of a
// roster member: the fields the project shares, the name, the role.
func (a *App) handOffMemberChange(ctx context.Context, pa projectAccess, before, after itinera.RosterMember) error {
	city := pa
	city.agency = false
	b, n := city.shareMember(before), city.shareMember(after)
	var changed []string
	for _, x := range []struct {
		field string
		same  bool
	}{
		{"role", b.Role == n.Role},
		{"country", b.Country == n.Country},
		{"position", b.Position == n.Position},
		{"organization", b.Organization == n.Organization},
		{"languages", slices.Equal(b.Languages, n.Languages)},
		{"diets", slices.Equal(b.Diets, n.Diets)},
		{"allergies", slices.Equal(b.Allergies, n.Allergies)},
		{"access needs", b.AccessNeeds == n.AccessNeeds},
		{"e-mail", b.Email == n.Email},
		{"phone", b.Phone == n.Phone},
		{"passport", b.Passport == n.Passport},
		{"date of birth", b.BirthDate == n.BirthDate},
	} {
		if !x.same {
			changed = append(changed, x.field)
		}
	}
	renamed := b.Name() != n.Name()
	if !renamed && len(changed) == 0 {
		return nil // nothing the stops see changed
	}
	interpreter := n.Role == itinera.RosterInterpreter || b.Role == itinera.RosterInterpreter
	var text string
	switch {
	case renamed && interpreter:
		text = fmt.Sprintf("The interpreter changed: %s instead of %s.", n.Name(), b.Name())
	case renamed:
		text = fmt.Sprintf("%s (%s) is now %s on the roster.", b.Name(), b.Role, n.Name())
	default:
		text = fmt.Sprintf("%s (%s): %s changed on the roster.", n.Name(), n.Role, strings.Join(changed, ", "))
	}
	itinerary := interpreter && (renamed || slices.Contains(changed, "languages") || slices.Contains(changed, "role"))
	return a.handOffRoster(ctx, pa, text, itinerary)
}

// handOffArrival tells the stop of a moved arrival, and the previous stop
// of its moved departure; both are on their next release.
func (a *App) handOffArrival(ctx context.Context, pa projectAccess, before, after itinera.ProjectStop) error {
	if before.ArrivalMode == after.ArrivalMode && before.ArrivalRef == after.ArrivalRef && before.DepartsAt.Equal(after.DepartsAt) &&
		before.ArrivesAt.Equal(after.ArrivesAt) {
		return nil
	}
	route := slices.Clone(pa.stops)
	itinera.RouteOrder(route)
	var prev *itinera.ProjectStop
	for i, s := range route {
		if s.ID == after.ID && i > 0 {
			prev = &route[i-1]
		}
	}
	if after.Status != itinera.StopDeclined {
		text := fmt.Sprintf("The arrival in %s moved: %s, %s (was %s).", after.City, journeyText(after),
			whenText(after.ArrivesAt, after.Location(), "arrives"), whenText(before.ArrivesAt, after.Location(), "arriving"))
		if err := a.tell(ctx, after.TenantID, pa.project, after, true, text); err != nil {
			return err
		}
	}
	if prev != nil && prev.Status != itinera.StopDeclined && prev.TenantID != after.TenantID && !before.DepartsAt.Equal(after.DepartsAt) {
		text := fmt.Sprintf("The departure from %s to %s moved: %s, %s (was %s).", prev.City, after.City, journeyText(after),
			whenText(after.DepartsAt, prev.Location(), "leaves"), whenText(before.DepartsAt, prev.Location(), "leaving"))
		if err := a.tell(ctx, prev.TenantID, pa.project, *prev, true, text); err != nil {
			return err
		}
	}
	return nil
}

// journeyText names a stop's arrival journey: "flight UA 1234".
func journeyText(s itinera.ProjectStop) string {
	out := string(s.ArrivalMode)
	if s.ArrivalMode == itinera.TravelGround {
		out = "by road"
	}
	if s.ArrivalRef != "" {
		out += " " + s.ArrivalRef
	}
	return out
}

// whenText says a journey's time in a zone: "arrives Sat 5 Dec 21:30 CST".
func whenText(t time.Time, loc *time.Location, verb string) string {
	if t.IsZero() {
		return "no time yet"
	}
	return verb + " " + t.In(loc).Format("Mon 2 Jan 15:04 MST")
}
