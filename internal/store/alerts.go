package store

import (
	"context"
	"time"

	"itinera"
)

// Alerts derives the tenant's notifications from the records: resources'
// answers, requests past their reply-by date without one, messages failed
// for good and hosts' answers and projects' hand-offs, in [from, to), newest first.
func (s *Store) Alerts(ctx context.Context, tenantID int64, from, to time.Time, limit int) ([]itinera.Alert, error) {
	if limit <= 0 {
		limit = 50
	}
	f, t := s.d.timeArg(from), s.d.timeArg(to)
	var out []itinera.Alert
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`
SELECT 'answer', a.answered_at, r.id, c.name, m.title, a.kind
  FROM request_answers a JOIN requests r ON r.id = a.request_id
  JOIN contacts c ON c.id = r.contact_id JOIN meetings m ON m.id = r.meeting_id
 WHERE r.tenant_id = $1 AND a.answered_at >= $2 AND a.answered_at < $3
UNION ALL
SELECT 'overdue', r.expires_at, r.id, c.name, m.title, ''
  FROM requests r JOIN contacts c ON c.id = r.contact_id JOIN meetings m ON m.id = r.meeting_id
 WHERE r.tenant_id = $1 AND r.status IN ('sent', 'viewed', 'expired') AND r.confirmed_at IS NULL
   AND r.expires_at >= $2 AND r.expires_at < $3
   AND NOT EXISTS (SELECT 1 FROM request_answers a WHERE a.request_id = r.id)
UNION ALL
SELECT 'failed', o.next_attempt_at, o.id, o.to_address, o.subject, ''
  FROM outbox o
 WHERE o.tenant_id = $1 AND o.status = 'failed' AND o.next_attempt_at >= $2 AND o.next_attempt_at < $3
UNION ALL
SELECT 'host', i.answered_at, e.id, h.name, p.title, i.answer
  FROM hospitality_invitations i JOIN hospitality_evenings e ON e.id = i.evening_id
  JOIN host_households h ON h.id = i.household_id JOIN programs p ON p.id = e.program_id
 WHERE e.tenant_id = $1 AND i.answer <> '' AND i.answered_at >= $2 AND i.answered_at < $3
UNION ALL
SELECT 'mail', im.received_at, im.request_id, c.name, m.title, im.kind
  FROM inbound_messages im JOIN requests r ON r.id = im.request_id
  JOIN contacts c ON c.id = r.contact_id JOIN meetings m ON m.id = r.meeting_id
 WHERE im.tenant_id = $1 AND im.matched = TRUE AND im.kind IN ('calendar', 'mail')
   AND im.received_at >= $2 AND im.received_at < $3
UNION ALL
SELECT 'unmatched', im.received_at, im.id, im.from_address, im.subject, ''
  FROM inbound_messages im
 WHERE im.tenant_id = $1 AND im.matched = FALSE AND im.dismissed = FALSE AND im.kind IN ('calendar', 'mail')
   AND im.received_at >= $2 AND im.received_at < $3
UNION ALL
SELECT 'project', n.noticed_at, n.project_id, p.title, n.text, ''
  FROM project_notices n JOIN projects p ON p.id = n.project_id
 WHERE n.tenant_id = $1 AND n.noticed_at >= $2 AND n.noticed_at < $3
ORDER BY 2 DESC, 1, 3 DESC
LIMIT $4`), tenantID, f, t, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n itinera.Alert
			var kind string
			if err := rows.Scan(&kind, dbTime{&n.At}, &n.SubjectID, &n.Who, &n.What, &n.Answer); err != nil {
				return err
			}
			n.Kind = itinera.AlertKind(kind)
			out = append(out, n)
		}
		return rows.Err()
	})
	return out, err
}
