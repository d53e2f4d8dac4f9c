package export

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
)

// model is the Report as the renderers draw it: validated, with names
// replaced and text scrubbed in the anonymised variant, team aggregates
// derived and small teams marked hidden.
type model struct {
	title, period  string
	generated      time.Time
	anon           bool
	minGroup       int
	people         []person
	teams          []teamRow // visible teams by name, then hidden ones by name
	flows          flowView
	edges          []Edge
	cols           []metricCol // union of the people's metrics
	trendKeys      []string
	selected       []int
	outLabel       string
	levLabel       string
	hiddenTeams    int    // teams whose aggregates are hidden
	hiddenNote     string // says why, for footers and sheets; "" when none
	teamColour     map[string]int
	teamsForLegend []string
}

type person struct {
	Person
	slug       string
	primary    string // the role that colours the person
	teamHidden bool   // the team's median is hidden
}

type teamRow struct {
	Team
	hidden bool
}

type flowView struct {
	teams  []string
	hidden []bool
	w      [][]float64 // NaN where hidden
	unit   string
}

type metricCol struct {
	key, label, unit string
	integer          bool
}

// header is the column title: the label with its unit.
func (c metricCol) header() string {
	switch c.unit {
	case "":
		return c.label
	case "%":
		return c.label + " (%)"
	}
	return c.label + " (" + c.unit + ")"
}

// rolePriority orders the roles that colour a person.
var rolePriority = []string{RoleMultiplier, RoleBottleneck, RoleConnector, RoleSolo, RolePeripheral}

func primaryRole(roles []string) string {
	for _, r := range rolePriority {
		if slices.Contains(roles, r) {
			return r
		}
	}
	if len(roles) > 0 {
		return roles[0]
	}
	return ""
}

var isoDate = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// generatedTime is r.Generated, else the last date in r.Period, else
// 2000-01-01, in UTC and whole seconds.
func generatedTime(r Report) time.Time {
	if !r.Generated.IsZero() {
		return r.Generated.UTC().Truncate(time.Second)
	}
	if ds := isoDate.FindAllString(r.Period, -1); len(ds) > 0 {
		if t, err := time.Parse(time.DateOnly, ds[len(ds)-1]); err == nil {
			return t
		}
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

// newModel validates r and opt and builds the model.
func newModel(r Report, opt Options) (*model, error) {
	n := len(r.People)
	for i, e := range r.Edges {
		if e.From < 0 || e.From >= n || e.To < 0 || e.To >= n {
			return nil, fmt.Errorf("edge %d: person index %d → %d outside 0…%d", i, e.From, e.To, n-1)
		}
		if !(e.Weight >= 0) || math.IsInf(e.Weight, 0) {
			return nil, fmt.Errorf("edge %d: weight %v is not a finite number ≥ 0", i, e.Weight)
		}
	}
	if len(r.Flows.Weight) != len(r.Flows.Teams) {
		return nil, fmt.Errorf("flows: %d rows for %d teams", len(r.Flows.Weight), len(r.Flows.Teams))
	}
	for i, row := range r.Flows.Weight {
		if len(row) != len(r.Flows.Teams) {
			return nil, fmt.Errorf("flows: row %d has %d columns for %d teams", i, len(row), len(r.Flows.Teams))
		}
	}
	selected := opt.People
	if selected == nil {
		selected = make([]int, n)
		for i := range selected {
			selected[i] = i
		}
	}
	for _, i := range selected {
		if i < 0 || i >= n {
			return nil, fmt.Errorf("options: person index %d outside 0…%d", i, n-1)
		}
	}

	m := &model{
		title:     r.Title,
		period:    r.Period,
		generated: generatedTime(r),
		anon:      opt.Anonymize,
		minGroup:  r.MinGroupSize,
		edges:     r.Edges,
		selected:  slices.Clone(selected),
		outLabel:  cmp(r.OutputLabel, "Own output (changes authored)"),
		levLabel:  cmp(r.LeverageLabel, "Leverage (help given, weighted by cross-team share)"),
	}
	if m.minGroup <= 0 {
		m.minGroup = DefaultMinGroupSize
	}

	// Names: identity outside the anonymised variant.
	display := make([]string, n)
	text := func(s string) string { return s }
	team := text
	if opt.Anonymize {
		if opt.Pseudonyms != nil {
			seen := map[string]int{}
			for i, p := range r.People {
				ps := strings.TrimSpace(opt.Pseudonyms(p.Email))
				if ps == "" {
					return nil, fmt.Errorf("pseudonyms: none for person %d", i)
				}
				if j, dup := seen[ps]; dup {
					return nil, fmt.Errorf("pseudonyms: persons %d and %d share %q", j, i, ps)
				}
				seen[ps] = i
				display[i] = ps
			}
		} else {
			display = defaultPseudonyms(r.People)
		}
		pairs := scrubPairs(r.People, display)
		if opt.PseudonymTeams {
			var names []string
			for _, p := range r.People {
				names = append(names, p.Team)
			}
			for _, t := range r.Teams {
				names = append(names, t.Name)
			}
			names = append(names, r.Flows.Teams...)
			tp := teamPseudonyms(names)
			for name, ps := range tp {
				pairs[strings.ToLower(strings.Join(strings.Fields(name), " "))] = ps
			}
			team = func(s string) string {
				if ps, ok := tp[s]; ok {
					return ps
				}
				return s
			}
		}
		sc := newScrubber(pairs)
		text = sc.scrub
		plainTeam := team
		team = func(s string) string {
			if t := plainTeam(s); t != s {
				return t
			}
			return sc.scrub(s)
		}
	} else {
		for i, p := range r.People {
			display[i] = p.Name
		}
	}
	m.title = text(m.title)
	m.period = text(m.period)
	m.outLabel = text(m.outLabel)
	m.levLabel = text(m.levLabel)

	// Team sizes decide what is hidden.
	size := map[string]int{}
	for _, p := range r.People {
		if p.Team != "" {
			size[p.Team]++
		}
	}
	if r.Teams != nil {
		for _, t := range r.Teams {
			size[t.Name] = max(size[t.Name], t.People)
		}
	}
	hidden := func(name string) bool { return opt.Anonymize && size[name] < m.minGroup }

	// People.
	slugs := map[string]int{}
	m.people = make([]person, n)
	for i, p := range r.People {
		q := p
		q.Name = display[i]
		q.Team = team(p.Team)
		q.Department = text(p.Department)
		q.Level = text(p.Level)
		q.Title = text(p.Title)
		q.Roles = slices.Clone(p.Roles)
		q.Confidence = text(p.Confidence)
		q.ConfidenceNote = text(p.ConfidenceNote)
		q.Coverage = text(p.Coverage)
		q.Evidence = make([]Evidence, len(p.Evidence))
		for j, e := range p.Evidence {
			q.Evidence[j] = Evidence{Role: e.Role, Text: text(e.Text)}
		}
		q.Metrics = make([]Metric, len(p.Metrics))
		for j, mt := range p.Metrics {
			mt.Label, mt.Unit = text(mt.Label), text(mt.Unit)
			q.Metrics[j] = mt
		}
		q.Trend = make([]TrendPoint, len(p.Trend))
		for j, tp := range p.Trend {
			q.Trend[j] = TrendPoint{Label: text(tp.Label), Values: tp.Values}
		}
		if opt.Anonymize {
			q.Email = ""
			q.Aliases = nil
		}
		th := p.Team != "" && hidden(p.Team)
		if th {
			for j := range q.Metrics {
				q.Metrics[j].TeamMedian = math.NaN()
			}
		}
		base := slug(q.Name)
		slugs[base]++
		s := base
		if k := slugs[base]; k > 1 {
			s = fmt.Sprintf("%s-%d", base, k)
		}
		m.people[i] = person{Person: q, slug: s, primary: primaryRole(q.Roles), teamHidden: th}
	}

	// Flows.
	f := flowView{unit: text(r.Flows.Unit)}
	for i, t := range r.Flows.Teams {
		f.teams = append(f.teams, team(t))
		f.hidden = append(f.hidden, hidden(t))
		row := make([]float64, len(r.Flows.Teams))
		for j := range row {
			if hidden(t) || hidden(r.Flows.Teams[j]) {
				row[j] = math.NaN()
			} else {
				row[j] = r.Flows.Weight[i][j]
			}
		}
		f.w = append(f.w, row)
	}
	if f.unit == "" {
		f.unit = "interactions"
	}
	m.flows = f

	// Teams: given, or derived from People and Flows.
	teams := r.Teams
	if teams == nil {
		teams = deriveTeams(r)
	}
	for _, t := range teams {
		row := teamRow{Team: t, hidden: hidden(t.Name)}
		row.Name = team(t.Name)
		if row.hidden {
			m.hiddenTeams++
		}
		m.teams = append(m.teams, row)
	}
	sort.SliceStable(m.teams, func(a, b int) bool {
		if m.teams[a].hidden != m.teams[b].hidden {
			return !m.teams[a].hidden
		}
		return m.teams[a].Name < m.teams[b].Name
	})
	for _, h := range f.hidden {
		if h && m.hiddenTeams == 0 {
			m.hiddenTeams = 1
		}
	}
	if m.hiddenTeams > 0 {
		m.hiddenNote = fmt.Sprintf("Aggregates of teams with fewer than %d people are hidden.", m.minGroup)
	}

	// Team colours: by the sorted display names of all teams.
	var names []string
	for _, p := range m.people {
		if p.Team != "" && !slices.Contains(names, p.Team) {
			names = append(names, p.Team)
		}
	}
	sort.Strings(names)
	m.teamColour = map[string]int{}
	for i, t := range names {
		m.teamColour[t] = i
	}
	m.teamsForLegend = names

	// Metric columns.
	idx := map[string]int{}
	for _, p := range m.people {
		for _, mt := range p.Metrics {
			j, ok := idx[mt.Key]
			if !ok {
				j = len(m.cols)
				idx[mt.Key] = j
				m.cols = append(m.cols, metricCol{key: mt.Key, label: cmp(mt.Label, mt.Key), unit: mt.Unit, integer: mt.Unit != "%"})
			}
			if v := mt.Value; !math.IsNaN(v) && v != math.Trunc(v) {
				m.cols[j].integer = false
			}
		}
	}

	// Trend keys.
	hasTrend := map[string]bool{}
	for _, p := range m.people {
		for _, tp := range p.Trend {
			for k := range tp.Values {
				hasTrend[k] = true
			}
		}
	}
	if len(r.TrendKeys) > 0 {
		m.trendKeys = slices.Clone(r.TrendKeys[:min(4, len(r.TrendKeys))])
	} else {
		unit, first := "", true
		for _, c := range m.cols {
			if !hasTrend[c.key] || len(m.trendKeys) == 4 {
				continue
			}
			if first {
				unit, first = c.unit, false
			}
			if c.unit == unit {
				m.trendKeys = append(m.trendKeys, c.key)
			}
		}
	}
	return m, nil
}

// col returns the metric column of key, or one named by the key.
func (m *model) col(key string) metricCol {
	for _, c := range m.cols {
		if c.key == key {
			return c
		}
	}
	return metricCol{key: key, label: key}
}

// deriveTeams counts people and roles per team from r.People and takes
// help inside, out and in from r.Flows.
func deriveTeams(r Report) []Team {
	byName := map[string]*Team{}
	var order []string
	get := func(name string) *Team {
		t, ok := byName[name]
		if !ok {
			t = &Team{Name: name}
			byName[name] = t
			order = append(order, name)
		}
		return t
	}
	for _, p := range r.People {
		if p.Team == "" {
			continue
		}
		t := get(p.Team)
		t.People++
		for _, role := range p.Roles {
			switch role {
			case RoleMultiplier:
				t.Multipliers++
			case RoleBottleneck:
				t.Bottlenecks++
			case RoleConnector:
				t.Connectors++
			case RoleSolo:
				t.Solo++
			}
		}
	}
	for i, from := range r.Flows.Teams {
		t := get(from)
		for j, to := range r.Flows.Teams {
			w := r.Flows.Weight[i][j]
			if i == j {
				t.HelpInside += w
				continue
			}
			t.HelpOut += w
			get(to).HelpIn += w
		}
	}
	out := make([]Team, len(order))
	for i, name := range order {
		out[i] = *byName[name]
	}
	return out
}

func cmp(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// slug turns a name into a file name part: lower-case ASCII letters and
// digits joined by single hyphens; "person" when nothing is left.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		r = fold(r)
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "person"
	}
	out := b.String()
	if len(out) > 60 {
		out = strings.TrimRight(out[:60], "-")
	}
	return out
}

// fold maps common accented Latin letters to their base letter.
func fold(r rune) rune {
	if r < 128 || !unicode.IsLetter(r) {
		return r
	}
	const from = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿ"
	const to = "aaaaaaceeeeiiiinoooooouuuuyy"
	if i := strings.IndexRune(from, r); i >= 0 {
		return rune(to[len([]rune(from[:i]))])
	}
	return r
}
