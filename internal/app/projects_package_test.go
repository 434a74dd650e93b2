package app_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/projectfile"
	"itinera/internal/storetest"
)

// TestStopPackageBetweenInstallations is issue 16's done-means of part 4:
// the agency's installation runs on SQLite, the city's on PostgreSQL (two
// stores, two application layers). A stop package moves from the agency
// to the city and the city's return package comes back; a package whose
// signer is not trusted is refused naming its fingerprint; a changed byte
// is refused; one package is imported once; a revoked key opens nothing.
func TestStopPackageBetweenInstallations(t *testing.T) {
	t.Parallel()
	f := mustProject(t, storetest.SQLite(t))   // installation A: the agency
	city := mustDemo(t, storetest.Postgres(t)) // installation B: the city
	b := city.withClock(t, f.clk)

	agencyKey, err := f.a.MyPublicKey(ctx, f.agency)
	must(t, err)
	again, err := f.a.MyPublicKey(ctx, f.agency)
	must(t, err)
	if agencyKey.KeyID != again.KeyID || !strings.HasPrefix(agencyKey.KeyID, "ed25519:") || !strings.Contains(agencyKey.PEM, "PUBLIC KEY") {
		t.Fatalf("agency key %+v, then %+v", agencyKey, again)
	}
	cityKey, err := b.MyPublicKey(ctx, city.c)
	must(t, err)

	pkg, err := f.a.ExportStopPackage(ctx, f.agency, f.view.Project.ID, f.stlStop.ID)
	must(t, err)
	if bytes.Contains(pkg, []byte("BR1234567")) || bytes.Contains(pkg, []byte("PRIVATE")) {
		t.Fatal("the stop package carries private data")
	}
	_, err = f.a.ExportStopPackage(ctx, f.stl, f.view.Project.ID, f.stlStop.ID)
	wantCode(t, err, itinera.EFORBIDDEN)

	// Not trusted yet: refused, naming the fingerprint to confirm.
	_, err = b.ImportStopPackage(ctx, city.c, pkg)
	wantCode(t, err, itinera.EINVALID)
	if fp := projectfile.FormatKeyID(agencyKey.KeyID); !strings.Contains(itinera.ErrorMessage(err), fp) {
		t.Fatalf("untrusted key: %q does not name %s", itinera.ErrorMessage(err), fp)
	}
	_, err = b.TrustKey(ctx, city.c, "", "not a key")
	wantField(t, err, "name")
	wantField(t, err, "public_key")
	trusted, err := b.TrustKey(ctx, city.c, "National Program Agency", agencyKey.PEM)
	must(t, err)
	_, err = b.TrustKey(ctx, city.c, "Again", agencyKey.PublicKey)
	wantCode(t, err, itinera.ECONFLICT)

	// One byte changed in the signed payload: refused.
	var env map[string]any
	must(t, json.Unmarshal(pkg, &env))
	payload, err := base64.StdEncoding.DecodeString(env["payload"].(string))
	must(t, err)
	i := bytes.Index(payload, []byte("St. Louis"))
	payload[i+4] = 'X'
	env["payload"] = base64.StdEncoding.EncodeToString(payload)
	tampered, err := json.Marshal(env)
	must(t, err)
	_, err = b.ImportStopPackage(ctx, city.c, tampered)
	wantCode(t, err, itinera.EINVALID)
	if !strings.Contains(itinera.ErrorMessage(err), "changed") {
		t.Fatalf("tampered: %v", err)
	}

	in, err := b.ImportStopPackage(ctx, city.c, pkg)
	must(t, err)
	if in.Program.City != "St. Louis" || in.Program.Title != "Combating Trafficking in Persons" || in.Stop.Number != 2 ||
		in.Created["visitors"] != 2 || in.Created["interpreters"] != 1 {
		t.Fatalf("imported %+v", in)
	}
	vs, err := city.s.Visitors(ctx, city.tenant.ID, in.Program.ID)
	must(t, err)
	if len(vs) != 2 || vs[1].Name() != "Ana Silva" || vs[1].Position != "Prosecutor" || vs[1].Email != "" {
		t.Fatalf("visitors %+v", vs)
	}
	_, err = b.ImportStopPackage(ctx, city.c, pkg)
	wantCode(t, err, itinera.ECONFLICT)

	// The city releases its program and sends it back.
	_, err = b.ExportReturnPackage(ctx, city.c, in.Program.ID)
	wantCode(t, err, itinera.EINVALID)
	_, err = b.ExportReturnPackage(ctx, city.c, city.program.ID)
	wantCode(t, err, itinera.EINVALID)
	must(t, city.s.SaveItinerary(ctx, &itinera.Itinerary{TenantID: city.tenant.ID, ProgramID: in.Program.ID, Note: "First draft"}))
	_, err = b.Release(ctx, city.c, in.Program.ID, app.ReleaseOptions{Note: "Ready"})
	must(t, err)
	ret, err := b.ExportReturnPackage(ctx, city.c, in.Program.ID)
	must(t, err)

	_, err = f.a.ImportReturnPackage(ctx, f.agency, ret)
	wantCode(t, err, itinera.EINVALID)
	if !strings.Contains(itinera.ErrorMessage(err), projectfile.FormatKeyID(cityKey.KeyID)) {
		t.Fatalf("untrusted city key: %v", err)
	}
	_, err = f.a.TrustKey(ctx, f.agency, "Gateway Global Hospitality", cityKey.PublicKey)
	must(t, err)
	_, err = f.a.ImportReturnPackage(ctx, f.agency, pkg)
	wantCode(t, err, itinera.EINVALID) // a stop package offered as a return
	_, err = f.a.ImportReturnPackage(ctx, f.stl, ret)
	wantCode(t, err, itinera.EFORBIDDEN) // not an agency
	sum, err := f.a.ImportReturnPackage(ctx, f.agency, ret)
	must(t, err)
	if sum.StopID != f.stlStop.ID || sum.Release != 1 || sum.Issuer != city.tenant.Name || sum.KeyID != cityKey.KeyID {
		t.Fatalf("return summary %+v", sum)
	}
	_, err = f.a.ImportReturnPackage(ctx, f.agency, ret)
	wantCode(t, err, itinera.ECONFLICT)
	rs, err := f.a.StopReturns(ctx, f.agency, f.stlStop.ID)
	must(t, err)
	if len(rs) != 1 || rs[0].ID != sum.ID {
		t.Fatalf("stop returns %+v", rs)
	}
	state, err := f.a.StopState(ctx, f.agency, f.stlStop.ID)
	must(t, err)
	if len(state.Returns) != 1 || state.Returns[0].Release != 1 {
		t.Fatalf("the stop's state shows the returns %+v", state.Returns)
	}
	_, err = f.a.StopReturns(ctx, f.stl, f.stlStop.ID)
	wantCode(t, err, itinera.EFORBIDDEN)

	// A revoked key opens nothing more.
	_, err = b.RevokeTrustedKey(ctx, city.c, trusted.ID)
	must(t, err)
	_, err = b.RevokeTrustedKey(ctx, city.c, trusted.ID)
	wantCode(t, err, itinera.ECONFLICT)
	f.clk.Add(time.Hour)
	newer, err := f.a.ExportStopPackage(ctx, f.agency, f.view.Project.ID, f.stlStop.ID)
	must(t, err)
	_, err = b.ImportStopPackage(ctx, city.c, newer)
	wantCode(t, err, itinera.EINVALID)
	keys, err := b.TrustedKeys(ctx, city.c)
	must(t, err)
	if len(keys) != 1 || keys[0].Live() {
		t.Fatalf("trusted keys %+v", keys)
	}
}
