package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"itinera"
)

var _ itinera.ImportService = (*Store)(nil)

// Spreadsheet imports: the record of each applied file, the officer's
// remembered column mappings, the external ids records carry and the files
// waiting between upload and apply.

const importCols = `i.id, i.tenant_id, COALESCE(i.program_id, 0), i.kind, i.file_name, COALESCE(i.user_id, 0), COALESCE(u.name, ''),
	i.created_at, i.created, i.updated, i.unchanged, i.undone_at, COALESCE(i.undone_by, 0)`

func scanImport(row interface{ Scan(...any) error }) (itinera.Import, error) {
	var im itinera.Import
	var kind string
	err := row.Scan(&im.ID, &im.TenantID, &im.ProgramID, &kind, &im.FileName, &im.UserID, &im.UserName,
		dbTime{&im.CreatedAt}, &im.Created, &im.Updated, &im.Unchanged, dbTime{&im.UndoneAt}, &im.UndoneBy)
	im.Kind = itinera.ImportKind(kind)
	return im, err
}

// Imports lists a program's imports (or the directory's, programID 0),
// newest first.
func (s *Store) Imports(ctx context.Context, tenantID, programID int64) ([]itinera.Import, error) {
	var out []itinera.Import
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+importCols+` FROM imports i LEFT JOIN users u ON u.id = i.user_id
			WHERE i.tenant_id = $1 AND COALESCE(i.program_id, 0) = $2 ORDER BY i.created_at DESC, i.id DESC`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			im, err := scanImport(rows)
			if err != nil {
				return err
			}
			out = append(out, im)
		}
		return rows.Err()
	})
	return out, err
}

// Import returns one import of the tenant and the records it touched.
func (s *Store) Import(ctx context.Context, tenantID, id int64) (itinera.Import, []itinera.ImportedRecord, error) {
	var im itinera.Import
	var recs []itinera.ImportedRecord
	err := s.view(ctx, func(q querier) error {
		var err error
		im, err = scanImport(q.QueryRowContext(ctx, s.q(`SELECT `+importCols+` FROM imports i LEFT JOIN users u ON u.id = i.user_id
			WHERE i.tenant_id = $1 AND i.id = $2`), tenantID, id))
		if err := scanOne(err, "import"); err != nil {
			return err
		}
		rows, err := q.QueryContext(ctx, s.q(`SELECT record_id, created, before_json, version FROM import_records WHERE import_id = $1
			ORDER BY record_id`), id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r itinera.ImportedRecord
			if err := rows.Scan(&r.RecordID, &r.Created, &r.Before, &r.Version); err != nil {
				return err
			}
			recs = append(recs, r)
		}
		return rows.Err()
	})
	return im, recs, err
}

// SaveImport records an applied import and the records it touched.
func (s *Store) SaveImport(ctx context.Context, im *itinera.Import, recs []itinera.ImportedRecord) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insertID(ctx, tx, `INSERT INTO imports (tenant_id, program_id, kind, file_name, user_id, created_at, created, updated, unchanged)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, im.TenantID, nullID(im.ProgramID), string(im.Kind), im.FileName,
			nullID(im.UserID), s.d.timeArg(im.CreatedAt), im.Created, im.Updated, im.Unchanged)
		if err != nil {
			return err
		}
		im.ID = id
		// Many rows a statement: an import of ten thousand rows is one
		// transaction, and each statement a round trip to PostgreSQL.
		for start := 0; start < len(recs); start += 200 {
			chunk := recs[start:min(start+200, len(recs))]
			var b strings.Builder
			args := make([]any, 0, 5*len(chunk))
			for i, r := range chunk {
				if i > 0 {
					b.WriteString(", ")
				}
				n := len(args)
				fmt.Fprintf(&b, "($%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5)
				args = append(args, id, r.RecordID, r.Created, r.Before, r.Version)
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO import_records (import_id, record_id, created, before_json, version) VALUES `+
				b.String()), args...); err != nil {
				return err
			}
		}
		return nil
	})
}

// RestampImportRecords moves the version the standing imports of kind
// left a record at.
func (s *Store) RestampImportRecords(ctx context.Context, tenantID int64, kind itinera.ImportKind, recordID int64, from, to int) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`UPDATE import_records SET version = $1 WHERE record_id = $2 AND version = $3
			AND import_id IN (SELECT id FROM imports WHERE tenant_id = $4 AND kind = $5 AND undone_at IS NULL)`),
			to, recordID, from, tenantID, string(kind))
		return err
	})
}

// MarkImportUndone records that an import was undone; undoing twice is a
// conflict.
func (s *Store) MarkImportUndone(ctx context.Context, tenantID, id, userID int64, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE imports SET undone_at = $1, undone_by = $2 WHERE tenant_id = $3 AND id = $4 AND undone_at IS NULL`),
			s.d.timeArg(at), nullID(userID), tenantID, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		return itinera.Errorf(itinera.ECONFLICT, "This import was already undone.")
	})
}

// ImportMapping returns the mapping remembered for a file shape.
func (s *Store) ImportMapping(ctx context.Context, tenantID int64, kind itinera.ImportKind, shape string) (itinera.ImportMapping, error) {
	m := itinera.ImportMapping{Kind: kind, Shape: shape}
	err := s.view(ctx, func(q querier) error {
		var fields string
		err := q.QueryRowContext(ctx, s.q(`SELECT fields FROM import_mappings WHERE tenant_id = $1 AND kind = $2 AND shape = $3`),
			tenantID, string(kind), shape).Scan(&fields)
		if err := scanOne(err, "mapping"); err != nil {
			return err
		}
		return json.Unmarshal([]byte(fields), &m.Fields)
	})
	return m, err
}

// SaveImportMapping remembers a mapping, replacing the one of its shape.
func (s *Store) SaveImportMapping(ctx context.Context, tenantID int64, m itinera.ImportMapping, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM import_mappings WHERE tenant_id = $1 AND kind = $2 AND shape = $3`),
			tenantID, string(m.Kind), m.Shape); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO import_mappings (tenant_id, kind, shape, fields, updated_at) VALUES ($1, $2, $3, $4, $5)`),
			tenantID, string(m.Kind), m.Shape, jsonList(m.Fields), s.d.timeArg(at))
		return err
	})
}

// ExternalIDs returns where each external id of kind points.
func (s *Store) ExternalIDs(ctx context.Context, tenantID int64, kind itinera.ImportKind, scope int64) (map[string]int64, error) {
	out := map[string]int64{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT external_id, record_id FROM external_ids WHERE tenant_id = $1 AND kind = $2 AND scope = $3`),
			tenantID, string(kind), scope)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			var id int64
			if err := rows.Scan(&k, &id); err != nil {
				return err
			}
			out[k] = id
		}
		return rows.Err()
	})
	return out, err
}

// SetExternalID points an external id at a record.
func (s *Store) SetExternalID(ctx context.Context, tenantID int64, kind itinera.ImportKind, scope int64, externalID string, recordID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO external_ids (tenant_id, kind, scope, external_id, record_id) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (tenant_id, kind, scope, external_id) DO UPDATE SET record_id = excluded.record_id`),
			tenantID, string(kind), scope, externalID, recordID)
		return err
	})
}

// ImportUpload returns a file waiting to be imported.
func (s *Store) ImportUpload(ctx context.Context, tenantID, id int64) (itinera.ImportUpload, error) {
	var u itinera.ImportUpload
	err := s.view(ctx, func(q querier) error {
		var kind string
		err := q.QueryRowContext(ctx, s.q(`SELECT id, tenant_id, COALESCE(program_id, 0), kind, file_name, sheet, data, COALESCE(user_id, 0), created_at
			FROM import_uploads WHERE tenant_id = $1 AND id = $2`), tenantID, id).
			Scan(&u.ID, &u.TenantID, &u.ProgramID, &kind, &u.FileName, &u.Sheet, &u.Data, &u.UserID, dbTime{&u.CreatedAt})
		u.Kind = itinera.ImportKind(kind)
		return scanOne(err, "uploaded file")
	})
	return u, err
}

// SaveImportUpload keeps a file between upload and apply, and forgets the
// files uploaded before before.
func (s *Store) SaveImportUpload(ctx context.Context, u *itinera.ImportUpload, before time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM import_uploads WHERE created_at < $1`), s.d.timeArg(before)); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO import_uploads (tenant_id, program_id, kind, file_name, sheet, data, user_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, u.TenantID, nullID(u.ProgramID), string(u.Kind), u.FileName, u.Sheet,
			u.Data, nullID(u.UserID), s.d.timeArg(u.CreatedAt))
		u.ID = id
		return err
	})
}

// DeleteImportUpload forgets an uploaded file.
func (s *Store) DeleteImportUpload(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM import_uploads WHERE tenant_id = $1 AND id = $2`), tenantID, id)
		return err
	})
}
