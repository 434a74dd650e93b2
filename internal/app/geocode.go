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
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return nil, err
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
