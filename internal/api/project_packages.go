package api

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/projectfile"
)

// Project packages across installations (docs/project-package.md): the
// organization's public key and the partner keys it trusts; the signed
// stop and return packages, exported and imported. Thin adapters over
// internal/app.

type trustedKeyJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	PublicKey   string `json:"public_key"`
	KeyID       string `json:"key_id"`
	Fingerprint string `json:"fingerprint"`
	CreatedAt   string `json:"created_at"`
	CreatedBy   string `json:"created_by"`
	RevokedAt   string `json:"revoked_at,omitempty"`
	RevokedBy   string `json:"revoked_by,omitempty"`
}

func newTrustedKeyJSON(k itinera.TrustedKey) trustedKeyJSON {
	out := trustedKeyJSON{ID: k.ID, Name: k.Name, PublicKey: k.PublicKey, KeyID: k.KeyID, Fingerprint: projectfile.FormatKeyID(k.KeyID),
		CreatedAt: rfc3339(k.CreatedAt), CreatedBy: k.CreatedBy, RevokedBy: k.RevokedBy}
	if !k.RevokedAt.IsZero() {
		out.RevokedAt = rfc3339(k.RevokedAt)
	}
	return out
}

type keysJSON struct {
	PublicKey    string           `json:"public_key"`
	PublicKeyPEM string           `json:"public_key_pem"`
	KeyID        string           `json:"key_id"`
	Fingerprint  string           `json:"fingerprint"`
	Trusted      []trustedKeyJSON `json:"trusted"`
}

// getKeys answers the organization's public key (made on first use) and
// the partner keys it trusts.
func (a *API) getKeys(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	c := a.caller(r, u)
	k, err := a.app.MyPublicKey(r.Context(), c)
	if err != nil {
		return err
	}
	ts, err := a.app.TrustedKeys(r.Context(), c)
	if err != nil {
		return err
	}
	out := keysJSON{PublicKey: k.PublicKey, PublicKeyPEM: k.PEM, KeyID: k.KeyID, Fingerprint: k.Fingerprint, Trusted: []trustedKeyJSON{}}
	for _, t := range ts {
		out.Trusted = append(out.Trusted, newTrustedKeyJSON(t))
	}
	return a.ok(w, r, out)
}

type trustInput struct {
	Name      string `json:"name"`
	PublicKey string `json:"public_key"`
}

// postTrustedKey trusts a partner's key, its fingerprint confirmed.
func (a *API) postTrustedKey(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	var in trustInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	k, err := a.app.TrustKey(r.Context(), a.caller(r, u), in.Name, in.PublicKey)
	if err != nil {
		return err
	}
	return a.created(w, r, "/api/v1/keys", newTrustedKeyJSON(k))
}

// revokeTrustedKey stops trusting a key.
func (a *API) revokeTrustedKey(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "trusted key")
	if err != nil {
		return err
	}
	k, err := a.app.RevokeTrustedKey(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	return a.ok(w, r, newTrustedKeyJSON(k))
}

// writePackage answers a signed package as the file to save.
func writePackage(w http.ResponseWriter, r *http.Request, b []byte, name string) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	w.WriteHeader(http.StatusOK)
	w.Write(b)
	return nil
}

// postStopPackage makes the signed stop package of a stop (the agency).
func (a *API) postStopPackage(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "stop")
	if err != nil {
		return err
	}
	if err := decodeOptional(w, r, &struct{}{}); err != nil {
		return err
	}
	b, err := a.app.ExportStopPackage(r.Context(), a.caller(r, u), 0, id)
	if err != nil {
		return err
	}
	return writePackage(w, r, b, fmt.Sprintf("stop-%d.json", id))
}

// postReturnPackage makes the signed return package of a program that
// came from a stop package (the city).
func (a *API) postReturnPackage(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "program")
	if err != nil {
		return err
	}
	if err := decodeOptional(w, r, &struct{}{}); err != nil {
		return err
	}
	b, err := a.app.ExportReturnPackage(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	return writePackage(w, r, b, fmt.Sprintf("return-%d.json", id))
}

// readPackage reads a package from the request body, as is: its signed
// bytes must not be decoded and written again.
func readPackage(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return nil, &statusError{status: http.StatusUnsupportedMediaType,
			err: itinera.Errorf(itinera.EINVALID, "Send the package as JSON with Content-Type: application/json.")}
	}
	b, err := projectfile.Read(http.MaxBytesReader(w, r.Body, projectfile.MaxSize+1))
	if errors.Is(err, projectfile.ErrTooLarge) {
		var e *itinera.Error
		if errors.As(err, &e) {
			return nil, &statusError{status: http.StatusRequestEntityTooLarge, err: e}
		}
	}
	if err != nil {
		var e *itinera.Error
		if errors.As(err, &e) {
			return nil, err
		}
		return nil, badRequest("The request body could not be read.")
	}
	return b, nil
}

type packageJSON struct {
	Digest     string `json:"digest"`
	KeyID      string `json:"key_id"`
	Issuer     string `json:"issuer"`
	IssuedAt   string `json:"issued_at"`
	ImportedAt string `json:"imported_at"`
}

type importedStopJSON struct {
	importedJSON
	Package packageJSON `json:"package"`
	Project string      `json:"project"`
	City    string      `json:"city"`
}

// importStopPackage opens a stop package with the sender's trusted key
// and makes its program.
func (a *API) importStopPackage(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	b, err := readPackage(w, r)
	if err != nil {
		return err
	}
	got, err := a.app.ImportStopPackage(r.Context(), a.caller(r, u), b)
	if err != nil {
		return err
	}
	p := got.Package
	return a.created(w, r, "/api/v1/programs/"+strconv.FormatInt(got.Program.ID, 10), importedStopJSON{
		importedJSON: importedJSON{Program: newProgramSummary(got.Program), Created: got.Created, Reused: got.Reused, RequestsToSendAgain: got.SendAgain},
		Package:      packageJSON{Digest: p.Digest, KeyID: p.KeyID, Issuer: p.Issuer, IssuedAt: rfc3339(p.IssuedAt), ImportedAt: rfc3339(p.ImportedAt)},
		Project:      got.Project.Title, City: got.Stop.City})
}

type returnFeedbackJSON struct {
	Role     string  `json:"role"`
	Answered int     `json:"answered"`
	Average  float64 `json:"average"`
}

type returnJSON struct {
	ID               int64                `json:"id"`
	StopID           int64                `json:"stop_id"`
	Issuer           string               `json:"issuer"`
	KeyID            string               `json:"key_id"`
	IssuedAt         string               `json:"issued_at"`
	ImportedAt       string               `json:"imported_at"`
	Release          int                  `json:"release"`
	ItineraryVersion int                  `json:"itinerary_version"`
	ReleasedAt       string               `json:"released_at"`
	Items            int                  `json:"items"`
	Meetings         int                  `json:"meetings"`
	Confirmed        int                  `json:"confirmed"`
	Feedback         []returnFeedbackJSON `json:"feedback"`
	Collaborations   int                  `json:"collaborations"`
}

func newReturnJSON(s app.ReturnSummary) returnJSON {
	out := returnJSON{ID: s.ID, StopID: s.StopID, Issuer: s.Issuer, KeyID: s.KeyID, IssuedAt: rfc3339(s.IssuedAt), ImportedAt: rfc3339(s.ImportedAt),
		Release: s.Release, ItineraryVersion: s.ItineraryVersion, ReleasedAt: rfc3339(s.ReleasedAt), Items: s.Items, Meetings: s.Meetings,
		Confirmed: s.Confirmed, Feedback: []returnFeedbackJSON{}, Collaborations: s.Collaborations}
	for _, f := range s.Feedback {
		out.Feedback = append(out.Feedback, returnFeedbackJSON{Role: string(f.Role), Answered: f.Answered, Average: f.Average})
	}
	return out
}

// importReturnPackage records a city's return package against the
// agency's stop.
func (a *API) importReturnPackage(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	b, err := readPackage(w, r)
	if err != nil {
		return err
	}
	s, err := a.app.ImportReturnPackage(r.Context(), a.caller(r, u), b)
	if err != nil {
		return err
	}
	return a.created(w, r, "/api/v1/stops/"+strconv.FormatInt(s.StopID, 10)+"/returns", newReturnJSON(s))
}

// listStopReturns lists the return packages the agency imported for a
// stop.
func (a *API) listStopReturns(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "stop")
	if err != nil {
		return err
	}
	rs, err := a.app.StopReturns(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	out := struct {
		Returns []returnJSON `json:"returns"`
	}{Returns: []returnJSON{}}
	for _, s := range rs {
		out.Returns = append(out.Returns, newReturnJSON(s))
	}
	return a.ok(w, r, out)
}

// rfc3339 is an instant in UTC; "" for the zero time.
func rfc3339(t time.Time) string { return instant(t, time.UTC) }
