// Package ical writes and reads iCalendar data (RFC 5545) for Itinera:
// invitations and cancellations sent to resources (iTIP, RFC 5546, carried
// by e-mail as in iMIP, RFC 6047), personal subscription feeds with the
// RFC 7986 calendar properties, and the REPLY and COUNTER answers calendar
// clients send back.
//
// The package is pure: it imports no database, network or clock. Callers
// pass every instant (DTSTAMP included) and the program's time zone; the
// writer emits the matching VTIMEZONE computed from Go's zone database, so
// clients show the same local times across daylight-saving changes.
package ical
