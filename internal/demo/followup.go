package demo

import (
	"context"
	"fmt"
	"time"

	"itinera"
	"itinera/internal/auth"
)

// LoadFollowUp gives the demo program what follows a visit, as if its
// dates were past: a feedback link for each visitor, interpreter and
// contact of a confirmed meeting (and each household of a confirmed
// evening, when the evening was confirmed before), sent the day after the
// program, and the answers of all but a few (still to answer); a
// thank-you letter drafted from the built-in template for each resource
// and household, waiting to be reviewed and sent; two collaborations that
// followed; the program's local economic inputs as the officer would enter
// them; and, unless already set, a volunteer hour's value and the
// letterhead's address in the settings. The links' tokens are made and
// forgotten: the demo never shows them. It returns how many people
// answered. Call it after LoadRequests, which confirms the meetings.
func LoadFollowUp(ctx context.Context, s itinera.Services, tenantID, programID int64) (int, error) {
	p, err := s.Programs.Program(ctx, tenantID, programID)
	if err != nil {
		return 0, err
	}
	vs, err := s.People.Visitors(ctx, tenantID, programID)
	if err != nil {
		return 0, err
	}
	is, err := s.People.Interpreters(ctx, tenantID, programID)
	if err != nil {
		return 0, err
	}
	ms, err := s.Candidates.Meetings(ctx, tenantID, programID)
	if err != nil {
		return 0, err
	}
	var held []itinera.Meeting
	for _, m := range ms {
		if m.Status == itinera.MeetingConfirmed {
			held = append(held, m)
		}
	}
	if len(vs) < 2 || len(held) < 2 {
		return 0, fmt.Errorf("demo: %d visitors and %d confirmed meetings: too few for feedback", len(vs), len(held))
	}
	loc := p.Location()
	sent := p.EndDate.AddDays(1).At(itinera.Clock(10*60), loc)
	issue := func(role itinera.FeedbackRole, id int64, name, email string, org int64) (string, error) {
		_, hash, err := auth.NewToken()
		if err != nil {
			return "", err
		}
		l := itinera.FeedbackLink{TenantID: tenantID, ProgramID: programID, Role: role, PersonID: id, Name: name, Email: email,
			OrganizationID: org, TokenHash: hash, SentAt: sent, ExpiresAt: sent.Add(itinera.FeedbackLinkTTL)}
		if err := s.Feedback.IssueFeedbackLink(ctx, &l); err != nil {
			return "", fmt.Errorf("demo: feedback link of %s: %w", name, err)
		}
		return hash, nil
	}
	st, err := s.Settings.Settings(ctx, tenantID)
	if err != nil {
		return 0, err
	}
	// thank drafts the thank-you letter of a resource or household from
	// the built-in template, for the officer to review and send.
	thank := func(role itinera.FeedbackRole, id int64, name, email, part string) error {
		subject, body := itinera.DefaultThankYouTemplate.Fill(map[string]string{"{name}": name, "{part}": part, "{program}": p.Title,
			"{dates}": p.StartDate.String() + " to " + p.EndDate.String(), "{organization}": st.Name, "{sender}": "The program team"})
		t := itinera.ThankYou{TenantID: tenantID, ProgramID: programID, Role: role, PersonID: id, Name: name, Email: email,
			Subject: subject, Body: body}
		if _, err := s.Feedback.DraftThankYou(ctx, &t); err != nil {
			return fmt.Errorf("demo: thank-you letter to %s: %w", name, err)
		}
		return nil
	}
	answered := 0
	answer := func(hash string, a itinera.FeedbackAnswer, after time.Duration) error {
		if err := s.Feedback.AnswerFeedback(ctx, hash, a, sent.Add(after)); err != nil {
			return err
		}
		answered++
		return nil
	}
	comments := []string{"Exactly what we came to learn.", "Very practical; we exchanged contacts.", "Interesting, but too short.",
		"The site visit made the figures real.", "Good questions from both sides."}
	for i, v := range vs {
		email := v.Email
		if email == "" {
			email = fmt.Sprintf("visitor%d@demo.example.org", i+1)
		}
		hash, err := issue(itinera.FeedbackVisitor, v.ID, v.Name(), email, 0)
		if err != nil {
			return answered, err
		}
		if i == len(vs)-1 {
			continue // still to answer: the Follow-up section shows who
		}
		a := itinera.FeedbackAnswer{Rating: 4 + i%2, Comment: "Thank you for a well organised week."}
		for j, m := range held {
			r := itinera.MeetingRating{MeetingID: m.ID, Rating: 5 - (i+j)%3}
			if (i+j)%2 == 0 {
				r.Comment = comments[(i+j)%len(comments)]
			}
			a.Meetings = append(a.Meetings, r)
		}
		if err := answer(hash, a, time.Duration(24+i*5)*time.Hour); err != nil {
			return answered, fmt.Errorf("demo: feedback of %s: %w", v.Name(), err)
		}
	}
	for _, in := range is {
		email := in.Email
		if email == "" {
			email = "interpreter@demo.example.org"
		}
		hash, err := issue(itinera.FeedbackInterpreter, in.ID, in.Name, email, 0)
		if err != nil {
			return answered, err
		}
		if err := answer(hash, itinera.FeedbackAnswer{Rating: 4, Comment: "Please send the agenda a day earlier next time."}, 30*time.Hour); err != nil {
			return answered, err
		}
	}
	seen := map[int64]bool{}
	for i, m := range held {
		if m.ContactID == 0 || seen[m.ContactID] {
			continue
		}
		seen[m.ContactID] = true
		c, err := s.Directory.Contact(ctx, tenantID, m.ContactID)
		if err != nil {
			return answered, err
		}
		email := c.Email
		if email == "" {
			email = fmt.Sprintf("resource%d@demo.example.org", i+1)
		}
		hash, err := issue(itinera.FeedbackResource, c.ID, c.Name, email, m.HostOrganizationID)
		if err != nil {
			return answered, err
		}
		if err := thank(itinera.FeedbackResource, c.ID, c.Name, email, "the meeting “"+m.Title+"”"); err != nil {
			return answered, err
		}
		again := []itinera.HostAgain{itinera.HostAgainYes, itinera.HostAgainYes, itinera.HostAgainMaybe}[i%3]
		if err := answer(hash, itinera.FeedbackAnswer{Rating: 5 - i%2, HostAgain: again,
			Comment: "A thoughtful delegation; we learned as much as they did."}, 48*time.Hour); err != nil {
			return answered, err
		}
	}
	es, err := s.Hospitality.Evenings(ctx, tenantID, programID)
	if err != nil {
		return answered, err
	}
	hosted := map[int64]bool{}
	for _, e := range es {
		if e.Status != itinera.EveningConfirmed {
			continue
		}
		for _, g := range e.Guests {
			if hosted[g.HouseholdID] {
				continue
			}
			hosted[g.HouseholdID] = true
			h, err := s.Hospitality.Household(ctx, tenantID, g.HouseholdID)
			if err != nil {
				return answered, err
			}
			hash, err := issue(itinera.FeedbackHousehold, h.ID, h.Name, h.Email, 0)
			if err != nil {
				return answered, err
			}
			if err := thank(itinera.FeedbackHousehold, h.ID, h.Name, h.Email, "the evening of "+e.Start.In(loc).Format("Monday 2 January")); err != nil {
				return answered, err
			}
			if len(hosted)%3 == 0 {
				continue // still to answer
			}
			if err := answer(hash, itinera.FeedbackAnswer{Rating: 5, HostAgain: itinera.HostAgainYes,
				Comment: "Our guests cooked with us; we are still writing to each other."}, 36*time.Hour); err != nil {
				return answered, err
			}
		}
	}

	first := held[0]
	collabs := []itinera.Collaboration{
		{Kind: itinera.CollabJointProject, Status: itinera.CollabOngoing, Title: "Shelter twinning: a shared case-management guide",
			Description: "Two shelters compare their intake and referral practice and write a short guide together.",
			VisitorIDs:  []int64{vs[0].ID}, OrganizationIDs: []int64{first.HostOrganizationID}, Countries: []string{vs[0].Country},
			StartedOn: p.EndDate.AddDays(40), EvidenceURL: "https://example.org/shelter-twinning", RecordedBy: "staff"},
		{Kind: itinera.CollabTraining, Status: itinera.CollabPlanned, Title: "Training for prosecutors on victim-centred interviews",
			Description: "A two-day training at home, with the materials shared after the visit.",
			VisitorIDs:  []int64{vs[1].ID}, Countries: []string{vs[1].Country}, StartedOn: p.EndDate.AddDays(90), RecordedBy: vs[1].Name()},
	}
	for i := range collabs {
		c := &collabs[i]
		c.TenantID, c.ProgramID = tenantID, programID
		if err := s.Feedback.CreateCollaboration(ctx, c); err != nil {
			return answered, fmt.Errorf("demo: collaboration %q: %w", c.Title, err)
		}
	}
	// The figures only the officer has: the program's local spending, as
	// the hotel's invoice and the receipts give it, and the value of a
	// volunteer hour and the letterhead's address in the settings.
	nights := (len(vs) + len(is)) * p.StartDate.DaysUntil(p.EndDate)
	e := itinera.EconomicInputs{TenantID: tenantID, ProgramID: programID, HotelNights: nights, HotelCents: int64(nights) * 15900,
		Meals: 2 * (len(vs) + len(is)) * p.StartDate.DaysUntil(p.EndDate), MealsCents: 228000, TransportCents: 185000,
		Note: "Demo figures: the hotel's invoice and the program's receipts.", UpdatedAt: sent}
	if err := s.Reports.SaveEconomicInputs(ctx, &e); err != nil {
		return answered, fmt.Errorf("demo: economic inputs: %w", err)
	}
	if st.Address == "" || st.VolunteerHourCents == 0 {
		st.Address, st.VolunteerHourCents = "100 Example Street, Suite 200\nSt. Louis, MO 63101", 3479
		if err := s.Settings.UpdateSettings(ctx, &st); err != nil {
			return answered, fmt.Errorf("demo: settings: %w", err)
		}
	}
	return answered, nil
}
