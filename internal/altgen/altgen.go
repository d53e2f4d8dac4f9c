// Package altgen generates a synthetic engineering organisation — an HR
// roster and a code-review export — with planted multipliers, bottlenecks,
// soloists, fast in-team reviewers and managers, written independently of
// the analysis so that the analysis can be checked against data it was not
// tuned on.
package altgen

import (
	"fmt"
	"math"
	"math/rand"
	"slices"
	"strings"
	"time"

	multiplier "github.com/multiplier/multiplier"
)

// Config chooses an organisation. Everything else is drawn from Seed.
type Config struct {
	Seed int64
	// Teams is the number of engineering teams, e.g. 6–14; 0 lets the seed
	// choose (6–14). Values below 3 are raised to 3.
	Teams int
	// Monorepo puts every team's code in "corp/monorepo" plus a shared
	// library repository; otherwise each team has one or more repositories.
	Monorepo bool
}

// Org is a generated organisation.
type Org struct {
	People  []multiplier.Person
	Reviews []multiplier.Review
	// Truth maps each roster email (lower-case) to what was planted:
	// "multiplier", "bottleneck", "soloist", "fast-reviewer", "manager" or
	// "engineer".
	Truth map[string]string

	merged map[string]time.Time // repo#number → merge time; absent when not merged
	period multiplier.Period
}

// Truth labels.
const (
	TruthMultiplier   = "multiplier"
	TruthBottleneck   = "bottleneck"
	TruthSoloist      = "soloist"
	TruthFastReviewer = "fast-reviewer"
	TruthManager      = "manager"
	TruthEngineer     = "engineer"
)

// Internal kinds of people.
const (
	kEngineer = iota
	kMultiplier
	kBottleneck // team-local required reviewer, slow
	kGatekeeper // shared-library owner, slow, wide reach
	kSoloist
	kFast
	kManager
	kDirector
	kContractor // active in the review data, missing from the roster
)

func truthOf(kind int) string {
	switch kind {
	case kMultiplier:
		return TruthMultiplier
	case kBottleneck, kGatekeeper:
		return TruthBottleneck
	case kSoloist:
		return TruthSoloist
	case kFast:
		return TruthFastReviewer
	case kManager, kDirector:
		return TruthManager
	}
	return TruthEngineer
}

// Kinds of review assignment.
const (
	aPeer   = iota // in the author's (area) team
	aForced        // required reviewer: team bottleneck or library gatekeeper
	aCross         // help from another team
	aOwner         // library owner team
	aBot           // review of a bot's PR
)

type person struct {
	id                 int
	first, last        string
	name, email, slack string
	login              string // as the review export writes it
	rosterLogin        string // as the roster writes it
	title, level       string
	lvl                int // 3..7 for engineers
	team               int // -1 for leadership
	dept               string
	managerEmail       string
	kind               int
	inRoster           bool

	rate     float64 // PRs authored per working week
	appetite float64 // weight as an in-team reviewer
	cross    float64 // intended share of reviews given to other teams
	target   float64 // multipliers: total reviews given vs a typical engineer
	partners []int
	partnerW []float64
	med      float64 // median turnaround in working hours
	sigma    float64 // spread of their turnaround (log scale)
	batch    bool    // catches up on reviews in the evening
	skip     float64 // chance a batcher skips a day's sitting
	pRound   float64 // chance the first response is not an approval
	pCR      float64 // of those, chance it is CHANGES_REQUESTED
	cApprove float64 // mean comments on an approval
	cChange  float64 // mean extra comments on a change request / comment
	tz       time.Duration
	dayStart float64 // local hour the working day starts
	vacFrom  time.Time
	vacTo    time.Time
	availF   float64 // share of the period's working days available
}

type team struct {
	id         int
	name, slug string
	key        string // ticket prefix
	dept       string
	site       int
	manager    int
	members    []int // engineers (and the contractor), not the manager
	repos      []string
	repoW      []float64
	bottleneck int
}

type asg struct {
	who  int
	kind int
}

type pr struct {
	repo    string
	num     int
	title   string
	author  int // person id, -1 for the bot
	area    int // team owning the code
	lib     bool
	created time.Time
	asg     []asg
	owner   bool // wants a library-owner reviewer
}

type row struct {
	pr        *pr
	reviewer  int // person id
	state     string
	submitted time.Time
	comments  int
}

type gen struct {
	cfg    Config
	rng    *rand.Rand
	nTeams int

	from, to time.Time // first and last day of the period
	days     int
	weeks    float64
	cutoff   time.Time // export time

	sites      []time.Duration
	teams      []*team
	people     []*person
	prs        []*pr
	rows       []row
	merged     map[*pr]time.Time
	libRepo    string
	gatekeeper int
	usedEmail  map[string]bool
	usedLogin  map[string]bool

	// organisation-wide parameters
	rate0     float64 // typical PRs per week
	med0      float64 // typical turnaround, working hours
	sigma     float64 // per-review turnaround noise
	kP1, kP2  float64 // share of PRs with 1 and 2 in-team reviewers
	crossMean float64
	pLib      float64
	pRound    float64
	pClosed   float64
	qTeam     float64 // share of a bottleneck team's PRs that go through the bottleneck
	qLib      float64
	wall0     float64 // typical wall-clock median turnaround, hours
	calib     []calibSample
}

const botLogin = "dependabot[bot]"

// Generate builds an organisation from c. The same Config gives the same
// Org.
func Generate(c Config) *Org {
	g := &gen{
		cfg:        c,
		rng:        rand.New(rand.NewSource(c.Seed)),
		gatekeeper: -1,
		usedEmail:  map[string]bool{},
		usedLogin:  map[string]bool{},
		merged:     map[*pr]time.Time{},
	}
	g.orgParams()
	g.buildTeams()
	g.plant()
	g.personParams()
	g.makePRs()
	g.assignReviewers()
	g.render()
	return g.output()
}

func (g *gen) orgParams() {
	r := g.rng
	g.nTeams = g.cfg.Teams
	if g.nTeams <= 0 {
		g.nTeams = 6 + r.Intn(9)
	}
	g.nTeams = max(g.nTeams, 3)

	// Period: a quarter or a half-year of 2026.
	if r.Float64() < 0.4 {
		h := r.Intn(2)
		g.from = time.Date(2026, time.Month(1+6*h), 1, 0, 0, 0, 0, time.UTC)
		g.to = g.from.AddDate(0, 6, -1)
	} else {
		q := r.Intn(4)
		g.from = time.Date(2026, time.Month(1+3*q), 1, 0, 0, 0, 0, time.UTC)
		g.to = g.from.AddDate(0, 3, -1)
	}
	g.days = int(g.to.Sub(g.from).Hours()/24) + 1
	g.weeks = float64(g.days) / 7
	g.cutoff = g.to.AddDate(0, 0, 2).Add(hours(uniform(r, 6, 20)))

	// One or two sites (fixed UTC offsets; no daylight saving).
	if r.Float64() < 0.4 {
		pairs := [][2]int{{60, -300}, {0, -300}, {60, 330}, {0, 120}}
		p := pairs[r.Intn(len(pairs))]
		g.sites = []time.Duration{time.Duration(p[0]) * time.Minute, time.Duration(p[1]) * time.Minute}
	} else {
		offs := []int{0, 60, -300, -480}
		g.sites = []time.Duration{time.Duration(offs[r.Intn(len(offs))]) * time.Minute}
	}

	g.rate0 = uniform(r, 1.6, 3.4)
	// Review culture: mostly same-day, or mostly next-day.
	if r.Float64() < 0.55 {
		g.med0 = uniform(r, 1.6, 2.3)
	} else {
		g.med0 = uniform(r, 4.5, 6.0)
	}
	g.sigma = uniform(r, 0.75, 1.0)
	g.kP1 = uniform(r, 0.35, 0.6)
	g.kP2 = uniform(r, 0.3, 0.45)
	g.crossMean = uniform(r, 0.08, 0.15)
	g.pLib = uniform(r, 0.03, 0.06)
	g.pRound = uniform(r, 0.18, 0.3)
	g.pClosed = uniform(r, 0.03, 0.06)
	g.qTeam = uniform(r, 0.8, 0.95)
	g.qLib = uniform(r, 0.8, 0.95)
	g.initCalibration()
	g.wall0 = g.typicalWall()
}

// ---- people -------------------------------------------------------------

func asciiLower(s string) string {
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, " ", "")
	return s
}

func (g *gen) newPerson(kind, lvl, teamID int, dept string, tz time.Duration) *person {
	r := g.rng
	p := &person{id: len(g.people), kind: kind, lvl: lvl, team: teamID, dept: dept, inRoster: kind != kContractor, tz: tz}
	for {
		p.first = firstNames[r.Intn(len(firstNames))]
		p.last = lastNames[r.Intn(len(lastNames))]
		p.email = asciiLower(p.first) + "." + asciiLower(p.last) + "@example.org"
		if !g.usedEmail[p.email] {
			break
		}
	}
	g.usedEmail[p.email] = true
	p.name = p.first + " " + p.last
	f, l := asciiLower(strings.ReplaceAll(p.first, "-", "")), asciiLower(strings.ReplaceAll(p.last, "-", ""))
	for try := 0; ; try++ {
		var login string
		switch r.Intn(7) {
		case 0:
			login = f + l
		case 1:
			login = f[:1] + l
		case 2:
			login = f + "-" + l
		case 3:
			login = fmt.Sprintf("%s%s%d", f, l[:1], 1+r.Intn(99))
		case 4:
			login = f[:1] + l + "-dev"
		case 5:
			login = p.first + p.last // mixed case, as some people register
			login = strings.ReplaceAll(strings.ReplaceAll(login, " ", ""), "-", "")
		default:
			login = fmt.Sprintf("%s-%s", l, f[:min(3, len(f))])
		}
		if kind == kContractor {
			login = f[:1] + l + "-ext"
		}
		if try > 5 {
			login = fmt.Sprintf("%s%d", login, 100+r.Intn(900))
		}
		if k := strings.ToLower(login); !g.usedLogin[k] {
			g.usedLogin[k] = true
			p.login = login
			break
		}
	}
	p.rosterLogin = p.login
	if p.login != strings.ToLower(p.login) && r.Float64() < 0.5 {
		p.rosterLogin = strings.ToLower(p.login) // HR typed it in lower case
	}
	const alnum = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
	b := []byte("U0")
	for range 9 {
		b = append(b, alnum[r.Intn(len(alnum))])
	}
	p.slack = string(b)
	p.dayStart = uniform(r, 8.5, 9.75)
	g.people = append(g.people, p)
	return p
}

func drawLevel(r *rand.Rand) int {
	u := r.Float64()
	switch {
	case u < 0.2:
		return 3
	case u < 0.55:
		return 4
	case u < 0.85:
		return 5
	case u < 0.97:
		return 6
	}
	return 7
}

func slugOf(name string) string {
	s := strings.ToLower(name)
	s = strings.ReplaceAll(s, "&", "")
	return strings.Join(strings.Fields(s), "-")
}

func keyOf(name string) string {
	w := strings.Fields(strings.ToUpper(name))
	if len(w) > 1 {
		k := ""
		for _, x := range w {
			k += x[:1]
		}
		if len(k) < 3 {
			k = w[0][:min(3, len(w[0]))] + k[1:]
		}
		return k
	}
	return w[0][:min(4, len(w[0]))]
}

func (g *gen) buildTeams() {
	r := g.rng
	nDept := min(4, 2+g.nTeams/5)
	pd := platformDepartments[r.Intn(len(platformDepartments))]
	depts := []string{pd}
	others := slices.Clone(productDepartments)
	r.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
	depts = append(depts, others[:nDept-1]...)

	names := slices.Clone(productTeamNames)
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	for i := range g.nTeams {
		t := &team{id: i, bottleneck: -1}
		if i == 0 {
			t.name = platformTeamNames[r.Intn(len(platformTeamNames))]
			t.dept = pd
		} else {
			t.name = names[(i-1)%len(names)]
			if i-1 >= len(names) {
				t.name += fmt.Sprintf(" %d", 2+(i-1)/len(names))
			}
			if i < nDept {
				t.dept = depts[i]
			} else {
				t.dept = depts[r.Intn(nDept)]
			}
		}
		t.slug = slugOf(t.name)
		t.key = keyOf(t.name)
		if len(g.sites) > 1 && i > 0 && r.Float64() < 0.35 {
			t.site = 1
		}
		g.teams = append(g.teams, t)
	}

	// Leadership: a VP and a director per department.
	vp := g.newPerson(kDirector, 0, -1, "Engineering", g.sites[0])
	vp.title, vp.level = "VP of Engineering", "M4"
	directors := map[string]*person{}
	for _, d := range depts {
		p := g.newPerson(kDirector, 0, -1, d, g.sites[0])
		p.title, p.level = "Director of Engineering", "M3"
		if r.Float64() < 0.3 {
			p.title = "Senior Director of Engineering"
		}
		p.managerEmail = vp.email
		directors[d] = p
	}

	for _, t := range g.teams {
		// Team size including the manager: 3–12, most often 6–9.
		size := 3 + int(math.Round(9*(r.Float64()+r.Float64())/2))
		if t.id == 0 {
			size = max(size, 6)
		}
		tz := g.sites[t.site]
		m := g.newPerson(kManager, 0, t.id, t.dept, tz)
		m.title, m.level = "Engineering Manager", "M1"
		if r.Float64() < 0.3 {
			m.title, m.level = "Senior Engineering Manager", "M2"
		}
		m.managerEmail = directors[t.dept].email
		t.manager = m.id
		for range size - 1 {
			p := g.newPerson(kEngineer, drawLevel(r), t.id, t.dept, tz)
			p.managerEmail = m.email
			t.members = append(t.members, p.id)
		}
		// Repositories.
		if g.cfg.Monorepo {
			t.repos, t.repoW = []string{"corp/monorepo"}, []float64{1}
		} else {
			n := 1 + r.Intn(3)
			t.repos = []string{"corp/" + t.slug}
			t.repoW = []float64{1}
			suf := slices.Clone(repoSuffixes)
			r.Shuffle(len(suf), func(i, j int) { suf[i], suf[j] = suf[j], suf[i] })
			for i := 1; i < n; i++ {
				t.repos = append(t.repos, "corp/"+t.slug+"-"+suf[i])
				t.repoW = append(t.repoW, uniform(r, 0.2, 0.8))
			}
		}
	}
	if g.cfg.Monorepo {
		g.libRepo = "corp/shared-lib"
	} else {
		g.libRepo = libRepos[r.Intn(len(libRepos))]
	}
	g.setTitles()
}

func (g *gen) setTitles() {
	for _, p := range g.people {
		if p.kind == kEngineer {
			g.titleFor(p, g.rng)
		}
	}
}

func (g *gen) titleFor(p *person, r *rand.Rand) {
	spec := "Software"
	t := g.teams[p.team]
	switch {
	case t.slug == "mobile":
		spec = []string{"iOS", "Android", "Mobile"}[r.Intn(3)]
	case t.slug == "web-experience":
		spec = "Frontend"
	case r.Float64() < 0.2:
		spec = []string{"Backend", "Frontend", "Full Stack", "Data", "Site Reliability"}[r.Intn(5)]
	}
	base := spec + " Engineer"
	switch p.lvl {
	case 3:
		p.title = base
	case 4:
		p.title = base + " II"
	case 5:
		p.title = "Senior " + base
	case 6:
		p.title = "Staff " + base
	default:
		p.title = "Principal " + base
	}
	if p.lvl == 6 && r.Float64() < 0.3 {
		p.title = "Staff Engineer"
	}
	p.level = fmt.Sprintf("L%d", p.lvl)
}

// plant chooses who the multipliers, bottlenecks, soloists and fast
// reviewers are.
func (g *gen) plant() {
	r := g.rng
	nMult := min(2+r.Intn(5), g.nTeams)
	nBott := 1 + r.Intn(4)
	nSolo := 1 + r.Intn(4)
	nFast := 1 + r.Intn(3)

	pickFrom := func(t *team, kinds ...int) *person {
		var c []int
		for _, id := range t.members {
			if slices.Contains(kinds, g.people[id].kind) {
				c = append(c, id)
			}
		}
		if len(c) == 0 {
			return nil
		}
		return g.people[c[r.Intn(len(c))]]
	}
	order := func() []*team {
		ts := slices.Clone(g.teams)
		r.Shuffle(len(ts), func(i, j int) { ts[i], ts[j] = ts[j], ts[i] })
		return ts
	}

	// Bottlenecks: sometimes one library gatekeeper on the platform team,
	// the rest gate a team of at least five engineers.
	if r.Float64() < 0.55 {
		if p := pickFrom(g.teams[0], kEngineer); p != nil {
			p.kind = kGatekeeper
			p.lvl = 5 + r.Intn(2)
			g.gatekeeper = p.id
			nBott--
		}
	}
	bottTeam := map[int]bool{}
	for _, t := range order() {
		if nBott == 0 {
			break
		}
		if len(t.members) < 5 || (t.id == 0 && g.gatekeeper >= 0) {
			continue
		}
		p := pickFrom(t, kEngineer)
		p.kind = kBottleneck
		p.lvl = 5 + r.Intn(2)
		t.bottleneck = p.id
		bottTeam[t.id] = true
		nBott--
	}

	// Multipliers: seniors spread over teams, not in gated teams.
	multTeams := map[int]int{}
	for pass := 0; nMult > 0 && pass < 3; pass++ {
		for _, t := range order() {
			if nMult == 0 {
				break
			}
			// Multipliers sit at the main site: help across an ocean is
			// rarely quick.
			if bottTeam[t.id] || multTeams[t.id] > pass || len(t.members) < 3 || (t.site != 0 && pass == 0) {
				continue
			}
			p := pickFrom(t, kEngineer)
			if p == nil {
				continue
			}
			p.kind = kMultiplier
			p.lvl = []int{5, 5, 6, 6, 6, 7}[r.Intn(6)]
			multTeams[t.id]++
			nMult--
		}
	}

	// Fast in-team reviewers: teams of four or more without a gate.
	fastTeams := map[int]bool{}
	for _, t := range order() {
		if nFast == 0 {
			break
		}
		if bottTeam[t.id] || fastTeams[t.id] || len(t.members) < 5 || multTeams[t.id] > 0 || t.id == 0 {
			continue
		}
		p := pickFrom(t, kEngineer)
		if p == nil {
			continue
		}
		p.kind = kFast
		p.lvl = 4 + r.Intn(2)
		fastTeams[t.id] = true
		nFast--
	}

	// Soloists: often senior, in teams big enough not to need every
	// member's reviews.
	for pass := 0; nSolo > 0 && pass < 2; pass++ {
		for _, t := range order() {
			if nSolo == 0 {
				break
			}
			p := pickFrom(t, kEngineer)
			if p == nil || len(t.members) < 5-2*pass {
				continue
			}
			p.kind = kSoloist
			p.lvl = 4 + r.Intn(3)
			nSolo--
		}
	}

	for _, p := range g.people {
		switch p.kind {
		case kMultiplier, kBottleneck, kGatekeeper, kSoloist, kFast:
			g.titleFor(p, r)
		}
	}

	// A contractor who reviews and authors but is not on the roster.
	t := g.teams[1+r.Intn(g.nTeams-1)]
	c := g.newPerson(kContractor, 4, t.id, t.dept, g.sites[t.site])
	t.members = append(t.members, c.id)
}

func (g *gen) choosePartners(p *person, n int, sameSite, sameDept float64) {
	r := g.rng
	var cand []int
	var w []float64
	local := 0
	for _, t := range g.teams {
		if t.id != p.team && t.site == g.teams[p.team].site {
			local++
		}
	}
	for _, t := range g.teams {
		if t.id == p.team {
			continue
		}
		if p.kind == kMultiplier && local >= 3 && t.site != g.teams[p.team].site {
			continue
		}
		x := 1.0
		if t.site == g.teams[p.team].site {
			x *= sameSite
		}
		if t.dept == p.dept {
			x *= sameDept
		}
		cand = append(cand, t.id)
		w = append(w, x)
	}
	for range min(n, len(cand)) {
		i := pickWeighted(r, w)
		p.partners = append(p.partners, cand[i])
		w[i] = 0
	}
}

func levelFactor(lvl int) float64 {
	return map[int]float64{3: 0.7, 4: 0.95, 5: 1.15, 6: 1.2, 7: 1.0}[lvl]
}

func (g *gen) personParams() {
	r := g.rng
	workdays := 0
	for d := g.from; !d.After(g.to); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			workdays++
		}
	}
	for _, p := range g.people {
		// Vacation: one block of 3–10 working days, more likely over a half-year.
		pv := 0.5
		if g.days > 120 {
			pv = 0.8
		}
		p.availF = 1
		if r.Float64() < pv {
			n := 3 + r.Intn(8)
			d := g.from.AddDate(0, 0, r.Intn(g.days-14))
			for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
				d = d.AddDate(0, 0, 1)
			}
			p.vacFrom = d
			for k := 1; k < n; {
				d = d.AddDate(0, 0, 1)
				if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
					k++
				}
			}
			p.vacTo = d
			p.availF = 1 - float64(n)/float64(workdays)
		}
		if p.team < 0 {
			p.med, p.sigma = g.med0*3, g.sigma
			continue
		}

		// Defaults: an ordinary engineer.
		lf := levelFactor(p.lvl)
		p.rate = g.rate0 * lognorm(r, 0.3) * map[int]float64{3: 0.9, 4: 1, 5: 1, 6: 0.85, 7: 0.7}[p.lvl]
		p.appetite = lognorm(r, 0.3) * lf
		if r.Float64() > 0.1 {
			p.cross = math.Min(0.25, math.Max(0.03, g.crossMean*lognorm(r, 0.45)))
		}
		p.med = g.med0 * lognorm(r, 0.35)
		p.sigma = g.sigma
		if p.lvl == 3 {
			p.med *= 1.1
		}
		p.pRound, p.pCR = g.pRound, 0.35
		p.cApprove, p.cChange = 0.5, 1.5
		nPartners := 1 + r.Intn(3)
		sameSite, sameDept := 2.0, 3.0

		switch p.kind {
		case kMultiplier:
			p.rate = g.rate0 * uniform(r, 0.5, 0.85) * lognorm(r, 0.1)
			p.cross = uniform(r, 0.35, 0.7)
			p.target = uniform(r, 2.0, 3.0)
			p.appetite = p.target * (1 - p.cross) / (1 - g.crossMean)
			// Responsive: well under the typical wall-clock median, and
			// mostly the same working day when the typical is next-day.
			p.sigma = g.sigma * 0.8
			tgt := g.wall0 * uniform(r, 0.3, 0.55)
			if tgt > 4.5 {
				tgt = uniform(r, 2.5, 4.5)
			}
			p.med = math.Min(g.calibrate(tgt, p.sigma), 0.5*g.med0)
			for g.wallMedian(p.med*1.6, p.sigma) > 6 {
				p.med *= 0.9 // keep clear of the overnight cliff
			}
			p.pRound += 0.15
			p.pCR = 0.3
			p.cApprove, p.cChange = 1.2, 2.5
			nPartners = 3 + r.Intn(4)
			sameSite, sameDept = 6, 1.3
		case kFast:
			p.rate = g.rate0 * uniform(r, 0.7, 1.0)
			p.appetite = uniform(r, 3, 4.5)
			p.target = uniform(r, 1.6, 2.4)
			p.cross = uniform(r, 0, 0.07)
			p.med = math.Min(g.calibrate(math.Max(0.35, g.wall0*uniform(r, 0.12, 0.3)), p.sigma), 0.3*g.med0)
			for g.wallMedian(p.med*1.6, p.sigma) > 4 {
				p.med *= 0.9
			}
			p.pRound = 0.08
			p.pCR = 0.2
			p.cApprove, p.cChange = 0.15, 0.8
			nPartners = 1
		case kSoloist:
			p.rate = g.rate0 * uniform(r, 2.3, 3.0) * lognorm(r, 0.05)
			p.appetite = uniform(r, 0.1, 0.28)
			p.cross = uniform(r, 0, 0.1)
			p.med = g.med0 * uniform(r, 1.0, 1.6)
			p.cApprove = 0.3
		case kBottleneck, kGatekeeper:
			p.rate = g.rate0 * uniform(r, 0.4, 0.8)
			p.appetite = 0 // reviews as the required reviewer
			p.cross = uniform(r, 0, 0.05)
			if p.kind == kGatekeeper {
				p.appetite = uniform(r, 0.4, 0.7)
				p.cross = 0
			}
			// Clearly slower than typical. Where the typical review comes
			// the same day, a slow one comes in an evening catch-up that
			// is sometimes skipped, or the next day.
			tgt := g.wall0 * uniform(r, 3.3, 6)
			switch {
			case tgt >= 15:
				p.med = math.Max(g.calibrate(tgt, p.sigma), 2.5*g.med0)
			case g.wall0 < 2.5 || r.Float64() < 0.4:
				p.batch = true
				p.skip = g.calibrateSkip(math.Min(g.wall0*uniform(r, 3, 4.5), 11))
			default:
				p.med = math.Max(g.calibrate(uniform(r, 15, 17), p.sigma), 2.5*g.med0)
			}
			p.pRound = uniform(r, 0.45, 0.6)
			p.pCR = 0.6
			p.cApprove, p.cChange = 0.8, 2.5
		case kManager:
			p.rate = g.rate0 * uniform(r, 0.05, 0.3)
			p.appetite = uniform(r, 0.2, 0.5)
			p.cross = uniform(r, 0.05, 0.2)
			p.med = g.med0 * uniform(r, 1.2, 2.0)
			p.pRound = 0.2
			p.cApprove = 0.4
		case kContractor:
			p.rate = g.rate0 * uniform(r, 0.8, 1.1)
			p.appetite = 0.8
			p.cross = 0.03
			p.med = g.med0 * 1.1
		}
		g.choosePartners(p, nPartners, sameSite, sameDept)
		for range p.partners {
			p.partnerW = append(p.partnerW, uniform(r, 0.6, 1.4))
		}
	}
}

// ---- pull requests ------------------------------------------------------

func (g *gen) workTime(p *person) time.Time {
	r := g.rng
	for range 100 {
		d := g.from.AddDate(0, 0, r.Intn(g.days))
		if !p.works(d) && r.Float64() > 0.03 {
			continue
		}
		h := p.dayStart + uniform(r, 0.2, workLen-0.2)
		if r.Float64() < 0.04 {
			h = uniform(r, 19, 23)
		}
		t := d.Add(hours(h)).Add(-p.tz).Truncate(time.Minute)
		if t.Before(g.from) || !t.Before(g.to.AddDate(0, 0, 1)) {
			continue
		}
		return t
	}
	return g.from.Add(12 * time.Hour)
}

func (g *gen) title(area *team, lib bool) string {
	r := g.rng
	verb := prVerbs[r.Intn(len(prVerbs))]
	var thing string
	if lib {
		thing = libThings[r.Intn(len(libThings))]
	} else {
		noun := strings.ToLower(area.name)
		thing = fmt.Sprintf(prThings[r.Intn(len(prThings))], noun)
	}
	s := verb + " " + thing
	switch u := r.Float64(); {
	case u < 0.25:
		s = fmt.Sprintf("[%s-%d] %s", area.key, 100+r.Intn(3900), s)
	case u < 0.45:
		typ := []string{"feat", "fix", "chore", "refactor"}[r.Intn(4)]
		scope := area.slug
		if lib {
			scope = "lib"
		}
		s = fmt.Sprintf("%s(%s): %s", typ, scope, strings.ToLower(verb[:1])+verb[1:]+" "+thing)
	}
	return s
}

func (g *gen) makePRs() {
	r := g.rng
	for _, p := range g.people {
		if p.rate <= 0 || p.team < 0 {
			continue
		}
		own := g.teams[p.team]
		n := poisson(r, p.rate*g.weeks*p.availF)
		if p.kind == kSoloist {
			n = randRound(r, p.rate*g.weeks*p.availF) // steady output
		}
		for range n {
			x := &pr{author: p.id, area: p.team, created: g.workTime(p)}
			pl := g.pLib
			if p.team == 0 {
				pl = 0.3
			}
			if p.kind == kGatekeeper {
				pl = 0.5
			}
			pOther := 0.02
			if p.kind == kSoloist {
				pOther = 0.05
			}
			switch u := r.Float64(); {
			case u < pl:
				x.lib = true
				x.area = 0
				x.repo = g.libRepo
			case u < pl+pOther:
				o := r.Intn(g.nTeams - 1)
				if o >= p.team {
					o++
				}
				x.area = o
			}
			if !x.lib {
				t := g.teams[x.area]
				x.repo = t.repos[pickWeighted(r, t.repoW)]
			}
			x.title = g.title(g.teams[x.area], x.lib)
			if x.area != own.id && !x.lib && r.Float64() < 0.5 {
				x.title = fmt.Sprintf("[%s] %s", own.key, x.title)
			}
			g.prs = append(g.prs, x)
		}
	}
	// Dependency bumps by the bot.
	type botRepo struct {
		repo string
		area int
		rate float64
	}
	var br []botRepo
	if g.cfg.Monorepo {
		br = append(br, botRepo{"corp/monorepo", -1, uniform(r, 1, 2.5)})
	} else {
		for _, t := range g.teams {
			for _, rp := range t.repos {
				br = append(br, botRepo{rp, t.id, uniform(r, 0.15, 0.5)})
			}
		}
	}
	br = append(br, botRepo{g.libRepo, 0, uniform(r, 0.3, 0.6)})
	for _, b := range br {
		n := poisson(r, b.rate*g.weeks)
		for range n {
			area := b.area
			if area < 0 {
				area = r.Intn(g.nTeams)
			}
			d := g.from.AddDate(0, 0, r.Intn(g.days))
			for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
				d = d.AddDate(0, 0, 1)
			}
			if d.After(g.to) {
				d = g.to
			}
			pkg := botPackages[r.Intn(len(botPackages))]
			maj, mi := r.Intn(5), r.Intn(30)
			title := fmt.Sprintf("Bump %s from %d.%d.%d to %d.%d.%d", pkg, maj, mi, r.Intn(10), maj, mi+1+r.Intn(2), 0)
			if g.cfg.Monorepo && b.repo == "corp/monorepo" {
				title += " in /services/" + g.teams[area].slug
			}
			g.prs = append(g.prs, &pr{
				repo: b.repo, author: -1, area: area, lib: b.repo == g.libRepo,
				created: d.Add(hours(uniform(r, 3, 7))).Truncate(time.Minute), title: title,
			})
		}
	}
	slices.SortStableFunc(g.prs, func(a, b *pr) int { return a.created.Compare(b.created) })
	// Numbers per repository, in creation order, with gaps left by issues.
	next := map[string]int{}
	for _, x := range g.prs {
		if _, ok := next[x.repo]; !ok {
			next[x.repo] = 100 + r.Intn(4900)
		}
		next[x.repo] += 1 + r.Intn(3)
		x.num = next[x.repo]
	}
}

// ---- reviewers ----------------------------------------------------------

func (x *pr) has(id int) bool {
	for _, a := range x.asg {
		if a.who == id {
			return true
		}
	}
	return x.author == id
}

// peers picks up to n in-team reviewers for x from team t by appetite.
func (g *gen) peers(x *pr, t *team, n int, kind int) {
	cand := append(slices.Clone(t.members), t.manager)
	for range n {
		w := make([]float64, len(cand))
		for i, id := range cand {
			if !x.has(id) {
				w[i] = g.people[id].appetite
			}
		}
		i := pickWeighted(g.rng, w)
		if i < 0 {
			return
		}
		x.asg = append(x.asg, asg{cand[i], kind})
	}
}

func (g *gen) drawK() int {
	u := g.rng.Float64()
	switch {
	case u < g.kP1:
		return 1
	case u < g.kP1+g.kP2:
		return 2
	}
	return 3
}

func (g *gen) assignReviewers() {
	r := g.rng
	// Stage 1: required and in-team reviewers.
	for _, x := range g.prs {
		area := g.teams[x.area]
		if x.author < 0 {
			g.peers(x, area, 1, aBot)
			continue
		}
		author := g.people[x.author]
		own := g.teams[author.team]
		if x.lib {
			forced := false
			if g.gatekeeper >= 0 && x.author != g.gatekeeper && r.Float64() < g.qLib {
				x.asg = append(x.asg, asg{g.gatekeeper, aForced})
				forced = true
			}
			if !forced || r.Float64() < 0.5 {
				g.peers(x, own, 1, aPeer)
			}
			if !forced && r.Float64() < 0.7 {
				x.owner = true
			}
			continue
		}
		k := min(g.drawK(), max(1, len(area.members)/2))
		if area.bottleneck >= 0 && x.author != area.bottleneck && r.Float64() < g.qTeam {
			x.asg = append(x.asg, asg{area.bottleneck, aForced})
			if r.Float64() < 0.5 {
				k--
			}
		}
		if area.id != own.id {
			// Contribution to another team's code: that team reviews it,
			// sometimes with a teammate of the author.
			g.peers(x, area, k, aOwner)
			if r.Float64() < 0.3 {
				g.peers(x, own, 1, aPeer)
			}
			continue
		}
		g.peers(x, area, k, aPeer)
	}

	// Stage 2: cross-team help, sized so each person's share of reviews
	// given to other teams comes out at their intended share.
	inTeam := make([]int, len(g.people))
	for _, x := range g.prs {
		if x.author < 0 {
			continue
		}
		at := g.people[x.author].team
		for _, a := range x.asg {
			if g.people[a.who].team == at {
				inTeam[a.who]++
			}
		}
	}
	// A typical engineer's total, to size multipliers whose in-team share
	// came out small.
	var totals []float64
	for _, p := range g.people {
		if p.kind == kEngineer {
			totals = append(totals, float64(inTeam[p.id])/(1-p.cross))
		}
	}
	typical := median(totals)
	// Pools of each team's own human PRs.
	pool := make([][]*pr, g.nTeams)
	for _, x := range g.prs {
		if x.author >= 0 && !x.lib && g.people[x.author].team == x.area {
			pool[x.area] = append(pool[x.area], x)
		}
	}
	// Multipliers and fast reviewers whose team gave them little to review
	// chime in on more of their teammates' PRs.
	for _, p := range g.people {
		if p.kind != kMultiplier && p.kind != kFast {
			continue
		}
		need := randRound(r, p.target*typical*(1-p.cross)) - inTeam[p.id]
		c := pool[p.team]
		for _, j := range r.Perm(len(c)) {
			if need <= 0 {
				break
			}
			if x := c[j]; !x.has(p.id) {
				x.asg = append(x.asg, asg{p.id, aPeer})
				inTeam[p.id]++
				need--
			}
		}
	}
	budget := make([]int, len(g.people))
	for _, p := range g.people {
		if p.cross > 0 && p.team >= 0 {
			in := float64(inTeam[p.id])
			x := in * p.cross / (1 - p.cross)
			if p.kind == kMultiplier {
				// A small team: more of their help goes elsewhere.
				x = math.Max(x, math.Min(p.target*typical-in, in*0.68/0.32))
			}
			budget[p.id] = randRound(r, x)
		}
	}
	// Library PRs wanting an owner: platform people spend cross budget on
	// them; a platform author's own PR is reviewed in-team.
	owner := g.teams[0]
	ownerCand := append(slices.Clone(owner.members), owner.manager)
	for _, x := range g.prs {
		if !x.owner {
			continue
		}
		at := g.people[x.author].team
		w := make([]float64, len(ownerCand))
		for i, id := range ownerCand {
			if x.has(id) || id == g.gatekeeper || g.people[id].kind == kMultiplier {
				continue // multipliers spend their help on their partner teams
			}
			if at == 0 {
				w[i] = g.people[id].appetite
			} else {
				w[i] = float64(budget[id])
			}
		}
		if i := pickWeighted(r, w); i >= 0 {
			id := ownerCand[i]
			x.asg = append(x.asg, asg{id, aOwner})
			if at != 0 {
				budget[id]--
			}
		}
	}
	for _, p := range g.people {
		if budget[p.id] <= 0 || len(p.partners) == 0 {
			continue
		}
		counts := make([]int, len(p.partners))
		if p.kind == kMultiplier {
			// Steady help to each partner team: shares in proportion to
			// their weights, dropping the lightest partners when the
			// budget would spread too thin.
			n := len(p.partners)
			for n > 3 && budget[p.id] < 7*n {
				n--
			}
			order := make([]int, len(p.partners))
			for i := range order {
				order[i] = i
			}
			slices.SortStableFunc(order, func(a, b int) int { return cmpDesc(p.partnerW[a], p.partnerW[b]) })
			total := 0.0
			for _, i := range order[:n] {
				total += p.partnerW[i]
			}
			for _, i := range order[:n] {
				counts[i] = randRound(r, float64(budget[p.id])*p.partnerW[i]/total)
			}
		} else {
			for range budget[p.id] {
				counts[pickWeighted(r, p.partnerW)]++
			}
		}
		for i, u := range p.partners {
			c := pool[u]
			idx := r.Perm(len(c))
			for _, j := range idx {
				if counts[i] == 0 {
					break
				}
				x := c[j]
				if x.has(p.id) {
					continue
				}
				x.asg = append(x.asg, asg{p.id, aCross})
				counts[i]--
			}
		}
	}
	// Every human PR gets someone.
	for _, x := range g.prs {
		if len(x.asg) == 0 && x.author >= 0 {
			g.peers(x, g.teams[g.people[x.author].team], 1, aPeer)
		}
	}
}

// ---- timing and review rows ---------------------------------------------

func (g *gen) respond(p *person, start time.Time, h float64) time.Time {
	h = math.Max(h, 0.08)
	if p.batch {
		return sitting(p, start, g.rng.Float64(), g.rng.Float64())
	}
	if h < 3 && g.rng.Float64() < 0.05 {
		return start.Add(hours(h)) // a quick look outside working hours
	}
	return addWork(p, start, h)
}

func (g *gen) draw(p *person, scale float64) float64 {
	return p.med * scale * lognorm(g.rng, p.sigma)
}

func (g *gen) render() {
	r := g.rng
	for _, x := range g.prs {
		var author *person
		if x.author >= 0 {
			author = g.people[x.author]
		}
		var forcedOK []time.Time
		forcedMissing := false
		var firstOther time.Time
		var last time.Time
		add := func(who int, state string, at time.Time, comments int) {
			at = at.Truncate(time.Minute)
			if !at.After(x.created) {
				at = x.created.Add(time.Duration(1+r.Intn(5)) * time.Minute)
			}
			g.rows = append(g.rows, row{x, who, state, at, comments})
			if at.After(last) {
				last = at
			}
		}
		for i, a := range x.asg {
			p := g.people[a.who]
			start := x.created
			if (a.kind == aCross || a.kind == aOwner) && author != nil && r.Float64() < 0.2 {
				start = addWork(author, x.created, uniform(r, 0.1, 1)) // asked a bit later
			}
			if a.kind == aBot {
				t := g.respond(p, start, g.draw(p, 0.5))
				add(a.who, "APPROVED", t, 0)
				if firstOther.IsZero() || t.Before(firstOther) {
					firstOther = t
				}
				continue
			}
			t := g.respond(p, start, g.draw(p, 1))
			advisory := 0.0
			switch a.kind {
			case aCross:
				advisory = 0.3
				if p.kind == kMultiplier {
					advisory = 0.12
				}
			case aOwner:
				advisory = 0.1
			case aPeer:
				if i > 0 {
					advisory = 0.12
				}
			}
			var approved time.Time
			switch {
			case r.Float64() < advisory:
				add(a.who, "COMMENTED", t, 1+poisson(r, p.cChange))
			case r.Float64() < p.pRound:
				rounds := 1
				if r.Float64() < 0.12 {
					rounds = 2
				}
				for k := 0; k < rounds; k++ {
					state := "COMMENTED"
					if r.Float64() < p.pCR {
						state = "CHANGES_REQUESTED"
					}
					add(a.who, state, t, 1+poisson(r, p.cChange))
					fix := addWork(author, t, 1.5*lognorm(r, 0.8))
					if r.Float64() < 0.15 {
						add(x.author, "COMMENTED", fix.Add(-time.Duration(r.Intn(20))*time.Minute), 1+poisson(r, 1))
					}
					t = g.respond(p, fix, g.draw(p, 0.5))
				}
				approved = t
			default:
				approved = t
			}
			if !approved.IsZero() {
				if r.Float64() < 0.01 {
					add(a.who, "DISMISSED", approved, poisson(r, 0.3))
					approved = g.respond(p, addWork(author, approved, 1), g.draw(p, 0.3))
				}
				add(a.who, "APPROVED", approved, poisson(r, p.cApprove))
			}
			if a.kind == aForced {
				if approved.IsZero() {
					forcedMissing = true
				} else {
					forcedOK = append(forcedOK, approved)
				}
			} else if !approved.IsZero() && (firstOther.IsZero() || approved.Before(firstOther)) {
				firstOther = approved
			}
		}
		// Merge once the required approvals and one other approval are in.
		ready := firstOther
		for _, t := range forcedOK {
			if t.After(ready) {
				ready = t
			}
		}
		merged := !forcedMissing && !ready.IsZero()
		if ready.IsZero() {
			ready = last
			merged = r.Float64() < 0.5
		}
		if r.Float64() < g.pClosed {
			merged = false
		}
		if merged && !ready.IsZero() {
			var m time.Time
			if author != nil {
				m = addWork(author, ready, 0.4*lognorm(r, 1))
			} else {
				m = ready.Add(hours(uniform(r, 0.05, 2)))
			}
			m = m.Truncate(time.Minute)
			if !m.After(last) {
				m = last.Add(time.Duration(1+r.Intn(10)) * time.Minute)
			}
			if !m.After(g.cutoff) {
				g.merged[x] = m
			}
		}
	}
	// The export was taken at the cutoff.
	g.rows = slices.DeleteFunc(g.rows, func(w row) bool { return w.submitted.After(g.cutoff) })
	slices.SortStableFunc(g.rows, func(a, b row) int {
		if c := strings.Compare(a.pr.repo, b.pr.repo); c != 0 {
			return c
		}
		if a.pr.num != b.pr.num {
			return a.pr.num - b.pr.num
		}
		return a.submitted.Compare(b.submitted)
	})
}

func (g *gen) loginOf(id int) string {
	if id < 0 {
		return botLogin
	}
	return g.people[id].login
}

func (g *gen) output() *Org {
	o := &Org{
		Truth:  map[string]string{},
		merged: map[string]time.Time{},
		period: multiplier.Period{From: g.from, To: g.to},
	}
	var roster []*person
	for _, p := range g.people {
		if p.inRoster {
			roster = append(roster, p)
		}
	}
	slices.SortStableFunc(roster, func(a, b *person) int { return strings.Compare(a.name, b.name) })
	for _, p := range roster {
		teamName := "Engineering Leadership"
		if p.team >= 0 {
			teamName = g.teams[p.team].name
		}
		o.People = append(o.People, multiplier.Person{
			Email: p.email, Name: p.name, Team: teamName, Department: p.dept,
			Title: p.title, Level: p.level, Manager: p.managerEmail,
			GitHub: p.rosterLogin, SlackID: p.slack,
		})
		o.Truth[p.email] = truthOf(p.kind)
	}
	for _, w := range g.rows {
		o.Reviews = append(o.Reviews, multiplier.Review{
			Repository: w.pr.repo,
			Change:     fmt.Sprint(w.pr.num),
			Title:      w.pr.title,
			Author:     g.loginOf(w.pr.author),
			Reviewer:   g.loginOf(w.reviewer),
			Created:    w.pr.created,
			Submitted:  w.submitted,
			State:      w.state,
			Comments:   w.comments,
		})
	}
	for x, m := range g.merged {
		o.merged[prKey(x.repo, fmt.Sprint(x.num))] = m
	}
	return o
}

func prKey(repo, change string) string { return repo + "#" + change }

func sortFloats(s []float64) { slices.Sort(s) }

func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}
