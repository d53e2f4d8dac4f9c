package altgen

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	multiplier "github.com/multiplier/multiplier"
)

// personStats is what an outside reader could compute about one roster
// person from the two workbooks.
type personStats struct {
	Email    string
	Truth    string
	Team     string
	Given    int     // distinct PRs of other people reviewed
	Received int     // distinct (PR, reviewer) pairs on PRs they authored
	Cross    float64 // share of Given whose author is in another team
	Reach    int     // other teams with at least 5 of their PRs reviewed
	MedianH  float64 // median hours from PR opened to their first review on it
	Authored int
	// Share is the largest share of an area's human PRs they reviewed: their
	// team's PRs by others, or a repository's PRs (repositories with 20+).
	Share float64
}

type kindStats struct {
	Kind                       string
	N                          int
	Given, Cross, MedianH, Aut float64 // medians over the people of the kind
	Reach, Share               float64
}

type summary struct {
	Teams    int
	Period   string
	PRs      int
	Rows     int
	People   []personStats
	Kinds    []kindStats
	Monorepo bool
}

func (o *Org) summarize() summary {
	byLogin := map[string]*multiplier.Person{}
	for i := range o.People {
		byLogin[multiplier.IdentityKey(o.People[i].GitHub)] = &o.People[i]
	}
	teams := map[string]bool{}
	for _, p := range o.People {
		if p.Team != "Engineering Leadership" {
			teams[p.Team] = true
		}
	}
	type pairKey struct{ pr, who string }
	first := map[pairKey]time.Time{}
	prAuthor := map[string]string{}
	prCreated := map[string]time.Time{}
	for _, r := range o.Reviews {
		k := prKey(r.Repository, r.Change)
		prAuthor[k] = r.Author
		prCreated[k] = r.Created
		if multiplier.IdentityKey(r.Reviewer) == multiplier.IdentityKey(r.Author) {
			continue
		}
		pk := pairKey{k, multiplier.IdentityKey(r.Reviewer)}
		if t, ok := first[pk]; !ok || r.Submitted.Before(t) {
			first[pk] = r.Submitted
		}
	}
	st := map[string]*personStats{}
	lat := map[string][]float64{}
	reach := map[string]map[string]int{}
	cross := map[string]int{}
	for _, p := range o.People {
		st[p.Email] = &personStats{Email: p.Email, Truth: o.Truth[p.Email], Team: p.Team}
	}
	for _, a := range prAuthor {
		if p := byLogin[multiplier.IdentityKey(a)]; p != nil {
			st[p.Email].Authored++
		}
	}
	keys := make([]pairKey, 0, len(first))
	for k := range first {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b pairKey) int {
		if c := strings.Compare(a.pr, b.pr); c != 0 {
			return c
		}
		return strings.Compare(a.who, b.who)
	})
	for _, pk := range keys {
		rev := byLogin[pk.who]
		authorLogin := prAuthor[pk.pr]
		if rev == nil || multiplier.IsBot(authorLogin) {
			continue
		}
		s := st[rev.Email]
		s.Given++
		lat[rev.Email] = append(lat[rev.Email], first[pk].Sub(prCreated[pk.pr]).Hours())
		if au := byLogin[multiplier.IdentityKey(authorLogin)]; au != nil {
			st[au.Email].Received++
			if au.Team != rev.Team {
				cross[rev.Email]++
				if reach[rev.Email] == nil {
					reach[rev.Email] = map[string]int{}
				}
				reach[rev.Email][au.Team]++
			}
		}
	}
	// Area shares.
	teamPRs := map[string]int{}       // team → human PRs
	repoPRs := map[string]int{}       // repo → human PRs
	revTeam := map[string]int{}       // email → PRs of own team by others reviewed
	revRepo := map[[2]string]int{}    // email, repo → PRs reviewed
	authorTeam := map[string]string{} // pr → author's team
	for k, a := range prAuthor {
		if multiplier.IsBot(a) {
			continue
		}
		repo := k[:strings.LastIndex(k, "#")]
		repoPRs[repo]++
		if au := byLogin[multiplier.IdentityKey(a)]; au != nil {
			teamPRs[au.Team]++
			authorTeam[k] = au.Team
		}
	}
	for _, pk := range keys {
		rev := byLogin[pk.who]
		if rev == nil || multiplier.IsBot(prAuthor[pk.pr]) {
			continue
		}
		revRepo[[2]string{rev.Email, pk.pr[:strings.LastIndex(pk.pr, "#")]}]++
		if authorTeam[pk.pr] == rev.Team {
			revTeam[rev.Email]++
		}
	}
	sum := summary{Teams: len(teams), Period: o.period.String(), PRs: len(prAuthor), Rows: len(o.Reviews)}
	for _, p := range o.People {
		s := st[p.Email]
		if s.Given > 0 {
			s.Cross = float64(cross[p.Email]) / float64(s.Given)
		}
		s.MedianH = median(lat[p.Email])
		if n := teamPRs[p.Team] - s.Authored; n > 0 {
			s.Share = float64(revTeam[p.Email]) / float64(n)
		}
		for repo, n := range repoPRs {
			if n >= 20 {
				s.Share = math.Max(s.Share, float64(revRepo[[2]string{p.Email, repo}])/float64(n))
			}
		}
		for _, n := range reach[p.Email] {
			if n >= 5 {
				s.Reach++
			}
		}
		sum.People = append(sum.People, *s)
	}
	for _, kind := range []string{TruthMultiplier, TruthBottleneck, TruthSoloist, TruthFastReviewer, TruthManager, TruthEngineer} {
		var g, c, m, a, rc, sh []float64
		for _, s := range sum.People {
			if s.Truth != kind || (kind == TruthManager && s.Team == "Engineering Leadership") {
				continue
			}
			g = append(g, float64(s.Given))
			c = append(c, s.Cross)
			if !math.IsNaN(s.MedianH) {
				m = append(m, s.MedianH)
			}
			a = append(a, float64(s.Authored))
			rc = append(rc, float64(s.Reach))
			sh = append(sh, s.Share)
		}
		sum.Kinds = append(sum.Kinds, kindStats{Kind: kind, N: len(g), Given: median(g), Cross: median(c),
			MedianH: median(m), Aut: median(a), Reach: median(rc), Share: median(sh)})
	}
	return sum
}

func (s summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "teams %d, period %s, %d PRs, %d review rows\n", s.Teams, s.Period, s.PRs, s.Rows)
	fmt.Fprintf(&b, "%-14s %3s %7s %6s %8s %8s %6s %6s\n", "kind", "n", "given", "cross", "medianH", "authored", "reach", "share")
	for _, k := range s.Kinds {
		fmt.Fprintf(&b, "%-14s %3d %7.0f %6.2f %8.1f %8.0f %6.0f %6.2f\n", k.Kind, k.N, k.Given, k.Cross, k.MedianH, k.Aut, k.Reach, k.Share)
	}
	for _, p := range s.People {
		switch p.Truth {
		case TruthMultiplier, TruthBottleneck, TruthSoloist, TruthFastReviewer:
			fmt.Fprintf(&b, "  %-13s %-34s %-20s given %4d recv %4d cross %.2f reach %d med %6.1fh authored %3d share %.2f\n",
				p.Truth, p.Email, p.Team, p.Given, p.Received, p.Cross, p.Reach, p.MedianH, p.Authored, p.Share)
		}
	}
	return b.String()
}
