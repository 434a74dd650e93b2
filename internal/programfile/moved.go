package programfile

import (
	"time"

	"itinera"
)

// LinkNotCarried is the history entry of a request whose resource could
// still answer from their link when the program was exported.
const LinkNotCarried = "The program was imported from a program file, which does not carry the resource's link: send the request again to give them a new one."

// Moved returns the request as an import stores it, at: the resource's
// personal link is never carried, so a request they could still answer
// from it — live (sent, viewed, accepted or counter-proposed) and not
// confirmed — says that its link must be sent again. A sent or viewed
// request arrives expired, which is how Itinera shows a request whose link
// no longer works and offers to send it again; an answered one keeps its
// answer and status. Each gets a history entry saying so. Every other
// request arrives as it left.
func Moved(r itinera.Request, at time.Time) itinera.Request {
	if !r.Status.Live() || r.IsConfirmed() {
		return r
	}
	if r.Status == itinera.RequestSent || r.Status == itinera.RequestViewed {
		r.Status = itinera.RequestExpired
	}
	r.Events = append(append([]itinera.RequestEvent{}, r.Events...),
		itinera.RequestEvent{At: at.UTC(), Kind: itinera.EventImported, Detail: LinkNotCarried})
	return r
}
