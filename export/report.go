package export

import (
	"time"
)

// The roles the charts and pages know by colour and marker. Other role
// names are shown as written, in grey.
const (
	RoleMultiplier = "multiplier"
	RoleBottleneck = "bottleneck"
	RoleConnector  = "connector"
	RoleSolo       = "solo contributor"
	RolePeripheral = "peripheral"
)

// The formats Options.Formats may list.
const (
	FormatPNG  = "png"  // charts as PNG images
	FormatSVG  = "svg"  // charts as SVG drawings
	FormatPDF  = "pdf"  // charts as PDF, one PDF per person and one combined PDF
	FormatXLSX = "xlsx" // the workbook
	FormatCSV  = "csv"  // the people table as CSV
)

// AllFormats lists every format, in the order Write produces them.
var AllFormats = []string{FormatPNG, FormatSVG, FormatPDF, FormatXLSX, FormatCSV}

// DefaultMinGroupSize is the smallest team whose aggregates the anonymised
// variant shows when Report.MinGroupSize is 0.
const DefaultMinGroupSize = 5

// Caveat is printed at the bottom of every person page and in the workbook.
const Caveat = "These numbers are signals for a conversation, not ratings."

// Report is everything one export shows: the people of one period with
// their roles, evidence and metrics, team aggregates and the help graph.
// The workspace fills it from an analysis; export reads it and never
// changes it.
type Report struct {
	// Title heads every chart and page, e.g. "Multiplier — Platform org".
	Title string
	// Period is the analysed period as people read it,
	// "2026-04-01 – 2026-09-30"; it is printed in every chart footer.
	Period string
	// Generated is stamped into document metadata (xlsx and PDF). When
	// zero, the last date (YYYY-MM-DD) in Period is used, or 2000-01-01,
	// so that repeated exports are byte-identical.
	Generated time.Time
	// People are the roster people of the period. Edges and
	// Options.People index into it.
	People []Person
	// Teams holds one aggregate per team. When nil, export derives it
	// from People (head count, role counts) and Flows (help inside the
	// team, given to and received from other teams).
	Teams []Team
	// Flows is the team × team help matrix for the heatmap.
	Flows Flows
	// Edges is the help graph between roster people (externals left
	// out), for the network map and the ego network of each person page.
	Edges []Edge
	// MinGroupSize: team aggregates of teams with fewer people are
	// hidden in the anonymised variant, and marked so. 0 means
	// DefaultMinGroupSize; 1 hides nothing.
	MinGroupSize int
	// OutputLabel and LeverageLabel are the axis titles of the quadrant,
	// with units; empty means "Own output (changes authored)" and
	// "Leverage (help given, weighted by cross-team share)".
	OutputLabel, LeverageLabel string
	// TrendKeys are the Metric.Keys the trend charts draw, at most 4.
	// Empty means: the first metrics (in display order) with trend values
	// that share the unit of the first one.
	TrendKeys []string
}

// Person is one roster person's analysis as the exports show it.
type Person struct {
	Email      string // roster key; never shown in the anonymised variant
	Name       string
	Team       string
	Department string
	Level      string
	Title      string // job title
	// Aliases are other identities of the person that free text may
	// name — logins, chat handles. The anonymised variant scrubs them
	// from free text as it does names and emails.
	Aliases []string
	// Roles are role names, RoleMultiplier etc., most important first.
	Roles []string
	// Confidence is "high", "medium" or "low"; ConfidenceNote says why.
	Confidence     string
	ConfidenceNote string
	// Coverage says which data sources see the person and how much,
	// e.g. "reviews 212 · chat 40 · meetings 31".
	Coverage string
	// Evidence lists the sentences behind the roles, in display order.
	Evidence []Evidence
	// Metrics are the person's numbers in display order. Every person
	// should list the same keys in the same order; the workbook's columns
	// are the union in order of first appearance.
	Metrics []Metric
	// Output is the quadrant's x: own output (changes authored).
	Output float64
	// Leverage is the quadrant's y: help given to others, weighted by
	// its cross-team share.
	Leverage float64
	// X and Y place the person on the network map, both in [0, 1]: the
	// layout the desktop app shows.
	X, Y float64
	// Trend lists earlier periods and this one, oldest first.
	Trend []TrendPoint
}

// Evidence is one sentence behind a role; Role is "" for a general fact.
type Evidence struct {
	Role string
	Text string
}

// Metric is one number of a person, with the medians to read it against.
// A value that is not known (a turnaround without request times, a
// median hidden by the caller) is NaN; it is shown as a dash and left
// blank in the workbook.
type Metric struct {
	Key   string // stable identifier, e.g. "reviews_given"
	Label string // e.g. "Reviews given"
	// Unit is shown beside the label, e.g. "reviews" or "hours". The
	// unit "%" means the values are fractions (0.42) shown as
	// percentages (42%).
	Unit       string
	Value      float64
	TeamMedian float64 // median over the person's team
	OrgMedian  float64 // median over the organisation
}

// TrendPoint is one period of a person's trend: Label names the period
// ("2026Q2"); Values holds metric values by Metric.Key. Values may be
// negative (a change against the period before).
type TrendPoint struct {
	Label  string
	Values map[string]float64
}

// Team is one team's aggregate for the Teams sheet and the team chart.
// Help is in the unit of Flows.Unit.
type Team struct {
	Name        string
	People      int
	Multipliers int
	Bottlenecks int
	Connectors  int
	Solo        int // solo contributors
	// HelpInside is help given by the team's people to their own team;
	// HelpOut to other teams; HelpIn received from other teams.
	HelpInside, HelpOut, HelpIn float64
}

// Flows is the team × team help matrix: Weight[i][j] is the help people
// of Teams[i] gave to people of Teams[j], in Unit (e.g. "reviews",
// "weighted interactions"). Weight is len(Teams) × len(Teams).
type Flows struct {
	Teams  []string
	Weight [][]float64
	Unit   string
}

// Edge is one directed tie of the help graph: People[From] helped
// People[To] with the given Weight (> 0).
type Edge struct {
	From, To int
	Weight   float64
}

// Options choose what Write produces.
type Options struct {
	// Formats lists the formats to write (FormatPNG…); nil means all.
	Formats []string
	// Anonymize writes the anonymised variant: pseudonyms instead of
	// names, no emails, names scrubbed from free text, small-team
	// aggregates hidden.
	Anonymize bool
	// PseudonymTeams, with Anonymize, also replaces team names with
	// "Team A", "Team B"….
	PseudonymTeams bool
	// People selects the people (indices into Report.People) that get a
	// person PDF and a trend chart; nil means all, an empty non-nil slice
	// none.
	People []int
	// Pseudonyms gives the pseudonym for an email, so numbers stay
	// stable across exports; every person must get a distinct, non-empty
	// one. When nil, people are numbered "Engineer 001"… in the order of
	// the SHA-256 of their lower-case email.
	Pseudonyms func(email string) string
}
