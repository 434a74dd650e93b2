package web

import (
	"fmt"
	"net/http"
	"strconv"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/planning"
)

// Moving an item of the itinerary: the week view's drag and drop and its
// Move forms both open the check (GET, nothing saved), which explains the
// move in plain words or says why it is refused; saving it (POST) checks
// it again and stores the next itinerary version.

type moveView struct {
	Tabs    sectionNav
	P       itinera.Program
	Zone    string
	Items   []option // the itinerary's items, for the form without an item
	Dates   []option
	Key     string
	Date    string
	Time    string
	Version int
	Check   *planning.MoveCheck
	Error   string // the request could not be checked (no such item, no program day)
	Current bool   // the program has an itinerary
	Was     string // the checked item's time now
}

// readMove reads the move of a form: item key, date and time in the
// program's zone, and the itinerary version it was made on.
func readMove(r *http.Request, p itinera.Program) (app.Move, itinera.FieldErrors) {
	get := r.FormValue
	f := itinera.FieldErrors{}
	mv := app.Move{Key: get("item")}
	mv.Version, _ = strconv.Atoi(get("version"))
	if _, _, ok := planning.ParseItemKey(mv.Key); !ok {
		f.Add("item", "Choose the item to move.")
	}
	d, err := itinera.ParseDate(get("date"))
	if err != nil {
		f.Add("date", "Give the day, such as 2026-12-07.")
	}
	c, err := itinera.ParseClock(get("time"))
	if err != nil {
		f.Add("time", "Give the start time, such as 14:00.")
	}
	if len(f) == 0 {
		mv.Start = d.At(c, p.Location())
	}
	return mv, f
}

func (ui *UI) moveView(r *http.Request, s *session, p itinera.Program) (moveView, error) {
	v := moveView{Tabs: programTabs(p.ID, "itinerary"), P: p, Zone: p.ZoneLabel(),
		Key: r.FormValue("item"), Date: r.FormValue("date"), Time: r.FormValue("time")}
	wv, err := ui.weekView(r, s, p)
	if err != nil {
		return v, err
	}
	v.Dates = wv.Dates
	if wv.Itinerary != nil {
		v.Current, v.Version = true, wv.Itinerary.Version
	}
	for _, d := range wv.Days {
		for _, x := range d.Items {
			v.Items = append(v.Items, option{Value: x.Key, Label: d.Short + " " + x.Start + " " + x.Title})
			if x.Key == v.Key && v.Date == "" {
				v.Date, v.Time = x.Date, x.Start
			}
		}
	}
	return v, nil
}

func moveInfo(p itinera.Program) pageInfo {
	info := sectionInfo(p, "itinerary")
	info.Title = "Move an item · " + p.Title
	info.Crumbs = append(info.Crumbs, crumb{Href: sectionPath(p.ID, "itinerary"), Label: "Itinerary"})
	return info
}

// itemMoveCheck checks a move and explains it; nothing is saved.
func (ui *UI) itemMoveCheck(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v, err := ui.moveView(r, s, p)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	status := http.StatusOK
	if r.FormValue("item") != "" && r.FormValue("time") != "" {
		mv, fe := readMove(r, p)
		if len(fe) > 0 {
			v.Error, status = firstMessage(fe), http.StatusUnprocessableEntity
		} else if mc, err := ui.app.CheckMove(r.Context(), ui.caller(r, s), p.ID, mv); err == nil {
			v.Check = &mc
			v.Was = windowLabel(itinera.Window{Start: mc.Was.Start, End: mc.Was.End}, p.Location())
		} else if itinera.ErrorCode(err) == itinera.EINVALID {
			v.Error, status = itinera.ErrorMessage(err), http.StatusUnprocessableEntity
			if fe := itinera.ErrorFields(err); len(fe) > 0 {
				v.Error = firstMessage(fe)
			}
		} else {
			ui.fail(w, r, s, err)
			return
		}
		if mv.Version != 0 {
			v.Version = mv.Version
		}
	}
	ui.render(w, r, s, status, "move", moveInfo(p), v)
}

// itemMove saves a move as the next itinerary version and goes back to the
// week, at the moved item.
func (ui *UI) itemMove(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	mv, fe := readMove(r, p)
	if len(fe) == 0 {
		var out app.Moved
		out, err = ui.app.MoveItem(r.Context(), ui.caller(r, s), p.ID, mv)
		if err == nil {
			msg := fmt.Sprintf("Itinerary version %d saved. %s", out.Itinerary.Version, out.Check.Explanation)
			if out.Notified > 0 {
				msg = fmt.Sprintf("Itinerary version %d saved; the resource receives an updated invitation in the outbox.", out.Itinerary.Version)
			}
			ui.redirect(w, r, programLink(p, "item-"+mv.Key), clip(msg, 280))
			return
		}
	}
	v, verr := ui.moveView(r, s, p)
	if verr != nil {
		ui.fail(w, r, s, verr)
		return
	}
	status := http.StatusUnprocessableEntity
	switch {
	case len(fe) > 0:
		v.Error = firstMessage(fe)
	case itinera.ErrorCode(err) == itinera.EINVALID || itinera.ErrorCode(err) == itinera.ECONFLICT:
		v.Error = itinera.ErrorMessage(err)
		if itinera.ErrorCode(err) == itinera.ECONFLICT {
			status = http.StatusConflict
		}
	default:
		ui.fail(w, r, s, err)
		return
	}
	ui.render(w, r, s, status, "move", moveInfo(p), v)
}
