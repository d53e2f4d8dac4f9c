package export

import (
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// dot is a drawn point that labels must not cover.
type dot struct {
	at vg.Point
	r  vg.Length
}

// label is a text to place next to a dot.
type label struct {
	dot  int // index into the dots
	text string
}

// placed is a label with its box; leader says to draw a line from the
// dot to the box.
type placed struct {
	label
	box    vg.Rectangle
	leader bool
}

func overlap(a, b vg.Rectangle) vg.Length {
	w := min(a.Max.X, b.Max.X) - max(a.Min.X, b.Min.X)
	h := min(a.Max.Y, b.Max.Y) - max(a.Min.Y, b.Min.Y)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

func dotBox(d dot) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: d.at.X - d.r, Y: d.at.Y - d.r}, Max: vg.Point{X: d.at.X + d.r, Y: d.at.Y + d.r}}
}

// placeLabels puts each label beside its dot where it covers no other
// label, no dot and no obstacle, inside area: first right, left, above,
// below and the diagonals close to the dot, then further out (with a
// leader line). When no place is free it takes the one that covers
// least. Labels are placed in the order given, so put the important
// ones first.
func placeLabels(area vg.Rectangle, sty draw.TextStyle, dots []dot, labels []label, obstacles []vg.Rectangle) []placed {
	var boxes []vg.Rectangle
	boxes = append(boxes, obstacles...)
	for _, d := range dots {
		boxes = append(boxes, dotBox(d))
	}
	var out []placed
	h := sty.Height("Ag")
	for _, l := range labels {
		d := dots[l.dot]
		w := sty.Width(l.text)
		best, bestCost, bestLeader := vg.Rectangle{}, vg.Length(-1), false
		for ring, gap := range []vg.Length{2, 9, 20} {
			off := d.r + gap
			cands := []vg.Point{ // lower-left corners
				{X: d.at.X + off, Y: d.at.Y - h/2},
				{X: d.at.X - off - w, Y: d.at.Y - h/2},
				{X: d.at.X - w/2, Y: d.at.Y + off},
				{X: d.at.X - w/2, Y: d.at.Y - off - h},
				{X: d.at.X + off*0.7, Y: d.at.Y + off*0.7},
				{X: d.at.X + off*0.7, Y: d.at.Y - off*0.7 - h},
				{X: d.at.X - off*0.7 - w, Y: d.at.Y + off*0.7},
				{X: d.at.X - off*0.7 - w, Y: d.at.Y - off*0.7 - h},
			}
			for _, p := range cands {
				b := vg.Rectangle{Min: p, Max: vg.Point{X: p.X + w, Y: p.Y + h}}
				if b.Min.X < area.Min.X || b.Max.X > area.Max.X || b.Min.Y < area.Min.Y || b.Max.Y > area.Max.Y {
					continue
				}
				cost := vg.Length(0)
				own := dotBox(d)
				for _, o := range boxes {
					if o == own {
						continue
					}
					cost += overlap(b, o)
				}
				// A far place must be clearly better than a near one.
				cost += vg.Length(ring) * 4
				if bestCost < 0 || cost < bestCost {
					best, bestCost, bestLeader = b, cost, ring > 0
				}
				if cost == vg.Length(ring)*4 {
					break
				}
			}
			if bestCost >= 0 && bestCost <= vg.Length(ring)*4 {
				break
			}
		}
		if bestCost < 0 {
			continue // no place inside the area at all
		}
		out = append(out, placed{label: l, box: best, leader: bestLeader})
		boxes = append(boxes, best)
	}
	return out
}

// drawLabels draws placed labels, each on a white halo so lines beneath
// do not cut through the text.
func drawLabels(c *draw.Canvas, sty draw.TextStyle, dots []dot, ps []placed, halo bool) {
	for _, p := range ps {
		if p.leader {
			d := dots[p.dot]
			to := vg.Point{X: clamp(d.at.X, p.box.Min.X, p.box.Max.X), Y: clamp(d.at.Y, p.box.Min.Y, p.box.Max.Y)}
			c.StrokeLine2(draw.LineStyle{Color: faint, Width: 0.5}, d.at.X, d.at.Y, to.X, to.Y)
		}
		if halo {
			c.FillPolygon(withAlpha(white, 0.8), rect(p.box.Min.X-1, p.box.Min.Y, p.box.Max.X+1, p.box.Max.Y))
		}
		c.FillText(aligned(sty, draw.XLeft, draw.YCenter), vg.Point{X: p.box.Min.X, Y: (p.box.Min.Y + p.box.Max.Y) / 2}, p.text)
	}
}

func clamp(v, lo, hi vg.Length) vg.Length { return max(lo, min(hi, v)) }
