package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ColumnMap is a column mapping saved for the header layout of a
// spreadsheet: which column holds which field. The store keeps the
// mapping as the caller wrote it (JSON) and does not read it.
type ColumnMap struct {
	Signature string // the header's signature (importers.Signature)
	Kind      string // the kind of records the mapping reads: roster, reviews, …
	Mapping   string // JSON
	SavedAt   time.Time
}

const selectColumnMap = `SELECT signature, kind, mapping, saved_at FROM column_maps WHERE signature = ?`

const upsertColumnMap = `INSERT INTO column_maps (signature, kind, mapping, saved_at) VALUES (?, ?, ?, ?)
	ON CONFLICT (signature) DO UPDATE SET kind = excluded.kind, mapping = excluded.mapping, saved_at = excluded.saved_at`

// ColumnMap returns the mapping saved for a header signature, and false
// when there is none.
func (s *Store) ColumnMap(ctx context.Context, signature string) (ColumnMap, bool, error) {
	return scanColumnMap(s.db.QueryRowContext(ctx, selectColumnMap, signature))
}

// SaveColumnMap saves mapping, which must be valid JSON, for a header
// signature, replacing any saved before.
func (s *Store) SaveColumnMap(ctx context.Context, signature, kind, mapping string) error {
	return saveColumnMap(ctx, s.db, signature, kind, mapping)
}

// ColumnMap is Store.ColumnMap inside the import's transaction: it sees
// a mapping this import saved.
func (im *Import) ColumnMap(signature string) (ColumnMap, bool, error) {
	cm, ok, err := scanColumnMap(im.tx.QueryRowContext(im.ctx, selectColumnMap, signature))
	if cerr := im.ctx.Err(); err != nil && cerr != nil {
		return cm, ok, fmt.Errorf("read column mapping: %w", cerr)
	}
	return cm, ok, err
}

// SaveColumnMap is Store.SaveColumnMap inside the import's transaction:
// the mapping is kept only if the import commits.
func (im *Import) SaveColumnMap(signature, kind, mapping string) error {
	err := saveColumnMap(im.ctx, im.tx, signature, kind, mapping)
	if cerr := im.ctx.Err(); err != nil && cerr != nil {
		return fmt.Errorf("save column mapping %s: %w", signature, cerr)
	}
	return err
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func saveColumnMap(ctx context.Context, db execer, signature, kind, mapping string) error {
	if signature == "" {
		return errors.New("save column mapping: no signature")
	}
	if !json.Valid([]byte(mapping)) {
		return fmt.Errorf("save column mapping %s: not JSON", signature)
	}
	_, err := db.ExecContext(ctx, upsertColumnMap, signature, kind, mapping, time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("save column mapping %s: %w", signature, err)
	}
	return nil
}

func scanColumnMap(row *sql.Row) (ColumnMap, bool, error) {
	var cm ColumnMap
	var at string
	err := row.Scan(&cm.Signature, &cm.Kind, &cm.Mapping, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return ColumnMap{}, false, nil
	}
	if err != nil {
		return ColumnMap{}, false, fmt.Errorf("read column mapping: %w", err)
	}
	cm.SavedAt, _ = time.Parse(time.RFC3339, at)
	return cm, true, nil
}
