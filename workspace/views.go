package workspace

import "github.com/multiplier/multiplier/graph"

// Output is a person's own output for the output-vs-leverage quadrant:
// the changes they authored that were reviewed in the period.
func Output(p graph.PersonResult) float64 { return float64(p.Metrics.ChangesAuthored) }

// HelpGiven is the help a person gives on every channel, in review
// equivalents: reviews given plus OtherHelp (chat answers, mentions,
// other kinds, weighted as in graph.Settings).
func HelpGiven(p graph.PersonResult) float64 {
	return float64(p.Metrics.ReviewsGiven) + p.Metrics.OtherHelp
}

// Leverage is the quadrant's other axis: help given, weighted by the
// cross-team share so that help to another team counts double,
// HelpGiven × (1 + CrossTeamShare).
func Leverage(p graph.PersonResult) float64 {
	return HelpGiven(p) * (1 + p.Metrics.CrossTeamShare)
}

// Quadrant names, by output (x) and leverage (y) against the medians of
// the people with any activity.
const (
	QuadrantMultipliers = "Multipliers: ship and lift others"
	QuadrantEnablers    = "Enablers: help more than they ship"
	QuadrantSolo        = "Solo contributors: ship, help little"
	QuadrantEmerging    = "Emerging: low on both, check coverage before reading anything into it"
)
