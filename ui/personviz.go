package ui

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/workspace"
)

// formatFor prints a value of a key metric by its unit; negative
// turnarounds and constraints are unknown.
func formatFor(k workspace.MetricInfo) func(float64) string {
	return func(x float64) string {
		switch {
		case x < 0 && (k.Key == "median_turnaround_hours" || k.Key == "constraint"):
			return "–"
		case k.Unit == "%":
			return pct(x)
		case k.Unit == "hours":
			return fmt.Sprintf("%.1f h", x)
		case k.Key == "constraint":
			return fmt.Sprintf("%.2f", x)
		case k.Unit == "score":
			return fmt.Sprintf("%.4f", x)
		}
		return fmt.Sprintf("%.0f", x)
	}
}

// keyNumbers is the grid of key numbers: metric, the person, the team's
// and the organisation's medians, and the quarterly trend.
func keyNumbers(a *analysis, r *graph.PersonResult) []fyne.CanvasObject {
	bold := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	team := r.Person.Team
	if team == "" {
		team = "no team"
	}
	objs := []fyne.CanvasObject{bold("Metric"), bold("Them"), bold("Team"), bold("Org"), bold("By quarter")}
	scores := r.Metrics.Scores()
	trend := a.trend(r.Person.Email)
	for _, k := range workspace.KeyMetrics {
		format := formatFor(k)
		teamMedian := "–"
		if r.Person.Team != "" {
			teamMedian = format(a.median(r.Person.Team, k.Key))
		}
		var series []float64
		for _, q := range trend {
			series = append(series, q.values[k.Key])
		}
		label := widget.NewLabel(k.Label)
		label.Truncation = fyne.TextTruncateEllipsis
		objs = append(objs, label, widget.NewLabel(format(scores[k.Key])),
			widget.NewLabel(teamMedian), widget.NewLabel(format(a.median("", k.Key))),
			sparkline(trend, series, format))
	}
	return objs
}

// quarterScores are one person's scores in one quarter.
type quarterScores struct {
	label  string
	values map[string]float64
}

// trend is the person's scores in each analysed quarter, oldest first;
// nil until the quarters are analysed or when the person is in none.
func (a *analysis) trend(key string) []quarterScores {
	var out []quarterScores
	for _, q := range a.quarters {
		for i := range q.Result.People {
			if p := &q.Result.People[i]; p.Person.Email == key {
				out = append(out, quarterScores{label: q.Label, values: p.Metrics.Scores()})
				break
			}
		}
	}
	return out
}

// sparkline draws a series as a small line with a dot per quarter; hover
// a dot for its quarter and value.
func sparkline(trend []quarterScores, series []float64, format func(float64) string) fyne.CanvasObject {
	if len(series) < 2 {
		l := widget.NewLabel("–")
		l.Importance = widget.LowImportance
		return l
	}
	v := newMapView(nil)
	v.margin, v.flipY = 5, true
	lo, hi := slices.Min(series), slices.Max(series)
	if hi-lo < 1e-9 {
		lo, hi = lo-1, hi+1
	}
	v.minX, v.maxX, v.minY, v.maxY = 0, float64(len(series)-1), lo, hi
	ink := color.NRGBA{0x15, 0x65, 0xc0, 0xff}
	var nodes []mapNode
	var lines []mapLine
	for i, y := range series {
		nodes = append(nodes, mapNode{X: float64(i), Y: y, R: 2.5, Fill: ink, Name: trend[i].label + ": " + format(y)})
		if i > 0 {
			lines = append(lines, mapLine{float64(i - 1), series[i-1], float64(i), y, 1.5, ink})
		}
	}
	v.nodes, v.lines = nodes, lines
	return container.NewGridWrap(fyne.NewSize(110, 34), v)
}

// maxEgo is the most neighbours the ego network shows, strongest first.
const maxEgo = 24

// showEgo draws the person in the middle and their strongest ties around
// them, grouped by team; line width is the tie's weight both ways.
func (p *personPane) showEgo(r *graph.PersonResult) {
	key := r.Person.Email
	weight := map[string]float64{}
	for _, e := range p.a.res.Edges {
		switch key {
		case e.From:
			weight[e.To] += e.Weight
		case e.To:
			weight[e.From] += e.Weight
		}
	}
	type tie struct {
		key, team string
		w         float64
	}
	var ties []tie
	for k, w := range weight {
		team := ""
		if q, ok := p.a.byKey[k]; ok {
			team = q.Person.Team
		}
		ties = append(ties, tie{k, team, w})
	}
	slices.SortFunc(ties, func(a, b tie) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return cmp.Compare(a.key, b.key)
	})
	ties = ties[:min(len(ties), maxEgo)]
	slices.SortStableFunc(ties, func(a, b tie) int { return cmp.Compare(a.team, b.team) })
	nodes := []mapNode{{X: 0, Y: 0, R: 9, Fill: p.a.teamColor(r.Person.Team), Ring: roleColor(mainRole(r)), Key: key, Name: r.Person.Name, Label: true}}
	if mainRole(r) == "" {
		nodes[0].Ring = color.NRGBA{}
	}
	var edges []mapEdge
	maxW := 1e-9
	for _, t := range ties {
		maxW = math.Max(maxW, t.w)
	}
	for i, t := range ties {
		angle := 2 * math.Pi * float64(i) / float64(max(len(ties), 1))
		nd := mapNode{X: math.Cos(angle), Y: math.Sin(angle), R: 5, Fill: p.a.teamColor(t.team), Key: t.key,
			Name: p.a.name(t.key), Label: i%2 == 0 || len(ties) <= 12, Left: math.Cos(angle) < -0.01}
		if q, ok := p.a.byKey[t.key]; ok {
			if role := mainRole(q); role != "" {
				nd.Ring = roleColor(role)
			}
			nd.Name = fmt.Sprintf("%s · %s", q.Person.Name, q.Person.Team)
			if nd.Label {
				nd.Name = q.Person.Name
			}
		}
		nodes = append(nodes, nd)
		f := math.Sqrt(t.w / maxW)
		edges = append(edges, mapEdge{A: 0, B: i + 1, Width: 0.8 + 4*f, Color: color.NRGBA{0x78, 0x78, 0x78, uint8(70 + 140*f)}})
	}
	p.ego.minX, p.ego.minY, p.ego.maxX, p.ego.maxY = -1, -1, 1, 1
	p.ego.setData(nodes, edges, nil, nil, true)
}
