package ui

import (
	"context"
	"fmt"
	"image/color"
	"maps"
	"math"
	"slices"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/workspace"
)

// maxMapEdges is the most ties the network map draws, strongest first:
// beyond it lines only add grey.
const maxMapEdges = 12000

// networkScreen is the force-directed map of who helps whom: teams as
// colours, roles as rings, line width by weight.
type networkScreen struct {
	open   func(key string)
	layout func(a *analysis, done func(map[string]workspace.Point))
	view   *mapView
	team   *widget.Select
	role   *widget.Select
	info   *widget.Label
	legend *fyne.Container

	a       *analysis
	pos     map[string]workspace.Point // layout of a, nil until computed
	cache   map[string]map[string]workspace.Point
	asked   bool
	teams   []string
	content fyne.CanvasObject
}

func newNetworkScreen(open func(string), layout func(a *analysis, done func(map[string]workspace.Point))) *networkScreen {
	n := &networkScreen{open: open, layout: layout, view: newMapView(open), info: widget.NewLabel("The map is laid out when you open this tab."),
		legend: container.NewHBox(), cache: map[string]map[string]workspace.Point{}}
	n.view.keepAspect, n.view.zoomable = true, true
	n.team = filterSelect(allTeams, n.draw)
	n.role = filterSelect(allRoles, n.draw)
	n.role.SetOptions([]string{allRoles, string(graph.RoleMultiplier), string(graph.RoleBottleneck), string(graph.RoleConnector), string(graph.RoleSolo), string(graph.RolePeripheral)})
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { n.view.zoomBy(1.4) })
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { n.view.zoomBy(1 / 1.4) })
	fit := widget.NewButtonWithIcon("", theme.ZoomFitIcon(), func() { n.view.setData(n.view.nodes, n.view.edges, nil, nil, true) })
	hint := widget.NewLabel("Scroll to zoom, drag to pan, click a person to open them.")
	hint.TextStyle.Italic = true
	bar := container.NewHBox(n.team, n.role, zoomIn, zoomOut, fit)
	top := container.NewVBox(container.NewBorder(nil, nil, bar, nil, n.info), container.NewHScroll(n.legend))
	n.content = container.NewBorder(container.NewPadded(top), container.NewPadded(hint), nil, nil, n.view)
	return n
}

// cacheKey names a laid-out analysis: its period and its settings.
func cacheKey(a *analysis) string {
	return fmt.Sprintf("%s|%v", a.res.Period, a.res.Settings)
}

// set shows a new analysis; the layout comes from the cache or is
// computed when the tab is visible.
func (n *networkScreen) set(a *analysis) {
	n.a, n.asked = a, false
	n.pos = n.cache[cacheKey(a)]
	teams := map[string]bool{}
	for _, p := range a.res.People {
		teams[p.Person.Team] = true
	}
	delete(teams, "")
	n.teams = slices.Sorted(maps.Keys(teams))
	setOptions(n.team, allTeams, teams)
	n.legendFill()
	n.draw()
}

// reset forgets the cached layouts, for another workspace.
func (n *networkScreen) reset() { n.cache = map[string]map[string]workspace.Point{} }

// visible asks for the layout when the tab is shown and none is there.
func (n *networkScreen) visible() {
	if n.a == nil || n.pos != nil || n.asked {
		return
	}
	n.asked = true
	a := n.a
	n.info.SetText("Laying out the map…")
	n.layout(a, func(pos map[string]workspace.Point) {
		if pos == nil { // cancelled or failed: try again next time
			n.asked = false
			n.info.SetText("The map was not laid out. Open the tab again to retry.")
			return
		}
		n.cache[cacheKey(a)] = pos
		if n.a == a {
			n.pos = pos
			n.draw()
		}
	})
}

func (n *networkScreen) legendFill() {
	var items []fyne.CanvasObject
	for i, t := range n.teams {
		if i == len(teamPalette) {
			items = append(items, widget.NewLabel(fmt.Sprintf("and %d more teams (colours repeat; filter by team to see one)", len(n.teams)-i)))
			break
		}
		items = append(items, legendDot(teamColor(i), t, false))
	}
	items = append(items, widget.NewSeparator())
	for _, r := range []graph.Role{graph.RoleMultiplier, graph.RoleBottleneck, graph.RoleConnector} {
		items = append(items, legendDot(roleColor(r), string(r), true))
	}
	n.legend.Objects = items
	n.legend.Refresh()
}

// draw builds the map's points and lines from the layout and filters.
func (n *networkScreen) draw() {
	if n.a == nil {
		return
	}
	if n.pos == nil {
		n.view.setData(nil, nil, nil, nil, true)
		return
	}
	nodes, index := n.nodes()
	edges := n.edges(index, nodes)
	shown := 0
	for _, nd := range nodes {
		if !nd.Dim {
			shown++
		}
	}
	n.info.SetText(fmt.Sprintf("  %d people shown of %d · %d ties drawn", shown, len(nodes), len(edges)))
	n.view.setData(nodes, edges, nil, nil, false)
}

func (n *networkScreen) nodes() ([]mapNode, map[string]int) {
	teamIdx := map[string]int{}
	for i, t := range n.teams {
		teamIdx[t] = i
	}
	maxHelp := 1.0
	for _, p := range n.a.res.People {
		maxHelp = math.Max(maxHelp, workspace.HelpGiven(p))
	}
	var nodes []mapNode
	index := map[string]int{}
	for key, pt := range n.pos {
		p, ok := n.a.byKey[key]
		if !ok {
			continue
		}
		ti, ok := teamIdx[p.Person.Team]
		if !ok {
			ti = -1
		}
		nd := mapNode{X: pt.X, Y: pt.Y, Key: key, Fill: teamColor(ti),
			R:    3 + 6*math.Sqrt(workspace.HelpGiven(*p)/maxHelp),
			Name: fmt.Sprintf("%s · %s %s", p.Person.Name, p.Person.Team, roleText(p)),
			Dim:  !n.matches(p)}
		if r := mainRole(p); r != "" {
			nd.Ring = roleColor(r)
			nd.Label = r == graph.RoleMultiplier || r == graph.RoleBottleneck
			nd.Name = fmt.Sprintf("%s · %s · %s", p.Person.Name, p.Person.Team, roleText(p))
		}
		nodes = append(nodes, nd)
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].Key < nodes[j].Key })
	for i, nd := range nodes {
		index[nd.Key] = i
	}
	return nodes, index
}

func (n *networkScreen) edges(index map[string]int, nodes []mapNode) []mapEdge {
	es := slices.Clone(n.a.res.Edges)
	slices.SortFunc(es, func(a, b graph.Edge) int {
		if a.Weight != b.Weight {
			if a.Weight > b.Weight {
				return -1
			}
			return 1
		}
		if a.From != b.From {
			if a.From < b.From {
				return -1
			}
			return 1
		}
		if a.To < b.To {
			return -1
		}
		return 1
	})
	var out []mapEdge
	maxW := 1.0
	if len(es) > 0 {
		maxW = es[0].Weight
	}
	for _, e := range es {
		a, okA := index[e.From]
		b, okB := index[e.To]
		if !okA || !okB || nodes[a].Dim || nodes[b].Dim {
			continue
		}
		f := math.Sqrt(e.Weight / maxW)
		out = append(out, mapEdge{A: a, B: b, Width: 0.5 + 3*f, Color: color.NRGBA{0x78, 0x78, 0x78, uint8(50 + 130*f)}})
		if len(out) == maxMapEdges {
			break
		}
	}
	return out
}

func (n *networkScreen) matches(p *graph.PersonResult) bool {
	if t := n.team.Selected; t != "" && t != allTeams && p.Person.Team != t {
		return false
	}
	if r := n.role.Selected; r != "" && r != allRoles && !hasRole(p, graph.Role(r)) {
		return false
	}
	return true
}

// mainRole is the role a map highlights: bottleneck, multiplier or
// connector, in that order; "" for none.
func mainRole(p *graph.PersonResult) graph.Role {
	return firstRole(p, graph.RoleBottleneck, graph.RoleMultiplier, graph.RoleConnector)
}

// firstRole is the first of roles that p has, or "".
func firstRole(p *graph.PersonResult, roles ...graph.Role) graph.Role {
	for _, r := range roles {
		if hasRole(p, r) {
			return r
		}
	}
	return ""
}

// legendDot is a coloured dot (or ring) and its label.
func legendDot(c color.NRGBA, label string, ring bool) fyne.CanvasObject {
	v := newMapView(nil)
	v.margin = 0
	nd := mapNode{X: 0.5, Y: 0.5, R: 5, Fill: c}
	if ring {
		nd.Fill = color.NRGBA{0xb0, 0xb0, 0xb0, 0xff}
		nd.Ring = c
	}
	v.nodes = []mapNode{nd}
	box := container.NewGridWrap(fyne.NewSize(16, 16), v)
	return container.NewHBox(container.NewCenter(box), widget.NewLabel(label))
}

// layoutGraph lays out a's map in the background and hands the result to
// done on the UI goroutine; nil when it failed or was cancelled.
func (m *mainScreen) layoutGraph(a *analysis, done func(map[string]workspace.Point)) {
	m.work.run("Laying out the map", func(ctx context.Context, progress func(workspace.Progress)) error {
		pos, err := workspace.Layout(ctx, a.res, progress)
		if err != nil {
			do(func() { done(nil) })
			return err
		}
		do(func() { done(pos) })
		return nil
	}, m.showError)
}
