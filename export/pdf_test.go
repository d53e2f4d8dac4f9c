package export

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TestPDFCanvas draws on the PDF canvas and reads the page back as
// pdftoppm renders it, for what gonum's vgpdf got wrong: an image comes
// out the right way up, a translucent fill keeps its hue, and text keeps
// its face and its letters beyond Windows-1252.
func TestPDFCanvas(t *testing.T) {
	const w, h = 200, 100 // points; rendered at 72 dpi, a pixel each
	c := newPDF(w, h, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	dc := draw.New(c)
	dc.FillPolygon(white, rect(0, 0, w, h))
	// Left: an image, black in its top half, white in its bottom half.
	img := image.NewNRGBA(image.Rect(0, 0, 10, 10))
	for y := range 10 {
		for x := range 10 {
			v := uint8(0)
			if y >= 5 {
				v = 255
			}
			img.Set(x, y, color.NRGBA{v, v, v, 255})
		}
	}
	dc.DrawImage(vg.Rectangle{Min: vg.Point{X: 10, Y: 10}, Max: vg.Point{X: 90, Y: 90}}, img)
	// Right: red at half opacity on white.
	dc.FillPolygon(color.NRGBA{255, 0, 0, 128}, rect(110, 10, 190, 90))
	dc.FillText(style(8, true, ink), vg.Point{X: 110, Y: 92}, "Łukasz Gołębiowski")
	dc.FillText(style(8, false, ink), vg.Point{X: 10, Y: 92}, "Regular")
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "canvas.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "pdftoppm", "-r", "72", "-png", "-singlefile", path, filepath.Join(dir, "canvas"))
	f, err := os.Open(filepath.Join(dir, "canvas.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	at := func(x, y int) color.RGBA { // y from the page's bottom, as drawn
		r, g, b, _ := page.At(x, page.Bounds().Dy()-1-y).RGBA()
		return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}
	}
	for _, tc := range []struct {
		name     string
		x, y     int
		lo, hi   color.RGBA // each channel within [lo, hi]
		whatElse string
	}{
		{"image top is black", 50, 75, color.RGBA{0, 0, 0, 255}, color.RGBA{40, 40, 40, 255}, "the image is upside down"},
		{"image bottom is white", 50, 25, color.RGBA{215, 215, 215, 255}, color.RGBA{255, 255, 255, 255}, "the image is upside down"},
		{"translucent red is pink", 150, 50, color.RGBA{235, 100, 100, 255}, color.RGBA{255, 155, 155, 255}, "premultiplied colour: grey"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := at(tc.x, tc.y)
			if got.R < tc.lo.R || got.R > tc.hi.R || got.G < tc.lo.G || got.G > tc.hi.G || got.B < tc.lo.B || got.B > tc.hi.B {
				t.Errorf("pixel (%d, %d) is %v, want %v…%v (%s?)", tc.x, tc.y, got, tc.lo, tc.hi, tc.whatElse)
			}
		})
	}
	t.Run("text", func(t *testing.T) {
		text := string(run(t, "pdftotext", path, "-"))
		for _, s := range []string{"Łukasz Gołębiowski", "Regular"} {
			if !bytes.Contains([]byte(text), []byte(s)) {
				t.Errorf("pdftotext reads %q, want %q in it", text, s)
			}
		}
		fonts := string(run(t, "pdffonts", path))
		for _, face := range []string{"liberationsans-bold", "liberationsans-regular"} {
			if !bytes.Contains([]byte(fonts), []byte(face)) {
				t.Errorf("pdffonts lists no %s:\n%s", face, fonts)
			}
		}
	})
}
