package orggen

import (
	"math"
	"slices"
	"strings"

	"github.com/multiplier/multiplier"
)

// member is one person of the organisation with the behaviour planted in
// them.
type member struct {
	multiplier.Person
	arch     Archetype
	team     int  // index into gen.teams; -1 for the director
	external bool // the contractor: reviews and authors but is on no roster

	latency float64 // median hours from request to review
	authors int     // pull requests to open in the period
	inTeam  float64 // weight as a reviewer of own-team changes
	cross   float64 // weight as an occasional reviewer of other teams' changes
	gate    float64 // team bottleneck, gatekeeper: share of the changes they must review
	quota   int     // soloist, manager, contractor: reviews to give

	// multipliers only
	factor float64 // reviews given against an ordinary engineer
	reach  float64 // share of those reviews given to other teams
	helps  []int   // the other teams helped
}

// makePeople builds the director, the teams with their managers and
// engineers, the planted archetypes and the contractor.
func (g *gen) makePeople() {
	g.teams = makeTeams(g.c.Teams)
	nm := newNamer(g.r)
	director := g.add(nm.next(), Manager, -1)
	for t := range g.teams {
		size := max(1, g.c.TeamSize+g.r.Intn(5)-2)
		g.teams[t].manager = g.add(nm.next(), Manager, t)
		for range size {
			g.teams[t].engineers = append(g.teams[t].engineers, g.add(nm.next(), Engineer, t))
		}
	}
	g.plant()
	contractor := g.add(nm.next(), Engineer, g.r.Intn(len(g.teams)))
	g.members[contractor].external = true
	g.members[contractor].GitHub = "ext-" + g.members[contractor].GitHub
	for i, m := range g.members {
		g.describe(m, i == director)
	}
	for i := range g.teams {
		mgr := g.members[g.teams[i].manager]
		mgr.Manager = g.members[director].Email
		for _, e := range g.teams[i].engineers {
			g.members[e].Manager = mgr.Email
		}
	}
}

// add appends a member and returns its index.
func (g *gen) add(id identity, a Archetype, t int) int {
	m := &member{arch: a, team: t}
	m.Email, m.Name, m.GitHub, m.SlackID = id.email, id.name, id.login, id.slack
	if t >= 0 {
		m.Team, m.Department = g.teams[t].name, g.teams[t].dept
	} else {
		m.Team, m.Department = leadershipTeam, leadershipDept
	}
	g.members = append(g.members, m)
	return len(g.members) - 1
}

// plant turns ordinary engineers into the configured archetypes, spreading
// them over the teams.
func (g *gen) plant() {
	c := g.c
	for _, p := range []struct {
		a Archetype
		n int
	}{
		{TeamBottleneck, c.TeamBottlenecks},
		{SharedGatekeeper, c.SharedGatekeepers},
		{Multiplier, c.Multipliers},
		{FastReviewer, c.FastReviewers},
		{Soloist, c.Soloists},
	} {
		for range p.n {
			t := g.pickTeam(p.a)
			free := g.ordinary(t)
			g.members[free[g.r.Intn(len(free))]].arch = p.a
		}
	}
}

// pickTeam chooses the team for the next planted person of archetype a:
// the least loaded team that keeps two ordinary engineers, at random among
// equals. A team has one bottleneck at most; gatekeepers, multipliers and
// fast reviewers avoid bottleneck teams, and people of one archetype avoid
// each other, where they can.
func (g *gen) pickTeam(a Archetype) int {
	for _, keep := range []int{2, 0} {
		best, bestScore, ties := -1, math.MaxInt, 0
		for t := range g.teams {
			if len(g.ordinary(t)) <= keep {
				continue
			}
			count := g.countIn(t)
			if a == TeamBottleneck && count[TeamBottleneck] > 0 {
				continue
			}
			score := len(g.teams[t].engineers) - len(g.ordinary(t))
			if (a == SharedGatekeeper || a == FastReviewer || a == Multiplier) && count[TeamBottleneck] > 0 {
				score += 2
			}
			if count[a] > 0 {
				score += 2
			}
			switch {
			case score < bestScore:
				best, bestScore, ties = t, score, 1
			case score == bestScore:
				ties++
				if g.r.Intn(ties) == 0 {
					best = t
				}
			}
		}
		if best >= 0 {
			return best
		}
	}
	panic("orggen: more planted archetypes than the teams hold")
}

// ordinary lists team t's engineers not planted as anything.
func (g *gen) ordinary(t int) []int {
	var out []int
	for _, e := range g.teams[t].engineers {
		if g.members[e].arch == Engineer {
			out = append(out, e)
		}
	}
	return out
}

// countIn counts team t's engineers by archetype.
func (g *gen) countIn(t int) map[Archetype]int {
	n := map[Archetype]int{}
	for _, e := range g.teams[t].engineers {
		n[g.members[e].arch]++
	}
	return n
}

// Ordinary engineers open about this many pull requests per half year.
const medianAuthored = 38

// ordinaryLatency is the ordinary engineer's typical median hours to
// review: the middle, on a log scale, of their 3–10 h.
const ordinaryLatency = 5.5

// describe gives m a level, a title and the behaviour of its archetype.
// Under Weak planting each planted number moves toward the ordinary
// engineer's (toward, towardLog), from the same draws as under Strong.
func (g *gen) describe(m *member, director bool) {
	r := g.r
	m.inTeam = math.Exp(0.3 * r.NormFloat64())
	m.cross = m.inTeam
	m.authors = g.scaled(clamp(medianAuthored*math.Exp(0.25*r.NormFloat64()), 20, 70))
	m.latency = g.logUniform(3, 10)
	switch {
	case director:
		m.Level, m.Title = "M2", "Director of Engineering"
		m.authors, m.inTeam, m.cross, m.latency = 0, 0, 0, g.logUniform(12, 40)
		return
	case m.arch == Manager:
		m.Level, m.Title = "M1", "Engineering Manager"
		m.authors = g.scaled(float64(r.Intn(4)))
		m.quota = g.scaled(float64(r.Intn(6)))
		m.inTeam, m.cross, m.latency = 0, 0, g.logUniform(8, 30)
		return
	case m.external:
		m.authors = g.scaled(8 + float64(r.Intn(9)))
		m.quota = g.scaled(3 + float64(r.Intn(6)))
		m.inTeam, m.cross, m.latency = 0, 0, g.logUniform(6, 20)
	case m.arch == Multiplier:
		m.authors = g.scaled(g.toward(15+float64(r.Intn(21)), medianAuthored))
		m.latency = g.towardLog(g.logUniform(1.5, 3.5), ordinaryLatency)
		u, v := r.Float64(), r.Float64()
		m.factor, m.reach = 1.55+0.75*u, 0.5+0.18*v
		if g.weak() {
			m.factor, m.reach = 1.45+0.4*u, 0.5+0.1*v
		}
		m.inTeam, m.cross = 0, 0
		m.helps = g.helpedTeams(m.team)
	case m.arch == TeamBottleneck:
		m.authors = g.scaled(g.toward(10+float64(r.Intn(15)), medianAuthored))
		m.latency = g.logUniform(g.strongOrWeak(25, 15), g.strongOrWeak(60, 30))
		m.gate = g.strongOrWeak(0.72, 0.6) + 0.08*r.Float64()
		m.inTeam, m.cross = g.toward(1.5, 1), 0
	case m.arch == SharedGatekeeper:
		m.authors = g.scaled(g.toward(15+float64(r.Intn(21)), medianAuthored))
		m.latency = g.logUniform(g.strongOrWeak(30, 13), g.strongOrWeak(70, 20))
		m.gate = g.strongOrWeak(0.8, 0.6) + 0.1*r.Float64()
		m.inTeam, m.cross = g.toward(0.5, 1), 0
	case m.arch == Soloist:
		m.authors = g.scaled(medianAuthored * g.toward(2.5+1.5*r.Float64(), 1))
		m.latency = g.towardLog(g.logUniform(5, 15), ordinaryLatency)
		m.quota = r.Intn(7)
		if g.weak() {
			m.quota += 3 + m.quota/2
		}
		m.inTeam, m.cross = 0, 0
	case m.arch == FastReviewer:
		m.latency = g.towardLog(g.logUniform(0.5, 2), ordinaryLatency)
		m.inTeam = g.toward(4+2*r.Float64(), 1)
		m.cross = g.toward(0.15, 1)
	}
	m.Level = g.level(m.arch)
	m.Title = titles[m.Level]
}

// titles are the business titles of the engineering levels.
var titles = map[string]string{
	"L3": "Software Engineer",
	"L4": "Software Engineer",
	"L5": "Senior Software Engineer",
	"L6": "Staff Software Engineer",
	"L7": "Principal Engineer",
}

// level draws a level for archetype a: planted multipliers, bottlenecks and
// gatekeepers are mostly senior, fast reviewers mostly mid-level.
func (g *gen) level(a Archetype) string {
	var weights []float64 // L3..L7
	switch a {
	case Multiplier, TeamBottleneck, SharedGatekeeper:
		weights = []float64{0, 0.08, 0.32, 0.42, 0.18}
	case Soloist:
		weights = []float64{0, 0.3, 0.45, 0.25, 0}
	case FastReviewer:
		weights = []float64{0.1, 0.4, 0.4, 0.1, 0}
	default:
		weights = []float64{0.15, 0.3, 0.35, 0.15, 0.05}
	}
	return []string{"L3", "L4", "L5", "L6", "L7"}[g.weighted(weights)]
}

// helpedTeams picks the 3–6 other teams a multiplier reviews for, 2–4
// under Weak planting (fewer when there are fewer other teams).
func (g *gen) helpedTeams(own int) []int {
	var others []int
	for _, t := range g.r.Perm(len(g.teams)) {
		if t != own {
			others = append(others, t)
		}
	}
	k := g.r.Intn(4)
	n := 3 + k
	if g.weak() {
		n = 2 + 2*k/3
	}
	return others[:min(len(others), n)]
}

// roster returns the people and the roster cells as written, sorted by
// name, with a few stray spaces and mixed-case emails in the cells.
func (g *gen) roster() ([]multiplier.Person, [][]string) {
	var people []multiplier.Person
	for _, m := range g.members {
		if !m.external {
			people = append(people, m.Person)
		}
	}
	slices.SortFunc(people, func(a, b multiplier.Person) int { return strings.Compare(a.Name+a.Email, b.Name+b.Email) })
	cells := make([][]string, len(people))
	for i, p := range people {
		cells[i] = []string{p.Name, p.Email, p.GitHub, p.SlackID, p.Title, p.Level, p.Team, p.Department, p.Manager}
	}
	g.messUp(cells)
	return people, cells
}

// Roster columns.
const (
	colName = iota
	colEmail
	colGitHub
	colSlack
	colTitle
	colLevel
	colTeam
	colDept
	colManager
)

// messUp adds the untidiness of a real HR export to a few roster cells.
func (g *gen) messUp(cells [][]string) {
	if len(cells) < 8 {
		return
	}
	rows := g.r.Perm(len(cells))
	cells[rows[0]][colEmail] = "  " + mixedCase(cells[rows[0]][colEmail]) + " "
	cells[rows[1]][colEmail] = mixedCase(cells[rows[1]][colEmail])
	if cells[rows[2]][colManager] != "" {
		cells[rows[2]][colManager] = mixedCase(cells[rows[2]][colManager])
	}
	cells[rows[3]][colName] += " "
	cells[rows[4]][colTeam] = " " + cells[rows[4]][colTeam]
	cells[rows[5]][colTitle] += "  "
	cells[rows[6]][colGitHub] = strings.ToUpper(cells[rows[6]][colGitHub][:2]) + cells[rows[6]][colGitHub][2:]
	cells[rows[7]][colDept] += " "
}

// mixedCase capitalises each part of an email: "Ada.Okafor@Example.com".
func mixedCase(email string) string {
	b := []byte(email)
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == '.' || c == '@' || c == '-'
	}
	// Keep the top-level domain lower-case, as people type it.
	if j := strings.LastIndexByte(email, '.'); j > strings.IndexByte(email, '@') {
		copy(b[j:], email[j:])
	}
	return string(b)
}

// scaled scales a per-half-year count to the period and rounds it.
func (g *gen) scaled(n float64) int {
	return int(math.Round(n * g.scale))
}

// logUniform draws a number between lo and hi, uniform on a log scale.
func (g *gen) logUniform(lo, hi float64) float64 {
	return lo * math.Exp(g.r.Float64()*math.Log(hi/lo))
}

// weighted draws an index with probability proportional to its weight;
// -1 when all weights are zero.
func (g *gen) weighted(w []float64) int {
	var sum float64
	for _, x := range w {
		sum += x
	}
	if sum <= 0 {
		return -1
	}
	u := g.r.Float64() * sum
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	for i := len(w) - 1; i >= 0; i-- {
		if w[i] > 0 {
			return i
		}
	}
	return -1
}

func clamp(x, lo, hi float64) float64 { return min(max(x, lo), hi) }
