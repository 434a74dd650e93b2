package api

import (
	_ "embed"
	"net/http"
	"strconv"

	"itinera"
)

// openAPIDoc is the OpenAPI 3.1 description of this API, written by hand;
// openapi_test.go checks that it lists exactly the routes of routes().
//
//go:embed openapi.json
var openAPIDoc []byte

// openAPI serves the document. It is public: it holds no tenant data.
func (a *API) openAPI(w http.ResponseWriter, r *http.Request, _ itinera.User) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(openAPIDoc)))
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(openAPIDoc)
	}
	return nil
}
