package parse

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseErrorReadsAsAPositionedMessage(t *testing.T) {
	tests := []struct {
		name string
		e    *ParseError
		want string
	}{
		{"sheet row column", &ParseError{File: "reviews.xlsx", Sheet: "reviews", Row: 812, Column: "Review Submitted At",
			Err: BadValue(ErrBadDate, "n/a", "a date")}, `reviews.xlsx, sheet reviews, row 812, column 'Review Submitted At': "n/a" is not a date`},
		{"entry and column number", &ParseError{File: "slack.zip", Sheet: "general/2026-05-07.json", Row: 3, Col: 2,
			Err: ErrMissingValue}, "slack.zip, sheet general/2026-05-07.json, row 3, column 2: missing value"},
		{"nil error", &ParseError{File: "a.csv"}, "a.csv: unknown error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.e.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
	var err error = &ParseError{Err: BadValue(ErrBadDate, "x", "a date")}
	if !errors.Is(err, ErrBadDate) {
		t.Error("a ParseError does not unwrap to its sentinel")
	}
	if q := Quote(strings.Repeat("é", 100)); len([]rune(q)) > 45 {
		t.Errorf("Quote kept %d runes of a long value", len([]rune(q)))
	}
}

func TestStatsKeepsTheFirstSkips(t *testing.T) {
	var s Stats
	for i := range MaxSkipped + 5 {
		s.Skip(&ParseError{Row: i})
	}
	if s.SkippedCount != MaxSkipped+5 || len(s.Skipped) != MaxSkipped || s.Skipped[0].Row != 0 {
		t.Fatalf("SkippedCount %d, kept %d", s.SkippedCount, len(s.Skipped))
	}
}

func TestOpenNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "team.ics")
	if _, _, err := Open(context.Background(), path); err == nil || !strings.HasPrefix(err.Error(), "read team.ics: ") {
		t.Fatalf("missing file: %v", err)
	}
	if err := os.WriteFile(path, []byte("BEGIN:VCALENDAR"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Open(ctx, path); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	f, size, err := Open(context.Background(), path)
	if err != nil || size != 15 {
		t.Fatalf("Open = %v, size %d", err, size)
	}
	f.Close()
}
