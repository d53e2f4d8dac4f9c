package ics

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/multiplier/multiplier/importers/parse"
)

// skip is an expected skipped event: the line of its BEGIN:VEVENT and the
// sentinel its error wraps.
type skip struct {
	row int
	err error
}

// berlin is an Outlook-style VTIMEZONE under a name that is neither IANA
// nor Windows: CET/CEST, switching on the last Sundays of March and
// October (2026-03-29 01:00Z and 2026-10-25 01:00Z).
const berlin = "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\n" +
	"BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n" +
	"RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n" +
	"BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n" +
	"RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE"

// eastern is a US-style VTIMEZONE (second Sunday of March, first Sunday of
// November: 2026-03-08 and 2026-11-01) under a made-up name, given after
// the events that use it.
const eastern = "BEGIN:VTIMEZONE\r\nTZID:Eastern (custom)\r\n" +
	"BEGIN:DAYLIGHT\r\nDTSTART:20070311T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n" +
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nEND:DAYLIGHT\r\n" +
	"BEGIN:STANDARD\r\nDTSTART:20071104T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n" +
	"RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE"

const (
	ada = "ORGANIZER;CN=Ada Okafor:mailto:ada.okafor@example.com"
	jun = "ATTENDEE;CN=Jun Kim;PARTSTAT=ACCEPTED:mailto:jun.kim@example.com"
)

// at is a meeting from start to end (RFC 3339) with subject s, organized by
// Ada with Jun attending.
func at(start, end, s string) string {
	return start + "/" + end + " " + `"` + s + `"` + " | ada.okafor@example.com | jun.kim@example.com"
}

var readTests = []struct {
	name    string
	in      string
	lf      bool     // write LF line ends instead of CRLF
	want    []string // every meeting, as show writes it
	starts  []string // or only the starts of every meeting
	n       int      // or only how many meetings (with first and last start in starts, if given)
	skipped []skip
	notes   []string // each must be part of some note
}{
	{
		name: "utc",
		in:   cal(vevent("UID:u1@example.com", "DTSTART:20260507T090000Z", "DTEND:20260507T093000Z", "SUMMARY:Standup", ada, jun)),
		want: []string{at("2026-05-07T09:00:00Z", "2026-05-07T09:30:00Z", "Standup")},
	},
	{
		name: "lf line ends",
		in:   cal(vevent("DTSTART:20260507T090000Z", "DTEND:20260507T093000Z", "SUMMARY:Standup", ada, jun)),
		lf:   true,
		want: []string{at("2026-05-07T09:00:00Z", "2026-05-07T09:30:00Z", "Standup")},
	},
	{
		name: "folded lines and escapes",
		in: cal(vevent(
			"DTSTART:20260507T090000Z",
			"DTEND:20260507T100000Z",
			`SUMMARY:Design review\, sea`,
			` rch\; round 2\nnotes \\ more\N`,
			"\tend",
			"ORGANIZER;CN=Ada Oka",
			" for:mailto:ada.okafor@example.com",
			"ATTENDEE;CN=Jun Kim;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:jun.",
			" kim@example.com",
			"ATTENDEE;CN=Mei",
			"  Tanaka:invalid:nomail",
		)),
		want: []string{`2026-05-07T09:00:00Z/2026-05-07T10:00:00Z "Design review, search; round 2\nnotes \\ more\nend" | ada.okafor@example.com | jun.kim@example.com; Mei Tanaka`},
	},
	{
		name: "quoted names",
		in: cal(vevent(
			"DTSTART:20260507T090000Z",
			"DTEND:20260507T100000Z",
			"SUMMARY:1:1",
			`ORGANIZER;CN="Okafor, Ada";SENT-BY="mailto:pa@example.com":mailto:ada.okafor@example.com`,
			`ATTENDEE;CN="Kim, Jun";PARTSTAT=ACCEPTED:invalid:nomail`,
			`ATTENDEE;ROLE=OPT-PARTICIPANT;CN="Tanaka: Mei; PM":MAILTO:Mei.Tanaka@Example.com`,
			`ATTENDEE;CN="Sam ^'The Fixer^' Lee":urn:uuid:1234`,
		)),
		want: []string{`2026-05-07T09:00:00Z/2026-05-07T10:00:00Z "1:1" | ada.okafor@example.com | Kim, Jun; Mei.Tanaka@Example.com; Sam "The Fixer" Lee`},
	},
	{
		name: "attendees who are not people or did not come",
		in: cal(vevent(
			"DTSTART:20260507T090000Z",
			"DTEND:20260507T100000Z",
			"SUMMARY:Planning",
			ada,
			"ATTENDEE;CN=Ada Okafor;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:ADA.OKAFOR@example.com",
			jun,
			"ATTENDEE;CN=Jun Kim;PARTSTAT=NEEDS-ACTION:mailto:Jun.Kim@example.com",
			"ATTENDEE;CN=Mei Tanaka;PARTSTAT=DECLINED:mailto:mei.tanaka@example.com",
			"ATTENDEE;CN=Sam Lee;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:ola@example.com\":mailto:sam.lee@example.com",
			"ATTENDEE;CN=Room 4.01;CUTYPE=ROOM:mailto:room401@example.com",
			"ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;CN=Beamer:mailto:beamer@example.com",
			"ATTENDEE;CN=Info;ROLE=NON-PARTICIPANT:mailto:info@example.com",
			"ATTENDEE;CN=Blue room:mailto:c_1884@resource.calendar.google.com",
			"ATTENDEE;CN=renovate:invalid:nomail",
			"ATTENDEE;CN=Ola Berg;PARTSTAT=TENTATIVE:mailto:ola@example.com",
		)),
		want:  []string{`2026-05-07T09:00:00Z/2026-05-07T10:00:00Z "Planning" | ada.okafor@example.com | jun.kim@example.com; ola@example.com`},
		notes: []string{"2 declined attendees left out", "4 rooms and resources left out of attendees", "1 bot left out of meetings"},
	},
	{
		name: "iana zones",
		in: cal(
			vevent("DTSTART;TZID=Europe/Berlin:20260115T100000", "DTEND;TZID=Europe/Berlin:20260115T110000", "SUMMARY:Winter", ada, jun),
			vevent("DTSTART;TZID=Europe/Berlin:20260715T100000", "DTEND;TZID=Europe/Berlin:20260715T110000", "SUMMARY:Summer", ada, jun),
			vevent(`DTSTART;TZID="America/New_York":20260715T100000`, "DURATION:PT30M", "SUMMARY:Quoted", ada, jun),
			vevent("DTSTART;TZID=/mozilla.org/20050126_1/Asia/Tokyo:20260715T100000", "DTEND:20260715T013000Z", "SUMMARY:Prefixed", ada, jun),
		),
		want: []string{
			at("2026-01-15T09:00:00Z", "2026-01-15T10:00:00Z", "Winter"),
			at("2026-07-15T08:00:00Z", "2026-07-15T09:00:00Z", "Summer"),
			at("2026-07-15T14:00:00Z", "2026-07-15T14:30:00Z", "Quoted"),
			at("2026-07-15T01:00:00Z", "2026-07-15T01:30:00Z", "Prefixed"),
		},
	},
	{
		name: "windows zones",
		in: cal(
			vevent("DTSTART;TZID=W. Europe Standard Time:20260715T100000", "DTEND;TZID=W. Europe Standard Time:20260715T110000", "SUMMARY:Berlin", ada, jun),
			vevent(`DTSTART;TZID="Pacific Standard Time":20260309T090000`, "DURATION:PT1H", "SUMMARY:Seattle", ada, jun),
			vevent("DTSTART;TZID=India Standard Time:20260309T090000", "DURATION:PT1H", "SUMMARY:Pune", ada, jun),
			vevent("DTSTART;TZID=AUS Eastern Standard Time:20260115T090000", "DURATION:PT1H", "SUMMARY:Sydney", ada, jun),
			vevent("DTSTART;TZID=gmt standard time:20260701T090000", "DURATION:PT1H", "SUMMARY:London", ada, jun),
			vevent("DTSTART;TZID=UTC:20260701T090000", "DURATION:PT1H", "SUMMARY:UTC", ada, jun),
		),
		want: []string{
			at("2026-07-15T08:00:00Z", "2026-07-15T09:00:00Z", "Berlin"),
			at("2026-03-09T16:00:00Z", "2026-03-09T17:00:00Z", "Seattle"),
			at("2026-03-09T03:30:00Z", "2026-03-09T04:30:00Z", "Pune"),
			at("2026-01-14T22:00:00Z", "2026-01-14T23:00:00Z", "Sydney"),
			at("2026-07-01T08:00:00Z", "2026-07-01T09:00:00Z", "London"),
			at("2026-07-01T09:00:00Z", "2026-07-01T10:00:00Z", "UTC"),
		},
	},
	{
		name: "vtimezone across the spring and autumn switches",
		in: cal(berlin,
			vevent("DTSTART;TZID=Customized Time Zone:20260328T100000", "DTEND;TZID=Customized Time Zone:20260328T110000", "SUMMARY:Saturday before", ada, jun),
			vevent("DTSTART;TZID=Customized Time Zone:20260329T013000", "DURATION:PT30M", "SUMMARY:Before the switch", ada, jun),
			vevent("DTSTART;TZID=Customized Time Zone:20260329T023000", "DURATION:PT30M", "SUMMARY:In the gap", ada, jun),
			vevent("DTSTART;TZID=Customized Time Zone:20260329T100000", "DURATION:PT1H", "SUMMARY:Sunday after", ada, jun),
			vevent("DTSTART;TZID=Customized Time Zone:20261025T023000", "DURATION:PT30M", "SUMMARY:Twice", ada, jun),
			vevent("DTSTART;TZID=Customized Time Zone:20261025T033000", "DURATION:PT30M", "SUMMARY:After", ada, jun),
		),
		want: []string{
			at("2026-03-28T09:00:00Z", "2026-03-28T10:00:00Z", "Saturday before"),
			at("2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z", "Before the switch"),
			at("2026-03-29T01:30:00Z", "2026-03-29T02:00:00Z", "In the gap"), // read with the offset before the gap (RFC 5545 3.3.5)
			at("2026-03-29T08:00:00Z", "2026-03-29T09:00:00Z", "Sunday after"),
			at("2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "Twice"), // the first of the two
			at("2026-10-25T02:30:00Z", "2026-10-25T03:00:00Z", "After"),
		},
	},
	{
		name: "vtimezone defined after use, weekly over the switch",
		in: cal(
			vevent("DTSTART;TZID=Eastern (custom):20260302T090000", "DTEND;TZID=Eastern (custom):20260302T093000", "RRULE:FREQ=WEEKLY;COUNT=3", "SUMMARY:Sync", ada, jun),
			eastern,
		),
		want: []string{
			at("2026-03-02T14:00:00Z", "2026-03-02T14:30:00Z", "Sync"),
			at("2026-03-09T13:00:00Z", "2026-03-09T13:30:00Z", "Sync"),
			at("2026-03-16T13:00:00Z", "2026-03-16T13:30:00Z", "Sync"),
		},
		notes: []string{"1 recurring event expanded into 3 meetings"},
	},
	{
		name:  "floating time",
		in:    cal(vevent("DTSTART:20260507T140000", "DTEND:20260507T150000", "SUMMARY:Local", ada, jun)),
		want:  []string{at("2026-05-07T14:00:00Z", "2026-05-07T15:00:00Z", "Local")},
		notes: []string{"1 event without a time zone (floating time) read as UTC"},
	},
	{
		name:  "unknown zone",
		in:    cal(vevent("DTSTART;TZID=Mars/Olympus_Mons:20260507T140000", "DTEND;TZID=Mars/Olympus_Mons:20260507T150000", "SUMMARY:Far", ada, jun)),
		want:  []string{at("2026-05-07T14:00:00Z", "2026-05-07T15:00:00Z", "Far")},
		notes: []string{`time zone "Mars/Olympus_Mons" is neither an IANA nor a Windows name`},
	},
	{
		name: "end from DTEND, DURATION or one hour",
		in: cal(
			vevent("DTSTART:20260507T090000Z", "DTEND;TZID=Europe/Berlin:20260507T113000", "SUMMARY:Other zone", ada, jun),
			vevent("DTSTART:20260507T090000Z", "DURATION:PT45M", "SUMMARY:Duration", ada, jun),
			vevent("DTSTART:20260507T090000Z", "DURATION:P1DT2H", "SUMMARY:Long", ada, jun),
			vevent("DTSTART:20260507T090000Z", "SUMMARY:No end", ada, jun),
			vevent("DTSTART:20260507T090000Z", "DTEND:20260507T080000Z", "SUMMARY:Backwards", ada, jun),
		),
		want: []string{
			at("2026-05-07T09:00:00Z", "2026-05-07T09:30:00Z", "Other zone"),
			at("2026-05-07T09:00:00Z", "2026-05-07T09:45:00Z", "Duration"),
			at("2026-05-07T09:00:00Z", "2026-05-08T11:00:00Z", "Long"),
			at("2026-05-07T09:00:00Z", "2026-05-07T10:00:00Z", "No end"),
			at("2026-05-07T09:00:00Z", "2026-05-07T10:00:00Z", "Backwards"),
		},
		notes: []string{"2 events without a usable end (DTEND or DURATION) given 1 hour"},
	},
	{
		name: "all-day and cancelled events left out",
		in: cal(
			vevent("DTSTART;VALUE=DATE:20260507", "DTEND;VALUE=DATE:20260508", "SUMMARY:Offsite", ada, jun),
			vevent("DTSTART:20260508", "SUMMARY:Holiday"),
			vevent("DTSTART;VALUE=DATE:20260101", "RRULE:FREQ=YEARLY", "SUMMARY:Birthday"),
			vevent("DTSTART:20260507T090000Z", "DTEND:20260507T100000Z", "STATUS:CANCELLED", "SUMMARY:Canceled: Sync", ada, jun),
			vevent("DTSTART:20260507T120000Z", "DTEND:20260507T130000Z", "SUMMARY:Kept", ada, jun),
		),
		want:  []string{at("2026-05-07T12:00:00Z", "2026-05-07T13:00:00Z", "Kept")},
		notes: []string{"3 all-day events left out", "1 cancelled event left out"},
	},
	{
		name: "weekly with BYDAY, UNTIL and EXDATE",
		in: cal(vevent(
			"UID:abc123@example.com",
			"DTSTART;TZID=Europe/Berlin:20260507T140000",
			"DTEND;TZID=Europe/Berlin:20260507T150000",
			"RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260605T000000Z",
			"EXDATE;TZID=Europe/Berlin:20260514T140000,20260521T140000",
			"EXDATE:20260602T120000Z",
			"SUMMARY:Design review", ada, jun,
		)),
		starts: []string{"2026-05-07T12:00:00Z", "2026-05-12T12:00:00Z", "2026-05-19T12:00:00Z", "2026-05-26T12:00:00Z", "2026-05-28T12:00:00Z", "2026-06-04T12:00:00Z"},
	},
	{
		name: "weekly across the autumn switch",
		in:   cal(vevent("DTSTART;TZID=Europe/Berlin:20261015T140000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=3", "SUMMARY:Review", ada, jun)),
		want: []string{
			at("2026-10-15T12:00:00Z", "2026-10-15T13:00:00Z", "Review"),
			at("2026-10-22T12:00:00Z", "2026-10-22T13:00:00Z", "Review"),
			at("2026-10-29T13:00:00Z", "2026-10-29T14:00:00Z", "Review"),
		},
	},
	{
		name:   "daily with INTERVAL and COUNT",
		in:     cal(vevent("DTSTART:20260501T080000Z", "DURATION:PT15M", "RRULE:FREQ=DAILY;INTERVAL=2;COUNT=4", "SUMMARY:Standup", ada, jun)),
		starts: []string{"2026-05-01T08:00:00Z", "2026-05-03T08:00:00Z", "2026-05-05T08:00:00Z", "2026-05-07T08:00:00Z"},
	},
	{
		name:   "daily on weekdays",
		in:     cal(vevent("DTSTART:20260501T080000Z", "RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=6", "SUMMARY:Standup", ada, jun)),
		starts: []string{"2026-05-01T08:00:00Z", "2026-05-04T08:00:00Z", "2026-05-05T08:00:00Z", "2026-05-06T08:00:00Z", "2026-05-07T08:00:00Z", "2026-05-08T08:00:00Z"},
	},
	{
		name:   "every other week on two days",
		in:     cal(vevent("DTSTART:20260504T080000Z", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=4", "SUMMARY:Sync", ada, jun)),
		starts: []string{"2026-05-04T08:00:00Z", "2026-05-08T08:00:00Z", "2026-05-18T08:00:00Z", "2026-05-22T08:00:00Z"},
	},
	{
		name: "monthly and yearly",
		in: cal(
			vevent("DTSTART:20260131T100000Z", "RRULE:FREQ=MONTHLY;COUNT=4", "SUMMARY:Month end", ada, jun),
			vevent("DTSTART:20260512T100000Z", "RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3", "SUMMARY:Second Tuesday", ada, jun),
			vevent("DTSTART:20260529T100000Z", "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3", "SUMMARY:Last weekday", ada, jun),
			vevent("DTSTART:20260210T100000Z", "RRULE:FREQ=YEARLY;COUNT=3", "SUMMARY:Yearly", ada, jun),
		),
		starts: []string{
			"2026-01-31T10:00:00Z", "2026-03-31T10:00:00Z", "2026-05-31T10:00:00Z", "2026-07-31T10:00:00Z",
			"2026-05-12T10:00:00Z", "2026-06-09T10:00:00Z", "2026-07-14T10:00:00Z",
			"2026-05-29T10:00:00Z", "2026-06-30T10:00:00Z", "2026-07-31T10:00:00Z",
			"2026-02-10T10:00:00Z", "2027-02-10T10:00:00Z", "2028-02-10T10:00:00Z",
		},
	},
	{
		// A year after 2026-01-05 is 2027-01-05, but the one-off on
		// 2026-12-20 takes the horizon to 2027-01-20: the Mondays from
		// 2026-01-05 to 2027-01-18 are 55.
		name: "open-ended series up to the file's last one-off event + 31 days",
		in: cal(
			vevent("DTSTART:20260105T090000Z", "RRULE:FREQ=WEEKLY", "SUMMARY:Weekly", ada, jun),
			vevent("DTSTART:20261220T100000Z", "SUMMARY:Party", ada, jun),
		),
		n:      56,
		starts: []string{"2026-01-05T09:00:00Z", "2026-12-20T10:00:00Z"},
		notes:  []string{"1 recurrence rule without an end (neither COUNT nor UNTIL) expanded up to a year after their start or to 2027-01-20"},
	},
	{
		// 2026-01-05 to 2027-01-05 09:00Z takes in 53 Mondays.
		name:   "open-ended series up to a year",
		in:     cal(vevent("DTSTART:20260105T090000Z", "RRULE:FREQ=WEEKLY;BYDAY=MO", "SUMMARY:Weekly", ada, jun)),
		n:      53,
		starts: []string{"2026-01-05T09:00:00Z", "2027-01-04T09:00:00Z"},
	},
	{
		name:   "expansion capped",
		in:     cal(vevent("DTSTART:20100101T090000Z", "RRULE:FREQ=DAILY;COUNT=6000", "SUMMARY:Daily", ada, jun)),
		n:      5000,
		starts: []string{"2010-01-01T09:00:00Z", "2023-09-09T09:00:00Z"},
		notes:  []string{"1 recurring event stopped at 5000 meetings each"},
	},
	{
		name:  "rule not expanded",
		in:    cal(vevent("DTSTART:20260507T090000Z", "RRULE:FREQ=HOURLY;COUNT=5", "SUMMARY:Hourly", ada, jun)),
		want:  []string{at("2026-05-07T09:00:00Z", "2026-05-07T10:00:00Z", "Hourly")},
		notes: []string{"1 recurrence rule not expanded (FREQ=HOURLY)"},
	},
	{
		name: "RDATE adds a meeting",
		in: cal(vevent("DTSTART;TZID=Europe/Berlin:20260507T140000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=2",
			"RDATE;TZID=Europe/Berlin:20260509T100000,20260507T140000", "SUMMARY:Review", ada, jun)),
		starts: []string{"2026-05-07T12:00:00Z", "2026-05-09T08:00:00Z", "2026-05-14T12:00:00Z"},
	},
	{
		name: "RECURRENCE-ID replaces an occurrence",
		in: cal(
			vevent("UID:series@example.com", "RECURRENCE-ID;TZID=Europe/Berlin:20260514T140000",
				"DTSTART;TZID=Europe/Berlin:20260514T160000", "DTEND;TZID=Europe/Berlin:20260514T170000",
				"SUMMARY:Design review (moved)", ada, jun),
			vevent("UID:series@example.com", "DTSTART;TZID=Europe/Berlin:20260507T140000", "DTEND;TZID=Europe/Berlin:20260507T150000",
				"RRULE:FREQ=WEEKLY;COUNT=4", "SUMMARY:Design review", ada, jun),
			vevent("UID:series@example.com", "RECURRENCE-ID:20260521T120000Z",
				"DTSTART;TZID=Europe/Berlin:20260521T140000", "STATUS:CANCELLED", "SUMMARY:Design review", ada, jun),
			vevent("UID:other@example.com", "RECURRENCE-ID;TZID=Europe/Berlin:20260528T140000",
				"DTSTART;TZID=Europe/Berlin:20260528T140000", "DURATION:PT1H", "SUMMARY:Other series", ada, jun),
		),
		want: []string{
			at("2026-05-14T14:00:00Z", "2026-05-14T15:00:00Z", "Design review (moved)"),
			at("2026-05-07T12:00:00Z", "2026-05-07T13:00:00Z", "Design review"),
			at("2026-05-28T12:00:00Z", "2026-05-28T13:00:00Z", "Design review"),
			at("2026-05-28T12:00:00Z", "2026-05-28T13:00:00Z", "Other series"),
		},
		notes: []string{"2 meetings of recurring events replaced by a changed copy (RECURRENCE-ID)", "1 cancelled event left out"},
	},
	{
		name: "events without a readable DTSTART are skipped",
		in: cal(
			vevent("UID:a@example.com", "SUMMARY:No start", ada, jun),              // lines 4-9
			vevent("DTSTART:2026-05-07 09:00", "SUMMARY:Bad start", ada, jun),      // lines 10-15
			vevent("DTSTART:20260507T090000Z", "SUMMARY:Good", ada, jun),           // lines 16-21
			vevent("DTSTART;TZID=Europe/Berlin:20260230T090000", "SUMMARY:Feb 30"), // lines 22-25
		),
		want:    []string{at("2026-05-07T09:00:00Z", "2026-05-07T10:00:00Z", "Good")},
		skipped: []skip{{4, parse.ErrMissingValue}, {10, parse.ErrBadDate}, {22, parse.ErrBadDate}},
	},
	{
		name: "alarm properties are not the event's",
		in: cal(vevent("DTSTART:20260507T090000Z", "SUMMARY:Sync", ada, jun,
			"BEGIN:VALARM", "ACTION:EMAIL", "SUMMARY:Reminder", "ATTENDEE:mailto:mei.tanaka@example.com", "TRIGGER:-PT15M", "END:VALARM")),
		want: []string{at("2026-05-07T09:00:00Z", "2026-05-07T10:00:00Z", "Sync")},
	},
	{
		name: "BOM, blank lines and lower-case names",
		in:   "\xef\xbb\xbf\r\n\r\n" + strings.ToLower(cal(vevent("dtstart:20260507T090000Z", "summary:x"))),
		want: []string{`2026-05-07T09:00:00Z/2026-05-07T10:00:00Z "x" |  | `},
	},
}

func TestRead(t *testing.T) {
	for _, tt := range readTests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			if tt.lf {
				in = strings.ReplaceAll(in, "\r\n", "\n")
			}
			var sink recorder
			st, err := Read(context.Background(), writeFile(t, "team.ics", in), &sink, nil)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			checkStats(t, st, len(sink.meetings))
			switch {
			case tt.n > 0:
				if len(sink.meetings) != tt.n {
					t.Errorf("got %d meetings, want %d", len(sink.meetings), tt.n)
				}
				if got := starts(sink.meetings); len(tt.starts) == 2 && len(got) > 0 && (got[0] != tt.starts[0] || got[len(got)-1] != tt.starts[1]) {
					t.Errorf("first and last start %s, %s; want %s, %s", got[0], got[len(got)-1], tt.starts[0], tt.starts[1])
				}
			case tt.starts != nil:
				if got := starts(sink.meetings); !slices.Equal(got, tt.starts) {
					t.Errorf("starts:\n got %q\nwant %q", got, tt.starts)
				}
			default:
				var got []string
				for _, m := range sink.meetings {
					got = append(got, show(m))
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("meetings:\n got %q\nwant %q", got, tt.want)
				}
			}
			checkSkipped(t, st, tt.skipped)
			for _, n := range tt.notes {
				if !slices.ContainsFunc(st.Notes, func(s string) bool { return strings.Contains(s, n) }) {
					t.Errorf("no note says %q; notes: %q", n, st.Notes)
				}
			}
		})
	}
}

// checkStats checks what Stats promises after a successful read of a file
// that gave n meetings.
func checkStats(t *testing.T, st *parse.Stats, n int) {
	t.Helper()
	if st.Imported != n {
		t.Errorf("Stats.Imported = %d, sink got %d", st.Imported, n)
	}
	if st.Rows != st.Imported+st.Bots+st.SelfReviews+st.SkippedCount {
		t.Errorf("Stats.Rows = %d, not Imported %d + Bots %d + SelfReviews %d + Skipped %d", st.Rows, st.Imported, st.Bots, st.SelfReviews, st.SkippedCount)
	}
}

func checkSkipped(t *testing.T, st *parse.Stats, want []skip) {
	t.Helper()
	if len(st.Skipped) != len(want) || st.SkippedCount != len(want) {
		t.Fatalf("skipped %d (%d kept): %v; want %d", st.SkippedCount, len(st.Skipped), st.Skipped, len(want))
	}
	for i, w := range want {
		e := st.Skipped[i]
		if e.File != "team.ics" || e.Row != w.row || e.Column != "DTSTART" || !errors.Is(e, w.err) {
			t.Errorf("skipped[%d] = %v (row %d, column %q); want row %d, column DTSTART, wrapping %v", i, e, e.Row, e.Column, w.row, w.err)
		}
	}
}

func TestReadErrors(t *testing.T) {
	event := vevent("DTSTART:20260507T090000Z", "SUMMARY:Sync", ada, jun)
	tests := []struct {
		name string
		in   string
		want error
		row  int // of the ParseError, when the error is one
	}{
		{"no END:VCALENDAR", strings.TrimSuffix(cal(event, event), "END:VCALENDAR\r\n"), parse.ErrCorrupt, 1},
		{"VEVENT cut short", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + event + "\r\nBEGIN:VEVENT\r\nDTSTART:2026", parse.ErrCorrupt, 9},
		{"END:VEVENT missing", cal(event, "BEGIN:VEVENT", "DTSTART:20260507T090000Z"), parse.ErrCorrupt, 10},
		{"END without BEGIN", cal(event, "END:VEVENT"), parse.ErrCorrupt, 10},
		{"nested too deep", cal(strings.Repeat("BEGIN:X\r\n", 40)), parse.ErrCorrupt, 35},
		{"empty", "", parse.ErrUnrecognised, 0},
		{"blank", "\r\n \r\n\t\r\n", parse.ErrUnrecognised, 0},
		{"csv", "Subject,Start Date,Start Time\r\nSync,5/7/2026,9:00 AM\r\n", parse.ErrUnrecognised, 0},
		{"vcard", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Okafor\r\nEND:VCARD\r\n", parse.ErrUnrecognised, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sink recorder
			st, err := Read(context.Background(), writeFile(t, "team.ics", tt.in), &sink, nil)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Read: %v; want an error wrapping %v", err, tt.want)
			}
			if st == nil {
				t.Fatal("Read returned nil Stats")
			}
			if len(sink.meetings) != 0 {
				t.Errorf("Read emitted %d meetings from a file it rejects", len(sink.meetings))
			}
			var pe *parse.ParseError
			if tt.row > 0 && (!errors.As(err, &pe) || pe.Row != tt.row || pe.File != "team.ics") {
				t.Errorf("Read: %v; want a ParseError of team.ics at row %d", err, tt.row)
			}
		})
	}
}

// bigCalendar is a valid calendar of n one-off events, one a day.
func bigCalendar(n int) string {
	var b strings.Builder
	for i := range n {
		d := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, i)
		b.WriteString(vevent("DTSTART:"+d.Format("20060102T150405Z"), "SUMMARY:Sync", ada, jun))
		b.WriteString("\r\n")
	}
	return cal(strings.TrimSuffix(b.String(), "\r\n"))
}

func TestReadFailures(t *testing.T) {
	path := writeFile(t, "big.ics", bigCalendar(3000))
	t.Run("missing file", func(t *testing.T) {
		_, err := Read(context.Background(), path+".gone", &recorder{}, nil)
		if !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("Read: %v; want fs.ErrNotExist", err)
		}
	})
	t.Run("cancelled before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Read(ctx, path, &recorder{}, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Read: %v; want context.Canceled", err)
		}
	})
	t.Run("cancelled during", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var sink recorder
		_, err := Read(ctx, path, &sink, func(done, total int64) { cancel() })
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Read: %v; want context.Canceled", err)
		}
		if len(sink.meetings) == 3000 {
			t.Error("Read went on to the end after the cancel")
		}
	})
	t.Run("sink fails", func(t *testing.T) {
		boom := errors.New("disk full")
		sink := recorder{fail: boom, stopAfter: 10}
		st, err := Read(context.Background(), path, &sink, nil)
		if !errors.Is(err, boom) || !strings.Contains(err.Error(), "big.ics") {
			t.Fatalf("Read: %v; want the sink's error, naming the file", err)
		}
		if st.Imported != 10 {
			t.Errorf("Stats.Imported = %d, want 10", st.Imported)
		}
	})
	t.Run("progress", func(t *testing.T) {
		var calls [][2]int64
		var sink recorder
		_, err := Read(context.Background(), path, &sink, func(done, total int64) { calls = append(calls, [2]int64{done, total}) })
		if err != nil {
			t.Fatal(err)
		}
		if len(calls) < 3 {
			t.Fatalf("progress called %d times, want a call every 1000 lines or so", len(calls))
		}
		last := calls[len(calls)-1]
		if last[0] != last[1] || last[1] <= 0 {
			t.Errorf("last progress call (%d, %d), want done == total > 0", last[0], last[1])
		}
		for i := 1; i < len(calls); i++ {
			if calls[i][0] < calls[i-1][0] || calls[i][0] > calls[i][1] {
				t.Errorf("progress went %v then %v", calls[i-1], calls[i])
			}
		}
	})
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"calendar", cal(), "ics"},
		{"bom and blank lines", "\xef\xbb\xbf\r\n  \r\n\nBEGIN:VCALENDAR\nVERSION:2.0\n", "ics"},
		{"lower case", "begin:vcalendar\r\n", "ics"},
		{"only the first line", "BEGIN:VCALENDAR", "ics"},
		{"truncated is still ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", "ics"},
		{"empty", "", ""},
		{"vcard", "BEGIN:VCARD\r\n", ""},
		{"event first", "BEGIN:VEVENT\r\nBEGIN:VCALENDAR\r\n", ""},
		{"csv", "Subject,Start Date\r\n", ""},
		{"json", `{"BEGIN":"VCALENDAR"}`, ""},
		{"calendar later", "Exported calendar\r\nBEGIN:VCALENDAR\r\n", ""},
		{"binary", "PK\x03\x04\x00\x00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Detect(writeFile(t, "file", tt.in))
			if err != nil || got != tt.want {
				t.Errorf("Detect = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		if _, err := Detect(writeFile(t, "file", "") + ".gone"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Detect: %v; want fs.ErrNotExist", err)
		}
	})
}

func TestWindowsZonesLoad(t *testing.T) {
	for win, iana := range windowsZones {
		if _, err := time.LoadLocation(iana); err != nil {
			t.Errorf("%q maps to %q: %v", win, iana, err)
		}
	}
}
