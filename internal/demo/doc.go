// Package demo holds the embedded demo program of Itinera and its loader: the
// St. Louis stop of the IVLP project "Combating Trafficking in Persons" that
// the seed report describes, with a directory of real places and resource
// organizations, nine fictional visitors from nine countries, one
// interpreter, more candidate meetings than fit, and an initial itinerary that
// reproduces the report's days; itinera demo (LoadAll) then applies the
// sub-group planner's Tuesday (ApplySplit): the delegation splits for the
// afternoon, the interpreter with the group that needs her. The program is the St. Louis stop of the
// project's route as a fictional national agency designed it (project.go,
// loaded through the application layer: LoadProject, then LoadInto fills
// the stop's program; LoadAll loads everything as itinera demo does).
//
// # Data format
//
// The data is one JSON document, demo.json, embedded in the binary. Records
// refer to each other by "key", a short name unique within its list; keys
// never reach the database. Unknown fields are an error, so a typo fails the
// package's tests rather than silently dropping data.
//
// Dates are never written in the file: every date is a day offset from the
// arrival day ("day": 0 is the arrival Saturday, 1 the Sunday, …), and every
// time is a local clock time "HH:MM" in the program's time zone. Load turns
// them into instants with [itinera.Date.At] once the start date is known, so
// the demo program is always upcoming (see [StartDate]).
//
//	tenant        {slug, name, time_zone}
//	places        [{key, name, kind, address, lat, lon, notes}]
//	              kind is an itinera.PlaceKind (venue, office, hotel, site, home)
//	organizations [{key, name, kind, description, website, place, topics}]
//	              kind is an itinera.OrganizationKind; place is a place key
//	              (optional); topics are topic names, created on first use
//	contacts      [{key, organization, name, title, email, phone, notes}]
//	program       {title, project_type, description, objectives, city,
//	               time_zone, hotel, departure_day}
//	              hotel is a place key; departure_day the offset of the last day
//	days          [{day, start, end, lunch_from, lunch_to, lunch_minutes,
//	               max_meetings, note, together}]   the limits of each
//	              program day; no lunch_minutes: no lunch break; together:
//	              the parts of the day the delegation stays together, each
//	              written HH:MM-HH:MM and a label
//	visitors      [{key, given_name, family_name, country, position,
//	               organization, email, languages, diets, allergies,
//	               access_needs, interests}]   all loaded as fictional
//	interpreters  [{key, name, email, phone, languages}]
//	meetings      [{key, title, host, contact, partners, place, topics,
//	               duration_minutes, audience, for, min_visitors,
//	               max_visitors, languages, priority, mandatory, status,
//	               windows, notes}]
//	              host and partners are organization keys, contact a contact
//	              key, place a place key; windows are
//	              [{day, from, to}] availability windows; for is whom it is
//	              for (everyone when left out, subgroup); languages are
//	              codes of itinera.Languages
//	activities    [{key, title, kind, place, topics, duration_minutes,
//	               priority, mandatory, status, windows, notes}]
//	itinerary     {note, items: [{day, meeting | activity, start}]}
//	              the initial itinerary: an item lasts its record's duration;
//	              the travel before it is estimated from coordinates
//	hospitality   {day, together, apart}   pairs of visitor keys for the
//	              home-hospitality matching
//	households    [{key, name, contact_name, email, phone,
//	               home: {name, address, lat, lon, notes}, languages,
//	               can_serve, pets, smoking, stairs, capacity, availability,
//	               note}]   volunteer host households, fictional
//
// # Honesty of the data
//
// Places, organizations and their addresses are real as far as we know them;
// a place note says so where an address or coordinates are uncertain or
// approximate. Dr. Rumi Price and Shima Rostami are named as the seed report
// names them; their e-mail addresses are placeholders. Every other person is
// fictional and says so, and every e-mail address uses an example domain.
package demo
