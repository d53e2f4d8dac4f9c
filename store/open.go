package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ApplicationID is the SQLite application_id of a Multiplier workspace
// ("MULT"), set on every file Multiplier writes. Files written before it
// existed have 0 there and are recognised by their tables.
const ApplicationID = 0x4D554C54

// Mode says what Open may do to a file.
type Mode int

const (
	// Create opens a workspace for writing and creates it when the file
	// is missing (or empty).
	Create Mode = iota
	// Write opens an existing workspace for writing.
	Write
	// ReadOnly opens an existing workspace and never writes to it: no
	// migration, no change of journal mode, nothing created.
	ReadOnly

	inspecting // the first look at a file, before anything may be written
)

// Errors of Open, each returned wrapped with the file's path; test with
// errors.Is.
var (
	// ErrNotWorkspace: the file is not a Multiplier workspace (another
	// application's SQLite file, or not SQLite at all).
	ErrNotWorkspace = errors.New("not a Multiplier workspace")
	// ErrDamaged: the file is a workspace whose content SQLite reports
	// as damaged.
	ErrDamaged = errors.New("the file is damaged")
	// ErrOlderSchema: a read-only open of a workspace written by an older
	// Multiplier, which only a writing open migrates.
	ErrOlderSchema = errors.New("written by an older version of Multiplier")
	// ErrBusy: another process holds the workspace's write lock.
	ErrBusy = errors.New("another Multiplier process is using this workspace")
	// ErrMissing: a Write or ReadOnly open of a file that does not exist.
	ErrMissing = errors.New("no such workspace")
	// ErrNotFile: the path is a folder or a special file, not a file.
	ErrNotFile = errors.New("not a workspace file")
)

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// OpenMode opens the workspace at path as mode allows. Before anything
// is written it checks that the file is a Multiplier workspace
// (application_id, or the tables of a file from before it), that its
// schema version is one this package knows, and that SQLite's
// quick_check passes; each refusal names the file.
func OpenMode(path string, mode Mode) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open workspace %s: %w", path, err)
	}
	fresh, err := checkPath(abs, mode)
	if err != nil {
		return nil, fmt.Errorf("workspace %s: %w", path, err)
	}
	v := 0
	if !fresh {
		if v, err = inspect(abs); err != nil {
			return nil, fmt.Errorf("workspace %s: %w", path, err)
		}
	}
	if mode == ReadOnly && v < len(migrations) {
		if v == 0 {
			return nil, fmt.Errorf("workspace %s: %w: the file holds no data yet", path, ErrMissing)
		}
		return nil, fmt.Errorf("workspace %s: %w (schema version %d; this version writes %d): "+
			"import into it or open it in the app to upgrade it", path, ErrOlderSchema, v, len(migrations))
	}
	db, err := sql.Open("sqlite", dsn(abs, mode))
	if err != nil {
		return nil, fmt.Errorf("open workspace %s: %w", path, err)
	}
	s := &Store{db: db, path: path, readOnly: mode == ReadOnly}
	if mode != ReadOnly {
		if err := s.migrate(); err != nil {
			db.Close()
			return nil, fmt.Errorf("workspace %s: %w", path, busy(err))
		}
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("workspace %s: %w", path, busy(err))
	}
	return s, nil
}

// checkPath refuses folders, special files and (unless mode is Create)
// missing files, and reports whether the file is new: missing or empty.
// It never opens the file, so a FIFO cannot block it.
func checkPath(abs string, mode Mode) (fresh bool, err error) {
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if mode != Create {
			return false, ErrMissing
		}
		dir := filepath.Dir(abs)
		di, derr := os.Stat(dir)
		if derr != nil || !di.IsDir() {
			return false, fmt.Errorf("cannot create it: folder %s does not exist", dir)
		}
		if !writable(dir) {
			return false, fmt.Errorf("cannot create it: folder %s is read-only", dir)
		}
		return true, nil
	case err != nil:
		return false, err
	case fi.IsDir():
		return false, fmt.Errorf("%w: it is a folder; give a file inside it, such as %s",
			ErrNotFile, filepath.Join(abs, "org.db"))
	case !fi.Mode().IsRegular():
		return false, fmt.Errorf("%w: it is a %s, not a regular file", ErrNotFile, kindOf(fi.Mode()))
	}
	if mode != ReadOnly && !writable(abs) {
		return false, fmt.Errorf("the file is read-only; copy it somewhere writable or open it read-only")
	}
	if mode != ReadOnly && !writable(filepath.Dir(abs)) {
		return false, fmt.Errorf("folder %s is read-only, and SQLite needs to write its journal beside the file", filepath.Dir(abs))
	}
	return fi.Size() == 0, nil
}

func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

// writable reports whether the process may write to the file or folder.
func writable(path string) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return false
	}
	if fi.IsDir() {
		f, err := os.CreateTemp(path, ".multiplier-probe-*")
		if err != nil {
			return false
		}
		f.Close()
		os.Remove(f.Name())
		return true
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// inspect reads an existing, non-empty file without writing to it and
// returns its schema version, or why it is not a workspace Multiplier
// may use.
func inspect(abs string) (int, error) {
	if err := checkMagic(abs); err != nil {
		return 0, err
	}
	db, err := sql.Open("sqlite", dsn(abs, inspecting))
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var app, v int
	if err := db.QueryRow("PRAGMA application_id").Scan(&app); err != nil {
		return 0, damaged(err)
	}
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return 0, damaged(err)
	}
	if err := ownFile(db, app, v); err != nil {
		return 0, err
	}
	switch {
	case v < 0:
		return 0, fmt.Errorf("%w: schema version %d is not one Multiplier writes", ErrDamaged, v)
	case v > len(migrations):
		return 0, fmt.Errorf("%w (schema version %d; this version reads up to %d): update Multiplier to open it",
			ErrNewerSchema, v, len(migrations))
	}
	if err := quickCheck(db); err != nil {
		return 0, err
	}
	return v, nil
}

// checkMagic refuses a file that does not start as an SQLite file.
func checkMagic(abs string) error {
	f, err := os.Open(abs)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteMagic) {
		return fmt.Errorf("%w: it is not an SQLite file (or its first page is damaged)", ErrNotWorkspace)
	}
	return nil
}

// ownFile checks that a file is Multiplier's: its application_id, or,
// for files from before that was set, an unset id with a known schema
// version and the first version's tables.
func ownFile(db *sql.DB, app, v int) error {
	switch {
	case app == ApplicationID:
		return nil
	case app != 0:
		return fmt.Errorf("%w: it belongs to another application (application_id %#x)", ErrNotWorkspace, uint32(app))
	}
	var n int
	err := db.QueryRow(`SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'
		AND name IN ('sources', 'source_issues', 'people', 'identities', 'interactions')`).Scan(&n)
	if err != nil {
		return damaged(err)
	}
	var all int
	if err := db.QueryRow(`SELECT COUNT(*) FROM sqlite_schema`).Scan(&all); err != nil {
		return damaged(err)
	}
	switch {
	case v == 0 && all == 0:
		return nil // an empty SQLite file: nothing to lose
	case v >= 1 && v <= len(migrations) && n == 5:
		return nil
	}
	return fmt.Errorf("%w: it is an SQLite file without Multiplier's tables (another application's?)", ErrNotWorkspace)
}

// quickCheck runs PRAGMA quick_check: O(file size), no index cross-check.
func quickCheck(db *sql.DB) error {
	rows, err := db.Query("PRAGMA quick_check(5)")
	if err != nil {
		return damaged(err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return damaged(err)
		}
		for _, l := range strings.Split(line, "\n") {
			if l = strings.TrimSpace(l); l != "ok" && l != "" && !strings.HasPrefix(l, "***") {
				problems = append(problems, l)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return damaged(err)
	}
	switch len(problems) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%w (SQLite's check: %s); restore it from a backup", ErrDamaged, problems[0])
	}
	return fmt.Errorf("%w (SQLite's check: %s, and more); restore it from a backup", ErrDamaged, problems[0])
}

// damaged names SQLite's corruption codes as ErrDamaged.
func damaged(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT:
			return fmt.Errorf("%w: %v; restore it from a backup", ErrDamaged, err)
		}
	}
	return busy(err)
}

// busy names SQLite's lock codes as ErrBusy.
func busy(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("%w (it is importing or exporting): wait for it to finish", ErrBusy)
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%w: %v; restore it from a backup", ErrDamaged, err)
		case sqlite3.SQLITE_READONLY:
			return fmt.Errorf("the file is read-only: %v", err)
		}
	}
	return err
}

// dsn is the SQLite URI of the file at abs: the path percent-escaped, so
// that '#', '?' and '%' in a name stay part of the name, with the
// connection settings of mode. Settings that change the file (WAL) are
// only set for writing modes.
func dsn(abs string, mode Mode) string {
	q := url.Values{}
	switch mode {
	case inspecting:
		q.Set("mode", "ro")
	case ReadOnly:
		// A read-write connection that SQLite keeps from writing
		// (query_only), so that closing it removes the -wal and -shm
		// files a read-only one would leave beside the workspace.
		q.Set("mode", "ro")
		if writable(abs) && writable(filepath.Dir(abs)) {
			q.Set("mode", "rw")
			q.Add("_pragma", "query_only(1)")
		}
	case Create:
		q.Set("mode", "rwc")
	default:
		q.Set("mode", "rw")
	}
	if mode == Create || mode == Write {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate") // a writer takes the lock when it begins, or learns it is busy
	}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(500)")
	q.Add("_pragma", "temp_store(MEMORY)") // statement journals of batched inserts stay off disk
	return "file:" + escapePath(filepath.ToSlash(abs)) + "?" + q.Encode()
}

// escapePath percent-escapes every byte of p but unreserved characters
// and '/', as an SQLite URI path wants.
func escapePath(p string) string {
	var b strings.Builder
	if !strings.HasPrefix(p, "/") {
		b.WriteByte('/') // C:/… on Windows
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '/' || c == '-' || c == '.' || c == '_' || c == '~' ||
			'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// Ping reports whether the workspace can still be read.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// SetWait makes writes wait up to d for another process that holds the
// workspace's write lock, calling onWait (which may be nil) once when
// the wait starts, instead of failing with ErrBusy at once. Call it
// before the first write; it is not safe to call concurrently with one.
func (s *Store) SetWait(d time.Duration, onWait func()) { s.wait, s.onWait = d, onWait }

// begin starts a write transaction (BEGIN IMMEDIATE), waiting as SetWait
// allows while another process writes; ctx stops the wait.
func (s *Store) begin(ctx context.Context) (*sql.Tx, error) {
	if s.readOnly {
		return nil, fmt.Errorf("workspace %s was opened read-only", s.path)
	}
	deadline := time.Now().Add(s.wait)
	waited := false
	for {
		tx, err := s.db.BeginTx(ctx, nil)
		if err == nil {
			return tx, nil
		}
		err = busy(err)
		if !errors.Is(err, ErrBusy) || time.Now().After(deadline) {
			return nil, fmt.Errorf("workspace %s: %w", s.path, err)
		}
		if !waited && s.onWait != nil {
			s.onWait()
		}
		waited = true
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
