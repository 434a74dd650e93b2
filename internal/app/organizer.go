package app

import (
	"context"

	"itinera"
	"itinera/internal/hosting"
	"itinera/internal/ical"
)

// Who the e-mails and calendar invitations of a workflow come from. One
// rule for every surface: the organization's e-mail sender when it has
// one (replies then reach the organization's mailbox), else the person
// acting, else the organization's first administrator.

// sender is the organization and the person its messages come from.
type sender struct {
	Org   string // the organization's name
	Name  string
	Email string
}

func (a *App) sender(ctx context.Context, c Caller) (sender, error) {
	st, err := a.s.Settings.Settings(ctx, c.tenant())
	if err != nil {
		return sender{}, err
	}
	out := sender{Org: st.Name}
	switch {
	case st.MailFromAddress != "":
		out.Name, out.Email = st.MailFromName, st.MailFromAddress
	case c.User.Email != "":
		out.Name, out.Email = c.User.Name, c.User.Email
	default:
		users, err := a.s.Accounts.Users(ctx, c.tenant())
		if err != nil {
			return sender{}, err
		}
		for _, u := range users {
			if u.Role == itinera.RoleAdmin {
				out.Name, out.Email = u.Name, u.Email
				break
			}
		}
	}
	if out.Name == "" {
		out.Name = st.Name
	}
	return out, nil
}

// organizer is the ORGANIZER of the calendar invitations.
func (a *App) organizer(ctx context.Context, c Caller) (ical.Person, error) {
	s, err := a.sender(ctx, c)
	return ical.Person{Name: s.Name, Email: s.Email}, err
}

// hostOrganizer is who the hosts' e-mails come from.
func (a *App) hostOrganizer(ctx context.Context, c Caller) (hosting.Organizer, error) {
	s, err := a.sender(ctx, c)
	return hosting.Organizer{Org: s.Org, Name: s.Name, Email: s.Email}, err
}
