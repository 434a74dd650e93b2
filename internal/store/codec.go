package store

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// jsonList stores a short list of strings (languages, diets) as JSON text.
func jsonList(v []string) string {
	if v == nil {
		v = []string{}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// listScanner scans a JSON text list.
type listScanner struct{ p *[]string }

func (l listScanner) Scan(v any) error {
	var s string
	switch x := v.(type) {
	case nil:
		*l.p = []string{}
		return nil
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return fmt.Errorf("store: cannot scan %T into a list", v)
	}
	out := []string{}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return fmt.Errorf("store: bad list %q: %w", s, err)
	}
	*l.p = out
	return nil
}

// likePattern returns a LIKE pattern matching s anywhere, with LIKE's
// wildcards in s escaped (queries use ESCAPE '\').
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(strings.TrimSpace(s))) + "%"
}

func itoa(n int) string { return strconv.Itoa(n) }
