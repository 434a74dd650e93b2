package api

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/projectfile"
)

// trustedKey is a partner key tenant A trusts: the test agency key.
func (e *env) trustedKey() itinera.TrustedKey {
	e.t.Helper()
	b, err := os.ReadFile("../projectfile/testdata/agency.pub.pem")
	must(e.t, err)
	pub, err := projectfile.ParsePublicKey(string(b))
	must(e.t, err)
	k := itinera.TrustedKey{TenantID: e.tenantA.ID, Name: "Atlas Exchange Programs (demo)", PublicKey: projectfile.MarshalPublicKey(pub),
		KeyID: projectfile.KeyID(pub), CreatedBy: "test"}
	must(e.t, e.store.CreateTrustedKey(context.Background(), &k))
	return k
}

// TestProjectPackagesThroughTheAPI: the agency reads its key and exports
// a stop package; tenant A refuses it until it trusts the agency's key
// (the message names the fingerprint), then imports it once; tenant B
// sees none of A's trusted keys.
func TestProjectPackagesThroughTheAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		pf := e.projects()
		keys := e.do("GET", "/api/v1/keys", pf.agency, nil).expect(http.StatusOK).object()
		fp, _ := keys["fingerprint"].(string)
		if len(fp) != 39 || keys["public_key_pem"] == nil {
			t.Fatalf("keys %v", keys)
		}
		pkg := e.do("POST", "/api/v1/stops/"+id(pf.proposed.ID)+"/package", pf.agency, nil).expect(http.StatusOK).Body.String()
		r := e.do("POST", "/api/v1/packages/stop", e.officerA, fileBody{"application/json", pkg}).expect(http.StatusUnprocessableEntity)
		if _, msg, _ := r.apiError(); !strings.Contains(msg, fp) {
			t.Fatalf("untrusted: %q does not name %s", msg, fp)
		}
		trusted := e.do("POST", "/api/v1/trusted-keys", e.officerA, map[string]any{"name": "National Program Agency",
			"public_key": keys["public_key"]}).expect(http.StatusCreated).object()
		got := e.do("POST", "/api/v1/packages/stop", e.officerA, fileBody{"application/json", pkg}).expect(http.StatusCreated).object()
		if got["city"] != "St. Louis" || got["project"] != "Rule of Law Exchange" {
			t.Fatalf("imported %v", got)
		}
		e.do("POST", "/api/v1/packages/stop", e.officerA, fileBody{"application/json", pkg}).expect(http.StatusConflict)
		tampered := strings.Replace(pkg, `"payload": "ew`, `"payload": "eW`, 1)
		if tampered == pkg {
			t.Fatal("no payload to change")
		}
		e.do("POST", "/api/v1/packages/stop", e.officerA, fileBody{"application/json", tampered}).expect(http.StatusUnprocessableEntity)
		b := e.do("GET", "/api/v1/keys", e.officerB, nil).expect(http.StatusOK).object()
		if n := len(b["trusted"].([]any)); n != 0 {
			t.Fatalf("tenant B sees %d trusted keys", n)
		}
		e.do("POST", "/api/v1/trusted-keys/"+id(int64(trusted["id"].(float64)))+"/revoke", e.officerB, nil).expect(http.StatusNotFound)
		e.do("GET", "/api/v1/stops/"+id(pf.proposed.ID)+"/returns", pf.agency, nil).expect(http.StatusOK)
	})
}
