package export

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strings"
	"time"

	stdfnt "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// pngDPI is the resolution of PNG charts: sharp on a projector and in a
// slide deck.
const pngDPI = 144

// Colours that read on white.
var (
	white     = color.RGBA{0xff, 0xff, 0xff, 0xff}
	ink       = color.RGBA{0x21, 0x25, 0x29, 0xff}
	muted     = color.RGBA{0x5f, 0x66, 0x6d, 0xff}
	faint     = color.RGBA{0xad, 0xb5, 0xbd, 0xff}
	rule      = color.RGBA{0xde, 0xe2, 0xe6, 0xff}
	gridColor = color.RGBA{0xee, 0xf0, 0xf2, 0xff}
	hiddenBG  = color.RGBA{0xce, 0xd4, 0xda, 0xff}
)

// roleColour gives each known role an Okabe–Ito colour (readable by
// people with the common colour-vision deficiencies).
func roleColour(role string) color.RGBA {
	switch role {
	case RoleMultiplier:
		return color.RGBA{0x00, 0x9e, 0x73, 0xff}
	case RoleBottleneck:
		return color.RGBA{0xd5, 0x5e, 0x00, 0xff}
	case RoleConnector:
		return color.RGBA{0x00, 0x72, 0xb2, 0xff}
	case RoleSolo:
		return color.RGBA{0xe6, 0x9f, 0x00, 0xff}
	case RolePeripheral:
		return color.RGBA{0x99, 0x99, 0x99, 0xff}
	}
	return color.RGBA{0xc4, 0xc9, 0xce, 0xff}
}

// roleTitle is a role as a legend names it.
func roleTitle(role string) string {
	if role == "" {
		return "No role"
	}
	return strings.ToUpper(role[:1]) + role[1:]
}

// teamPalette is Tableau 10, colours for up to ten teams; more teams
// repeat them in a lighter tint.
var teamPalette = []color.RGBA{
	{0x4e, 0x79, 0xa7, 0xff}, {0xf2, 0x8e, 0x2b, 0xff}, {0xe1, 0x57, 0x59, 0xff},
	{0x76, 0xb7, 0xb2, 0xff}, {0x59, 0xa1, 0x4f, 0xff}, {0xed, 0xc9, 0x48, 0xff},
	{0xb0, 0x7a, 0xa1, 0xff}, {0xff, 0x9d, 0xa7, 0xff}, {0x9c, 0x75, 0x5f, 0xff},
	{0xba, 0xb0, 0xac, 0xff},
}

func teamColour(i int) color.RGBA {
	if i < 0 {
		return color.RGBA{0xc4, 0xc9, 0xce, 0xff}
	}
	c := teamPalette[i%len(teamPalette)]
	if i/len(teamPalette)%2 == 1 {
		c = mix(c, white, 0.45)
	}
	return c
}

// mix returns a blended toward b by t in [0, 1].
func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-t) + float64(y)*t)) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}

func withAlpha(c color.RGBA, a float64) color.NRGBA {
	return color.NRGBA{c.R, c.G, c.B, uint8(math.Round(a * 255))}
}

// sans is Liberation Sans, metric-compatible with Arial.
func sans(size vg.Length, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	if bold {
		f.Weight = stdfnt.WeightBold
	}
	return f
}

// style is a text style in sans.
func style(size vg.Length, bold bool, c color.Color) draw.TextStyle {
	return draw.TextStyle{Color: c, Font: sans(size, bold), Handler: plot.DefaultTextHandler}
}

func aligned(s draw.TextStyle, x draw.XAlignment, y draw.YAlignment) draw.TextStyle {
	s.XAlign, s.YAlign = x, y
	return s
}

// newPlot returns a plot whose text is all in sans, with light axes.
func newPlot() *plot.Plot {
	p := plot.New()
	p.Title.TextStyle.Font = sans(13, true)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = sans(10, false)
		ax.Label.TextStyle.Color = ink
		ax.Tick.Label.Font = sans(8.5, false)
		ax.Tick.Label.Color = muted
		ax.LineStyle.Color = faint
		ax.Tick.LineStyle.Color = faint
		ax.Label.Padding = vg.Points(4)
	}
	p.Legend.TextStyle.Font = sans(9, false)
	p.BackgroundColor = nil
	return p
}

// figure is one chart with its frame: title, subtitle, a legend on the
// right, and a footer with the period.
type figure struct {
	title    string
	subtitle string
	footer   string // left of the footer, e.g. the period
	note     string // right of the footer
	legend   []legendSection
	body     func(c draw.Canvas)
}

type legendSection struct {
	heading string
	items   []legendItem
}

type legendItem struct {
	label  string
	swatch func(c *draw.Canvas, at vg.Point) // draws centred at at, ~10 pt
}

const pad = vg.Length(14)

func (f figure) draw(c draw.Canvas) {
	// Background.
	c.FillPolygon(white, []vg.Point{c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y}})
	inner := draw.Crop(c, pad, -pad, pad-4, -pad+2)

	// Title and subtitle.
	top := inner.Max.Y
	ts := aligned(style(15, true, ink), draw.XLeft, draw.YTop)
	inner.FillText(ts, vg.Point{X: inner.Min.X, Y: top}, f.title)
	top -= ts.Height(f.title) + 3
	if f.subtitle != "" {
		ss := aligned(style(9.5, false, muted), draw.XLeft, draw.YTop)
		inner.FillText(ss, vg.Point{X: inner.Min.X, Y: top}, f.subtitle)
		top -= ss.Height(f.subtitle)
	}
	top -= 8

	// Footer.
	fs := style(8, false, muted)
	fh := fs.Height("Ag")
	base := inner.Min.Y
	inner.StrokeLine2(draw.LineStyle{Color: rule, Width: 0.6}, inner.Min.X, base+fh+5, inner.Max.X, base+fh+5)
	noteW := vg.Length(0)
	if f.note != "" {
		noteW = fs.Width(f.note)
	}
	footer := fit(fs, f.footer, inner.Max.X-inner.Min.X-noteW-12)
	inner.FillText(aligned(fs, draw.XLeft, draw.YBottom), vg.Point{X: inner.Min.X, Y: base}, footer)
	if f.note != "" {
		inner.FillText(aligned(fs, draw.XRight, draw.YBottom), vg.Point{X: inner.Max.X, Y: base}, f.note)
	}
	bottom := base + fh + 12

	// Legend.
	right := inner.Max.X
	if len(f.legend) > 0 {
		w := legendWidth(f.legend)
		w = min(w, (inner.Max.X-inner.Min.X)*0.3)
		lc := inner
		lc.Min = vg.Point{X: inner.Max.X - w, Y: bottom}
		lc.Max = vg.Point{X: inner.Max.X, Y: top}
		drawLegend(lc, f.legend)
		right = inner.Max.X - w - 10
	}
	body := inner
	body.Min = vg.Point{X: inner.Min.X, Y: bottom}
	body.Max = vg.Point{X: right, Y: top}
	if f.body != nil {
		f.body(body)
	}
}

var (
	legendHead = style(9, true, ink)
	legendText = style(8.5, false, ink)
)

const swatchW = vg.Length(16)

func legendWidth(secs []legendSection) vg.Length {
	w := vg.Length(0)
	for _, s := range secs {
		w = max(w, legendHead.Width(s.heading))
		for _, it := range s.items {
			w = max(w, swatchW+6+legendText.Width(it.label))
		}
	}
	return w + 4
}

func drawLegend(c draw.Canvas, secs []legendSection) {
	y := c.Max.Y
	lh := legendText.Height("Ag") + 4
	for si, s := range secs {
		if si > 0 {
			y -= 8
		}
		if s.heading != "" {
			c.FillText(aligned(legendHead, draw.XLeft, draw.YTop), vg.Point{X: c.Min.X, Y: y}, s.heading)
			y -= legendHead.Height(s.heading) + 4
		}
		for _, it := range s.items {
			if y-lh < c.Min.Y {
				c.FillText(aligned(legendText, draw.XLeft, draw.YTop), vg.Point{X: c.Min.X, Y: y}, "…")
				return
			}
			mid := y - lh/2
			if it.swatch != nil {
				it.swatch(&c, vg.Point{X: c.Min.X + swatchW/2, Y: mid})
			}
			label := fit(legendText, it.label, c.Max.X-c.Min.X-swatchW-6)
			c.FillText(aligned(legendText, draw.XLeft, draw.YCenter), vg.Point{X: c.Min.X + swatchW + 6, Y: mid}, label)
			y -= lh
		}
	}
}

// fit shortens s with "…" until it is at most w wide in sty.
func fit(sty draw.TextStyle, s string, w vg.Length) string {
	if w <= 0 || sty.Width(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && sty.Width(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + "…"
}

// Swatches.

func markerSwatch(shape string, fill, stroke color.Color) func(c *draw.Canvas, at vg.Point) {
	return func(c *draw.Canvas, at vg.Point) { drawMarker(c, shape, at, 4.5, fill, stroke, 0.8) }
}

func lineSwatch(ls draw.LineStyle) func(c *draw.Canvas, at vg.Point) {
	return func(c *draw.Canvas, at vg.Point) {
		c.StrokeLine2(ls, at.X-swatchW/2, at.Y, at.X+swatchW/2, at.Y)
	}
}

func boxSwatch(fill color.Color) func(c *draw.Canvas, at vg.Point) {
	return func(c *draw.Canvas, at vg.Point) {
		c.FillPolygon(fill, rect(at.X-6, at.Y-5, at.X+6, at.Y+5))
	}
}

func rect(x0, y0, x1, y1 vg.Length) []vg.Point {
	return []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}

// Markers: one shape per role, so roles read without colour too.

func roleShape(role string) string {
	switch role {
	case RoleMultiplier:
		return "star"
	case RoleBottleneck:
		return "square"
	case RoleConnector:
		return "diamond"
	case RoleSolo:
		return "triangle"
	}
	return "circle"
}

// drawMarker draws shape centred at at with radius r, filled and outlined.
func drawMarker(c *draw.Canvas, shape string, at vg.Point, r vg.Length, fill, stroke color.Color, sw vg.Length) {
	var pts []vg.Point
	poly := func(n int, rot float64, radii ...vg.Length) {
		for k := range n * len(radii) {
			a := rot + 2*math.Pi*float64(k)/float64(n*len(radii))
			rr := radii[k%len(radii)]
			pts = append(pts, vg.Point{X: at.X + rr*vg.Length(math.Cos(a)), Y: at.Y + rr*vg.Length(math.Sin(a))})
		}
	}
	switch shape {
	case "star":
		poly(5, math.Pi/2, r*1.35, r*0.6)
	case "square":
		poly(4, math.Pi/4, r*1.2)
	case "diamond":
		poly(4, math.Pi/2, r*1.3)
	case "triangle":
		at.Y -= r * 0.2
		poly(3, math.Pi/2, r*1.35)
	}
	var p vg.Path
	if pts == nil {
		p.Move(vg.Point{X: at.X + r, Y: at.Y})
		p.Arc(at, r, 0, 2*math.Pi)
		p.Close()
	} else {
		p.Move(pts[0])
		for _, q := range pts[1:] {
			p.Line(q)
		}
		p.Close()
	}
	if fill != nil {
		c.SetColor(fill)
		c.Fill(p)
	}
	if stroke != nil && sw > 0 {
		c.SetLineStyle(draw.LineStyle{Color: stroke, Width: sw})
		c.Stroke(p)
	}
}

// Rendering.

// render draws fig on a w × h canvas in format (png, svg or pdf).
func render(format string, w, h vg.Length, date time.Time, fig figure) ([]byte, error) {
	var buf bytes.Buffer
	switch format {
	case FormatPNG:
		c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(pngDPI), vgimg.UseBackgroundColor(white))
		fig.draw(draw.New(c))
		if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
			return nil, fmt.Errorf("encode png: %w", err)
		}
	case FormatSVG:
		c := vgsvg.New(w, h)
		fig.draw(draw.New(c))
		if _, err := c.WriteTo(&buf); err != nil {
			return nil, fmt.Errorf("encode svg: %w", err)
		}
	case FormatPDF:
		c := newPDF(w, h, date)
		fig.draw(draw.New(c))
		if _, err := c.WriteTo(&buf); err != nil {
			return nil, fmt.Errorf("encode pdf: %w", err)
		}
	default:
		panic("export: render to " + format)
	}
	return buf.Bytes(), nil
}
