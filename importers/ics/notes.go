package ics

import (
	"fmt"
	"time"
)

// counts are the things the second pass leaves out or works around, for
// the notes a person reads.
type counts struct {
	recurring     int // events with RRULE or RDATE
	occurrences   int // meetings those gave
	openEnded     int // rules with neither COUNT nor UNTIL
	capped        int // series stopped at maxOccurrences
	unexpanded    int // rules not expanded
	unexpandedWhy string
	overridden    int // occurrences replaced by a RECURRENCE-ID event
	allDay        int
	cancelled     int
	floating      int // events with a floating DTSTART
	noEnd         int // events given defaultLength
	declined      int // attendees who declined or delegated
	rooms         int // rooms, resources, non-participants
	bots          int // bot identities left out
}

// notes says what x counted, in words.
func (x *emitter) notes() []string {
	n := x.n
	var out []string
	add := func(cond bool, format string, args ...any) {
		if cond {
			out = append(out, fmt.Sprintf(format, args...))
		}
	}
	add(n.recurring > 0, "%s expanded into %s", things(n.recurring, "recurring event"), things(n.occurrences, "meeting"))
	if n.openEnded > 0 {
		until := "a year after their start"
		if !x.idx.latest.IsZero() {
			until += fmt.Sprintf(" or to %s (31 days after the last one-off event), whichever is later",
				x.idx.latest.Add(horizonAfterLast).Format(time.DateOnly))
		}
		add(true, "%s without an end (neither COUNT nor UNTIL) expanded up to %s", things(n.openEnded, "recurrence rule"), until)
	}
	add(n.capped > 0, "%s stopped at %d meetings each", things(n.capped, "recurring event"), maxOccurrences)
	add(n.unexpanded > 0, "%s not expanded (%s): only the first meeting of the event was read", things(n.unexpanded, "recurrence rule"), n.unexpandedWhy)
	add(n.overridden > 0, "%s of recurring events replaced by a changed copy (RECURRENCE-ID)", things(n.overridden, "meeting"))
	add(n.allDay > 0, "%s left out", things(n.allDay, "all-day event"))
	add(n.cancelled > 0, "%s left out", things(n.cancelled, "cancelled event"))
	add(n.floating > 0, "%s without a time zone (floating time) read as UTC", things(n.floating, "event"))
	switch u := x.zones.unknown; {
	case len(u) == 1:
		add(true, "time zone %s is neither an IANA nor a Windows name and the file does not define it: its times were read as UTC", quoteList(u))
	case len(u) > 1:
		add(true, "time zones %s are neither IANA nor Windows names and the file does not define them: their times were read as UTC", quoteList(u))
	}
	add(n.noEnd > 0, "%s without a usable end (DTEND or DURATION) given 1 hour", things(n.noEnd, "event"))
	add(n.declined > 0, "%s left out", things(n.declined, "declined attendee"))
	add(n.rooms > 0, "%s left out of attendees", things(n.rooms, "room or resource", "rooms and resources"))
	add(n.bots > 0, "%s left out of meetings", things(n.bots, "bot"))
	return out
}

// things says "1 event" or "2 events"; an irregular plural may follow.
func things(n int, one string, many ...string) string {
	if n == 1 {
		return "1 " + one
	}
	if len(many) > 0 {
		return fmt.Sprintf("%d %s", n, many[0])
	}
	return fmt.Sprintf("%d %ss", n, one)
}
