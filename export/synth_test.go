package export

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// Synthetic people: invented, distinctive names that occur in no English
// word, so a case-insensitive search of the output for them finds only
// leaks. One has an accent and one an apostrophe, to catch encodings.
var (
	synthFirst = []string{
		"Zephyrine", "Orlagh", "Quillon", "Brisenda", "Tamsolde", "Vexley", "Ysmerelda", "Corwyth",
		"Feodrin", "Ilvarra", "Jasquin", "Marrowen", "Nyxabel", "Oswinthe", "Prudexa", "Rhodwyn",
		"Sivrelle", "Thadrick", "Ulvanna", "Wendrolf", "Xanthelle", "Yorrick", "Zelphine", "Albrecca",
		"Brannoch", "Cressida", "Drummelin", "Eskarine", "Fenwyck", "Gwenthraw", "Halvorine", "Ignatzio",
		"Jorvelle", "Kestrin", "Lumarra", "Mordwen", "Nettlebeth", "Ottoline", "Pellinor", "Quenby",
	}
	synthLast = []string{
		"Quaxley", "Thistlewood", "Brindlecombe", "Vardøy", "Ossingham", "Pemberwick", "Grunwaldt", "Halloway-Finch",
		"Moxingdale", "Tressider", "Ulverston", "Wyndhollow", "Kettleby", "Lorrimore", "Nuttingworth", "O'Fallowmere",
		"Pryderi", "Quillfeather", "Rathbone-Vey", "Stobbart", "Trevanion", "Umfreville", "Vosberg", "Wetherell",
		"Yelverton", "Zouchard", "Abernethyx", "Blenkinsop", "Carradock", "Dunstervale", "Eppingworth", "Fothergale",
		"Glanvillex", "Hesketh-Moor", "Illingworthe", "Jessamondo", "Kinnerslake", "Lydgateway", "Mallowfern", "Norbrecker",
	}
	synthTeams = []string{"Platform", "Payments", "Search", "Mobile", "Insights", "Identity"}
	synthSizes = []int{8, 8, 8, 7, 6, 3} // Identity is below the default MinGroupSize
)

// synthEmail is a person's email from their name.
func synthEmail(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('.')
		case r == 'ø':
			b.WriteByte('o')
		}
	}
	return b.String() + "@corp.example"
}

// synthReport builds a report of n people (at most 40) in six teams,
// from a fixed seed: roles, evidence that names colleagues in every
// form (full name, first name, "Last, First", email, handle), metrics
// with team and organisation medians, a trend of four quarters with
// negative changes, an X/Y layout by team and a help graph.
func synthReport(n int) Report {
	rng := rand.New(rand.NewPCG(7, 11))
	r := Report{
		Title:        "Multiplier — Platform org",
		Period:       "2026-04-01 – 2026-09-30",
		MinGroupSize: 5,
	}
	// People and teams.
	var teamOf []int
	for t, s := range synthSizes {
		for range s {
			teamOf = append(teamOf, t)
		}
	}
	levels := []string{"L3", "L4", "L5", "L6", "L7"}
	titles := []string{"Software Engineer", "Senior Software Engineer", "Staff Engineer", "Principal Engineer"}
	for i := range min(n, len(synthFirst)) {
		name := synthFirst[i] + " " + synthLast[i]
		t := teamOf[i*len(teamOf)/min(n, len(synthFirst))]
		r.People = append(r.People, Person{
			Email:      synthEmail(name),
			Name:       name,
			Team:       synthTeams[t],
			Department: "Engineering",
			Level:      levels[rng.IntN(len(levels))],
			Title:      titles[rng.IntN(len(titles))],
			Aliases:    []string{"@" + strings.ToLower(synthFirst[i]) + "-gh"},
		})
	}
	n = len(r.People)
	teamIdx := func(i int) int {
		for t, name := range synthTeams {
			if r.People[i].Team == name {
				return t
			}
		}
		return -1
	}

	// Layout: team clusters around a circle.
	for i := range r.People {
		t := teamIdx(i)
		a := 2 * math.Pi * float64(t) / float64(len(synthTeams))
		r.People[i].X = 0.5 + 0.32*math.Cos(a) + 0.12*(rng.Float64()-0.5)
		r.People[i].Y = 0.5 + 0.32*math.Sin(a) + 0.12*(rng.Float64()-0.5)
	}

	// Roles.
	roleList := []string{RoleMultiplier, RoleMultiplier, RoleMultiplier, RoleMultiplier, RoleBottleneck, RoleBottleneck, RoleBottleneck,
		RoleConnector, RoleConnector, RoleConnector, RoleSolo, RoleSolo, RoleSolo, RoleSolo,
		RolePeripheral, RolePeripheral, RolePeripheral, RolePeripheral, RolePeripheral}
	perm := rng.Perm(n)
	for k, i := range perm {
		if k < len(roleList) {
			r.People[i].Roles = []string{roleList[k]}
		}
	}
	if n > 3 {
		r.People[perm[0]].Roles = append(r.People[perm[0]].Roles, RoleConnector)
	}

	// Edges: within teams often, across teams for multipliers and
	// connectors.
	for i := range r.People {
		for j := range r.People {
			if i == j {
				continue
			}
			same := teamIdx(i) == teamIdx(j)
			p := 0.04
			if same {
				p = 0.45
			}
			if hasRole(r.People[i], RoleMultiplier) || hasRole(r.People[i], RoleConnector) {
				p *= 2.5
			}
			if hasRole(r.People[i], RolePeripheral) || hasRole(r.People[i], RoleSolo) {
				p *= 0.3
			}
			if rng.Float64() < p {
				r.Edges = append(r.Edges, Edge{From: i, To: j, Weight: float64(1 + rng.IntN(12))})
			}
		}
	}

	// Metrics from the edges.
	given := make([]float64, n)
	recv := make([]float64, n)
	cross := make([]float64, n)
	helped := make([]map[int]bool, n)
	for i := range helped {
		helped[i] = map[int]bool{}
	}
	for _, e := range r.Edges {
		given[e.From] += e.Weight
		recv[e.To] += e.Weight
		if teamIdx(e.From) != teamIdx(e.To) {
			cross[e.From] += e.Weight
			helped[e.From][teamIdx(e.To)] = true
		}
	}
	vals := make([][]float64, n)
	for i, p := range r.People {
		share := 0.0
		if given[i] > 0 {
			share = cross[i] / given[i]
		}
		output := float64(5 + rng.IntN(40))
		if hasRole(p, RoleSolo) {
			output += 30
		}
		turnaround := 2 + rng.Float64()*30
		if hasRole(p, RoleBottleneck) {
			turnaround += 40
		}
		if rng.IntN(9) == 0 {
			turnaround = math.NaN()
		}
		vals[i] = []float64{given[i], recv[i], output, share, float64(len(helped[i])), turnaround, given[i] - recv[i], rng.Float64() * 0.08}
		r.People[i].Output = output
		r.People[i].Leverage = given[i] * (0.5 + share)
	}
	defs := []Metric{
		{Key: "reviews_given", Label: "Reviews given", Unit: "reviews"},
		{Key: "reviews_received", Label: "Reviews received", Unit: "reviews"},
		{Key: "changes_authored", Label: "Changes authored", Unit: "changes"},
		{Key: "cross_team_share", Label: "Cross-team share", Unit: "%"},
		{Key: "teams_helped", Label: "Teams helped", Unit: "teams"},
		{Key: "median_turnaround_hours", Label: "Median turnaround", Unit: "hours"},
		{Key: "review_balance", Label: "Review balance (given − received)", Unit: "reviews"},
		{Key: "betweenness", Label: "Betweenness", Unit: ""},
	}
	for i := range r.People {
		for k, d := range defs {
			var team, org []float64
			for j := range r.People {
				org = append(org, vals[j][k])
				if teamIdx(j) == teamIdx(i) {
					team = append(team, vals[j][k])
				}
			}
			d.Value, d.TeamMedian, d.OrgMedian = vals[i][k], median(team), median(org)
			r.People[i].Metrics = append(r.People[i].Metrics, d)
		}
	}

	// Trend: four quarters, the last one this period; changes may be
	// negative.
	quarters := []string{"2025Q3", "2025Q4", "2026Q1", "2026Q2"}
	for i := range r.People {
		g := given[i]
		for q, label := range quarters {
			f := 0.55 + 0.15*float64(q) + 0.1*rng.Float64()
			if q == len(quarters)-1 {
				f = 1
			}
			r.People[i].Trend = append(r.People[i].Trend, TrendPoint{Label: label, Values: map[string]float64{
				"reviews_given":    math.Round(g * f),
				"reviews_received": math.Round(recv[i] * (0.7 + 0.3*rng.Float64())),
				"changes_authored": math.Round(r.People[i].Output * (0.6 + 0.5*rng.Float64())),
				"review_balance":   math.Round(g*f - recv[i]),
			}})
		}
	}

	// Evidence that names colleagues in every form people write them.
	for i, p := range r.People {
		j := (i + 1) % n
		k := (i + 7) % n
		other, third := r.People[j], r.People[k]
		first := strings.Fields(other.Name)[0]
		last := strings.Fields(other.Name)[len(strings.Fields(other.Name))-1]
		conf := []string{"high", "medium", "low"}[rng.IntN(3)]
		r.People[i].Confidence = conf
		r.People[i].ConfidenceNote = fmt.Sprintf("%s confidence: %d reviews and %d chat threads in the period; %s's team shares the repositories.", conf, int(given[i]+recv[i]), rng.IntN(60), first)
		r.People[i].Coverage = fmt.Sprintf("reviews %d · chat %d · meetings %d", int(given[i]+recv[i]), rng.IntN(80), rng.IntN(40))
		for _, role := range p.Roles {
			var texts []string
			switch role {
			case RoleMultiplier:
				texts = []string{
					fmt.Sprintf("Gave %d reviews to 4 other teams; %.0f%% of their reviews went outside %s.", int(given[i]), 100*vals[i][3], p.Team),
					fmt.Sprintf("Unblocked %s (%s) on the ledger migration within a day, three times.", other.Name, other.Email),
					fmt.Sprintf("Reviewed changes by %s, %s in Payments and answered @%s in #platform-help.", last, first, strings.ToLower(strings.Fields(third.Name)[0])+"-gh"),
				}
			case RoleBottleneck:
				texts = []string{
					fmt.Sprintf("Median turnaround %.0f hours, three times the organisation's; 38%% of the search-api reviews wait on them.", vals[i][5]),
					fmt.Sprintf("%s and %s waited more than two days for a review eleven times.", strings.ToUpper(first), third.Name),
				}
			case RoleConnector:
				texts = []string{fmt.Sprintf("The only tie between %s and Mobile runs through them; %s (%s) relies on that link.", p.Team, first, strings.Split(other.Email, "@")[0])}
			case RoleSolo:
				texts = []string{fmt.Sprintf("Authored %d changes but reviewed only %d of others'; most reviews came from %s.", int(p.Output), int(given[i]), other.Name)}
			case RolePeripheral:
				texts = []string{"Few ties in the period: 3 people, all in the same team."}
			}
			for _, t := range texts {
				r.People[i].Evidence = append(r.People[i].Evidence, Evidence{Role: role, Text: t})
			}
		}
		r.People[i].Evidence = append(r.People[i].Evidence, Evidence{Text: fmt.Sprintf("Works most with %s and %s.", other.Name, third.Name)})
	}

	// One person's evidence is far longer than a page holds.
	if n > 2 {
		for k := range 24 {
			r.People[2].Evidence = append(r.People[2].Evidence, Evidence{Text: fmt.Sprintf(
				"Observation %d: paired with %s on the incident review, wrote the follow-up design note and walked two other teams through the new rollout checklist, which they now use.", k+1, r.People[(k+3)%n].Name)})
		}
	}

	// Team flows from the edges.
	r.Flows = Flows{Teams: synthTeams, Unit: "reviews", Weight: make([][]float64, len(synthTeams))}
	for t := range synthTeams {
		r.Flows.Weight[t] = make([]float64, len(synthTeams))
	}
	for _, e := range r.Edges {
		if a, b := teamIdx(e.From), teamIdx(e.To); a >= 0 && b >= 0 {
			r.Flows.Weight[a][b] += e.Weight
		}
	}
	r.Generated = time.Date(2026, 10, 2, 9, 30, 0, 0, time.UTC)
	return r
}

func hasRole(p Person, role string) bool {
	for _, r := range p.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// synthSecrets lists, in lower case, every string of the roster of r
// that must not occur in an anonymised export: each name, each word of a
// name and each part of a hyphenated or apostrophised word with four
// letters or more, each email, its local part and the words of that,
// and each alias with and without its "@".
func synthSecrets(r Report) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = strings.ToLower(strings.TrimSpace(s))
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	word := func(w string) {
		if len([]rune(w)) >= 4 {
			add(w)
		}
	}
	for _, p := range r.People {
		add(p.Name)
		for _, w := range strings.Fields(p.Name) {
			word(w)
			for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '\'' || r == '’' }) {
				word(part)
			}
		}
		add(p.Email)
		local, _, _ := strings.Cut(p.Email, "@")
		add(local)
		for _, w := range strings.Split(local, ".") {
			word(w)
		}
		for _, a := range p.Aliases {
			add(a)
			add(strings.TrimPrefix(a, "@"))
		}
	}
	sort.Strings(out)
	return out
}
