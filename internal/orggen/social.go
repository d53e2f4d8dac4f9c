package orggen

import (
	"math"
	"math/rand"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // the department zones on any machine

	"github.com/multiplier/multiplier"
)

// The meetings and the chat are drawn from random streams of their own, so
// that the roster and the review export of a seed stay as they were.
const (
	meetingSeed = 1000 // Config.Seed plus this seeds the meetings
	chatSeed    = 2000 // Config.Seed plus this seeds the chat
)

// persona is one person as calendars and chat name them: a roster person,
// the contractor, a partner's guest, a vendor or a former employee.
type persona struct {
	name        string // display name
	first, last string // the name's two parts; last is "" when "Last, First" would not read back
	email       string // lower-case
	member      int    // index into gen.members; -1 for people outside the organisation
	kind        string // "" (staff), "contractor", "guest", "vendor" or "ex-employee"
	zone        *deptZone
}

// social is the state of one generation of meetings and chat. It reads
// the organisation gen made and draws from its own random streams.
type social struct {
	g        *gen       // the organisation; g.r is never drawn from here
	x        *gen       // g's people with the meeting stream, for gen's helpers
	people   []*persona // by member index, then the outsiders
	guests   []*persona // a partner's engineers: in design reviews and a Slack channel
	vendors  []*persona // a cloud vendor's support: in incident reviews
	leavers  []*persona // former employees, only in chat
	incident []incident

	cal  []*series
	busy map[string]bool // organizer email and UTC start of every occurrence
}

// incident is an outage: announced in Slack, reviewed in a meeting.
type incident struct {
	number int
	team   int
	area   string
	at     time.Time // when it was declared (UTC)
}

// newSocial sets up the people of the meetings and the chat.
func newSocial(g *gen) *social {
	s := &social{
		g:    g,
		x:    &gen{c: g.c, r: rand.New(rand.NewSource(g.c.Seed + meetingSeed)), scale: g.scale, teams: g.teams, members: g.members},
		busy: map[string]bool{},
	}
	for i, m := range g.members {
		p := &persona{name: m.Name, email: m.Email, member: i, zone: zoneOf(m.Department)}
		p.first, p.last = splitName(m.Name)
		if m.external {
			p.kind = "contractor"
		}
		s.people = append(s.people, p)
	}
	nm := newNamer(s.x.r)
	for _, m := range g.members {
		nm.taken[m.Email], nm.taken[m.GitHub], nm.taken[m.SlackID] = true, true, true
	}
	outsider := func(kind, domain string, z *deptZone) *persona {
		id := nm.next()
		p := &persona{name: id.name, email: id.email, member: -1, kind: kind, zone: z}
		p.first, p.last = splitName(id.name)
		if domain != "" {
			local, _, _ := strings.Cut(id.email, "@")
			p.email = local + "@" + domain
		}
		s.people = append(s.people, p)
		return p
	}
	for range 2 {
		s.guests = append(s.guests, outsider("guest", "partner.example", zoneOf("")))
	}
	s.vendors = append(s.vendors, outsider("vendor", "cloudvendor.example", &zoneNewYork))
	for range 2 {
		s.leavers = append(s.leavers, outsider("ex-employee", "", zoneOf("")))
	}
	return s
}

// member returns the persona of member i.
func (s *social) member(i int) *persona { return s.people[i] }

// splitName splits a generated name into its given name and surname. The
// surname is "" when the name is not one of the lists' or when both parts
// have several words, as "Mei Ling Dela Cruz": "Dela Cruz, Mei Ling"
// cannot be told apart from two people written with the wrong separator.
func splitName(name string) (first, last string) {
	for _, c := range cultures {
		for _, f := range c.first {
			rest, ok := strings.CutPrefix(name, f+" ")
			if !ok || !slices.Contains(c.last, rest) {
				continue
			}
			if strings.Contains(f, " ") && strings.Contains(rest, " ") {
				return name, ""
			}
			return f, rest
		}
	}
	return name, ""
}

// lastFirst writes p's name "Last, First", or as it is when it cannot be.
func (p *persona) lastFirst() string {
	if p.last == "" {
		return p.name
	}
	return p.last + ", " + p.first
}

// deptZone is where a department meets: the time zone of its calendar and
// how its .ics export names it.
type deptZone struct {
	iana string
	// tzid is the TZID the .ics writes; "" writes times in UTC ("…Z").
	tzid string
	// vtimezone is the VTIMEZONE block that defines tzid in the file; ""
	// when the TZID is left to the reader (a plain IANA name).
	vtimezone []string
	loc       *time.Location
	rooms     []string
}

// The departments' zones: Payments exports as Outlook does (a Windows zone
// name with its VTIMEZONE), Platform as Google Calendar does (an IANA name
// with its VTIMEZONE), Discovery sits in New York with a bare IANA TZID,
// and the director's calendar is in UTC.
var (
	zoneOutlookBerlin = deptZone{
		iana: "Europe/Berlin", tzid: "W. Europe Standard Time", loc: mustLoad("Europe/Berlin"),
		vtimezone: []string{
			"BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
			"BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
			"RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
			"BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
			"RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
			"END:VTIMEZONE",
		},
		rooms: []string{"Room 2.01 Kepler", "Room 2.14 Noether", "Room 3.07 Humboldt"},
	}
	zoneGoogleBerlin = deptZone{
		iana: "Europe/Berlin", tzid: "Europe/Berlin", loc: mustLoad("Europe/Berlin"),
		vtimezone: []string{
			"BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "X-LIC-LOCATION:Europe/Berlin",
			"BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
			"DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
			"BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
			"DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
			"END:VTIMEZONE",
		},
		rooms: []string{"Berlin-4-Spree (8)", "Berlin-4-Havel (12)"},
	}
	zoneNewYork = deptZone{
		iana: "America/New_York", tzid: "America/New_York", loc: mustLoad("America/New_York"),
		rooms: []string{"NYC-12-Hudson (10)", "NYC-12-Brooklyn (6)"},
	}
	zoneUTC = deptZone{iana: "UTC", loc: time.UTC, rooms: []string{"Auditorium"}}
)

// zoneOf returns the zone of a department.
func zoneOf(dept string) *deptZone {
	switch dept {
	case "Payments":
		return &zoneOutlookBerlin
	case "Discovery":
		return &zoneNewYork
	case leadershipDept:
		return &zoneUTC
	}
	return &zoneGoogleBerlin
}

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("orggen: time zone " + name + ": " + err.Error())
	}
	return loc
}

// workdays lists the weekdays of the period as midnight UTC.
func (c Config) workdays() []time.Time {
	var out []time.Time
	for d := c.From; !d.After(c.To); d = d.AddDate(0, 0, 1) {
		if !weekend(d) {
			out = append(out, d)
		}
	}
	return out
}

// wallClock is the instant of the wall clock reading h:m on day (a date
// as midnight UTC) in loc.
func wallClock(day time.Time, h, m int, loc *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, loc)
}

// localWorkAfter is about h hours after t, moved into the working hours
// (08:00–19:00 on weekdays) of loc when it falls outside them, as most
// chat replies are: on to the next working morning.
func (g *gen) localWorkAfter(t time.Time, h float64, loc *time.Location) time.Time {
	a := t.Add(hours(h))
	l := a.In(loc)
	if !weekend(l) && l.Hour() >= 8 && l.Hour() < 19 || g.r.Float64() < 0.05 {
		return a
	}
	day := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
	if l.Hour() >= 8 {
		day = day.AddDate(0, 0, 1)
	}
	for weekend(day) {
		day = day.AddDate(0, 0, 1)
	}
	return wallClock(day, 8, 0, loc).Add(hours(0.3 + 2*g.r.Float64())).UTC()
}

// lognormal draws around median with the spread sigma.
func (g *gen) lognormal(median, sigma float64) float64 {
	return median * math.Exp(sigma*g.r.NormFloat64())
}

// Departments lists the departments of the roster, sorted. Every meeting
// belongs to its organizer's department.
func (o *Org) Departments() []string {
	var out []string
	for _, p := range o.People {
		if !slices.Contains(out, p.Department) {
			out = append(out, p.Department)
		}
	}
	slices.Sort(out)
	return out
}

// ExpectedMentions counts the identity mentions the app should see in all
// of Meetings and Chat, split into those of roster people and of everyone
// else (a partner's guests, a vendor, the contractor, former employees).
// The rules:
//
//   - a meeting occurrence names its organizer and each attendee who did
//     not decline, once each; rooms and all-day events name nobody (the
//     latter are not in Meetings);
//   - a reply in a thread names the replier and the thread's author,
//     unless they are the same person or either is a bot;
//   - a message names its author and each person it mentions (<@U…>),
//     once per person and message, unless the mentioned is the author or a
//     bot or the author is a bot;
//   - system messages (joins, leaves) name nobody.
//
// An app that matches identities as it should attributes all of roster to
// roster people and none of external.
func (o *Org) ExpectedMentions() (roster, external int) {
	count := func(email string) {
		if o.Truth[email] != "" {
			roster++
		} else {
			external++
		}
	}
	for _, m := range o.Meetings {
		count(m.Organizer)
		for _, a := range m.Attendees {
			count(a)
		}
	}
	email := map[string]string{} // Slack ID → lower-case email
	for _, u := range o.slack.users {
		email[u.ID] = multiplier.IdentityKey(u.Profile.Email)
	}
	for _, in := range o.chatInteractions() {
		count(email[in.From])
		count(email[in.To])
	}
	return roster, external
}
