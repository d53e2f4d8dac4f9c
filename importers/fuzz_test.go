package importers

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/multiplier/multiplier"
)

// FuzzParseTime: no input may panic or hang; a value that parses is in UTC,
// inside the years we accept, and reads back the same from RFC 3339.
func FuzzParseTime(f *testing.F) {
	for _, tt := range parseTimeTests {
		f.Add(tt.in, int8(tt.order))
	}
	f.Fuzz(func(t *testing.T, s string, order int8) {
		o := dayOrder(order % 3)
		if o < 0 {
			o = -o
		}
		got, _, err := parseTime(s, o)
		if err != nil {
			return
		}
		if got.Location() != time.UTC {
			t.Fatalf("parseTime(%q) = %v, not UTC", s, got)
		}
		y := got.Year()
		if y < minYear-1 || y > maxYear+1 {
			t.Fatalf("parseTime(%q) = %v, year out of range", s, got)
		}
		if y < minYear || y > maxYear {
			return // a zone moved it over the edge; it cannot be written back as such
		}
		again, _, err := parseTime(got.Format(time.RFC3339Nano), o)
		if err != nil || !again.Equal(got) {
			t.Fatalf("parseTime(%q) = %v, which reads back as %v, %v", s, got, again, err)
		}
	})
}

// countSink counts records and checks what every record promises.
type countSink struct {
	t       *testing.T
	records int
}

func (s *countSink) Person(p multiplier.Person) error {
	s.utf8(p.Email, p.Name, p.Team, p.Department, p.Title, p.Level, p.Manager, p.GitHub, p.SlackID)
	if p.Email == "" || p.Email != strings.ToLower(p.Email) || p.Email != strings.TrimSpace(p.Email) {
		s.t.Fatalf("person with a bad email key: %+v", p)
	}
	s.records++
	return nil
}

func (s *countSink) Review(r multiplier.Review) error {
	s.utf8(r.Repository, r.Change, r.Title, r.Author, r.Reviewer, r.State)
	if r.Submitted.IsZero() || r.Submitted.Location() != time.UTC || (!r.Created.IsZero() && r.Created.Location() != time.UTC) {
		s.t.Fatalf("review with a bad time: %+v", r)
	}
	if r.Author == "" || r.Reviewer == "" || multiplier.IsBot(r.Author) || multiplier.IsBot(r.Reviewer) {
		s.t.Fatalf("review that should have been skipped: %+v", r)
	}
	if r.Comments < 0 {
		s.t.Fatalf("negative comment count: %+v", r)
	}
	s.records++
	return nil
}

func (s *countSink) utf8(fields ...string) {
	for _, f := range fields {
		if !utf8.ValidString(f) {
			s.t.Fatalf("record field %q is not UTF-8", f)
		}
	}
}

// FuzzImportCSV writes the input to a file and imports it: no input may
// panic or hang, and the report must add up.
func FuzzImportCSV(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*")
	for _, path := range seeds {
		if strings.HasSuffix(path, ".golden") || strings.HasSuffix(path, ".py") {
			continue
		}
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
	for _, rows := range [][][]string{hrRows, {githubHeader, {"acme/api", "1", "t", "a", "5/4/2026 9:12 AM", "", "b", "APPROVED", "13/05/2026 10:00", "x"}}} {
		var b strings.Builder
		w := csv.NewWriter(&b)
		w.Comma = ';'
		w.WriteAll(rows)
		f.Add([]byte(b.String()))
	}
	for _, tt := range parseTimeTests {
		f.Add([]byte("Author,Reviewer,Submitted\na,b," + tt.in + "\n"))
	}
	f.Add([]byte("Author,Reviewer,Submitted\n\"a,\"b\"\",c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "in")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		sink := &countSink{t: t}
		rep, err := Import(context.Background(), path, sink, nil)
		if rep == nil {
			t.Fatal("nil Report")
		}
		if err != nil {
			return
		}
		if rep.Imported != sink.records {
			t.Fatalf("Report.Imported %d, sink got %d", rep.Imported, sink.records)
		}
		if rep.Rows != rep.Imported+rep.Bots+rep.SelfReviews+rep.SkippedCount {
			t.Fatalf("Rows %d != Imported %d + Bots %d + SelfReviews %d + SkippedCount %d", rep.Rows, rep.Imported, rep.Bots, rep.SelfReviews, rep.SkippedCount)
		}
		if len(rep.Skipped) > maxSkipped || len(rep.Skipped) > rep.SkippedCount {
			t.Fatalf("%d Skipped kept of %d", len(rep.Skipped), rep.SkippedCount)
		}
	})
}
