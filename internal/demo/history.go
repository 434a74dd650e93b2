package demo

import (
	"context"
	"fmt"
	"time"

	"itinera"
	"itinera/internal/auth"
)

// LoadHistory gives the demo organization two earlier programs, held and
// followed up months before the demo program, so that an organization's
// page, a visitor's page, the network view and the ranking of the
// directory span more than one program: other themes, other fictional
// visitors (partly from the same countries), partly the same resources;
// their meetings held, feedback answered, collaborations recorded, and the
// older one's follow-up links of 3 and 6 months answered. Call it after
// LoadFollowUp; it returns the programs' ids, oldest first.
func LoadHistory(ctx context.Context, s itinera.Services, tenantID, programID int64) ([]int64, error) {
	seed, err := s.Programs.Program(ctx, tenantID, programID)
	if err != nil {
		return nil, err
	}
	orgs, err := s.Directory.Organizations(ctx, tenantID, itinera.DirectoryFilter{})
	if err != nil {
		return nil, err
	}
	orgByName := map[string]itinera.Organization{}
	for _, o := range orgs {
		orgByName[o.Name] = o
	}
	contacts, err := s.Directory.Contacts(ctx, tenantID, itinera.DirectoryFilter{})
	if err != nil {
		return nil, err
	}
	contactOf := map[int64]itinera.Contact{}
	for _, c := range contacts {
		if _, ok := contactOf[c.OrganizationID]; !ok {
			contactOf[c.OrganizationID] = c
		}
	}
	var ids []int64
	for _, h := range pastPrograms {
		id, err := loadPast(ctx, s, tenantID, seed, h, orgByName, contactOf)
		if err != nil {
			return ids, fmt.Errorf("demo: %s: %w", h.title, err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

type pastVisitor struct{ given, family, country, position, org string }

type pastMeeting struct {
	title, host string
	partners    []string
	topics      []string
}

type pastCollab struct {
	kind     itinera.CollaborationKind
	status   itinera.CollaborationStatus
	title    string
	text     string
	visitors []int // indexes of the program's visitors
	orgs     []string
	days     int // after the program's last day
	evidence string
	by       string // "" staff, else the visitor's index as "v0"
}

type pastProgram struct {
	title, description string
	monthsBefore       int
	objectives         []string
	visitors           []pastVisitor
	meetings           []pastMeeting
	collabs            []pastCollab
	followUps          []int // steps of the schedule already sent
}

// pastPrograms are the demo's earlier programs, oldest first.
var pastPrograms = []pastProgram{
	{title: "Justice Sector Reform: Prosecutors and Police", monthsBefore: 13,
		description: "Prosecutors and police officers study how a U.S. region investigates and prosecutes human trafficking and other organized crime.",
		objectives:  []string{"prosecution of traffickers", "policy and legislation", "victim services and resources"},
		visitors: []pastVisitor{
			{"Tomás", "Beltrán", "Mexico", "Federal prosecutor", "Fiscalía General de la República"},
			{"Chinedu", "Okafor", "Nigeria", "Chief superintendent of police", "Nigeria Police Force"},
			{"Nattaya", "Srisuk", "Thailand", "Public prosecutor", "Office of the Attorney General"},
			{"Ion", "Rusu", "Moldova", "Investigating officer", "General Police Inspectorate"},
			{"Abena", "Mensah", "Ghana", "State attorney", "Ministry of Justice"},
		},
		meetings: []pastMeeting{
			{"Charging trafficking cases in a county court", "St. Charles County Prosecuting Attorney", []string{"Local police detectives"}, []string{"prosecution of traffickers"}},
			{"Federal investigations across state lines", "Federal investigators", nil, []string{"prosecution of traffickers", "policy and legislation"}},
			{"A survivor-centred response network", "Gateway Human Trafficking", []string{"Interfaith Partnership of Greater St. Louis"}, []string{"victim services and resources"}},
			{"Survivors' voices in policy", "Healing Action Network", nil, []string{"victim services and resources", "policy and legislation"}},
			{"State law and the Attorney General's role", "Missouri Attorney General's Office", nil, []string{"policy and legislation"}},
		},
		collabs: []pastCollab{
			{itinera.CollabTraining, itinera.CollabDone, "Joint training on financial investigations",
				"A week-long training in Accra on following the money in trafficking cases, with two St. Louis investigators.",
				[]int{4, 1}, []string{"Federal investigators"}, 120, "https://example.org/accra-training", ""},
			{itinera.CollabMaterials, itinera.CollabOngoing, "Charging guidelines shared and translated",
				"The county's charging checklist, translated into Spanish and Thai for two prosecutors' offices.",
				[]int{0, 2}, []string{"St. Charles County Prosecuting Attorney"}, 60, "", "v0"},
			{itinera.CollabJointProject, itinera.CollabOngoing, "Survivor-led advisory panel",
				"A survivor advisory panel modelled on Healing Action Network's, set up with the national police.",
				[]int{3}, []string{"Healing Action Network", "Gateway Human Trafficking"}, 150, "https://example.org/advisory-panel", ""},
		},
		followUps: []int{3, 6},
	},
	{title: "Women's Leadership in Civil Society", monthsBefore: 6,
		description: "Women who lead community organizations meet their St. Louis counterparts: refugee services, faith and interfaith work, advocacy, the press.",
		objectives:  []string{"community education", "faith communities", "public awareness"},
		visitors: []pastVisitor{
			{"Wanjiru", "Kamau", "Kenya", "Director", "Mwangaza Women's Network"},
			{"Fernanda", "Lima", "Brazil", "Coordinator", "Instituto Vozes"},
			{"Dewi", "Lestari", "Indonesia", "Founder", "Rumah Perempuan"},
			{"Oksana", "Hrytsenko", "Ukraine", "Program manager", "Community Foundation of Lviv"},
			{"Leila", "Benali", "Morocco", "President", "Association Tamkine"},
			{"Maricel", "Santos", "Philippines", "Advocacy officer", "Bayanihan Women's Center"},
		},
		meetings: []pastMeeting{
			{"Welcoming refugees as a city", "International Institute of St. Louis", nil, []string{"community education", "victim services and resources"}},
			{"Women's advocacy since 1895", "National Council of Jewish Women St. Louis", []string{"Interfaith Partnership of Greater St. Louis"}, []string{"faith communities", "public awareness"}},
			{"The United Nations in a U.S. city", "United Nations Association St. Louis Chapter", nil, []string{"public awareness", "community education"}},
			{"Reporting on women's lives", "St. Louis Post-Dispatch", nil, []string{"media and reporting", "public awareness"}},
			{"Social work education", "University of Missouri-St. Louis School of Social Work", nil, []string{"community education"}},
			{"Shelter and services for survivors", "Gateway Human Trafficking", nil, []string{"victim services and resources"}},
		},
		collabs: []pastCollab{
			{itinera.CollabVisit, itinera.CollabPlanned, "Return visit of the International Institute to Nairobi",
				"Two staff of the International Institute invited to Nairobi to share their refugee welcome programme.",
				[]int{0}, []string{"International Institute of St. Louis"}, 45, "", "v0"},
			{itinera.CollabPublication, itinera.CollabDone, "Series on women's organizations abroad",
				"The Post-Dispatch published three stories written with the delegation.",
				[]int{1, 5}, []string{"St. Louis Post-Dispatch"}, 30, "https://example.org/post-dispatch-series", ""},
		},
	},
}

func loadPast(ctx context.Context, s itinera.Services, tenantID int64, seed itinera.Program, h pastProgram,
	orgByName map[string]itinera.Organization, contactOf map[int64]itinera.Contact) (int64, error) {
	start := seed.StartDate.In(time.UTC).AddDate(0, -h.monthsBefore, 0)
	for start.Weekday() != time.Monday {
		start = start.AddDate(0, 0, 1)
	}
	p := itinera.Program{TenantID: tenantID, Title: h.title, ProjectType: "IVLP", Description: h.description, Objectives: h.objectives,
		City: seed.City, TimeZone: seed.TimeZone, Language: "en", StartDate: itinera.DateOf(start), EndDate: itinera.DateOf(start).AddDays(4),
		Status: itinera.ProgramCompleted}
	if err := s.Programs.CreateProgram(ctx, &p); err != nil {
		return 0, err
	}
	loc := p.Location()
	var vs []itinera.Visitor
	for i, x := range h.visitors {
		v := itinera.Visitor{TenantID: tenantID, ProgramID: p.ID, GivenName: x.given, FamilyName: x.family, Country: x.country,
			Position: x.position, Organization: x.org, Email: fmt.Sprintf("%s.%d@visitors.demo.example.org", slugOf(x.family), p.ID*10+int64(i)),
			Languages: []string{"English"}, Fictional: true}
		if err := s.People.CreateVisitor(ctx, &v); err != nil {
			return 0, err
		}
		vs = append(vs, v)
	}
	var held []itinera.Meeting
	for _, x := range h.meetings {
		host, ok := orgByName[x.host]
		if !ok {
			return 0, fmt.Errorf("no organization %q in the directory", x.host)
		}
		m := itinera.Meeting{TenantID: tenantID, ProgramID: p.ID, Title: x.title, HostOrganizationID: host.ID, Topics: x.topics,
			DurationMinutes: 90, Priority: 3, Status: itinera.MeetingConfirmed}
		if c, ok := contactOf[host.ID]; ok {
			m.ContactID = c.ID
		}
		for _, name := range x.partners {
			o, ok := orgByName[name]
			if !ok {
				return 0, fmt.Errorf("no organization %q in the directory", name)
			}
			m.PartnerOrganizationIDs = append(m.PartnerOrganizationIDs, o.ID)
		}
		if err := s.Candidates.CreateMeeting(ctx, &m); err != nil {
			return 0, fmt.Errorf("meeting %q: %w", x.title, err)
		}
		held = append(held, m)
	}

	// Feedback: every visitor answered but the last; every resource.
	sent := p.EndDate.AddDays(1).At(itinera.Clock(10*60), loc)
	issue := func(role itinera.FeedbackRole, id int64, name, email string, org int64) (string, error) {
		_, hash, err := auth.NewToken()
		if err != nil {
			return "", err
		}
		l := itinera.FeedbackLink{TenantID: tenantID, ProgramID: p.ID, Role: role, PersonID: id, Name: name, Email: email,
			OrganizationID: org, TokenHash: hash, SentAt: sent, ExpiresAt: sent.Add(itinera.FeedbackLinkTTL)}
		return hash, s.Feedback.IssueFeedbackLink(ctx, &l)
	}
	for i, v := range vs {
		hash, err := issue(itinera.FeedbackVisitor, v.ID, v.Name(), v.Email, 0)
		if err != nil {
			return 0, err
		}
		if i == len(vs)-1 {
			continue
		}
		a := itinera.FeedbackAnswer{Rating: 4 + i%2, Comment: "Well prepared meetings; we keep in touch."}
		for j, m := range held {
			a.Meetings = append(a.Meetings, itinera.MeetingRating{MeetingID: m.ID, Rating: 5 - (i*j+j)%3})
		}
		if err := s.Feedback.AnswerFeedback(ctx, hash, a, sent.Add(time.Duration(20+i*7)*time.Hour)); err != nil {
			return 0, err
		}
	}
	seen := map[int64]bool{}
	for i, m := range held {
		if m.ContactID == 0 || seen[m.ContactID] {
			continue
		}
		seen[m.ContactID] = true
		c := contactOf[m.HostOrganizationID]
		email := c.Email
		if email == "" {
			email = fmt.Sprintf("resource%d@demo.example.org", m.ID)
		}
		hash, err := issue(itinera.FeedbackResource, c.ID, c.Name, email, m.HostOrganizationID)
		if err != nil {
			return 0, err
		}
		if err := s.Feedback.AnswerFeedback(ctx, hash, itinera.FeedbackAnswer{Rating: 5 - i%2, HostAgain: itinera.HostAgainYes,
			Comment: "Sharp questions; we would gladly meet another delegation."}, sent.Add(40*time.Hour)); err != nil {
			return 0, err
		}
	}

	// What followed.
	for _, x := range h.collabs {
		c := itinera.Collaboration{TenantID: tenantID, ProgramID: p.ID, Kind: x.kind, Status: x.status, Title: x.title, Description: x.text,
			StartedOn: p.EndDate.AddDays(x.days), EvidenceURL: x.evidence, RecordedBy: "staff"}
		for _, i := range x.visitors {
			c.VisitorIDs = append(c.VisitorIDs, vs[i].ID)
			c.Countries = append(c.Countries, vs[i].Country)
		}
		for _, name := range x.orgs {
			c.OrganizationIDs = append(c.OrganizationIDs, orgByName[name].ID)
		}
		if x.by != "" {
			c.RecordedBy = vs[int(x.by[1]-'0')].Name()
		}
		if err := s.Feedback.CreateCollaboration(ctx, &c); err != nil {
			return 0, fmt.Errorf("collaboration %q: %w", x.title, err)
		}
	}

	// The follow-ups already sent: visitors answered "nothing yet" or
	// nothing.
	for _, months := range h.followUps {
		at := itinera.FollowUpDay(p.EndDate, months).At(itinera.Clock(9*60), loc)
		for i, v := range vs {
			_, hash, err := auth.NewToken()
			if err != nil {
				return 0, err
			}
			l := itinera.FollowUpLink{TenantID: tenantID, ProgramID: p.ID, Role: itinera.FeedbackVisitor, PersonID: v.ID, Name: v.Name(),
				Email: v.Email, Months: months, TokenHash: hash, SentAt: at, ExpiresAt: at.Add(itinera.FollowUpLinkTTL)}
			if _, err := s.Feedback.ClaimFollowUpLink(ctx, &l); err != nil {
				return 0, err
			}
			if i%2 == 1 {
				if err := s.Feedback.AnswerFollowUp(ctx, hash, itinera.FollowUpNothingYet, at.Add(30*time.Hour)); err != nil {
					return 0, err
				}
			}
		}
	}
	return p.ID, nil
}

// slugOf writes a name for an e-mail address: "Beltrán" → "beltran".
func slugOf(s string) string {
	var out []rune
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			out = append(out, r|0x20)
		case r == 'á' || r == 'à':
			out = append(out, 'a')
		case r == 'é' || r == 'è':
			out = append(out, 'e')
		case r == 'í':
			out = append(out, 'i')
		case r == 'ó':
			out = append(out, 'o')
		case r == 'ú':
			out = append(out, 'u')
		}
	}
	return string(out)
}
