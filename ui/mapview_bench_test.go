package ui

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// BenchmarkMapDraw draws a network map of 2,000 people in 100 teams and
// 12,000 ties (the most the map draws; a fifth across teams) into a
// 1400×760 window at 1× and 2× pixel density: the cost of one frame while
// zooming or panning.
func BenchmarkMapDraw(b *testing.B) {
	test.NewTempApp(b)
	rng := rand.New(rand.NewPCG(1, 1))
	nodes := make([]mapNode, 2000)
	for i := range nodes { // 100 teams of 20 around their centres, as the layout places them
		team := float64(i / 20)
		cx, cy := 0.5+0.4*math.Cos(team*0.37)*math.Sqrt(team/100), 0.5+0.4*math.Sin(team*0.37)*math.Sqrt(team/100)
		nodes[i] = mapNode{X: cx + 0.04*rng.NormFloat64(), Y: cy + 0.04*rng.NormFloat64(), R: 3 + 6*rng.Float64(), Fill: teamColor(i / 20), Key: "k"}
		if i%50 == 0 {
			nodes[i].Ring, nodes[i].Label = roleColor("multiplier"), true
		}
	}
	edges := make([]mapEdge, maxMapEdges)
	for i := range edges {
		a := rng.IntN(len(nodes))
		b := (a/20)*20 + rng.IntN(20)
		if i%5 == 0 {
			b = rng.IntN(len(nodes))
		}
		edges[i] = mapEdge{A: a, B: min(b, len(nodes)-1), Width: 0.5 + 3*rng.Float64(), Color: color.NRGBA{0x78, 0x78, 0x78, 120}}
	}
	v := newMapView(nil)
	v.keepAspect = true
	v.zoomable = true
	v.setData(nodes, edges, nil, nil, true)
	v.Resize(fyne.NewSize(1400, 760))
	r := test.WidgetRenderer(v).(*mapRenderer)
	for _, scale := range []int{1, 2} {
		b.Run(map[int]string{1: "1x", 2: "2x"}[scale], func(b *testing.B) {
			b.ReportAllocs()
			var img image.Image
			for b.Loop() {
				v.panX++ // a pan: the cached drawing no longer fits
				img = r.draw(1400*scale, 760*scale)
			}
			if img.Bounds().Dx() != 1400*scale {
				b.Fatal("wrong size")
			}
		})
	}
}

// TestMapDrawCached checks that hovering does not draw the map again and
// that a pan does.
func TestMapDrawCached(t *testing.T) {
	test.NewTempApp(t)
	v := newMapView(nil)
	v.zoomable = true
	v.setData([]mapNode{{X: 0.2, Y: 0.2, R: 5, Fill: teamColor(0), Name: "a"}, {X: 0.8, Y: 0.8, R: 5, Fill: teamColor(1), Name: "b"}},
		[]mapEdge{{A: 0, B: 1, Width: 2, Color: color.NRGBA{0, 0, 0, 255}}}, nil, nil, true)
	v.Resize(fyne.NewSize(200, 200))
	r := test.WidgetRenderer(v).(*mapRenderer)
	first := r.draw(200, 200)
	v.hover = 1
	r.Layout(v.Size())
	if r.draw(200, 200) != first || r.ring.Hidden {
		t.Fatal("hovering drew the map again, or shows no ring")
	}
	v.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 10}})
	if r.draw(200, 200) == first {
		t.Fatal("a pan did not draw the map again")
	}
}
