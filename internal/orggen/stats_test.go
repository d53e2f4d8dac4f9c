package orggen

import (
	"slices"
	"strings"

	"github.com/multiplier/multiplier"
)

// The statistics below are computed straight from Org.Reviews and
// Org.People, as a reader of the two spreadsheets would, without any
// analysis package.

// personStats is what one roster person did in the review export.
type personStats struct {
	person    multiplier.Person
	given     int       // review rows as reviewer
	known     int       // of those, on changes by roster people
	cross     int       // of those, on changes by people of another team
	received  int       // review rows on changes they wrote
	authored  int       // distinct changes they wrote
	latencies []float64 // hours from change created to review submitted
}

func (s *personStats) crossShare() float64 {
	if s.known == 0 {
		return 0
	}
	return float64(s.cross) / float64(s.known)
}

func (s *personStats) medianLatency() float64 {
	return median(slices.Clone(s.latencies))
}

// orgStats is the per-person view of an organisation's export.
type orgStats struct {
	byEmail map[string]*personStats
	byLogin map[string]*personStats
	latency []float64 // every roster reviewer's latencies
}

func measure(o *Org) *orgStats {
	st := &orgStats{byEmail: map[string]*personStats{}, byLogin: map[string]*personStats{}}
	for _, p := range o.People {
		s := &personStats{person: p}
		st.byEmail[p.Email] = s
		st.byLogin[multiplier.IdentityKey(p.GitHub)] = s
	}
	authored := map[string]bool{}
	for _, r := range o.Reviews {
		author := st.byLogin[multiplier.IdentityKey(r.Author)]
		if author != nil {
			author.received++
			if key := r.Repository + "#" + r.Change; !authored[key] {
				authored[key] = true
				author.authored++
			}
		}
		reviewer := st.byLogin[multiplier.IdentityKey(r.Reviewer)]
		if reviewer == nil {
			continue
		}
		reviewer.given++
		h := r.Submitted.Sub(r.Created).Hours()
		reviewer.latencies = append(reviewer.latencies, h)
		st.latency = append(st.latency, h)
		if author != nil {
			reviewer.known++
			if author.person.Team != reviewer.person.Team {
				reviewer.cross++
			}
		}
	}
	return st
}

func (st *orgStats) medianLatency() float64 {
	return median(slices.Clone(st.latency))
}

// repoShare is the share of repo's review rows that login gave.
func repoShare(o *Org, login string, repos ...string) float64 {
	var all, by int
	for _, r := range o.Reviews {
		if !slices.Contains(repos, r.Repository) {
			continue
		}
		all++
		if strings.EqualFold(r.Reviewer, login) {
			by++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(by) / float64(all)
}

// teamRepo is the repository of a team.
func teamRepo(team string) string { return "acme/" + strings.ToLower(team) }

// planted lists the stats of the people planted as a.
func (st *orgStats) planted(o *Org, a Archetype) []*personStats {
	var out []*personStats
	for _, p := range o.People {
		if o.Truth[p.Email] == a {
			out = append(out, st.byEmail[p.Email])
		}
	}
	return out
}

// medianAuthored is the median count of changes authored by the roster's
// engineers (managers excluded).
func (st *orgStats) medianAuthored(o *Org) float64 {
	var n []float64
	for _, p := range o.People {
		if o.Truth[p.Email] != Manager {
			n = append(n, float64(st.byEmail[p.Email].authored))
		}
	}
	return median(n)
}

// medianGiven is the median count of reviews given by people planted as a.
func (st *orgStats) medianGiven(o *Org, a Archetype) float64 {
	var n []float64
	for _, s := range st.planted(o, a) {
		n = append(n, float64(s.given))
	}
	return median(n)
}

// teamsHelped counts the other teams s gave at least min reviews to.
func (st *orgStats) teamsHelped(o *Org, s *personStats, min int) int {
	per := map[string]int{}
	for _, r := range o.Reviews {
		author := st.byLogin[multiplier.IdentityKey(r.Author)]
		if st.byLogin[multiplier.IdentityKey(r.Reviewer)] == s && author != nil && author.person.Team != s.person.Team {
			per[author.person.Team]++
		}
	}
	n := 0
	for _, c := range per {
		if c >= min {
			n++
		}
	}
	return n
}
