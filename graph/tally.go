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
	manager   []string // per id: the roster's Manager value, lower-case
	teams     int      // distinct roster teams
	teamNames []string // per team index: the name as the roster first wrote it

	people  []personTally
	pairs   map[[2]int32]int32 // (reviewer, author) → index in pair
	pair    []pairTally
	repos   map[string]*repoTally
	changes map[changeKey]int32 // change → dense change id

	// Coverage: which changes each reviewer reviewed, per author's team.
	reviewed    map[[2]int32]struct{} // (reviewer, change id) seen
	teamChanges []int                 // per team: distinct changes its members authored
	covered     map[[2]int32]int      // (reviewer, author's team) → distinct changes reviewed

	used        int
	first, last time.Time
}

// personTally is what the pass counts for one person.
type personTally struct {
	given, received, authored int
	latencies                 []float64 // hours, of reviews given
	pending                   []pendingReview
	seen                      int     // interactions taken part in
	threads                   int     // chat threads answered
	helpOther                 float64 // weighted help given on channels other than review
	meetingHours              float64 // hours in meetings of two or more people
	oneOnOneHours             float64 // hours in 1:1s between a manager and a report
	chat, meetings, other     int     // records of those sources naming the person
	escalations               int     // incident meetings and incident-channel messages they were in
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
	by      map[int32]int // reviewer → reviews
	authors map[int32]int // author → distinct changes
	changes int
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
		changes:  make(map[changeKey]int32),
		reviewed: make(map[[2]int32]struct{}),
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
		id := t.addKey(p.Email, team)
		t.manager[id] = strings.ToLower(strings.TrimSpace(p.Manager))
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
	t.manager = append(t.manager, "")
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

// addAll counts the interactions in ins that fall inside p: reviews in
// full, every other channel as help on the graph.
func (t *tally) addAll(ins []multiplier.Interaction, p multiplier.Period, s Settings) {
	for _, in := range ins {
		if in.From == "" || in.To == "" || in.From == in.To || !p.Contains(in.At) {
			continue
		}
		if in.Kind != multiplier.KindReview && isEscalation(in.Context) {
			t.people[t.id(in.From)].escalations++
			t.people[t.id(in.To)].escalations++
		}
		switch in.Kind {
		case multiplier.KindReview:
			t.add(in, s)
		case multiplier.KindThread:
			t.addHelp(in, s.ThreadWeight)
			t.people[t.index[in.From]].threads++
			t.people[t.index[in.From]].chat++
			t.people[t.index[in.To]].chat++
		case multiplier.KindMention:
			t.addHelp(in, s.MentionWeight)
			t.people[t.index[in.From]].chat++
			t.people[t.index[in.To]].chat++
		default:
			t.people[t.id(in.From)].other++
			t.people[t.id(in.To)].other++
			w := in.Weight
			if !(w > 0) || w > 1e6 {
				w = 1
			}
			t.addHelp(in, s.OtherWeight*w)
		}
	}
}

// addHelp adds help of weight w from From to To on another channel than
// review: it shapes the graph, not the review counts.
func (t *tally) addHelp(in multiplier.Interaction, w float64) {
	from, to := t.id(in.From), t.id(in.To)
	t.people[from].seen++
	t.people[to].seen++
	t.people[from].helpOther += w
	t.addEdge(from, to, w)
}

// addMeetings counts the meetings that start inside p: each pair of its
// people gets MeetingWeight × hours / (n − 1) both ways; meetings larger
// than MaxMeetingSize carry no tie, and a manager's 1:1 with a report is
// kept apart from influence (it is management, not help).
func (t *tally) addMeetings(ms []multiplier.Meeting, p multiplier.Period, s Settings) {
	for _, m := range ms {
		if !p.Contains(m.Start) {
			continue
		}
		ids := t.meetingIDs(m)
		h := m.Hours()
		if h <= 0 || h > 24 || len(ids) < 2 {
			continue
		}
		esc := isEscalation(m.Subject)
		for _, id := range ids {
			t.people[id].meetingHours += h
			t.people[id].meetings++
			if esc {
				t.people[id].escalations++
			}
		}
		if len(ids) == 2 && t.managerPair(ids[0], ids[1]) {
			t.people[ids[0]].oneOnOneHours += h
			t.people[ids[1]].oneOnOneHours += h
			continue
		}
		if len(ids) > s.MaxMeetingSize {
			continue
		}
		w := s.MeetingWeight * h / float64(len(ids)-1)
		for i, a := range ids {
			for _, b := range ids[i+1:] {
				t.addEdge(a, b, w)
				t.addEdge(b, a, w)
			}
		}
	}
}

// meetingIDs returns the distinct ids of a meeting's people.
// A short list is searched; a long one goes through a set, so a meeting
// of any size costs time linear in its people.
func (t *tally) meetingIDs(m multiplier.Meeting) []int32 {
	var ids []int32
	var seen map[int32]bool
	add := func(k string) {
		if k == "" {
			return
		}
		id := t.id(k)
		switch {
		case seen != nil:
			if seen[id] {
				return
			}
			seen[id] = true
		case slices.Contains(ids, id):
			return
		case len(ids) == 16:
			seen = make(map[int32]bool, len(m.Attendees)+1)
			for _, x := range ids {
				seen[x] = true
			}
			seen[id] = true
		}
		ids = append(ids, id)
	}
	add(m.Organizer)
	for _, k := range m.Attendees {
		add(k)
	}
	return ids
}

// escalationWords mark a meeting subject or a chat channel as an
// escalation: an incident, outage, post-mortem, severity call or war room.
var escalationWords = []string{"incident", "escalat", "outage", "postmortem", "post-mortem", "sev1", "sev-1", "sev 1", "sev0", "war room", "war-room"}

// isEscalation reports whether a meeting subject or channel name speaks
// of an escalation.
func isEscalation(s string) bool {
	s = strings.ToLower(s)
	for _, w := range escalationWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// managerPair reports whether one of a and b is the other's manager in
// the roster.
func (t *tally) managerPair(a, b int32) bool {
	return t.manager[a] == t.keys[b] || t.manager[b] == t.keys[a]
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
		r.pending = append(r.pending, pendingReview{in.Requested.Unix(), in.At.Unix()})
	}
	change := t.addChange(to, in.Context, in.Ref)
	t.addCoverage(from, to, change)
	t.addPair(from, to, reviewWeight(in.Comments, s))
	t.addRepo(in.Context, from)
}

// reviewWeight is one review's edge weight: 1 plus CommentWeight per
// comment, counting at most MaxComments comments.
func reviewWeight(comments int, s Settings) float64 {
	c := min(max(comments, 0), s.MaxComments)
	return 1 + s.CommentWeight*float64(c)
}

// pendingReview is one review's time waiting on its reviewer, in Unix
// seconds.
type pendingReview struct{ from, to int64 }

// maxQueue returns the most intervals open at once; an interval ending
// when another starts does not overlap it.
func maxQueue(ps []pendingReview) int {
	type event struct {
		at    int64
		delta int
	}
	ev := make([]event, 0, 2*len(ps))
	for _, p := range ps {
		ev = append(ev, event{p.from, 1}, event{p.to, -1})
	}
	slices.SortFunc(ev, func(a, b event) int {
		if c := cmp.Compare(a.at, b.at); c != 0 {
			return c
		}
		return cmp.Compare(a.delta, b.delta) // ends before starts
	})
	open, most := 0, 0
	for _, e := range ev {
		open += e.delta
		most = max(most, open)
	}
	return most
}

// busFactor returns the fewest people of r whose reviews and authored
// changes together reach half of r's reviews and changes: the people
// the area's knowledge sits with.
func busFactor(r *repoTally) int {
	work := make(map[int32]int, len(r.by)+len(r.authors))
	for id, n := range r.by {
		work[id] += n
	}
	for id, n := range r.authors {
		work[id] += n
	}
	counts := make([]int, 0, len(work))
	for _, n := range work {
		counts = append(counts, n)
	}
	slices.Sort(counts)
	sum, total := 0, r.reviews+r.changes
	for i := len(counts) - 1; i >= 0; i-- {
		sum += counts[i]
		if 2*sum >= total {
			return len(counts) - i
		}
	}
	return len(counts)
}

// addChange counts author's change once and returns its id; a change
// without a reference counts every time, as there is no telling two
// apart, and has id −1.
func (t *tally) addChange(author int32, repo, ref string) int32 {
	id := int32(-1)
	if ref != "" {
		k := changeKey{author, repo, ref}
		if c, ok := t.changes[k]; ok {
			return c
		}
		id = int32(len(t.changes))
		t.changes[k] = id
	}
	t.people[author].authored++
	if team := t.team[author]; team >= 0 {
		t.teamChanges[team]++
	}
	if repo != "" {
		r := t.repo(repo)
		r.authors[author]++
		r.changes++
	}
	return id
}

// addCoverage notes that reviewer reviewed the author's change, once per
// change, for the author's team. A change without a reference counts as
// its own change (id −1).
func (t *tally) addCoverage(reviewer, author, change int32) {
	team := t.team[author]
	if team < 0 {
		return
	}
	if change >= 0 {
		k := [2]int32{reviewer, change}
		if _, ok := t.reviewed[k]; ok {
			return
		}
		t.reviewed[k] = struct{}{}
	}
	t.covered[[2]int32{reviewer, team}]++
}

// addPair adds one review of weight w from reviewer to author.
func (t *tally) addPair(reviewer, author int32, w float64) {
	t.pair[t.edge(reviewer, author)].reviews++
	t.addEdge(reviewer, author, w)
}

// addEdge adds weight w to the edge from → to.
func (t *tally) addEdge(from, to int32, w float64) {
	t.pair[t.edge(from, to)].weight += w
}

// edge returns the index of the pair from → to, adding it when new.
func (t *tally) edge(from, to int32) int32 {
	k := [2]int32{from, to}
	i, ok := t.pairs[k]
	if !ok {
		i = int32(len(t.pair))
		t.pairs[k] = i
		t.pair = append(t.pair, pairTally{from: from, to: to})
	}
	return i
}

// addRepo counts one review of repo by reviewer; reviews without a
// repository are not counted for any.
func (t *tally) addRepo(repo string, reviewer int32) {
	if repo == "" {
		return
	}
	r := t.repo(repo)
	r.reviews++
	r.by[reviewer]++
}

// repo returns the tally of a repository, adding it when new.
func (t *tally) repo(name string) *repoTally {
	r := t.repos[name]
	if r == nil {
		r = &repoTally{by: make(map[int32]int), authors: make(map[int32]int)}
		t.repos[name] = r
	}
	return r
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
			Shares:      t.shares(r),
			BusFactor:   busFactor(r),
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

// shares lists r's reviewers, most reviews first, then by key.
func (t *tally) shares(r *repoTally) []Share {
	list := make([]Share, 0, len(r.by))
	for id, n := range r.by {
		list = append(list, Share{Key: t.keys[id], Reviews: n, Share: float64(n) / float64(r.reviews)})
	}
	slices.SortFunc(list, func(a, b Share) int {
		if c := cmp.Compare(b.Reviews, a.Reviews); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	return list
}

// edges lists the pairs with weight > 0, by From then To.
func (t *tally) edges() []Edge {
	list := make([]Edge, 0, len(t.pair))
	for _, p := range t.pair {
		if p.weight > 0 {
			list = append(list, Edge{From: t.keys[p.from], To: t.keys[p.to], Weight: p.weight, Reviews: p.reviews})
		}
	}
	slices.SortFunc(list, func(a, b Edge) int {
		if c := strings.Compare(a.From, b.From); c != 0 {
			return c
		}
		return strings.Compare(a.To, b.To)
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
