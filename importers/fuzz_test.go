package importers

import (
	"context"
	"encoding/csv"
	"math"
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

func (s *countSink) Meeting(m multiplier.Meeting) error {
	s.utf8(m.UID, m.Subject, m.Organizer)
	s.utf8(m.Attendees...)
	if m.Start.IsZero() || m.Start.Location() != time.UTC || m.End.Location() != time.UTC || m.End.Before(m.Start) {
		s.t.Fatalf("meeting with bad times: %+v", m)
	}
	seen := map[string]bool{multiplier.IdentityKey(m.Organizer): true}
	for _, a := range m.Attendees {
		k := multiplier.IdentityKey(a)
		if k == "" || seen[k] {
			s.t.Fatalf("meeting with an empty, repeated or organizer attendee %q: %+v", a, m)
		}
		seen[k] = true
	}
	s.records++
	return nil
}

func (s *countSink) Interaction(in multiplier.Interaction) error {
	s.utf8(string(in.Kind), in.From, in.To, in.Context, in.Ref)
	if in.At.IsZero() || in.At.Location() != time.UTC {
		s.t.Fatalf("interaction with a bad time: %+v", in)
	}
	if in.From == "" || in.To == "" || in.Kind == "" || multiplier.IsBot(in.From) || multiplier.IsBot(in.To) ||
		multiplier.IdentityKey(in.From) == multiplier.IdentityKey(in.To) {
		s.t.Fatalf("interaction that should have been skipped: %+v", in)
	}
	if in.Weight < 0 || math.IsNaN(in.Weight) || math.IsInf(in.Weight, 0) || in.Ref != multiplier.IdentityKey(in.To) {
		s.t.Fatalf("interaction with a bad weight or ref: %+v", in)
	}
	s.records++
	return nil
}

func (s *countSink) Alias(a multiplier.Alias) error {
	s.t.Fatalf("a tabular file gave an alias: %+v", a)
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
	for _, seed := range newKindSeeds() {
		var b strings.Builder
		w := csv.NewWriter(&b)
		w.WriteAll(seed)
		f.Add([]byte(b.String()))
		f.Add(encodeUTF16(b.String(), false))
	}
	f.Add([]byte{0xFE, 0xFF, 0xD8, 0x3D})
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

// newKindSeeds are small Outlook, GitLab and interactions files with the
// awkward values the table tests use.
func newKindSeeds() [][][]string {
	return [][][]string{
		{outlookHeader,
			outlookRow("Design review", "5/7/2026", "2:00:00 PM", "5/7/2026", "3:00:00 PM", "False", "Okafor, Ada", "Jun Kim;Kim, Jun;Ada Okafor <ada@example.com>; ;ada@example.com", "Lina Rossi", "Room 1"),
			outlookRow("Holiday", "13/05/2026", "12:00:00 AM", "14/05/2026", "12:00:00 AM", "True", "Lina Rossi", "Ada Okafor", "", ""),
			outlookRow("Late", "07/05/2026", "23:30", "", "0.1", "False", "", "", "", ""),
			outlookRow("Bad", "", "noon", "x", "y", "", "a", "b", "", "")},
		{gitlabHeader,
			mrRow("12", "https://gitlab.example.com/g/p/-/merge_requests/12", "t", "Ada Okafor", "aokafor", "Jun Kim, Mei Tanaka", "jkim, mtanaka, aokafor, renovate-bot", "2026-05-04 09:12:00", "2026-05-05 16:40:00", ""),
			mrRow("", "%zz", "t", "Ada Okafor", "", "Jun Kim", "", "soon", "later", "2026-05-05 16:00:00"),
			mrRow("14", "", "t", "", "", "", "", "", "", "")},
		{{"Giver", "Receiver", "Type", "When", "Weight", "Note"},
			{"Ada Okafor", "Jun Kim", " Pairing ", "2026-05-04T09:00:00+02:00", "0,5", "x"},
			{"a", "A", "", "5/13/2026", "", ""},
			{"a", "b", "", "2026-05-04", "-1", ""},
			{"a", "dependabot[bot]", "", "2026-05-04", "NaN", ""}},
	}
}
