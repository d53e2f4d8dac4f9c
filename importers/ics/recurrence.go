package ics

import (
	"slices"
	"strings"
	"time"
)

// occurrences returns the UTC starts of a recurring event that starts at
// wall clock reading w in zone z: its RRULEs expanded and its RDATEs
// added, less its EXDATEs and the occurrences that other VEVENTs with its
// UID replace (RECURRENCE-ID), in order.
func (x *emitter) occurrences(ev *event, w time.Time, z *zone) []time.Time {
	x.n.recurring++
	start := z.toUTC(w)
	var starts []time.Time
	expanded, capped := false, false
	for _, rr := range ev.rrules {
		r, err := parseRule(rr)
		if err != nil {
			x.n.unexpanded++
			if x.n.unexpandedWhy == "" {
				x.n.unexpandedWhy = err.Error()
			}
			continue
		}
		s, c := r.expand(w, z, x.limit(r, z, start), maxOccurrences)
		starts = append(starts, s...)
		expanded, capped = true, capped || c
	}
	if !expanded {
		starts = append(starts, start)
	}
	starts = append(starts, x.rdates(ev, z)...)
	slices.SortFunc(starts, time.Time.Compare)
	starts = slices.CompactFunc(starts, time.Time.Equal)
	if len(starts) > maxOccurrences {
		starts, capped = starts[:maxOccurrences], true
	}
	if capped {
		x.n.capped++
	}
	ex := x.timeSet(ev.exdates, z)
	ov := x.overrides(ev.uid, z)
	kept := starts[:0]
	for _, s := range starts {
		switch {
		case ex.has(s, z):
		case ov.has(s, z):
			x.n.overridden++
		default:
			kept = append(kept, s)
		}
	}
	x.n.occurrences += len(kept)
	return kept
}

// limit is the UTC instant after which a rule stops: its UNTIL, or for a
// rule with neither COUNT nor UNTIL (or an UNTIL that cannot be read) a
// year after the event's start or 31 days after the file's last one-off
// event, whichever is later; zero for a rule that COUNT ends.
func (x *emitter) limit(r *rule, z *zone, start time.Time) time.Time {
	if r.until != "" {
		if w, kind, ok := parseWall(r.until); ok {
			if kind == dateOnly {
				w = w.Add(24*time.Hour - time.Second) // UNTIL takes in its day
			}
			return x.instant(nil, w, kind, z)
		}
	} else if r.count > 0 {
		return time.Time{}
	}
	x.n.openEnded++
	horizon := start.AddDate(1, 0, 0)
	if !x.idx.latest.IsZero() {
		horizon = later(horizon, x.idx.latest.Add(horizonAfterLast))
	}
	return horizon
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// rdates returns the UTC instants of an event's RDATE values; PERIOD
// values give their start, DATE values (no time) are left out.
func (x *emitter) rdates(ev *event, z *zone) []time.Time {
	var out []time.Time
	for i := range ev.rdates {
		p := &ev.rdates[i]
		for v := range strings.SplitSeq(p.value, ",") {
			v, _, _ = strings.Cut(v, "/")
			if w, kind, ok := parseWall(v); ok && kind != dateOnly && len(out) < maxOccurrences {
				out = append(out, x.instant(p, w, kind, z))
			}
		}
	}
	return out
}

// timeSet holds the occurrences an event's EXDATEs or overrides remove:
// exact instants, and whole days (DATE values) in the event's zone.
type timeSet struct {
	at   map[int64]bool
	days map[time.Time]bool
}

func (s *timeSet) add(w time.Time, kind wallKind, at time.Time) {
	if kind == dateOnly {
		if s.days == nil {
			s.days = make(map[time.Time]bool)
		}
		s.days[w] = true
		return
	}
	if s.at == nil {
		s.at = make(map[int64]bool)
	}
	s.at[at.Unix()] = true
}

func (s *timeSet) has(u time.Time, z *zone) bool {
	return s.at[u.Unix()] || s.days != nil && s.days[date(z.wall(u))]
}

// timeSet reads EXDATE properties, each a comma list.
func (x *emitter) timeSet(props []prop, z *zone) timeSet {
	var s timeSet
	for i := range props {
		p := &props[i]
		for v := range strings.SplitSeq(p.value, ",") {
			if w, kind, ok := parseWall(v); ok {
				s.add(w, kind, x.instant(p, w, kind, z))
			}
		}
	}
	return s
}

// overrides reads the RECURRENCE-IDs of the VEVENTs that replace
// occurrences of the series uid.
func (x *emitter) overrides(uid string, z *zone) timeSet {
	var s timeSet
	if uid == "" {
		return s
	}
	for _, rt := range x.idx.overrides[uid] {
		w, kind, ok := parseWall(rt.value)
		if !ok {
			continue
		}
		p := &prop{params: []param{{name: "TZID", value: rt.tzid}}}
		s.add(w, kind, x.instant(p, w, kind, z))
	}
	return s
}
