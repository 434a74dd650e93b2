package api

import (
	"net/http"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/importing"
)

// The templates of the imports: the columns Itinera reads for a kind of
// record, as JSON, or as a CSV or XLSX file with the header, an example row
// and, in XLSX, the drop-down lists of fixed values and a note of help on
// each column.

type templateJSON struct {
	Kind    string               `json:"kind"`
	Columns []templateColumnJSON `json:"columns"`
}

type templateColumnJSON struct {
	Key      string   `json:"key"`
	Label    string   `json:"label"`
	Required bool     `json:"required"`
	ReadOnly bool     `json:"read_only"`
	Values   []string `json:"values"`
	Example  string   `json:"example"`
	Help     string   `json:"help"`
}

func (a *API) getImportTemplate(w http.ResponseWriter, r *http.Request, _ itinera.User) error {
	w.Header().Add("Vary", "Accept")
	k, err := itinera.ParseImportKind(r.PathValue("kind"))
	if err != nil {
		return itinera.Errorf(itinera.ENOTFOUND, "There is no import template for %q: the kinds are visitors, interpreters, "+
			"meetings, organizations, contacts, places and households.", r.PathValue("kind"))
	}
	format, err := exportFormat(r)
	if err != nil {
		return err
	}
	if format == "" {
		out := templateJSON{Kind: string(k), Columns: []templateColumnJSON{}}
		for _, f := range importing.Fields(k) {
			values := f.Values
			if values == nil {
				values = []string{}
			}
			out.Columns = append(out.Columns, templateColumnJSON{Key: f.Key, Label: f.Label, Required: f.Required, ReadOnly: f.ReadOnly,
				Values: values, Example: f.Example, Help: f.Help})
		}
		return a.ok(w, r, out)
	}
	sh, err := app.ImportTemplate(k)
	if err != nil {
		return err
	}
	return writeExport(w, r, app.Export{Sheet: sh, Name: app.FileName(string(k), "template")}, format)
}
