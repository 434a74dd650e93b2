package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"itinera"
)

// jsonList stores a short list of strings (languages, diets) as JSON text.
func jsonList(v []string) string { return encodeList(v) }

// encodeList stores a list as JSON text, an empty one as [].
func encodeList[T any](v []T) string {
	if v == nil {
		v = []T{}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// listScanner scans a JSON text list.
type listScanner struct{ p *[]string }

func (l listScanner) Scan(v any) error { return scanList(v, l.p, "list") }

// scanList reads a list stored by encodeList into p; NULL is empty.
func scanList[T any](v any, p *[]T, what string) error {
	var s string
	switch x := v.(type) {
	case nil:
		*p = []T{}
		return nil
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return fmt.Errorf("store: cannot scan %T into a %s", v, what)
	}
	out := []T{}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return fmt.Errorf("store: bad %s %q: %w", what, s, err)
	}
	*p = out
	return nil
}

// likePattern returns a LIKE pattern matching s anywhere, with LIKE's
// wildcards in s escaped (queries use ESCAPE '\').
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(strings.TrimSpace(s))) + "%"
}

func itoa(n int) string { return strconv.Itoa(n) }

// countByStatus counts a tenant's rows of table by their status column.
func countByStatus[K ~string](ctx context.Context, s *Store, table string, tenantID int64) (map[K]int, error) {
	out := map[K]int{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT status, COUNT(*) FROM `+table+` WHERE tenant_id = $1 GROUP BY status`), tenantID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var st string
			var n int
			if err := rows.Scan(&st, &n); err != nil {
				return err
			}
			out[K(st)] = n
		}
		return rows.Err()
	})
	return out, err
}

// dayPartJSON is how a day's part together is stored: minutes of the day.
type dayPartJSON struct {
	From  int    `json:"from"`
	To    int    `json:"to"`
	Label string `json:"label"`
}

// encodeDayParts stores a day's parts together as JSON text.
func encodeDayParts(ps []itinera.DayPart) string {
	out := make([]dayPartJSON, len(ps))
	for i, p := range ps {
		out[i] = dayPartJSON{From: int(p.From), To: int(p.To), Label: p.Label}
	}
	return encodeList(out)
}

// dayPartsScanner scans a day's parts together stored by encodeDayParts.
type dayPartsScanner struct{ p *[]itinera.DayPart }

func (d dayPartsScanner) Scan(v any) error {
	var ps []dayPartJSON
	if err := scanList(v, &ps, "day parts"); err != nil {
		return err
	}
	*d.p = make([]itinera.DayPart, len(ps))
	for i, p := range ps {
		(*d.p)[i] = itinera.DayPart{From: itinera.Clock(p.From), To: itinera.Clock(p.To), Label: p.Label}
	}
	return nil
}
