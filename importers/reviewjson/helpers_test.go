package reviewjson

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/importers/parse"
)

// recorder is a Sink that keeps the reviews it is given. If fail is set it
// is returned once stopAfter reviews have been kept.
type recorder struct {
	reviews   []multiplier.Review
	fail      error
	stopAfter int
	other     int // records of a kind this package must never send
}

func (r *recorder) Review(v multiplier.Review) error {
	if r.fail != nil && len(r.reviews) >= r.stopAfter {
		return r.fail
	}
	r.reviews = append(r.reviews, v)
	return nil
}

func (r *recorder) Person(multiplier.Person) error           { r.other++; return nil }
func (r *recorder) Meeting(multiplier.Meeting) error         { r.other++; return nil }
func (r *recorder) Interaction(multiplier.Interaction) error { r.other++; return nil }
func (r *recorder) Alias(multiplier.Alias) error             { r.other++; return nil }

// counter is a Sink that only counts reviews, for benchmarks.
type counter struct{ n int }

func (c *counter) Review(multiplier.Review) error           { c.n++; return nil }
func (c *counter) Person(multiplier.Person) error           { return nil }
func (c *counter) Meeting(multiplier.Meeting) error         { return nil }
func (c *counter) Interaction(multiplier.Interaction) error { return nil }
func (c *counter) Alias(multiplier.Alias) error             { return nil }

// writeFile writes content to dir/name and returns the path.
func writeFile(tb testing.TB, dir, name, content string) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// unix is a Gerrit time in UTC.
func unix(sec int64) time.Time { return time.Unix(sec, 0).UTC() }

// rfc parses an RFC 3339 time for an expected review.
func rfc(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t.UTC()
}

// skip is an expected skipped record.
type skip struct {
	row    int
	column string
	err    error
}

// want is what a Read should give.
type want struct {
	err          error // errors.Is target; nil for success
	reviews      []multiplier.Review
	rows         int
	bots         int
	selfReviews  int
	skips        []skip
	notes        []string // substrings, each of which some note must hold
	noteCount    int      // exact number of notes, or -1 to not check
	checkReviews bool     // compare reviews even when err is set
}

// readFile reads path with a recorder.
func readFile(tb testing.TB, path string) (*recorder, *parse.Stats, error) {
	tb.Helper()
	rec := &recorder{}
	st, err := Read(context.Background(), path, rec, nil)
	if st == nil {
		tb.Fatal("Read returned nil Stats")
	}
	if rec.other != 0 {
		tb.Errorf("Read sent %d records that are not reviews", rec.other)
	}
	return rec, st, err
}

// check compares a read with w.
func (w want) check(t *testing.T, rec *recorder, st *parse.Stats, err error) {
	t.Helper()
	if w.err == nil && err != nil {
		t.Fatalf("Read: %v", err)
	}
	if w.err != nil {
		if !errors.Is(err, w.err) {
			t.Fatalf("Read error = %v, want %v", err, w.err)
		}
		if !w.checkReviews {
			return
		}
	}
	if len(rec.reviews) != len(w.reviews) {
		t.Errorf("got %d reviews, want %d", len(rec.reviews), len(w.reviews))
	}
	for i := range min(len(rec.reviews), len(w.reviews)) {
		if got, exp := rec.reviews[i], w.reviews[i]; got != exp {
			t.Errorf("review %d:\n got %+v\nwant %+v", i, got, exp)
		}
	}
	for i, r := range rec.reviews {
		if r.Submitted.IsZero() || r.Submitted.Location() != time.UTC || !r.Created.IsZero() && r.Created.Location() != time.UTC {
			t.Errorf("review %d: times not UTC or Submitted zero: %+v", i, r)
		}
	}
	if st.Rows != w.rows || st.Bots != w.bots || st.SelfReviews != w.selfReviews || st.Imported != len(w.reviews) {
		t.Errorf("stats rows/imported/bots/self = %d/%d/%d/%d, want %d/%d/%d/%d",
			st.Rows, st.Imported, st.Bots, st.SelfReviews, w.rows, len(w.reviews), w.bots, w.selfReviews)
	}
	if w.err == nil && st.Rows != st.Imported+st.Bots+st.SelfReviews+st.SkippedCount {
		t.Errorf("Rows %d != Imported %d + Bots %d + SelfReviews %d + Skipped %d",
			st.Rows, st.Imported, st.Bots, st.SelfReviews, st.SkippedCount)
	}
	checkSkips(t, st, w.skips)
	for _, n := range w.notes {
		if !hasNote(st.Notes, n) {
			t.Errorf("no note holds %q; notes: %q", n, st.Notes)
		}
	}
	if w.noteCount >= 0 && len(st.Notes) != w.noteCount {
		t.Errorf("got %d notes, want %d: %q", len(st.Notes), w.noteCount, st.Notes)
	}
}

func checkSkips(t *testing.T, st *parse.Stats, want []skip) {
	t.Helper()
	if st.SkippedCount != len(want) || len(st.Skipped) != len(want) {
		for _, e := range st.Skipped {
			t.Logf("skipped: %v", e)
		}
		t.Fatalf("got %d skipped (%d kept), want %d", st.SkippedCount, len(st.Skipped), len(want))
	}
	for i, w := range want {
		e := st.Skipped[i]
		if e.Row != w.row || e.Column != w.column || !errors.Is(e, w.err) || e.File == "" {
			t.Errorf("skipped %d = %v (row %d, column %q), want row %d, column %q, %v", i, e, e.Row, e.Column, w.row, w.column, w.err)
		}
	}
}

func hasNote(notes []string, s string) bool {
	for _, n := range notes {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// readText reads a file under testdata.
func readText(name string) (string, error) {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	return string(b), err
}

// between returns the text of s after the first from, up to the next to.
func between(s, from, to string) string {
	_, s, _ = strings.Cut(s, from)
	s, _, _ = strings.Cut(s, to)
	return s
}

func isUnrecognised(err error) bool { return errors.Is(err, parse.ErrUnrecognised) }
