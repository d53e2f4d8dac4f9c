package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Store is an open workspace file. It is safe for concurrent use; an
// Import holds its own transaction.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool
	wait     time.Duration // how long Begin waits for another writer
	onWait   func()        // called once when Begin starts to wait
}

// ErrNewerSchema is returned by Open for a workspace written by a newer
// version of Multiplier.
var ErrNewerSchema = errors.New("written by a newer version of Multiplier")

// Open opens the workspace at path for writing, creating it when it
// does not exist, and migrates its schema to the current version: it is
// OpenMode(path, Create).
func Open(path string) (*Store, error) { return OpenMode(path, Create) }

// Path is the file the store was opened on.
func (s *Store) Path() string { return s.path }

// Close checkpoints the write-ahead log (unless the store is read-only)
// and closes the file.
func (s *Store) Close() error {
	if !s.readOnly {
		_, _ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	return s.db.Close()
}

// SchemaVersion is the schema version this package writes.
func SchemaVersion() int { return len(migrations) }

func (s *Store) migrate() error {
	var v int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v < 0 {
		return fmt.Errorf("%w: schema version %d", ErrDamaged, v)
	}
	if v > len(migrations) {
		return fmt.Errorf("schema version %d: %w", v, ErrNewerSchema)
	}
	for ; v < len(migrations); v++ {
		if err := s.step(v); err != nil {
			return err
		}
	}
	var app int
	if err := s.db.QueryRow("PRAGMA application_id").Scan(&app); err != nil {
		return fmt.Errorf("read application id: %w", err)
	}
	if app != ApplicationID {
		// Files from before the id was set are marked on their first writing open.
		if _, err := s.db.Exec(fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			return fmt.Errorf("set application id: %w", err)
		}
	}
	return nil
}

func (s *Store) step(v int) error {
	tx, err := s.db.Begin()
	if err != nil {
		return fmt.Errorf("migrate to %d: %w", v+1, err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(migrations[v]); err != nil {
		return fmt.Errorf("migrate to %d: %w", v+1, err)
	}
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return fmt.Errorf("migrate to %d: %w", v+1, err)
	}
	return tx.Commit()
}

// Source is one imported file.
type Source struct {
	ID         int64
	Name       string // base name of the file
	Kind       string // detected kind: roster, reviews, …
	Format     string // xlsx, csv, …
	SHA256     string // hex
	ImportedAt time.Time
	Counts     Counts
}

// Counts are the row counts of one imported file.
type Counts struct {
	Read      int // data rows read
	Imported  int // records stored
	Duplicate int // records already in the workspace from another file
	Skipped   int // rows skipped with a reason
	Bots      int // rows skipped because a bot was involved
	Self      int // rows where an author answered on their own change
}

// Issue is one skipped row of a source, kept for the import report.
type Issue struct {
	Row, Col int
	Message  string
}

// SourceBySHA returns the source already imported with this content hash,
// and false when there is none.
func (s *Store) SourceBySHA(ctx context.Context, sha string) (Source, bool, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+sourceCols+` FROM sources WHERE sha256 = ?`, sha)
	src, err := scanSource(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Source{}, false, nil
	}
	if err != nil {
		return Source{}, false, fmt.Errorf("find source: %w", err)
	}
	return src, true, nil
}

// Sources lists every imported file, oldest first.
func (s *Store) Sources(ctx context.Context) ([]Source, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sourceCols+` FROM sources ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	defer rows.Close()
	var out []Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("list sources: %w", err)
		}
		out = append(out, src)
	}
	return out, rows.Err()
}

// Issues returns the skipped rows kept for a source, in row order.
func (s *Store) Issues(ctx context.Context, sourceID int64) ([]Issue, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT row, col, message FROM source_issues WHERE source_id = ? ORDER BY row, col`, sourceID)
	if err != nil {
		return nil, fmt.Errorf("list issues: %w", err)
	}
	defer rows.Close()
	var out []Issue
	for rows.Next() {
		var is Issue
		if err := rows.Scan(&is.Row, &is.Col, &is.Message); err != nil {
			return nil, fmt.Errorf("list issues: %w", err)
		}
		out = append(out, is)
	}
	return out, rows.Err()
}

const sourceCols = `id, name, kind, format, sha256, imported_at,
	rows_read, rows_imported, rows_duplicate, rows_skipped, rows_bots, rows_self`

type scanner interface{ Scan(...any) error }

func scanSource(r scanner) (Source, error) {
	var src Source
	var at string
	c := &src.Counts
	err := r.Scan(&src.ID, &src.Name, &src.Kind, &src.Format, &src.SHA256, &at,
		&c.Read, &c.Imported, &c.Duplicate, &c.Skipped, &c.Bots, &c.Self)
	if err != nil {
		return src, err
	}
	src.ImportedAt, _ = time.Parse(time.RFC3339, at)
	return src, nil
}
