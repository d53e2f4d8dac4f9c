package graph

import (
	"math"

	"github.com/multiplier/multiplier/graph/brokerage"
	"slices"
	"strings"

	multiplier "github.com/multiplier/multiplier"
)

// stats is one person's Metrics plus the counts the evidence quotes.
type stats struct {
	Metrics
	crossReviews    int  // reviews given to authors of other roster teams
	teamReviews     int  // reviews given to roster authors with a team
	hasTeam         bool // the person has a roster team
	gateRepoReviews int  // reviews of GatekeeperRepo
	gateTop         bool // the person is GatekeeperRepo's top reviewer
	teamGateChanges int  // changes authored by TeamShareTeam
	active          bool // set by compare
	coverage        Coverage
}

// metrics computes every person's stats. period is the resolved period;
// ranks and between are indexed by id.
func (t *tally) metrics(s Settings, period multiplier.Period, ranks, between []float64) []stats {
	hours := float64(period.Days()) * 24
	out := make([]stats, len(t.keys))
	for id := range out {
		p := &t.people[id]
		st := &out[id]
		st.ReviewsGiven = p.given
		st.ReviewsReceived = p.received
		st.ChangesAuthored = p.authored
		st.hasTeam = t.team[id] >= 0
		st.MedianTurnaroundHours = -1
		if len(p.latencies) > 0 {
			st.MedianTurnaroundHours = median(p.latencies)
		}
		st.WaitingHours = sum(p.latencies)
		st.MaxQueue = maxQueue(p.pending)
		if hours > 0 {
			st.WaitingLoad = st.WaitingHours / hours
		}
		st.coverage = Coverage{Reviews: p.given + p.received, Chat: p.chat, Meetings: p.meetings, Other: p.other}
		st.ThreadsAnswered = p.threads
		st.Escalations = p.escalations
		st.OtherHelp = p.helpOther
		if weeks := hours / (24 * 7); weeks > 0 {
			st.MeetingHoursPerWeek = p.meetingHours / weeks
			st.OneOnOneHoursPerWeek = p.oneOnOneHours / weeks
		}
		st.Betweenness = between[id]
		st.PageRank = ranks[id]
	}
	t.reach(out, s)
	t.partners(out)
	t.teamTurnaround(out)
	t.onlyLinks(out)
	t.soleReviewers(out, s)
	t.gatekeepers(out, s)
	return out
}

// reach fills AuthorsHelped, CrossTeamShare and TeamsHelped from the
// reviewer–author pairs.
func (t *tally) reach(out []stats, s Settings) {
	perTeam := make(map[[2]int32]int) // (reviewer, author's team) → reviews
	for _, p := range t.pair {
		if p.reviews == 0 {
			continue // a tie from chat or meetings only
		}
		st := &out[p.from]
		st.AuthorsHelped++
		mine, theirs := t.team[p.from], t.team[p.to]
		if mine < 0 || theirs < 0 {
			continue
		}
		st.teamReviews += p.reviews
		if mine != theirs {
			st.crossReviews += p.reviews
			perTeam[[2]int32{p.from, theirs}] += p.reviews
		}
	}
	for k, n := range perTeam {
		if n >= s.MeaningfulReviews {
			out[k[0]].TeamsHelped++
		}
	}
	t.teamGates(out, s)
	for i := range out {
		out[i].CrossTeamReviews = out[i].crossReviews
		if out[i].teamReviews > 0 {
			out[i].CrossTeamShare = float64(out[i].crossReviews) / float64(out[i].teamReviews)
		}
	}
}

// teamTurnaround fills TurnaroundVsTeam against the median of every
// review the person's team gave.
func (t *tally) teamTurnaround(out []stats) {
	byTeam := make([][]float64, t.teams)
	for id := range t.roster {
		if tm := t.team[id]; tm >= 0 {
			byTeam[tm] = append(byTeam[tm], t.people[id].latencies...)
		}
	}
	medians := make([]float64, t.teams)
	for tm, xs := range byTeam {
		medians[tm] = median(slices.Clone(xs))
	}
	for id := range t.roster {
		tm := t.team[id]
		if tm >= 0 && out[id].MedianTurnaroundHours >= 0 && medians[tm] > 0 {
			out[id].TurnaroundVsTeam = out[id].MedianTurnaroundHours / medians[tm]
		}
	}
}

// onlyLinks finds, for every pair of teams tied on the graph, the roster
// people who carry those ties; a pair carried by one person is that
// person's OnlyLinkFor.
func (t *tally) onlyLinks(out []stats) {
	carriers := make(map[[2]int32]map[int32]bool)
	for _, p := range t.pair {
		a, b := t.team[p.from], t.team[p.to]
		if a < 0 || b < 0 || a == b {
			continue
		}
		k := [2]int32{min(a, b), max(a, b)}
		if carriers[k] == nil {
			carriers[k] = map[int32]bool{}
		}
		carriers[k][p.from] = true
		carriers[k][p.to] = true
	}
	for k, who := range carriers {
		// Split the carriers by side: a side with one carrier hangs on them.
		var side [2][]int32
		for id := range who {
			if t.team[id] == k[0] {
				side[0] = append(side[0], id)
			} else {
				side[1] = append(side[1], id)
			}
		}
		for _, ids := range side {
			if len(ids) == 1 && int(ids[0]) < t.roster {
				out[ids[0]].OnlyLinkFor = append(out[ids[0]].OnlyLinkFor, t.teamNames[k[0]]+" – "+t.teamNames[k[1]])
			}
		}
	}
	for i := range out {
		slices.Sort(out[i].OnlyLinkFor)
	}
}

// soleReviewers fills SoleReviewerOf: repositories where exactly one
// person holds at least 20% of the reviews.
func (t *tally) soleReviewers(out []stats, s Settings) {
	for name, r := range t.repos {
		if r.reviews < s.MinRepoReviews {
			continue
		}
		holder, holders := int32(-1), 0
		for id, n := range r.by {
			if 5*n >= r.reviews {
				holder, holders = id, holders+1
			}
		}
		if holders == 1 {
			out[holder].SoleReviewerOf = append(out[holder].SoleReviewerOf, name)
		}
	}
	for i := range out {
		slices.Sort(out[i].SoleReviewerOf)
	}
}

// brokerage fills the structural-hole and brokerage metrics from the
// help graph g, with roster teams as the groups.
func (t *tally) brokerage(out []stats, g *csr) {
	tg := g.tieGraph()
	constraint := brokerage.Constraint(tg)
	size := brokerage.EffectiveSize(tg)
	part := brokerage.Participation(tg, t.team)
	roles := brokerage.Brokerage(tg, t.team, 0)
	for id := range out {
		st := &out[id]
		st.Constraint, st.EffectiveSize = orMinusOne(constraint[id]), orMinusOne(size[id])
		st.Participation = part[id]
		r := roles[id]
		st.Brokerage = BrokerageRoles{r.Coordinator, r.Itinerant, r.Gatekeeper, r.Representative, r.Liaison}
	}
}

// orMinusOne maps NaN (no ties) to −1, which JSON can carry.
func orMinusOne(x float64) float64 {
	if math.IsNaN(x) {
		return -1
	}
	return x
}

// partners fills Partners and PartnerTeams from every tie on the graph.
func (t *tally) partners(out []stats) {
	seen := make(map[[2]int32]bool, len(t.pair))
	teams := make(map[[2]int32]bool)
	for _, p := range t.pair {
		a, b := min(p.from, p.to), max(p.from, p.to)
		if seen[[2]int32{a, b}] {
			continue
		}
		seen[[2]int32{a, b}] = true
		out[a].Partners++
		out[b].Partners++
		for _, e := range [][2]int32{{a, b}, {b, a}} {
			mine, theirs := t.team[e[0]], t.team[e[1]]
			if theirs >= 0 && theirs != mine && !teams[[2]int32{e[0], theirs}] {
				teams[[2]int32{e[0], theirs}] = true
				out[e[0]].PartnerTeams++
			}
		}
	}
}

// teamGates fills TeamShare and TeamShareTeam: each person's largest
// share of the changes one roster team authored that they reviewed, over
// teams that authored at least MinRepoReviews reviewed changes.
func (t *tally) teamGates(out []stats, s Settings) {
	for k, n := range t.covered {
		total := t.teamChanges[k[1]]
		if total < s.MinRepoReviews {
			continue
		}
		st := &out[k[0]]
		share := float64(n) / float64(total)
		name := t.teamNames[k[1]]
		if share > st.TeamShare || share == st.TeamShare && name < st.TeamShareTeam {
			st.TeamShare, st.TeamShareTeam, st.teamGateChanges = share, name, total
		}
	}
}

// gatekeepers fills GatekeeperShare and GatekeeperRepo from the
// repositories with at least MinRepoReviews reviews.
func (t *tally) gatekeepers(out []stats, s Settings) {
	for name, r := range t.repos {
		if r.reviews < s.MinRepoReviews {
			continue
		}
		top, _ := t.topReviewer(r)
		for id, n := range r.by {
			st := &out[id]
			share := float64(n) / float64(r.reviews)
			if !betterGate(share, r.reviews, name, st) {
				continue
			}
			st.GatekeeperShare = share
			st.GatekeeperRepo = name
			st.gateRepoReviews = r.reviews
			st.gateTop = id == top
		}
	}
}

// betterGate reports whether a share of a repository with the given
// reviews and name beats the one st holds: a larger share, then more
// reviews, then the first name.
func betterGate(share float64, reviews int, name string, st *stats) bool {
	if st.GatekeeperRepo == "" {
		return true
	}
	if share != st.GatekeeperShare {
		return share > st.GatekeeperShare
	}
	if reviews != st.gateRepoReviews {
		return reviews > st.gateRepoReviews
	}
	return strings.Compare(name, st.GatekeeperRepo) < 0
}

// org computes the organisation's reference values over roster people.
// WaitingLoadThreshold is left to compare.
func (t *tally) org() Org {
	o := Org{People: t.listed, Teams: t.teams, Reviews: t.used, MedianTurnaroundHours: -1}
	var latencies, given, authored []float64
	for id := range t.roster {
		p := &t.people[id]
		latencies = append(latencies, p.latencies...)
		if p.given > 0 {
			given = append(given, float64(p.given))
		}
		if p.authored > 0 {
			authored = append(authored, float64(p.authored))
		}
	}
	if len(latencies) > 0 {
		o.MedianTurnaroundHours = median(latencies)
	}
	o.MedianReviewsGiven = median(given)
	o.MedianChangesAuthored = median(authored)
	return o
}

// compare sets each person's TurnaroundVsOrg and whether they are an
// active reviewer (only roster people can be), then o's
// WaitingLoadThreshold over the active reviewers.
func (t *tally) compare(out []stats, o *Org, s Settings) {
	floor := max(float64(s.MinReviews), s.ActiveFactor*o.MedianReviewsGiven)
	var loads []float64
	for id := range out {
		st := &out[id]
		if st.MedianTurnaroundHours >= 0 && o.MedianTurnaroundHours > 0 {
			st.TurnaroundVsOrg = st.MedianTurnaroundHours / o.MedianTurnaroundHours
		}
		st.active = id < t.roster && float64(st.ReviewsGiven) >= floor
		if st.active {
			loads = append(loads, st.WaitingLoad)
		}
	}
	o.WaitingLoadThreshold = percentile(loads, s.WaitingPercentile)
	var between, partners []float64
	for id := range t.roster {
		if out[id].Partners > 0 {
			between = append(between, out[id].Betweenness)
			partners = append(partners, float64(out[id].Partners))
		}
	}
	o.BetweennessThreshold = percentile(between, s.ConnectorPercentile)
	o.MedianPartners = median(partners)
}

// median returns the median of xs, 0 when xs is empty. It sorts xs.
func median(xs []float64) float64 {
	return percentile(xs, 0.5)
}

// percentile returns the q-quantile (0 ≤ q ≤ 1) of xs by linear
// interpolation between order statistics (Hyndman & Fan 1996, type 7,
// as R and NumPy default to); 0 when xs is empty. It sorts xs.
func percentile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	pos := q * float64(len(xs)-1)
	lo := int(pos)
	if lo >= len(xs)-1 {
		return xs[len(xs)-1]
	}
	frac := pos - float64(lo)
	return xs[lo] + frac*(xs[lo+1]-xs[lo])
}

// sum returns the sum of xs.
func sum(xs []float64) float64 {
	var total float64
	for _, x := range xs {
		total += x
	}
	return total
}
