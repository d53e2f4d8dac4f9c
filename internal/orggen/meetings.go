package orggen

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/multiplier/multiplier"
)

// invitee is one person or room invited to a meeting.
type invitee struct {
	p        *persona // nil for a room
	room     string   // the room's name
	optional bool
	// partstat is the answer as the .ics writes it: ACCEPTED, TENTATIVE,
	// NEEDS-ACTION or DECLINED. Only DECLINED keeps a person out.
	partstat string
}

// attends reports whether the invitee is a person who did not decline.
func (v invitee) attends() bool { return v.p != nil && v.partstat != "DECLINED" }

// series is one calendar entry: a one-off meeting, a recurring series or
// an all-day event.
type series struct {
	uid, subject, description, location string
	dept                                string // the organizer's department
	zone                                *deptZone
	organizer                           *persona
	invited                             []invitee // the organizer not among them; rooms last
	start                               time.Time // the first occurrence, in zone.loc
	length                              time.Duration
	allDay                              int    // days of an all-day event; 0 for a meeting
	rule                                *rrule // nil for a one-off
	exdates                             []time.Time
	starts                              []time.Time // UTC starts of the occurrences, exdates removed
	all                                 []time.Time // instances, once skip has expanded the rule
}

// rrule is a recurrence: weekly on some weekdays, or monthly on the nth
// weekday; it ends at until or after count occurrences.
type rrule struct {
	interval int
	byDay    []time.Weekday // in week order from Monday
	nth      int            // monthly on the nth byDay[0] of the month; 0 for weekly
	count    int
	until    time.Time // UTC; zero when count ends the rule
}

// instances expands the rule from se.start, in order, as RFC 5545 does:
// wall clock times in the zone, until (inclusive) or count applied before
// any exception.
func (se *series) instances() []time.Time {
	r := se.rule
	if r == nil {
		return []time.Time{se.start}
	}
	loc, st := se.zone.loc, se.start
	first := time.Date(st.Year(), st.Month(), st.Day(), 0, 0, 0, 0, time.UTC)
	var days []time.Time // candidate dates, in order
	stop := r.until.AddDate(0, 0, 2)
	if r.until.IsZero() {
		stop = first.AddDate(2, 0, 0)
	}
	if r.nth == 0 {
		week := first.AddDate(0, 0, -((int(first.Weekday()) + 6) % 7))
		for ; !week.After(stop); week = week.AddDate(0, 0, 7*r.interval) {
			for i := range 7 {
				if d := week.AddDate(0, 0, i); slices.Contains(r.byDay, d.Weekday()) {
					days = append(days, d)
				}
			}
		}
	} else {
		month := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC)
		for ; !month.After(stop); month = month.AddDate(0, r.interval, 0) {
			days = append(days, nthWeekday(month, r.byDay[0], r.nth))
		}
	}
	var out []time.Time
	for _, d := range days {
		w := wallClock(d, st.Hour(), st.Minute(), loc)
		switch {
		case w.Before(st):
			continue
		case r.count > 0 && len(out) == r.count, !r.until.IsZero() && w.After(r.until):
			return out
		}
		out = append(out, w)
	}
	return out
}

// nthWeekday is the nth (1–4, or -1 for the last) weekday wd of the month
// that starts on month.
func nthWeekday(month time.Time, wd time.Weekday, nth int) time.Time {
	if nth < 0 {
		last := month.AddDate(0, 1, -1)
		return last.AddDate(0, 0, -((int(last.Weekday()) - int(wd) + 7) % 7))
	}
	first := month.AddDate(0, 0, (int(wd)-int(month.Weekday())+7)%7)
	return first.AddDate(0, 0, 7*(nth-1))
}

// makeMeetings plans the calendars of the whole organisation.
func (s *social) makeMeetings() {
	x := s.x
	s.makeIncidents()
	director := -1
	for i, m := range x.members {
		if m.team < 0 {
			director = i
		}
	}
	for t := range x.teams {
		s.standup(t)
		s.planning(t)
		s.oneOnOnes(x.teams[t].manager, x.teams[t].engineers, 1)
	}
	if director >= 0 {
		var managers []int
		for t := range x.teams {
			managers = append(managers, x.teams[t].manager)
		}
		s.oneOnOnes(director, managers, 2)
		s.allHands(director)
	}
	s.designReviews()
	s.incidentReviews()
	s.offsites()
}

// add expands se, keeps it and marks its organizer busy.
func (s *social) add(se *series) {
	se.dept = s.g.members[se.organizer.member].Department
	if se.zone == nil {
		se.zone = zoneOf(se.dept)
	}
	if se.allDay == 0 {
		all := se.all
		if all == nil {
			all = se.instances()
		}
		for _, w := range all {
			if !slices.ContainsFunc(se.exdates, w.Equal) {
				se.starts = append(se.starts, w.UTC())
			}
		}
		if len(se.starts) == 0 {
			return
		}
		for _, u := range se.starts {
			s.busy[se.organizer.email+u.String()] = true
		}
	}
	se.uid = s.uid(se)
	s.cal = append(s.cal, se)
}

// uid makes an event's UID: Outlook's long hex form for the Outlook
// department, a short one at the calendar's domain for the others.
func (s *social) uid(se *series) string {
	const hex = "0123456789ABCDEF"
	r := s.x.r
	if se.zone == &zoneOutlookBerlin {
		b := []byte("040000008200E00074C5B7101A82E00800000000")
		for range 72 {
			b = append(b, hex[r.Intn(16)])
		}
		return string(b)
	}
	b := make([]byte, 26)
	for i := range b {
		b[i] = strings.ToLower(hex)[r.Intn(16)]
	}
	return string(b) + "@example.com"
}

// invite makes the invitees of a meeting: each person answers ACCEPTED
// mostly, now and then TENTATIVE or not at all, and declines with
// probability decline.
func (s *social) invite(people []*persona, decline float64) []invitee {
	r := s.x.r
	out := make([]invitee, 0, len(people))
	for _, p := range people {
		v := invitee{p: p, partstat: "ACCEPTED"}
		switch u := r.Float64(); {
		case u < decline:
			v.partstat = "DECLINED"
		case u < decline+0.05:
			v.partstat = "TENTATIVE"
		case u < decline+0.1:
			v.partstat = "NEEDS-ACTION"
		}
		out = append(out, v)
	}
	return out
}

// withRoom adds a room of the zone to the invitees with probability p.
func (s *social) withRoom(se *series, p float64) {
	r := s.x.r
	if r.Float64() >= p || len(se.zone.rooms) == 0 {
		se.location = "Microsoft Teams Meeting"
		return
	}
	room := se.zone.rooms[r.Intn(len(se.zone.rooms))]
	se.invited = append(se.invited, invitee{room: room, partstat: "ACCEPTED"})
	se.location = room
}

// personas returns the personas of members.
func (s *social) personas(members []int) []*persona {
	out := make([]*persona, len(members))
	for i, m := range members {
		out[i] = s.member(m)
	}
	return out
}

// until is the end of a series that runs to the end of the export: the
// last second of the period, UTC.
func (s *social) until() time.Time { return s.g.c.end().Add(-time.Second) }

// firstOn returns the first date on or after the start of the period that
// falls on one of days.
func (s *social) firstOn(days []time.Weekday) time.Time {
	d := s.g.c.From
	for !slices.Contains(days, d.Weekday()) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// skip picks n of the instances of se (never the first) as exceptions.
func (s *social) skip(se *series, n int) {
	all := se.instances()
	se.all = all
	if len(all) < 4 {
		return
	}
	for _, k := range s.x.r.Perm(len(all) - 1)[:min(n, len(all)-1)] {
		se.exdates = append(se.exdates, all[k+1])
	}
	slices.SortFunc(se.exdates, time.Time.Compare)
}

var (
	standupNames  = []string{"%s standup", "%s daily sync", "%s stand-up", "%s check-in"}
	standupDays   = [][]time.Weekday{{time.Monday, time.Wednesday, time.Friday}, {time.Tuesday, time.Thursday}, {time.Monday, time.Tuesday, time.Thursday}, {time.Monday, time.Thursday}}
	planningNames = []string{"%s sprint planning", "%s planning", "%s planning & retro"}
)

// standup is a team's short sync with its manager, two or three times a
// week until the end of the export, skipped once or twice.
func (s *social) standup(t int) {
	r, tm := s.x.r, s.g.teams[t]
	days := standupDays[r.Intn(len(standupDays))]
	people := s.personas(tm.engineers)
	for i, m := range s.g.members {
		if m.external && m.team == t {
			people = append(people, s.member(i)) // the contractor sits in
		}
	}
	se := &series{
		subject:   fmt.Sprintf(standupNames[r.Intn(len(standupNames))], tm.name),
		organizer: s.member(tm.manager),
		invited:   s.invite(people, 0.03),
		length:    15 * time.Minute,
		rule:      &rrule{interval: 1, byDay: days, until: s.until()},
	}
	se.zone = zoneOf(tm.dept)
	se.start = wallClock(s.firstOn(days), 9, 30, se.zone.loc)
	if r.Intn(2) == 0 {
		se.start, se.length = wallClock(s.firstOn(days), 10, 0, se.zone.loc), 30*time.Minute
	}
	s.withRoom(se, 0.3)
	s.skip(se, 1+r.Intn(2))
	s.add(se)
}

// planning is a team's planning every other week; some series are ended
// early by a count.
func (s *social) planning(t int) {
	r, tm := s.x.r, s.g.teams[t]
	day := []time.Weekday{time.Monday + time.Weekday(r.Intn(5))}
	se := &series{
		subject:     fmt.Sprintf(planningNames[r.Intn(len(planningNames))], tm.name),
		description: "Agenda:\n1. Review last sprint\n2. Priorities for the next two weeks\n3. Risks, dependencies and on-call handover",
		organizer:   s.member(tm.manager),
		invited:     s.invite(s.personas(tm.engineers), 0.04),
		length:      time.Hour,
		rule:        &rrule{interval: 2, byDay: day, until: s.until()},
	}
	se.zone = zoneOf(tm.dept)
	se.start = wallClock(s.firstOn(day), 10, 30, se.zone.loc)
	if r.Intn(3) == 0 {
		if n := len(se.instances()); n > 0 {
			se.rule.until, se.rule.count = time.Time{}, max(1, n-r.Intn(3))
		}
	}
	s.withRoom(se, 0.6)
	s.skip(se, r.Intn(2))
	s.add(se)
}

// oneOnOnes sets up weekly (every interval weeks) 1:1s of a manager with
// each report, each in its own slot.
func (s *social) oneOnOnes(manager int, reports []int, interval int) {
	r := s.x.r
	mgr := s.member(manager)
	slots := r.Perm(5 * 5) // weekday × time of day
	times := [][2]int{{11, 0}, {13, 0}, {14, 0}, {15, 30}, {16, 30}}
	for k, rep := range reports {
		p := s.member(rep)
		slot := slots[k%len(slots)]
		day := []time.Weekday{time.Monday + time.Weekday(slot/5)}
		hm := times[slot%5]
		se := &series{
			subject:   fmt.Sprintf("%s / %s 1:1", mgr.first, p.first),
			organizer: mgr,
			invited:   s.invite([]*persona{p}, 0),
			length:    30 * time.Minute,
			rule:      &rrule{interval: interval, byDay: day, until: s.until()},
		}
		if r.Intn(4) == 0 {
			se.subject = fmt.Sprintf("1:1 %s <> %s", p.first, mgr.first)
		}
		se.zone = zoneOf(s.g.members[manager].Department)
		se.start = wallClock(s.firstOn(day), hm[0], hm[1], se.zone.loc)
		se.location = "Microsoft Teams Meeting"
		s.skip(se, r.Intn(4))
		s.add(se)
	}
}

// allHands is the director's monthly meeting with everyone on the roster,
// on the first Thursday, in UTC.
func (s *social) allHands(director int) {
	var people []*persona
	for i, m := range s.g.members {
		if i != director && !m.external {
			people = append(people, s.member(i))
		}
	}
	day := []time.Weekday{time.Thursday}
	se := &series{
		subject:     "Engineering all-hands",
		description: "Monthly all-hands: wins, roadmap, Q&A. Questions in advance via the form, please.",
		organizer:   s.member(director),
		invited:     s.invite(people, 0.06),
		length:      time.Hour,
		rule:        &rrule{interval: 1, byDay: day, nth: 1, until: s.until()},
	}
	se.zone = &zoneUTC
	first := nthWeekday(time.Date(s.g.c.From.Year(), s.g.c.From.Month(), 1, 0, 0, 0, 0, time.UTC), time.Thursday, 1)
	if first.Before(s.g.c.From) {
		first = nthWeekday(time.Date(s.g.c.From.Year(), s.g.c.From.Month()+1, 1, 0, 0, 0, 0, time.UTC), time.Thursday, 1)
	}
	se.start = wallClock(first, 16, 0, time.UTC)
	s.withRoom(se, 1)
	s.add(se)
}

var (
	reviewKinds = []string{"Design review: %s", "RFC review: %s", "Architecture sync: %s", "Design review: %s, %s", "Tech review: %s and %s"}
	lengths     = []time.Duration{45 * time.Minute, time.Hour, time.Hour, 90 * time.Minute}
)

// designReviews are the cross-team one-off meetings that staff and
// principal engineers (2–5 a half year) and the multipliers (6–10; under
// Weak planting halfway to the 2–5) organise, with 3–8 people from
// several teams; now and then the partner's engineers come.
func (s *social) designReviews() {
	x := s.x
	for i, m := range x.members {
		senior := m.Level == "L6" || m.Level == "L7"
		if m.external || m.team < 0 || !senior && m.arch != Multiplier {
			continue
		}
		base := float64(2 + x.r.Intn(4))
		n := x.scaled(base)
		teams := []int{m.team}
		if m.arch == Multiplier {
			n = x.scaled(x.toward(float64(6+x.r.Intn(5)), base))
			teams = append(teams, m.helps...)
		}
		for range n {
			s.designReview(i, teams)
		}
	}
}

// designReview is one design review organised by member i, with people of
// teams (the organiser's first) and of one random other team.
func (s *social) designReview(i int, teams []int) {
	x := s.x
	r := x.r
	m := x.members[i]
	pool := slices.Clone(teams)
	if len(x.teams) > 1 {
		pool = append(pool, r.Intn(len(x.teams)))
	}
	want := 3 + r.Intn(6)
	var people []*persona
	seen := map[int]bool{i: true}
	for tries := 0; len(people) < want && tries < 60; tries++ {
		t := pool[r.Intn(len(pool))]
		if tries < 2 {
			t = pool[0]
		}
		eng := x.teams[t].engineers
		e := eng[r.Intn(len(eng))]
		if !seen[e] {
			seen[e] = true
			people = append(people, s.member(e))
		}
	}
	if len(people) < 2 {
		return
	}
	area := x.teams[pool[r.Intn(len(pool))]].areas
	kind := reviewKinds[r.Intn(len(reviewKinds))]
	subject := fmt.Sprintf(kind, area[r.Intn(len(area))], area[r.Intn(len(area))])
	if strings.Count(kind, "%s") == 1 {
		subject = fmt.Sprintf(kind, area[r.Intn(len(area))])
	}
	if r.Float64() < 0.12 || m.Department == "Payments" && r.Float64() < 0.3 {
		people = append(people, s.guests[r.Intn(len(s.guests))])
	}
	se := &series{
		subject:     subject,
		description: fmt.Sprintf("Doc: https://docs.example.com/rfc/%d\nPlease read the doc before the meeting and leave comments inline; we will go through open questions only.", 100+r.Intn(900)),
		organizer:   s.member(i),
		invited:     s.invite(people, 0.07),
		length:      lengths[r.Intn(len(lengths))],
	}
	for k := range se.invited {
		se.invited[k].optional = k >= 2 && r.Float64() < 0.2
	}
	se.zone = zoneOf(m.Department)
	s.withRoom(se, 0.5)
	if s.oneOff(se, []int{10, 11, 13, 14, 15, 16}) {
		s.add(se)
	}
}

// oneOff places se on a free slot of its organizer on a random weekday;
// false when the period has no weekday.
func (s *social) oneOff(se *series, hoursOfDay []int) bool {
	r := s.x.r
	days := s.g.c.workdays()
	if len(days) == 0 {
		return false
	}
	for tries := 0; ; tries++ {
		d := days[r.Intn(len(days))]
		se.start = wallClock(d, hoursOfDay[r.Intn(len(hoursOfDay))], 30*r.Intn(2), se.zone.loc)
		if !s.busy[se.organizer.email+se.start.UTC().String()] || tries > 50 {
			return true
		}
	}
}

// makeIncidents draws the outages of the period: about eight a half year.
func (s *social) makeIncidents() {
	x := s.x
	days := x.c.workdays()
	if len(days) == 0 {
		return
	}
	for k := range x.scaled(8) {
		t := x.r.Intn(len(x.teams))
		d := days[x.r.Intn(len(days))]
		area := x.teams[t].areas[x.r.Intn(len(x.teams[t].areas))]
		s.incident = append(s.incident, incident{
			number: 2400 + 17*k + x.r.Intn(17), team: t, area: area,
			at: wallClock(d, 7+x.r.Intn(12), x.r.Intn(60), time.UTC).Add(time.Duration(x.r.Intn(60)) * time.Second),
		})
	}
	slices.SortFunc(s.incident, func(a, b incident) int { return a.at.Compare(b.at) })
}

var symptoms = []string{"timeouts", "elevated 5xx", "stale reads", "queue backlog", "memory leak", "failed deploy"}

// incidentReviews are the post-mortems of the incidents, a few working
// days after each, organised by the team's manager or a senior engineer,
// with someone from another team and now and then the vendor's support.
func (s *social) incidentReviews() {
	x := s.x
	r := x.r
	for _, inc := range s.incident {
		tm := x.teams[inc.team]
		org := tm.manager
		var seniors []int
		for _, e := range tm.engineers {
			if lv := x.members[e].Level; lv >= "L5" {
				seniors = append(seniors, e)
			}
		}
		if len(seniors) > 0 && r.Intn(2) == 0 {
			org = seniors[r.Intn(len(seniors))]
		}
		var people []*persona
		for _, k := range r.Perm(len(tm.engineers))[:min(len(tm.engineers), 2+r.Intn(3))] {
			if e := tm.engineers[k]; e != org {
				people = append(people, s.member(e))
			}
		}
		if org != tm.manager {
			people = append(people, s.member(tm.manager))
		}
		if len(x.teams) > 1 {
			other := (inc.team + 1 + r.Intn(len(x.teams)-1)) % len(x.teams)
			eng := x.teams[other].engineers
			people = append(people, s.member(eng[r.Intn(len(eng))]))
		}
		if r.Float64() < 0.3 {
			people = append(people, s.vendors[0])
		}
		se := &series{
			subject:   fmt.Sprintf("Incident review: INC-%d, %s %s", inc.number, inc.area, symptoms[inc.number%len(symptoms)]),
			organizer: s.member(org),
			invited:   s.invite(people, 0.05),
			length:    time.Hour,
		}
		se.zone = zoneOf(x.members[org].Department)
		s.withRoom(se, 0.4)
		day := multiplier.Day(inc.at).AddDate(0, 0, 2+r.Intn(4))
		for weekend(day) {
			day = day.AddDate(0, 0, 1)
		}
		if day.After(x.c.To) {
			continue
		}
		se.start = wallClock(day, 14, 0, se.zone.loc)
		if s.busy[se.organizer.email+se.start.UTC().String()] {
			se.start = se.start.Add(time.Hour)
		}
		s.add(se)
	}
}

// offsites are all-day events, one per department with teams: the whole
// department, one or two days.
func (s *social) offsites() {
	x := s.x
	var depts []string
	for _, t := range x.teams {
		if !slices.Contains(depts, t.dept) {
			depts = append(depts, t.dept)
		}
	}
	days := x.c.workdays()
	if len(days) == 0 {
		return
	}
	for _, d := range depts {
		var people []*persona
		org := -1
		for i, m := range x.members {
			if m.Department != d || m.external {
				continue
			}
			if org < 0 && m.arch == Manager {
				org = i
				continue
			}
			people = append(people, s.member(i))
		}
		if org < 0 || len(people) == 0 {
			continue
		}
		se := &series{
			subject:   d + " offsite",
			location:  "Offsite venue",
			organizer: s.member(org),
			invited:   s.invite(people, 0.05),
			allDay:    1 + x.r.Intn(2),
		}
		se.zone = zoneOf(d)
		day := days[x.r.Intn(len(days))]
		if day.Weekday() == time.Friday {
			se.allDay = 1 // not into the weekend
		}
		se.start = wallClock(day, 0, 0, se.zone.loc)
		s.add(se)
	}
}

// meetings lists every occurrence of every meeting that is not all-day,
// as an importer should read them, by start.
func (s *social) meetings() []multiplier.Meeting {
	type occurrence struct {
		se    *series
		start time.Time
	}
	var occ []occurrence
	for _, se := range s.cal {
		if se.allDay == 0 {
			for _, u := range se.starts {
				occ = append(occ, occurrence{se, u})
			}
		}
	}
	slices.SortStableFunc(occ, func(a, b occurrence) int {
		return cmp.Or(a.start.Compare(b.start), strings.Compare(a.se.organizer.email, b.se.organizer.email), strings.Compare(a.se.subject, b.se.subject))
	})
	out := make([]multiplier.Meeting, len(occ))
	for i, o := range occ {
		var attendees []string
		for _, v := range o.se.invited {
			if v.attends() {
				attendees = append(attendees, v.p.email)
			}
		}
		out[i] = multiplier.Meeting{
			UID: o.se.uid, Subject: o.se.subject, Start: o.start, End: o.start.Add(o.se.length),
			Organizer: o.se.organizer.email, Attendees: attendees,
		}
	}
	return out
}
