package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"itinera"
	"itinera/internal/geo"
)

// locate fills in a place's coordinates from its address when it has
// none: from the geocoder when one is set, else the officer is asked for
// a pin or the coordinates. The geocoder is asked before any transaction
// opens: it may take a second (its usage policy) and a write transaction
// must not wait on the network.
func (a *App) locate(ctx context.Context, p *itinera.Place) error {
	if p.Lat != 0 || p.Lon != 0 {
		if p.Source == "" {
			p.Source = itinera.FromTyped
		}
		return nil
	}
	found, err := a.lookUp(ctx, p.Address, "place", "Put the pin on the map, or give the latitude and longitude")
	if err != nil || found == nil {
		return err
	}
	p.Lat, p.Lon, p.Source = found.Lat, found.Lon, itinera.FromGeocoder
	return nil
}

// locateHome is locate for a household's home, given by its address on
// the host's sign-up or personal page.
func (a *App) locateHome(ctx context.Context, h *itinera.HostHousehold) error {
	if h.Lat != 0 || h.Lon != 0 {
		return nil
	}
	found, err := a.lookUp(ctx, h.Address, "household", "Put the pin on your home on the map")
	if err != nil || found == nil {
		return err
	}
	h.Lat, h.Lon = found.Lat, found.Lon
	return nil
}

// lookUp finds an address with the geocoder: nil without an address (the
// record's rules name it); a field error saying what to do instead (ask)
// without a geocoder, when the address is found nowhere, or when the
// geocoder fails.
func (a *App) lookUp(ctx context.Context, address, what, ask string) (*geo.Result, error) {
	if address == "" {
		return nil, nil
	}
	f := itinera.FieldErrors{}
	if a.geocoder == nil {
		f.Add("lat", ask+": no address lookup (geocoder) is set up here.")
		return nil, f.Err(what)
	}
	found, err := a.geocoder.Search(ctx, address)
	switch {
	case err != nil && ctx.Err() != nil:
		// The caller went away; a geocoder that did not answer in time
		// is named on the address like any failure (below).
		return nil, ctx.Err()
	case err != nil:
		a.log.WarnContext(ctx, "geocoder failed", "err", err)
		f.Add("address", "The address could not be looked up just now. "+ask+".")
		return nil, f.Err(what)
	case len(found) == 0:
		f.Add("address", fmt.Sprintf("No place was found at %q. Check the address (street, city, country). Or: %s.", address, strings.ToLower(ask[:1])+ask[1:]))
		return nil, f.Err(what)
	}
	return &found[0], nil
}

// Geocodes reports whether addresses are looked up here.
func (a *App) Geocodes() bool { return a.geocoder != nil }

// AddressMatch is one place an address may stand for, as the geocoder
// names it.
type AddressMatch struct {
	Label    string
	Lat, Lon float64
}

// MaxAddressMatches is the most places a lookup returns.
const MaxAddressMatches = geo.MaxResults

// LookUpAddress finds the places an address may stand for, best first and
// at most MaxAddressMatches, for the officer to choose the one meant when
// the geocoder finds several. None found is an empty list. Nothing is
// written (the geocoder keeps its answers). Without a geocoder, or when it
// fails, the error names the address field and says to put the pin on the
// map instead.
func (a *App) LookUpAddress(ctx context.Context, c Caller, address string) ([]AddressMatch, error) {
	if err := mustSignIn(c); err != nil {
		return nil, err
	}
	return a.matches(ctx, address, "put the pin on the map")
}

// LookUpHomeAddress is LookUpAddress for a household on the sign-up page
// of the organization with the given slug.
func (a *App) LookUpHomeAddress(ctx context.Context, slug, address string) ([]AddressMatch, error) {
	// Only an organization's own sign-up page may have an address looked up.
	if _, err := a.s.Accounts.TenantBySlug(ctx, slug); err != nil {
		return nil, err
	}
	return a.matches(ctx, address, "put the pin on your home on the map")
}

// LookUpHomeAddressByLink is LookUpAddress for a household on its
// personal page, whose link's token hashes to tokenHash.
func (a *App) LookUpHomeAddressByLink(ctx context.Context, tokenHash, address string) ([]AddressMatch, error) {
	// Only a working link may have an address looked up.
	if _, err := a.s.Hospitality.HouseholdByToken(ctx, tokenHash); err != nil {
		return nil, err
	}
	return a.matches(ctx, address, "put the pin on your home on the map")
}

// matches asks the geocoder for address; instead says what to do when it
// cannot ("put the pin on the map").
func (a *App) matches(ctx context.Context, address, instead string) ([]AddressMatch, error) {
	f := itinera.FieldErrors{}
	itinera.CheckAddress(f, "address", &address)
	if address == "" && len(f) == 0 {
		f.Add("address", "Enter the address to look up: the street and number, the city and the country.")
	}
	if len(f) == 0 && a.geocoder == nil {
		f.Add("address", "No address lookup (geocoder) is set up here: "+instead+".")
	}
	if len(f) > 0 {
		return nil, lookUpErr(f)
	}
	found, err := a.geocoder.Search(ctx, address)
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, err // the caller went away; a geocoder that timed out is a failure below
	case errors.Is(err, geo.ErrQueryTooLong):
		f.Add("address", "This address is too long to look up: give the street and number, the city and the country.")
		return nil, lookUpErr(f)
	case err != nil:
		a.log.WarnContext(ctx, "geocoder failed", "err", err)
		f.Add("address", "The address could not be looked up just now. Try again in a moment, or "+instead+".")
		return nil, lookUpErr(f)
	}
	out := make([]AddressMatch, 0, min(len(found), MaxAddressMatches))
	for _, r := range found[:min(len(found), MaxAddressMatches)] {
		out = append(out, AddressMatch{Label: r.Label, Lat: r.Lat, Lon: r.Lon})
	}
	return out, nil
}

// lookUpErr is the error of a lookup that could not be made.
func lookUpErr(f itinera.FieldErrors) error {
	return &itinera.Error{Code: itinera.EINVALID, Message: "The address could not be looked up.", Fields: map[string]string(f)}
}
