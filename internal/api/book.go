package api

import (
	"net/http"
	"strconv"

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
	o := book.Options{Audience: book.Audience(q.Get("audience"))}
	if o.Audience == "" {
		o.Audience = book.Delegation
	}
	if s := q.Get("person"); s != "" {
		if o.PersonID, err = strconv.ParseInt(s, 10, 64); err != nil || o.PersonID <= 0 {
			return itinera.FieldErrors{"person": "Give the id of a visitor, interpreter, meeting or household of the program."}.Err("book")
		}
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
