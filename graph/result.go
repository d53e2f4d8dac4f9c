package graph

import (
	"math"

	multiplier "github.com/multiplier/multiplier"
)

// Result is the analysis of one period.
type Result struct {
	// Period is the period analysed. When the input Period is zero, it is
	// the span of the interactions used, from the first day to the last
	// (UTC); when only one bound was given, the other comes from that
	// span. It is zero only when no bound was given and no interaction
	// was used.
	Period multiplier.Period
	// People has exactly one entry per Input.People, in input order.
	People []PersonResult
	Org    Org
	// Repos has one entry per repository (Interaction.Context) that had a
	// review in the period, most reviews first, then by name.
	Repos []Repo
	// External lists the keys that took part in a used interaction but
	// are not in the roster, most interactions first, then by key.
	External []External
	// Edges is the help graph that betweenness and PageRank run on, as
	// plain records: one per directed pair of people (roster or external)
	// with a tie of weight > 0, sorted by From, then To. It is empty, not
	// nil, when there are no ties.
	Edges []Edge
	// Settings are the settings the analysis ran with.
	Settings Settings
}

// PersonResult is one roster person's metrics, roles and evidence.
type PersonResult struct {
	Person  multiplier.Person
	Metrics Metrics
	// Roles is sorted and may be empty.
	Roles []Role
	// Evidence lists sentences for people to read: first those behind
	// each role, in the order of Roles, then general facts (Role "").
	// It is never empty.
	Evidence []Evidence
	// Coverage says which sources see the person, and how much.
	Coverage Coverage
	// Confidence is "high", "medium" or "low" by the sample-size rule of
	// confidenceOf; ConfidenceNote says why.
	Confidence     string
	ConfidenceNote string
}

// BrokerageRoles counts, for one person, the two-paths a→i→b (with no
// a→b tie) they broker, by the teams of a, i and b (Gould & Fernandez,
// "Structures of mediation", Sociological Methodology 19, 1989).
type BrokerageRoles struct {
	Coordinator    int // a, i, b in one team
	Itinerant      int // a and b in one team, i in another
	Gatekeeper     int // i and b in one team, a outside
	Representative int // a and i in one team, b outside
	Liaison        int // three different teams
}

// Coverage counts the records of each source that name a person in the
// period.
type Coverage struct {
	Reviews  int // reviews given and received
	Chat     int // thread replies and mentions, either side
	Meetings int // meetings attended, all sizes
	Other    int // interactions of other kinds
}

// Role is a conclusion about a person. Roles are signals to start a
// conversation, not ratings.
type Role string

// The roles Analyze assigns. See Settings for the thresholds.
const (
	// RoleMultiplier: an active reviewer, not a bottleneck, responsive,
	// who gives substantial help to several other teams and gives at
	// least as many reviews as they receive. Unknown turnaround (no
	// request times) is not held against anyone; a person without a
	// roster team cannot show cross-team reach and is never one.
	RoleMultiplier Role = "multiplier"
	// RoleBottleneck: an active reviewer who is slow and on whom work
	// concentrates (a large share of a repository's reviews) or waits
	// (a high waiting load). Slowness needs a known turnaround, so
	// reviews without request times never make a bottleneck.
	RoleBottleneck Role = "bottleneck"
	// RoleSolo: high own output (changes authored) and little help to
	// others (reviews given); never also a multiplier.
	RoleSolo Role = "solo contributor"
	// RoleConnector bridges teams (betweenness in the organisation's top
	// decile, ties into other teams, and their own help reaching other
	// teams) without being a multiplier or a bottleneck.
	RoleConnector Role = "connector"
	// RolePeripheral has few ties in the period.
	RolePeripheral Role = "peripheral"
)

// Evidence is one sentence behind a conclusion. Role is the role it
// supports, or "" for a general fact about the person.
type Evidence struct {
	Role Role
	Text string
}

// Metrics are one person's numbers for the period. Counts are of review
// interactions inside the period; durations are in hours.
type Metrics struct {
	// ReviewsGiven and ReviewsReceived count reviews by and of the person.
	ReviewsGiven    int
	ReviewsReceived int
	// ChangesAuthored counts the distinct changes (repository and change
	// reference) of the person that were reviewed in the period; a review
	// without a change reference counts as its own change. Changes no one
	// reviewed are not visible in review exports.
	ChangesAuthored int
	// AuthorsHelped counts the distinct authors the person reviewed.
	AuthorsHelped int
	// CrossTeamShare is the reviews given to authors of another roster
	// team divided by the reviews given to roster authors with a team;
	// 0 when the person has no team or no such reviews. Authors outside
	// the roster or without a team are left out of both counts.
	CrossTeamShare float64
	// CrossTeamReviews counts the reviews given to authors of another
	// roster team (the numerator of CrossTeamShare).
	CrossTeamReviews int
	// TeamsHelped counts the other roster teams that got at least
	// Settings.MeaningfulReviews reviews from the person.
	TeamsHelped int
	// MedianTurnaroundHours is the median, in hours, of At − Requested
	// over the reviews the person gave whose request time is known;
	// -1 when none is known.
	MedianTurnaroundHours float64
	// TurnaroundVsOrg is MedianTurnaroundHours / Org.MedianTurnaroundHours;
	// 0 when either is unknown or the organisation's is 0.
	TurnaroundVsOrg float64
	// GatekeeperShare is the largest share the person has of one
	// repository's reviews, counting only repositories with at least
	// Settings.MinRepoReviews reviews; GatekeeperRepo names it ("" and 0
	// when there is none). Ties go to the repository with more reviews,
	// then to the first name.
	GatekeeperShare float64
	GatekeeperRepo  string
	// TeamShare is the largest share of one roster team's reviewed changes
	// (their own team included) that the person reviewed, counting only
	// teams with at least Settings.MinRepoReviews reviewed changes;
	// TeamShareTeam names the team. It finds the reviewer a team must go
	// through whatever the repository layout (a monorepo, many small
	// repositories) and however many rounds a review takes.
	TeamShare     float64
	TeamShareTeam string
	// WaitingLoad is the average number of the person's reviews waiting
	// at once, by Little's law (Little 1961, L = λW): the sum of the
	// latencies in hours of the reviews they gave, divided by the period
	// length in hours (Result.Period.Days() × 24). Reviews without a
	// request time add nothing.
	WaitingLoad float64
	// Escalations counts the escalations the person was pulled into:
	// meetings whose subject speaks of an incident, outage, post-mortem,
	// severity call or war room, and chat replies and mentions, either
	// side, in channels so named.
	Escalations int
	// ThreadsAnswered counts the chat threads of others the person
	// replied in (one per reply).
	ThreadsAnswered int
	// OtherHelp is the weighted help given on channels other than review
	// (thread replies, mentions, other kinds), with Settings' channel
	// weights.
	OtherHelp float64
	// MeetingHoursPerWeek is the hours per week in meetings of two or
	// more people; OneOnOneHoursPerWeek the part of it spent in 1:1s
	// between a manager and a report, which carry no influence tie.
	MeetingHoursPerWeek  float64
	OneOnOneHoursPerWeek float64
	// WaitingHours attributes review waiting to the reviewer: the sum,
	// in hours, of request-to-review latency over the reviews they gave
	// (work that waited on them).
	WaitingHours float64
	// MaxQueue is the most of their reviews pending at once: requested
	// and not yet given, by a sweep over [Requested, At] of each review.
	MaxQueue int
	// TurnaroundVsTeam is MedianTurnaroundHours over the median of all
	// reviews given by the person's roster team; 0 when unknown.
	TurnaroundVsTeam float64
	// OnlyLinkFor lists the team pairs ("Payments – Search") for which
	// this person carries every tie on the graph: were they to leave,
	// the two teams would lose their only link.
	OnlyLinkFor []string
	// SoleReviewerOf lists the repositories (with at least
	// Settings.MinRepoReviews reviews) where this person is the only one
	// holding 20% or more of the reviews: without them no one would.
	SoleReviewerOf []string
	// Partners counts the distinct people the person has any tie with
	// on the graph (either direction, any channel); PartnerTeams the
	// distinct other roster teams among them.
	Partners     int
	PartnerTeams int
	// Constraint and EffectiveSize are Burt's (1992) measures on the help
	// graph with both directions of a tie added (see package brokerage);
	// −1 for someone without ties. Low constraint and a large effective
	// size mark a broker across structural holes.
	Constraint    float64
	EffectiveSize float64
	// Participation is the participation coefficient with roster teams as
	// the groups (Guimerà & Amaral 2005): 0 when all ties stay in one
	// team, towards 1 when they spread evenly over many.
	Participation float64
	// Brokerage counts the Gould–Fernandez (1989) brokerage roles the
	// person plays on two-step paths between others.
	Brokerage BrokerageRoles
	// Betweenness is the weighted betweenness centrality on the help
	// graph, normalised by (n−1)(n−2) for a directed graph of n people
	// (roster and external); see betweenness for the formula.
	Betweenness float64
	// PageRank is the weighted PageRank on the reliance graph (the help
	// graph reversed: author → reviewer), so rank flows to the people
	// others rely on (Page, Brin, Motwani & Winograd 1999, "The PageRank
	// citation ranking: bringing order to the web"). Ranks of all people
	// sum to 1. The iteration starts from a random vector, so values vary
	// between runs below Settings.PageRankTolerance.
	PageRank float64
}

// Scores returns m as a map with snake_case keys, for JSON:
// reviews_given, reviews_received, changes_authored, authors_helped,
// cross_team_share, cross_team_reviews, teams_helped, median_turnaround_hours,
// turnaround_vs_org, gatekeeper_share, team_share, waiting_load,
// threads_answered, other_help, meeting_hours_per_week,
// one_on_one_hours_per_week, betweenness and
// pagerank, each rounded to 6 decimals. The names GatekeeperRepo and
// TeamShareTeam are left out.
func (m Metrics) Scores() map[string]float64 {
	return map[string]float64{
		"reviews_given":             float64(m.ReviewsGiven),
		"reviews_received":          float64(m.ReviewsReceived),
		"changes_authored":          float64(m.ChangesAuthored),
		"authors_helped":            float64(m.AuthorsHelped),
		"cross_team_share":          round6(m.CrossTeamShare),
		"cross_team_reviews":        float64(m.CrossTeamReviews),
		"teams_helped":              float64(m.TeamsHelped),
		"median_turnaround_hours":   round6(m.MedianTurnaroundHours),
		"turnaround_vs_org":         round6(m.TurnaroundVsOrg),
		"gatekeeper_share":          round6(m.GatekeeperShare),
		"team_share":                round6(m.TeamShare),
		"waiting_load":              round6(m.WaitingLoad),
		"threads_answered":          float64(m.ThreadsAnswered),
		"escalations":               float64(m.Escalations),
		"other_help":                round6(m.OtherHelp),
		"meeting_hours_per_week":    round6(m.MeetingHoursPerWeek),
		"one_on_one_hours_per_week": round6(m.OneOnOneHoursPerWeek),
		"partners":                  float64(m.Partners),
		"waiting_hours":             round6(m.WaitingHours),
		"max_queue":                 float64(m.MaxQueue),
		"turnaround_vs_team":        round6(m.TurnaroundVsTeam),
		"only_link_team_pairs":      float64(len(m.OnlyLinkFor)),
		"sole_reviewer_areas":       float64(len(m.SoleReviewerOf)),
		"partner_teams":             float64(m.PartnerTeams),
		"constraint":                round6(m.Constraint),
		"effective_size":            round6(m.EffectiveSize),
		"participation":             round6(m.Participation),
		"brokerage_coordinator":     float64(m.Brokerage.Coordinator),
		"brokerage_itinerant":       float64(m.Brokerage.Itinerant),
		"brokerage_gatekeeper":      float64(m.Brokerage.Gatekeeper),
		"brokerage_representative":  float64(m.Brokerage.Representative),
		"brokerage_liaison":         float64(m.Brokerage.Liaison),
		"betweenness":               round6(m.Betweenness),
		"pagerank":                  round6(m.PageRank),
	}
}

// round6 rounds x to 6 decimals, so that scores compare equal between
// runs (PageRank varies below its tolerance) and read cleanly in JSON.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// Org holds the organisation's reference values for the period. Medians
// are over roster people only (each email once).
type Org struct {
	// People is the number of roster entries; Teams the number of
	// distinct non-empty roster teams.
	People int
	Teams  int
	// Reviews is the number of review interactions used, external people
	// included.
	Reviews int
	// MedianTurnaroundHours is the median latency in hours over all
	// reviews given by roster people with a known request time; -1 when
	// none is known.
	MedianTurnaroundHours float64
	// MedianReviewsGiven is the median of ReviewsGiven over roster people
	// who gave at least one review; 0 when none did.
	MedianReviewsGiven float64
	// MedianChangesAuthored is the median of ChangesAuthored over roster
	// people who authored at least one reviewed change; 0 when none did.
	MedianChangesAuthored float64
	// BetweennessThreshold is the ConnectorPercentile percentile of
	// Betweenness among roster people with ties; MedianPartners the
	// median of Partners among them.
	BetweennessThreshold float64
	MedianPartners       float64
	// WaitingLoadThreshold is the Settings.WaitingPercentile percentile of
	// WaitingLoad among active reviewers (linear interpolation between
	// order statistics); 0 when there are none.
	WaitingLoadThreshold float64
}

// Repo is one repository's review concentration in the period.
type Repo struct {
	// Name is the repository as Interaction.Context gave it.
	Name string
	// Reviews counts the reviews of the repository's changes.
	Reviews int
	// TopReviewer is the key (roster email or external key) of the person
	// who gave most of them; ties go to the first key in sort order.
	TopReviewer string
	// TopShare is TopReviewer's share of Reviews, in [0, 1].
	TopShare float64
	// Reviewers counts the distinct reviewers (len(Shares)).
	Reviewers int
	// Shares lists every reviewer of the repository with their reviews
	// and share of Reviews, most reviews first, then by key. Shares[0]
	// is TopReviewer.
	Shares []Share
	// BusFactor is the fewest people whose reviews and authored changes
	// together make at least half of the repository's reviews and
	// reviewed changes: 1 means one person holds the area.
	BusFactor int
}

// Share is one reviewer's part of a repository's reviews.
type Share struct {
	// Key is the reviewer: a roster email or an external key.
	Key string
	// Reviews counts the reviews Key gave of the repository's changes.
	Reviews int
	// Share is Reviews over the repository's Reviews, in (0, 1].
	Share float64
}

// Edge is one directed tie of the help graph: From helped To.
type Edge struct {
	// From and To are person keys: a roster email or an external key.
	From, To string
	// Weight is the tie's weight on the graph, every channel summed:
	// reviews (1 plus Settings.CommentWeight per comment), chat thread
	// replies and mentions, other kinds and meetings, with the weights
	// of Settings. It is > 0.
	Weight float64
	// Reviews counts the reviews From gave To; 0 when the tie comes from
	// other channels only.
	Reviews int
}

// External is a key found in the interactions used that is not a roster
// email, with the number of those interactions it took part in.
type External struct {
	Key   string
	Count int
}
