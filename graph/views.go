package graph

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Flows is the help between roster teams in one period: Weight[i][j] is
// the summed Edge.Weight from the people of Teams[i] to the people of
// Teams[j]; the diagonal is help inside a team. Only ties between two
// roster people who both have a team count: externals and people
// without a team are left out.
type Flows struct {
	// Teams are the roster's teams, sorted by name. Team names are
	// matched as Analyze matches them (case and inner white space
	// ignored) and spelled as the roster first wrote them.
	Teams []string
	// Weight is len(Teams) × len(Teams).
	Weight [][]float64

	carriers map[[2]int][]Carrier // (from team, to team) → givers, sorted
}

// Carrier is one person's part of a team flow.
type Carrier struct {
	// Key is the giver's roster email.
	Key string
	// Weight is the summed Edge.Weight from Key to the people of the
	// receiving team.
	Weight float64
}

// Carriers returns the people of Teams[i] who carry the flow to
// Teams[j], by Weight descending, then by key; nil when there is no
// flow. The slice is the caller's. It panics when i or j is not an index
// of Teams.
func (f Flows) Carriers(i, j int) []Carrier {
	if i < 0 || j < 0 || i >= len(f.Teams) || j >= len(f.Teams) {
		panic(fmt.Sprintf("graph: team flow (%d, %d) outside %d teams", i, j, len(f.Teams)))
	}
	return slices.Clone(f.carriers[[2]int{i, j}])
}

// rosterTeams returns each roster email's team key (the first listing's,
// "" for none) and the display name of every team key.
func (r *Result) rosterTeams() (teamOf, names map[string]string) {
	teamOf = make(map[string]string, len(r.People))
	names = make(map[string]string)
	for _, p := range r.People {
		email := p.Person.Email
		if _, ok := teamOf[email]; ok {
			continue
		}
		k := teamKey(p.Person.Team)
		teamOf[email] = k
		if _, ok := names[k]; !ok && k != "" {
			names[k] = strings.Join(strings.Fields(p.Person.Team), " ")
		}
	}
	return teamOf, names
}

// TeamFlows returns the team × team matrix of help on r.Edges, and who
// carries each flow. r must come from Analyze.
func (r *Result) TeamFlows() Flows {
	teamOf, names := r.rosterTeams()
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(strings.Compare(names[a], names[b]), strings.Compare(a, b))
	})
	f := Flows{
		Teams:    make([]string, len(keys)),
		Weight:   make([][]float64, len(keys)),
		carriers: make(map[[2]int][]Carrier),
	}
	index := make(map[string]int, len(keys))
	for i, k := range keys {
		f.Teams[i] = names[k]
		f.Weight[i] = make([]float64, len(keys))
		index[k] = i
	}
	type flow struct {
		from, to int
		key      string
	}
	by := make(map[flow]float64)
	for _, e := range r.Edges {
		a, b := teamOf[e.From], teamOf[e.To]
		if a == "" || b == "" {
			continue // external or without a team
		}
		i, j := index[a], index[b]
		f.Weight[i][j] += e.Weight
		by[flow{i, j, e.From}] += e.Weight
	}
	for k, w := range by {
		ij := [2]int{k.from, k.to}
		f.carriers[ij] = append(f.carriers[ij], Carrier{Key: k.key, Weight: w})
	}
	for _, cs := range f.carriers {
		slices.SortFunc(cs, func(a, b Carrier) int {
			return cmp.Or(cmp.Compare(b.Weight, a.Weight), strings.Compare(a.Key, b.Key))
		})
	}
	return f
}

// HelpConcentration returns the share of all help given that the top
// fraction top (in [0, 1]; 0.05 for the top 5%) of roster people, ranked
// by help given, hold. Help given is a person's summed Edge.Weight out,
// to anyone (externals included); the total is over roster people. The
// number of people counted is ⌈top × n⌉ for n distinct roster emails,
// at least 1 (a product within 1e−9 of a whole number counts as it, so
// 0.07 × 100 is 7). It returns 0 when no roster person gave help. It
// panics when top is outside [0, 1] or NaN.
//
// Cross, Rebele & Grant ("Collaborative Overload", Harvard Business
// Review, January–February 2016) found that 20–35% of value-added
// collaborations come from only 3–5% of employees; HelpConcentration(0.05)
// is the same measure on the help graph.
func (r *Result) HelpConcentration(top float64) float64 {
	if !(top >= 0 && top <= 1) {
		panic(fmt.Sprintf("graph: help concentration of the top %v, not a fraction in [0, 1]", top))
	}
	given := make(map[string]float64, len(r.People))
	for _, p := range r.People {
		given[p.Person.Email] = 0
	}
	var total float64
	for _, e := range r.Edges {
		if _, ok := given[e.From]; ok {
			given[e.From] += e.Weight
			total += e.Weight
		}
	}
	if !(total > 0) {
		return 0
	}
	ws := make([]float64, 0, len(given))
	for _, w := range given {
		ws = append(ws, w)
	}
	slices.Sort(ws)
	slices.Reverse(ws)
	n := max(1, int(math.Ceil(top*float64(len(ws))-1e-9)))
	return sum(ws[:n]) / total
}

// Medians returns, for each key of Metrics.Scores, the median of that
// score over the roster people of team ("" for the whole organisation,
// people without a team included); team is matched as Analyze matches
// teams (case and inner white space ignored). Each email counts once,
// with its first listing's team. Everyone in the team is included,
// managers too: the medians describe the team as it is, the reference
// line a person's numbers are read against.
//
// Unknown values are left out rather than counted: median_turnaround_hours
// for people with no known turnaround (−1), turnaround_vs_org and
// turnaround_vs_team for the same people (0), and constraint and
// effective_size for people without ties (−1). A key with no known value
// is absent, so an unknown team gives an empty map. Medians interpolate
// between the two middle values for an even count.
func (r *Result) Medians(team string) map[string]float64 {
	want := teamKey(team)
	seen := make(map[string]bool, len(r.People))
	values := make(map[string][]float64)
	for _, p := range r.People {
		email := p.Person.Email
		if seen[email] {
			continue
		}
		seen[email] = true
		if want != "" && teamKey(p.Person.Team) != want {
			continue
		}
		m := p.Metrics
		for k, v := range m.Scores() {
			switch k {
			case "median_turnaround_hours", "turnaround_vs_org", "turnaround_vs_team":
				if m.MedianTurnaroundHours < 0 {
					continue
				}
			case "constraint", "effective_size":
				if v < 0 {
					continue
				}
			}
			values[k] = append(values[k], v)
		}
	}
	out := make(map[string]float64, len(values))
	for k, vs := range values {
		out[k] = median(vs)
	}
	return out
}
