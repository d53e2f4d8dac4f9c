package export

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// seriesColours are for the lines of a trend: blue, vermillion, bluish
// green, reddish purple (Okabe–Ito).
var seriesColours = []color.RGBA{
	{0x00, 0x72, 0xb2, 0xff}, {0xd5, 0x5e, 0x00, 0xff},
	{0x00, 0x9e, 0x73, 0xff}, {0xcc, 0x79, 0xa7, 0xff},
}

var seriesShapes = []string{"circle", "square", "diamond", "triangle"}

// trendPlot returns the trend of person i as a plot, and its legend;
// nil when the person has no trend values for the trend keys.
func (m *model) trendPlot(i int, small bool) (*plot.Plot, legendSection) {
	p := m.people[i]
	sec := legendSection{heading: "Metric"}
	if len(p.Trend) == 0 || len(m.trendKeys) == 0 {
		return nil, sec
	}
	pl := newPlot()
	labels := make([]string, len(p.Trend))
	for j, tp := range p.Trend {
		labels[j] = tp.Label
	}
	g := plotter.NewGrid()
	g.Vertical.Width = 0
	g.Horizontal.Color = gridColor
	pl.Add(g)
	units := map[string]bool{}
	drawn := false
	for k, key := range m.trendKeys {
		col := m.col(key)
		units[col.unit] = true
		var xy plotter.XYs
		for j, tp := range p.Trend {
			v, ok := tp.Values[key]
			if !ok || !finite(v) {
				continue
			}
			if col.unit == "%" {
				v *= 100
			}
			xy = append(xy, plotter.XY{X: float64(j), Y: v})
		}
		clr := seriesColours[k%len(seriesColours)]
		shape := seriesShapes[k%len(seriesShapes)]
		ls := draw.LineStyle{Color: clr, Width: 1.8}
		if len(xy) > 0 {
			drawn = true
			if len(xy) > 1 {
				l, err := plotter.NewLine(xy)
				if err == nil {
					l.LineStyle = ls
					pl.Add(l)
				}
			}
			pl.Add(markers{xy: xy, shape: shape, fill: clr})
		}
		lab := col.label
		if len(units) > 1 || k > 0 && col.unit != m.col(m.trendKeys[0]).unit {
			lab = col.header()
		}
		sec.items = append(sec.items, legendItem{label: lab, swatch: func(c *draw.Canvas, at vg.Point) {
			c.StrokeLine2(ls, at.X-swatchW/2, at.Y, at.X+swatchW/2, at.Y)
			drawMarker(c, shape, at, 3, clr, white, 0.6)
		}})
	}
	if !drawn {
		return nil, sec
	}
	pl.NominalX(labels...)
	pl.X.Tick.Label.Color = ink
	pl.X.Label.Text = "Period"
	if len(units) == 1 {
		for u := range units {
			switch u {
			case "":
				pl.Y.Label.Text = "Value"
			case "%":
				pl.Y.Label.Text = "Percent"
			default:
				pl.Y.Label.Text = capital(u)
			}
		}
	} else {
		pl.Y.Label.Text = "Value (units in legend)"
	}
	pl.Y.Tick.Marker = plainTicks{}
	if small {
		pl.X.Label.Text = ""
		pl.X.Tick.Label.Font.Size = 7.5
		pl.Y.Tick.Label.Font.Size = 7.5
		pl.Y.Label.TextStyle.Font.Size = 8
	}
	// Start at zero unless values go below it.
	lo := math.Inf(1)
	for _, tp := range p.Trend {
		for _, k := range m.trendKeys {
			if v, ok := tp.Values[k]; ok && finite(v) {
				lo = min(lo, v)
			}
		}
	}
	if lo >= 0 {
		pl.Y.Min = 0
	}
	// A little room above (and below zero) so no marker sits on the
	// plot's edge; Add has set the range to the data's.
	if pad := (pl.Y.Max - pl.Y.Min) * 0.06; pad > 0 {
		pl.Y.Max += pad
		if lo < 0 {
			pl.Y.Min -= pad
		}
	}
	pl.X.Min, pl.X.Max = -0.3, float64(len(p.Trend)-1)+0.3
	return pl, sec
}

// plainTicks are gonum's default ticks labelled as people write
// numbers: 50, not 50.00.
type plainTicks struct{}

// Ticks implements plot.Ticker.
func (plainTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = num(ts[i].Value)
		}
	}
	return ts
}

// drawTrend draws the trend plot pl on c, first making its period names
// fit under their points: side by side when there is room, else turned
// by 45°, and when even that is too tight only every k-th one.
func drawTrend(pl *plot.Plot, c draw.Canvas) {
	ticks, ok := pl.X.Tick.Marker.(plot.ConstantTicks)
	if !ok || len(ticks) == 0 {
		pl.Draw(c)
		return
	}
	da := pl.DataCanvas(c)
	span := pl.X.Max - pl.X.Min
	step := (da.Max.X - da.Min.X) / vg.Length(max(span, 1))
	sty := pl.X.Tick.Label
	widest := vg.Length(0)
	for _, t := range ticks {
		widest = max(widest, sty.Width(t.Label))
	}
	if widest+6 > step {
		const turn = math.Pi / 4
		pl.X.Tick.Label.Rotation = turn
		pl.X.Tick.Label.XAlign = draw.XRight
		pl.X.Tick.Label.YAlign = draw.YCenter
		// Turned labels lie step·sin(turn) apart; keep a line height and
		// a little between them.
		if every := int(math.Ceil(float64(sty.Height("Ag")*1.25) / (float64(step) * math.Sin(turn)))); every > 1 {
			thinned := make(plot.ConstantTicks, len(ticks))
			copy(thinned, ticks)
			last := len(thinned) - 1
			for k := range thinned {
				// Keep the latest period; count back from it.
				if (last-k)%every != 0 {
					thinned[k].Label = ""
				}
			}
			pl.X.Tick.Marker = thinned
		}
	}
	pl.Draw(c)
}

func capital(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}

// markers is a plotter of role-free point markers.
type markers struct {
	xy    plotter.XYs
	shape string
	fill  color.Color
}

// Plot implements plot.Plotter.
func (s markers) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for _, p := range s.xy {
		drawMarker(&c, s.shape, vg.Point{X: trX(p.X), Y: trY(p.Y)}, 3.2, s.fill, white, 0.8)
	}
}

// DataRange implements plot.DataRanger.
func (s markers) DataRange() (xmin, xmax, ymin, ymax float64) { return plotter.XYRange(s.xy) }

// trendFigure is the trend chart of person i.
func trendFigure(m *model, i int) figure {
	p := m.people[i]
	pl, sec := m.trendPlot(i, false)
	fig := figure{
		title:    "Trend — " + p.Name,
		subtitle: joinNonEmpty(" · ", m.title, p.Team),
		footer:   m.periodFooter(),
		note:     chartNote,
	}
	if pl == nil {
		fig.body = func(c draw.Canvas) {
			c.FillText(aligned(style(10, false, muted), draw.XCenter, draw.YCenter), c.Center(), "No earlier periods to compare with.")
		}
		return fig
	}
	fig.legend = []legendSection{sec}
	fig.body = func(c draw.Canvas) { drawTrend(pl, c) }
	return fig
}
