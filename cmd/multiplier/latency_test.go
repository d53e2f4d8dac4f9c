//go:build smoke

package main

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/multiplier/multiplier/workspace"
)

// TestLatencyDuring10kAnalysis starts the real app under Xvfb on a
// workspace of 10 000 people and 400 000 reviews and measures, from a
// probe inside the app, how long the UI goroutine takes to answer while
// the workspace loads and is analysed. A window that froze during the
// analysis would show a wait as long as the analysis (seconds). The one
// stall left is the hand-over of the result to the screens (about 0.2 s
// at 10k people); the bound of 0.5 s catches any work that slips back
// onto the UI goroutine.
func TestLatencyDuring10kAnalysis(t *testing.T) {
	dir := t.TempDir()
	ws := bigWorkspace(t, dir, 10_000, 400_000)
	bin := filepath.Join(dir, "multiplier")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	display := startXvfb(t)
	ready, latency := filepath.Join(dir, "ready"), filepath.Join(dir, "latency")
	app := exec.Command(bin, "-w", ws, "-ready-file", ready, "-latency-file", latency)
	app.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "LANG=en_US.UTF-8")
	logf, _ := os.Create(filepath.Join(dir, "app.log"))
	app.Stdout, app.Stderr = logf, logf
	start := time.Now()
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { app.Process.Kill(); app.Wait() }()
	rows := waitReady(t, ready, filepath.Join(dir, "app.log"))
	shown := time.Since(start)
	var samples int
	var p50, p99, worst float64
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		b, err := os.ReadFile(latency)
		if err == nil && len(b) > 0 {
			fmt.Sscan(string(b), &samples, &p50, &p99, &worst)
			break
		}
	}
	t.Logf("10k people: table of %d rows shown after %.1f s; UI goroutine latency over %d probes: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
		rows, shown.Seconds(), samples, p50, p99, worst)
	if rows != 10_000 {
		t.Fatalf("table shows %d rows, want 10000", rows)
	}
	if samples < 50 {
		t.Fatalf("only %d latency probes: the UI goroutine did not answer during the analysis", samples)
	}
	if worst > 500 {
		log, _ := os.ReadFile(filepath.Join(dir, "app.log"))
		t.Logf("app log:\n%s", log)
		t.Fatalf("the UI goroutine was blocked for %.0f ms during the analysis", worst)
	}
}

// bigWorkspace writes a roster of people in teams of ten and reviews
// mostly inside a team, imports both and returns the workspace file.
func bigWorkspace(t *testing.T, dir string, people, reviews int) string {
	t.Helper()
	rng := rand.New(rand.NewPCG(10, 10))
	roster := writeCSV(t, filepath.Join(dir, "roster.csv"), "Employee Name,Work Email,Team,Job Level", people, func(i int) string {
		return fmt.Sprintf("Person %d,p%d@example.com,Team %03d,L%d", i, i, i/10, 3+i%5)
	})
	at := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)
	revs := writeCSV(t, filepath.Join(dir, "reviews.csv"),
		"Repository,PR Number,PR Title,PR Author,PR Created At,PR Merged At,Reviewer,Review State,Review Submitted At,Review Comments", reviews, func(i int) string {
			author := rng.IntN(people)
			reviewer := author/10*10 + rng.IntN(10)
			if rng.IntN(5) == 0 {
				reviewer = rng.IntN(people)
			}
			if reviewer == author {
				reviewer = (author + 1) % people
			}
			created := at.Add(time.Duration(i) * 35 * time.Second)
			return fmt.Sprintf("acme/repo-%d,%d,Change %d,p%d@example.com,%s,,p%d@example.com,APPROVED,%s,%d",
				author/40, i, i, author, created.Format(time.RFC3339), reviewer,
				created.Add(time.Duration(1+rng.IntN(30))*time.Hour).Format(time.RFC3339), rng.IntN(4))
		})
	path := filepath.Join(dir, "ws.db")
	w, err := workspace.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, f := range []string{roster, revs} {
		if _, err := w.Import(context.Background(), f, nil); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func writeCSV(t *testing.T, path, header string, n int, row func(int) string) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, header)
	for i := range n {
		fmt.Fprintln(w, strings.TrimSpace(row(i)))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return path
}
