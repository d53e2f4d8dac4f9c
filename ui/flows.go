package ui

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/graph"
)

// flowsScreen is the team × team heatmap of help. A click on a cell lists
// the people who carry that flow.
type flowsScreen struct {
	open     func(key string)
	grid     *fyne.Container
	title    *widget.Label
	carriers *fyne.Container
	note     *widget.Label
	content  fyne.CanvasObject

	a     *analysis
	flows graph.Flows
	shown []int // indices into flows.Teams of the teams shown
}

const cellSize = 58

// maxHeatTeams is the most teams the heatmap shows: beyond it a cell is
// too small to read or click.
const maxHeatTeams = 40

// busiest keeps the n teams of idx with the most help given to and
// received from other teams, in their original order.
func (f *flowsScreen) busiest(idx []int, n int) []int {
	across := map[int]float64{}
	for _, i := range idx {
		for _, j := range idx {
			if i != j {
				across[i] += f.flows.Weight[i][j]
				across[j] += f.flows.Weight[i][j]
			}
		}
	}
	ranked := slices.Clone(idx)
	slices.SortStableFunc(ranked, func(a, b int) int { return cmp.Compare(across[b], across[a]) })
	keep := ranked[:n]
	slices.Sort(keep)
	return keep
}

func newFlowsScreen(open func(string)) *flowsScreen {
	f := &flowsScreen{open: open, grid: container.NewWithoutLayout(), title: widget.NewLabelWithStyle("Click a cell", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		carriers: container.NewVBox(), note: widget.NewLabel("")}
	f.note.Wrapping = fyne.TextWrapWord
	f.note.TextStyle.Italic = true
	explain := widget.NewLabel("Rows give help, columns receive it: reviews, chat answers and shared meetings, weighted as in Settings. The diagonal is help inside a team, in grey; the colour scale is set by the flows between teams.")
	explain.Wrapping = fyne.TextWrapWord
	side := container.NewBorder(container.NewVBox(f.title, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(f.carriers))
	body := container.NewHSplit(container.NewScroll(container.NewPadded(f.grid)), side)
	body.Offset = 0.7
	f.content = container.NewBorder(container.NewPadded(explain), container.NewPadded(f.note), nil, nil, body)
	return f
}

func (f *flowsScreen) set(a *analysis, view viewSettings) {
	f.a = a
	f.flows = a.flows
	size := map[string]int{}
	for _, p := range a.res.People {
		size[p.Person.Team]++
	}
	f.shown = f.shown[:0]
	hidden := 0
	for i, t := range f.flows.Teams {
		if size[t] >= view.MinGroupSize {
			f.shown = append(f.shown, i)
		} else {
			hidden++
		}
	}
	var notes []string
	if hidden > 0 {
		notes = append(notes, fmt.Sprintf("%s with fewer than %d people %s hidden, so no one can be singled out through a team total (Settings ▸ minimum group size).",
			plural(hidden, "team", "teams"), view.MinGroupSize, map[bool]string{true: "is", false: "are"}[hidden == 1]))
	}
	if len(f.shown) > maxHeatTeams {
		notes = append(notes, fmt.Sprintf("Showing the %d teams with the most help across teams, of %d.", maxHeatTeams, len(f.shown)))
		f.shown = f.busiest(f.shown, maxHeatTeams)
	}
	f.note.SetText(strings.Join(notes, " "))
	f.build()
	f.title.SetText("Click a cell to see who carries that flow")
	f.carriers.Objects = nil
	f.carriers.Refresh()
	f.pickLargest()
}

// pickLargest lists the carriers of the largest flow between two shown
// teams, so the side pane starts with something to read.
func (f *flowsScreen) pickLargest() {
	bi, bj, best := -1, -1, 0.0
	for _, i := range f.shown {
		for _, j := range f.shown {
			if i != j && f.flows.Weight[i][j] > best {
				bi, bj, best = i, j, f.flows.Weight[i][j]
			}
		}
	}
	if bi >= 0 {
		f.pick(bi, bj)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// build lays out the labels and cells.
func (f *flowsScreen) build() {
	n := len(f.shown)
	maxOff := 0.0
	for _, i := range f.shown {
		for _, j := range f.shown {
			if i != j {
				maxOff = math.Max(maxOff, f.flows.Weight[i][j])
			}
		}
	}
	const labelW = 150
	var objs []fyne.CanvasObject
	for c, j := range f.shown {
		t := canvas.NewText(f.flows.Teams[j], theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize()
		t.Move(fyne.NewPos(labelW+float32(c)*cellSize+4, 0))
		t.Resize(fyne.NewSize(cellSize-4, 16))
		objs = append(objs, clipText(t, cellSize-6))
	}
	for r, i := range f.shown {
		l := widget.NewLabel(f.flows.Teams[i])
		l.Truncation = fyne.TextTruncateEllipsis
		l.Move(fyne.NewPos(0, 20+float32(r)*cellSize+cellSize/2-18))
		l.Resize(fyne.NewSize(labelW-4, 36))
		objs = append(objs, l)
		for c, j := range f.shown {
			cell := newHeatCell(f.flows.Weight[i][j], maxOff, i == j, func() { f.pick(i, j) })
			cell.Move(fyne.NewPos(labelW+float32(c)*cellSize, 20+float32(r)*cellSize))
			cell.Resize(fyne.NewSize(cellSize-2, cellSize-2))
			objs = append(objs, cell)
		}
	}
	f.grid.Objects = objs
	w, h := labelW+float32(n)*cellSize, 20+float32(n)*cellSize
	f.grid.Resize(fyne.NewSize(w, h))
	f.grid.Layout = &fixedLayout{size: fyne.NewSize(w, h)}
	f.grid.Refresh()
}

// pick lists the people who carry the flow from team i to team j.
func (f *flowsScreen) pick(i, j int) {
	from, to := f.flows.Teams[i], f.flows.Teams[j]
	f.title.SetText(fmt.Sprintf("%s → %s: %.1f", from, to, f.flows.Weight[i][j]))
	var objs []fyne.CanvasObject
	total := f.flows.Weight[i][j]
	for _, c := range f.flows.Carriers(i, j) {
		key := c.Key
		b := widget.NewButton(fmt.Sprintf("%s — %.1f (%.0f%%)", f.a.name(key), c.Weight, 100*c.Weight/math.Max(total, 1e-9)), func() { f.open(key) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		objs = append(objs, b)
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel("No help flows this way in the period."))
	}
	f.carriers.Objects = objs
	f.carriers.Refresh()
}

// fixedLayout keeps children where they were placed and reports a size.
type fixedLayout struct{ size fyne.Size }

func (l *fixedLayout) Layout([]fyne.CanvasObject, fyne.Size) {}
func (l *fixedLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.size }

// clipText shortens t until it fits width.
func clipText(t *canvas.Text, width float32) *canvas.Text {
	runes := []rune(t.Text)
	for len(runes) > 3 && t.MinSize().Width > width {
		runes = runes[:len(runes)-1]
		t.Text = string(runes) + "…"
	}
	return t
}

// heatCell is one tappable cell of the heatmap.
type heatCell struct {
	widget.BaseWidget
	value, max float64
	diagonal   bool
	onTap      func()
}

func newHeatCell(value, max float64, diagonal bool, onTap func()) *heatCell {
	c := &heatCell{value: value, max: max, diagonal: diagonal, onTap: onTap}
	c.ExtendBaseWidget(c)
	return c
}

// Tapped lists the carriers.
func (c *heatCell) Tapped(*fyne.PointEvent) { c.onTap() }

// fill is the cell's colour: white to deep blue by the square root of
// the value's share of the largest flow between teams.
func (c *heatCell) fill() (color.NRGBA, color.Color) {
	if c.diagonal {
		return color.NRGBA{0xc8, 0xc8, 0xc8, 0xff}, color.Black
	}
	f := 0.0
	if c.max > 0 {
		f = math.Sqrt(math.Min(c.value/c.max, 1))
	}
	bg := color.NRGBA{uint8(247 - f*(247-8)), uint8(251 - f*(251-48)), uint8(255 - f*(255-107)), 0xff}
	if f > 0.55 {
		return bg, color.White
	}
	return bg, color.Black
}

func (c *heatCell) CreateRenderer() fyne.WidgetRenderer {
	bg, fg := c.fill()
	rect := canvas.NewRectangle(bg)
	text := canvas.NewText(fmt.Sprintf("%.0f", c.value), fg)
	text.TextSize = theme.CaptionTextSize()
	text.Alignment = fyne.TextAlignCenter
	if c.value == 0 {
		text.Text = "·"
	}
	return widget.NewSimpleRenderer(container.NewStack(rect, container.New(layout.NewCenterLayout(), text)))
}
