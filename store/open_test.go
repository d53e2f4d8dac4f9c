package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
)

// pathNames are workspace names a person may well type: URI syntax
// ('#', '?', '%', '&'), quotes, spaces, accents, CJK and a leading '-'.
var pathNames = []string{"acme#2025.db", "acme#2026.db", "q?x.db", "a%41b.db", "a%2", "a&b=c.db",
	"with space.db", "it's.db", `say "hi".db`, "é.db", "日本.db", "-lead.db"}

// TestOpenPathCharacters opens a workspace under each name in one folder
// and checks that each holds its own data in exactly the file named:
// "acme#2025.db" and "acme#2026.db" once both wrote into "acme".
func TestOpenPathCharacters(t *testing.T) {
	dir := t.TempDir()
	for i, name := range pathNames {
		s, err := Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p := multiplier.Person{Email: strings.Repeat("x", i+1) + "@example.com", Name: name}
		mustImport(t, s, name, []multiplier.Person{p}, nil)
		s.Close()
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := slices.Sorted(slices.Values(pathNames))
	if !slices.Equal(got, want) {
		t.Fatalf("files in the folder:\n got %q\nwant %q", got, want)
	}
	for _, name := range pathNames {
		s, err := OpenMode(filepath.Join(dir, name), ReadOnly)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		people, err := s.People(context.Background())
		s.Close()
		if err != nil || len(people) != 1 || people[0].Name != name {
			t.Errorf("%s holds %+v, %v; want only its own person", name, people, err)
		}
	}
}

// sqlExec runs statements on a file with a plain connection, as another
// application would.
func sqlExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// workspaceFile makes a real workspace with one person and one review
// and returns its path.
func workspaceFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ws.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var reviews []multiplier.Review
	for i := range 400 {
		reviews = append(reviews, review(string(rune('a'+i%26))+string(rune('0'+i/26)), "jkim", "aokafor", 1+i%9))
	}
	mustImport(t, s, "first", []multiplier.Person{ada, jun}, reviews)
	s.Close()
	return path
}

// zeroPage writes zeros over page n (1-based) of the file.
func zeroPage(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(make([]byte, 4096), int64(n-1)*4096); err != nil {
		t.Fatal(err)
	}
}

// TestOpenRefuses opens files that are not workspaces Multiplier may
// write to, in every mode, and checks that each is refused with the
// right error and its path, and left byte for byte as it was: once,
// another application's file got ten tables, a user_version and WAL.
func TestOpenRefuses(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T) string
		want error
	}{
		{"another application's SQLite file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "other-app.db")
			sqlExec(t, p, "CREATE TABLE notes (body TEXT)", "INSERT INTO notes VALUES ('keep me')")
			return p
		}, ErrNotWorkspace},
		{"an SQLite file with another application id", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "app.db")
			sqlExec(t, p, "PRAGMA application_id = 42", "CREATE TABLE sources (x)")
			return p
		}, ErrNotWorkspace},
		{"a text file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "notes.db")
			if err := os.WriteFile(p, []byte("name,email\nAda,ada@example.com\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}, ErrNotWorkspace},
		{"schema version -1", func(t *testing.T) string {
			p := workspaceFile(t)
			sqlExec(t, p, "PRAGMA user_version = -1")
			return p
		}, ErrDamaged},
		{"a future schema version", func(t *testing.T) string {
			p := workspaceFile(t)
			sqlExec(t, p, "PRAGMA user_version = 99")
			return p
		}, ErrNewerSchema},
		{"a zeroed page", func(t *testing.T) string {
			p := workspaceFile(t)
			zeroPage(t, p, 3)
			return p
		}, ErrDamaged},
		{"a zeroed first page", func(t *testing.T) string {
			p := workspaceFile(t)
			zeroPage(t, p, 1)
			return p
		}, ErrNotWorkspace},
	}
	for _, c := range cases {
		for _, mode := range []Mode{Create, Write, ReadOnly} {
			t.Run(c.name+"/"+modeName(mode), func(t *testing.T) {
				path := c.make(t)
				before := fileSum(t, path)
				s, err := OpenMode(path, mode)
				if err == nil {
					s.Close()
					t.Fatal("opened")
				}
				if !errors.Is(err, c.want) {
					t.Errorf("error %q is not %q", err, c.want)
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("error %q does not name the file", err)
				}
				if fileSum(t, path) != before {
					t.Error("the refused file was changed")
				}
				if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
					t.Error("a write-ahead log beside the refused file holds data")
				}
			})
		}
	}
}

func modeName(m Mode) string { return [...]string{"create", "write", "read-only"}[m] }

// TestOpenPaths refuses folders, named pipes and missing files where a
// workspace must exist, without blocking on the pipe.
func TestOpenPaths(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.db")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.db")
	cases := []struct {
		name string
		path string
		mode Mode
		want error
	}{
		{"folder", dir, Create, ErrNotFile},
		{"named pipe", fifo, Write, ErrNotFile},
		{"missing, to write", missing, Write, ErrMissing},
		{"missing, to read", missing, ReadOnly, ErrMissing},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				s, err := OpenMode(c.path, c.mode)
				if err == nil {
					s.Close()
				}
				done <- err
			}()
			select {
			case err := <-done:
				if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.path) {
					t.Fatalf("error %v, want %v naming %s", err, c.want, c.path)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("open blocked")
			}
			if _, err := os.Stat(missing); err == nil {
				t.Fatal("a refused open created the file")
			}
		})
	}
	// Create in a read-only folder says so (root may write anywhere).
	ro := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	if !writable(ro) {
		_, err := Open(filepath.Join(ro, "ws.db"))
		if err == nil || !strings.Contains(err.Error(), "read-only") {
			t.Fatalf("create in a read-only folder: %v", err)
		}
	}
}

// TestReadOnlyWritesNothing: a read-only open of a workspace from an
// older version is refused rather than migrated, and one of the current
// version reads without changing a byte or switching the journal mode.
func TestReadOnlyWritesNothing(t *testing.T) {
	old := filepath.Join(t.TempDir(), "old.db")
	sqlExec(t, old, append(slices.Clone(migrations[:4]), "PRAGMA user_version = 4")...)
	before := fileSum(t, old)
	if _, err := OpenMode(old, ReadOnly); !errors.Is(err, ErrOlderSchema) || !strings.Contains(err.Error(), old) {
		t.Fatalf("read-only open of a version-4 file: %v", err)
	}
	if fileSum(t, old) != before {
		t.Fatal("a read-only open changed an old workspace")
	}
	path := workspaceFile(t)
	before = fileSum(t, path)
	s, err := OpenMode(path, ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Interactions(context.Background(), multiplier.Period{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Merge(context.Background(), "jkim", ada.Email); err == nil {
		t.Error("a read-only store merged")
	}
	if _, err := s.Begin(context.Background(), Source{Name: "x", SHA256: "x"}); err == nil {
		t.Error("a read-only store began an import")
	}
	s.Close()
	if fileSum(t, path) != before {
		t.Fatal("a read-only open changed the workspace")
	}
}

// TestApplicationID: a writing open marks the file as Multiplier's, also
// a file from before the mark existed.
func TestApplicationID(t *testing.T) {
	path := workspaceFile(t)
	sqlExec(t, path, "PRAGMA application_id = 0")
	s, err := OpenMode(path, Write)
	if err != nil {
		t.Fatalf("a workspace from before application_id: %v", err)
	}
	var app int
	if err := s.db.QueryRow("PRAGMA application_id").Scan(&app); err != nil || app != ApplicationID {
		t.Fatalf("application_id %#x, %v", app, err)
	}
	s.Close()
}

// TestBusy: a second writer is told at once that another process holds
// the workspace, or, with SetWait, waits for it and then writes.
func TestBusy(t *testing.T) {
	path := workspaceFile(t)
	holder, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	ctx := context.Background()
	im, err := holder.Begin(ctx, Source{Name: "held.csv", Kind: "test", Format: "csv", SHA256: "held"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := Open(path)
	if err != nil {
		t.Fatalf("open while another process imports: %v", err)
	}
	defer other.Close()
	_, err = other.Begin(ctx, Source{Name: "b.csv", Kind: "test", Format: "csv", SHA256: "b"})
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "another Multiplier process") {
		t.Fatalf("second writer: %v, want ErrBusy", err)
	}
	if err := other.Merge(ctx, "someone", ada.Email); !errors.Is(err, ErrBusy) {
		t.Fatalf("merge while another writes: %v, want ErrBusy", err)
	}
	waits := 0
	other.SetWait(time.Minute, func() { waits++ })
	go func() {
		time.Sleep(1500 * time.Millisecond) // longer than one busy_timeout
		im.Rollback()
	}()
	im2, err := other.Begin(ctx, Source{Name: "b.csv", Kind: "test", Format: "csv", SHA256: "b"})
	if err != nil {
		t.Fatalf("waiting writer: %v", err)
	}
	im2.Rollback()
	if waits != 1 {
		t.Errorf("onWait called %d times, want 1", waits)
	}
	// A cancelled wait stops.
	im, err = holder.Begin(ctx, Source{Name: "held.csv", Kind: "test", Format: "csv", SHA256: "held"})
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	cctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if _, err := other.Begin(cctx, Source{Name: "c", SHA256: "c"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("cancelled wait: %v", err)
	}
}

// TestMeetingOfAMillion: a meeting's people are read back de-duplicated
// in linear time, and no more than multiplier.MaxAttendees of them; a
// 100,000-person meeting (stored before imports cut such lists) once
// took minutes (slices.Contains per attendee).
func TestMeetingOfAMillion(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	im, err := s.Begin(ctx, Source{Name: "all-hands.ics", Kind: "meetings", Format: "ics", SHA256: "m"})
	if err != nil {
		t.Fatal(err)
	}
	m := multiplier.Meeting{UID: "u", Subject: "All hands", Start: t0, End: t0.Add(time.Hour), Organizer: "ceo@example.com"}
	const n = 100_000
	for i := range n {
		m.Attendees = append(m.Attendees, "person"+strings.Repeat("x", i%3)+strconv.Itoa(i)+"@example.com")
	}
	if err := im.Meeting(m); err != nil {
		t.Fatal(err)
	}
	if err := im.Commit(Counts{Read: 1}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Meetings(ctx, multiplier.Period{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].Attendees) != multiplier.MaxAttendees || got[0].Organizer != "ceo@example.com" {
		t.Fatalf("%d meetings, %d attendees", len(got), len(got[0].Attendees))
	}
}
