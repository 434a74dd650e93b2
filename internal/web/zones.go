package web

import (
	_ "embed"
	"strings"
)

// zones.txt lists the IANA time zones people choose from (the tz
// database's zone1970.tab, plus UTC), for the time-zone fields' search
// list; the server still checks any name with itinera.LoadZone.
//
//go:embed zones.txt
var zonesFile string

// zoneNames are the time zones offered, sorted.
func zoneNames() []string { return strings.Fields(zonesFile) }
