package orggen

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// The dependency bots that open pull requests.
const (
	dependabot = "dependabot[bot]"
	renovate   = "renovate[bot]"
)

// sharedShare is the share of a person's pull requests that go to a shared
// library.
const sharedShare = 0.12

// change is one pull request.
type change struct {
	repo    string
	shared  int // index into sharedRepos; -1 for a team repository
	team    int // the author's team; a bot's is the repository's team, -1 for a shared one
	author  int // index into gen.members; -1 for a bot
	login   string
	title   string
	number  int
	created time.Time
	merged  time.Time // zero when not merged by the end of the export
	seats   []seat
}

// seat is one person asked to review a change.
type seat struct {
	who      int  // index into gen.members
	required bool // a bottleneck or gatekeeper the change must pass
}

// makeChanges opens the pull requests of people and bots and numbers them
// per repository in order of creation.
func (g *gen) makeChanges() {
	for i, m := range g.members {
		for range m.authors {
			g.changes = append(g.changes, g.humanChange(i))
		}
	}
	for t := range g.teams {
		g.botChanges(g.teams[t].repo, -1, t)
	}
	for s := range sharedRepos {
		g.botChanges(sharedRepos[s].repo, s, -1)
	}
	g.number()
}

// humanChange opens one pull request by member i: to the own team's
// repository, or now and then to a shared library.
func (g *gen) humanChange(i int) *change {
	m := g.members[i]
	ch := &change{shared: -1, team: m.team, author: i, login: m.GitHub, created: g.workTime()}
	if !m.external && m.arch != Manager && g.r.Float64() < sharedShare {
		ch.shared = g.r.Intn(len(sharedRepos))
		ch.repo = sharedRepos[ch.shared].repo
		ch.title = g.humanTitle(sharedRepos[ch.shared].areas)
		return ch
	}
	ch.repo = g.teams[m.team].repo
	ch.title = g.humanTitle(g.teams[m.team].areas)
	return ch
}

// botChanges opens dependency updates in one repository: dependabot
// everywhere, renovate in about half of the repositories.
func (g *gen) botChanges(repo string, shared, t int) {
	open := func(bot string, n int) {
		for range g.scaled(float64(n)) {
			g.changes = append(g.changes, &change{
				repo: repo, shared: shared, team: t, author: -1, login: bot,
				title: g.botTitle(bot), created: g.workTime(),
			})
		}
	}
	open(dependabot, 4+g.r.Intn(7))
	if g.r.Float64() < 0.5 {
		open(renovate, 3+g.r.Intn(5))
	}
}

// number gives each repository's pull requests increasing numbers in order
// of creation, with gaps where issues took numbers, and sorts the changes by
// repository and number.
func (g *gen) number() {
	slices.SortStableFunc(g.changes, func(a, b *change) int {
		return cmp.Or(cmp.Compare(a.repo, b.repo), a.created.Compare(b.created))
	})
	next := 0
	for i, ch := range g.changes {
		if i == 0 || ch.repo != g.changes[i-1].repo {
			next = 100 + g.r.Intn(3000)
		}
		ch.number = next
		next++
		if g.r.Intn(4) == 0 {
			next += 1 + g.r.Intn(3)
		}
	}
}

// workTime draws a moment in the period when people open pull requests:
// weekdays, mostly 09:00–18:00 with a peak after lunch, rarely a weekend or
// a late evening.
func (g *gen) workTime() time.Time {
	r := g.r
	for {
		day := g.c.From.AddDate(0, 0, r.Intn(g.c.days()))
		if weekend(day) && r.Float64() > 0.08 {
			continue
		}
		h := 9 + 4.5*(r.Float64()+r.Float64())
		if r.Float64() < 0.08 {
			h = 7 + 14*r.Float64()
		}
		return day.Add(hours(h))
	}
}

// hours converts fractional hours to a duration whole to the second.
func hours(h float64) time.Duration {
	return time.Duration(math.Round(h*3600)) * time.Second
}
