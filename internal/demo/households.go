package demo

import (
	"slices"

	"itinera"
)

// Households returns the demo's volunteer host households for the Sunday
// home-hospitality evening, approved and not yet stored, with their homes:
// places[i] is the home of households[i]. All of them are fictional.
// Load does not store them yet; the hospitality capability will.
func Households() ([]itinera.HostHousehold, []itinera.Place) {
	d := mustData()
	hs := make([]itinera.HostHousehold, 0, len(d.Households))
	ps := make([]itinera.Place, 0, len(d.Households))
	for _, h := range d.Households {
		hs = append(hs, itinera.HostHousehold{
			Name:         h.Name,
			ContactName:  h.ContactName,
			Email:        h.Email,
			Phone:        h.Phone,
			Languages:    nonNil(h.Languages),
			CanServe:     nonNil(h.CanServe),
			Pets:         nonNil(h.Pets),
			Smoking:      h.Smoking,
			Stairs:       h.Stairs,
			Capacity:     h.Capacity,
			Availability: h.Availability,
			Note:         h.Note,
			Status:       itinera.HouseholdApproved,
		})
		ps = append(ps, itinera.Place{
			Name:    h.Home.Name,
			Kind:    itinera.PlaceHome,
			Address: h.Home.Address,
			Lat:     h.Home.Lat,
			Lon:     h.Home.Lon,
			Notes:   h.Home.Notes,
		})
	}
	return hs, ps
}

// HospitalityDay is the day offset from arrival of the home-hospitality
// evening (the Sunday).
func HospitalityDay() int { return mustData().Hospitality.Day }

// HospitalityPairs returns the pairs of visitors, by full name as
// itinera.Visitor.Name gives it, who should share a household (together) and
// who should not (apart) at the home-hospitality evening.
func HospitalityPairs() (together, apart [][2]string) {
	d := mustData()
	names := map[string]string{}
	for _, v := range d.Visitors {
		vv := itinera.Visitor{GivenName: v.GivenName, FamilyName: v.FamilyName}
		names[v.Key] = vv.Name()
	}
	conv := func(ps [][2]string) [][2]string {
		out := make([][2]string, 0, len(ps))
		for _, p := range ps {
			out = append(out, [2]string{names[p[0]], names[p[1]]})
		}
		return out
	}
	return conv(d.Hospitality.Together), conv(d.Hospitality.Apart)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}
