package graph

import (
	"cmp"
	"slices"
	"strings"
	"time"

	multiplier "github.com/multiplier/multiplier"
)

// tally holds the counts of one pass over the interactions. People are
// dense ids: roster keys first in roster order, then external keys in
// order of first appearance.
type tally struct {
	keys   []string
	index  map[string]int32
	roster int // ids below roster are roster people
	listed int // roster entries, duplicates included

	team      []int32  // per id: index of the roster team, or -1
	teams     int      // distinct roster teams
	teamNames []string // per team index: the name as the roster first wrote it

	people  []personTally
	pairs   map[[2]int32]int32 // (reviewer, author) → index in pair
	pair    []pairTally
	repos   map[string]*repoTally
	changes map[changeKey]struct{}

	// Coverage: which changes each reviewer reviewed, per author's team.
	reviewed    map[reviewedKey]struct{}
	teamChanges []int            // per team: distinct changes its members authored
	covered     map[[2]int32]int // (reviewer, author's team) → distinct changes reviewed

	used        int
	first, last time.Time
}

// personTally is what the pass counts for one person.
type personTally struct {
	given, received, authored int
	latencies                 []float64 // hours, of reviews given
	seen                      int       // interactions taken part in
}

// pairTally is the help one reviewer gave one author.
type pairTally struct {
	from, to int32
	reviews  int
	weight   float64
}

// repoTally counts one repository's reviews by reviewer.
type repoTally struct {
	reviews int
	by      map[int32]int
}

// reviewedKey names one reviewer's review of one change.
type reviewedKey struct {
	reviewer int32
	change   changeKey
}

// changeKey names one change of one author.
type changeKey struct {
	author    int32
	repo, ref string
}

// newTally indexes the roster.
func newTally(people []multiplier.Person) *tally {
	t := &tally{
		index:    make(map[string]int32, len(people)),
		pairs:    make(map[[2]int32]int32),
		repos:    make(map[string]*repoTally),
		changes:  make(map[changeKey]struct{}),
		reviewed: make(map[reviewedKey]struct{}),
		covered:  make(map[[2]int32]int),
	}
	teams := make(map[string]int32)
	for _, p := range people {
		if _, ok := t.index[p.Email]; ok {
			continue
		}
		team := int32(-1)
		if k := teamKey(p.Team); k != "" {
			i, ok := teams[k]
			if !ok {
				i = int32(len(teams))
				teams[k] = i
				t.teamNames = append(t.teamNames, strings.Join(strings.Fields(p.Team), " "))
			}
			team = i
		}
		t.addKey(p.Email, team)
	}
	t.roster = len(t.keys)
	t.listed = len(people)
	t.teams = len(teams)
	t.teamChanges = make([]int, t.teams)
	return t
}

// teamKey is the form teams are compared in: lower case, inner white
// space collapsed, so "Payments Core" and "payments  core" are one team.
func teamKey(team string) string {
	return strings.ToLower(strings.Join(strings.Fields(team), " "))
}

// addKey gives key the next id.
func (t *tally) addKey(key string, team int32) int32 {
	id := int32(len(t.keys))
	t.keys = append(t.keys, key)
	t.index[key] = id
	t.team = append(t.team, team)
	t.people = append(t.people, personTally{})
	return id
}

// id returns key's id, adding key as an external person when it is new.
func (t *tally) id(key string) int32 {
	if id, ok := t.index[key]; ok {
		return id
	}
	return t.addKey(key, -1)
}

// addAll counts the reviews in ins that fall inside p.
func (t *tally) addAll(ins []multiplier.Interaction, p multiplier.Period, s Settings) {
	for _, in := range ins {
		if in.Kind != multiplier.KindReview || in.From == "" || in.To == "" || in.From == in.To {
			continue
		}
		if !p.Contains(in.At) {
			continue
		}
		t.add(in, s)
	}
}

// add counts one review.
func (t *tally) add(in multiplier.Interaction, s Settings) {
	from, to := t.id(in.From), t.id(in.To)
	t.used++
	if t.used == 1 || in.At.Before(t.first) {
		t.first = in.At
	}
	if t.used == 1 || in.At.After(t.last) {
		t.last = in.At
	}

	r, a := &t.people[from], &t.people[to]
	r.given++
	r.seen++
	a.received++
	a.seen++
	if h, ok := in.LatencyHours(); ok {
		r.latencies = append(r.latencies, h)
	}
	t.addChange(to, in.Context, in.Ref)
	t.addCoverage(from, to, in.Context, in.Ref)
	t.addPair(from, to, reviewWeight(in.Comments, s))
	t.addRepo(in.Context, from)
}

// reviewWeight is one review's edge weight: 1 plus CommentWeight per
// comment, counting at most MaxComments comments.
func reviewWeight(comments int, s Settings) float64 {
	c := min(max(comments, 0), s.MaxComments)
	return 1 + s.CommentWeight*float64(c)
}

// addChange counts author's change once; a change without a reference
// counts every time, as there is no telling two apart.
func (t *tally) addChange(author int32, repo, ref string) {
	if ref != "" {
		k := changeKey{author, repo, ref}
		if _, ok := t.changes[k]; ok {
			return
		}
		t.changes[k] = struct{}{}
	}
	t.people[author].authored++
	if team := t.team[author]; team >= 0 {
		t.teamChanges[team]++
	}
}

// addCoverage notes that reviewer reviewed the author's change, once per
// change, for the author's team. A change without a reference counts as
// its own change.
func (t *tally) addCoverage(reviewer, author int32, repo, ref string) {
	team := t.team[author]
	if team < 0 {
		return
	}
	if ref != "" {
		k := reviewedKey{reviewer, changeKey{author, repo, ref}}
		if _, ok := t.reviewed[k]; ok {
			return
		}
		t.reviewed[k] = struct{}{}
	}
	t.covered[[2]int32{reviewer, team}]++
}

// addPair adds one review of weight w from reviewer to author.
func (t *tally) addPair(reviewer, author int32, w float64) {
	k := [2]int32{reviewer, author}
	i, ok := t.pairs[k]
	if !ok {
		i = int32(len(t.pair))
		t.pairs[k] = i
		t.pair = append(t.pair, pairTally{from: reviewer, to: author})
	}
	t.pair[i].reviews++
	t.pair[i].weight += w
}

// addRepo counts one review of repo by reviewer; reviews without a
// repository are not counted for any.
func (t *tally) addRepo(repo string, reviewer int32) {
	if repo == "" {
		return
	}
	r := t.repos[repo]
	if r == nil {
		r = &repoTally{by: make(map[int32]int)}
		t.repos[repo] = r
	}
	r.reviews++
	r.by[reviewer]++
}

// span returns p with each missing bound taken from the first or last
// day of the reviews counted.
func (t *tally) span(p multiplier.Period) multiplier.Period {
	if t.used == 0 {
		return p
	}
	if p.From.IsZero() {
		p.From = multiplier.Day(t.first)
	}
	if p.To.IsZero() {
		p.To = multiplier.Day(t.last)
	}
	return p
}

// repoList returns every repository, most reviews first.
func (t *tally) repoList() []Repo {
	list := make([]Repo, 0, len(t.repos))
	for name, r := range t.repos {
		top, n := t.topReviewer(r)
		list = append(list, Repo{
			Name:        name,
			Reviews:     r.reviews,
			TopReviewer: t.keys[top],
			TopShare:    float64(n) / float64(r.reviews),
			Reviewers:   len(r.by),
		})
	}
	slices.SortFunc(list, func(a, b Repo) int {
		if c := cmp.Compare(b.Reviews, a.Reviews); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return list
}

// topReviewer returns the id with most reviews in r and their count;
// ties go to the first key in sort order.
func (t *tally) topReviewer(r *repoTally) (int32, int) {
	best, most := int32(-1), 0
	for id, n := range r.by {
		if n > most || n == most && t.keys[id] < t.keys[best] {
			best, most = id, n
		}
	}
	return best, most
}

// externals lists the people outside the roster, most interactions first.
func (t *tally) externals() []External {
	list := make([]External, 0, len(t.keys)-t.roster)
	for id := t.roster; id < len(t.keys); id++ {
		list = append(list, External{Key: t.keys[id], Count: t.people[id].seen})
	}
	slices.SortFunc(list, func(a, b External) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	return list
}
