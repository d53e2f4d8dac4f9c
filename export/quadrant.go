package export

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxLabelAll is the most people a chart labels all of; with more, only
// people with a role (other than peripheral) get their name.
const maxLabelAll = 25

// chartNote is the right-hand footer of every chart.
const chartNote = "Signals for a conversation, not ratings."

// median returns the median of the finite values of xs, NaN for none.
func median(xs []float64) float64 {
	var v []float64
	for _, x := range xs {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return math.NaN()
	}
	sort.Float64s(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// num formats a number for people: up to two decimals, no trailing zeros.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	s := strconv.FormatFloat(v, 'f', 2, 64)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	return s
}

// periodFooter is the left footer of a chart.
func (m *model) periodFooter(extra ...string) string {
	s := "Period: " + m.period
	if m.period == "" {
		s = "Period: not given"
	}
	for _, e := range extra {
		if e != "" {
			s += "  ·  " + e
		}
	}
	return s
}

// roleLegend lists the roles present among people, by priority, with
// their markers.
func roleLegend(people []person) legendSection {
	present := map[string]bool{}
	for _, p := range people {
		present[p.primary] = true
	}
	var roles []string
	for _, r := range rolePriority {
		if present[r] {
			roles = append(roles, r)
		}
	}
	var other []string
	for r := range present {
		if r != "" && !slices.Contains(rolePriority, r) {
			other = append(other, r)
		}
	}
	sort.Strings(other)
	roles = append(roles, other...)
	if present[""] {
		roles = append(roles, "")
	}
	sec := legendSection{heading: "Role"}
	for _, r := range roles {
		sec.items = append(sec.items, legendItem{label: roleTitle(r), swatch: markerSwatch(roleShape(r), roleColour(r), darker(roleColour(r)))})
	}
	return sec
}

func darker(c color.RGBA) color.RGBA { return mix(c, color.RGBA{0, 0, 0, 0xff}, 0.35) }

// labelOrder returns the people to label on a chart: everyone when few,
// else those with a role other than peripheral; most important role
// first, then by score, descending.
func labelOrder(people []person, score func(int) float64) []int {
	rank := func(role string) int {
		if i := slices.Index(rolePriority, role); i >= 0 {
			return i
		}
		if role == "" {
			return len(rolePriority) + 1
		}
		return len(rolePriority)
	}
	var idx []int
	for i, p := range people {
		if len(people) <= maxLabelAll || (p.primary != "" && p.primary != RolePeripheral) {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ra, rb := rank(people[idx[a]].primary), rank(people[idx[b]].primary)
		if ra != rb {
			return ra < rb
		}
		return score(idx[a]) > score(idx[b])
	})
	return idx
}

// quadrantFigure is the output-vs-leverage chart.
func quadrantFigure(m *model) figure {
	var xs, ys []float64
	for _, p := range m.people {
		xs = append(xs, p.Output)
		ys = append(ys, p.Leverage)
	}
	medX, medY := median(xs), median(ys)

	p := newPlot()
	p.X.Label.Text = m.outLabel
	p.Y.Label.Text = m.levLabel
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = gridColor, gridColor
	p.Add(g)
	layer := &quadrantLayer{m: m, medX: medX, medY: medY}
	p.Add(layer)
	if _, _, ymin, _ := layer.DataRange(); ymin < 0 {
		// The band below zero holds the lower quadrants' names; a count
		// has no negative ticks.
		lowest := math.Inf(1)
		for _, v := range ys {
			if finite(v) {
				lowest = min(lowest, v)
			}
		}
		if lowest >= 0 {
			p.Y.Tick.Marker = nonNegativeTicks{}
		}
	}

	legend := []legendSection{roleLegend(m.people), {heading: "Lines", items: []legendItem{
		{label: "Median", swatch: lineSwatch(medianLine)},
	}}}
	return figure{
		title:    "Output and leverage",
		subtitle: m.title,
		footer: m.periodFooter(fmt.Sprintf("%d people", len(m.people)),
			"medians: output "+num(medX)+", leverage "+num(medY)),
		note:   chartNote,
		legend: legend,
		body:   func(c draw.Canvas) { p.Draw(c) },
	}
}

var medianLine = draw.LineStyle{Color: muted, Width: 0.9, Dashes: []vg.Length{5, 3}}

// quadrantLayer draws the quadrants, the median lines, the people and
// their names.
type quadrantLayer struct {
	m          *model
	medX, medY float64
}

// DataRange implements plot.DataRanger: from 0 (or the smallest value)
// to a little above the largest, with a band above and below the
// people for the quadrant names.
func (q *quadrantLayer) DataRange() (xmin, xmax, ymin, ymax float64) {
	for _, p := range q.m.people {
		if finite(p.Output) {
			xmin, xmax = min(xmin, p.Output), max(xmax, p.Output)
		}
		if finite(p.Leverage) {
			ymin, ymax = min(ymin, p.Leverage), max(ymax, p.Leverage)
		}
	}
	if xmax == xmin {
		xmax = xmin + 1
	}
	if ymax == ymin {
		ymax = ymin + 1
	}
	return xmin, xmin + (xmax-xmin)*1.06, ymin - (ymax-ymin)*0.1, ymin + (ymax-ymin)*1.18
}

// Plot implements plot.Plotter.
func (q *quadrantLayer) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	mx, my := c.Min.X, c.Min.Y
	if !math.IsNaN(q.medX) {
		mx = trX(q.medX)
	}
	if !math.IsNaN(q.medY) {
		my = trY(q.medY)
	}
	mx, my = clamp(mx, c.Min.X, c.Max.X), clamp(my, c.Min.Y, c.Max.Y)

	type quad struct {
		name, hint string
		tint       color.RGBA
		box        vg.Rectangle
		corner     vg.Point
		xa         draw.XAlignment
	}
	in := vg.Length(6)
	quads := []quad{
		{"Multipliers", "high output, high leverage", roleColour(RoleMultiplier),
			vg.Rectangle{Min: vg.Point{X: mx, Y: my}, Max: c.Max}, vg.Point{X: c.Max.X - in, Y: c.Max.Y - in}, draw.XRight},
		{"Enablers", "lower output, high leverage", roleColour(RoleConnector),
			vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: my}, Max: vg.Point{X: mx, Y: c.Max.Y}}, vg.Point{X: c.Min.X + in, Y: c.Max.Y - in}, draw.XLeft},
		{"Solo contributors", "high output, lower leverage", roleColour(RoleSolo),
			vg.Rectangle{Min: vg.Point{X: mx, Y: c.Min.Y}, Max: vg.Point{X: c.Max.X, Y: my}}, vg.Point{X: c.Max.X - in, Y: c.Min.Y + in + 22}, draw.XRight},
		{"Emerging", "lower output, lower leverage", roleColour(""),
			vg.Rectangle{Min: c.Min, Max: vg.Point{X: mx, Y: my}}, vg.Point{X: c.Min.X + in, Y: c.Min.Y + in + 22}, draw.XLeft},
	}
	var obstacles []vg.Rectangle
	nameSty, hintSty := style(10, true, ink), style(7.5, false, muted)
	for _, qd := range quads {
		b := qd.box
		c.FillPolygon(withAlpha(qd.tint, 0.07), rect(b.Min.X, b.Min.Y, b.Max.X, b.Max.Y))
	}
	for _, qd := range quads {
		ns := aligned(nameSty, qd.xa, draw.YTop)
		ns.Color = darker(qd.tint)
		hs := aligned(hintSty, qd.xa, draw.YTop)
		c.FillText(ns, qd.corner, qd.name)
		nh := nameSty.Height(qd.name)
		c.FillText(hs, vg.Point{X: qd.corner.X, Y: qd.corner.Y - nh - 1}, qd.hint)
		w := max(nameSty.Width(qd.name), hintSty.Width(qd.hint))
		x0 := qd.corner.X
		if qd.xa == draw.XRight {
			x0 -= w
		}
		obstacles = append(obstacles, vg.Rectangle{Min: vg.Point{X: x0, Y: qd.corner.Y - nh - 1 - hintSty.Height(qd.hint)}, Max: vg.Point{X: x0 + w, Y: qd.corner.Y}})
	}
	c.StrokeLine2(medianLine, mx, c.Min.Y, mx, c.Max.Y)
	c.StrokeLine2(medianLine, c.Min.X, my, c.Max.X, my)

	// People: those without a role first, so roles are drawn on top.
	dots := make([]dot, len(q.m.people))
	order := make([]int, len(q.m.people))
	for i, p := range q.m.people {
		dots[i] = dot{at: vg.Point{X: trX(p.Output), Y: trY(p.Leverage)}, r: markerRadius(p.primary)}
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return q.m.people[order[a]].primary == "" && q.m.people[order[b]].primary != ""
	})
	for _, i := range order {
		p := q.m.people[i]
		col := roleColour(p.primary)
		drawMarker(&c, roleShape(p.primary), dots[i].at, dots[i].r, withAlpha(col, 0.9), darker(col), 0.7)
	}

	var labels []label
	for _, i := range labelOrder(q.m.people, func(i int) float64 { return q.m.people[i].Leverage }) {
		labels = append(labels, label{dot: i, text: q.m.people[i].Name})
	}
	sty := style(7.5, false, ink)
	area := vg.Rectangle{Min: c.Min, Max: c.Max}
	drawLabels(&c, sty, dots, placeLabels(area, sty, dots, labels, obstacles), true)
}

// nonNegativeTicks are gonum's default ticks without those below zero.
type nonNegativeTicks struct{}

// Ticks implements plot.Ticker.
func (nonNegativeTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(lo, hi) {
		if t.Value >= 0 {
			out = append(out, t)
		}
	}
	return out
}

func markerRadius(role string) vg.Length {
	switch role {
	case "", RolePeripheral:
		return 3.5
	}
	return 4.5
}
