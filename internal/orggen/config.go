package orggen

import (
	"fmt"
	"time"

	"github.com/multiplier/multiplier"
)

// Config says what organisation Generate makes. Zero Teams, TeamSize, From
// and To mean their defaults; the archetype counts are taken as given, so 0
// plants none of that kind.
type Config struct {
	Seed     int64
	Teams    int       // engineering teams; default 8
	TeamSize int       // engineers per team excluding the manager; default 7, each team varies by up to ±2
	From, To time.Time // first and last day of the export, UTC; default 2026-04-01 .. 2026-09-30

	// Counts of planted archetypes (DefaultConfig: 4, 2, 1, 3, 3). Team
	// bottlenecks sit in different teams; the others spread over the teams.
	Multipliers, TeamBottlenecks, SharedGatekeepers, Soloists, FastReviewers int

	// Planting says how far the planted people stand out from the ordinary
	// engineer. Strong, the zero value and the sample's, plants them as
	// the Archetype constants describe. Weak plants the same people in the
	// same teams (Org.People and Truth do not change with Planting), but
	// subtler, as a real organisation shows them: most gaps to the ordinary
	// engineer are halved (hours on a log scale); the gaps the analysis
	// finds a role by are cut less, so that each planted person still
	// meets the role's definition with the analysis' default settings.
	// Strong → Weak:
	//
	//   - Multiplier: reviews 1.55–2.3 → 1.45–1.85 times the median
	//     ordinary engineer's, 50–68% → 50–60% of them for 3–6 → 2–4
	//     other teams, so cross-team reviews 0.78–1.56 → 0.73–1.11 times
	//     the median engineer's reviews (halving that gap too would leave
	//     0.38–0.64, under the 0.75 times the organisation's median the
	//     analysis asks of a multiplier); median latency 1.5–3.5 →
	//     2.9–4.4 h; 15–35 → 26.5–36.5 pull requests; 1 → 0.5 more
	//     comments per review on average.
	//   - TeamBottleneck: required reviewer of 72–80% → 60–68% of the own
	//     team's pull requests (halving to 36–40% would leave most of them
	//     reviewing under half of the team's changes, the analysis' floor);
	//     median latency 25–60 → 15–30 h (halving, to 12–18 h, left one in
	//     24 under the twice the organisation's median the analysis asks);
	//     weight as a peer reviewer in the team 1.5 → 1.25 (ordinary about
	//     1); 10–24 → 24–31 pull requests.
	//   - SharedGatekeeper: required reviewer of 80–90% → 60–70% of the
	//     shared libraries' pull requests (halving to 40–45% would leave
	//     most of them under the 35% of a repository's reviews the
	//     analysis asks); median latency 30–70 → 13–20 h (halfway on a log
	//     scale); peer weight 0.5 → 0.75; 15–35 → 26.5–36.5 pull requests.
	//   - Both kinds of gatekeeper ask for changes in 30% → 21.5% of first
	//     reviews (ordinary 13%) and in 20% → 10% of later rounds
	//     (ordinary none), and review again after a mere comment 85% →
	//     47.5% of the time (ordinary 10%).
	//   - Soloist: pull requests 2.5–4 → 1.75–2.5 times the median
	//     engineer's 38; reviews 0–6 → 3–12; median latency 5–15 →
	//     5.2–9.1 h.
	//   - FastReviewer: median latency 0.5–2 → 1.7–3.3 h; peer weight in
	//     the team 4–6 → 2.5–3.5, in other teams 0.15 → 0.575 (ordinary
	//     about 1 in both); change requests in 10% → 11.5% of first reviews.
	//   - Chat: the planted ask 0.07 → 0.115 questions a day (ordinary
	//     0.16); their weight as answerers in the own team's help channel
	//     moves halfway toward the ordinary 1 (multipliers and fast
	//     reviewers 2.5 → 1.75, bottlenecks 1.5 → 1.25, gatekeepers 0.8 →
	//     0.9, soloists 0.1 → 0.55) and their reply times halfway on a log
	//     scale toward the ordinary 0.5–3 h (multipliers 0.08–0.4 →
	//     0.2–1.1 h, fast reviewers 0.15–0.6 → 0.27–1.3 h, bottlenecks
	//     6–24 → 1.7–8.5 h, gatekeepers 3–12 → 1.2–6 h, soloists 2–8 →
	//     1–4.9 h). Multipliers answer in the teams they help with weight
	//     3 → 1.5 and join those teams' incidents half → a quarter of the
	//     time; a bottleneck is named in 60% → 30% of the own team's
	//     questions and answers 90% → 45% of those first.
	//   - Meetings: multipliers hold 6–10 → 4–7.5 design reviews a half
	//     year (halfway toward the 2–5 of a staff engineer).
	//
	// Managers, the director and the contractor are the same under both.
	Planting Planting
}

// DefaultConfig returns the configuration of the sample data: seed 1, eight
// teams of about seven engineers, the half-year April–September 2026.
func DefaultConfig() Config {
	return Config{
		Seed:              1,
		Teams:             8,
		TeamSize:          7,
		From:              time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		To:                time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC),
		Multipliers:       4,
		TeamBottlenecks:   2,
		SharedGatekeepers: 1,
		Soloists:          3,
		FastReviewers:     3,
	}
}

// normalize fills in defaults, rounds the period to whole UTC days and
// panics on a configuration no organisation can satisfy.
func (c Config) normalize() Config {
	d := DefaultConfig()
	if c.Teams == 0 {
		c.Teams = d.Teams
	}
	if c.TeamSize == 0 {
		c.TeamSize = d.TeamSize
	}
	if c.From.IsZero() {
		c.From = d.From
	}
	if c.To.IsZero() {
		c.To = d.To
	}
	c.From, c.To = multiplier.Day(c.From), multiplier.Day(c.To)
	switch {
	case c.Teams < 1 || c.TeamSize < 1:
		panic("orggen: Teams and TeamSize must be positive")
	case c.To.Before(c.From):
		panic("orggen: To is before From")
	case c.Multipliers < 0 || c.TeamBottlenecks < 0 || c.SharedGatekeepers < 0 || c.Soloists < 0 || c.FastReviewers < 0:
		panic("orggen: negative archetype count")
	case c.TeamBottlenecks > c.Teams:
		panic("orggen: more team bottlenecks than teams")
	case c.Planting != Strong && c.Planting != Weak:
		panic(fmt.Sprintf("orggen: unknown Planting %d", int(c.Planting)))
	}
	return c
}

// days is the number of days in the period, both ends included.
func (c Config) days() int {
	return multiplier.Period{From: c.From, To: c.To}.Days()
}

// end is the moment the export was taken: midnight after the last day.
func (c Config) end() time.Time { return c.To.AddDate(0, 0, 1) }
