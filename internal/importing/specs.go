package importing

import (
	"fmt"
	"strings"

	"itinera"
)

// The kinds. The external id column comes first and is the caller's to
// read and write (it is not a field of the record); Get and Set of the
// others read and write the record.

func external[T any]() Column[T] { return Column[T]{Field: externalID} }

// Visitors is the delegation's roster.
func Visitors() Spec[itinera.Visitor] {
	type V = itinera.Visitor
	return Spec[V]{Kind: itinera.ImportVisitors, ByName: "name and country",
		Email: func(v *V) string { return v.Email },
		NameKey: func(v *V, _ *Env) string {
			return NameKey(v.GivenName+" "+v.FamilyName) + "|" + NameKey(v.Country)
		},
		Columns: []Column[V]{
			external[V](),
			text(Field{Key: "given_name", Label: "Given name", Required: true, Example: "Amara", Synonyms: []string{"given names", "first name",
				"first names", "forename", "forenames", "prénom", "prénoms", "nombre", "nombres", "vorname", "name first", "first"}},
				func(v *V) *string { return &v.GivenName }),
			text(Field{Key: "family_name", Label: "Family name", Example: "Okonkwo", Synonyms: []string{"family names", "last name", "surname",
				"surnames", "nom", "nom de famille", "apellido", "apellidos", "nachname", "name last", "last"}},
				func(v *V) *string { return &v.FamilyName }),
			text(Field{Key: "country", Label: "Country", Required: true, Example: "Nigeria", Synonyms: []string{"nationality", "citizenship",
				"home country", "country of residence", "pays", "país", "land"}}, func(v *V) *string { return &v.Country }),
			text(Field{Key: "position", Label: "Position", Example: "Prosecutor", Synonyms: []string{"job title", "title", "occupation",
				"profession", "function", "current position", "poste", "fonction", "cargo", "beruf"}}, func(v *V) *string { return &v.Position }),
			text(Field{Key: "organization", Label: "Organization", Example: "Federal Ministry of Justice", Synonyms: []string{"organisation",
				"employer", "institution", "agency", "organization institution", "organisme", "organización", "organização"}},
				func(v *V) *string { return &v.Organization }),
			text(emailField, func(v *V) *string { return &v.Email }),
			list(Field{Key: "languages", Label: "Languages", Required: true, Synonyms: languagesField.Synonyms, Help: languagesField.Help,
				Example: "English; Igbo"}, func(v *V) *[]string { return &v.Languages }),
			list(Field{Key: "diets", Label: "Diets", Example: "vegetarian", Values: []string{"vegetarian", "vegan", "halal", "kosher",
				"gluten-free", "no pork", "no alcohol", "no beef"}, Synonyms: []string{"diet", "dietary needs", "dietary requirements",
				"dietary restrictions", "food", "régime", "dieta"}, Help: "Separate several with semicolons."},
				func(v *V) *[]string { return &v.Diets }),
			list(Field{Key: "allergies", Label: "Allergies", Synonyms: []string{"allergy", "allergic to", "allergies food", "allergènes"},
				Example: "peanuts", Help: "Foods, animals (cats, dogs) and smoke; separate several with semicolons."},
				func(v *V) *[]string { return &v.Allergies }),
			text(Field{Key: "access_needs", Label: "Access needs", Synonyms: []string{"accessibility", "access", "mobility", "special needs",
				"disability", "accessibility needs"}}, func(v *V) *string { return &v.AccessNeeds }),
			list(Field{Key: "interests", Label: "Interests", Synonyms: []string{"topics", "areas of interest", "professional interests",
				"intérêts", "intereses"}, Help: topicsHelp, Example: "victim services"}, func(v *V) *[]string { return &v.Interests }),
			// Last, so that the columns of earlier templates keep their places.
			text(Field{Key: "sector", Label: "Sector", Example: "Government", Synonyms: []string{"field", "field of work", "professional sector",
				"area of work", "secteur", "sector profesional", "setor", "branche"}}, func(v *V) *string { return &v.Sector }),
		}}
}

// Interpreters accompany the delegation.
func Interpreters() Spec[itinera.Interpreter] {
	type I = itinera.Interpreter
	return Spec[I]{Kind: itinera.ImportInterpreters, ByName: "name",
		Email:   func(i *I) string { return i.Email },
		NameKey: func(i *I, _ *Env) string { return NameKey(i.Name) },
		Columns: []Column[I]{
			external[I](),
			text(Field{Key: "name", Label: "Name", Required: true, Example: "Marie Dubois", Synonyms: []string{"full name", "interpreter",
				"interpreter name", "nom", "nombre"}}, func(i *I) *string { return &i.Name }),
			text(emailField, func(i *I) *string { return &i.Email }),
			text(phoneField, func(i *I) *string { return &i.Phone }),
			list(Field{Key: "languages", Label: "Languages", Required: true, Synonyms: append([]string{"language pairs", "language pair",
				"working languages"}, languagesField.Synonyms...), Help: "The languages they work between, separated by semicolons.",
				Example: "English; French"}, func(i *I) *[]string { return &i.Languages }),
		}}
}

// Organizations are the directory's resource organizations.
func Organizations() Spec[itinera.Organization] {
	type O = itinera.Organization
	return Spec[O]{Kind: itinera.ImportOrganizations, ByName: "name",
		NameKey: func(o *O, _ *Env) string { return NameKey(o.Name) },
		Columns: []Column[O]{
			external[O](),
			text(Field{Key: "name", Label: "Name", Required: true, Example: "Office of the Circuit Attorney", Synonyms: []string{"organization",
				"organisation", "organization name", "organisation name", "nom", "nombre"}}, func(o *O) *string { return &o.Name }),
			choice(Field{Key: "kind", Label: "Kind", Synonyms: []string{"type", "sector", "category", "organization type"}, Example: "government"},
				itinera.OrganizationKinds, func(o *O) *itinera.OrganizationKind { return &o.Kind }),
			text(Field{Key: "description", Label: "Description", Synonyms: []string{"about", "profile", "mission", "summary"}},
				func(o *O) *string { return &o.Description }),
			text(Field{Key: "website", Label: "Website", Synonyms: []string{"web site", "web", "url", "homepage", "site", "site web"},
				Example: "https://example.org"}, func(o *O) *string { return &o.Website }),
			text(emailField, func(o *O) *string { return &o.Email }),
			text(phoneField, func(o *O) *string { return &o.Phone }),
			{Field: Field{Key: "place", Label: "Usual place", Synonyms: []string{"place", "venue", "location", "office"},
				Help: "The name of a place of the directory where it usually receives visitors; or leave it empty and give the address."},
				Get: func(o *O, _ *Env) string { return o.PlaceName },
				Set: func(o *O, c string, e *Env) error { return ref(&o.PlaceID, &o.PlaceName, c, e.Places) }},
			{Field: Field{Key: "address", Label: "Address", Synonyms: addressField.Synonyms, Example: addressField.Example,
				Help: "The street address of its office, added to the directory's places, with its latitude and longitude " +
					"(an import does not look addresses up)."},
				Get: func(o *O, _ *Env) string { return o.Address },
				Set: func(o *O, c string, _ *Env) error {
					switch {
					case c == "" && o.PlaceID != 0:
						return nil // the office is the place the place column (or the record) names
					case !itinera.SameAddress(c, o.Address):
						o.Lat, o.Lon, o.Source = 0, 0, "" // those of the old address
					}
					o.Address = c
					return nil
				}},
			coordinate(Field{Key: "lat", Label: "Latitude", Synonyms: latField.Synonyms, Example: latField.Example},
				func(o *O) (*float64, *itinera.CoordinatesSource) { return &o.Lat, &o.Source }),
			coordinate(Field{Key: "lon", Label: "Longitude", Synonyms: lonField.Synonyms, Example: lonField.Example},
				func(o *O) (*float64, *itinera.CoordinatesSource) { return &o.Lon, &o.Source }),
			list(Field{Key: "topics", Label: "Topics", Synonyms: []string{"expertise", "areas", "subjects", "areas of expertise", "themes"},
				Help: topicsHelp, Example: "victim services"}, func(o *O) *[]string { return &o.Topics }),
		}}
}

// ref reads the name of a directory record into its id and name.
func ref(id *int64, name *string, c string, n *Names) error {
	*id, *name = 0, c
	if c == "" {
		return nil
	}
	x, err := n.Find(c)
	*id = x
	return capital(err)
}

func capital(err error) error {
	if err == nil {
		return nil
	}
	s := err.Error()
	return fmt.Errorf("%s", strings.ToUpper(s[:1])+s[1:])
}

// Contacts are the people of the directory's organizations.
func Contacts() Spec[itinera.Contact] {
	type C = itinera.Contact
	return Spec[C]{Kind: itinera.ImportContacts, ByName: "name and organization",
		Email:   func(c *C) string { return c.Email },
		NameKey: func(c *C, _ *Env) string { return NameKey(c.Name) + "|" + fmt.Sprint(c.OrganizationID) },
		Columns: []Column[C]{
			external[C](),
			{Field: Field{Key: "organization", Label: "Organization", Required: true, Example: "Office of the Circuit Attorney",
				Synonyms: []string{"organisation", "organization name", "employer", "company", "agency", "institution"},
				Help:     "The name of an organization of the directory."},
				Get: func(c *C, _ *Env) string { return c.OrganizationName },
				Set: func(c *C, v string, e *Env) error { return ref(&c.OrganizationID, &c.OrganizationName, v, e.Orgs) }},
			text(Field{Key: "name", Label: "Name", Required: true, Example: "Jordan Ellis", Synonyms: []string{"full name", "contact",
				"contact name", "person", "nom", "nombre"}}, func(c *C) *string { return &c.Name }),
			text(Field{Key: "title", Label: "Title", Example: "Assistant Circuit Attorney", Synonyms: []string{"job title", "position", "role",
				"function"}}, func(c *C) *string { return &c.Title }),
			text(emailField, func(c *C) *string { return &c.Email }),
			text(phoneField, func(c *C) *string { return &c.Phone }),
			text(notesField, func(c *C) *string { return &c.Notes }),
		}}
}

var (
	addressField = Field{Key: "address", Label: "Address", Required: true, Synonyms: []string{"street address", "full address", "adresse",
		"dirección", "direccion", "anschrift"}, Example: "1114 Market St, St. Louis, MO 63101"}
	latField = Field{Key: "lat", Label: "Latitude", Required: true, Synonyms: []string{"lat", "y"}, Example: "38.6270"}
	lonField = Field{Key: "lon", Label: "Longitude", Required: true, Synonyms: []string{"lon", "lng", "long", "x"}, Example: "-90.1994"}
)

// Places are the directory's venues, offices, hotels and sites.
func Places() Spec[itinera.Place] {
	type P = itinera.Place
	return Spec[P]{Kind: itinera.ImportPlaces, ByName: "name",
		NameKey: func(p *P, _ *Env) string { return NameKey(p.Name) },
		Columns: []Column[P]{
			external[P](),
			text(Field{Key: "name", Label: "Name", Required: true, Example: "Civil Courts Building", Synonyms: []string{"place", "venue",
				"place name", "location", "nom", "nombre"}}, func(p *P) *string { return &p.Name }),
			choice(Field{Key: "kind", Label: "Kind", Required: true, Synonyms: []string{"type", "category"}, Example: "venue"},
				itinera.PlaceKinds, func(p *P) *itinera.PlaceKind { return &p.Kind }),
			text(addressField, func(p *P) *string { return &p.Address }),
			decimal(latField, func(p *P) *float64 { return &p.Lat }),
			decimal(lonField, func(p *P) *float64 { return &p.Lon }),
			text(notesField, func(p *P) *string { return &p.Notes }),
		}}
}

// Households are the volunteer host households.
func Households() Spec[itinera.HostHousehold] {
	type H = itinera.HostHousehold
	return Spec[H]{Kind: itinera.ImportHouseholds, ByName: "name",
		Email:   func(h *H) string { return h.Email },
		NameKey: func(h *H, _ *Env) string { return NameKey(h.Name) },
		Columns: []Column[H]{
			external[H](),
			text(Field{Key: "name", Label: "Household", Required: true, Example: "The Brennan household", Synonyms: []string{"name",
				"household name", "family", "host family", "hosts"}}, func(h *H) *string { return &h.Name }),
			text(Field{Key: "contact_name", Label: "Contact name", Required: true, Example: "Pat Brennan", Synonyms: []string{"contact",
				"host", "host name", "contact person", "primary contact"}}, func(h *H) *string { return &h.ContactName }),
			text(Field{Key: "email", Label: "E-mail", Required: true, Synonyms: emailField.Synonyms, Example: "pat@example.org"},
				func(h *H) *string { return &h.Email }),
			text(phoneField, func(h *H) *string { return &h.Phone }),
			text(addressField, func(h *H) *string { return &h.Address }),
			decimal(latField, func(h *H) *float64 { return &h.Lat }),
			decimal(lonField, func(h *H) *float64 { return &h.Lon }),
			list(Field{Key: "languages", Label: "Languages", Required: true, Synonyms: languagesField.Synonyms, Help: languagesField.Help,
				Example: "English; Spanish"}, func(h *H) *[]string { return &h.Languages }),
			list(Field{Key: "can_serve", Label: "Can cook for", Synonyms: []string{"can serve", "diets", "diets served", "can cook",
				"dietary"}, Help: "Diets the household can cook for, separated by semicolons.", Example: "vegetarian; halal"},
				func(h *H) *[]string { return &h.CanServe }),
			list(Field{Key: "pets", Label: "Pets", Synonyms: []string{"animals", "pet"}, Example: "cat"}, func(h *H) *[]string { return &h.Pets }),
			list(Field{Key: "interests", Label: "Interests", Synonyms: []string{"professional interests", "topics"}, Help: topicsHelp},
				func(h *H) *[]string { return &h.Interests }),
			flag(Field{Key: "smoking", Label: "Smoking", Synonyms: []string{"smokers", "smoker", "smoking household"}, Example: "no"},
				func(h *H) *bool { return &h.Smoking }),
			flag(Field{Key: "stairs", Label: "Stairs", Synonyms: []string{"steps", "stairs at entrance"}, Example: "no"},
				func(h *H) *bool { return &h.Stairs }),
			number(Field{Key: "capacity", Label: "Guests", Required: true, Synonyms: []string{"capacity", "seats", "max guests",
				"number of guests", "guests max"}, Example: "3"}, func(h *H) *int { return &h.Capacity }),
			text(Field{Key: "availability", Label: "Availability", Synonyms: []string{"usually free", "when free"}},
				func(h *H) *string { return &h.Availability }),
			{Field: Field{Key: "free_dates", Label: "Free dates", Synonyms: []string{"dates", "dates available", "available dates"},
				Help: "Dates as YYYY-MM-DD, separated by semicolons.", Example: "2027-03-03; 2027-03-05"},
				Get: func(h *H, _ *Env) string { return datesCell(h.FreeDates) },
				Set: func(h *H, c string, _ *Env) error {
					ds, err := parseDates(c)
					h.FreeDates = ds
					return err
				}},
			{Field: Field{Key: "free_weekdays", Label: "Free weekdays", Synonyms: []string{"weekdays", "days", "days available"},
				Help: "Days of the week, separated by semicolons.", Example: "Friday; Saturday"},
				Get: func(h *H, _ *Env) string { return weekdaysCell(h.FreeWeekdays) },
				Set: func(h *H, c string, _ *Env) error {
					ws, err := parseWeekdays(c)
					h.FreeWeekdays = ws
					return err
				}},
			text(Field{Key: "note", Label: "Note", Synonyms: []string{"notes", "comments", "comment"}}, func(h *H) *string { return &h.Note }),
			choice(Field{Key: "status", Label: "Status", Synonyms: []string{"state"}, Example: "approved",
				Help: "approved when left empty for a new household."}, itinera.HouseholdStatuses,
				func(h *H) *itinera.HouseholdStatus { return &h.Status }),
		}}
}

// Meetings are a program's candidate meetings.
func Meetings() Spec[itinera.Meeting] {
	type M = itinera.Meeting
	return Spec[M]{Kind: itinera.ImportMeetings, ByName: "title and host organization",
		NameKey: func(m *M, _ *Env) string { return NameKey(m.Title) + "|" + fmt.Sprint(m.HostOrganizationID) },
		Columns: []Column[M]{
			external[M](),
			text(Field{Key: "title", Label: "Title", Required: true, Example: "Prosecuting trafficking cases", Synonyms: []string{"meeting",
				"subject", "meeting title", "name"}}, func(m *M) *string { return &m.Title }),
			{Field: Field{Key: "host_organization", Label: "Host organization", Required: true, Example: "Office of the Circuit Attorney",
				Synonyms: []string{"host", "organization", "organisation", "resource", "host organisation", "resource organization"},
				Help:     "The name of an organization of the directory."},
				Get: func(m *M, _ *Env) string { return m.HostOrganizationName },
				Set: func(m *M, c string, e *Env) error {
					if c == "" {
						m.HostOrganizationID, m.HostOrganizationName = 0, ""
						return nil
					}
					return ref(&m.HostOrganizationID, &m.HostOrganizationName, c, e.Orgs)
				}},
			{Field: Field{Key: "contact", Label: "Contact", Synonyms: []string{"contact name", "resource person", "speaker", "host contact"},
				Help: "The name of a contact of the host organization."},
				Get: func(m *M, _ *Env) string { return m.ContactName },
				Set: func(m *M, c string, e *Env) error {
					if c == "" || m.HostOrganizationID == 0 {
						m.ContactID, m.ContactName = 0, c
						return nil
					}
					err := ref(&m.ContactID, &m.ContactName, c, e.Contact(m.HostOrganizationID))
					if err != nil {
						return fmt.Errorf("%q is not a contact of %s in the directory; add them first.", c, m.HostOrganizationName)
					}
					return nil
				}},
			{Field: Field{Key: "partner_organizations", Label: "Partner organizations", Synonyms: []string{"partners", "partner",
				"partner organisations", "with"}, Help: "Names of organizations of the directory, separated by semicolons."},
				Get: func(m *M, _ *Env) string { return joinCell(m.PartnerOrganizations) },
				Set: func(m *M, c string, e *Env) error {
					m.PartnerOrganizationIDs, m.PartnerOrganizations = nil, nil
					var bad []string
					for _, n := range splitCell(c) {
						id, err := e.Orgs.Find(n)
						if err != nil {
							bad = append(bad, capital(err).Error())
							continue
						}
						m.PartnerOrganizationIDs = append(m.PartnerOrganizationIDs, id)
						m.PartnerOrganizations = append(m.PartnerOrganizations, e.Orgs.Name(id))
					}
					if bad != nil {
						return fmt.Errorf("%s", strings.Join(bad, " "))
					}
					return nil
				}},
			{Field: Field{Key: "place", Label: "Place", Synonyms: []string{"venue", "location", "where"},
				Help: "The name of a place of the directory; empty: at the host's office."},
				Get: func(m *M, _ *Env) string { return m.PlaceName },
				Set: func(m *M, c string, e *Env) error { return ref(&m.PlaceID, &m.PlaceName, c, e.Places) }},
			list(Field{Key: "topics", Label: "Topics", Synonyms: []string{"topic", "themes", "subjects", "objectives"}, Help: topicsHelp,
				Example: "prosecution"}, func(m *M) *[]string { return &m.Topics }),
			{Field: Field{Key: "duration_minutes", Label: "Minutes", Required: true, Synonyms: []string{"duration", "duration minutes",
				"length", "minutes", "duration (min)", "durée"}, Example: "60", Help: "How long the meeting lasts, in minutes (or 1h30)."},
				Get: func(m *M, _ *Env) string { return fmt.Sprint(m.DurationMinutes) },
				Set: func(m *M, c string, _ *Env) error {
					n, err := parseDuration(c)
					m.DurationMinutes = n
					return err
				}},
			text(Field{Key: "audience", Label: "Audience", Synonyms: []string{"for", "participants", "who"}},
				func(m *M) *string { return &m.Audience }),
			number(Field{Key: "priority", Label: "Priority", Synonyms: []string{"importance", "rank"}, Values: []string{"1", "2", "3", "4", "5"},
				Example: "3", Help: "1 (nice to have) to 5 (essential); 3 when empty."}, func(m *M) *int { return &m.Priority }),
			flag(Field{Key: "mandatory", Label: "Mandatory", Synonyms: []string{"required", "must have", "essential"}, Example: "no"},
				func(m *M) *bool { return &m.Mandatory }),
			{Field: Field{Key: "windows", Label: "Availability windows", Synonyms: []string{"windows", "availability", "available",
				"times", "when", "time windows", "disponibilités"}, Example: "2027-03-02 09:00-12:00; 2027-03-03 14:00-17:00",
				Help: "When the resource can receive the delegation, in the program's time zone: YYYY-MM-DD HH:MM-HH:MM, separated by semicolons."},
				Get: func(m *M, e *Env) string {
					out := make([]string, len(m.Windows))
					for i, w := range m.Windows {
						out[i] = itinera.WindowText(w, e.Program.Location())
					}
					return strings.Join(out, "; ")
				},
				Set: func(m *M, c string, e *Env) error { return setWindows(m, c, e) }},
			text(notesField, func(m *M) *string { return &m.Notes }),
			text(Field{Key: "questions", Label: "Questions", Synonyms: []string{"visitors' questions", "visitor questions", "questions to ask",
				"preguntas", "fragen"}, Help: "What the visitors want to ask, for their briefing."},
				func(m *M) *string { return &m.Questions }),
			choice(Field{Key: "attendance", Label: "For whom", Synonyms: []string{"attendance", "attending", "which visitors"}, Example: "everyone",
				Help: "everyone (the whole delegation, when empty), subgroup (part of it, chosen by the planning) or visitors (those of the Visitors column)."},
				itinera.AttendanceKinds, func(m *M) *itinera.AttendanceKind { return &m.For }),
			{Field: Field{Key: "visitors", Label: "Visitors", Multiple: true, Synonyms: []string{"named visitors", "visitor names", "only for"},
				Help: "With For whom visitors: the names of the program's visitors it is for, separated by semicolons."},
				Get: func(m *M, e *Env) string {
					var ns []string
					for _, id := range m.VisitorIDs {
						if e.Visitors != nil {
							ns = append(ns, e.Visitors.Name(id))
						}
					}
					return joinCell(ns)
				},
				Set: func(m *M, c string, e *Env) error { return setVisitors(m, c, e) }},
			number(Field{Key: "min_visitors", Label: "Min visitors", Synonyms: []string{"minimum visitors", "min. visitors", "at least"},
				Example: "", Help: "The fewest visitors the host receives; empty: no minimum."}, func(m *M) *int { return &m.MinVisitors }),
			number(Field{Key: "max_visitors", Label: "Max visitors", Synonyms: []string{"maximum visitors", "max. visitors", "capacity", "at most"},
				Example: "5", Help: "The most visitors the host receives; empty: no limit."}, func(m *M) *int { return &m.MaxVisitors }),
			list(Field{Key: "languages", Label: "Languages", Synonyms: []string{"language", "meeting languages", "langue", "idioma"}, Example: "en",
				Help: "The languages the meeting is held in: en, fr or es (English, French or Spanish work too); empty: not known."},
				func(m *M) *[]string { return &m.Languages }),
			{Field: Field{Key: "status", Label: "Status", ReadOnly: true, Synonyms: []string{"state", "meeting status"},
				Help: "Written by exports; requests and confirmations change it, an import does not."},
				Get: func(m *M, _ *Env) string { return string(m.Status) }},
			{Field: Field{Key: "request", Label: "Request", ReadOnly: true, Synonyms: []string{"request state", "request status",
				"latest request"}, Help: "Written by exports: where the meeting's latest request stands (sent, viewed, accepted, " +
				"declined, confirmed…), empty when none was made; an import does not change it."},
				Get: func(m *M, e *Env) string { return e.RequestStates[m.ID] }},
		}}
}

// setVisitors reads the names of the program's visitors a meeting is for.
func setVisitors(m *itinera.Meeting, c string, e *Env) error {
	m.VisitorIDs = nil
	var bad []string
	for _, name := range splitCell(c) {
		var ids []int64
		if e.Visitors != nil {
			ids = e.Visitors.ids[NameKey(name)]
		}
		switch len(ids) {
		case 0:
			bad = append(bad, fmt.Sprintf("No visitor of the program is named %q.", name))
		case 1:
			m.VisitorIDs = append(m.VisitorIDs, ids[0])
		default:
			bad = append(bad, fmt.Sprintf("%d visitors of the program are named %q.", len(ids), name))
		}
	}
	if bad != nil {
		return fmt.Errorf("%s", strings.Join(bad, " "))
	}
	return nil
}

// setWindows reads a cell of windows. A window that does not fall on the
// program's days is left out with a warning: the rest of the row is good.
func setWindows(m *itinera.Meeting, c string, e *Env) error {
	m.Windows = nil
	var bad []string
	for i, part := range strings.FieldsFunc(c, func(r rune) bool { return r == ';' || r == '\n' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		w, err := itinera.ParseWindowText(part, e.Program)
		if err != nil {
			bad = append(bad, fmt.Sprintf("Window %d (%q): %s", i+1, part, err))
			continue
		}
		if err := e.Program.WindowError(w); err != nil {
			e.warn("Window %q is left out: %s", part, err)
			continue
		}
		m.Windows = append(m.Windows, w)
	}
	if bad != nil {
		return fmt.Errorf("%s", strings.Join(bad, " "))
	}
	return nil
}
