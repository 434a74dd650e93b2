package api

import (
	"net/http"
	"time"

	"itinera"
)

// The organization's mailbox for answers, for administrators: the IMAP
// mailbox Itinera reads, and how reading it goes. The password is write
// only: has_password says whether one is stored.

type mailboxJSON struct {
	Version     int              `json:"version"`
	Host        string           `json:"host"`
	Port        int              `json:"port"`
	Security    string           `json:"security"`
	Username    string           `json:"username"`
	Folder      string           `json:"folder"`
	HasPassword bool             `json:"has_password"`
	State       mailboxStateJSON `json:"state"`
}

type mailboxStateJSON struct {
	LastPollAt    *string              `json:"last_poll_at"`
	LastError     string               `json:"last_error"`
	LastErrorAt   *string              `json:"last_error_at"`
	Idle          bool                 `json:"idle"`
	MessagesTaken int                  `json:"messages_taken"`
	UIDValidity   int64                `json:"uid_validity"`
	LastUID       int64                `json:"last_uid"`
	NotTaken      []mailboxProblemJSON `json:"not_taken"`
}

type mailboxProblemJSON struct {
	UID           int64   `json:"uid"`
	UIDValidity   int64   `json:"uid_validity"`
	Size          int64   `json:"size"`
	Status        string  `json:"status"`
	Attempts      int     `json:"attempts"`
	Reason        string  `json:"reason"`
	FirstAt       string  `json:"first_at"`
	NextAttemptAt *string `json:"next_attempt_at"`
}

type mailboxInput struct {
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Security string `json:"security"`
	Username string `json:"username"`
	// Password left out or empty keeps the stored one.
	Password string `json:"password"`
	Folder   string `json:"folder"`
}

func newMailboxJSON(m itinera.Mailbox, st itinera.MailboxState) mailboxJSON {
	j := mailboxJSON{Version: m.Version, Host: m.Host, Port: m.Port, Security: string(m.Security), Username: m.Username,
		Folder: m.Folder, HasPassword: m.HasPassword,
		State: mailboxStateJSON{LastPollAt: optInstant(st.LastPollAt, time.UTC), LastError: st.LastError, Idle: st.Idle,
			MessagesTaken: st.Taken, UIDValidity: int64(st.UIDValidity), LastUID: int64(st.LastUID), NotTaken: []mailboxProblemJSON{}}}
	if st.LastError != "" {
		j.State.LastErrorAt = optInstant(st.LastErrorAt, time.UTC)
	}
	if j.Security == "" {
		j.Security = string(itinera.MailboxTLS)
	}
	for _, p := range st.Problems {
		j.State.NotTaken = append(j.State.NotTaken, mailboxProblemJSON{UID: int64(p.UID), UIDValidity: int64(p.UIDValidity), Size: p.Size,
			Status: string(p.Status), Attempts: p.Attempts, Reason: p.Reason, FirstAt: instant(p.FirstAt, time.UTC),
			NextAttemptAt: optInstant(p.NextAttempt, time.UTC)})
	}
	return j
}

func (a *API) getMailbox(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	m, st, err := a.app.Mailbox(r.Context(), a.caller(r, u))
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(m.Version))
	return a.ok(w, r, newMailboxJSON(m, st))
}

// putMailbox replaces the mailbox settings; an empty host stops reading
// a mailbox and forgets its password.
func (a *API) putMailbox(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	v, err := ifMatch(r)
	if err != nil {
		return err
	}
	var in mailboxInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	m, st, err := a.app.UpdateMailbox(r.Context(), a.caller(r, u), itinera.Mailbox{Version: v, Host: in.Host, Port: in.Port,
		Security: itinera.MailboxSecurity(in.Security), Username: in.Username, Password: in.Password, Folder: in.Folder})
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(m.Version))
	return a.ok(w, r, newMailboxJSON(m, st))
}
