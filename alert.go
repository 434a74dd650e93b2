package itinera

import (
	"net/mail"
	"strconv"
	"time"
)

// Notifications: what needs an officer's attention, derived from the
// records themselves (a resource's answer, a request past its reply-by
// date, a message that failed for good, a host's answer), never stored
// on their own. Each user keeps a "seen up to" instant; what happened
// after it is new.

// AlertKind says what a notification is about.
type AlertKind string

// Notification kinds.
const (
	AlertAnswer  AlertKind = "answer"  // a resource answered a request
	AlertOverdue AlertKind = "overdue" // a request passed its reply-by date unanswered
	AlertFailed  AlertKind = "failed"  // an outbox message failed for good
	AlertHost    AlertKind = "host"    // a host household answered an invitation
	// AlertMail: a resource answered a request by e-mail or from their
	// calendar application (Answer: "calendar" for a proposed new time,
	// "mail" for a reply).
	AlertMail AlertKind = "mail"
	// AlertUnmatched: a received message matched none of the records.
	AlertUnmatched AlertKind = "unmatched"
	// AlertProject: a hand-off of a multi-city project (a roster change,
	// a moved arrival, a stop accepted): Who is the project, What the
	// notice, SubjectID the project.
	AlertProject AlertKind = "project"
)

// AlertWindow is how far back the bell looks.
const AlertWindow = 30 * 24 * time.Hour

// Alert is one notification.
type Alert struct {
	Kind AlertKind
	At   time.Time
	// SubjectID is the request, message or evening it is about.
	SubjectID int64
	// Who and What name it: the resource and the meeting, the recipient
	// and the subject, the household and the program.
	Who, What string
	// Answer is the resource's or host's answer ("accept", "yes", …).
	Answer string
}

// Text says what happened, in plain words.
func (n Alert) Text() string {
	switch n.Kind {
	case AlertAnswer:
		verb := "answered"
		switch n.Answer {
		case "accept":
			verb = "accepted"
		case "decline":
			verb = "declined"
		case "counter":
			verb = "proposed other times for"
		case "available":
			verb = "said when they are free for"
		}
		return n.Who + " " + verb + " the request for " + n.What + "."
	case AlertMail:
		if n.Answer == "calendar" {
			return n.Who + " proposed a new time for " + n.What + " from their calendar."
		}
		return n.Who + " replied by e-mail about " + n.What + "."
	case AlertProject:
		return n.Who + ": " + n.What
	case AlertUnmatched:
		return "A message from " + n.Who + " (" + n.What + ") matched no request."
	case AlertOverdue:
		return n.Who + " has not answered the request for " + n.What + " by its reply-by date."
	case AlertFailed:
		return "The message to " + recipientName(n.Who) + " (" + n.What + ") could not be delivered."
	case AlertHost:
		verb := "answered"
		switch n.Answer {
		case "yes":
			verb = "can host"
		case "no":
			verb = "cannot host"
		}
		return n.Who + " " + verb + " an evening of " + n.What + "."
	}
	return n.What
}

// Path is the page the notification links to.
func (n Alert) Path() string {
	switch n.Kind {
	case AlertAnswer, AlertOverdue, AlertMail:
		return "/requests/" + strconv.FormatInt(n.SubjectID, 10)
	case AlertUnmatched:
		return "/mail/unmatched"
	case AlertFailed:
		return "/outbox/" + strconv.FormatInt(n.SubjectID, 10)
	case AlertHost:
		return "/evenings/" + strconv.FormatInt(n.SubjectID, 10)
	case AlertProject:
		return "/projects/" + strconv.FormatInt(n.SubjectID, 10)
	}
	return "/"
}

// recipientName is how a message's To reads in a sentence: the name, or
// the address when it has none.
func recipientName(to string) string {
	a, err := mail.ParseAddress(to)
	switch {
	case err != nil:
		return to
	case a.Name != "":
		return a.Name
	}
	return a.Address
}
