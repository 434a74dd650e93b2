package app

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"

	"itinera"
	"itinera/internal/requests"
)

// A request's own reply address: the organization's sender address with a
// "+r<request>-<code>" tag (programs+r42-1f3a…@stl-global.example.org),
// sent as the Reply-To of the request's e-mails, so that a reply finds its
// request even when the resource's client drops In-Reply-To. The code is
// an HMAC of the organization and the request under the organization's
// own secret key (stored in the database, never shown): the address
// cannot be guessed, nor made for another request or organization.

// replyCodeLen is the code's length in hex digits (80 bits).
const replyCodeLen = 20

func replyCode(key []byte, tenantID, requestID int64) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("request-reply:" + strconv.FormatInt(tenantID, 10) + ":" + strconv.FormatInt(requestID, 10)))
	return hex.EncodeToString(m.Sum(nil))[:replyCodeLen]
}

// replyAddressFor is the reply address of request requestID; "" when the
// organization has no sender address.
func replyAddressFor(from string, key []byte, tenantID, requestID int64) string {
	from = strings.ToLower(strings.TrimSpace(from))
	at := strings.LastIndex(from, "@")
	if at <= 0 || len(key) == 0 {
		return ""
	}
	return from[:at] + "+r" + strconv.FormatInt(requestID, 10) + "-" + replyCode(key, tenantID, requestID) + from[at:]
}

var replyTagRe = regexp.MustCompile(`^r([0-9]{1,18})-([0-9a-f]{` + strconv.Itoa(replyCodeLen) + `})$`)

// requestOfReplyAddress is the request whose reply address addr is; 0
// when it is none of the organization's.
func requestOfReplyAddress(addr, from string, key []byte, tenantID int64) int64 {
	addr, from = strings.ToLower(addr), strings.ToLower(strings.TrimSpace(from))
	at, fat := strings.LastIndex(addr, "@"), strings.LastIndex(from, "@")
	if at <= 0 || fat <= 0 || addr[at:] != from[fat:] || !strings.HasPrefix(addr[:at], from[:fat]+"+") {
		return 0
	}
	sm := replyTagRe.FindStringSubmatch(addr[fat+1 : at])
	if sm == nil {
		return 0
	}
	id, err := strconv.ParseInt(sm[1], 10, 64)
	if err != nil || !hmac.Equal([]byte(sm[2]), []byte(replyCode(key, tenantID, id))) {
		return 0
	}
	return id
}

// replyAddress is the reply address of one of the caller's requests; ""
// when the organization has no sender address.
func (a *App) replyAddress(ctx context.Context, c Caller, requestID int64) (string, error) {
	st, err := a.s.Settings.Settings(ctx, c.tenant())
	if err != nil || st.MailFromAddress == "" || a.s.Inbound == nil {
		return "", err
	}
	key, err := a.s.Inbound.ReplyKey(ctx, c.tenant())
	if err != nil {
		return "", err
	}
	return replyAddressFor(st.MailFromAddress, key, c.tenant(), requestID), nil
}

// withReplyTo gives the messages notify composes the request's reply
// address.
func withReplyTo(addr string, notify itinera.ConfirmNotify) itinera.ConfirmNotify {
	return func(cf itinera.Confirmed) ([]itinera.OutboxMessage, error) {
		msgs, err := notify(cf)
		for i := range msgs {
			msgs[i].ReplyTo = addr
		}
		return msgs, err
	}
}

// replyToUpdates gives each resource's update its request's reply
// address.
func (a *App) replyToUpdates(ctx context.Context, c Caller, ups []requests.Update) error {
	for i := range ups {
		addr, err := a.replyAddress(ctx, c, ups[i].RequestID)
		if err != nil {
			return err
		}
		for j := range ups[i].Messages {
			ups[i].Messages[j].ReplyTo = addr
		}
	}
	return nil
}

// requestOfRecipients is the request whose reply address the message was
// sent to; 0 if none.
func (a *App) requestOfRecipients(ctx context.Context, c Caller, recipients []string) (int64, error) {
	st, err := a.s.Settings.Settings(ctx, c.tenant())
	if err != nil || st.MailFromAddress == "" {
		return 0, err
	}
	var key []byte
	for _, r := range recipients {
		if !strings.Contains(r, "+r") {
			continue
		}
		if key == nil {
			if key, err = a.s.Inbound.ReplyKey(ctx, c.tenant()); err != nil {
				return 0, err
			}
		}
		if id := requestOfReplyAddress(r, st.MailFromAddress, key, c.tenant()); id != 0 {
			if _, err := a.s.Requests.Request(ctx, c.tenant(), id); err == nil {
				return id, nil
			}
		}
	}
	return 0, nil
}
