package ics

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
)

// recorder is a Sink that keeps the meetings it is given. If fail is set
// it is returned by the call after the first stopAfter meetings. Any other
// record is an error: this package emits only meetings.
type recorder struct {
	meetings  []multiplier.Meeting
	fail      error
	stopAfter int
}

var errNotMeeting = errors.New("ics emitted a record that is not a meeting")

func (r *recorder) Person(multiplier.Person) error           { return errNotMeeting }
func (r *recorder) Review(multiplier.Review) error           { return errNotMeeting }
func (r *recorder) Interaction(multiplier.Interaction) error { return errNotMeeting }
func (r *recorder) Alias(multiplier.Alias) error             { return errNotMeeting }

func (r *recorder) Meeting(m multiplier.Meeting) error {
	if r.fail != nil && len(r.meetings) >= r.stopAfter {
		return r.fail
	}
	r.meetings = append(r.meetings, m)
	return nil
}

// cal wraps VEVENT and VTIMEZONE lines in a VCALENDAR whose first three
// lines are BEGIN:VCALENDAR, VERSION and PRODID, so the caller's first
// line is line 4. Lines end in CRLF.
func cal(lines ...string) string {
	all := append([]string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Multiplier//test//EN"}, lines...)
	all = append(all, "END:VCALENDAR")
	return strings.Join(all, "\r\n") + "\r\n"
}

// vevent wraps properties in BEGIN:VEVENT and END:VEVENT.
func vevent(props ...string) string {
	return strings.Join(append(append([]string{"BEGIN:VEVENT"}, props...), "END:VEVENT"), "\r\n")
}

// writeFile writes content to a file named name in a new temporary
// directory and returns its path.
func writeFile(tb testing.TB, name, content string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// show writes a meeting on one line:
//
//	2026-05-07T12:00:00Z/2026-05-07T13:00:00Z "Subject" | organizer | a; b
func show(m multiplier.Meeting) string {
	return fmt.Sprintf("%s/%s %q | %s | %s", m.Start.Format(time.RFC3339), m.End.Format(time.RFC3339),
		m.Subject, m.Organizer, strings.Join(m.Attendees, "; "))
}

func starts(ms []multiplier.Meeting) []string {
	var s []string
	for _, m := range ms {
		s = append(s, m.Start.Format(time.RFC3339))
	}
	return s
}
