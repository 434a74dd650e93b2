package app

import (
	"context"
	"errors"
	"fmt"

	"itinera"
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
	if p.Address == "" {
		return nil // Validate names the missing address
	}
	f := itinera.FieldErrors{}
	if a.geocoder == nil {
		f.Add("lat", "Put the pin on the map, or give the latitude and longitude: no address lookup (geocoder) is set up here.")
		return f.Err("place")
	}
	found, err := a.geocoder.Search(ctx, p.Address)
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return err
	case err != nil:
		a.log.WarnContext(ctx, "geocoder failed", "err", err)
		f.Add("address", "The address could not be looked up just now. Put the pin on the map, or give the latitude and longitude.")
		return f.Err("place")
	case len(found) == 0:
		f.Add("address", fmt.Sprintf("No place was found at %q. Check the address (street, city, country), or put the pin on the map.", p.Address))
		return f.Err("place")
	}
	p.Lat, p.Lon, p.Source = found[0].Lat, found[0].Lon, itinera.FromGeocoder
	return nil
}

// Geocodes reports whether addresses are looked up here.
func (a *App) Geocodes() bool { return a.geocoder != nil }
