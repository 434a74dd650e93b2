package api

import (
	"net/http"

	"itinera"
)

// dayJSON is one program day and the limits its schedule keeps; times of
// day are HH:MM in the program's time zone.
type dayJSON struct {
	Date         string `json:"date"`
	Version      int    `json:"version"`
	Start        string `json:"start"`
	End          string `json:"end"`
	LunchFrom    string `json:"lunch_from"`
	LunchTo      string `json:"lunch_to"`
	LunchMinutes int    `json:"lunch_minutes"`
	MaxMeetings  int    `json:"max_meetings"`
	Note         string `json:"note"`
	TravelMode   string `json:"travel_mode"`
	// Together are the parts of the day the delegation stays together.
	Together []dayPartJSON `json:"together"`
}

// dayPartJSON is a part of a day together: HH:MM in the program's time
// zone (24:00 for midnight at the end of the day).
type dayPartJSON struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label"`
}

func dayPartsJSON(ps []itinera.DayPart) []dayPartJSON {
	return mapList(ps, func(p itinera.DayPart) dayPartJSON {
		return dayPartJSON{From: p.From.String(), To: p.To.String(), Label: p.Label}
	})
}

func parseDayParts(f itinera.FieldErrors, ps []dayPartJSON) []itinera.DayPart {
	return mapList(ps, func(p dayPartJSON) itinera.DayPart {
		return itinera.DayPart{From: parseClock(f, "together", p.From), To: parseClock(f, "together", p.To), Label: p.Label}
	})
}

// dayInput is the body of PUT /programs/{id}/days/{date}.
type dayInput struct {
	Start        string `json:"start"`
	End          string `json:"end"`
	LunchFrom    string `json:"lunch_from"`
	LunchTo      string `json:"lunch_to"`
	LunchMinutes int    `json:"lunch_minutes"`
	MaxMeetings  int    `json:"max_meetings"`
	Note         string `json:"note"`
	TravelMode   string `json:"travel_mode"`
	// Together nil (left out): none.
	Together []dayPartJSON `json:"together"`
}

func newDayJSON(d itinera.Day) dayJSON {
	return dayJSON{Date: d.Date.String(), Version: d.Version, Start: d.Start.String(), End: d.End.String(),
		LunchFrom: d.LunchFrom.String(), LunchTo: d.LunchTo.String(),
		LunchMinutes: d.LunchMinutes, MaxMeetings: d.MaxMeetings, Note: d.Note, TravelMode: string(d.TravelMode),
		Together: dayPartsJSON(d.Together)}
}

func (a *API) listDays(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	days, err := a.svc.Programs.Days(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return err
	}
	return listed(w, r, a, "days", days, dayKey, newDayJSON)
}

// day loads the program and the day named by the path.
func (a *API) day(r *http.Request, u itinera.User) (itinera.Program, itinera.Day, error) {
	p, err := a.program(r, u)
	if err != nil {
		return p, itinera.Day{}, err
	}
	date, err := itinera.ParseDate(r.PathValue("date"))
	if err != nil {
		return p, itinera.Day{}, itinera.Errorf(itinera.ENOTFOUND, "The program has no day %q; write dates as YYYY-MM-DD.", r.PathValue("date"))
	}
	days, err := a.svc.Programs.Days(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return p, itinera.Day{}, err
	}
	for _, d := range days {
		if d.Date == date {
			return p, d, nil
		}
	}
	return p, itinera.Day{}, itinera.Errorf(itinera.ENOTFOUND, "The program has no day %s: it runs from %s to %s.", date, p.StartDate, p.EndDate)
}

func (a *API) updateDay(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	return a.changeDay(w, r, u, false)
}

func (a *API) patchDay(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	return a.changeDay(w, r, u, true)
}

// changeDay replaces (PUT) or merges into (PATCH) the limits of a day.
func (a *API) changeDay(w http.ResponseWriter, r *http.Request, u itinera.User, patch bool) error {
	p, d, err := a.day(r, u)
	if err != nil {
		return err
	}
	if v, err := ifMatch(r); err != nil {
		return err
	} else if v != 0 && v != d.Version {
		return itinera.Stale("day", v, d.Version)
	}
	var in dayInput
	if patch {
		cur := dayInput{Start: d.Start.String(), End: d.End.String(), LunchFrom: d.LunchFrom.String(), LunchTo: d.LunchTo.String(),
			LunchMinutes: d.LunchMinutes, MaxMeetings: d.MaxMeetings, Note: d.Note, TravelMode: string(d.TravelMode),
			Together: dayPartsJSON(d.Together)}
		if err := decodePatch(w, r, cur, &in); err != nil {
			return err
		}
	} else if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	nd := itinera.Day{ProgramID: p.ID, Date: d.Date, Version: d.Version,
		Start: parseClock(f, "start", in.Start), End: parseClock(f, "end", in.End),
		LunchFrom: parseClock(f, "lunch_from", in.LunchFrom), LunchTo: parseClock(f, "lunch_to", in.LunchTo),
		LunchMinutes: in.LunchMinutes, MaxMeetings: in.MaxMeetings, Note: in.Note, TravelMode: itinera.TravelMode(in.TravelMode),
		Together: parseDayParts(f, in.Together)}
	if len(f) > 0 {
		return validate("day", f, &nd)
	}
	nd, err = a.app.UpdateDay(r.Context(), a.caller(r, u), nd)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(nd.Version))
	return a.ok(w, r, newDayJSON(nd))
}

// dayKey identifies a day of a program for paging: days since 1900.
func dayKey(d itinera.Day) int64 { return int64(itinera.MustDate("1900-01-01").DaysUntil(d.Date)) }
