package orggen

import (
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
	}
	return c
}

// days is the number of days in the period, both ends included.
func (c Config) days() int {
	return multiplier.Period{From: c.From, To: c.To}.Days()
}

// end is the moment the export was taken: midnight after the last day.
func (c Config) end() time.Time { return c.To.AddDate(0, 0, 1) }
