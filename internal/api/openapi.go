package api

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"sort"
	"strconv"
	"sync"

	"itinera"
)

// The OpenAPI 3.1 description of this API is written by hand: openapi.json
// holds the document's frame and the first endpoints, and each file of
// openapi/ adds the paths and components of one area of the API.
// openapi_test.go checks that the merged document lists exactly the routes
// of routes() and that every answer the tests see matches it.

//go:embed openapi.json
var openAPIBase []byte

//go:embed openapi/*.json
var openAPIParts embed.FS

var (
	openAPIOnce sync.Once
	openAPIDoc  []byte
	openAPIErr  error
)

// document returns the merged document; the embedded files never change,
// so it is built once.
func document() ([]byte, error) {
	openAPIOnce.Do(func() { openAPIDoc, openAPIErr = mergeOpenAPI() })
	return openAPIDoc, openAPIErr
}

// mergeOpenAPI adds every part's paths and components to the frame. A
// path or component defined twice is an error, so parts cannot silently
// replace each other.
func mergeOpenAPI() ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(openAPIBase, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	names, err := fs.Glob(openAPIParts, "openapi/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, name := range names {
		b, err := openAPIParts.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var part map[string]any
		if err := json.Unmarshal(b, &part); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for key, v := range part {
			switch key {
			case "paths":
				if err := mergeInto(doc, v, name, "paths"); err != nil {
					return nil, err
				}
			case "components":
				kinds, _ := v.(map[string]any)
				for kind, entries := range kinds {
					if err := mergeInto(doc, entries, name, "components", kind); err != nil {
						return nil, err
					}
				}
			case "tags":
				tags, _ := doc["tags"].([]any)
				more, _ := v.([]any)
				doc["tags"] = append(tags, more...)
			default:
				return nil, fmt.Errorf("%s: a part holds only paths, components and tags, not %q", name, key)
			}
		}
	}
	return json.MarshalIndent(doc, "", "  ")
}

// mergeInto adds the entries of v to the object at path in doc.
func mergeInto(doc map[string]any, v any, name string, path ...string) error {
	entries, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: %v is not an object", name, path)
	}
	target := doc
	for _, p := range path {
		next, ok := target[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			target[p] = next
		}
		target = next
	}
	for k, e := range entries {
		if _, dup := target[k]; dup {
			return fmt.Errorf("%s: %v %q is already defined", name, path, k)
		}
		target[k] = e
	}
	return nil
}

// openAPI serves the document. It is public: it holds no tenant data.
func (a *API) openAPI(w http.ResponseWriter, r *http.Request, _ itinera.User) error {
	doc, err := document()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(doc)))
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(doc)
	}
	return nil
}
