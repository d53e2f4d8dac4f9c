package ui

import (
	"image"
	"image/color"
	"math"
)

// Pixel drawing for the map and charts: antialiased lines and discs
// blended straight into an RGBA image. It touches only the pixels it
// covers, so thousands of edges draw in a few milliseconds.

// blend paints c over the pixel at x, y with coverage a in [0, 1].
func blend(img *image.RGBA, x, y int, c color.NRGBA, a float64) {
	if !(image.Point{x, y}.In(img.Rect)) || a <= 0 {
		return
	}
	alpha := a * float64(c.A) / 255
	if alpha > 1 {
		alpha = 1
	}
	i := img.PixOffset(x, y)
	p := img.Pix[i : i+4 : i+4]
	inv := 1 - alpha
	p[0] = uint8(float64(c.R)*alpha + float64(p[0])*inv)
	p[1] = uint8(float64(c.G)*alpha + float64(p[1])*inv)
	p[2] = uint8(float64(c.B)*alpha + float64(p[2])*inv)
	p[3] = uint8(255*alpha + float64(p[3])*inv)
}

// drawLine draws a line width pixels wide from (x0, y0) to (x1, y1) with
// a soft edge of one pixel.
func drawLine(img *image.RGBA, x0, y0, x1, y1, width float64, c color.NRGBA) {
	dx, dy := x1-x0, y1-y0
	length := math.Hypot(dx, dy)
	if length < 0.5 || math.IsNaN(length) {
		return
	}
	half := width / 2
	minX := int(math.Floor(math.Min(x0, x1) - half - 1))
	maxX := int(math.Ceil(math.Max(x0, x1) + half + 1))
	minY := int(math.Floor(math.Min(y0, y1) - half - 1))
	maxY := int(math.Ceil(math.Max(y0, y1) + half + 1))
	b := img.Rect
	minX, maxX = max(minX, b.Min.X), min(maxX, b.Max.X-1)
	minY, maxY = max(minY, b.Min.Y), min(maxY, b.Max.Y-1)
	ux, uy := dx/length, dy/length
	// Walk the shorter extent per step of the longer one, so a long thin
	// line costs its length, not its bounding box.
	if math.Abs(dx) >= math.Abs(dy) {
		for x := minX; x <= maxX; x++ {
			t := (float64(x) + 0.5 - x0) / dx
			cy := y0 + t*dy
			span := half/math.Max(math.Abs(ux), 1e-9) + 1
			for y := max(int(cy-span), minY); y <= min(int(cy+span), maxY); y++ {
				lineCover(img, x, y, x0, y0, ux, uy, length, half, c)
			}
		}
		return
	}
	for y := minY; y <= maxY; y++ {
		t := (float64(y) + 0.5 - y0) / dy
		cx := x0 + t*dx
		span := half/math.Max(math.Abs(uy), 1e-9) + 1
		for x := max(int(cx-span), minX); x <= min(int(cx+span), maxX); x++ {
			lineCover(img, x, y, x0, y0, ux, uy, length, half, c)
		}
	}
}

func lineCover(img *image.RGBA, x, y int, x0, y0, ux, uy, length, half float64, c color.NRGBA) {
	px, py := float64(x)+0.5-x0, float64(y)+0.5-y0
	along := px*ux + py*uy
	if along < -0.5 || along > length+0.5 {
		return
	}
	dist := math.Abs(px*uy - py*ux)
	cover := math.Min(1, half+0.5-dist)
	if half < 0.5 { // hairlines fade instead of vanishing
		cover = math.Min(1, 1-dist) * half * 2
	}
	blend(img, x, y, c, cover)
}

// fillCircle draws a disc of radius r centred on (cx, cy), antialiased.
func fillCircle(img *image.RGBA, cx, cy, r float64, c color.NRGBA) {
	if r <= 0 || math.IsNaN(cx) || math.IsNaN(cy) {
		return
	}
	b := img.Rect
	for y := max(int(cy-r-1), b.Min.Y); y <= min(int(cy+r+1), b.Max.Y-1); y++ {
		for x := max(int(cx-r-1), b.Min.X); x <= min(int(cx+r+1), b.Max.X-1); x++ {
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			blend(img, x, y, c, math.Min(1, r+0.5-d))
		}
	}
}

// ringCircle draws a ring of the given width just outside radius r.
func ringCircle(img *image.RGBA, cx, cy, r, width float64, c color.NRGBA) {
	outer := r + width
	b := img.Rect
	for y := max(int(cy-outer-1), b.Min.Y); y <= min(int(cy+outer+1), b.Max.Y-1); y++ {
		for x := max(int(cx-outer-1), b.Min.X); x <= min(int(cx+outer+1), b.Max.X-1); x++ {
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			cover := math.Min(math.Min(1, outer+0.5-d), math.Min(1, d-r+0.5))
			blend(img, x, y, c, cover)
		}
	}
}

// fillRect fills a rectangle, clipped to the image.
func fillRect(img *image.RGBA, r image.Rectangle, c color.NRGBA) {
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			blend(img, x, y, c, 1)
		}
	}
}
