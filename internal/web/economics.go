package web

import (
	"net/http"
	"net/url"
	"strconv"

	"itinera"
)

// A program's local economic inputs (hotel nights, meals, local
// transport): the one figure of the reports the records cannot give, typed
// once per program on its own form.

func economicsFields() []field {
	return []field{
		{Name: "hotel_nights", Label: "Hotel nights", Type: "number", Min: "0", Max: "100000",
			Hint: "Nights the delegation (visitors and interpreters) spent in local hotels."},
		{Name: "hotel_amount", Label: "Hotel cost (dollars)", Type: "text", Autocomplete: "off", Hint: "For example 6750.00."},
		{Name: "meals", Label: "Meals", Type: "number", Min: "0", Max: "1000000", Hint: "Meals bought locally for the delegation."},
		{Name: "meals_amount", Label: "Meals cost (dollars)", Type: "text", Autocomplete: "off"},
		{Name: "transport_amount", Label: "Local transport cost (dollars)", Type: "text", Autocomplete: "off",
			Hint: "Van, taxis, public transport."},
		{Name: "note", Label: "Where the figures come from", Type: "textarea", Rows: 2},
	}
}

func economicsValues(e itinera.EconomicInputs) url.Values {
	v := url.Values{"hotel_nights": {strconv.Itoa(e.HotelNights)}, "hotel_amount": {itinera.AmountText(e.HotelCents)},
		"meals": {strconv.Itoa(e.Meals)}, "meals_amount": {itinera.AmountText(e.MealsCents)},
		"transport_amount": {itinera.AmountText(e.TransportCents)}, "note": {e.Note}}
	setVersion(v, e.Version)
	return v
}

func (ui *UI) economicsForm(w http.ResponseWriter, r *http.Request, s *session, p itinera.Program, st formState) {
	info := pageInfo{Title: "Local economic inputs", Nav: "programs", Crumbs: []crumb{programsCrumb, programCrumb(p)}}
	back := sectionPath(p.ID, "follow-up")
	fv := formView{Action: "/programs/" + itoa(p.ID) + "/economic-inputs", Submit: "Save the figures", Cancel: back,
		Intro: "What the visit brought to the city's economy, as your records say: the reports add these figures up for the year-end report. Leave a figure empty when you do not know it."}
	ui.renderForm(w, r, s, info, st, fv, economicsFields())
}

func (ui *UI) economicsEdit(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	e, err := ui.app.EconomicInputs(r.Context(), ui.caller(r, s), p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.economicsForm(w, r, s, p, formState{values: economicsValues(e)})
}

func (ui *UI) economicsUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	fr := newFormReader(r.PostForm)
	e := itinera.EconomicInputs{TenantID: s.User.TenantID, ProgramID: p.ID, Version: formVersion(r.PostForm),
		HotelNights: fr.int("hotel_nights", "Enter the hotel nights as a number, 0 or more."),
		HotelCents:  fr.amount("hotel_amount"), Meals: fr.int("meals", "Enter the meals as a number, 0 or more."),
		MealsCents: fr.amount("meals_amount"), TransportCents: fr.amount("transport_amount"), Note: fr.text("note")}
	err = write(fr.errs, e.Validate, "economic inputs", func() error {
		_, err := ui.app.SaveEconomicInputs(r.Context(), ui.caller(r, s), p.ID, e)
		return err
	})
	err = renameFields(err, map[string]string{"hotel_cents": "hotel_amount", "meals_cents": "meals_amount", "transport_cents": "transport_amount"})
	current := func() (url.Values, error) {
		cur, err := ui.app.EconomicInputs(r.Context(), ui.caller(r, s), p.ID)
		return economicsValues(cur), err
	}
	if ui.settleForm(w, r, s, err, economicsFields(), current, func(st formState) { ui.economicsForm(w, r, s, p, st) }) {
		ui.redirect(w, r, sectionPath(p.ID, "follow-up"), "The economic inputs were saved: the reports count them.")
	}
}
