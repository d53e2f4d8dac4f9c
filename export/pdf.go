package export

// The PDF canvas below is adapted from gonum.org/v1/plot/vg/vgpdf
// (v0.17.0, BSD-3-Clause, Copyright ©2015 The Gonum Authors). vgpdf
// cannot be used as it is:
//
//   - it registers every font with a font file of the same name, so the
//     PDF library embeds the glyphs of the last font registered for all
//     of them: a page with an italic note came out all in italic, and
//     bold text in regular;
//   - it selects bold and italic faces with styles it never registered;
//   - it passes alpha-premultiplied colours as the fill colour, so every
//     translucent fill (the quadrant tints, label halos) turns grey;
//   - it draws images upside down;
//   - it encodes text as Windows-1252, which lacks most of the letters of
//     Central and Eastern European names (ł, ő, ș …);
//   - its document dates are the PDF library's package-wide defaults.
//
// This canvas embeds a subset of each face as a Unicode font under a
// family of its own, passes straight colours with their alpha, and sets
// the dates and a sorted catalogue per document, so the same drawing
// gives the same bytes.

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strings"
	"sync"
	"time"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// pdfDPI is the resolution of drawing in PDF: points.
const pdfDPI = 72

// pdfCanvas is a vg.Canvas that draws into a PDF document of pages of
// one size. It is not safe for concurrent use.
type pdfCanvas struct {
	doc    *fpdf.Fpdf
	w, h   vg.Length
	stack  []pdfContext
	fonts  map[string]string // face name → family registered in doc
	images int
}

type pdfContext struct {
	width vg.Length
}

// newPDF returns a PDF canvas of one w × h page whose document dates are
// date, with a sorted catalogue, so the same drawing gives the same
// bytes.
func newPDF(w, h vg.Length, date time.Time) *pdfCanvas {
	doc := fpdf.NewCustom(&fpdf.InitType{
		UnitStr: "pt",
		Size:    fpdf.SizeType{Wd: w.Points(), Ht: h.Points()},
	})
	doc.SetCreationDate(date)
	doc.SetModificationDate(date)
	doc.SetCatalogSort(true)
	doc.SetCompression(true)
	doc.SetProducer("Multiplier", true)
	doc.SetAutoPageBreak(false, 0)
	c := &pdfCanvas{doc: doc, w: w, h: h, stack: make([]pdfContext, 1), fonts: map[string]string{}}
	c.NextPage()
	vg.Initialize(c)
	return c
}

// NextPage starts a new page; drawing goes there from now on.
func (c *pdfCanvas) NextPage() {
	if c.doc.PageNo() > 0 {
		c.Pop()
	}
	c.doc.SetMargins(0, 0, 0)
	c.doc.AddPage()
	c.Push()
	c.Translate(vg.Point{X: 0, Y: c.h})
	c.Scale(1, -1)
}

// Size implements vg.CanvasSizer.
func (c *pdfCanvas) Size() (w, h vg.Length) { return c.w, c.h }

// DPI is the resolution of the canvas.
func (c *pdfCanvas) DPI() float64 { return pdfDPI }

func (c *pdfCanvas) context() *pdfContext { return &c.stack[len(c.stack)-1] }

func (c *pdfCanvas) unit(l vg.Length) float64 { return l.Dots(pdfDPI) }

func (c *pdfCanvas) point(pt vg.Point) (float64, float64) { return c.unit(pt.X), c.unit(pt.Y) }

// SetLineWidth implements vg.Canvas.
func (c *pdfCanvas) SetLineWidth(w vg.Length) {
	c.context().width = w
	c.doc.SetLineWidth(c.unit(w))
}

// SetLineDash implements vg.Canvas.
func (c *pdfCanvas) SetLineDash(dashes []vg.Length, offs vg.Length) {
	ds := make([]float64, len(dashes))
	for i, d := range dashes {
		ds[i] = c.unit(d)
	}
	c.doc.SetDashPattern(ds, c.unit(offs))
}

// SetColor implements vg.Canvas: the colour without premultiplied alpha,
// and the alpha as the fill and stroke opacity.
func (c *pdfCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	n := color.NRGBAModel.Convert(clr).(color.NRGBA)
	r, g, b := int(n.R), int(n.G), int(n.B)
	c.doc.SetFillColor(r, g, b)
	c.doc.SetDrawColor(r, g, b)
	c.doc.SetTextColor(r, g, b)
	c.doc.SetAlpha(float64(n.A)/255, "Normal")
}

// Rotate implements vg.Canvas.
func (c *pdfCanvas) Rotate(r float64) { c.doc.TransformRotate(-r*180/math.Pi, 0, 0) }

// Translate implements vg.Canvas.
func (c *pdfCanvas) Translate(pt vg.Point) {
	x, y := c.point(pt)
	c.doc.TransformTranslate(x, y)
}

// Scale implements vg.Canvas.
func (c *pdfCanvas) Scale(x, y float64) { c.doc.TransformScale(x*100, y*100, 0, 0) }

// Push implements vg.Canvas.
func (c *pdfCanvas) Push() {
	c.stack = append(c.stack, *c.context())
	c.doc.TransformBegin()
}

// Pop implements vg.Canvas.
func (c *pdfCanvas) Pop() {
	c.doc.TransformEnd()
	c.stack = c.stack[:len(c.stack)-1]
}

// Stroke implements vg.Canvas.
func (c *pdfCanvas) Stroke(p vg.Path) {
	if c.context().width > 0 {
		c.path(p, "D")
	}
}

// Fill implements vg.Canvas.
func (c *pdfCanvas) Fill(p vg.Path) { c.path(p, "F") }

func (c *pdfCanvas) path(path vg.Path, style string) {
	var x, y float64
	for _, comp := range path {
		switch comp.Type {
		case vg.MoveComp:
			x, y = c.point(comp.Pos)
			c.doc.MoveTo(x, y)
		case vg.LineComp:
			c.doc.LineTo(c.point(comp.Pos))
		case vg.ArcComp:
			c.arc(comp, style)
		case vg.CurveComp:
			px, py := c.point(comp.Pos)
			switch len(comp.Control) {
			case 1:
				cx, cy := c.point(comp.Control[0])
				c.doc.CurveTo(cx, cy, px, py)
			case 2:
				cx, cy := c.point(comp.Control[0])
				dx, dy := c.point(comp.Control[1])
				c.doc.CurveBezierCubicTo(cx, cy, dx, dy, px, py)
			default:
				panic("export: pdf curve with more than two control points")
			}
		case vg.CloseComp:
			c.doc.LineTo(x, y)
			c.doc.ClosePath()
		default:
			panic(fmt.Sprintf("export: pdf path component of unknown type %d", comp.Type))
		}
	}
	c.doc.DrawPath(style)
}

func (c *pdfCanvas) arc(comp vg.PathComp, style string) {
	x0 := comp.Pos.X + comp.Radius*vg.Length(math.Cos(comp.Start))
	y0 := comp.Pos.Y + comp.Radius*vg.Length(math.Sin(comp.Start))
	c.doc.LineTo(c.point(vg.Point{X: x0, Y: y0}))
	r := c.unit(comp.Radius)
	const deg = 180 / math.Pi
	angle := comp.Angle * deg
	beg := comp.Start * deg
	c.doc.Arc(c.unit(comp.Pos.X), c.unit(comp.Pos.Y), r, r, angle, beg, beg+angle, style)
	x1 := comp.Pos.X + comp.Radius*vg.Length(math.Cos(comp.Start+comp.Angle))
	y1 := comp.Pos.Y + comp.Radius*vg.Length(math.Sin(comp.Start+comp.Angle))
	c.doc.MoveTo(c.point(vg.Point{X: x1, Y: y1}))
}

// FillString implements vg.Canvas: s in the face f with its baseline at
// pt. Control characters are drawn as spaces.
func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Size == 0 || s == "" {
		return
	}
	family, err := c.font(f)
	if err != nil {
		c.doc.SetError(err)
		return
	}
	size := c.unit(f.Font.Size)
	c.doc.SetFont(family, "", size)
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)

	c.Push()
	defer c.Pop()
	c.Translate(pt)
	// fpdf's origin is the top left corner.
	c.Scale(1, -1)
	_, h := c.doc.GetFontSize()
	top := 0.81 * h
	if d := c.doc.GetFontDesc(family, ""); d.Ascent != 0 {
		top = -float64(d.Ascent) * h / float64(d.Ascent-d.Descent)
	}
	w := c.doc.GetStringWidth(s)
	c.doc.MoveTo(-c.doc.GetCellMargin(), top)
	c.doc.CellFormat(w, h, s, "", 0, "BL", false, 0, "")
}

// fontSources holds the font file of each face by name, shared by all
// documents.
var fontSources sync.Map // face name → []byte

// font registers the face f with the document, once, and returns its
// family name.
func (c *pdfCanvas) font(f font.Face) (string, error) {
	name := f.Name()
	if fam, ok := c.fonts[name]; ok {
		return fam, nil
	}
	src, ok := fontSources.Load(name)
	if !ok {
		var buf bytes.Buffer
		if _, err := f.Face.WriteSourceTo(nil, &buf); err != nil {
			return "", fmt.Errorf("font %s: %w", name, err)
		}
		src, _ = fontSources.LoadOrStore(name, buf.Bytes())
	}
	fam := strings.ToLower(strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') {
			return r
		}
		return -1
	}, name))
	c.doc.AddUTF8FontFromBytes(fam, "", src.([]byte))
	if err := c.doc.Error(); err != nil {
		return "", fmt.Errorf("font %s: %w", name, err)
	}
	c.fonts[name] = fam
	return fam, nil
}

// DrawImage implements vg.Canvas. fpdf places an image's first row at
// the top of its box in its own downward y; on this canvas's page, whose
// y points up, that comes out upside down (as it does with vgpdf), so the
// rows are reversed first.
func (c *pdfCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	opts := fpdf.ImageOptions{ImageType: "png", ReadDpi: true}
	c.images++
	name := fmt.Sprintf("image_%03d.png", c.images)
	b := img.Bounds()
	flipped := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := range b.Dy() {
		for x := range b.Dx() {
			flipped.Set(x, b.Dy()-1-y, img.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, flipped); err != nil {
		c.doc.SetError(fmt.Errorf("encode image: %w", err))
		return
	}
	c.doc.RegisterImageOptionsReader(name, opts, &buf)
	x, y := c.point(rect.Min)
	w, h := c.point(rect.Size())
	c.doc.ImageOptions(name, x, y, w, h, false, opts, 0, "")
}

// WriteTo writes the document to w. The canvas cannot be drawn on after.
func (c *pdfCanvas) WriteTo(w io.Writer) (int64, error) {
	c.Pop()
	var buf bytes.Buffer
	if err := c.doc.Output(&buf); err != nil {
		return 0, err
	}
	return buf.WriteTo(w)
}
