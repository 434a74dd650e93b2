package api

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"itinera"
)

// TestIdempotencyKey: a POST retried with the same Idempotency-Key gets the
// first answer and creates nothing new; another request with that key is
// refused; a refused request is not kept, so its corrected retry runs; and
// requests racing with one key create one record — on both databases.
func TestIdempotencyKey(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		place := map[string]any{"name": "Missouri History Museum", "kind": "site", "address": "5700 Lindell Blvd",
			"lat": 38.645, "lon": -90.2857}
		k := e.withHeader("Idempotency-Key", "place-7f3a")
		first := k.do("POST", "/api/v1/places", e.officerA, place).expect(http.StatusCreated)
		again := k.do("POST", "/api/v1/places", e.officerA, place).expect(http.StatusCreated)
		if again.Header().Get("Idempotent-Replayed") != "true" || again.Body.String() != first.Body.String() ||
			again.Header().Get("Location") != first.Header().Get("Location") {
			t.Fatalf("the retry was not the first answer:\n%s\n%s", first.Body.String(), again.Body.String())
		}
		count := func(name string) int {
			ps, err := e.store.Places(ctx, e.tenantA.ID, itinera.DirectoryFilter{Query: name})
			must(t, err)
			return len(ps)
		}
		if n := count("Missouri History"); n != 1 {
			t.Fatalf("%d places after a retry, want 1", n)
		}
		// The same key for another body, or another path, is refused.
		other := map[string]any{"name": "Another place", "kind": "site", "address": "1 Main St", "lat": 38.6, "lon": -90.2}
		r := k.do("POST", "/api/v1/places", e.officerA, other).expect(http.StatusUnprocessableEntity)
		if _, _, f := r.apiError(); f["Idempotency-Key"] == nil {
			t.Errorf("fields %v", f)
		}
		// Another tenant's key space is its own.
		k.do("POST", "/api/v1/places", e.officerB, place).expect(http.StatusCreated)

		// A refused request is not kept: corrected, the retry with the same key runs.
		k2 := e.withHeader("Idempotency-Key", "place-second")
		bad := map[string]any{"name": "", "kind": "site", "address": "x", "lat": 38.6, "lon": -90.2}
		k2.do("POST", "/api/v1/places", e.officerA, bad).expect(http.StatusUnprocessableEntity)
		bad["name"] = "Corrected place"
		k2.do("POST", "/api/v1/places", e.officerA, bad).expect(http.StatusCreated)
		k2.do("POST", "/api/v1/places", e.officerA, bad).expect(http.StatusCreated)
		if n := count("Corrected place"); n != 1 {
			t.Errorf("%d corrected places, want 1", n)
		}

		// Create-and-send retried: one request, one e-mail.
		before, _ := e.store.OutboxMessages(ctx, e.tenantA.ID, itinera.OutboxFilter{Limit: 500})
		k3 := e.withHeader("Idempotency-Key", "request-1")
		body := map[string]any{"contact_id": e.contact.ID, "send": true,
			"windows": []map[string]string{{"start": "2026-05-05T09:00:00-05:00", "end": "2026-05-05T10:30:00-05:00"}}}
		k3.do("POST", "/api/v1/meetings/"+id(e.meeting.ID)+"/requests", e.officerA, body).expect(http.StatusCreated)
		k3.do("POST", "/api/v1/meetings/"+id(e.meeting.ID)+"/requests", e.officerA, body).expect(http.StatusCreated)
		after, _ := e.store.OutboxMessages(ctx, e.tenantA.ID, itinera.OutboxFilter{Limit: 500})
		if len(after) != len(before)+1 {
			t.Errorf("%d e-mails queued by a request sent twice with one key, want 1", len(after)-len(before))
		}

		// Requests racing with one key create one record.
		race := e.withHeader("Idempotency-Key", "race-1")
		racer := map[string]any{"name": "Race place", "kind": "site", "address": "1 Main St", "lat": 38.6, "lon": -90.2}
		var wg sync.WaitGroup
		codes := make([]int, 6)
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i] = race.do("POST", "/api/v1/places", e.officerA, racer).Code
			}()
		}
		wg.Wait()
		for _, c := range codes {
			if c != http.StatusCreated && c != http.StatusConflict {
				t.Errorf("racing answers %v: want 201 or 409", codes)
				break
			}
		}
		if n := count("Race place"); n != 1 {
			t.Errorf("%d places made by racing requests with one key, want 1", n)
		}

		e.withHeader("Idempotency-Key", strings.Repeat("k", 256)).do("POST", "/api/v1/places", e.officerA, racer).expect(http.StatusBadRequest)
		e.withHeader("Idempotency-Key", "with space").do("POST", "/api/v1/places", e.officerA, racer).expect(http.StatusBadRequest)
	})
}
