package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/internal/orggen"
	"github.com/multiplier/multiplier/store"
)

// These tests follow a hostile probe of the CLI that found ways to lose
// or leak a user's data; each failed before the fix it guards.

// stderrs collects the error output of failing runs, which must never
// hold a roster name or email (see TestFailuresNameNoOne).
type stderrs struct{ all []string }

func (s *stderrs) cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	code, out, errOut := cli(t, args...)
	if code != 0 {
		s.all = append(s.all, out+errOut)
	}
	return code, out, errOut
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// sampleWorkspace imports the generated sample into a workspace at path.
func sampleWorkspace(t *testing.T, path string) {
	t.Helper()
	_, roster, reviews := writeSample(t)
	if code, out, errOut := cli(t, "import", "-w", path, roster, reviews); code != 0 {
		t.Fatalf("import into %s: exit %d\n%s%s", path, code, out, errOut)
	}
}

// TestWorkspacePathCharacters runs import, analyze and export on
// workspaces whose names hold URI syntax and other characters people
// type, and checks that exactly one file, at exactly the given path,
// holds each workspace's data: 'acme#2025.db' and 'acme#2026.db' once
// both wrote into './acme'.
func TestWorkspacePathCharacters(t *testing.T) {
	_, roster, reviews := writeSample(t)
	names := []string{"acme#2025.db", "acme#2026.db", "q?x.db", "50%.db", "a%41b.db", "a&b=c.db",
		"with space.db", "it's.db", `say "hi".db`, "é.db", "日本.db", "-lead.db"}
	dir := t.TempDir()
	for i, name := range names {
		ws := filepath.Join(dir, name)
		files := []string{roster}
		if i%2 == 0 {
			files = append(files, reviews) // the workspaces differ, so a mix-up shows
		}
		if code, out, errOut := cli(t, append([]string{"import", "-w", ws}, files...)...); code != 0 {
			t.Fatalf("%s: import exit %d\n%s%s", name, code, out, errOut)
		}
		jsonOut := filepath.Join(t.TempDir(), "out.json")
		if code, out, errOut := cli(t, "analyze", "-w", ws, "--json", jsonOut); code != 0 {
			t.Fatalf("%s: analyze exit %d\n%s%s", name, code, out, errOut)
		}
		var got struct {
			People []struct {
				Scores map[string]float64 `json:"scores"`
			} `json:"people"`
		}
		b, err := os.ReadFile(jsonOut)
		if err != nil || json.Unmarshal(b, &got) != nil || len(got.People) != 68 {
			t.Fatalf("%s: analysis %d people, %v", name, len(got.People), err)
		}
		given := 0.0
		for _, p := range got.People {
			given += p.Scores["reviews_given"]
		}
		if (given > 0) != (i%2 == 0) {
			t.Errorf("%s: %v reviews given; this workspace was imported %v", name, given, files)
		}
		if code, out, errOut := cli(t, "export", "-w", ws, "-o", filepath.Join(t.TempDir(), "out"), "--formats", "csv"); code != 0 {
			t.Fatalf("%s: export exit %d\n%s%s", name, code, out, errOut)
		}
	}
	var got []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if want := slices.Sorted(slices.Values(names)); !slices.Equal(got, want) {
		t.Fatalf("files:\n got %q\nwant %q", got, want)
	}
}

// damage zeroes one page inside the file (not the first), as a bad disk
// sector or a torn copy would.
func damage(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := 4096
	n := len(b) / page
	if n < 8 {
		t.Fatalf("%s has only %d pages", path, n)
	}
	clear(b[page*(n/2) : page*(n/2+1)])
	// and a few flipped bytes in the page headers after it
	for p := n/2 + 1; p < min(n, n/2+6); p++ {
		b[p*page] ^= 0xa5
		b[p*page+3] ^= 0x5a
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// commands are every command of the CLI against workspace ws.
func commands(ws, file, dir string) [][]string {
	return [][]string{
		{"import", "-w", ws, file},
		{"analyze", "-w", ws},
		{"analyze", "-w", ws, "--json", filepath.Join(dir, "out.json")},
		{"export", "-w", ws, "-o", filepath.Join(dir, "export"), "--formats", "csv"},
		{"export", "-w", ws, "-o", filepath.Join(dir, "anon"), "--formats", "csv", "--anonymize"},
		{"identities", "-w", ws},
		{"identities", "merge", "-w", ws, "ext-someone", "someone@example.com"},
	}
}

// TestDamagedAndForeignFilesUntouched runs every command on a damaged
// copy of a real workspace and on other applications' files and checks
// that none writes to them and each message names the file. Before,
// a damaged workspace took an import (exit 0) and `analyze` turned an
// SQLite file of another application into a workspace.
func TestDamagedAndForeignFilesUntouched(t *testing.T) {
	var errs stderrs
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	sampleWorkspace(t, good)
	extra := filepath.Join(dir, "extra.csv")
	if err := os.WriteFile(extra, []byte("From,To,Kind,Timestamp,Weight\na@example.com,b@example.com,chat,2026-05-01T10:00:00Z,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := map[string]func(path string){
		"damaged.db": func(path string) {
			copyFile(t, good, path)
			damage(t, path)
		},
		"other-app.db": func(path string) {
			db, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range []string{"CREATE TABLE notes (body TEXT)", "INSERT INTO notes VALUES ('keep')"} {
				if _, err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()
		},
		"future.db": func(path string) {
			copyFile(t, good, path)
			db, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			db.Exec("PRAGMA user_version = 99")
			db.Close()
		},
		"minus-one.db": func(path string) {
			copyFile(t, good, path)
			db, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			db.Exec("PRAGMA user_version = -1")
			db.Close()
		},
		"notes.txt": func(path string) {
			if err := os.WriteFile(path, []byte("not a database, but mine\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, makeFile := range files {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			makeFile(path)
			before := sum(t, path)
			for _, args := range commands(path, extra, t.TempDir()) {
				code, out, errOut := errs.cli(t, args...)
				if code == 0 {
					t.Errorf("%v: exit 0\n%s", args[:2], out)
				}
				if !strings.Contains(errOut, path) && !strings.Contains(errOut, name) {
					t.Errorf("%v: the message does not name the file:\n%s", args[:2], errOut)
				}
				if sum(t, path) != before {
					t.Fatalf("%v changed the file", args[:2])
				}
			}
		})
	}
	checkNoNames(t, errs.all)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestJSONNeverOverwritesData: --json pointed at the workspace, its
// journal or another SQLite file is refused (it once overwrote the
// workspace with JSON), and a --json file is replaced whole or not at
// all (a kill once left it empty).
func TestJSONNeverOverwritesData(t *testing.T) {
	var errs stderrs
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.db")
	sampleWorkspace(t, ws)
	other := filepath.Join(dir, "other.db")
	sampleWorkspace(t, other)
	for _, target := range []string{ws, other, ws + "-wal", filepath.Join(dir, ".", "ws.db")} {
		before := sum(t, ws)
		code, _, errOut := errs.cli(t, "analyze", "-w", ws, "--json", target)
		if code == 0 || !strings.Contains(errOut, "refusing to overwrite") {
			t.Errorf("--json %s: exit %d %s", target, code, errOut)
		}
		if sum(t, ws) != before {
			t.Fatalf("--json %s changed the workspace", target)
		}
	}
	if _, err := os.Stat(ws + "-wal"); err == nil {
		if b, _ := os.ReadFile(ws + "-wal"); len(b) > 0 && bytes.HasPrefix(b, []byte("{")) {
			t.Fatal("JSON was written over the journal")
		}
	}
	// Killed while writing, the previous JSON stays whole.
	out := filepath.Join(dir, "out.json")
	if code, _, errOut := cli(t, "analyze", "-w", ws, "--json", out); code != 0 {
		t.Fatal(errOut)
	}
	previous := sum(t, out)
	for _, after := range []time.Duration{50 * time.Millisecond, 150 * time.Millisecond, 300 * time.Millisecond, 600 * time.Millisecond} {
		cmd := exec.Command(os.Args[0], "analyze", "-w", ws, "--from", "2026-04-01", "--json", out)
		cmd.Env = append(os.Environ(), "MULTIPLIER_CLI_CHILD=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(after)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("killed after %v: %v", after, err)
		}
		if sha256.Sum256(b) != previous && !json.Valid(b) {
			t.Fatalf("killed after %v: out.json is neither the previous file nor whole JSON (%d bytes)", after, len(b))
		}
		previous = sha256.Sum256(b)
	}
	checkNoNames(t, errs.all)
}

// TestInputsThatNeverEnd: a named pipe without a writer and /dev/zero
// are refused at once; both once hung the import.
func TestInputsThatNeverEnd(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "reviews.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	ws := filepath.Join(dir, "ws.db")
	for _, input := range []string{fifo, "/dev/zero", dir} {
		done := make(chan string, 1)
		go func() {
			code, out, _ := cli(t, "import", "-w", ws, input)
			done <- fmt.Sprint(code, " ", out)
		}()
		select {
		case got := <-done:
			if !strings.HasPrefix(got, "1 ") || !strings.Contains(got, "not a regular file") {
				t.Errorf("import %s: %s", input, got)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("import %s hangs", input)
		}
	}
	// A folder or a pipe as the workspace is explained in one line.
	for _, bad := range []string{dir, fifo} {
		code, _, errOut := cli(t, "analyze", "-w", bad)
		if code != 1 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, bad) {
			t.Errorf("analyze -w %s: exit %d %q", bad, code, errOut)
		}
	}
}

// TestBusyWorkspace: while another process writes to the workspace, a
// second import says so at once, or with --wait waits and then imports.
func TestBusyWorkspace(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.db")
	sampleWorkspace(t, ws)
	extra := filepath.Join(dir, "extra.csv")
	if err := os.WriteFile(extra, []byte("From,To,Kind,Timestamp,Weight\na@example.com,b@example.com,chat,2026-05-01T10:00:00Z,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	holder, err := store.Open(ws)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	im, err := holder.Begin(context.Background(), store.Source{Name: "held", Kind: "test", Format: "csv", SHA256: "held"})
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut := cli(t, "import", "-w", ws, extra)
	if code != 1 || !strings.Contains(errOut, "another Multiplier process is using this workspace") || !strings.Contains(errOut, "--wait") {
		t.Fatalf("import while busy: exit %d\n%s", code, errOut)
	}
	// Analyse reads while another process writes.
	if code, _, errOut := cli(t, "analyze", "-w", ws); code != 0 {
		t.Fatalf("analyze while another writes: %s", errOut)
	}
	go func() {
		time.Sleep(1500 * time.Millisecond)
		im.Rollback()
	}()
	code, out, errOut := cli(t, "import", "-w", ws, "--wait", "1m", extra)
	if code != 0 || !strings.Contains(errOut, "waiting up to 1m0s for another Multiplier process") {
		t.Fatalf("import --wait: exit %d\n%s%s", code, out, errOut)
	}
}

// TestInterruptStopsWithinASecond sends Ctrl-C (SIGINT) to a real CLI
// process importing a large file, exporting, and waiting for a busy
// workspace (which once waited out a silent 10 s busy timeout), and
// checks that each stops quickly and leaves the workspace whole.
func TestInterruptStopsWithinASecond(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "reviews.csv")
	writeBigReviews(t, big, 300_000)
	sample := filepath.Join(dir, "sample.db")
	sampleWorkspace(t, sample)
	busy := filepath.Join(dir, "busy.db")
	sampleWorkspace(t, busy)
	holder, err := store.Open(busy)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	im, err := holder.Begin(context.Background(), store.Source{Name: "held", Kind: "test", Format: "csv", SHA256: "held"})
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	cases := []struct {
		name string
		ws   string
		args []string
	}{
		{"import", filepath.Join(dir, "ws.db"), []string{"import", "-w", filepath.Join(dir, "ws.db"), big}},
		{"export", sample, []string{"export", "-w", sample, "-o", filepath.Join(dir, "out")}},
		{"import into a busy workspace", busy, []string{"import", "-w", busy, big}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], c.args...)
			cmd.Env = append(os.Environ(), "MULTIPLIER_CLI_CHILD=1")
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
				t.Logf("finished before Ctrl-C: %s", errOut.String())
				return
			case <-time.After(700 * time.Millisecond):
			}
			sent := time.Now()
			cmd.Process.Signal(os.Interrupt)
			select {
			case <-done:
				// Generous against a loaded machine; the design bound is stopGrace.
				if took := time.Since(sent); took > 3*time.Second {
					t.Errorf("stopped %v after Ctrl-C", took)
				}
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				t.Fatal("Ctrl-C did not stop it")
			}
			if code := cmd.ProcessState.ExitCode(); code == 0 {
				t.Fatalf("exit 0 after Ctrl-C\n%s", errOut.String())
			}
			if c.ws != busy {
				checkWorkspace(t, c.ws)
			}
		})
	}
}

// TestBigMeetingCapped: a calendar with one meeting of 5,000 attendees
// imports with a note and analyses; the meeting keeps 1,000 of them.
func TestBigMeetingCapped(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:all-hands-1\r\n" +
		"DTSTART:20260504T160000Z\r\nDTEND:20260504T170000Z\r\nSUMMARY:All hands\r\nORGANIZER;CN=CEO:mailto:ceo@example.com\r\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "ATTENDEE;CN=Person %d:mailto:p%d@example.com\r\n", i, i)
	}
	b.WriteString("END:VEVENT\r\nEND:VCALENDAR\r\n")
	ics := filepath.Join(dir, "all-hands.ics")
	if err := os.WriteFile(ics, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ws := filepath.Join(dir, "ws.db")
	code, out, errOut := cli(t, "import", "-w", ws, ics)
	if code != 0 || !strings.Contains(out, "1 meeting had more than 1000 people") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := cli(t, "analyze", "-w", ws, "--json", filepath.Join(dir, "out.json")); code != 0 {
		t.Fatal(errOut)
	}
	s, err := store.OpenMode(ws, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ms, err := s.Meetings(context.Background(), multiplier.Period{})
	if err != nil || len(ms) != 1 || len(ms[0].Attendees) != 1000 {
		t.Fatalf("meetings %d, %v", len(ms), err)
	}
}

// checkNoNames fails if any output holds a name or email of the
// generated sample's roster.
func checkNoNames(t *testing.T, outputs []string) {
	t.Helper()
	o := orggen.Generate(orggen.DefaultConfig())
	for _, out := range outputs {
		low := strings.ToLower(out)
		for _, p := range o.People {
			for _, needle := range []string{p.Name, p.Email} {
				if needle != "" && strings.Contains(low, strings.ToLower(needle)) {
					t.Errorf("an error output names %q:\n%s", needle, out)
				}
			}
		}
	}
}

// TestCrashLeavesOutTheMessage: a panic (once regexp's "expression too
// large", which quoted every roster email) is reported without its value.
func TestCrashLeavesOutTheMessage(t *testing.T) {
	var b bytes.Buffer
	code := crashed(&b, fmt.Errorf("regexp: expression too large: (ada.okafor@example.com)|(Ada Okafor)"))
	if code != 3 || strings.Contains(b.String(), "okafor") || strings.Contains(b.String(), "Okafor") ||
		!strings.Contains(b.String(), "internal error") {
		t.Fatalf("exit %d:\n%s", code, b.String())
	}
}

// TestAnonymisedExportOverNamed: an anonymised export into the folder of
// a named one leaves no file with a roster name in it or in its name
// (once 156 of 328 files did), and a foreign folder is refused untouched.
func TestAnonymisedExportOverNamed(t *testing.T) {
	var errs stderrs
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.db")
	sampleWorkspace(t, ws)
	out := filepath.Join(dir, "calibration")
	if code, _, errOut := cli(t, "export", "-w", ws, "-o", out, "--formats", "pdf,csv"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := cli(t, "export", "-w", ws, "-o", out, "--formats", "csv,svg", "--anonymize"); code != 0 {
		t.Fatal(errOut)
	}
	o := orggen.Generate(orggen.DefaultConfig())
	err := filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		low := strings.ToLower(filepath.Base(path) + "\n" + string(b))
		for _, p := range o.People {
			first := strings.ToLower(strings.Fields(p.Name)[0])
			if strings.Contains(low, strings.ToLower(p.Email)) || strings.Contains(low, strings.ToLower(p.Name)) ||
				strings.Contains(strings.ToLower(filepath.Base(path)), first) {
				t.Errorf("%s still names %s", path, p.Name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A folder of someone else's files is refused and left as it was.
	foreign := filepath.Join(dir, "notes")
	if err := os.Mkdir(foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(foreign, "plan.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := errs.cli(t, "export", "-w", ws, "-o", foreign, "--formats", "csv")
	if code == 0 || !strings.Contains(errOut, "did not write") {
		t.Fatalf("export into a foreign folder: exit %d %s", code, errOut)
	}
	if entries, _ := os.ReadDir(foreign); len(entries) != 1 {
		t.Fatalf("the foreign folder holds %d entries", len(entries))
	}
	// Nor the folder that holds the workspace.
	if code, _, _ := errs.cli(t, "export", "-w", ws, "-o", dir, "--formats", "csv"); code == 0 {
		t.Fatal("exported into the workspace's folder")
	}
	checkNoNames(t, errs.all)
}
