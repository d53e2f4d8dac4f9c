package ics

import (
	"strings"
	"time"
)

// maxObservances bounds the STANDARD and DAYLIGHT blocks kept per zone.
const maxObservances = 32

// rawTime is a DATE or DATE-TIME value as written, with its TZID.
type rawTime struct {
	tzid, value string
}

// index is what the first pass learns about a file before anything is
// emitted.
type index struct {
	zones     map[string]*vzone    // VTIMEZONE blocks by TZID
	overrides map[string][]rawTime // RECURRENCE-ID values by UID
	// latest is the latest DTSTART or DTEND of an event without RRULE or
	// RDATE, its wall clock read as UTC (a zone moves it by hours, which
	// does not matter for a horizon a month later); zero when none.
	latest time.Time
}

// indexer is the visitor of the first pass.
type indexer struct {
	idx index

	// the VEVENT being read
	uid           string
	recurring     bool
	recurrenceIDs []rawTime
	last          time.Time

	// the VTIMEZONE being read
	tzid string
	obs  []observance
	cur  *obsBuilder
}

func newIndexer() *indexer {
	return &indexer{idx: index{zones: make(map[string]*vzone), overrides: make(map[string][]rawTime)}}
}

// is reports whether the open components are exactly names.
func is(stack []frame, names ...string) bool {
	if len(stack) != len(names) {
		return false
	}
	for i, n := range names {
		if stack[i].name != n {
			return false
		}
	}
	return true
}

func inEvent(stack []frame) bool { return is(stack, "VCALENDAR", "VEVENT") }

func inObservance(stack []frame) bool {
	return is(stack, "VCALENDAR", "VTIMEZONE", "STANDARD") || is(stack, "VCALENDAR", "VTIMEZONE", "DAYLIGHT")
}

func (x *indexer) begin(stack []frame) error {
	switch {
	case inEvent(stack):
		x.uid, x.recurring, x.recurrenceIDs, x.last = "", false, nil, time.Time{}
	case is(stack, "VCALENDAR", "VTIMEZONE"):
		x.tzid, x.obs = "", nil
	case inObservance(stack):
		x.cur = &obsBuilder{}
	}
	return nil
}

func (x *indexer) end(stack []frame) error {
	switch {
	case inEvent(stack):
		if x.uid != "" && len(x.recurrenceIDs) > 0 {
			x.idx.overrides[x.uid] = append(x.idx.overrides[x.uid], x.recurrenceIDs[0])
		}
		if !x.recurring && x.last.After(x.idx.latest) {
			x.idx.latest = x.last
		}
	case is(stack, "VCALENDAR", "VTIMEZONE"):
		if z := newVzone(x.obs); z != nil && x.tzid != "" && x.idx.zones[x.tzid] == nil {
			x.idx.zones[x.tzid] = z
		}
	case inObservance(stack):
		if o, ok := x.cur.build(); ok && len(x.obs) < maxObservances {
			x.obs = append(x.obs, o)
		}
		x.cur = nil
	}
	return nil
}

func (x *indexer) property(stack []frame, name string, line []byte) error {
	switch {
	case inEvent(stack):
		x.eventProperty(name, line)
	case is(stack, "VCALENDAR", "VTIMEZONE"):
		if name == nTZID && x.tzid == "" {
			if p, ok := parseProp(line); ok {
				x.tzid = strings.TrimSpace(p.value)
			}
		}
	case inObservance(stack) && x.cur != nil:
		if p, ok := parseProp(line); ok {
			x.cur.property(p)
		}
	}
	return nil
}

func (x *indexer) eventProperty(name string, line []byte) {
	switch name {
	case nRRule, nRDate:
		x.recurring = true
		return
	case nUID, nRecurrenceID, nDTStart, nDTEnd:
	default:
		return
	}
	p, ok := parseProp(line)
	if !ok {
		return
	}
	switch name {
	case nUID:
		if x.uid == "" {
			x.uid = uid(p)
		}
	case nRecurrenceID:
		if len(x.recurrenceIDs) == 0 {
			x.recurrenceIDs = append(x.recurrenceIDs, rawTime{tzid: p.param("TZID"), value: p.value})
		}
	default:
		if w, _, ok := parseWall(p.value); ok && w.After(x.last) {
			x.last = w
		}
	}
}
