package demo

import (
	"time"
	_ "time/tzdata" // the demo must find America/Chicago on hosts without a zone database

	"itinera"
)

// Tenant returns the community organization the demo program belongs to.
// Its ID is zero: the caller creates it.
func Tenant() itinera.Tenant {
	t := mustData().Tenant
	return itinera.Tenant{Slug: t.Slug, Name: t.Name, TimeZone: t.TimeZone}
}

// ProgramTitle is the title of the demo program.
func ProgramTitle() string { return mustData().Program.Title }

// location returns the demo program's time zone.
func location() (*time.Location, error) {
	return itinera.LoadZone(mustData().Program.TimeZone)
}

// StartDate returns the demo program's arrival day for a database created at
// created: the first Saturday at least 14 days later, counted in the
// program's time zone, so the demo program is always upcoming.
func StartDate(created time.Time) itinera.Date {
	loc, err := location()
	if err != nil {
		loc = time.UTC // unreachable: the zone is embedded and tested
	}
	d := itinera.DateOf(created.In(loc)).AddDays(14)
	for d.Weekday() != time.Saturday {
		d = d.AddDays(1)
	}
	return d
}
