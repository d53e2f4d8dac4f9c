package orggen

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// outlookHeader is the header of Outlook's "Export to CSV" of a calendar.
var outlookHeader = []string{
	"Subject", "Start Date", "Start Time", "End Date", "End Time", "All day event",
	"Reminder on/off", "Reminder Date", "Reminder Time", "Meeting Organizer",
	"Required Attendees", "Optional Attendees", "Meeting Resources", "Billing Information",
	"Categories", "Description", "Location", "Mileage", "Priority", "Private",
	"Sensitivity", "Show time as",
}

// Outlook's date and time of day, in the US locale.
const (
	outlookDate = "1/2/2006"
	outlookTime = "3:04:05 PM"
)

// WriteOutlookCSV writes the meetings organised by people of department
// ("" for all) as Outlook's "Export to CSV" of a calendar does: every cell
// quoted, CRLF line ends, one row per occurrence (recurring series
// expanded, exceptions left out), dates M/D/YYYY and times h:mm:ss AM/PM
// in UTC. People are display names separated by ";": mostly the roster's
// Employee Name, about one in five "Last, First", about one in twenty
// "Name <email>"; people outside the organisation as "Name <email>" or
// their email. Rooms are in Meeting Resources. All-day events are rows
// with All day event True. Outlook lists everyone invited; so that this
// file and WriteICS say the same people met, attendees who declined are
// left out here. The department names are those of Departments.
func (o *Org) WriteOutlookCSV(w io.Writer, department string) error {
	bw := bufio.NewWriter(w)
	writeQuoted(bw, outlookHeader)
	type row struct {
		start time.Time
		cells []string
	}
	var rows []row
	for _, se := range o.cal {
		if department != "" && se.dept != department {
			continue
		}
		if se.allDay > 0 {
			rows = append(rows, row{se.start, se.outlookAllDay()})
			continue
		}
		for k, u := range se.starts {
			rows = append(rows, row{u, se.outlookRow(k, u)})
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return a.start.Compare(b.start) })
	for _, r := range rows {
		writeQuoted(bw, r.cells)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write outlook csv: %w", err)
	}
	return nil
}

// writeQuoted writes one CSV record with every cell quoted, as Outlook
// does, and a CRLF.
func writeQuoted(w *bufio.Writer, cells []string) {
	for i, c := range cells {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteByte('"')
		w.WriteString(strings.ReplaceAll(c, `"`, `""`))
		w.WriteByte('"')
	}
	w.WriteString("\r\n")
}

// outlookRow is the row of occurrence k, starting at u (UTC).
func (se *series) outlookRow(k int, u time.Time) []string {
	salt := fmt.Sprint(se.uid, k)
	var required, optional, rooms []string
	for _, v := range se.invited {
		switch {
		case v.p == nil:
			rooms = append(rooms, v.room)
		case !v.attends():
		case v.optional:
			optional = append(optional, v.p.outlookName(salt))
		default:
			required = append(required, v.p.outlookName(salt))
		}
	}
	end := u.Add(se.length)
	remind := u.Add(-15 * time.Minute)
	category := ""
	if strings.Contains(se.subject, "1:1") {
		category = "Blue Category"
	}
	return []string{
		se.subject, u.Format(outlookDate), u.Format(outlookTime), end.Format(outlookDate), end.Format(outlookTime), "False",
		"True", remind.Format(outlookDate), remind.Format(outlookTime), se.organizer.outlookName(salt),
		strings.Join(required, ";"), strings.Join(optional, ";"), strings.Join(rooms, ";"), "",
		category, outlookText(se.description), se.location, "", "Normal", "False",
		"Normal", "2",
	}
}

// outlookAllDay is the one row of an all-day event: midnight to midnight
// of the local days, shown as working elsewhere.
func (se *series) outlookAllDay() []string {
	var required []string
	for _, v := range se.invited {
		if v.attends() {
			required = append(required, v.p.outlookName(se.uid))
		}
	}
	day := time.Date(se.start.Year(), se.start.Month(), se.start.Day(), 0, 0, 0, 0, time.UTC)
	end := day.AddDate(0, 0, se.allDay)
	remind := day.Add(-18 * time.Hour)
	return []string{
		se.subject, day.Format(outlookDate), day.Format(outlookTime), end.Format(outlookDate), end.Format(outlookTime), "True",
		"True", remind.Format(outlookDate), remind.Format(outlookTime), se.organizer.outlookName(se.uid),
		strings.Join(required, ";"), "", "", "",
		"", "", se.location, "", "Normal", "False",
		"Normal", "4",
	}
}

// outlookText is a description as Outlook's export writes a body: CRLF
// line breaks.
func outlookText(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// outlookName writes p as an Outlook export names people; salt varies the
// choice between rows.
func (p *persona) outlookName(salt string) string {
	h := hash(salt, p.email) % 100
	switch {
	case p.member < 0 && h < 50, h < 2:
		return p.name + " <" + p.email + ">"
	case p.member < 0:
		return p.email
	case h < 5:
		return p.name + " <" + mixedCase(p.email) + ">"
	case h < 25:
		return p.lastFirst()
	}
	return p.name
}

// hash mixes strings into a number, so that the writers vary their choices
// from row to row yet write the same bytes every time.
func hash(parts ...string) uint32 {
	h := fnv.New32a()
	for _, s := range parts {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return h.Sum32()
}

// WriteICS writes the meetings organised by people of department ("" for
// all) as an iCalendar file (RFC 5545) such as Outlook or Google Calendar
// exports: one VEVENT per meeting or series, recurring series as RRULE
// (UNTIL or COUNT) with EXDATEs, times in the department's zone — a
// Windows zone name with its VTIMEZONE (Payments), an IANA name with its
// VTIMEZONE (Platform), a bare IANA name (Discovery) or UTC (Engineering)
// — all-day events as VALUE=DATE, attendees with ROLE and PARTSTAT (those
// who declined say so), rooms as CUTYPE=RESOURCE. Emails are the roster's,
// now and then in mixed case. Lines end in CRLF and are folded at 75
// octets.
func (o *Org) WriteICS(w io.Writer, department string) error {
	var events []*series
	var zones []*deptZone
	for _, se := range o.cal {
		if department == "" || se.dept == department {
			events = append(events, se)
			if !slices.Contains(zones, se.zone) {
				zones = append(zones, se.zone)
			}
		}
	}
	prodid := "-//Multiplier//orggen//EN"
	switch {
	case department == "":
	case zoneOf(department) == &zoneOutlookBerlin:
		prodid = "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"
	default:
		prodid = "-//Google Inc//Google Calendar 70.9054//EN"
	}
	iw := &icsWriter{w: bufio.NewWriter(w)}
	iw.line("BEGIN:VCALENDAR")
	iw.line("PRODID:" + prodid)
	iw.line("VERSION:2.0")
	iw.line("CALSCALE:GREGORIAN")
	iw.line("METHOD:PUBLISH")
	if department != "" {
		iw.line("X-WR-CALNAME:" + icsText(department+" meetings"))
	}
	for _, z := range zones {
		for _, l := range z.vtimezone {
			iw.line(l)
		}
	}
	stamp := o.Config.end().Format("20060102T150405Z")
	for _, se := range events {
		se.writeICS(iw, stamp)
	}
	iw.line("END:VCALENDAR")
	if err := iw.w.Flush(); err != nil {
		return fmt.Errorf("write ics: %w", err)
	}
	return nil
}

// writeICS writes se as one VEVENT.
func (se *series) writeICS(iw *icsWriter, stamp string) {
	z := se.zone
	outlook := z == &zoneOutlookBerlin
	iw.line("BEGIN:VEVENT")
	iw.line("UID:" + se.uid)
	iw.line("DTSTAMP:" + stamp)
	if se.allDay > 0 {
		day := time.Date(se.start.Year(), se.start.Month(), se.start.Day(), 0, 0, 0, 0, time.UTC)
		iw.line("DTSTART;VALUE=DATE:" + day.Format("20060102"))
		iw.line("DTEND;VALUE=DATE:" + day.AddDate(0, 0, se.allDay).Format("20060102"))
	} else {
		iw.line("DTSTART" + z.icsTime(se.start))
		iw.line("DTEND" + z.icsTime(se.start.Add(se.length)))
	}
	if r := se.rule; r != nil {
		iw.line("RRULE:" + r.ics(outlook))
		if outlook || len(se.exdates) < 2 {
			for _, x := range se.exdates {
				iw.line("EXDATE" + z.icsTime(x))
			}
		} else if len(se.exdates) > 0 {
			var vals []string
			for _, x := range se.exdates {
				_, v, _ := strings.Cut(z.icsTime(x), ":")
				vals = append(vals, v)
			}
			head, _, _ := strings.Cut(z.icsTime(se.exdates[0]), ":")
			iw.line("EXDATE" + head + ":" + strings.Join(vals, ","))
		}
	}
	iw.line("SUMMARY:" + icsText(se.subject))
	if se.description != "" {
		iw.line("DESCRIPTION:" + icsText(se.description))
	}
	if se.location != "" {
		iw.line("LOCATION:" + icsText(se.location))
	}
	org := se.organizer
	iw.line("ORGANIZER;CN=" + icsParam(org.name) + ":mailto:" + icsEmail(se.uid, org.email))
	if !outlook && se.allDay == 0 {
		// Google lists the organizer among the attendees too.
		iw.line("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=" +
			icsParam(org.name) + ";X-NUM-GUESTS=0:mailto:" + icsEmail(se.uid, org.email))
	}
	for _, v := range se.invited {
		if v.p == nil {
			iw.line("ATTENDEE;CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;CN=" +
				icsParam(v.room) + ":mailto:" + roomEmail(v.room, outlook))
			continue
		}
		role := "REQ-PARTICIPANT"
		if v.optional {
			role = "OPT-PARTICIPANT"
		}
		rsvp := ""
		if v.partstat == "NEEDS-ACTION" {
			rsvp = ";RSVP=TRUE"
		}
		iw.line("ATTENDEE;CN=" + icsParam(v.p.name) + ";ROLE=" + role + ";PARTSTAT=" + v.partstat + rsvp +
			":mailto:" + icsEmail(se.uid, v.p.email))
	}
	if outlook {
		iw.line("X-MICROSOFT-CDO-BUSYSTATUS:BUSY")
		if se.allDay > 0 {
			iw.line("X-MICROSOFT-CDO-ALLDAYEVENT:TRUE")
		}
	}
	iw.line("SEQUENCE:0")
	iw.line("STATUS:CONFIRMED")
	iw.line("TRANSP:OPAQUE")
	iw.line("END:VEVENT")
}

// icsTime is the parameters and value of a DATE-TIME property for the
// instant t: ";TZID=…:wall clock" in the zone, or ":…Z" for UTC.
func (z *deptZone) icsTime(t time.Time) string {
	if z.tzid == "" {
		return ":" + t.UTC().Format("20060102T150405Z")
	}
	return ";TZID=" + z.tzid + ":" + t.In(z.loc).Format("20060102T150405")
}

// ics writes the rule as an RRULE value; Outlook spells out INTERVAL and
// WKST.
func (r *rrule) ics(outlook bool) string {
	codes := map[time.Weekday]string{time.Sunday: "SU", time.Monday: "MO", time.Tuesday: "TU", time.Wednesday: "WE", time.Thursday: "TH", time.Friday: "FR", time.Saturday: "SA"}
	var days []string
	for _, d := range r.byDay {
		if r.nth != 0 {
			days = append(days, fmt.Sprint(r.nth)+codes[d])
		} else {
			days = append(days, codes[d])
		}
	}
	freq := "WEEKLY"
	if r.nth != 0 {
		freq = "MONTHLY"
	}
	end := "UNTIL=" + r.until.UTC().Format("20060102T150405Z")
	if r.count > 0 {
		end = fmt.Sprint("COUNT=", r.count)
	}
	if outlook {
		return "FREQ=" + freq + ";" + end + ";INTERVAL=" + fmt.Sprint(r.interval) + ";BYDAY=" + strings.Join(days, ",") + ";WKST=SU"
	}
	s := "FREQ=" + freq
	if r.interval > 1 {
		s += fmt.Sprint(";INTERVAL=", r.interval)
	}
	return s + ";BYDAY=" + strings.Join(days, ",") + ";" + end
}

// icsEmail writes an email as calendars do, now and then in mixed case.
func icsEmail(salt, email string) string {
	if hash(salt, email)%100 < 15 {
		return mixedCase(email)
	}
	return email
}

// roomEmail is a room's calendar address: the company's for Outlook,
// Google's resource calendar otherwise.
func roomEmail(room string, outlook bool) string {
	if outlook {
		return "room." + ascii(strings.Fields(room)[len(strings.Fields(room))-1]) + "@example.com"
	}
	return fmt.Sprintf("example.com_%08x@resource.calendar.google.com", hash(room))
}

// icsText escapes a TEXT value: backslash, semicolon, comma and newline.
func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`).Replace(s)
}

// icsParam quotes a parameter value that holds a colon, semicolon or
// comma.
func icsParam(s string) string {
	if strings.ContainsAny(s, ":;,") {
		return `"` + strings.ReplaceAll(s, `"`, "'") + `"`
	}
	return s
}

// icsWriter writes content lines, folded.
type icsWriter struct {
	w *bufio.Writer
}

// icsLineOctets is the longest a physical line may be, CRLF excluded.
const icsLineOctets = 75

// line writes one content line, folded as RFC 5545 (3.1) says: no
// physical line longer than 75 octets, a continuation starting with a
// space, never inside a UTF-8 sequence.
func (iw *icsWriter) line(s string) {
	limit := icsLineOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		iw.w.WriteString(s[:cut])
		iw.w.WriteString("\r\n ")
		s = s[cut:]
		limit = icsLineOctets - 1
	}
	iw.w.WriteString(s)
	iw.w.WriteString("\r\n")
}
