package requests

import (
	"context"
	"strings"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/letters"
)

// Sender sends requests: it makes the link's token, composes the e-mail
// and hands both to the store, which queues the e-mail in the same
// transaction as the change of status.
type Sender struct {
	Services itinera.Services
	BaseURL  string        // "https://itinera.example.org", no trailing slash
	TTL      time.Duration // how long a new link works; DefaultRequestTTL when 0
	Now      func() time.Time
	// ReplyTo is the request's own reply address, sent as Reply-To; "":
	// none.
	ReplyTo string
}

// Link is the resource's answer page for token.
func Link(baseURL, token string) string { return strings.TrimRight(baseURL, "/") + "/r/" + token }

// Send sends the request, or re-sends it with a new link; it returns the
// link's token, which is stored nowhere.
func (s Sender) Send(ctx context.Context, tenantID, id int64) (string, error) {
	svc := s.Services
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	ttl := s.TTL
	if ttl <= 0 {
		ttl = itinera.DefaultRequestTTL
	}
	r, err := svc.Requests.Request(ctx, tenantID, id)
	if err != nil {
		return "", err
	}
	in, email, err := s.invitation(ctx, tenantID, r)
	if err != nil {
		return "", err
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		return "", err
	}
	in.Link = Link(s.BaseURL, token)
	in.ExpiresAt = r.ExpiresAt
	if !in.ExpiresAt.After(now().Add(time.Hour)) {
		// No expiry set, or it passed: the usual time, but answers are
		// due before the program starts when there is time for that.
		in.ExpiresAt = now().Add(ttl)
		if start := in.Program.StartDate.At(0, in.Program.Location()); start.Before(in.ExpiresAt) && start.After(now().Add(24*time.Hour)) {
			in.ExpiresAt = start
		}
	}
	m, err := letters.Default.MeetingRequest(tenantID, in.Letter(email))
	if err != nil {
		return "", err
	}
	m.ReplyTo = s.ReplyTo
	err = svc.Requests.SendRequest(ctx, tenantID, id, itinera.RequestSending{TokenHash: hash, ExpiresAt: in.ExpiresAt, Mail: m})
	return token, err
}

// invitation gathers what the e-mail says about the request and the
// contact's address.
func (s Sender) invitation(ctx context.Context, tenantID int64, r itinera.Request) (Invitation, string, error) {
	svc := s.Services
	c, err := svc.Directory.Contact(ctx, tenantID, r.ContactID)
	if err != nil {
		return Invitation{}, "", err
	}
	if c.Email == "" {
		return Invitation{}, "", itinera.Errorf(itinera.EINVALID,
			"%s has no e-mail address in the directory. Add one to the contact, then send the request.", c.Name)
	}
	m, err := svc.Candidates.Meeting(ctx, tenantID, r.MeetingID)
	if err != nil {
		return Invitation{}, "", err
	}
	in, err := Describe(ctx, svc.Readers(), tenantID, m)
	if err != nil {
		return Invitation{}, "", err
	}
	in.ContactName, in.Windows, in.Message = c.Name, r.Windows, r.Message
	return in, c.Email, nil
}

// Describe gathers what a resource may know about a meeting: the program,
// who comes (the delegation's profile, or on a split day the visitors and
// interpreter of the meeting's group) and the place. The resource's page uses it too.
func Describe(ctx context.Context, svc itinera.Readers, tenantID int64, m itinera.Meeting) (Invitation, error) {
	in := Invitation{Meeting: m}
	var err error
	if in.Program, err = svc.Programs.Program(ctx, tenantID, m.ProgramID); err != nil {
		return in, err
	}
	t, err := svc.Accounts.Tenant(ctx, tenantID)
	if err != nil {
		return in, err
	}
	in.Organization = t.Name
	vs, err := svc.People.Visitors(ctx, tenantID, m.ProgramID)
	if err != nil {
		return in, err
	}
	is, err := svc.People.Interpreters(ctx, tenantID, m.ProgramID)
	if err != nil {
		return in, err
	}
	// On a split day the host receives part of the delegation (issue 15).
	var current *itinera.Itinerary
	switch it, err := svc.Itineraries.CurrentItinerary(ctx, tenantID, m.ProgramID); itinera.ErrorCode(err) {
	case "":
		current = &it
	case itinera.ENOTFOUND:
	default:
		return in, err
	}
	coming, interpreters, part := itinera.Coming(m, current, vs, is)
	in.Profile, in.Delegation = itinera.NewDelegationProfile(coming, interpreters), len(vs)
	if part {
		in.Part, in.Interpreters = coming, interpreters
	}
	if m.PlaceID != 0 {
		pl, err := svc.Directory.Place(ctx, tenantID, m.PlaceID)
		if err != nil {
			return in, err
		}
		in.PlaceAddress = pl.Address
	}
	return in, nil
}
