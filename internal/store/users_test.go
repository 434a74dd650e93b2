package store_test

import (
	"testing"
	"time"

	"itinera"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

func mustStoreUser(t *testing.T, s *store.Store, tenant int64, email string, role itinera.Role) itinera.User {
	t.Helper()
	u := itinera.User{TenantID: tenant, Email: email, Name: "Name of " + email, Role: role}
	must(t, s.CreateUser(ctx, &u, "$argon2id$test"))
	return u
}

func TestUserAdministration(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a := mustFixture(t, s, "users-a")
		b := mustFixture(t, s, "users-b")
		ta, tb := a.tenant.ID, b.tenant.ID
		admin := mustStoreUser(t, s, ta, "admin@users-a.example.org", itinera.RoleAdmin)
		officer := mustStoreUser(t, s, ta, "officer@users-a.example.org", itinera.RoleOfficer)
		other := mustStoreUser(t, s, tb, "admin@users-b.example.org", itinera.RoleAdmin)

		got, err := s.User(ctx, ta, officer.ID)
		must(t, err)
		if got.Email != officer.Email || got.Role != itinera.RoleOfficer || got.CreatedAt.IsZero() {
			t.Fatalf("User = %+v", got)
		}
		// Another tenant's user is not found, for reading and for writing.
		_, err = s.User(ctx, tb, officer.ID)
		wantCode(t, err, itinera.ENOTFOUND)
		stranger := itinera.User{ID: officer.ID, TenantID: tb, Email: "x@example.org", Role: itinera.RoleAdmin}
		wantCode(t, s.UpdateUser(ctx, &stranger), itinera.ENOTFOUND)
		wantCode(t, s.DeleteUser(ctx, tb, officer.ID), itinera.ENOTFOUND)

		// Name, role and e-mail change; the e-mail is normalised.
		officer.Name, officer.Role, officer.Email = "Dana Reyes", itinera.RoleViewer, "  Dana@Users-A.example.org "
		must(t, s.UpdateUser(ctx, &officer))
		got, err = s.User(ctx, ta, officer.ID)
		must(t, err)
		if got.Name != "Dana Reyes" || got.Role != itinera.RoleViewer || got.Email != "dana@users-a.example.org" {
			t.Fatalf("after update: %+v", got)
		}
		// An e-mail in use, in any tenant, is a conflict on the field.
		officer.Email = other.Email
		err = s.UpdateUser(ctx, &officer)
		wantCode(t, err, itinera.ECONFLICT)
		if itinera.ErrorFields(err)["email"] == "" {
			t.Errorf("conflict names no e-mail field: %v", err)
		}
		officer.Email = "not an address"
		wantCode(t, s.UpdateUser(ctx, &officer), itinera.EINVALID)

		// The last administrator can be neither demoted nor deleted.
		demoted := admin
		demoted.Role = itinera.RoleOfficer
		err = s.UpdateUser(ctx, &demoted)
		wantCode(t, err, itinera.ECONFLICT)
		if itinera.ErrorFields(err)["role"] == "" {
			t.Errorf("last-admin conflict names no role field: %v", err)
		}
		wantCode(t, s.DeleteUser(ctx, ta, admin.ID), itinera.ECONFLICT)
		// B's administrator does not count for A.
		if got, _ := s.User(ctx, ta, admin.ID); got.Role != itinera.RoleAdmin {
			t.Fatalf("admin was demoted: %+v", got)
		}
		second := mustStoreUser(t, s, ta, "second@users-a.example.org", itinera.RoleAdmin)
		must(t, s.UpdateUser(ctx, &demoted))
		wantCode(t, s.DeleteUser(ctx, ta, second.ID), itinera.ECONFLICT)

		// Deleting a user ends their sessions and API tokens.
		sess := itinera.Session{TokenHash: hash('s'), UserID: officer.ID, CSRFToken: "csrf",
			ExpiresAt: storetest.Now().Add(time.Hour)}
		must(t, s.CreateSession(ctx, &sess))
		tok := itinera.APIToken{UserID: officer.ID, Name: "laptop", TokenHash: hash('t')}
		must(t, s.CreateAPIToken(ctx, &tok))
		must(t, s.DeleteUser(ctx, ta, officer.ID))
		_, _, err = s.SessionByTokenHash(ctx, hash('s'), storetest.Now())
		wantCode(t, err, itinera.ENOTFOUND)
		_, err = s.UserByAPITokenHash(ctx, hash('t'))
		wantCode(t, err, itinera.ENOTFOUND)
		_, err = s.User(ctx, ta, officer.ID)
		wantCode(t, err, itinera.ENOTFOUND)
		wantCode(t, s.DeleteUser(ctx, ta, officer.ID), itinera.ENOTFOUND)
		if us, err := s.Users(ctx, tb); err != nil || len(us) != 1 {
			t.Fatalf("B's users after A's changes: %+v, %v", us, err)
		}
	})
}

func TestTenantSettings(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a := mustFixture(t, s, "settings-a")
		b := mustFixture(t, s, "settings-b")

		// The slug stays whatever the caller passes.
		ten := itinera.Tenant{ID: a.tenant.ID, Slug: "renamed", Name: " Global St. Louis ", TimeZone: "America/New_York"}
		must(t, s.UpdateTenant(ctx, &ten))
		got, err := s.Tenant(ctx, a.tenant.ID)
		must(t, err)
		if got.Slug != "settings-a" || got.Name != "Global St. Louis" || got.TimeZone != "America/New_York" {
			t.Fatalf("tenant = %+v", got)
		}
		bad := itinera.Tenant{ID: a.tenant.ID, Name: "", TimeZone: "Mars/Olympus"}
		err = s.UpdateTenant(ctx, &bad)
		wantCode(t, err, itinera.EINVALID)
		if f := itinera.ErrorFields(err); f["name"] == "" || f["time_zone"] == "" {
			t.Errorf("fields = %v", f)
		}
		missing := itinera.Tenant{ID: 1 << 40, Name: "x", TimeZone: "UTC"}
		wantCode(t, s.UpdateTenant(ctx, &missing), itinera.ENOTFOUND)

		st, err := s.Settings(ctx, a.tenant.ID)
		must(t, err)
		if st.Name != "Global St. Louis" || st.MailFromName != "" || st.MailFromAddress != "" || st.Slug != "settings-a" {
			t.Fatalf("settings = %+v", st)
		}
		st.Name, st.MailFromName, st.MailFromAddress = "Global STL", "Global STL programs", " Programs@GlobalSTL.example.org"
		must(t, s.UpdateSettings(ctx, &st))
		name, addr, err := s.TenantMailFrom(ctx, a.tenant.ID)
		must(t, err)
		if name != "Global STL programs" || addr != "programs@globalstl.example.org" {
			t.Fatalf("mail from = %q <%s>", name, addr)
		}
		// Every wrong field is named at once, and nothing is saved.
		wrong := itinera.Settings{TenantID: a.tenant.ID, TimeZone: "nowhere", MailFromName: "two\nlines", MailFromAddress: "nope"}
		err = s.UpdateSettings(ctx, &wrong)
		wantCode(t, err, itinera.EINVALID)
		if f := itinera.ErrorFields(err); len(f) != 4 {
			t.Errorf("fields = %v, want name, time_zone, mail_from_name, mail_from_address", f)
		}
		// B's settings are untouched by A's.
		sb, err := s.Settings(ctx, b.tenant.ID)
		must(t, err)
		if sb.Name != b.tenant.Name || sb.MailFromName != "" {
			t.Fatalf("B's settings = %+v", sb)
		}
	})
}

func TestAPITokenAdministration(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a := mustFixture(t, s, "tokens-a")
		b := mustFixture(t, s, "tokens-b")
		ua := mustStoreUser(t, s, a.tenant.ID, "officer@tokens-a.example.org", itinera.RoleOfficer)
		ub := mustStoreUser(t, s, b.tenant.ID, "officer@tokens-b.example.org", itinera.RoleOfficer)

		list, err := s.APITokens(ctx, a.tenant.ID)
		must(t, err)
		if len(list) != 0 {
			t.Fatalf("tokens of a new tenant: %+v", list)
		}
		first := itinera.APIToken{UserID: ua.ID, Name: "reports", TokenHash: hash('1')}
		must(t, s.CreateAPIToken(ctx, &first))
		second := itinera.APIToken{UserID: ua.ID, Name: "sync", TokenHash: hash('2')}
		must(t, s.CreateAPIToken(ctx, &second))
		foreign := itinera.APIToken{UserID: ub.ID, Name: "b's", TokenHash: hash('3')}
		must(t, s.CreateAPIToken(ctx, &foreign))

		list, err = s.APITokens(ctx, a.tenant.ID)
		must(t, err)
		if len(list) != 2 || list[0].ID != second.ID || list[1].ID != first.ID {
			t.Fatalf("tokens = %+v, want sync then reports", list)
		}
		if x := list[0]; x.UserEmail != ua.Email || x.Name != "sync" || x.Revoked() || x.TokenHash != "" || x.CreatedAt.IsZero() {
			t.Fatalf("token = %+v", x)
		}

		// Another tenant cannot revoke A's token.
		wantCode(t, s.RevokeAPIToken(ctx, b.tenant.ID, first.ID), itinera.ENOTFOUND)
		must(t, s.RevokeAPIToken(ctx, a.tenant.ID, first.ID))
		must(t, s.RevokeAPIToken(ctx, a.tenant.ID, first.ID)) // again: no error
		_, err = s.UserByAPITokenHash(ctx, hash('1'))
		wantCode(t, err, itinera.ENOTFOUND)
		if _, err := s.UserByAPITokenHash(ctx, hash('2')); err != nil {
			t.Fatalf("the other token stopped working: %v", err)
		}
		list, err = s.APITokens(ctx, a.tenant.ID)
		must(t, err)
		if !list[1].Revoked() || list[0].Revoked() {
			t.Fatalf("after revoking: %+v", list)
		}
		wantCode(t, s.RevokeAPIToken(ctx, a.tenant.ID, 1<<40), itinera.ENOTFOUND)
	})
}

// A password made for a user (a new account's, a reset) must be changed at
// the next sign-in; one they choose clears that. Both end their sessions.
func TestMustChangePassword(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a := mustFixture(t, s, "pw-a")
		b := mustFixture(t, s, "pw-b")
		u := itinera.User{TenantID: a.tenant.ID, Email: "new@pw-a.example.org", Role: itinera.RoleOfficer, MustChangePassword: true}
		must(t, s.CreateUser(ctx, &u, "$argon2id$one"))
		flag := func(want bool, when string) {
			t.Helper()
			got, hash, err := s.UserByEmail(ctx, u.Email)
			must(t, err)
			if got.MustChangePassword != want {
				t.Errorf("%s: MustChangePassword %v, want %v", when, got.MustChangePassword, want)
			}
			if byID, err := s.User(ctx, a.tenant.ID, u.ID); err != nil || byID.MustChangePassword != want {
				t.Errorf("%s: User() %+v %v", when, byID, err)
			}
			_ = hash
		}
		flag(true, "created with a made password")
		session := func() string {
			t.Helper()
			se := itinera.Session{TokenHash: "tok-" + time.Now().Format("150405.000000000"), UserID: u.ID, CSRFToken: "c",
				ExpiresAt: storetest.Clock.Add(time.Hour)}
			must(t, s.CreateSession(ctx, &se))
			if _, got, err := s.SessionByTokenHash(ctx, se.TokenHash, storetest.Clock); err != nil || !got.MustChangePassword {
				t.Errorf("session's user %+v %v", got, err)
			}
			return se.TokenHash
		}
		tok := session()
		must(t, s.SetPassword(ctx, u.ID, "$argon2id$mine"))
		flag(false, "after choosing one")
		if _, _, err := s.SessionByTokenHash(ctx, tok, storetest.Clock); itinera.ErrorCode(err) != itinera.ENOTFOUND {
			t.Errorf("session after SetPassword: %v", err)
		}
		wantCode(t, s.ResetPassword(ctx, b.tenant.ID, u.ID, "$argon2id$other"), itinera.ENOTFOUND)
		flag(false, "after another organization's reset")
		must(t, s.ResetPassword(ctx, a.tenant.ID, u.ID, "$argon2id$reset"))
		flag(true, "after a reset")
		if _, hash, _ := s.UserByEmail(ctx, u.Email); hash != "$argon2id$reset" {
			t.Errorf("hash %q", hash)
		}
	})
}
