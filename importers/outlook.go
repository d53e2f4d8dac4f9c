package importers

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/multiplier/multiplier"
)

// Outlook "Export to CSV" fields, in the order of outlookFields.
const (
	oSubject = iota
	oStartDate
	oStartTime
	oEndDate
	oEndTime
	oAllDay
	oOrganizer
	oRequired
	oOptional
	oResources
)

var outlookFields = []field{
	oSubject:   {"subject", []string{"Subject", "Meeting Subject"}},
	oStartDate: {"start date", []string{"Start Date"}},
	oStartTime: {"start time", []string{"Start Time"}},
	oEndDate:   {"end date", []string{"End Date"}},
	oEndTime:   {"end time", []string{"End Time"}},
	oAllDay:    {"all day", []string{"All day event", "All Day", "All-day Event"}},
	oOrganizer: {"organizer", []string{"Meeting Organizer", "Organizer", "Meeting Organiser", "Organiser"}},
	oRequired:  {"attendees", []string{"Required Attendees", "Attendees"}},
	oOptional:  {"optional attendees", []string{"Optional Attendees"}},
	oResources: {"resources", []string{"Meeting Resources", "Resources"}},
}

// outlookState is what an Outlook import keeps between rows.
type outlookState struct {
	startDate, endDate dateColumn
	allDay             int // all-day events left out
	badEnd             int // meetings read as ending when they start
	seen               map[string]bool
}

// meeting reads one Outlook row. It returns ok false for an all-day event,
// which is left out without a fault.
func (im *importer) meeting(cells []string, row int) (m multiplier.Meeting, ok bool, _ *ParseError) {
	h := im.h
	if isTrue(h.value(cells, oAllDay)) {
		im.outlook.allDay++
		return m, false, nil
	}
	start, perr := im.dateTime(cells, row, &im.outlook.startDate, oStartDate, oStartTime)
	if perr != nil {
		return m, true, perr
	}
	m.Start, m.End = start, start
	if end, ok := im.end(cells, start); ok {
		m.End = end
	} else {
		im.outlook.badEnd++
	}
	m.Subject = h.value(cells, oSubject)
	m.Organizer = identity(h.value(cells, oOrganizer))
	if im.outlook.seen == nil || len(im.outlook.seen) > 256 {
		im.outlook.seen = make(map[string]bool)
	}
	m.Attendees = attendees(im.outlook.seen, m.Organizer, h.value(cells, oResources), h.value(cells, oRequired), h.value(cells, oOptional))
	return m, true, nil
}

// dateTime reads a date column and a time-of-day column into one UTC time;
// the date column's own time of day, if any, is ignored.
func (im *importer) dateTime(cells []string, row int, dc *dateColumn, dateField, timeField int) (time.Time, *ParseError) {
	d, err := im.parseDate(dc, im.h.value(cells, dateField))
	if err != nil {
		return time.Time{}, im.fail(row, dateField, err)
	}
	s := im.h.value(cells, timeField)
	if s == "" {
		return time.Time{}, im.fail(row, timeField, ErrMissingValue)
	}
	tod, ok := parseTimeOfDay(s)
	if !ok {
		return time.Time{}, im.fail(row, timeField, badValue(ErrBadDate, s, "a time of day"))
	}
	return multiplier.Day(d).Add(tod), nil
}

// end reads a meeting's end: End Date (the start's day when empty) and End
// Time. It is not ok when End Time is missing or unreadable, or the end is
// before start.
func (im *importer) end(cells []string, start time.Time) (time.Time, bool) {
	h := im.h
	day := multiplier.Day(start)
	if s := h.value(cells, oEndDate); s != "" {
		d, err := im.parseDate(&im.outlook.endDate, s)
		if err != nil {
			return time.Time{}, false
		}
		day = multiplier.Day(d)
	}
	tod, ok := parseTimeOfDay(h.value(cells, oEndTime))
	if !ok {
		return time.Time{}, false
	}
	end := day.Add(tod)
	return end, !end.Before(start)
}

// parseTimeOfDay reads a time of day — "9:30:00 AM", "14:00", "2:00 PM",
// "14:00:00+02:00" (moved to UTC) — or a fraction of a day as an xlsx
// time cell holds it ("0.5833"; of a date-time serial only the fraction is
// used). It returns the time since midnight UTC.
func parseTimeOfDay(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if isDigit(s[0]) && !strings.ContainsRune(s, ':') {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v < 0 || v >= maxSerial {
			return 0, false
		}
		frac := v - math.Floor(v)
		return time.Duration(math.Round(frac*86400e3)) * time.Millisecond, true
	}
	p := scanner{s: s}
	c, ok := p.clock()
	p.skipSpaces()
	if !ok || !p.eof() {
		return 0, false
	}
	d := time.Duration(c.h)*time.Hour + time.Duration(c.m)*time.Minute + time.Duration(c.s)*time.Second + time.Duration(c.ns)
	return d - time.Duration(c.offset)*time.Second, true
}

// isTrue reads a yes/no cell: True, TRUE, Yes, Y, 1.
func isTrue(s string) bool {
	switch strings.ToLower(s) {
	case "true", "yes", "y", "1":
		return true
	}
	return false
}

// attendees reads the required and optional attendee cells (";"-separated)
// into identities, in order, without empties, duplicates, the organizer
// or anyone listed as a meeting resource (a room). seen is scratch space
// kept between rows; it is cleared here.
func attendees(seen map[string]bool, organizer, resources string, cells ...string) []string {
	clear(seen)
	if organizer != "" {
		seen[identityKey(organizer)] = true
	}
	if resources != "" {
		for r := range strings.SplitSeq(resources, ";") {
			if r = identity(r); r != "" {
				seen[identityKey(r)] = true
			}
		}
	}
	var out []string
	for _, cell := range cells {
		if cell == "" {
			continue
		}
		for a := range strings.SplitSeq(cell, ";") {
			a = identity(a)
			k := identityKey(a)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, a)
		}
	}
	return out
}

// identityKey is multiplier.IdentityKey with fewer allocations for the
// common case, ASCII with no "@" in front and single spaces only between
// words: then the key is s in lower case.
func identityKey(s string) string {
	if s == "" || s[0] == '@' || s[0] == ' ' || s[len(s)-1] == ' ' {
		return multiplier.IdentityKey(s)
	}
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c < ' ' || (c == ' ' && s[i-1] == ' ') {
			return multiplier.IdentityKey(s)
		}
		upper = upper || ('A' <= c && c <= 'Z')
	}
	if upper {
		return strings.ToLower(s)
	}
	return s
}

// identity reads one person as a calendar export writes them:
//
//	Ada Okafor                           → Ada Okafor
//	Okafor, Ada                          → Ada Okafor
//	Ada Okafor <ada.okafor@example.com>  → ada.okafor@example.com (as written)
//	ada.okafor@example.com               → ada.okafor@example.com
//
// "Last, First" is swapped only when there is exactly one comma, neither
// part holds an "@" or anything but letters, spaces, '-', '.' and
// apostrophes, and not both parts are two words or more ("Jun Kim, Mei
// Tanaka" is two people written with the wrong separator, not a name to
// swap; it is kept as written).
func identity(s string) string {
	s = strings.Trim(strings.TrimSpace(s), `"'`)
	if i := strings.IndexByte(s, '<'); i >= 0 {
		if j := strings.IndexByte(s[i:], '>'); j > 0 {
			if addr := trimMailto(strings.TrimSpace(s[i+1 : i+j])); strings.Contains(addr, "@") {
				return addr
			}
		}
	}
	s = trimMailto(s)
	last, first, ok := strings.Cut(s, ",")
	if !ok || strings.Contains(first, ",") {
		return s
	}
	last, first = strings.TrimSpace(last), strings.TrimSpace(first)
	if !nameLike(last) || !nameLike(first) || (len(strings.Fields(last)) > 1 && len(strings.Fields(first)) > 1) {
		return s
	}
	return first + " " + last
}

func trimMailto(s string) string {
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		return strings.TrimSpace(s[7:])
	}
	return s
}

// nameLike reports whether s reads as (part of) a person's name: letters,
// with spaces, hyphens, dots and apostrophes between.
func nameLike(s string) bool {
	letter := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case r == ' ' || r == '-' || r == '.' || r == '\'' || r == '’':
		default:
			return false
		}
	}
	return letter
}

// outlookNotes says how times were read and what was left out.
func (im *importer) outlookNotes() []string {
	notes := []string{"times read as UTC (Outlook CSV has no time zone)"}
	if n := im.outlook.startDate.note(im.h.names[oStartDate], im.order); n != "" {
		notes = append(notes, n)
	}
	if im.h.has(oEndDate) {
		if n := im.outlook.endDate.note(im.h.names[oEndDate], im.order); n != "" {
			notes = append(notes, n)
		}
	}
	if im.outlook.allDay > 0 {
		notes = append(notes, fmt.Sprintf("%d all-day event(s) left out: they are not meetings with a length", im.outlook.allDay))
	}
	if im.outlook.badEnd > 0 {
		notes = append(notes, fmt.Sprintf("%d meeting(s) had no readable end, or one before the start, and were read as ending when they start", im.outlook.badEnd))
	}
	return notes
}
