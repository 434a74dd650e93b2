package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"itinera"
)

// Versions and partial changes. Every record has a version that rises with
// each change: answers carry it as the ETag ("7"), and a PUT, PATCH or
// DELETE sent with If-Match changes the record only while it is still at
// that version, else 412 — two officers working on the same program do not
// silently overwrite each other. PATCH takes a JSON Merge Patch (RFC 7396)
// of the record's input fields: what it leaves out stays as it is.

// etag is the ETag of a record at version v.
func etag(v int) string { return `"` + strconv.Itoa(v) + `"` }

// ifMatch reads the If-Match header: the version a change is made against
// (0 with no header or "*": whatever version is stored).
func ifMatch(r *http.Request) (int, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" || h == "*" {
		return 0, nil
	}
	tag := strings.TrimPrefix(h, "W/")
	n, err := strconv.Atoi(strings.Trim(tag, `"`))
	if err != nil || n < 1 || !strings.HasPrefix(tag, `"`) || !strings.HasSuffix(tag, `"`) || strings.Contains(tag, ",") {
		return 0, badRequest(`If-Match must be one ETag of this record, such as "3", or *.`)
	}
	return n, nil
}

// againstVersion applies If-Match to the record x loaded for a change.
func againstVersion[T any](r *http.Request, k kind[T], x *T) error {
	v, err := ifMatch(r)
	if err != nil || v == 0 {
		return err
	}
	if cur := *k.version(x); cur != v {
		return itinera.Stale(k.name, v, cur)
	}
	return nil
}

func (k kind[T]) patch(a *API) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, u itinera.User) error {
		x, err := k.find(r, u)
		if err != nil {
			return err
		}
		if err := againstVersion(r, k, &x); err != nil {
			return err
		}
		cur, err := k.input(r, u, x)
		if err != nil {
			return err
		}
		merged, err := mergeBody(w, r, cur)
		if err != nil {
			return err
		}
		r2 := r.Clone(r.Context())
		r2.Body = io.NopCloser(bytes.NewReader(merged))
		r2.ContentLength = int64(len(merged))
		r2.Header.Set("Content-Type", "application/json")
		if err := k.build(w, r2, u, &x); err != nil {
			return err
		}
		show, err := k.view(r, u, x)
		if err != nil {
			return err
		}
		if x, err = k.update(r.Context(), a.caller(r, u), x); err != nil {
			return err
		}
		w.Header().Set("ETag", etag(*k.version(&x)))
		return a.ok(w, r, show(x))
	}
}

// mergeBody applies the request's merge patch to the record's current
// input fields and returns the merged object as JSON.
func mergeBody(w http.ResponseWriter, r *http.Request, current any) ([]byte, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || (mt != "application/merge-patch+json" && mt != "application/json") {
		return nil, &statusError{status: http.StatusUnsupportedMediaType,
			err: itinera.Errorf(itinera.EINVALID, "Send a JSON Merge Patch with Content-Type: application/merge-patch+json.")}
	}
	var patch any
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	if err := dec.Decode(&patch); err != nil {
		return nil, decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, badRequest("The request body must hold a single JSON object and nothing after it.")
	}
	if _, ok := patch.(map[string]any); !ok {
		return nil, badRequest("A merge patch of a record is a JSON object of the fields to change.")
	}
	b, err := json.Marshal(current)
	if err != nil {
		return nil, err
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	return json.Marshal(mergePatch(doc, patch))
}

// mergePatch is RFC 7396: an object patch sets its members, null removes
// one, anything else replaces the target.
func mergePatch(target, patch any) any {
	p, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	t, ok := target.(map[string]any)
	if !ok {
		t = map[string]any{}
	}
	for k, v := range p {
		if v == nil {
			delete(t, k)
			continue
		}
		t[k] = mergePatch(t[k], v)
	}
	return t
}

// The records as the bodies of their PUT: what a merge patch applies to.

// plainInput is the input of a record that needs nothing else.
func plainInput[T, J any](f func(T) J) func(*http.Request, itinera.User, T) (any, error) {
	return func(_ *http.Request, _ itinera.User, x T) (any, error) { return f(x), nil }
}

func (a *API) programInput(_ *http.Request, _ itinera.User, p itinera.Program) (any, error) {
	return programInput{Title: p.Title, ProjectType: p.ProjectType, Description: p.Description, Objectives: list(p.Objectives),
		City: p.City, TimeZone: p.TimeZone, Language: p.Language, StartDate: p.StartDate.String(), EndDate: p.EndDate.String(),
		HotelPlaceID: p.HotelPlaceID, Status: string(p.Status), SplitLunch: string(p.SplitLunch), SplitCost: &p.SplitCost}, nil
}

func visitorInputOf(v itinera.Visitor) visitorInput {
	return visitorInput{GivenName: v.GivenName, FamilyName: v.FamilyName, Country: v.Country, Position: v.Position,
		Organization: v.Organization, Sector: v.Sector, Email: v.Email, Languages: list(v.Languages), Diets: list(v.Diets),
		Allergies: list(v.Allergies), AccessNeeds: v.AccessNeeds, Interests: list(v.Interests), Fictional: v.Fictional}
}

func interpreterInputOf(i itinera.Interpreter) interpreterInput {
	return interpreterInput{Name: i.Name, Email: i.Email, Phone: i.Phone, Languages: list(i.Languages)}
}

func organizationInputOf(o itinera.Organization) organizationInput {
	return organizationInput{Name: o.Name, Kind: string(o.Kind), Description: o.Description, Website: o.Website,
		Email: o.Email, Phone: o.Phone, PlaceID: o.PlaceID, Address: o.Address, Topics: list(o.Topics)}
}

func contactInputOf(c itinera.Contact) contactInput {
	return contactInput{OrganizationID: c.OrganizationID, Name: c.Name, Title: c.Title, Email: c.Email, Phone: c.Phone, Notes: c.Notes}
}

func placeInputOf(p itinera.Place) placeInput {
	return placeInput{Name: p.Name, Kind: string(p.Kind), Address: p.Address, Lat: p.Lat, Lon: p.Lon,
		CoordinatesSource: string(p.Source), Notes: p.Notes}
}

// meetingInput shows the windows in the program's time zone.
func (a *API) meetingInput(r *http.Request, u itinera.User, m itinera.Meeting) (any, error) {
	p, err := a.svc.Programs.Program(r.Context(), u.TenantID, m.ProgramID)
	if err != nil {
		return nil, err
	}
	return meetingInput{Title: m.Title, HostOrganizationID: m.HostOrganizationID, ContactID: m.ContactID,
		PartnerOrganizationIDs: list(m.PartnerOrganizationIDs), PlaceID: m.PlaceID, Topics: list(m.Topics),
		DurationMinutes: m.DurationMinutes, Audience: m.Audience, Attendance: string(m.For), MinVisitors: m.MinVisitors,
		MaxVisitors: m.MaxVisitors, VisitorIDs: list(m.VisitorIDs), Languages: list(m.Languages),
		Questions: m.Questions, Priority: m.Priority, Mandatory: m.Mandatory,
		Status: string(m.Status), Windows: windowsJSON(m.Windows, p.Location()), Notes: m.Notes}, nil
}

func (a *API) activityInput(r *http.Request, u itinera.User, x itinera.Activity) (any, error) {
	p, err := a.svc.Programs.Program(r.Context(), u.TenantID, x.ProgramID)
	if err != nil {
		return nil, err
	}
	return activityInput{Title: x.Title, Kind: string(x.Kind), PlaceID: x.PlaceID, Topics: list(x.Topics),
		DurationMinutes: x.DurationMinutes, Priority: x.Priority, Mandatory: x.Mandatory, Status: string(x.Status),
		Windows: windowsJSON(x.Windows, p.Location()), Notes: x.Notes}, nil
}

// decodePatch merges the request's patch into current (a record's input
// fields) and decodes the result into in, refusing unknown fields.
func decodePatch(w http.ResponseWriter, r *http.Request, current, in any) error {
	merged, err := mergeBody(w, r, current)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(merged))
	dec.DisallowUnknownFields()
	if err := dec.Decode(in); err != nil {
		return decodeError(err)
	}
	return nil
}
