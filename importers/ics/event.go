package ics

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/importers/parse"
)

const (
	// maxOccurrences bounds the meetings one recurring event yields.
	maxOccurrences = 5000
	// defaultLength is the length of a meeting with no usable end.
	defaultLength = time.Hour
	// horizonAfterLast is how far past the file's last one-off event an
	// open-ended series is expanded (when that is later than a year after
	// the series starts).
	horizonAfterLast = 31 * 24 * time.Hour
)

// event is one VEVENT as read: the properties this package uses.
type event struct {
	line      int // line of BEGIN:VEVENT
	uid       string
	summary   string
	cancelled bool
	start     *prop
	end       *prop
	duration  *prop
	rrules    []string
	rdates    []prop
	exdates   []prop
	organizer *prop
	attendees []prop
}

// emitter is the visitor of the second pass: it gathers each VEVENT and
// hands its occurrences to the sink.
type emitter struct {
	ctx     context.Context
	file    string
	sink    parse.Sink
	st      *parse.Stats
	idx     *index
	zones   *zones
	ev      *event // the VEVENT being read; nil outside one
	emitted int
	n       counts
}

func (x *emitter) begin(stack []frame) error {
	if inEvent(stack) {
		x.ev = &event{line: stack[len(stack)-1].line}
	}
	return nil
}

func (x *emitter) end(stack []frame) error {
	if !inEvent(stack) || x.ev == nil {
		return nil
	}
	ev := x.ev
	x.ev = nil
	return x.finish(ev)
}

func (x *emitter) property(stack []frame, name string, line []byte) error {
	if !inEvent(stack) || x.ev == nil {
		return nil
	}
	switch name {
	case nUID, nSummary, nStatus, nDTStart, nDTEnd, nDuration, nRRule, nRDate, nExDate, nOrganizer, nAttendee:
	default:
		return nil
	}
	p, ok := parseProp(line)
	if !ok {
		return nil
	}
	x.ev.add(p)
	return nil
}

// add keeps p when ev uses it; of a property that may appear once, the
// first is kept.
func (ev *event) add(p prop) {
	first := func(dst **prop) {
		if *dst == nil {
			*dst = &p
		}
	}
	switch p.name {
	case nUID:
		if ev.uid == "" {
			ev.uid = uid(p)
		}
	case nSummary:
		if ev.summary == "" {
			ev.summary = text(p.value)
		}
	case nStatus:
		s := strings.ToUpper(strings.TrimSpace(p.value))
		ev.cancelled = ev.cancelled || s == "CANCELLED" || s == "CANCELED"
	case nDTStart:
		first(&ev.start)
	case nDTEnd:
		first(&ev.end)
	case nDuration:
		first(&ev.duration)
	case nOrganizer:
		first(&ev.organizer)
	case nRRule:
		ev.rrules = append(ev.rrules, p.value)
	case nRDate:
		ev.rdates = append(ev.rdates, p)
	case nExDate:
		ev.exdates = append(ev.exdates, p)
	case nAttendee:
		ev.attendees = append(ev.attendees, p)
	}
}

// finish turns one VEVENT into meetings, or a skip, or nothing (all-day
// and cancelled events).
func (x *emitter) finish(ev *event) error {
	if ev.cancelled {
		x.n.cancelled++
		return nil
	}
	if ev.start == nil {
		x.skip(ev, parse.ValueError("no DTSTART", parse.ErrMissingValue))
		return nil
	}
	w, kind, ok := parseWall(ev.start.value)
	if !ok {
		x.skip(ev, parse.BadValue(parse.ErrBadDate, strings.TrimSpace(ev.start.value), "a date-time"))
		return nil
	}
	if kind == dateOnly || strings.EqualFold(ev.start.param("VALUE"), "DATE") {
		x.n.allDay++
		return nil
	}
	var z *zone
	if kind != inUTC {
		z = x.zoneOf(ev.start)
		if ev.start.param("TZID") == "" {
			x.n.floating++
		}
	}
	start := z.toUTC(w)
	length := x.length(ev, start, z)
	organizer, attendees := x.people(ev)
	starts := []time.Time{start}
	if len(ev.rrules) > 0 || len(ev.rdates) > 0 {
		starts = x.occurrences(ev, w, z)
	}
	for _, s := range starts {
		m := multiplier.Meeting{
			UID:       ev.uid,
			Subject:   ev.summary,
			Start:     s,
			End:       s.Add(length),
			Organizer: organizer,
			Attendees: slices.Clone(attendees),
		}
		if err := x.emit(m); err != nil {
			return err
		}
	}
	return nil
}

func (x *emitter) skip(ev *event, err error) {
	x.st.Rows++
	x.st.Skip(&parse.ParseError{File: x.file, Row: ev.line, Column: nDTStart, Err: err})
}

func (x *emitter) emit(m multiplier.Meeting) error {
	x.st.Rows++
	if err := x.sink.Meeting(m); err != nil {
		return fmt.Errorf("read %s: %w", x.file, err)
	}
	x.st.Imported++
	x.emitted++
	if x.emitted%checkEvery == 0 {
		if err := x.ctx.Err(); err != nil {
			return fmt.Errorf("read %s: %w", x.file, err)
		}
	}
	return nil
}

// zoneOf returns the zone of a DATE-TIME property from its TZID; nil (UTC)
// when it has none or names no zone this package knows.
func (x *emitter) zoneOf(p *prop) *zone {
	tzid := p.param("TZID")
	if tzid == "" {
		return nil
	}
	z, _ := x.zones.lookup(tzid)
	return z
}

// instant returns the UTC instant of a DATE-TIME value w of kind read from
// property p: UTC as written, in p's TZID, or else in def, the zone of the
// event's DTSTART.
func (x *emitter) instant(p *prop, w time.Time, kind wallKind, def *zone) time.Time {
	switch {
	case kind == inUTC:
		return w
	case p != nil && p.param("TZID") != "":
		return x.zoneOf(p).toUTC(w)
	}
	return def.toUTC(w)
}

// length is the meeting's length from DTEND, else DURATION, else one hour.
func (x *emitter) length(ev *event, start time.Time, z *zone) time.Duration {
	if ev.end != nil {
		if w, kind, ok := parseWall(ev.end.value); ok && kind != dateOnly {
			if end := x.instant(ev.end, w, kind, z); !end.Before(start) {
				return end.Sub(start)
			}
		}
	}
	if ev.duration != nil {
		if d, ok := parseDuration(ev.duration.value); ok {
			return d
		}
	}
	x.n.noEnd++
	return defaultLength
}

// people returns the organizer and the attendees who count as people in
// the meeting: not declined, not rooms or resources, not bots, not the
// organizer again, each once.
func (x *emitter) people(ev *event) (string, []string) {
	var organizer, orgEmail, orgName string
	if ev.organizer != nil {
		email, name := contact(ev.organizer)
		organizer = pick(email, name)
		orgEmail, orgName = key(email), key(name)
		if organizer != "" && multiplier.IsBot(organizer) {
			x.n.bots++
			organizer = ""
		}
	}
	isOrganizer := func(k string) bool { return k != "" && (k == orgEmail || k == orgName) }
	var attendees []string
	seen := make(map[string]bool, len(ev.attendees))
	for i := range ev.attendees {
		a := &ev.attendees[i]
		if declined(a) {
			x.n.declined++
			continue
		}
		email, name := contact(a)
		if notPerson(a, email) {
			x.n.rooms++
			continue
		}
		id := pick(email, name)
		emailKey, nameKey := key(email), key(name)
		if id == "" || isOrganizer(emailKey) || isOrganizer(nameKey) {
			continue
		}
		if multiplier.IsBot(id) {
			x.n.bots++
			continue
		}
		k := pick(emailKey, nameKey)
		if !seen[k] {
			seen[k] = true
			attendees = append(attendees, id)
		}
	}
	return organizer, attendees
}

// contact returns the email of an ORGANIZER or ATTENDEE (its mailto: value)
// and its CN, either possibly empty.
func contact(p *prop) (email, name string) {
	v := strings.TrimSpace(p.value)
	if len(v) >= 7 && strings.EqualFold(v[:7], "mailto:") {
		v = strings.TrimSpace(v[7:])
	} else if strings.Contains(v, ":") {
		v = "" // another URI scheme (invalid:nomail, urn:…)
	}
	if strings.Contains(v, "@") && !strings.ContainsAny(v, " \t") {
		email = valid(v)
	}
	return email, text(p.param("CN"))
}

// pick prefers the email.
func pick(email, name string) string {
	if email != "" {
		return email
	}
	return name
}

// key is the identity key of s, "" for "".
func key(s string) string {
	if s == "" {
		return ""
	}
	return multiplier.IdentityKey(s)
}

// declined reports an attendee who declined or handed the invitation on.
func declined(a *prop) bool {
	s := strings.ToUpper(strings.TrimSpace(a.param("PARTSTAT")))
	return s == "DECLINED" || s == "DELEGATED"
}

// notPerson reports a room or other resource, or an attendee listed for
// information only (ROLE=NON-PARTICIPANT). Google lists rooms with
// addresses at resource.calendar.google.com.
func notPerson(a *prop, email string) bool {
	switch strings.ToUpper(strings.TrimSpace(a.param("CUTYPE"))) {
	case "RESOURCE", "ROOM":
		return true
	}
	if strings.EqualFold(strings.TrimSpace(a.param("ROLE")), "NON-PARTICIPANT") {
		return true
	}
	return strings.HasSuffix(strings.ToLower(email), "@resource.calendar.google.com")
}
