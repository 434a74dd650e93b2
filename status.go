package itinera

// One vocabulary of statuses: every page, e-mail and export shows a
// status with the same word, and the help page explains each from this
// table. A status not listed here is shown as stored.

// StatusWord is one status of one kind of record, as people read it.
type StatusWord struct {
	Kind  string // "request", "meeting", "message", "evening", "program", "household"
	Value string // as stored and in the API
	Label string // as shown
	Means string // what it means, in a sentence
}

// StatusKinds names the kinds of records with a status, in the order the
// help page lists them, with a heading for each.
func StatusKinds() [][2]string {
	return [][2]string{
		{"program", "Programs"},
		{"meeting", "Meetings and activities"},
		{"request", "Meeting requests"},
		{"message", "Messages in the Outbox"},
		{"evening", "Hospitality evenings"},
		{"household", "Host households"},
	}
}

// StatusWords is the whole vocabulary.
func StatusWords() []StatusWord {
	return []StatusWord{
		{"program", string(ProgramPlanning), "planning", "The officer is building the program; nothing has been released to the delegation yet."},
		{"program", string(ProgramReleased), "released", "A version of the itinerary has been released: the delegation has its program."},
		{"program", string(ProgramRunning), "running", "The delegation is in town."},
		{"program", string(ProgramCompleted), "completed", "The visit is over: the delegation has left the city."},
		{"program", string(ProgramCancelled), "cancelled", "The visit will not take place."},

		{"meeting", string(MeetingCandidate), "candidate", "In the pool of possible meetings; nobody has been asked yet."},
		{"meeting", string(MeetingRequested), "requested", "A request is out to the resource; no answer yet."},
		{"meeting", string(MeetingAccepted), "accepted", "The resource said yes; the officer has not fixed the time yet."},
		{"meeting", string(MeetingConfirmed), "confirmed", "Time and place are final, and the resource has a calendar invitation."},
		{"meeting", string(MeetingDeclined), "declined", "The resource said no."},
		{"meeting", string(MeetingCancelled), "cancelled", "The officer cancelled it; it is out of the itinerary and everyone told was sent a cancellation."},

		{"request", string(RequestDraft), "draft", "Written, not sent: the resource knows nothing yet."},
		{"request", string(RequestSent), "sent", "The request e-mail is in the Outbox or delivered (the Outbox says which); the resource has not opened the link yet."},
		{"request", string(RequestViewed), "viewed", "The resource opened the link and has not answered yet."},
		{"request", string(RequestAccepted), "accepted", "The resource said yes to one or more times; confirm one to fix the meeting."},
		{"request", string(RequestCountered), "counter-proposed", "The resource proposed other times."},
		{"request", string(RequestDeclined), "declined", "The resource said no (on the link, or as recorded by the officer)."},
		{"request", string(RequestExpired), "expired", "Nobody answered before the link's last day; the link no longer works."},
		{"request", string(RequestWithdrawn), "withdrawn", "The officer withdrew the request; the link says so."},

		{"message", string(OutboxQueued), "queued", "Waiting in the Outbox: not sent yet (the demo never sends)."},
		{"message", string(OutboxSending), "sending", "Being handed to the mail server now."},
		{"message", string(OutboxSent), "sent", "The mail server accepted it."},
		{"message", string(OutboxFailed), "failed", "The mail server refused it after every retry; the Outbox shows why and can try again."},

		{"evening", string(EveningPlanning), "planning", "Households are being invited; guests are not placed yet."},
		{"evening", string(EveningMatched), "matched", "Guests are placed in a saved matching; the households have not been told."},
		{"evening", string(EveningConfirmed), "confirmed", "The matching is final: households have their guests and the evening is in the itinerary."},

		{"household", string(HouseholdPending), "pending", "Signed up; waiting for the officer's approval."},
		{"household", string(HouseholdApproved), "approved", "May be invited to evenings."},
		{"household", string(HouseholdRejected), "rejected", "Not approved as hosts."},
		{"household", string(HouseholdWithdrawn), "withdrawn", "The household stopped hosting."},
	}
}

// StatusLabel is how a status of a kind is shown.
func StatusLabel(kind, value string) string {
	for _, w := range StatusWords() {
		if w.Kind == kind && w.Value == value {
			return w.Label
		}
	}
	return value
}

// CalendarMethodLabel says in words what a message's calendar part does
// (an iCalendar METHOD).
func CalendarMethodLabel(method string) string {
	switch method {
	case "REQUEST":
		return "calendar invitation"
	case "CANCEL":
		return "calendar cancellation"
	case "PUBLISH":
		return "calendar file"
	case "DECLINECOUNTER":
		return "new time declined"
	case "":
		return ""
	}
	return "calendar " + method
}
