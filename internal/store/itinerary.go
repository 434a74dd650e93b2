package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"sort"
	"strconv"
	"time"

	"itinera"
)

var _ itinera.ItineraryService = (*Store)(nil)

// CurrentItinerary returns the newest itinerary version of a program.
func (s *Store) CurrentItinerary(ctx context.Context, tenantID, programID int64) (itinera.Itinerary, error) {
	var it itinera.Itinerary
	err := s.view(ctx, func(q querier) error {
		err := q.QueryRowContext(ctx, s.q(`SELECT id, tenant_id, program_id, version, created_at, created_by, note FROM itineraries
			WHERE tenant_id = $1 AND program_id = $2 ORDER BY version DESC LIMIT 1`), tenantID, programID).
			Scan(&it.ID, &it.TenantID, &it.ProgramID, &it.Version, dbTime{&it.CreatedAt}, idOrZero{&it.CreatedBy}, &it.Note)
		if err := scanOne(err, "itinerary"); err != nil {
			return err
		}
		rows, err := q.QueryContext(ctx, s.q(`SELECT i.meeting_id, i.activity_id, COALESCE(m.title, a.title),
			COALESCE(mp.id, op.id, ap.id), COALESCE(mp.name, op.name, ap.name, ''),
			i.starts_at, i.ends_at, i.travel_minutes, i.pinned, i.sequence, i.visitors, i.interpreters
			FROM itinerary_items i
			LEFT JOIN meetings m ON m.id = i.meeting_id LEFT JOIN places mp ON mp.id = m.place_id
			LEFT JOIN organizations o ON o.id = m.host_organization_id LEFT JOIN places op ON op.id = o.place_id
			LEFT JOIN activities a ON a.id = i.activity_id LEFT JOIN places ap ON ap.id = a.place_id
			WHERE i.itinerary_id = $1 ORDER BY i.starts_at, i.position`), it.ID)
		if err != nil {
			return err
		}
		defer rows.Close()
		it.Items = []itinera.ItineraryItem{}
		for rows.Next() {
			var x itinera.ItineraryItem
			if err := rows.Scan(idOrZero{&x.MeetingID}, idOrZero{&x.ActivityID}, &x.Title, idOrZero{&x.PlaceID}, &x.PlaceName,
				dbTime{&x.Start}, dbTime{&x.End}, &x.TravelMinutes, &x.Pinned, &x.Sequence, idsScanner{&x.VisitorIDs}, idsScanner{&x.InterpreterIDs}); err != nil {
				return err
			}
			it.Items = append(it.Items, x)
		}
		return rows.Err()
	})
	return it, err
}

// SaveItinerary stores it as the next version of its program. Every item
// must refer to a meeting or activity of that program.
func (s *Store) SaveItinerary(ctx context.Context, it *itinera.Itinerary) error {
	return s.ApplyItinerary(ctx, it, nil)
}

// ApplyItinerary stores it as the next version and queues the messages
// notify composes for its changes, in one transaction.
func (s *Store) ApplyItinerary(ctx context.Context, it *itinera.Itinerary, notify itinera.ItineraryNotify) error {
	if err := it.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkProgram(ctx, tx, it.TenantID, it.ProgramID, "itinerary"); err != nil {
			return err
		}
		changes, err := s.saveItineraryTx(ctx, tx, it)
		if err != nil || notify == nil || len(changes) == 0 {
			return err
		}
		msgs, err := notify(changes)
		if err != nil {
			return err
		}
		for i := range msgs {
			if err := s.EnqueueTx(ctx, tx, &msgs[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// saveItineraryTx stores it, already validated and of a program of its
// tenant, as the program's next version, with each item's place and
// SEQUENCE carried on from the version before. It returns the items whose
// time or place changed, and those that left the itinerary.
func (s *Store) saveItineraryTx(ctx context.Context, tx *sql.Tx, it *itinera.Itinerary) ([]itinera.ItemChange, error) {
	it.CreatedAt = s.now().UTC()
	if err := s.checkItemsTx(ctx, tx, it); err != nil {
		return nil, err
	}
	var v sql.NullInt64
	if err := tx.QueryRowContext(ctx, s.q(`SELECT MAX(version) FROM itineraries WHERE program_id = $1`), it.ProgramID).Scan(&v); err != nil {
		return nil, err
	}
	it.Version = int(v.Int64) + 1
	id, err := s.insertID(ctx, tx, `INSERT INTO itineraries (tenant_id, program_id, version, created_at, created_by, note)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, it.TenantID, it.ProgramID, it.Version, s.d.timeArg(it.CreatedAt), nullID(it.CreatedBy), it.Note)
	if err != nil {
		return nil, err
	}
	it.ID = id
	prev, err := s.previousItemsTx(ctx, tx, it.ProgramID, it.Version-1)
	if err != nil {
		return nil, err
	}
	var changes []itinera.ItemChange
	for i := range it.Items {
		x := &it.Items[i]
		place, err := s.itemPlaceTx(ctx, tx, *x)
		if err != nil {
			return nil, err
		}
		x.Sequence = 0
		ref := itemRef{x.MeetingID, x.ActivityID}
		if p, ok := prev[ref]; ok {
			x.Sequence = p.sequence
			if !p.start.Equal(x.Start) || !p.end.Equal(x.End) || p.place != place ||
				!slices.Equal(p.visitorIDs, x.VisitorIDs) || !slices.Equal(p.interpreterIDs, x.InterpreterIDs) {
				x.Sequence++
				changes = append(changes, itinera.ItemChange{Item: *x})
			}
			delete(prev, ref)
		}
		if err := s.insertItemTx(ctx, tx, id, i, *x, place); err != nil {
			return nil, err
		}
	}
	for ref, p := range prev {
		changes = append(changes, itinera.ItemChange{Dropped: true, Item: itinera.ItineraryItem{MeetingID: ref.meeting,
			ActivityID: ref.activity, Start: p.start, End: p.end, PlaceID: p.place, Sequence: p.sequence + 1,
			VisitorIDs: p.visitorIDs, InterpreterIDs: p.interpreterIDs}})
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].Item.Start.Before(changes[j].Item.Start) })
	return changes, nil
}

// insertItemTx stores item x at position i of itinerary id, at place.
func (s *Store) insertItemTx(ctx context.Context, tx *sql.Tx, id int64, i int, x itinera.ItineraryItem, place int64) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO itinerary_items (itinerary_id, position, meeting_id, activity_id, starts_at, ends_at,
		travel_minutes, pinned, sequence, place_id, visitors, interpreters) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`),
		id, i, nullID(x.MeetingID), nullID(x.ActivityID), s.d.timeArg(x.Start), s.d.timeArg(x.End), x.TravelMinutes, x.Pinned, x.Sequence,
		nullID(place), encodeList(x.VisitorIDs), encodeList(x.InterpreterIDs))
	return err
}

// idsScanner scans a JSON list of ids.
type idsScanner struct{ p *[]int64 }

func (l idsScanner) Scan(v any) error { return scanList(v, l.p, "list of ids") }

// checkItemsTx refuses items that are not meetings or activities of the
// itinerary's program, or that name visitors or interpreters of another.
func (s *Store) checkItemsTx(ctx context.Context, tx *sql.Tx, it *itinera.Itinerary) error {
	f := itinera.FieldErrors{}
	checked := map[string]bool{} // each person once, however many items name them
	for _, x := range it.Items {
		for _, ref := range []struct {
			table, what string
			ids         []int64
		}{{"visitors", "visitor", x.VisitorIDs}, {"interpreters", "interpreter", x.InterpreterIDs}} {
			for _, pid := range ref.ids {
				k := ref.table + strconv.FormatInt(pid, 10)
				if checked[k] {
					continue
				}
				checked[k] = true
				var n int
				if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM `+ref.table+` WHERE id = $1 AND tenant_id = $2 AND program_id = $3`),
					pid, it.TenantID, it.ProgramID).Scan(&n); err != nil {
					return err
				}
				if n == 0 {
					f.Add("items", "Every "+ref.what+" an item names must be one of this program's.")
				}
			}
		}
		table, id := "meetings", x.MeetingID
		if id == 0 {
			table, id = "activities", x.ActivityID
		}
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM `+table+` WHERE id = $1 AND tenant_id = $2 AND program_id = $3`),
			id, it.TenantID, it.ProgramID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			f.Add("items", "Every item must be a meeting or activity of this program.")
		}
	}
	return f.Err("itinerary")
}

// currentItemsTx returns the newest itinerary version of a program and its
// items (version 0 and no items without one).
func (s *Store) currentItemsTx(ctx context.Context, tx *sql.Tx, tenantID, programID int64) (int, []itinera.ItineraryItem, error) {
	var itID int64
	var version int
	err := tx.QueryRowContext(ctx, s.q(`SELECT id, version FROM itineraries WHERE tenant_id = $1 AND program_id = $2
		ORDER BY version DESC LIMIT 1`), tenantID, programID).Scan(&itID, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, err
	}
	rows, err := tx.QueryContext(ctx, s.q(`SELECT meeting_id, activity_id, starts_at, ends_at, travel_minutes, pinned, sequence, visitors, interpreters
		FROM itinerary_items WHERE itinerary_id = $1 ORDER BY starts_at, position`), itID)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	var items []itinera.ItineraryItem
	for rows.Next() {
		var x itinera.ItineraryItem
		if err := rows.Scan(idOrZero{&x.MeetingID}, idOrZero{&x.ActivityID}, dbTime{&x.Start}, dbTime{&x.End}, &x.TravelMinutes, &x.Pinned, &x.Sequence,
			idsScanner{&x.VisitorIDs}, idsScanner{&x.InterpreterIDs}); err != nil {
			return 0, nil, err
		}
		items = append(items, x)
	}
	return version, items, rows.Err()
}

type itemRef struct{ meeting, activity int64 }

type prevItem struct {
	start, end time.Time
	place      int64
	sequence   int
	// who attended it
	visitorIDs, interpreterIDs []int64
}

// previousItemsTx returns the items of a program's itinerary version.
func (s *Store) previousItemsTx(ctx context.Context, tx *sql.Tx, programID int64, version int) (map[itemRef]prevItem, error) {
	out := map[itemRef]prevItem{}
	if version < 1 {
		return out, nil
	}
	rows, err := tx.QueryContext(ctx, s.q(`SELECT i.meeting_id, i.activity_id, i.starts_at, i.ends_at, i.place_id, i.sequence,
		i.visitors, i.interpreters
		FROM itinerary_items i JOIN itineraries v ON v.id = i.itinerary_id WHERE v.program_id = $1 AND v.version = $2`), programID, version)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r itemRef
		var p prevItem
		if err := rows.Scan(idOrZero{&r.meeting}, idOrZero{&r.activity}, dbTime{&p.start}, dbTime{&p.end}, idOrZero{&p.place}, &p.sequence,
			idsScanner{&p.visitorIDs}, idsScanner{&p.interpreterIDs}); err != nil {
			return nil, err
		}
		out[r] = p
	}
	return out, rows.Err()
}

// itemPlaceTx returns where an item takes place now: the meeting's place,
// else its host organization's, or the activity's place (0: not known).
func (s *Store) itemPlaceTx(ctx context.Context, tx *sql.Tx, x itinera.ItineraryItem) (int64, error) {
	var place int64
	var err error
	if x.MeetingID != 0 {
		err = tx.QueryRowContext(ctx, s.q(`SELECT COALESCE(m.place_id, o.place_id) FROM meetings m JOIN organizations o ON o.id = m.host_organization_id
			WHERE m.id = $1`), x.MeetingID).Scan(idOrZero{&place})
	} else {
		err = tx.QueryRowContext(ctx, s.q(`SELECT place_id FROM activities WHERE id = $1`), x.ActivityID).Scan(idOrZero{&place})
	}
	return place, err
}

// Services returns s as every itinera service.
func (s *Store) Services() itinera.Services {
	return itinera.Services{Accounts: s, Programs: s, People: s, Candidates: s, Itineraries: s, Directory: s, Requests: s, Outbox: s, Feeds: s, Hospitality: s, Settings: s, Idempotency: s, Imports: s, Travel: s, Search: s, Audit: s, Feedback: s, Inbound: s, Mailboxes: s, Reports: s, Projects: s}
}

// VersionsWith counts the program's itinerary versions holding the
// meeting, or with meetingID 0 the activity.
func (s *Store) VersionsWith(ctx context.Context, tenantID, programID, meetingID, activityID int64) (int, error) {
	col, id := "meeting_id", meetingID
	if meetingID == 0 {
		col, id = "activity_id", activityID
	}
	var n int
	err := s.view(ctx, func(q querier) error {
		return q.QueryRowContext(ctx, s.q(`SELECT COUNT(DISTINCT i.id) FROM itineraries i JOIN itinerary_items x ON x.itinerary_id = i.id
			WHERE i.tenant_id = $1 AND i.program_id = $2 AND x.`+col+` = $3`), tenantID, programID, id).Scan(&n)
	})
	return n, err
}

// ItineraryVersions returns every itinerary version of a program, oldest
// first, each with its items as saved: their place is where the item took
// place in that version, their Sequence the one it carried then.
func (s *Store) ItineraryVersions(ctx context.Context, tenantID, programID int64) ([]itinera.Itinerary, error) {
	out := []itinera.Itinerary{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT id, tenant_id, program_id, version, created_at, created_by, note FROM itineraries
			WHERE tenant_id = $1 AND program_id = $2 ORDER BY version`), tenantID, programID)
		if err != nil {
			return err
		}
		idx := map[int64]int{}
		for rows.Next() {
			var it itinera.Itinerary
			if err := rows.Scan(&it.ID, &it.TenantID, &it.ProgramID, &it.Version, dbTime{&it.CreatedAt}, idOrZero{&it.CreatedBy}, &it.Note); err != nil {
				rows.Close()
				return err
			}
			it.Items = []itinera.ItineraryItem{}
			idx[it.ID] = len(out)
			out = append(out, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(out) == 0 {
			return err
		}
		rows, err = q.QueryContext(ctx, s.q(`SELECT i.itinerary_id, i.meeting_id, i.activity_id, COALESCE(m.title, a.title), i.place_id,
			COALESCE(p.name, ''), i.starts_at, i.ends_at, i.travel_minutes, i.pinned, i.sequence, i.visitors, i.interpreters
			FROM itinerary_items i JOIN itineraries v ON v.id = i.itinerary_id
			LEFT JOIN meetings m ON m.id = i.meeting_id LEFT JOIN activities a ON a.id = i.activity_id
			LEFT JOIN places p ON p.id = i.place_id
			WHERE v.tenant_id = $1 AND v.program_id = $2 ORDER BY i.itinerary_id, i.position`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var itID int64
			var x itinera.ItineraryItem
			if err := rows.Scan(&itID, idOrZero{&x.MeetingID}, idOrZero{&x.ActivityID}, &x.Title, idOrZero{&x.PlaceID}, &x.PlaceName,
				dbTime{&x.Start}, dbTime{&x.End}, &x.TravelMinutes, &x.Pinned, &x.Sequence, idsScanner{&x.VisitorIDs}, idsScanner{&x.InterpreterIDs}); err != nil {
				return err
			}
			if i, ok := idx[itID]; ok {
				out[i].Items = append(out[i].Items, x)
			}
		}
		return rows.Err()
	})
	return out, err
}
