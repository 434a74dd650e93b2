package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"itinera"
)

// maxBody bounds every request body.
const maxBody = 1 << 20

// decode reads the request body, a single JSON object, into v. Unknown
// fields are refused so that a misspelt field is not silently ignored.
// Errors name what is wrong and are answered with 400 (413, 415); text
// that is not valid UTF-8 is a wrong field (422), like any other.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return &statusError{status: http.StatusUnsupportedMediaType,
			err: itinera.Errorf(itinera.EINVALID, "Send the request body as JSON with Content-Type: application/json.")}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		return decodeError(err)
	}
	if field, bad := unreadableField(body); bad {
		f := itinera.FieldErrors{}
		f.Add(field, itinera.UnreadableText)
		return f.Err("")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return badRequest("The request body must hold a single JSON object and nothing after it.")
	}
	return nil
}

// decodeOptional is decode for actions whose body may be left out: an
// empty body without a Content-Type leaves v as it is.
func decodeOptional(w http.ResponseWriter, r *http.Request, v any) error {
	if r.ContentLength == 0 && r.Header.Get("Content-Type") == "" {
		return nil
	}
	return decode(w, r, v)
}

// decodeError turns an encoding/json error into a message for the client.
func decodeError(err error) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		mbe *http.MaxBytesError
	)
	switch {
	case errors.As(err, &mbe):
		return &statusError{status: http.StatusRequestEntityTooLarge,
			err: itinera.Errorf(itinera.EINVALID, "The request body is too large: the limit is %d MiB.", mbe.Limit>>20)}
	case errors.Is(err, io.EOF):
		return badRequest("The request body is empty; send a JSON object.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("The request body is not valid JSON: it ends too early.")
	case errors.As(err, &syn):
		return badRequest("The request body is not valid JSON (at byte %d).", syn.Offset)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return badRequest("The request body must be a JSON object, not %s.", typ.Value)
		}
		return badRequest("Wrong type for field %q: expected %s, got %s.", typ.Field, jsonType(typ.Type.Kind().String()), typ.Value)
	}
	// encoding/json has no typed error for an unknown field; its message is
	// about the client's own input, so it may be shown.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return badRequest("Unknown field %s in the request body.", name)
	}
	return badRequest("The request body could not be read as JSON.")
}

// jsonType names a Go kind the way a JSON client thinks of it.
func jsonType(kind string) string {
	switch {
	case kind == "string":
		return "a string"
	case kind == "bool":
		return "true or false"
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "a whole number"
	case strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "slice", kind == "array":
		return "an array"
	case kind == "struct", kind == "map":
		return "an object"
	}
	return kind
}

// writeJSON answers with v as JSON.
func (a *API) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	body, err := encodeJSON(v)
	if err != nil {
		a.log.ErrorContext(r.Context(), "api encode failed", "path", r.URL.Path, "error", err)
		body, _ = encodeJSON(errorBody{Error: errorJSON{Code: itinera.EINTERNAL,
			Message: itinera.ErrorMessage(err), Fields: map[string]string{}}})
		status = http.StatusInternalServerError
	}
	writeBody(w, r, status, body)
}

func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err
}

// writeBody answers status with a JSON body.
func writeBody(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// okCached answers 200 with the record that load makes, kept under name
// and id for the organization's revision and the caller's role: until
// something changes, the same request is answered without loading
// (internal/pagecache). load must check that the record is the tenant's.
func (a *API) okCached(w http.ResponseWriter, r *http.Request, u itinera.User, name string, id int64, load func() (any, error)) error {
	rev, err := a.revision(r, u)
	if err != nil {
		return err
	}
	key := fmt.Sprintf("%s:t%d:%d:r%d:%s", name, u.TenantID, id, rev.ID, u.Role)
	// Made once however many clients ask at the same moment.
	body, err := a.cache.Load(key, func() ([]byte, int, error) {
		v, err := load()
		if err != nil {
			return nil, 0, err
		}
		body, err := encodeJSON(v)
		if err != nil {
			return nil, 0, fmt.Errorf("encode the %s record: %w", name, err)
		}
		return body, len(body), nil
	})
	if err != nil {
		return err
	}
	writeBody(w, r, http.StatusOK, body)
	return nil
}

// created answers 201 with the new record and its address.
func (a *API) created(w http.ResponseWriter, r *http.Request, location string, v any) error {
	w.Header().Set("Location", location)
	a.writeJSON(w, r, http.StatusCreated, v)
	return nil
}

// ok answers 200 with v.
func (a *API) ok(w http.ResponseWriter, r *http.Request, v any) error {
	a.writeJSON(w, r, http.StatusOK, v)
	return nil
}

// noContent answers 204, after a delete.
func noContent(w http.ResponseWriter) error {
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// pathID reads the numeric id in the path; anything else names no record.
func pathID(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, notFound(what)
	}
	return id, nil
}
