package httpstatus

import (
	"testing"

	"itinera"
)

func TestOf(t *testing.T) {
	for code, want := range map[string]int{itinera.EINVALID: 422, itinera.ENOTFOUND: 404, itinera.EFORBIDDEN: 403,
		itinera.EUNAUTHORIZED: 401, itinera.ECONFLICT: 409, itinera.ETOOMANY: 429, itinera.EINTERNAL: 500, "": 500, "odd": 500} {
		if got := Of(code); got != want {
			t.Errorf("Of(%q) = %d, want %d", code, got, want)
		}
	}
}
