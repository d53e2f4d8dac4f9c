package importers

import (
	"errors"
	"testing"
	"time"
)

// parseTimeTests is also the seed corpus of FuzzParseTime.
var parseTimeTests = []struct {
	in    string
	order dayOrder
	want  time.Time // zero: not a date
	ev    evidence
}{
	// ISO 8601 / RFC 3339.
	{"2026-05-04T09:12:00Z", orderUnknown, utc(2026, 5, 4, 9, 12, 0), evNone},
	{"2026-05-04T09:12:00+02:00", orderUnknown, utc(2026, 5, 4, 7, 12, 0), evNone},
	{"2026-05-04T09:12:00-0530", orderUnknown, utc(2026, 5, 4, 14, 42, 0), evNone},
	{"2026-05-04T09:12:00.250Z", orderUnknown, time.Date(2026, 5, 4, 9, 12, 0, 250e6, time.UTC), evNone},
	{"2026-05-04T09:12:00.123456789123Z", orderUnknown, time.Date(2026, 5, 4, 9, 12, 0, 123456789, time.UTC), evNone},
	{"2026-05-04 09:12:00", orderUnknown, utc(2026, 5, 4, 9, 12, 0), evNone},
	{"2026-05-04 09:12", orderUnknown, utc(2026, 5, 4, 9, 12, 0), evNone},
	{"2026-05-04 09:12:00 UTC", orderUnknown, utc(2026, 5, 4, 9, 12, 0), evNone},
	{"2026-05-04 09:12:00 +01", orderUnknown, utc(2026, 5, 4, 8, 12, 0), evNone},
	{"2026-05-04", orderUnknown, utc(2026, 5, 4, 0, 0, 0), evNone},
	{"2026/05/04", dayFirst, utc(2026, 5, 4, 0, 0, 0), evNone},
	{"  2026-05-04t09:12:00z  ", orderUnknown, utc(2026, 5, 4, 9, 12, 0), evNone},
	{"2026-5-4 9:12", orderUnknown, utc(2026, 5, 4, 9, 12, 0), evNone},
	// US.
	{"5/4/2026 9:12 AM", orderUnknown, utc(2026, 5, 4, 9, 12, 0), evAmbiguous},
	{"5/4/2026 9:12:00 PM", orderUnknown, utc(2026, 5, 4, 21, 12, 0), evAmbiguous},
	{"5/4/2026 12:05 am", orderUnknown, utc(2026, 5, 4, 0, 5, 0), evAmbiguous},
	{"5/4/2026 12:05 PM", orderUnknown, utc(2026, 5, 4, 12, 5, 0), evAmbiguous},
	{"5/4/2026 14:02", orderUnknown, utc(2026, 5, 4, 14, 2, 0), evAmbiguous},
	{"5/13/2026 14:02", dayFirst, utc(2026, 5, 13, 14, 2, 0), evMonthFirst},
	{"5/4/26 09:12", orderUnknown, utc(2026, 5, 4, 9, 12, 0), evAmbiguous}, // excelize's default date format
	{"05-04-26", orderUnknown, utc(2026, 5, 4, 0, 0, 0), evAmbiguous},      // Excel built-in format 14
	{"5/4/99", orderUnknown, utc(1999, 5, 4, 0, 0, 0), evAmbiguous},
	// European.
	{"04.05.2026 09:12", orderUnknown, utc(2026, 5, 4, 9, 12, 0), evDayFirst},
	{"04/05/2026 09:12", dayFirst, utc(2026, 5, 4, 9, 12, 0), evAmbiguous},
	{"04/05/2026 09:12", monthFirst, utc(2026, 4, 5, 9, 12, 0), evAmbiguous},
	{"04/05/2026 09:12", orderUnknown, utc(2026, 4, 5, 9, 12, 0), evAmbiguous},
	{"13/05/2026 09:12", monthFirst, utc(2026, 5, 13, 9, 12, 0), evDayFirst},
	{"13-05-2026", orderUnknown, utc(2026, 5, 13, 0, 0, 0), evDayFirst},
	// Month names.
	{"4-May-26", orderUnknown, utc(2026, 5, 4, 0, 0, 0), evNone},
	{"04 May 2026 09:12", orderUnknown, utc(2026, 5, 4, 9, 12, 0), evNone},
	{"May 4, 2026", orderUnknown, utc(2026, 5, 4, 0, 0, 0), evNone},
	{"Monday, May 4, 2026", orderUnknown, utc(2026, 5, 4, 0, 0, 0), evNone},
	{"Sept 4, 2026, 9:12 AM", orderUnknown, utc(2026, 9, 4, 9, 12, 0), evNone},
	// Excel serials and compact dates.
	{"46146", orderUnknown, utc(2026, 5, 4, 0, 0, 0), evNone},
	{"46146.38", orderUnknown, utc(2026, 5, 4, 9, 7, 12), evNone},
	{"46146.383449074", orderUnknown, utc(2026, 5, 4, 9, 12, 10), evNone},
	{"61", orderUnknown, utc(1900, 3, 1, 0, 0, 0), evNone},
	{"20260504", orderUnknown, utc(2026, 5, 4, 0, 0, 0), evNone},
	// Not dates.
	{"", orderUnknown, time.Time{}, evNone},
	{"n/a", orderUnknown, time.Time{}, evNone},
	{"TBD", orderUnknown, time.Time{}, evNone},
	{"60", orderUnknown, time.Time{}, evNone},
	{"2958466", orderUnknown, time.Time{}, evNone},
	{"1.2.3", orderUnknown, time.Time{}, evNone},
	{"NaN", orderUnknown, time.Time{}, evNone},
	{"9:12 AM", orderUnknown, time.Time{}, evNone},
	{"May-26", orderUnknown, time.Time{}, evNone},
	{"2026-02-30", orderUnknown, time.Time{}, evNone},
	{"2026-13-01", orderUnknown, time.Time{}, evNone},
	{"13/13/2026", orderUnknown, time.Time{}, evNone},
	{"0001-01-01", orderUnknown, time.Time{}, evNone},
	{"2026-05-04T", orderUnknown, time.Time{}, evNone},
	{"2026-05-04T25:00", orderUnknown, time.Time{}, evNone},
	{"2026-05-04 09:60", orderUnknown, time.Time{}, evNone},
	{"5/4/2026 13:00 PM", orderUnknown, time.Time{}, evNone},
	{"2026-05-04 09:12 PST", orderUnknown, time.Time{}, evNone},
	{"2026-05-04 09:12 +25:00", orderUnknown, time.Time{}, evNone},
	{"2026-05-04x", orderUnknown, time.Time{}, evNone},
	{"5/4/202", orderUnknown, time.Time{}, evNone},
	{"4 Foo 2026", orderUnknown, time.Time{}, evNone},
}

func TestParseTime(t *testing.T) {
	for _, tt := range parseTimeTests {
		t.Run(tt.in, func(t *testing.T) {
			got, ev, err := parseTime(tt.in, tt.order)
			if tt.want.IsZero() {
				if err == nil {
					t.Fatalf("parseTime(%q) = %v, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseTime(%q): %v", tt.in, err)
			}
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("parseTime(%q) = %v, want %v", tt.in, got, tt.want)
			}
			if ev != tt.ev {
				t.Errorf("parseTime(%q) evidence = %d, want %d", tt.in, ev, tt.ev)
			}
		})
	}
}

// TestDateColumn feeds a column its values in order and checks what each
// is read as and the note that results: the per-column day-order decision.
func TestDateColumn(t *testing.T) {
	tests := []struct {
		name      string
		fileOrder dayOrder
		in        []string
		want      []time.Time
		note      string
	}{
		{
			name: "US, decided by the second value",
			in:   []string{"5/4/2026", "5/13/2026", "6/7/2026"},
			want: []time.Time{utc(2026, 5, 4, 0, 0, 0), utc(2026, 5, 13, 0, 0, 0), utc(2026, 6, 7, 0, 0, 0)},
			note: "column 'D': dates read month-first (US)",
		},
		{
			name: "European, decided by the first value",
			in:   []string{"13/05/2026", "04/05/2026 09:12", "4/5/2026"},
			want: []time.Time{utc(2026, 5, 13, 0, 0, 0), utc(2026, 5, 4, 9, 12, 0), utc(2026, 5, 4, 0, 0, 0)},
			note: "column 'D': dates read day-first (European)",
		},
		{
			name: "European, decided late: the early ambiguous value is read month-first",
			in:   []string{"04/05/2026", "13/05/2026", "04/05/2026"},
			want: []time.Time{utc(2026, 4, 5, 0, 0, 0), utc(2026, 5, 13, 0, 0, 0), utc(2026, 5, 4, 0, 0, 0)},
			note: "column 'D': dates read day-first (European); 1 ambiguous date(s) before the first day-first one were read month-first",
		},
		{
			name: "all ambiguous: month-first by default",
			in:   []string{"04/05/2026", "01/02/2026"},
			want: []time.Time{utc(2026, 4, 5, 0, 0, 0), utc(2026, 1, 2, 0, 0, 0)},
			note: "column 'D': dates read month-first (US); no value showed the order",
		},
		{
			name:      "all ambiguous, another column showed day-first",
			fileOrder: dayFirst,
			in:        []string{"04/05/2026", "01/02/2026"},
			want:      []time.Time{utc(2026, 5, 4, 0, 0, 0), utc(2026, 2, 1, 0, 0, 0)},
			note:      "column 'D': dates read day-first (European), as another date column showed",
		},
		{
			name: "dotted dates are day-first",
			in:   []string{"04.05.2026 09:12", "04/05/2026"},
			want: []time.Time{utc(2026, 5, 4, 9, 12, 0), utc(2026, 5, 4, 0, 0, 0)},
			note: "column 'D': dates read day-first (European)",
		},
		{
			name: "mixed orders",
			in:   []string{"13/05/2026", "5/14/2026"},
			want: []time.Time{utc(2026, 5, 13, 0, 0, 0), utc(2026, 5, 14, 0, 0, 0)},
			note: "column 'D': dates read day-first (European); some dates contradict that order and were read as only they can be",
		},
		{
			name: "ISO only: no note",
			in:   []string{"2026-05-04", "46146"},
			want: []time.Time{utc(2026, 5, 4, 0, 0, 0), utc(2026, 5, 4, 0, 0, 0)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c dateColumn
			for i, in := range tt.in {
				got, err := c.parse(in, tt.fileOrder)
				if err != nil {
					t.Fatalf("value %d %q: %v", i, in, err)
				}
				if !got.Equal(tt.want[i]) {
					t.Errorf("value %d %q = %v, want %v", i, in, got, tt.want[i])
				}
			}
			if got := c.note("D", tt.fileOrder); got != tt.note {
				t.Errorf("note = %q\n       want %q", got, tt.note)
			}
		})
	}
}

func TestDateColumnErrors(t *testing.T) {
	var c dateColumn
	if _, err := c.parse("  ", orderUnknown); err != ErrMissingValue {
		t.Errorf("empty value: error %v, want ErrMissingValue", err)
	}
	_, err := c.parse(" n/a ", orderUnknown)
	if !errors.Is(err, ErrBadDate) || err.Error() != `"n/a" is not a date` {
		t.Errorf("bad value: error %v, want `\"n/a\" is not a date` wrapping ErrBadDate", err)
	}
}
