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
	if x < img.Rect.Min.X || y < img.Rect.Min.Y || x >= img.Rect.Max.X || y >= img.Rect.Max.Y || a <= 0 {
		return
	}
	alpha := uint32(min(a, 1)*float64(c.A) + 0.5) // 0..255
	if alpha == 0 {
		return
	}
	i := img.PixOffset(x, y)
	p := img.Pix[i : i+4 : i+4]
	inv := 255 - alpha
	p[0] = uint8((uint32(c.R)*alpha + uint32(p[0])*inv) / 255)
	p[1] = uint8((uint32(c.G)*alpha + uint32(p[1])*inv) / 255)
	p[2] = uint8((uint32(c.B)*alpha + uint32(p[2])*inv) / 255)
	p[3] = uint8((255*alpha + uint32(p[3])*inv) / 255)
}

// drawLine draws a line width pixels wide from (x0, y0) to (x1, y1),
// antialiased: it steps along the longer axis and covers, at each step,
// the span of the shorter axis the line crosses, each pixel by the part of
// it inside the span. A line thinner than a pixel fades instead of
// breaking up. Only pixels inside the image are visited.
func drawLine(img *image.RGBA, x0, y0, x1, y1, width float64, c color.NRGBA) {
	if math.IsNaN(x0+y0+x1+y1) || math.IsInf(x0+y0+x1+y1, 0) {
		return
	}
	steep := math.Abs(y1-y0) > math.Abs(x1-x0)
	if steep { // step along y: swap the axes
		x0, y0, x1, y1 = y0, x0, y1, x1
	}
	if x0 > x1 {
		x0, y0, x1, y1 = x1, y1, x0, y0
	}
	dx := x1 - x0
	if dx < 0.5 {
		return
	}
	grad := (y1 - y0) / dx
	half := width / 2 * math.Sqrt(1+grad*grad) // half the span across, in minor-axis pixels
	b := img.Rect
	majorMax, minorMax := b.Max.X, b.Max.Y
	if steep {
		majorMax, minorMax = b.Max.Y, b.Max.X
	}
	from, to := max(int(math.Floor(x0)), 0), min(int(math.Ceil(x1)), majorMax-1)
	for m := from; m <= to; m++ {
		cy := y0 + grad*(float64(m)+0.5-x0)
		lo, hi := cy-half, cy+half
		if hi < 0 || lo >= float64(minorMax) {
			continue
		}
		// Fade the two end pixels by how much of them the line reaches.
		reach := min(1, min(float64(m)+1-x0, x1-float64(m)))
		for n := max(int(math.Floor(lo)), 0); n <= min(int(math.Floor(hi)), minorMax-1); n++ {
			cover := (min(hi, float64(n)+1) - max(lo, float64(n))) * reach
			if steep {
				blend(img, n, m, c, cover)
			} else {
				blend(img, m, n, c, cover)
			}
		}
	}
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
			blend(img, x, y, c, min(1, r+0.5-d))
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
			cover := min(min(1, outer+0.5-d), min(1, d-r+0.5))
			blend(img, x, y, c, cover)
		}
	}
}
