package ics

import (
	"slices"
	"strings"
	"time"
)

const (
	// maxRDates bounds the onsets one observance keeps from RDATE lists.
	maxRDates = 1000
	// ruleLookback is how many years back an observance's rule is searched
	// for its last onset; a yearly switch rule has one every year.
	ruleLookback = 5
)

// vzone is a time zone defined by a VTIMEZONE block of the file: its
// STANDARD and DAYLIGHT observances with their yearly switch rules.
type vzone struct {
	obs     []observance
	initial int // the offset before the first onset, seconds east of UTC
}

// observance is one STANDARD or DAYLIGHT block: from each of its onsets
// on, the zone is to seconds east of UTC.
type observance struct {
	start  time.Time   // DTSTART: the first onset, wall clock in the offset before it
	from   int         // TZOFFSETFROM
	to     int         // TZOFFSETTO
	rule   *rule       // a YEARLY RRULE giving later onsets; nil when none
	until  time.Time   // the rule's last onset at the latest (UTC); zero when none
	rdates []time.Time // further onsets (UTC), in order
	years  map[int][]time.Time
}

// newVzone makes a zone of obs, or returns nil when obs is empty.
func newVzone(obs []observance) *vzone {
	if len(obs) == 0 {
		return nil
	}
	first := obs[0]
	for _, o := range obs[1:] {
		if o.onset(o.start).Before(first.onset(first.start)) {
			first = o
		}
	}
	return &vzone{obs: obs, initial: first.from}
}

// toUTC returns the instant wall clock reading w names, as RFC 5545
// (3.3.5) says: a reading that occurs twice is the first of them, one
// skipped by a switch is read with the offset before the switch. It
// assumes no two switches come within two days of each other.
func (z *vzone) toUTC(w time.Time) time.Time {
	const near = 26 * time.Hour // more than any UTC offset
	before, after := z.offsetAt(w.Add(-near)), z.offsetAt(w.Add(near))
	var first time.Time
	found := false
	for _, off := range [2]int{before, after} {
		u := w.Add(-seconds(off))
		if z.offsetAt(u) == off && (!found || u.Before(first)) {
			first, found = u, true
		}
	}
	if found {
		return first
	}
	return w.Add(-seconds(before))
}

// offsetAt returns the offset in effect at UTC instant u.
func (z *vzone) offsetAt(u time.Time) int {
	var best time.Time
	off, found := z.initial, false
	for i := range z.obs {
		o := &z.obs[i]
		if t, ok := o.lastOnset(u); ok && (!found || t.After(best)) {
			best, off, found = t, o.to, true
		}
	}
	return off
}

func seconds(n int) time.Duration { return time.Duration(n) * time.Second }

// onset is the UTC instant of wall clock onset w.
func (o *observance) onset(w time.Time) time.Time { return w.Add(-seconds(o.from)) }

// lastOnset returns the latest onset of o at or before UTC instant u.
func (o *observance) lastOnset(u time.Time) (time.Time, bool) {
	var best time.Time
	found := false
	take := func(t time.Time) {
		if !t.After(u) && (!found || t.After(best)) {
			best, found = t, true
		}
	}
	take(o.onset(o.start))
	i, exact := slices.BinarySearchFunc(o.rdates, u, time.Time.Compare)
	if exact {
		take(o.rdates[i])
	} else if i > 0 {
		take(o.rdates[i-1])
	}
	if t, ok := o.ruleOnset(u); ok {
		take(t)
	}
	return best, found
}

// ruleOnset returns the latest onset of o's rule at or before u, looking
// back no more than ruleLookback years.
func (o *observance) ruleOnset(u time.Time) (time.Time, bool) {
	if o.rule == nil {
		return time.Time{}, false
	}
	y := u.Year() + 1
	if !o.until.IsZero() {
		y = min(y, o.until.Year()+1)
	}
	for tries := 0; tries < ruleLookback && y >= o.start.Year(); tries, y = tries+1, y-1 {
		for _, t := range slices.Backward(o.onsetsIn(y)) {
			if !t.After(u) {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// onsetsIn returns the onsets of o's rule in year y as UTC instants, in
// order, remembering them.
func (o *observance) onsetsIn(y int) []time.Time {
	if t, ok := o.years[y]; ok {
		return t
	}
	clock := o.start.Sub(date(o.start))
	var out []time.Time
	for _, d := range o.rule.periodDays(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), o.start, nil) {
		w := d.Add(clock)
		t := o.onset(w)
		if !w.Before(o.start) && (o.until.IsZero() || !t.After(o.until)) {
			out = append(out, t)
		}
	}
	if o.years == nil || len(o.years) >= 256 {
		o.years = make(map[int][]time.Time)
	}
	o.years[y] = out
	return out
}

// obsBuilder gathers the properties of one STANDARD or DAYLIGHT block.
type obsBuilder struct {
	start, from, to, rrule string
	rdates                 []string
}

func (b *obsBuilder) property(p prop) {
	v := strings.TrimSpace(p.value)
	switch p.name {
	case nDTStart:
		b.start = v
	case nOffsetFrom:
		b.from = v
	case nOffsetTo:
		b.to = v
	case nRRule:
		if b.rrule == "" {
			b.rrule = v
		}
	case nRDate:
		if len(b.rdates) < maxRDates {
			b.rdates = append(b.rdates, v)
		}
	}
}

// build returns the observance, and false when it has no readable
// TZOFFSETTO. A missing or unreadable DTSTART is taken as year 1; an
// unreadable or non-yearly rule as no rule.
func (b *obsBuilder) build() (observance, bool) {
	var o observance
	var ok bool
	if o.to, ok = parseOffset(b.to); !ok {
		return o, false
	}
	if o.from, ok = parseOffset(b.from); !ok {
		o.from = o.to
	}
	if o.start, _, ok = parseWall(b.start); !ok {
		o.start = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if r, err := parseRule(b.rrule); err == nil && r.freq == yearly {
		o.rule = r
		if r.until != "" {
			o.until, ok = o.instant(r.until)
			if !ok {
				o.rule = nil
			}
		}
	}
	for _, list := range b.rdates {
		for v := range strings.SplitSeq(list, ",") {
			v, _, _ = strings.Cut(v, "/") // a PERIOD starts with its onset
			if t, ok := o.instant(v); ok && len(o.rdates) < maxRDates {
				o.rdates = append(o.rdates, t)
			}
		}
	}
	slices.SortFunc(o.rdates, time.Time.Compare)
	return o, true
}

// instant reads an onset given as UTC or as wall clock before the onset.
func (o *observance) instant(v string) (time.Time, bool) {
	w, kind, ok := parseWall(v)
	switch {
	case !ok:
		return time.Time{}, false
	case kind == inUTC:
		return w, true
	case kind == dateOnly:
		w = w.Add(24*time.Hour - time.Second)
	}
	return o.onset(w), true
}
