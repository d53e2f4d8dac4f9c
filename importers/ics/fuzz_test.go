package ics

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/multiplier/multiplier/importers/parse"
)

// FuzzRead: no input may panic or hang, and what Read gives keeps its
// promises: meetings in UTC that do not end before they start, valid
// UTF-8, Stats that add up, and nothing emitted from a rejected file.
func FuzzRead(f *testing.F) {
	for _, tt := range readTests {
		f.Add([]byte(tt.in))
	}
	f.Add([]byte(cal(berlin, eastern)))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026"))
	files, _ := filepath.Glob("testdata/*.ics")
	for _, path := range files {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(b)
		}
	}
	// One file, rewritten for each input: inputs run one at a time in a
	// process, and a directory per input would halve the rate.
	path := filepath.Join(f.TempDir(), "fuzz.ics")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Detect(path); err != nil {
			t.Fatalf("Detect: %v", err)
		}
		var sink recorder
		began := time.Now()
		st, err := Read(context.Background(), path, &sink, nil)
		if d := time.Since(began); d > 5*time.Second {
			t.Fatalf("Read took %v on %d bytes", d, len(data))
		}
		if st == nil {
			t.Fatal("Read returned nil Stats")
		}
		if err != nil {
			if !errors.Is(err, parse.ErrCorrupt) && !errors.Is(err, parse.ErrUnrecognised) {
				t.Fatalf("Read: unexpected error %v", err)
			}
			if len(sink.meetings) > 0 {
				t.Fatalf("Read emitted %d meetings, then rejected the file: %v", len(sink.meetings), err)
			}
			return
		}
		if st.Imported != len(sink.meetings) || st.Rows != st.Imported+st.SkippedCount {
			t.Fatalf("Stats do not add up: %+v for %d meetings", st, len(sink.meetings))
		}
		for _, m := range sink.meetings {
			if m.Start.Location() != time.UTC || m.End.Location() != time.UTC || m.End.Before(m.Start) {
				t.Fatalf("bad times in %+v", m)
			}
			for _, s := range append([]string{m.Subject, m.Organizer, m.UID}, m.Attendees...) {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in %+v", m)
				}
			}
		}
	})
}
