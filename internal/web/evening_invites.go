package web

import (
	"strings"

	"itinera"
)

// Inviting households to an evening writes to each of them (one recipient
// per e-mail) with the date, the pick-up and a link to their personal
// page, where they say yes or no for that evening. Only the hash of a
// household's token is stored, so each invitation issues a new token, as
// the sign-up does: the household keeps one personal link, the newest,
// and the e-mail says it replaces the earlier ones.

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
