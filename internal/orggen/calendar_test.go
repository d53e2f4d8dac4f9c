package orggen

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/multiplier/multiplier"
)

var (
	outlookDateRE = regexp.MustCompile(`^\d{1,2}/\d{1,2}/\d{4}$`)
	outlookTimeRE = regexp.MustCompile(`^\d{1,2}:\d{2}:\d{2} [AP]M$`)
)

// meetingKey is a meeting as text, its attendees sorted, for comparing
// meetings read back with Org.Meetings.
func meetingKey(start, end time.Time, subject, organizer string, attendees []string) string {
	return strings.Join(append([]string{start.UTC().Format(time.RFC3339), end.UTC().Format(time.RFC3339), subject, organizer}, slices.Sorted(slices.Values(attendees))...), "|")
}

// inDepartment lists the keys of the meetings organised in department
// ("" for all).
func inDepartment(o *Org, department string) []string {
	dept := map[string]string{}
	for _, se := range o.cal {
		dept[se.uid] = se.dept
	}
	var out []string
	for _, m := range o.Meetings {
		if department == "" || dept[m.UID] == department {
			out = append(out, meetingKey(m.Start, m.End, m.Subject, m.Organizer, m.Attendees))
		}
	}
	slices.Sort(out)
	return out
}

// TestOutlookCSV reads the Outlook export back as a reader of the format
// would, display names included, and finds exactly the department's
// meetings.
func TestOutlookCSV(t *testing.T) {
	o := defaultOrg()
	byName := map[string]string{} // display name or "Last, First" → email
	for _, se := range o.cal {
		for _, p := range append([]*persona{se.organizer}, invitedPeople(se)...) {
			byName[p.name], byName[p.lastFirst()] = p.email, p.email
		}
	}
	resolve := func(s string) string {
		if i := strings.IndexByte(s, '<'); i >= 0 {
			return strings.ToLower(strings.TrimSuffix(s[i+1:], ">"))
		}
		if strings.Contains(s, "@") {
			return s
		}
		if email, ok := byName[s]; ok {
			return email
		}
		t.Errorf("no one is called %q", s)
		return s
	}
	total := 0
	for _, dept := range append([]string{""}, o.Departments()...) {
		t.Run("department "+dept, func(t *testing.T) {
			raw := write(t, func(b *bytes.Buffer) error { return o.WriteOutlookCSV(b, dept) })
			wantHead := `"Subject","Start Date","Start Time","End Date","End Time","All day event","Reminder on/off","Reminder Date","Reminder Time","Meeting Organizer","Required Attendees","Optional Attendees","Meeting Resources","Billing Information","Categories","Description","Location","Mileage","Priority","Private","Sensitivity","Show time as"` + "\r\n"
			if !bytes.HasPrefix(raw, []byte(wantHead)) {
				t.Fatalf("header line %q", raw[:min(len(raw), len(wantHead))])
			}
			records, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(records[0], outlookHeader) {
				t.Fatalf("header %q", records[0])
			}
			var got []string
			allDay := 0
			for i, rec := range records[1:] {
				for _, col := range []int{1, 3, 7} {
					if !outlookDateRE.MatchString(rec[col]) {
						t.Fatalf("row %d: %s %q", i+2, outlookHeader[col], rec[col])
					}
				}
				for _, col := range []int{2, 4, 8} {
					if !outlookTimeRE.MatchString(rec[col]) {
						t.Fatalf("row %d: %s %q", i+2, outlookHeader[col], rec[col])
					}
				}
				if rec[5] == "True" {
					allDay++
					continue
				}
				start, err1 := time.Parse("1/2/2006 3:04:05 PM", rec[1]+" "+rec[2])
				end, err2 := time.Parse("1/2/2006 3:04:05 PM", rec[3]+" "+rec[4])
				if err1 != nil || err2 != nil || rec[5] != "False" {
					t.Fatalf("row %d: %q", i+2, rec)
				}
				var attendees []string
				for _, cell := range rec[10:12] {
					for a := range strings.SplitSeq(cell, ";") {
						if a != "" {
							attendees = append(attendees, resolve(a))
						}
					}
				}
				got = append(got, meetingKey(start, end, rec[0], resolve(rec[9]), attendees))
			}
			slices.Sort(got)
			if want := inDepartment(o, dept); !slices.Equal(got, want) {
				t.Errorf("read back %d meetings, want %d; first difference %q", len(got), len(want), firstDiff(got, want))
			}
			if dept == "" {
				if allDay < 2 {
					t.Errorf("%d all-day rows, want at least 2", allDay)
				}
			} else {
				total += len(records) - 1
			}
		})
	}
	all, err := csv.NewReader(bytes.NewReader(write(t, func(b *bytes.Buffer) error { return o.WriteOutlookCSV(b, "") }))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if total != len(all)-1 {
		t.Errorf("departments have %d rows together, the whole calendar %d", total, len(all)-1)
	}
}

// TestOutlookNames checks the mix of ways the export writes people.
func TestOutlookNames(t *testing.T) {
	o := defaultOrg()
	records, err := csv.NewReader(bytes.NewReader(write(t, func(b *bytes.Buffer) error { return o.WriteOutlookCSV(b, "") }))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var n, lastFirst, angle, rooms int
	for _, rec := range records[1:] {
		for _, cell := range rec[9:12] {
			for a := range strings.SplitSeq(cell, ";") {
				switch {
				case a == "":
					continue
				case strings.Contains(a, "<"):
					angle++
				case strings.Contains(a, ", "):
					lastFirst++
				}
				n++
			}
		}
		if rec[12] != "" {
			rooms++
		}
	}
	for _, tc := range []struct {
		what   string
		got    float64
		lo, hi float64
	}{
		{`"Last, First"`, float64(lastFirst) / float64(n), 0.12, 0.25},
		{`"Name <email>"`, float64(angle) / float64(n), 0.03, 0.08},
		{"rows with a room", float64(rooms) / float64(len(records)-1), 0.05, 0.6},
	} {
		if tc.got < tc.lo || tc.got > tc.hi {
			t.Errorf("%s: %.3f, want %.2f..%.2f", tc.what, tc.got, tc.lo, tc.hi)
		}
	}
}

func invitedPeople(se *series) []*persona {
	var out []*persona
	for _, v := range se.invited {
		if v.p != nil {
			out = append(out, v.p)
		}
	}
	return out
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return a[i] + " ≠ " + b[i]
		}
	}
	return ""
}

// icsEvent is a VEVENT read back: its unfolded properties by name.
type icsEvent map[string][]string

// readICS checks the physical form of an iCalendar file — CRLF lines of
// at most 75 octets, valid UTF-8, folds inside long lines, balanced
// BEGIN/END — then unfolds it and returns its VEVENTs and its lines.
func readICS(t *testing.T, raw []byte) ([]icsEvent, []string) {
	t.Helper()
	if bytes.Count(raw, []byte("\n")) != bytes.Count(raw, []byte("\r\n")) || !bytes.HasSuffix(raw, []byte("\r\n")) {
		t.Fatal("lines do not all end in CRLF")
	}
	physical := strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n")
	folds := 0
	for i, l := range physical {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			folds++
		}
	}
	if folds == 0 {
		t.Error("no line is folded")
	}
	lines := strings.Split(strings.ReplaceAll(strings.TrimSuffix(string(raw), "\r\n"), "\r\n ", ""), "\r\n")
	var stack []string
	var events []icsEvent
	var ev icsEvent
	for i, l := range lines {
		name, value, ok := strings.Cut(l, ":")
		if !ok || name == "" {
			t.Fatalf("unfolded line %d is no property: %q", i+1, l)
		}
		switch name {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				ev = icsEvent{}
			}
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("line %d: END:%s closes %q", i+1, value, stack)
			}
			stack = stack[:len(stack)-1]
			if value == "VEVENT" {
				events = append(events, ev)
				ev = nil
			}
		default:
			if ev != nil {
				prop, _, _ := strings.Cut(name, ";")
				ev[prop] = append(ev[prop], l)
			}
		}
	}
	if len(stack) != 0 || lines[0] != "BEGIN:VCALENDAR" {
		t.Fatalf("unclosed %q", stack)
	}
	return events, lines
}

// icsValue is the value of a content line: what follows the first colon
// outside a quoted parameter.
func icsValue(line string) string {
	quoted := false
	for i, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case c == ':' && !quoted:
			return line[i+1:]
		}
	}
	return ""
}

// TestICS checks every department's calendar and the whole one: the
// physical form, the zones, and that each event starts when its first
// meeting does and leaves out the people who declined.
func TestICS(t *testing.T) {
	o := defaultOrg()
	first := map[string]multiplier.Meeting{}
	attends := map[string]map[string]bool{}
	for _, m := range o.Meetings {
		if _, ok := first[m.UID]; !ok {
			first[m.UID] = m
			attends[m.UID] = map[string]bool{}
			for _, a := range m.Attendees {
				attends[m.UID][a] = true
			}
		}
	}
	zones := map[string]*time.Location{
		"W. Europe Standard Time": mustLoad("Europe/Berlin"),
		"Europe/Berlin":           mustLoad("Europe/Berlin"),
		"America/New_York":        mustLoad("America/New_York"),
	}
	for _, tc := range []struct {
		dept      string
		want, not []string // substrings the file must hold, must not hold
	}{
		{"", []string{"UNTIL=", "COUNT=", "EXDATE", "DTSTART;VALUE=DATE:", "PARTSTAT=DECLINED", `\,`, "CUTYPE=RESOURCE", "@partner.example"}, nil},
		{"Payments", []string{"BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time", "DTSTART;TZID=W. Europe Standard Time:", "PRODID:-//Microsoft"}, []string{"TZID=Europe/Berlin"}},
		{"Platform", []string{"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin", "DTSTART;TZID=Europe/Berlin:"}, nil},
		{"Discovery", []string{"DTSTART;TZID=America/New_York:"}, []string{"VTIMEZONE"}},
		{"Engineering", []string{"FREQ=MONTHLY;BYDAY=1TH", "Z\r\n"}, []string{"TZID"}},
	} {
		t.Run("department "+tc.dept, func(t *testing.T) {
			raw := write(t, func(b *bytes.Buffer) error { return o.WriteICS(b, tc.dept) })
			for _, s := range tc.want {
				if !bytes.Contains(raw, []byte(s)) {
					t.Errorf("no %q", s)
				}
			}
			for _, s := range tc.not {
				if bytes.Contains(raw, []byte(s)) {
					t.Errorf("holds %q", s)
				}
			}
			events, _ := readICS(t, raw)
			want := 0
			for _, se := range o.cal {
				if tc.dept == "" || se.dept == tc.dept {
					want++
				}
			}
			if len(events) != want {
				t.Errorf("%d VEVENTs, want %d", len(events), want)
			}
			for _, ev := range events {
				uid := icsValue(ev["UID"][0])
				start := ev["DTSTART"][0]
				if strings.Contains(start, "VALUE=DATE") {
					if _, ok := first[uid]; ok {
						t.Errorf("all-day event %s is among the meetings", uid)
					}
					continue
				}
				m, ok := first[uid]
				if !ok {
					t.Errorf("event %s has no meetings", uid)
					continue
				}
				loc := time.UTC
				if i := strings.Index(start, "TZID="); i >= 0 {
					loc = zones[start[i+5:strings.LastIndex(start, ":")]]
				}
				at, err := time.ParseInLocation("20060102T150405", strings.TrimSuffix(icsValue(start), "Z"), loc)
				if err != nil || !at.Equal(m.Start) {
					t.Errorf("%s: %s is %v (%v), the first meeting starts %v", uid, start, at, err, m.Start)
				}
				for _, a := range ev["ATTENDEE"] {
					email := strings.ToLower(strings.TrimPrefix(icsValue(a), "mailto:"))
					declined := strings.Contains(a, "PARTSTAT=DECLINED")
					room := strings.Contains(a, "CUTYPE=RESOURCE")
					if attends[uid][email] == (declined || room || email == m.Organizer) {
						t.Errorf("%s: %q, attending %v", uid, a, attends[uid][email])
					}
				}
			}
		})
	}
}
