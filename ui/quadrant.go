package ui

import (
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

// quadrantScreen plots own output against leverage, split at the medians
// into four named quadrants.
type quadrantScreen struct {
	open    func(key string)
	view    *mapView
	info    *widget.Label
	content fyne.CanvasObject
}

func newQuadrantScreen(open func(string)) *quadrantScreen {
	q := &quadrantScreen{open: open, view: newMapView(open), info: widget.NewLabel("")}
	q.view.flipY, q.view.zoomable, q.view.margin = true, true, 36
	q.info.Wrapping = fyne.TextWrapWord
	yAxis := widget.NewLabelWithStyle("↑ Leverage: help given to others (reviews, chat, other help), help to another team counts double", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	xAxis := widget.NewLabelWithStyle("Own output: changes authored and reviewed in the period →", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	explain := widget.NewLabel("Dashed lines are the medians of everyone active. " +
		"Top right, " + workspace.QuadrantMultipliers + ". Top left, " + workspace.QuadrantEnablers + ". " +
		"Bottom right, " + workspace.QuadrantSolo + ". Bottom left, " + workspace.QuadrantEmerging + ". " +
		"Colours are roles; hover for a name, click to open the person.")
	explain.Wrapping = fyne.TextWrapWord
	explain.TextStyle.Italic = true
	q.content = container.NewBorder(yAxis, container.NewVBox(xAxis, q.info, explain), nil, nil, q.view)
	return q
}

func (q *quadrantScreen) set(a *analysis) {
	var xs, ys []float64
	var nodes []mapNode
	maxX, maxY := 1.0, 1.0
	for i := range a.res.People {
		p := &a.res.People[i]
		x, y := workspace.Output(*p), workspace.Leverage(*p)
		if x == 0 && y == 0 {
			continue
		}
		xs, ys = append(xs, x), append(ys, y)
		maxX, maxY = math.Max(maxX, x), math.Max(maxY, y)
		nd := mapNode{X: x, Y: y, R: 4, Fill: color.NRGBA{0x9e, 0x9e, 0x9e, 0xc0}, Key: p.Person.Email,
			Name: fmt.Sprintf("%s · %s · output %.0f, leverage %.0f", p.Person.Name, p.Person.Team, x, y)}
		if r := quadrantRole(p); r != "" {
			nd.Fill, nd.R, nd.Label = roleColor(r), 5, true
			nd.Name = fmt.Sprintf("%s · %s · %s", p.Person.Name, p.Person.Team, roleText(p))
		}
		nodes = append(nodes, nd)
	}
	for i := range nodes { // labels show the name only
		if nodes[i].Label {
			nodes[i].Name = a.name(nodes[i].Key)
		}
	}
	slices.SortStableFunc(nodes, func(a, b mapNode) int { // roled points on top
		return boolInt(a.Label) - boolInt(b.Label)
	})
	mx, my := median(xs), median(ys)
	maxX, maxY = maxX*1.08, maxY*1.08
	q.view.minX, q.view.minY, q.view.maxX, q.view.maxY = 0, 0, maxX, maxY
	grey := color.NRGBA{0x80, 0x80, 0x80, 0xff}
	var lines []mapLine
	lines = append(lines, mapLine{0, 0, maxX, 0, 1.2, grey}, mapLine{0, 0, 0, maxY, 1.2, grey})
	lines = append(lines, dashed(mx, 0, mx, maxY)...)
	lines = append(lines, dashed(0, my, maxX, my)...)
	faint := color.NRGBA{0x70, 0x70, 0x70, 0xff}
	notes := []mapNote{
		{X: mx + maxX*0.01, Y: maxY, Text: "Multipliers", Color: faint, Bold: true},
		{X: maxX * 0.01, Y: maxY, Text: "Enablers", Color: faint, Bold: true},
		{X: mx + maxX*0.01, Y: my - maxY*0.01, Text: "Solo contributors", Color: faint, Bold: true},
		{X: maxX * 0.01, Y: my - maxY*0.01, Text: "Emerging", Color: faint, Bold: true},
	}
	q.view.setData(nodes, nil, lines, notes, true)
	q.info.SetText(fmt.Sprintf("%d active people. Output runs from 0 to %.0f changes, leverage from 0 to %.0f; the medians are %.0f and %.0f.", len(nodes), maxX/1.08, maxY/1.08, mx, my))
}

// quadrantRole is the role that colours a point: bottleneck, multiplier,
// solo contributor or connector.
func quadrantRole(p *graph.PersonResult) graph.Role {
	return firstRole(p, graph.RoleBottleneck, graph.RoleMultiplier, graph.RoleSolo, graph.RoleConnector)
}

// dashed is a dashed guide line of 24 dashes.
func dashed(x0, y0, x1, y1 float64) []mapLine {
	const n = 24
	c := color.NRGBA{0x90, 0x90, 0x90, 0xff}
	var out []mapLine
	for i := 0; i < n; i++ {
		a, b := float64(2*i)/(2*n), float64(2*i+1)/(2*n)
		out = append(out, mapLine{x0 + (x1-x0)*a, y0 + (y1-y0)*a, x0 + (x1-x0)*b, y0 + (y1-y0)*b, 1, c})
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
