package export

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ramp is a palette.ColorMap that interpolates linearly, in sRGB,
// between control colours spread evenly from Min to Max.
type ramp struct {
	stops    []color.RGBA
	min, max float64
	alpha    float64
}

// blues is a sequential ramp from near-white to dark blue (ColorBrewer
// Blues): light for little help.
func blues(maxV float64) *ramp {
	return &ramp{stops: []color.RGBA{
		{0xef, 0xf3, 0xff, 0xff}, {0xc6, 0xdb, 0xef, 0xff}, {0x9e, 0xca, 0xe1, 0xff},
		{0x6b, 0xae, 0xd6, 0xff}, {0x42, 0x92, 0xc6, 0xff}, {0x21, 0x71, 0xb5, 0xff},
		{0x08, 0x45, 0x94, 0xff},
	}, min: 0, max: maxV, alpha: 1}
}

// At implements palette.ColorMap.
func (r *ramp) At(v float64) (color.Color, error) {
	switch {
	case math.IsNaN(v):
		return nil, palette.ErrNaN
	case v < r.min:
		return nil, palette.ErrUnderflow
	case v > r.max:
		return nil, palette.ErrOverflow
	}
	t := 0.0
	if r.max > r.min {
		t = (v - r.min) / (r.max - r.min) * float64(len(r.stops)-1)
	}
	k := min(int(t), len(r.stops)-2)
	c := mix(r.stops[k], r.stops[k+1], t-float64(k))
	return withAlpha(c, r.alpha), nil
}

// Max implements palette.ColorMap.
func (r *ramp) Max() float64 { return r.max }

// SetMax implements palette.ColorMap.
func (r *ramp) SetMax(v float64) { r.max = v }

// Min implements palette.ColorMap.
func (r *ramp) Min() float64 { return r.min }

// SetMin implements palette.ColorMap.
func (r *ramp) SetMin(v float64) { r.min = v }

// Alpha implements palette.ColorMap.
func (r *ramp) Alpha() float64 { return r.alpha }

// SetAlpha implements palette.ColorMap.
func (r *ramp) SetAlpha(a float64) { r.alpha = a }

// Palette implements palette.ColorMap: n colours from Min to Max.
func (r *ramp) Palette(n int) palette.Palette {
	cs := make(plainPalette, n)
	for i := range cs {
		v := r.min
		if n > 1 {
			v += (r.max - r.min) * float64(i) / float64(n-1)
		}
		cs[i], _ = r.At(v)
	}
	return cs
}

type plainPalette []color.Color

// Colors implements palette.Palette.
func (p plainPalette) Colors() []color.Color { return p }

// short formats a cell value in at most four significant characters.
func short(v float64) string {
	a := math.Abs(v)
	switch {
	case math.IsNaN(v):
		return "–"
	case a >= 10000:
		return strconv.FormatFloat(v/1000, 'f', 0, 64) + "k"
	case a >= 100 || v == math.Trunc(v):
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// flowGrid is the flows as a plotter.GridXYZ: column c is the helped
// team c, row r (from the bottom) the helping team n−1−r; the diagonal
// and hidden cells are NaN (the overlay draws them).
type flowGrid struct{ f flowView }

func (g flowGrid) Dims() (c, r int)   { return len(g.f.teams), len(g.f.teams) }
func (g flowGrid) X(c int) float64    { return float64(c) }
func (g flowGrid) Y(r int) float64    { return float64(r) }
func (g flowGrid) from(r int) int     { return len(g.f.teams) - 1 - r }
func (g flowGrid) Z(c, r int) float64 { return g.value(g.from(r), c) }

func (g flowGrid) value(from, to int) float64 {
	if from == to {
		return math.NaN()
	}
	return g.f.w[from][to]
}

// heatmapFigure is the team × team help heatmap.
func heatmapFigure(m *model) figure {
	f := m.flows
	n := len(f.teams)
	fig := figure{
		title:    "Help between teams",
		subtitle: m.title,
		footer:   m.periodFooter("rows give help to columns", "unit: "+f.unit),
		note:     chartNote,
	}
	if n == 0 {
		fig.body = func(c draw.Canvas) {
			c.FillText(aligned(style(11, false, muted), draw.XCenter, draw.YCenter), c.Center(), "No team flows in this period.")
		}
		return fig
	}
	g := flowGrid{f}
	maxV := 0.0
	for i := range n {
		for j := range n {
			if v := g.value(i, j); finite(v) {
				maxV = max(maxV, v)
			}
		}
	}
	if maxV == 0 {
		maxV = 1
	}
	cm := blues(maxV)
	h := plotter.NewHeatMap(g, cm.Palette(128))
	h.Min, h.Max = 0, maxV
	h.NaN = white

	p := newPlot()
	p.Add(h)
	p.Add(&flowOverlay{g: g, cm: cm, max: maxV})
	p.X.Label.Text = "Team helped"
	p.Y.Label.Text = "Team giving help"
	p.X.Padding, p.Y.Padding = 0, 0
	p.NominalX(f.teams...)
	rev := make([]string, n)
	for i, t := range f.teams {
		rev[n-1-i] = t
		if f.hidden[i] {
			rev[n-1-i] = t + " (hidden)"
		}
	}
	p.NominalY(rev...)
	xt := make([]string, n)
	copy(xt, f.teams)
	for i := range xt {
		if f.hidden[i] {
			xt[i] += " (hidden)"
		}
	}
	p.NominalX(xt...)
	p.X.Tick.Label.Font.Size = 9
	p.Y.Tick.Label.Font.Size = 9
	p.X.Tick.Label.Color, p.Y.Tick.Label.Color = ink, ink
	widest := vg.Length(0)
	for _, t := range xt {
		widest = max(widest, p.X.Tick.Label.Width(t))
	}

	// The colour bar: a narrow plot beside the map.
	cb := newPlot()
	cb.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	cb.HideX()
	cb.Y.Label.Text = "Help given (" + f.unit + ")"
	cb.Y.Padding = 0
	cb.X.Padding = 0

	var items []legendItem
	items = append(items, legendItem{label: "Inside the team (not coloured)", swatch: boxSwatch(diagonalBG)})
	anyHidden := false
	for _, h := range f.hidden {
		anyHidden = anyHidden || h
	}
	if anyHidden {
		items = append(items, legendItem{label: fmt.Sprintf("Hidden: fewer than %d people", m.minGroup), swatch: boxSwatch(hiddenBG)})
	}
	fig.legend = []legendSection{{heading: "Cells", items: items}}
	fig.body = func(c draw.Canvas) {
		const barW = 62
		main := c
		main.Max.X -= barW + 16
		// Rotate column names that do not fit under their column.
		cell := (main.Max.X - main.Min.X - 120) / vg.Length(n)
		if widest > cell*0.95 {
			p.X.Tick.Label.Rotation = math.Pi / 6
			p.X.Tick.Label.XAlign = draw.XRight
			p.X.Tick.Label.YAlign = draw.YCenter
		}
		p.Draw(main)
		// Align the bar with the map's data area.
		da := p.DataCanvas(main)
		bar := c
		bar.Min = vg.Point{X: c.Max.X - barW, Y: da.Min.Y}
		bar.Max = vg.Point{X: c.Max.X, Y: da.Max.Y}
		// DataCanvas of the bar plot must match the height: draw with the
		// tick labels on the left inside the strip.
		cb.Draw(bar)
	}
	return fig
}

var diagonalBG = color.RGBA{0xf1, 0xf3, 0xf5, 0xff}

// flowOverlay writes the values into the cells and draws the diagonal
// and the hidden cells.
type flowOverlay struct {
	g   flowGrid
	cm  palette.ColorMap
	max float64
}

// Plot implements plot.Plotter.
func (o *flowOverlay) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	n := len(o.g.f.teams)
	cw := trX(1) - trX(0)
	ch := trY(1) - trY(0)
	size := min(9.5, ch*0.32, cw*0.28)
	show := size >= 5
	for r := range n {
		from := o.g.from(r)
		for col := range n {
			x0, x1 := trX(float64(col)-0.5), trX(float64(col)+0.5)
			y0, y1 := trY(float64(r)-0.5), trY(float64(r)+0.5)
			v := o.g.f.w[from][col]
			hidden := o.g.f.hidden[from] || o.g.f.hidden[col]
			txt, clr := short(v), ink
			switch {
			case hidden:
				c.FillPolygon(hiddenBG, rect(x0, y0, x1, y1))
				txt, clr = "hidden", muted
			case from == col:
				c.FillPolygon(diagonalBG, rect(x0, y0, x1, y1))
				clr = muted
			case v > 0.55*o.max:
				clr = white
			}
			// Thin white separators between cells.
			c.StrokeLines(draw.LineStyle{Color: white, Width: 1}, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}})
			if show {
				sty := aligned(style(size, from != col && !hidden, clr), draw.XCenter, draw.YCenter)
				if hidden {
					sty.Font.Size = size * 0.85
				}
				c.FillText(sty, vg.Point{X: (x0 + x1) / 2, Y: (y0 + y1) / 2}, txt)
			}
		}
	}
}
