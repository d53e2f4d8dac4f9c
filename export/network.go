package export

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// tie is an undirected pair of people with the help both ways added.
type tie struct {
	a, b int
	w    float64
}

// ties merges directed edges into undirected ties, sorted by weight
// ascending (so heavy ties are drawn on top) and then by the pair.
func ties(edges []Edge) []tie {
	sum := map[[2]int]float64{}
	for _, e := range edges {
		if e.From == e.To {
			continue
		}
		k := [2]int{min(e.From, e.To), max(e.From, e.To)}
		sum[k] += e.Weight
	}
	out := make([]tie, 0, len(sum))
	for k, w := range sum {
		out = append(out, tie{k[0], k[1], w})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].w != out[j].w {
			return out[i].w < out[j].w
		}
		if out[i].a != out[j].a {
			return out[i].a < out[j].a
		}
		return out[i].b < out[j].b
	})
	return out
}

// tieWidth maps a weight to a line width between 0.35 and 3.5 pt, by the
// square root of its share of the heaviest tie.
func tieWidth(w, maxW float64) vg.Length {
	if maxW <= 0 {
		return 0.35
	}
	return vg.Length(0.35 + 3.15*math.Sqrt(w/maxW))
}

// teamLegend lists the teams (by display name) with their colours.
func (m *model) teamLegend(only map[string]bool) legendSection {
	sec := legendSection{heading: "Team"}
	for _, t := range m.teamsForLegend {
		if only != nil && !only[t] {
			continue
		}
		sec.items = append(sec.items, legendItem{label: t, swatch: markerSwatch("circle", teamColour(m.teamColour[t]), nil)})
	}
	return sec
}

// roleShapeLegend shows the role markers in grey with their ring.
func roleShapeLegend(people []person) legendSection {
	sec := roleLegend(people)
	for i := range sec.items {
		role := rolesOf(sec.items[i].label)
		sec.items[i].swatch = func(c *draw.Canvas, at vg.Point) {
			// The network's sizes, so "peripheral" (small) and "no role"
			// (larger), both plain circles, tell apart.
			drawMarker(c, roleShape(role), at, nodeRadius(role), color.RGBA{0xe9, 0xec, 0xef, 0xff}, ringColour(role), ringWidth(role))
		}
	}
	return sec
}

// rolesOf inverts roleTitle for the known roles.
func rolesOf(title string) string {
	for _, r := range rolePriority {
		if roleTitle(r) == title {
			return r
		}
	}
	if title == roleTitle("") {
		return ""
	}
	return title
}

func ringColour(role string) color.Color {
	if role == "" || role == RolePeripheral {
		return color.RGBA{0x86, 0x8e, 0x96, 0xff}
	}
	return darker(roleColour(role))
}

func ringWidth(role string) vg.Length {
	if role == "" || role == RolePeripheral {
		return 0.6
	}
	return 1.8
}

// networkFigure is the help graph drawn at the people's X, Y.
func networkFigure(m *model) figure {
	ts := ties(m.edges)
	maxW := 0.0
	for _, t := range ts {
		maxW = max(maxW, t.w)
	}
	legend := []legendSection{m.teamLegend(nil), roleShapeLegend(m.people), {heading: "Lines", items: []legendItem{
		{label: "Help, either way", swatch: lineSwatch(draw.LineStyle{Color: edgeColour, Width: 1.2})},
		{label: "Width: amount", swatch: nil},
	}}}
	return figure{
		title:    "Who helps whom",
		subtitle: m.title,
		footer: m.periodFooter(fmt.Sprintf("%d people, %d ties", len(m.people), len(ts)),
			"marker shape and ring: role; colour: team"),
		note:   chartNote,
		legend: legend,
		body: func(c draw.Canvas) {
			area := c
			in := vg.Length(10)
			tr := func(p person) vg.Point {
				x := clamp01(p.X)
				y := clamp01(p.Y)
				return vg.Point{
					X: area.Min.X + in + vg.Length(x)*(area.Max.X-area.Min.X-2*in),
					Y: area.Min.Y + in + vg.Length(1-y)*(area.Max.Y-area.Min.Y-2*in),
				}
			}
			c.StrokeLines(draw.LineStyle{Color: rule, Width: 0.6}, []vg.Point{area.Min, {X: area.Max.X, Y: area.Min.Y}, area.Max, {X: area.Min.X, Y: area.Max.Y}, area.Min})
			dots := make([]dot, len(m.people))
			for i, p := range m.people {
				dots[i] = dot{at: tr(p), r: nodeRadius(p.primary)}
			}
			for _, t := range ts {
				a, b := dots[t.a].at, dots[t.b].at
				c.StrokeLine2(draw.LineStyle{Color: withAlpha(edgeColour, 0.55), Width: tieWidth(t.w, maxW)}, a.X, a.Y, b.X, b.Y)
			}
			order := make([]int, len(m.people))
			for i := range order {
				order[i] = i
			}
			sort.SliceStable(order, func(a, b int) bool {
				return ringWidth(m.people[order[a]].primary) < ringWidth(m.people[order[b]].primary)
			})
			for _, i := range order {
				p := m.people[i]
				drawMarker(&c, roleShape(p.primary), dots[i].at, dots[i].r, teamColour(m.teamIndex(p.Team)), ringColour(p.primary), ringWidth(p.primary))
			}
			var labels []label
			for _, i := range labelOrder(m.people, func(i int) float64 { return 0 }) {
				labels = append(labels, label{dot: i, text: m.people[i].Name})
			}
			sty := style(7.5, false, ink)
			drawLabels(&c, sty, dots, placeLabels(vg.Rectangle{Min: area.Min, Max: area.Max}, sty, dots, labels, nil), true)
		},
	}
}

var edgeColour = color.RGBA{0x86, 0x8e, 0x96, 0xff}

func nodeRadius(role string) vg.Length {
	switch role {
	case "":
		return 4
	case RolePeripheral:
		return 2.8
	}
	return 5.2
}

func (m *model) teamIndex(team string) int {
	if i, ok := m.teamColour[team]; ok {
		return i
	}
	return -1
}

func clamp01(v float64) float64 {
	if math.IsNaN(v) {
		return 0.5
	}
	return max(0, min(1, v))
}
