package book_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"itinera"
	"itinera/internal/book"
	"itinera/internal/travel"
)

// stressInput is a program that strains a book's layout: six days, 25
// visitors named in Latin with diacritics, Cyrillic, Arabic, Devanagari,
// Chinese, Japanese and Korean, with positions and organizations as long
// as a form takes, three interpreters, 40 meetings whose titles run to the
// 200 characters a title may have (some one token without a space, some a
// web address), hosts described at length, places with long addresses and
// a hospitality evening with guests in three homes. Titles, names,
// positions and organizations are as long as a form takes (200
// characters), never longer.
func stressInput(t *testing.T) book.Input {
	t.Helper()
	const zone = "America/Chicago"
	loc, err := itinera.LoadZone(zone)
	if err != nil {
		t.Fatal(err)
	}
	start := itinera.MustDate("2026-10-05")
	in := book.Input{
		Org: itinera.Settings{Name: "Global Exchange Council of the Greater Chicago Metropolitan Region", MailFromAddress: "programs@global-exchange-council-of-greater-chicago.example.org",
			Phone: "+1 312 555 0100 ext. 4417", EmergencyPhone: "+1 312 555 0199", PaperSize: itinera.PaperLetter},
		Program: itinera.Program{ID: 1, Title: "Transparency and Accountability in Local Government: Open Data, Procurement Oversight and Citizen Participation in Municipal Budgeting",
			ProjectType: "International Visitor Leadership Program — Multi-Regional Project", City: "Chicago", TimeZone: zone,
			StartDate: start, EndDate: start.AddDays(5), HotelPlaceID: 1,
			Description: strings.Repeat("The delegation studies how American cities publish their budgets and contracts as open data, how inspectors general and auditors oversee procurement, and how residents take part in deciding how public money is spent. ", 6),
			Objectives:  []string{"Open data", "Procurement oversight", "Participatory budgeting", "Investigative journalism", "Anti-corruption law", "Civic technology"}},
		Now: time.Date(2026, 9, 28, 15, 4, 0, 0, time.UTC),
		Travel: travel.Service{DayModes: map[itinera.Date]itinera.TravelMode{
			start.AddDays(2): itinera.TravelWalking, start.AddDays(4): itinera.TravelTransit}},
	}
	in.Places = append(in.Places, itinera.Place{ID: 1, Name: "The Palmer House Hilton", Kind: itinera.PlaceHotel,
		Address: "17 East Monroe Street, Chicago, IL 60603, United States", Lat: 41.8807, Lon: -87.6263})
	for i := range 40 {
		p := itinera.Place{ID: int64(10 + i), Name: placeNames[i%len(placeNames)], Kind: itinera.PlaceOffice,
			Address: fmt.Sprintf("%d %s, Suite %d, Floor %d, Chicago, IL 606%02d, United States", 100+17*i, streets[i%len(streets)], 1000+i, 3+i%40, i%60),
			Lat:     41.80 + float64(i%9)*0.021, Lon: -87.72 + float64(i%7)*0.024}
		if i%6 == 5 {
			p.Address = "Building_C_Loading_Dock_Entrance_via_the_Service_Alley_behind_the_Parking_Structure_Level_B2_ask_for_the_Security_Desk_" + fmt.Sprint(i) +
				", " + p.Address + ", entrance on the north side of the building through the revolving doors beside the public library branch, second set of elevators"
		}
		in.Places = append(in.Places, p)
	}
	for i, name := range orgNames {
		o := itinera.Organization{ID: int64(100 + i), Name: name, Kind: itinera.OrganizationKinds[i%len(itinera.OrganizationKinds)],
			Website: "https://www." + strings.ToLower(strings.Join(strings.Fields(name)[:2], "-")) + ".example.org/"}
		if i%3 == 0 {
			o.Website += "about/our-mission-and-history/annual-reports/2025/transparency-and-accountability-report-full-text-with-appendices-and-data-tables?utm_source=itinera&utm_medium=program-book"
			o.Description = strings.Repeat("Founded by residents after a procurement scandal, the office reviews every contract the city signs above fifty thousand dollars, publishes its findings as open data, trains journalists and community groups to read them, and testifies before the city council's committees on budget and ethics. ", 5)
		} else {
			o.Description = "A " + string(o.Kind) + " organization working on open government."
		}
		in.Organizations = append(in.Organizations, o)
		in.Contacts = append(in.Contacts, itinera.Contact{ID: int64(200 + i), OrganizationID: o.ID, Name: contactNames[i%len(contactNames)],
			Title: "Deputy Director for Intergovernmental Affairs, Strategic Partnerships and International Cooperation Programs"})
	}
	for i, name := range visitorNames {
		v := itinera.Visitor{ID: int64(300 + i), ProgramID: 1, GivenName: name[0], FamilyName: name[1], Country: name[2],
			Position:     positions[i%len(positions)],
			Organization: organizations[i%len(organizations)],
			Languages:    []string{name[3], "English"}, Diets: []string{"vegetarian", "no pork", "halal"}[i%3 : i%3+1],
			Allergies: []string{"peanuts and tree nuts (severe: carries an epinephrine auto-injector)", "shellfish"}[:1+i%2]}
		in.Visitors = append(in.Visitors, v)
	}
	in.Interpreters = []itinera.Interpreter{
		{ID: 400, ProgramID: 1, Name: "Ekaterina Smirnova-Oliveira", Languages: []string{"Russian", "Ukrainian", "Kazakh", "English"}},
		{ID: 401, ProgramID: 1, Name: "أحمد منصور (Ahmed Mansour)", Languages: []string{"Arabic", "French", "English"}},
		{ID: 402, ProgramID: 1, Name: "李娜 (Li Na)", Languages: []string{"Mandarin Chinese", "Japanese", "Korean", "English"}},
	}

	it := &itinera.Itinerary{ID: 1, ProgramID: 1, Version: 7}
	slots := [][2]string{{"08:00", "09:00"}, {"09:30", "10:30"}, {"11:00", "12:00"}, {"13:30", "14:30"},
		{"15:00", "16:00"}, {"16:30", "17:30"}, {"18:00", "19:00"}}
	at := func(d itinera.Date, hm string) time.Time { return d.At(itinera.MustClock(hm), loc) }
	m := 0
	for day := range 6 {
		d := start.AddDays(day)
		in.Days = append(in.Days, itinera.Day{ProgramID: 1, Date: d})
		n := 7
		if day == 3 || day == 5 {
			n = 6 // the evening of day 3 is home hospitality; the last day ends early
		}
		for s := range n {
			title := meetingTitle(m)
			org := in.Organizations[m%len(in.Organizations)]
			meet := itinera.Meeting{ID: int64(500 + m), ProgramID: 1, Title: title, HostOrganizationID: org.ID, HostOrganizationName: org.Name,
				ContactID: int64(200 + m%len(orgNames)), PlaceID: int64(10 + m), DurationMinutes: 60,
				Topics:   []string{in.Program.Objectives[m%6], in.Program.Objectives[(m+2)%6], "Whistle-blower protection"},
				Audience: "Senior officials of anti-corruption agencies, supreme audit institutions and municipal finance departments"}
			if m%4 == 1 {
				meet.PartnerOrganizations = []string{orgNames[(m+1)%len(orgNames)], orgNames[(m+2)%len(orgNames)]}
			}
			in.Meetings = append(in.Meetings, meet)
			it.Items = append(it.Items, itinera.ItineraryItem{MeetingID: meet.ID, Title: title, PlaceID: meet.PlaceID,
				Start: at(d, slots[s][0]), End: at(d, slots[s][1]), TravelMinutes: 15 + m%4*5})
			m++
		}
		lunch := itinera.Activity{ID: int64(600 + day), ProgramID: 1, Kind: itinera.ActivityMeal, PlaceID: int64(10 + day),
			Title: "Working lunch with the mayor's office staff at the food hall of the historic Chicago Cultural Center"}
		in.Activities = append(in.Activities, lunch)
		it.Items = append(it.Items, itinera.ItineraryItem{ActivityID: lunch.ID, Title: lunch.Title, PlaceID: lunch.PlaceID,
			Start: at(d, "12:15"), End: at(d, "13:15"), TravelMinutes: 10})
	}
	in.Days[1].Note = "Business attire: the meetings at City Hall are in the council chambers, where the public may attend and the sessions are broadcast live on the city's cable channel and website."

	// The evening of the fourth day: home hospitality in three homes.
	evening := start.AddDays(3)
	supper := itinera.Activity{ID: 650, ProgramID: 1, Kind: itinera.ActivityHospitality, Title: "Home hospitality: dinner with Chicago families"}
	in.Activities = append(in.Activities, supper)
	it.Items = append(it.Items, itinera.ItineraryItem{ActivityID: supper.ID, Title: supper.Title, Start: at(evening, "19:00"), End: at(evening, "22:00")})
	in.Households = []itinera.HostHousehold{
		{ID: 700, Name: "The Nakamura-Okonkwo-Villanueva household", ContactName: "Hiroshi Nakamura and Chiamaka Okonkwo-Villanueva", PlaceID: 90,
			Address: "4417 North Lincoln Avenue, Apartment 3R (ring the bell marked Nakamura/Okonkwo), Chicago, IL 60625"},
		{ID: 701, Name: "The Kowalczyk family", ContactName: "Agnieszka Kowalczyk", PlaceID: 91, Address: "2210 West Cullerton Street, Chicago, IL 60608"},
		{ID: 702, Name: "The Haddad household", ContactName: "Rania and Karim Haddad", PlaceID: 92, Address: "6020 North Sheridan Road, Unit 1204, Chicago, IL 60660"},
	}
	ev := itinera.HospitalityEvening{ID: 800, ProgramID: 1, Start: at(evening, "19:00"), End: at(evening, "22:00"), Status: itinera.EveningConfirmed,
		ActivityID: supper.ID, Note: "The hosts meet the group in the hotel lobby by the Monroe Street entrance; parking is in the Grant Park North Garage (validated at the front desk)."}
	for i, v := range in.Visitors {
		ev.VisitorIDs = append(ev.VisitorIDs, v.ID)
		ev.Guests = append(ev.Guests, itinera.HospitalityGuest{HouseholdID: in.Households[i%3].ID, VisitorID: v.ID})
	}
	for i, x := range in.Interpreters {
		ev.InterpreterIDs = append(ev.InterpreterIDs, x.ID)
		ev.Guests = append(ev.Guests, itinera.HospitalityGuest{HouseholdID: in.Households[i].ID, InterpreterID: x.ID})
	}
	in.Evenings = []itinera.HospitalityEvening{ev}
	in.Itinerary = it

	long := []string{in.Program.Title}
	for _, m := range in.Meetings {
		long = append(long, m.Title)
	}
	for _, v := range in.Visitors {
		long = append(long, v.GivenName, v.FamilyName, v.Position, v.Organization)
	}
	for _, s := range long {
		if n := utf8.RuneCountInString(s); n > 200 {
			t.Fatalf("%q has %d characters: a form takes 200", s, n)
		}
	}
	return in
}

// meetingTitle is the title of meeting i: most are long sentences, every
// eighth one token of 200 characters with nowhere to break, every eighth
// (offset by four) a web address of 200 characters.
func meetingTitle(i int) string {
	switch i % 8 {
	case 0:
		return fmt.Sprintf("M%02d_", i) + strings.Repeat("CrossBorderProcurementOversightFramework", 5)[:196]
	case 4:
		url := fmt.Sprintf("https://data.cityofchicago.example.org/procurement/contracts/2026/m%02d/", i)
		return url + strings.Repeat("open-contracting-data-standard-release-package", 4)[:200-len(url)]
	}
	return fmt.Sprintf("%s: %s (session %d)", titleStarts[i%len(titleStarts)], titleEnds[i%len(titleEnds)], i+1)
}

var titleStarts = []string{
	"Roundtable with the City Council's Committee on Finance and the Inspector General",
	"Site visit to the Department of Procurement Services and its electronic bidding platform",
	"Briefing at the Cook County Assessor's Office on property tax transparency",
	"Conversation with investigative reporters of a nonprofit newsroom",
	"Workshop with civic technologists who build the city's open data portal",
}

var titleEnds = []string{
	"how contracts above fifty thousand dollars are published, reviewed and challenged by residents",
	"participatory budgeting in the wards and what the residents decided to fund",
	"protecting whistle-blowers in municipal government",
}

var placeNames = []string{"City Hall, Council Chambers and Committee Room 201A", "Cook County Administration Building",
	"Chicago Cultural Center, Preston Bradley Hall", "University of Illinois Chicago, Great Cities Institute",
	"Office of Inspector General", "Chicago Public Library, Harold Washington Library Center"}

var streets = []string{"North LaSalle Street", "West Washington Boulevard", "South Michigan Avenue", "West Van Buren Street"}

var orgNames = []string{
	"City of Chicago Office of Inspector General, Investigations, Audit and Program Review Section",
	"Cook County Board of Review and Assessor's Office for Property Tax Appeals and Exemptions",
	"Better Government Association of Illinois",
	"University of Illinois Chicago Department of Public Administration and Great Cities Institute",
	"City Bureau Civic Journalism Lab",
	"Chicago Department of Procurement Services",
	"Illinois Campaign for Political Reform",
	"Smart Chicago Collaborative and the Civic User Testing Group",
}

var contactNames = []string{"Deborah Witzburg", "Fritz Kaegi", "Bradley Tusk-Hernández", "Nneka Onyekwere", "Ramón García-Márquez"}

// visitorNames: given name, family name, country, language.
var visitorNames = [][4]string{
	{"Zoë", "Ångström-Łukasiewicz", "Poland", "Polish"},
	{"José María", "Núñez de Balboa y Ibáñez", "Spain", "Spanish"},
	{"François-Xavier", "Lefèvre-Pontalis", "France", "French"},
	{"Đặng Thị Ngọc", "Hương", "Viet Nam", "Vietnamese"},
	{"Søren", "Ærøskøbing-Kierkegård", "Denmark", "Danish"},
	{"Çağrı Şükrü", "Öztürk", "Türkiye", "Turkish"},
	{"Jiří", "Dvořák-Šťastný", "Czechia", "Czech"},
	{"Ólafur Ragnar", "Grímsson", "Iceland", "Icelandic"},
	{"Ēriks", "Ķeniņš", "Latvia", "Latvian"},
	{"Ana Lúcia", "Gonçalves", "Brazil", "Portuguese"},
	{"Александра Владимировна", "Ковалевская", "Russian Federation", "Russian"},
	{"Олександр", "Шевченко", "Ukraine", "Ukrainian"},
	{"Айгерим", "Нурсултанқызы", "Kazakhstan", "Kazakh"},
	{"Здравко", "Ђорђевић", "Serbia", "Serbian"},
	{"محمد", "بن عبد الله الهاشمي", "Jordan", "Arabic"},
	{"فاطمة الزهراء", "بنت علي", "Morocco", "Arabic"},
	{"نور الهدى", "القحطاني", "Saudi Arabia", "Arabic"},
	{"प्रियंका", "चतुर्वेदी", "India", "Hindi"},
	{"राजेश", "कृष्णमूर्ति", "India", "Hindi"},
	{"अनन्या", "श्रीवास्तव", "Nepal", "Nepali"},
	{"秀英", "王", "China", "Mandarin Chinese"},
	{"志明", "欧阳", "Taiwan", "Mandarin Chinese"},
	{"太郎", "山田", "Japan", "Japanese"},
	{"さくら", "髙橋", "Japan", "Japanese"},
	{"민준", "김", "Republic of Korea", "Korean"},
}

// positions and organizations run to the 200 characters a form takes.
var positions = []string{
	"Deputy Head of the Department for Methodological Support of Public Procurement, Anti-Corruption Expertise of Regulatory Acts and Interagency Coordination of Municipal Financial Control Bodies",
	"Chief Specialist",
	"Senior Investigative Correspondent and Editor of the Data Desk",
	"Ministerialrätin, Referatsleiterin Vergaberecht und Korruptionsprävention in der Landesverwaltung",
}

var organizations = []string{
	"Bundesministerium für Wirtschaftliche Zusammenarbeit und Entwicklung, Referat Gute Regierungsführung",
	"Министерство экономического развития и торговли, Департамент государственных закупок и контроля",
	"هيئة النزاهة ومكافحة الفساد، إدارة الرقابة على المشتريات الحكومية والعقود العامة",
	"केंद्रीय सतर्कता आयोग, लोक प्रशासन और पारदर्शिता विभाग",
	"中华人民共和国审计署地方政府债务审计司",
	"Kommunalrechnungsprüfungsamtsverwaltungsmodernisierungsbeauftragtenstelle",
}
