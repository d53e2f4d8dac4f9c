package ics

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
)

var benchSizes = []int{100, 1_000, 10_000}

// benchWeeks is how many meetings each recurring event of a benchmark
// file yields.
const benchWeeks = 26

var (
	benchOnce  sync.Once
	benchDir   string
	benchFiles map[int]string // events → path
	benchWant  map[int]int    // events → meetings
	benchErr   error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchFile returns a calendar of n events, one in ten recurring weekly,
// written once per run from a fixed seed, and how many meetings it holds.
func benchFile(b *testing.B, n int) (string, int) {
	b.Helper()
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "ics-bench-")
		if benchErr != nil {
			return
		}
		benchFiles, benchWant = make(map[int]string), make(map[int]int)
		for _, size := range benchSizes {
			text, want := benchCalendar(size)
			path := filepath.Join(benchDir, fmt.Sprintf("calendar-%d.ics", size))
			if benchErr = os.WriteFile(path, []byte(text), 0o644); benchErr != nil {
				return
			}
			benchFiles[size], benchWant[size] = path, want
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchFiles[n], benchWant[n]
}

// benchCalendar writes n events in the style of a Google export: Berlin
// times with a VTIMEZONE, folded attendee lines, a description; every
// tenth event recurs weekly for benchWeeks weeks.
func benchCalendar(n int) (string, int) {
	r := rand.New(rand.NewPCG(2026, 5))
	zone := strings.ReplaceAll(berlin, "Customized Time Zone", "Europe/Berlin")
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n")
	b.WriteString(zone + "\r\n")
	start := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	want := 0
	for i := range n {
		s := start.Add(time.Duration(r.IntN(180*24*4)) * 15 * time.Minute)
		e := s.Add(time.Duration(1+r.IntN(4)) * 15 * time.Minute)
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:%s\r\nDTEND;TZID=Europe/Berlin:%s\r\n",
			s.Format("20060102T150405"), e.Format("20060102T150405"))
		if i%10 == 0 {
			fmt.Fprintf(&b, "RRULE:FREQ=WEEKLY;COUNT=%d\r\n", benchWeeks)
			want += benchWeeks
		} else {
			want++
		}
		fmt.Fprintf(&b, "UID:event-%d@example.com\r\nSUMMARY:Meeting %d\\, topic %d\r\n", i, i, r.IntN(50))
		b.WriteString("DESCRIPTION:Agenda:\\n- status\\n- blockers\\n\\nJoin: https://meet.example.com/ab\r\n c-defg-hij\r\n")
		fmt.Fprintf(&b, "ORGANIZER;CN=Person %d:mailto:person%d@example.com\r\n", r.IntN(200), r.IntN(200))
		for range 2 + r.IntN(7) {
			p := r.IntN(200)
			fmt.Fprintf(&b, "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Person %d;X-NUM-GUE\r\n STS=0:mailto:person%d@example.com\r\n", p, p)
		}
		b.WriteString("END:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String(), want
}

// counter is a Sink that counts meetings and keeps nothing.
type counter struct {
	recorder
	n int
}

func (c *counter) Meeting(multiplier.Meeting) error {
	c.n++
	return nil
}

func BenchmarkRead(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			path, want := benchFile(b, n)
			b.ReportAllocs()
			for b.Loop() {
				var sink counter
				st, err := Read(context.Background(), path, &sink, nil)
				if err != nil {
					b.Fatal(err)
				}
				if sink.n != want || st.Imported != want {
					b.Fatalf("got %d meetings (Stats %d), want %d", sink.n, st.Imported, want)
				}
			}
		})
	}
}
