package graph

import (
	"fmt"
	"math"
	"strings"

	multiplier "github.com/multiplier/multiplier"
)

// verdict is what the thresholds say about one person.
type verdict struct {
	slow, responsive     bool
	slowish              bool
	gatekeeper, queueing bool
	repoGate, teamGate   bool
	bottleneck           bool
	multiplier, solo     bool
	connector            bool
	peripheral           bool
}

// decide applies the role thresholds to st (see Settings and the Role
// constants).
func decide(st stats, o Org, s Settings) verdict {
	var v verdict
	known := st.MedianTurnaroundHours >= 0 && o.MedianTurnaroundHours > 0
	v.slow = known && st.MedianTurnaroundHours >= s.SlowFactor*o.MedianTurnaroundHours &&
		st.MedianTurnaroundHours >= s.MinSlowHours
	// Unknown turnaround cannot be judged, so it does not disqualify.
	v.responsive = !known || st.TurnaroundVsOrg <= s.ResponsiveFactor
	v.repoGate = st.GatekeeperRepo != "" && st.GatekeeperShare >= s.GatekeeperShare
	v.teamGate = st.TeamShareTeam != "" && st.TeamShare >= s.TeamCoverage
	v.gatekeeper = v.repoGate || v.teamGate
	// A queue is evidence, not a cause: a slow reviewer whom authors can
	// route around is slow, not a bottleneck. Work must concentrate.
	v.queueing = st.WaitingLoad > 0 && st.WaitingLoad >= s.MinWaitingLoad &&
		st.WaitingLoad >= o.WaitingLoadThreshold
	// Someone the work must go through who is somewhat slow and has the
	// longest queues is a bottleneck too: the queue shows the wait.
	v.slowish = known && st.TurnaroundVsOrg >= s.QueueSlowFactor && st.MedianTurnaroundHours >= s.MinSlowHours
	v.bottleneck = st.active && v.gatekeeper && (v.slow || v.slowish && v.queueing)
	v.multiplier = st.active && !v.bottleneck && v.responsive && wideReach(st, o, s) &&
		float64(st.ReviewsGiven) >= s.MultiplierVolume*o.MedianReviewsGiven &&
		st.ReviewsGiven >= st.ReviewsReceived
	// A connector's own help crosses teams: being reviewed by other teams
	// alone does not make a bridge.
	v.connector = !v.multiplier && !v.bottleneck && st.Partners > 0 &&
		st.Betweenness > 0 && st.Betweenness >= o.BetweennessThreshold &&
		st.PartnerTeams >= s.MinTeamsHelped &&
		(st.TeamsHelped >= s.MinTeamsHelped || st.CrossTeamShare >= s.MinCrossTeamShare)
	// Someone no source sees is not peripheral: there is no data on them.
	c := st.coverage
	v.peripheral = st.Partners <= s.PeripheralPartners && c.Reviews+c.Chat+c.Meetings+c.Other > 0
	v.solo = !v.multiplier &&
		float64(st.ChangesAuthored) >= s.SoloOutputFactor*o.MedianChangesAuthored &&
		st.ChangesAuthored >= s.MinSoloChanges &&
		float64(st.ReviewsGiven) <= s.SoloHelpFactor*o.MedianReviewsGiven
	return v
}

// Sample sizes behind the confidence levels: a call resting on at least
// confidentRecords records is "high", on at least fairRecords "medium",
// else "low".
const (
	confidentRecords = 40
	fairRecords      = 15
)

// confidenceOf grades how much data stands behind a person's result by
// an explicit sample-size rule: each role rests on its own records
// (multiplier and bottleneck: reviews given; solo contributor: changes
// authored; connector and peripheral: people tied to), a person without
// a role on all the records that name them; the least-supported role
// sets the level.
func confidenceOf(roles []Role, st stats) (level, note string) {
	c := st.coverage
	n, basis := c.Reviews+c.Chat+c.Meetings+c.Other, "records naming them"
	for _, r := range roles {
		m, b := st.ReviewsGiven, "reviews given"
		switch r {
		case RoleSolo:
			m, b = st.ChangesAuthored, "changes authored"
		case RoleConnector, RolePeripheral:
			m, b = st.Partners*5, "ties (×5)"
		}
		if len(roles) > 0 && (basis == "records naming them" || m < n) {
			n, basis = m, b
		}
	}
	switch {
	case n >= confidentRecords:
		level = "high"
	case n >= fairRecords:
		level = "medium"
	default:
		level = "low"
	}
	return level, fmt.Sprintf("%s: rests on %d %s (high from %d, medium from %d)", level, n, basis, confidentRecords, fairRecords)
}

// wideReach reports whether st helps enough other teams, with enough of
// its help, and enough of it going outside the own team, for a multiplier.
func wideReach(st stats, o Org, s Settings) bool {
	return st.TeamsHelped >= s.MinTeamsHelped && st.CrossTeamShare >= s.MinCrossTeamShare &&
		float64(st.crossReviews) >= s.CrossTeamVolume*o.MedianReviewsGiven
}

// judge returns p's result: roles in sorted order, the evidence for each,
// then general facts.
func judge(p multiplier.Person, st stats, o Org, s Settings) PersonResult {
	v := decide(st, o, s)
	r := PersonResult{Person: p, Metrics: st.Metrics, Roles: []Role{}}
	w := writer{p: p, st: st, o: o, s: s}
	if v.bottleneck {
		r.Roles = append(r.Roles, RoleBottleneck)
		w.bottleneck(v)
	}
	if v.multiplier {
		r.Roles = append(r.Roles, RoleMultiplier)
		w.multiplier()
	}
	if v.solo {
		r.Roles = append(r.Roles, RoleSolo)
		w.solo()
	}
	if v.connector {
		r.Roles = append(r.Roles, RoleConnector)
		w.say(RoleConnector, "Betweenness %.4f, at or above the organisation's %s percentile (%.4f); ties with people in %s.",
			st.Betweenness, ordinal(s.ConnectorPercentile), o.BetweennessThreshold, plural(st.PartnerTeams, "other team", "other teams"))
	}
	if v.peripheral {
		r.Roles = append(r.Roles, RolePeripheral)
		w.say(RolePeripheral, "Ties with %s in the period (organisation median %s; threshold %d).",
			plural(st.Partners, "person", "people"), count(o.MedianPartners), s.PeripheralPartners)
	}
	w.general()
	r.Evidence = w.out
	r.Coverage = st.coverage
	r.Confidence, r.ConfidenceNote = confidenceOf(r.Roles, st)
	return r
}

// writer writes one person's evidence, remembering which facts a role
// sentence already quoted so the general facts do not repeat them.
type writer struct {
	p  multiplier.Person
	st stats
	o  Org
	s  Settings

	out                       []Evidence
	saidTurnaround, saidReach bool
	saidGatekeeper            bool
}

func (w *writer) say(role Role, format string, args ...any) {
	w.out = append(w.out, Evidence{Role: role, Text: fmt.Sprintf(format, args...)})
}

// bottleneck explains a bottleneck: slow, and concentrated or queueing.
func (w *writer) bottleneck(v verdict) {
	st, o := w.st, w.o
	w.say(RoleBottleneck, "Median review turnaround %s, %s× the organisation's %s.",
		hours(st.MedianTurnaroundHours), oneDecimal(st.TurnaroundVsOrg), hours(o.MedianTurnaroundHours))
	w.saidTurnaround = true
	if v.repoGate {
		w.gatekeeperSentence(RoleBottleneck)
	}
	if v.teamGate {
		w.say(RoleBottleneck, "Reviewed %s of the %d changes that %s authored.",
			percent(st.TeamShare), st.teamGateChanges, st.TeamShareTeam)
	}
	if v.queueing {
		w.say(RoleBottleneck, "On average %s %s on them at once (org %s percentile %s).",
			load(st.WaitingLoad), waitVerb(st.WaitingLoad), ordinal(w.s.WaitingPercentile), load(o.WaitingLoadThreshold))
	}
	if wideReach(st, o, w.s) {
		w.say(RoleBottleneck, "Reviews for %s, but at this turnaround that reach is a queue, not leverage.",
			plural(st.TeamsHelped, "other team", "other teams"))
		w.saidReach = true
	}
}

// gatekeeperSentence quotes the person's share of their top repository.
func (w *writer) gatekeeperSentence(role Role) {
	st := w.st
	top := ""
	if st.gateTop {
		top = " (top reviewer)"
	}
	w.say(role, "Did %s of the %d reviews in %s%s.", percent(st.GatekeeperShare), st.gateRepoReviews, st.GatekeeperRepo, top)
	w.saidGatekeeper = true
}

// multiplier explains a multiplier: reach, responsiveness, give and take.
func (w *writer) multiplier() {
	st, o := w.st, w.o
	w.say(RoleMultiplier, "Gave %s outside %s, %d or more to each of %s (%s of their reviews%s).",
		plural(st.crossReviews, "review", "reviews"), w.p.Team, w.s.MeaningfulReviews,
		plural(st.TeamsHelped, "other team", "other teams"), percent(st.CrossTeamShare), w.ofTeamed())
	w.saidReach = true
	if st.MedianTurnaroundHours >= 0 && o.MedianTurnaroundHours > 0 {
		w.say(RoleMultiplier, "Median review turnaround %s against the organisation's %s.",
			hours(st.MedianTurnaroundHours), hours(o.MedianTurnaroundHours))
	} else {
		w.say(RoleMultiplier, "Turnaround not checked: the reviews have no request times.")
	}
	w.saidTurnaround = true
	w.say(RoleMultiplier, "Gave %s, received %d.", plural(st.ReviewsGiven, "review", "reviews"), st.ReviewsReceived)
}

// solo explains a solo contributor: high output, little help.
func (w *writer) solo() {
	st, o := w.st, w.o
	w.say(RoleSolo, "Authored %s (org median %s) but gave %s (org median %s).",
		plural(st.ChangesAuthored, "change", "changes"), count(o.MedianChangesAuthored),
		plural(st.ReviewsGiven, "review", "reviews"), count(o.MedianReviewsGiven))
}

// general adds the facts not yet quoted.
func (w *writer) general() {
	st := w.st
	if st.ReviewsGiven == 0 && st.ReviewsReceived == 0 {
		w.say("", "No review activity in the period.")
		return
	}
	w.activity()
	if st.ReviewsGiven == 0 {
		return
	}
	if !w.saidReach {
		w.reach()
	}
	if !w.saidTurnaround {
		w.turnaround()
	}
	if !w.saidGatekeeper && st.GatekeeperRepo != "" {
		w.gatekeeperSentence("")
	}
	w.whatIf()
}

// whatIf says what the organisation would lose without the person.
func (w *writer) whatIf() {
	st := w.st
	if len(st.OnlyLinkFor) > 0 {
		w.say("", "If they left, %s would lose their only link: %s.",
			plural(len(st.OnlyLinkFor), "team pair", "team pairs"), strings.Join(st.OnlyLinkFor, "; "))
	}
	if len(st.SoleReviewerOf) > 0 {
		w.say("", "The only reviewer holding 20%% or more of %s: without them no one would.",
			strings.Join(st.SoleReviewerOf, ", "))
	}
}

// activity states reviews given and received.
func (w *writer) activity() {
	st := w.st
	switch {
	case st.ReviewsReceived == 0:
		w.say("", "Gave %s to %s; received none.",
			plural(st.ReviewsGiven, "review", "reviews"), plural(st.AuthorsHelped, "author", "authors"))
	case st.ReviewsGiven == 0:
		w.say("", "Gave no reviews; received %d on %s of their own.",
			st.ReviewsReceived, plural(st.ChangesAuthored, "change", "changes"))
	default:
		w.say("", "Gave %s to %s; received %d on %s of their own.",
			plural(st.ReviewsGiven, "review", "reviews"), plural(st.AuthorsHelped, "author", "authors"),
			st.ReviewsReceived, plural(st.ChangesAuthored, "change", "changes"))
	}
}

// reach states how much help went outside the own team.
func (w *writer) reach() {
	st := w.st
	switch {
	case !st.hasTeam:
		w.say("", "Has no team in the roster, so cross-team reach is not measured.")
	case st.teamReviews == 0:
		w.say("", "None of the authors they reviewed has a team in the roster, so cross-team reach is not measured.")
	case st.TeamsHelped == 0:
		w.say("", "%s of their reviews%s went outside %s; no other team got %d or more.",
			percent(st.CrossTeamShare), w.ofTeamed(), w.p.Team, w.s.MeaningfulReviews)
	default:
		w.say("", "%s of their reviews%s went outside %s; %s got %d or more.",
			percent(st.CrossTeamShare), w.ofTeamed(), w.p.Team,
			plural(st.TeamsHelped, "other team", "other teams"), w.s.MeaningfulReviews)
	}
}

// ofTeamed qualifies "their reviews" when CrossTeamShare's denominator
// left some out (authors outside the roster or without a team).
func (w *writer) ofTeamed() string {
	if w.st.teamReviews == w.st.ReviewsGiven {
		return ""
	}
	return " of people with a team"
}

// turnaround states the median turnaround against the organisation's.
func (w *writer) turnaround() {
	st, o := w.st, w.o
	switch {
	case st.MedianTurnaroundHours < 0:
		w.say("", "Review turnaround unknown: their reviews have no request times.")
	case o.MedianTurnaroundHours > 0:
		w.say("", "Median review turnaround %s (organisation %s).",
			hours(st.MedianTurnaroundHours), hours(o.MedianTurnaroundHours))
	default:
		w.say("", "Median review turnaround %s.", hours(st.MedianTurnaroundHours))
	}
}

// hours formats a duration in hours with one decimal: "38.5 h".
func hours(h float64) string { return oneDecimal(h) + " h" }

// oneDecimal formats x with one decimal.
func oneDecimal(x float64) string { return fmt.Sprintf("%.1f", x) }

// percent formats a share in [0, 1] as a whole percentage: "61%".
func percent(share float64) string { return fmt.Sprintf("%.0f%%", math.Round(share*100)) }

// count formats a median of counts: whole when it is, else one decimal.
func count(x float64) string {
	if x == math.Trunc(x) {
		return fmt.Sprintf("%.0f", x)
	}
	return oneDecimal(x)
}

// load formats a waiting load: two decimals below 1, one below 10.
func load(x float64) string {
	switch {
	case x < 1:
		return fmt.Sprintf("%.2f", x)
	case x < 10:
		return oneDecimal(x)
	}
	return fmt.Sprintf("%.0f", x)
}

// waitVerb agrees "review(s) wait(s)" with a waiting load.
func waitVerb(x float64) string {
	if load(x) == "1.0" {
		return "review waits"
	}
	return "reviews wait"
}

// plural formats n with the singular or plural noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ordinal formats a fraction in [0, 1] as an ordinal percentile: 0.9 → "90th".
func ordinal(q float64) string {
	n := int(math.Round(q * 100))
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}
