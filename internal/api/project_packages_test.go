package api

import (
	"context"
	"os"

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
