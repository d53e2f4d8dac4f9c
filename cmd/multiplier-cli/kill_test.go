package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/workspace"
)

// TestMain lets the test binary act as the CLI in a child process, so the
// kill test kills the real import code mid-transaction.
func TestMain(m *testing.M) {
	if os.Getenv("MULTIPLIER_CLI_CHILD") == "1" {
		os.Exit(cliMain(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// writeBigReviews writes a review CSV of n rows, every row a distinct review.
func writeBigReviews(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Repository,PR Number,PR Author,PR Created At,Reviewer,Review State,Review Submitted At,Review Comments")
	start := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	for i := range n {
		at := start.Add(time.Duration(i) * time.Minute)
		fmt.Fprintf(w, "acme/repo-%d,%d,author%d,%s,reviewer%d,APPROVED,%s,%d\n",
			i%40, i, i%300, at.Format(time.RFC3339), (i+7)%300, at.Add(3*time.Hour).Format(time.RFC3339), i%5)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestKillDuringImport starts real imports in a child process, kills them
// with SIGKILL at several moments, and checks that the workspace opens,
// passes SQLite's integrity check, holds the file wholly or not at all,
// analyses, and accepts the file again when it was absent.
func TestKillDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "reviews.csv")
	const rows = 200_000
	writeBigReviews(t, big, rows)
	for _, after := range []time.Duration{300 * time.Millisecond, 900 * time.Millisecond, 1800 * time.Millisecond} {
		t.Run(after.String(), func(t *testing.T) {
			ws := filepath.Join(t.TempDir(), "ws.db")
			killed := killImport(t, ws, big, after)
			n := checkWorkspace(t, ws)
			switch {
			case n == 0:
				t.Logf("killed after %v (killed=%v): file absent", after, killed)
				// Absent means importable again, in full.
				cmd := child(ws, big)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("re-import after kill: %v\n%s", err, out)
				}
				if got := checkWorkspace(t, ws); got != rows {
					t.Fatalf("re-import stored %d reviews, want %d", got, rows)
				}
			case n == rows:
				t.Logf("killed after %v (killed=%v): file wholly present", after, killed)
			default:
				t.Fatalf("workspace holds %d of %d reviews: a partial import survived SIGKILL", n, rows)
			}
		})
	}
}

func child(ws, file string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "import", "-w", ws, file)
	cmd.Env = append(os.Environ(), "MULTIPLIER_CLI_CHILD=1")
	return cmd
}

// killImport starts an import and sends SIGKILL after the given time;
// it reports whether the child was still running when killed.
func killImport(t *testing.T, ws, file string, after time.Duration) bool {
	t.Helper()
	cmd := child(ws, file)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		t.Logf("import finished before the kill: %v", err)
		return false
	case <-time.After(after):
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-done
	return true
}

// checkWorkspace opens ws as the app would, checks its integrity and
// analyses it; it returns the number of reviews stored.
func checkWorkspace(t *testing.T, ws string) int {
	t.Helper()
	// A kill before the child created the file leaves nothing to check
	// but that the app can create it; opening migrates, so open first.
	w, err := workspace.Open(ws)
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	w.Close()
	db, err := sql.Open("sqlite", "file:"+ws)
	if err != nil {
		t.Fatal(err)
	}
	var ok string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check = %q, %v", ok, err)
	}
	var reviews, sources int
	if err := db.QueryRow("SELECT COUNT(*) FROM interactions").Scan(&reviews); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT COUNT(*) FROM sources").Scan(&sources); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if (sources == 0) != (reviews == 0) {
		t.Fatalf("%d sources but %d reviews", sources, reviews)
	}
	w, err = workspace.Open(ws)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.Analyze(context.Background(), multiplier.Period{}, graph.DefaultSettings(), nil); err != nil {
		t.Fatalf("analyse after kill: %v", err)
	}
	return reviews
}
