package ui

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// mapNode is one point on a mapView, in world coordinates.
type mapNode struct {
	X, Y  float64
	R     float64     // radius in device-independent pixels
	Fill  color.NRGBA //
	Ring  color.NRGBA // a ring around the point; zero alpha for none
	Key   string      // what a tap reports
	Name  string      // shown on hover
	Label bool        // the name is always shown beside the point
	Left  bool        // the label goes on the left of the point
	Dim   bool        // filtered out: drawn faint, not hoverable or tappable
}

// mapEdge joins nodes A and B.
type mapEdge struct {
	A, B  int
	Width float64 // in device-independent pixels
	Color color.NRGBA
}

// mapLine is a guide line in world coordinates (a median, an axis).
type mapLine struct {
	X0, Y0, X1, Y1 float64
	Width          float64
	Color          color.NRGBA
}

// mapNote is a text placed at a world position (its top-left corner).
type mapNote struct {
	X, Y  float64
	Text  string
	Color color.Color
	Bold  bool
}

// mapView draws points, edges, guide lines and notes over a world box,
// fitted to its size. With zoom on, the wheel zooms around the pointer and
// a drag pans. Hovering a point shows its name; tapping it calls onTap.
type mapView struct {
	widget.BaseWidget

	nodes []mapNode
	edges []mapEdge
	lines []mapLine
	notes []mapNote
	// minX, minY, maxX, maxY bound the world; flipY puts larger Y at the
	// top (charts); keepAspect scales both axes alike (maps).
	minX, minY, maxX, maxY float64
	flipY, keepAspect      bool
	zoomable               bool
	margin                 float32

	zoom       float64
	panX, panY float32
	version    int // changes with the data, so the drawing is redone
	hover      int
	onTap      func(key string)
}

func newMapView(onTap func(string)) *mapView {
	v := &mapView{onTap: onTap, zoom: 1, hover: -1, maxX: 1, maxY: 1, margin: 24}
	v.ExtendBaseWidget(v)
	return v
}

// setData replaces what the view shows and resets zoom and pan when
// reset is true.
func (v *mapView) setData(nodes []mapNode, edges []mapEdge, lines []mapLine, notes []mapNote, reset bool) {
	v.nodes, v.edges, v.lines, v.notes = nodes, edges, lines, notes
	v.version++
	v.hover = -1
	if reset {
		v.zoom, v.panX, v.panY = 1, 0, 0
	}
	v.Refresh()
}

// scales returns the world-to-screen scale of each axis at zoom 1.
func (v *mapView) scales(size fyne.Size) (sx, sy float64) {
	w := math.Max(float64(size.Width-2*v.margin), 1)
	h := math.Max(float64(size.Height-2*v.margin), 1)
	dx, dy := math.Max(v.maxX-v.minX, 1e-9), math.Max(v.maxY-v.minY, 1e-9)
	sx, sy = w/dx, h/dy
	if v.keepAspect {
		s := math.Min(sx, sy)
		sx, sy = s, s
	}
	return sx, sy
}

// toScreen maps a world point to the widget's coordinates.
func (v *mapView) toScreen(x, y float64, size fyne.Size) (float32, float32) {
	sx, sy := v.scales(size)
	cx, cy := (v.minX+v.maxX)/2, (v.minY+v.maxY)/2
	dy := (y - cy) * sy
	if v.flipY {
		dy = -dy
	}
	return float32(float64(size.Width)/2+(x-cx)*sx*v.zoom) + v.panX,
		float32(float64(size.Height)/2+dy*v.zoom) + v.panY
}

// nodeAt is the index of the shown point under pos, or -1.
func (v *mapView) nodeAt(pos fyne.Position) int {
	size := v.Size()
	best, bestD := -1, float32(math.MaxFloat32)
	for i, n := range v.nodes {
		if n.Dim {
			continue
		}
		x, y := v.toScreen(n.X, n.Y, size)
		d := (x-pos.X)*(x-pos.X) + (y-pos.Y)*(y-pos.Y)
		reach := float32(n.R) + 4
		if d <= reach*reach && d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// Tapped opens the point under the pointer.
func (v *mapView) Tapped(e *fyne.PointEvent) {
	if i := v.nodeAt(e.Position); i >= 0 && v.onTap != nil {
		v.onTap(v.nodes[i].Key)
	}
}

// Scrolled zooms around the pointer.
func (v *mapView) Scrolled(e *fyne.ScrollEvent) {
	if !v.zoomable {
		return
	}
	factor := math.Exp(float64(e.Scrolled.DY) * 0.004)
	next := math.Min(math.Max(v.zoom*factor, 0.5), 40)
	ratio := float32(next / v.zoom)
	size := v.Size()
	mx, my := e.Position.X-size.Width/2, e.Position.Y-size.Height/2
	v.panX = mx - (mx-v.panX)*ratio
	v.panY = my - (my-v.panY)*ratio
	v.zoom = next
	v.Refresh()
}

// Dragged pans.
func (v *mapView) Dragged(e *fyne.DragEvent) {
	if !v.zoomable {
		return
	}
	v.panX += e.Dragged.DX
	v.panY += e.Dragged.DY
	v.Refresh()
}

// DragEnd ends a pan.
func (v *mapView) DragEnd() {}

// MouseIn starts hovering.
func (v *mapView) MouseIn(e *desktop.MouseEvent) { v.MouseMoved(e) }

// MouseMoved shows the name of the point under the pointer.
func (v *mapView) MouseMoved(e *desktop.MouseEvent) {
	if i := v.nodeAt(e.Position); i != v.hover {
		v.hover = i
		v.Refresh()
	}
}

// MouseOut hides the name.
func (v *mapView) MouseOut() {
	if v.hover >= 0 {
		v.hover = -1
		v.Refresh()
	}
}

// zoomBy zooms around the centre, for buttons.
func (v *mapView) zoomBy(f float64) {
	next := math.Min(math.Max(v.zoom*f, 0.5), 40)
	ratio := float32(next / v.zoom)
	v.panX *= ratio
	v.panY *= ratio
	v.zoom = next
	v.Refresh()
}

// CreateRenderer draws the view.
func (v *mapView) CreateRenderer() fyne.WidgetRenderer {
	r := &mapRenderer{v: v, tipBg: canvas.NewRectangle(color.NRGBA{0x20, 0x20, 0x20, 0xe8}), tip: canvas.NewText("", color.White),
		ring: canvas.NewCircle(color.Transparent)}
	r.tipBg.CornerRadius = 4
	r.ring.StrokeColor = theme.Color(theme.ColorNameForeground)
	r.ring.StrokeWidth = 2
	r.raster = canvas.NewRaster(r.draw)
	r.refreshTexts()
	return r
}

type mapRenderer struct {
	v      *mapView
	raster *canvas.Raster
	ring   *canvas.Circle // around the hovered point
	// img is the last drawing and key what it was drawn for: hovering
	// moves only the ring and the tip, it does not draw again.
	img    *image.RGBA
	key    drawKey
	labels []*canvas.Text
	notes  []*canvas.Text
	tipBg  *canvas.Rectangle
	tip    *canvas.Text
}

func (r *mapRenderer) Destroy() {}

func (r *mapRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 120) }

func (r *mapRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.raster}
	for _, t := range r.notes {
		objs = append(objs, t)
	}
	for _, t := range r.labels {
		objs = append(objs, t)
	}
	return append(objs, r.ring, r.tipBg, r.tip)
}

// drawKey is what a drawing depends on.
type drawKey struct {
	w, h, version int
	zoom          float64
	panX, panY    float32
	size          fyne.Size
}

func (r *mapRenderer) Refresh() {
	r.refreshTexts()
	r.Layout(r.v.Size())
	r.raster.Refresh()
	for _, o := range r.Objects()[1:] {
		o.Refresh()
	}
}

// refreshTexts makes one text per labelled point and per note.
func (r *mapRenderer) refreshTexts() {
	fg := theme.Color(theme.ColorNameForeground)
	r.labels = r.labels[:0]
	for _, n := range r.v.nodes {
		if n.Label && !n.Dim {
			t := canvas.NewText(n.Name, fg)
			t.TextSize = theme.CaptionTextSize()
			r.labels = append(r.labels, t)
		}
	}
	r.notes = r.notes[:0]
	for _, n := range r.v.notes {
		c := n.Color
		if c == nil {
			c = fg
		}
		t := canvas.NewText(n.Text, c)
		t.TextStyle.Bold = n.Bold
		t.TextSize = theme.CaptionTextSize() + 1
		r.notes = append(r.notes, t)
	}
}

func (r *mapRenderer) Layout(size fyne.Size) {
	v := r.v
	r.raster.Resize(size)
	r.raster.Move(fyne.NewPos(0, 0))
	li := 0
	for _, n := range v.nodes {
		if !n.Label || n.Dim {
			continue
		}
		x, y := v.toScreen(n.X, n.Y, size)
		t := r.labels[li]
		li++
		if n.Left {
			t.Move(fyne.NewPos(x-float32(n.R)-3-t.MinSize().Width, y-t.MinSize().Height/2))
		} else {
			t.Move(fyne.NewPos(x+float32(n.R)+3, y-t.MinSize().Height/2))
		}
		t.Resize(t.MinSize())
		t.Hidden = x < 0 || y < 0 || x > size.Width || y > size.Height
	}
	for i, n := range v.notes {
		x, y := v.toScreen(n.X, n.Y, size)
		t := r.notes[i]
		t.Move(fyne.NewPos(x, y))
		t.Resize(t.MinSize())
	}
	r.tip.Hidden, r.tipBg.Hidden, r.ring.Hidden = true, true, true
	if v.hover >= 0 && v.hover < len(v.nodes) {
		n := v.nodes[v.hover]
		x, y := v.toScreen(n.X, n.Y, size)
		rad := float32(n.R*min(max(math.Sqrt(v.zoom), 1), 3)) + 4
		r.ring.Move(fyne.NewPos(x-rad, y-rad))
		r.ring.Resize(fyne.NewSize(2*rad, 2*rad))
		r.ring.Hidden = false
		r.tip.Text = n.Name
		ts := r.tip.MinSize()
		pos := fyne.NewPos(min(x+10, size.Width-ts.Width-8), max(y-ts.Height-12, 0))
		r.tipBg.Move(pos.SubtractXY(6, 3))
		r.tipBg.Resize(ts.AddWidthHeight(12, 6))
		r.tip.Move(pos)
		r.tip.Resize(ts)
		r.tip.Hidden, r.tipBg.Hidden = false, false
	}
}

// draw renders edges, guide lines and points into a w×h pixel image, or
// returns the last drawing when nothing it depends on changed.
func (r *mapRenderer) draw(w, h int) image.Image {
	v := r.v
	key := drawKey{w: w, h: h, version: v.version, zoom: v.zoom, panX: v.panX, panY: v.panY, size: v.Size()}
	if r.img != nil && key == r.key {
		return r.img
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r.img, r.key = img, key
	size := v.Size()
	if size.Width <= 0 || size.Height <= 0 {
		return img
	}
	px := float64(w) / float64(size.Width)
	at := func(x, y float64) (float64, float64) {
		sx, sy := v.toScreen(x, y, size)
		return float64(sx) * px, float64(sy) * px
	}
	for _, l := range v.lines {
		x0, y0 := at(l.X0, l.Y0)
		x1, y1 := at(l.X1, l.Y1)
		drawLine(img, x0, y0, x1, y1, l.Width*px, l.Color)
	}
	for _, e := range v.edges {
		a, b := v.nodes[e.A], v.nodes[e.B]
		if a.Dim || b.Dim {
			continue
		}
		x0, y0 := at(a.X, a.Y)
		x1, y1 := at(b.X, b.Y)
		drawLine(img, x0, y0, x1, y1, e.Width*px, e.Color)
	}
	zoomR := math.Min(math.Max(math.Sqrt(v.zoom), 1), 3)
	for pass := range 2 { // dim points first, so the shown ones sit on top
		for _, n := range v.nodes {
			if n.Dim != (pass == 0) {
				continue
			}
			x, y := at(n.X, n.Y)
			rad := n.R * px * zoomR
			fill := n.Fill
			if n.Dim {
				fill.A = 40
			}
			fillCircle(img, x, y, rad, fill)
			if n.Ring.A > 0 && !n.Dim {
				ringCircle(img, x, y, rad+0.5*px, 2.5*px, n.Ring)
			}
		}
	}
	return img
}
