package app

import (
	"context"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/letters"
)

// The hosts' own side, without an account: the public sign-up form and the
// personal link (/h/{token}) on which a household updates its details,
// answers invitations and withdraws. The link's token is the credential;
// only its hash is stored.

// SignedUp is a new household and the token of its personal link, which
// the sign-up page shows once.
type SignedUp struct {
	Household itinera.HostHousehold
	Token     string
	Link      string
}

// SignUpHousehold stores a new, pending household of the organization
// with the given slug, and e-mails it its personal link. site is the
// address links point to.
func (a *App) SignUpHousehold(ctx context.Context, slug, site string, h itinera.HostHousehold) (SignedUp, error) {
	var out SignedUp
	// Only an organization's own sign-up page may have an address looked up.
	if _, err := a.s.Accounts.TenantBySlug(ctx, slug); err != nil {
		return out, err
	}
	if err := a.locateHome(ctx, &h); err != nil {
		return out, err
	}
	err := a.inTx(ctx, func(ctx context.Context) error {
		t, err := a.s.Accounts.TenantBySlug(ctx, slug)
		if err != nil {
			return err
		}
		h.TenantID, h.ID, h.Status = t.ID, 0, itinera.HouseholdPending
		if err := h.Validate(); err != nil {
			return err
		}
		token, hash, err := auth.NewToken()
		if err != nil {
			return err
		}
		link := hostLink(site, token)
		m, err := letters.Default.HouseholdSignUp(t.ID, letters.HouseholdSignUp{
			To: letters.Recipient{Name: h.ContactName, Email: h.Email}, Organization: t.Name, Link: link})
		if err != nil {
			return err
		}
		if err := a.s.Hospitality.SignUpHousehold(ctx, &h, itinera.HouseholdLink{TokenHash: hash,
			ExpiresAt: a.now().Add(a.hostTTL), Mail: m}); err != nil {
			return err
		}
		out = SignedUp{Household: h, Token: token, Link: link}
		return a.audit(ctx, hostViaLink, t.ID, "household", "sign up", nil, h)
	})
	return out, err
}

// UpdateHousehold stores the host's own changes (never the status).
func (a *App) UpdateHousehold(ctx context.Context, tokenHash string, h itinera.HostHousehold) error {
	// Only a working link may have an address looked up.
	if _, err := a.s.Hospitality.HouseholdByToken(ctx, tokenHash); err != nil {
		return err
	}
	if err := a.locateHome(ctx, &h); err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context) error {
		old, err := a.s.Hospitality.HouseholdByToken(ctx, tokenHash)
		if err != nil {
			return err
		}
		h.ID, h.TenantID, h.Status = old.ID, old.TenantID, old.Status
		if err := h.Validate(); err != nil {
			return err
		}
		if err := a.s.Hospitality.UpdateHouseholdByToken(ctx, tokenHash, &h); err != nil {
			return err
		}
		now, err := a.s.Hospitality.Household(ctx, old.TenantID, old.ID)
		if err != nil {
			return err
		}
		return a.audit(ctx, hostViaLink, old.TenantID, "household", actUpdate, old, now)
	})
}

// AnswerInvitation records the host's yes or no for one evening.
func (a *App) AnswerInvitation(ctx context.Context, tokenHash string, eveningID int64, ans itinera.HostAnswer) error {
	if err := ans.Validate(); err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context) error {
		h, err := a.s.Hospitality.HouseholdByToken(ctx, tokenHash)
		if err != nil {
			return err
		}
		if err := a.s.Hospitality.AnswerInvitationByToken(ctx, tokenHash, eveningID, ans); err != nil {
			return err
		}
		ev, err := a.s.Hospitality.Evening(ctx, h.TenantID, eveningID)
		if err != nil {
			return err
		}
		return a.auditAt(ctx, hostViaLink, h.TenantID, "evening", eveningID, ev.ProgramID, "host answer", nil,
			map[string]any{"HouseholdID": h.ID, "Household": h.Name, "Answer": ans})
	})
}

// WithdrawHousehold withdraws the link's household from every evening not
// yet held.
func (a *App) WithdrawHousehold(ctx context.Context, tokenHash string) error {
	return a.inTx(ctx, func(ctx context.Context) error {
		h, err := a.s.Hospitality.HouseholdByToken(ctx, tokenHash)
		if err != nil {
			return err
		}
		if err := a.s.Hospitality.WithdrawHouseholdByToken(ctx, tokenHash); err != nil {
			return err
		}
		now, err := a.s.Hospitality.Household(ctx, h.TenantID, h.ID)
		if err != nil {
			return err
		}
		return a.audit(ctx, hostViaLink, h.TenantID, "household", "withdraw", h, now)
	})
}
