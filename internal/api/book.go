package api

import (
	"net/http"
	"strconv"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/book"
)

// getBook answers a book of a program (internal/book) as HTML or PDF:
// GET /api/v1/programs/{id}/book?audience=…&person=…&format=html|pdf.
func (a *API) getBook(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	o, err := book.ParseOptions(q.Get("audience"), q.Get("person"))
	if err != nil {
		return err
	}
	format := q.Get("format")
	if format == "" {
		format = app.BookHTML
	}
	f, err := a.app.BookFile(r.Context(), a.caller(r, u), p.ID, o, format, book.Links{})
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", `attachment; filename="`+f.Name+`"`)
	h.Set("Content-Length", strconv.Itoa(len(f.Body)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(f.Body)
	}
	return nil
}

// parcelJSON is one person's package of a distribution.
type parcelJSON struct {
	Key      string   `json:"key"`
	Kind     string   `json:"kind"`
	PersonID int64    `json:"person_id"`
	Name     string   `json:"name"`
	To       string   `json:"to"`
	Subject  string   `json:"subject"`
	Files    []string `json:"files"`
	Skip     string   `json:"skip"`
}

func newParcelJSON(p app.Parcel) parcelJSON {
	return parcelJSON{Key: p.Key(), Kind: string(p.Kind), PersonID: p.PersonID, Name: p.Name, To: p.To, Subject: p.Subject,
		Files: p.Files, Skip: p.Skip}
}

// getDistribution says who would receive their package, and why nothing
// can be sent when nothing can.
func (a *API) getDistribution(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	d, err := a.app.PlanDistribution(r.Context(), a.caller(r, u), p.ID)
	if err != nil {
		return err
	}
	out := struct {
		Parcels []parcelJSON `json:"parcels"`
		Why     string       `json:"why"`
		Sample  string       `json:"sample"`
	}{Parcels: []parcelJSON{}, Why: d.Why, Sample: d.Sample}
	for _, x := range d.Parcels {
		out.Parcels = append(out.Parcels, newParcelJSON(x))
	}
	return a.ok(w, r, out)
}

// postDistribution sends every visitor and interpreter their package but
// those held back.
func (a *API) postDistribution(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	var in struct {
		Hold []string `json:"hold"`
		Note string   `json:"note"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	o := app.DistributeOptions{Hold: keySet(in.Hold), Note: in.Note}
	d, err := a.app.Distribute(r.Context(), a.caller(r, u), p.ID, o)
	if err != nil {
		return err
	}
	out := struct {
		Queued  int          `json:"queued"`
		Held    int          `json:"held"`
		Skipped []parcelJSON `json:"skipped"`
	}{Queued: d.Queued, Held: d.Held, Skipped: []parcelJSON{}}
	for _, x := range d.Skipped {
		out.Skipped = append(out.Skipped, newParcelJSON(x))
	}
	return a.ok(w, r, out)
}

// releaseJSON is a release of a program's itinerary.
type releaseJSON struct {
	Version          int       `json:"version"`
	ItineraryVersion int       `json:"itinerary_version"`
	ReleasedAt       time.Time `json:"released_at"`
	Note             string    `json:"note"`
}

func newReleaseJSON(r itinera.Release) releaseJSON {
	return releaseJSON{Version: r.Version, ItineraryVersion: r.ItineraryVersion, ReleasedAt: r.ReleasedAt.UTC(), Note: r.Note}
}

// listReleases lists a program's releases, newest first.
func (a *API) listReleases(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	rels, err := a.svc.Itineraries.Releases(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return err
	}
	return listed(w, r, a, "releases", rels, func(x itinera.Release) int64 { return int64(x.Version) }, newReleaseJSON)
}

// getReleasePlan says what releasing the current version would tell whom.
func (a *API) getReleasePlan(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	pl, err := a.app.PlanRelease(r.Context(), a.caller(r, u), p.ID)
	if err != nil {
		return err
	}
	type personJSON struct {
		Key     string   `json:"key"`
		Kind    string   `json:"kind"`
		ID      int64    `json:"person_id"`
		Name    string   `json:"name"`
		To      string   `json:"to"`
		Since   int      `json:"since_release"`
		Changes []string `json:"changes"`
		Skip    string   `json:"skip"`
		Evening int64    `json:"evening_id,omitempty"`
	}
	out := struct {
		ItineraryVersion int          `json:"itinerary_version"`
		LastRelease      *releaseJSON `json:"last_release"`
		People           []personJSON `json:"people"`
		Why              string       `json:"why"`
	}{ItineraryVersion: pl.Version, People: []personJSON{}, Why: pl.Why}
	if pl.Last != nil {
		last := newReleaseJSON(*pl.Last)
		out.LastRelease = &last
	}
	for _, x := range pl.People {
		changes := x.Changes
		if changes == nil {
			changes = []string{}
		}
		out.People = append(out.People, personJSON{Key: x.Key(), Kind: string(x.Kind), ID: x.PersonID, Name: x.Name, To: x.To,
			Since: x.Since, Changes: changes, Skip: x.Skip, Evening: x.EveningID})
	}
	return a.ok(w, r, out)
}

// postRelease releases the current version to the delegation.
func (a *API) postRelease(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	var in struct {
		Hold []string `json:"hold"`
		Note string   `json:"note"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	o := app.ReleaseOptions{Hold: keySet(in.Hold), Note: in.Note}
	out, err := a.app.Release(r.Context(), a.caller(r, u), p.ID, o)
	if err != nil {
		return err
	}
	return a.ok(w, r, struct {
		Release   releaseJSON `json:"release"`
		Queued    int         `json:"queued"`
		Held      int         `json:"held"`
		Unchanged int         `json:"unchanged"`
	}{newReleaseJSON(out.Release), out.Queued, out.Held, out.Unchanged})
}

// keySet is the keys of people held back, as the workflows take them.
func keySet(keys []string) map[string]bool {
	set := make(map[string]bool, len(keys))
	for _, k := range keys {
		set[k] = true
	}
	return set
}
