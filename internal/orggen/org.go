package orggen

import (
	"math/rand"
	"slices"
	"time"

	"github.com/multiplier/multiplier"
)

// Archetype is the kind of person the generator planted.
type Archetype string

// The archetypes. Everyone on the roster has one. Latencies are hours from
// pull request to review; "ordinary" is an Engineer. The numbers are those
// of Strong planting; Config.Planting says what Weak planting changes.
const (
	// Multiplier reviews 1.5–3 times as much as an ordinary engineer, about
	// half to two thirds of it for 3–6 other teams, fast (median 1.5–3.5 h),
	// and authors a moderate 15–35 pull requests.
	Multiplier Archetype = "multiplier"
	// TeamBottleneck is the required reviewer of 72–80% of the own team's
	// pull requests (and reviews some of the rest), in-team only, slow
	// (median 25–60 h), often asking for another round.
	TeamBottleneck Archetype = "team-bottleneck"
	// SharedGatekeeper is the required reviewer of 80–90% of the shared
	// libraries' pull requests from every team, slow (median 30–70 h).
	SharedGatekeeper Archetype = "shared-gatekeeper"
	// Soloist authors 2.5–4 times an ordinary engineer's pull requests and
	// gives 0–6 reviews.
	Soloist Archetype = "soloist"
	// FastReviewer reviews a lot inside the own team only, very fast
	// (median 0.5–2 h).
	FastReviewer Archetype = "fast-reviewer"
	// Manager is an engineering manager (0–3 pull requests, 0–5 reviews) or
	// the director (none of either).
	Manager Archetype = "manager"
	// Engineer is an ordinary engineer: 20–70 pull requests a half year
	// (median 38), reviews mostly in-team with about one in ten seats
	// elsewhere, median 3–10 h.
	Engineer Archetype = "engineer"
)

// Org is a generated organisation: its roster, its review export and the
// truth about who was planted as what. The Write methods write the files as
// generated, untidy cells included; changing the exported fields does not
// change what they write.
type Org struct {
	// People is the roster as an importer should read it: trimmed cells,
	// lower-case emails, Manager as the manager's email.
	People []multiplier.Person
	// Reviews are the well-formed rows of the review export, in sheet order,
	// as an importer should read them.
	Reviews []multiplier.Review
	// Malformed are the review rows an importer must skip and report. They
	// are written to the review sheet among the others and are not in
	// Reviews.
	Malformed []MalformedRow
	// Truth maps every roster email (lower-case) to the planted archetype.
	// The contractor and the bots are not on the roster and not here.
	Truth map[string]Archetype
	// Config is the configuration used, defaults filled in.
	Config Config

	// Meetings is every occurrence of every meeting in the calendars, by
	// start, as an importer should read the calendar exports: recurring
	// series expanded without their exceptions, times in UTC, the
	// organizer and the attendees who did not decline (rooms and the
	// organizer not among them) as lower-case emails, roster or not; UID
	// is the .ics UID (the Outlook CSV has none). All-day events are
	// written to the exports but are not meetings and are not here.
	Meetings []multiplier.Meeting
	// Chat is every message of the Slack export, by Channel and TS: people's
	// messages and thread replies, joins and leaves, bot messages.
	Chat []ChatMessage

	roster [][]string  // roster cells as written, stray spaces and all
	sheet  []sheetRow  // review rows as written
	cal    []*series   // calendar entries, as the calendar exports write them
	slack  slackExport // users and conversations of the Slack export
}

// MalformedRow is a review row written to the export that cannot be read as
// a review.
type MalformedRow struct {
	Row    int    // sheet row, 1-based; the header is row 1
	Reason string // "unparseable submitted time" or "empty reviewer"
	// Submitted is the "Review Submitted At" cell as written.
	Submitted string
	// Review holds the row's other cells; Submitted is zero when the cell
	// could not be read and Reviewer is empty when the cell was.
	Review multiplier.Review
}

// Generate makes the organisation c describes. The same Config gives the
// same Org, and the same file bytes from its Write methods. Generate panics
// with an "orggen:" message when c asks for the impossible: non-positive
// Teams or TeamSize after defaults, To before From, a negative count, more
// team bottlenecks than teams, or more planted people than the teams hold.
func Generate(c Config) *Org {
	c = c.normalize()
	g := &gen{
		c:     c,
		r:     rand.New(rand.NewSource(c.Seed)),
		scale: float64(c.days()) / halfYearDays,
	}
	g.makePeople()
	g.makeChanges()
	g.assignReviewers()
	g.makeRows()
	g.makeMalformed()
	o := g.org()
	s := newSocial(g)
	s.makeMeetings()
	o.cal, o.Meetings = s.cal, s.meetings()
	ch := s.makeChat()
	o.slack, o.Chat = ch.ex, ch.messages()
	o.slack.messages = slices.Clone(o.Chat)
	return o
}

// ExpectedRoles gives the roles the analysis should find for the person
// with the given email: "multiplier" for a planted multiplier, "bottleneck"
// for a team bottleneck or a shared-library gatekeeper, "solo contributor"
// for a soloist, and nil for everyone else and for unknown emails.
func (o *Org) ExpectedRoles(email string) []string {
	switch o.Truth[multiplier.IdentityKey(email)] {
	case Multiplier:
		return []string{"multiplier"}
	case TeamBottleneck, SharedGatekeeper:
		return []string{"bottleneck"}
	case Soloist:
		return []string{"solo contributor"}
	}
	return nil
}

// halfYearDays scales activity: the per-person counts are per half year.
const halfYearDays = 182.5

// gen holds the state of one generation.
type gen struct {
	c       Config
	r       *rand.Rand
	scale   float64 // period length against a half year
	teams   []team
	members []*member // roster people first, then the contractor
	changes []*change // sorted by repository and number
	rows    []*row
}

// org assembles the result.
func (g *gen) org() *Org {
	o := &Org{Truth: map[string]Archetype{}, Config: g.c}
	o.People, o.roster = g.roster()
	for _, m := range g.members {
		if !m.external {
			o.Truth[m.Email] = m.arch
		}
	}
	for i, rw := range g.rows {
		s := rw.sheetRow()
		o.sheet = append(o.sheet, s)
		rv := rw.review()
		if rw.bad == "" {
			o.Reviews = append(o.Reviews, rv)
			continue
		}
		o.Malformed = append(o.Malformed, MalformedRow{Row: i + 2, Reason: rw.bad, Submitted: s.submitted, Review: rv})
	}
	return o
}

// weekend reports whether t falls on a Saturday or Sunday.
func weekend(t time.Time) bool {
	d := t.Weekday()
	return d == time.Saturday || d == time.Sunday
}
