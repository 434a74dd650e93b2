package web

import (
	"context"
	"net/http"
	"strings"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/hosting"
)

// Inviting households to an evening writes to each of them (one recipient
// per e-mail) with the date, the pick-up and a link to their personal
// page, where they say yes or no for that evening. Only the hash of a
// household's token is stored, so each invitation issues a new token, as
// the sign-up does: the household keeps one personal link, the newest,
// and the e-mail says it replaces the earlier ones.

// organizer is who the hosts' e-mails come from: the signed-in officer,
// on behalf of the tenant.
func (ui *UI) organizer(ctx context.Context, s *session) (hosting.Organizer, error) {
	t, err := ui.svc.Accounts.Tenant(ctx, s.User.TenantID)
	if err != nil {
		return hosting.Organizer{}, err
	}
	name := s.User.Name
	if name == "" {
		name = t.Name
	}
	return hosting.Organizer{Org: t.Name, Name: name, Email: s.User.Email}, nil
}

// inviteByMail invites the households (ids of approved households of the
// tenant) to the evening of rec and queues their e-mails.
func (ui *UI) inviteByMail(r *http.Request, s *session, rec *hosting.Records, ids []int64) error {
	ctx := r.Context()
	if len(ids) == 0 {
		return nil
	}
	org, err := ui.organizer(ctx, s)
	if err != nil {
		return err
	}
	approved, err := ui.svc.Hospitality.Households(ctx, s.User.TenantID, itinera.HouseholdFilter{Status: itinera.HouseholdApproved})
	if err != nil {
		return err
	}
	byID := map[int64]itinera.HostHousehold{}
	for _, h := range approved {
		byID[h.ID] = h
	}
	var invites []itinera.EveningInvite
	seen := map[int64]bool{}
	for _, id := range ids {
		h, ok := byID[id]
		if !ok {
			return itinera.FieldErrors{"household_ids": "Invite only approved households."}.Err("invitation")
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		token, hash, err := auth.NewToken()
		if err != nil {
			return err
		}
		link := ui.hostLink(r, token) + "#evening-" + itoa(rec.Evening.ID)
		invites = append(invites, itinera.EveningInvite{HouseholdID: id, Link: itinera.HouseholdLink{TokenHash: hash,
			ExpiresAt: ui.now().Add(ui.hosts.ttl), Mail: rec.InvitationMail(h, link, org)}})
	}
	return ui.svc.Hospitality.InviteHouseholdsByMail(ctx, s.User.TenantID, rec.Evening.ID, invites)
}

// confirmedMessage says who a confirmation writes to: households told
// their guests for the first time, updated ones, those that receive nobody
// now, and how many were left alone because nothing changed for them.
func confirmedMessage(sent []itinera.HospitalityNotice, hosts int, mailOn bool) string {
	n := map[itinera.NoticeKind]int{}
	for _, x := range sent {
		n[x.Kind]++
	}
	var parts []string
	if k := n[itinera.NoticeNew]; k > 0 {
		parts = append(parts, plural(k, "household")+" told their guests")
	}
	if k := n[itinera.NoticeUpdate]; k > 0 {
		parts = append(parts, plural(k, "household")+" sent an update")
	}
	if k := n[itinera.NoticeCancel]; k > 0 {
		parts = append(parts, plural(k, "household")+" told, with thanks, that they receive nobody now")
	}
	if k := hosts - n[itinera.NoticeNew] - n[itinera.NoticeUpdate]; k > 0 {
		parts = append(parts, plural(k, "household")+" not e-mailed (nothing changed for them)")
	}
	msg := "Confirmed: " + strings.Join(parts, "; ") + ". The evening is in the itinerary."
	if !mailOn && len(sent) > 0 {
		msg += " The e-mails wait in the outbox."
	}
	return msg
}
