package layout

import (
	"context"
	"errors"
	"math"
	"runtime"
	"slices"
	"testing"
)

// settle runs Force's iterations on g and returns the simulation, in
// its own coordinates (centred on the origin, before scaling).
func settle(g Graph, o Options) *sim {
	o = o.withDefaults()
	check(g, o)
	s := newSim(g, o)
	for it := range o.Iterations {
		s.step(temperature(it, o.Iterations))
	}
	return s
}

// force runs Force with a background context and fails on error.
func force(t *testing.T, g Graph, o Options) []Point {
	t.Helper()
	pts, err := Force(context.Background(), g, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != g.N {
		t.Fatalf("%d points for %d nodes", len(pts), g.N)
	}
	return pts
}

// dist is the Euclidean distance between p and q.
func dist(p, q Point) float64 { return math.Hypot(p.X-q.X, p.Y-q.Y) }

// TestHandWorked checks equilibria worked out by hand. With no groups
// and every node on an edge, a node feels the repulsion k²/d of each
// other node, the pull w·d²/k of each of its edges (w is W over the
// mean W, divided by the smaller degree of the two ends) and gravity,
// stiffness 1, toward the centroid.
//
//   - Two nodes and one edge: k = √(1/2), w = 1, each node d/2 from the
//     centroid, so k²/d = d²/k + d/2 and d = 0.606764319… (bisection).
//   - A triangle: k = √(1/3), w = 1/2, equilateral of side s, each
//     node s/√3 from the centroid; the two other nodes push it out with
//     2·cos 30°·k²/s and its edges pull it in with 2·cos 30°·w·s²/k, so
//     √3·k²/s = √3·w·s²/k + s/√3 and s = 0.619150512… (bisection).
//   - The same triangle as one group: the group pull adds (s/√3)²/k
//     toward the centroid on the right, and s = 0.571879940….
func TestHandWorked(t *testing.T) {
	two := Graph{N: 2, Edges: []Edge{{0, 1, 3}}}
	triangle := Graph{N: 3, Edges: []Edge{{0, 1, 1}, {1, 2, 1}, {2, 0, 1}}}
	tests := []struct {
		name string
		g    Graph
		want float64 // the distance between every two nodes at equilibrium
	}{
		{"two nodes", two, 0.6067643192847361},
		{"two nodes, both directions", Graph{N: 2, Edges: []Edge{{0, 1, 2}, {1, 0, 2}}}, 0.6067643192847361},
		{"triangle", triangle, 0.6191505126680885},
		{"triangle, in a group", Graph{N: 3, Edges: triangle.Edges, Group: []int{0, 0, 0}}, 0.5718799408133607},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := settle(tt.g, Options{})
			for a := range tt.g.N {
				for b := a + 1; b < tt.g.N; b++ {
					if got := math.Hypot(s.x[a]-s.x[b], s.y[a]-s.y[b]); math.Abs(got-tt.want) > 1e-6 {
						t.Errorf("distance %d–%d %v, want %v", a, b, got, tt.want)
					}
				}
			}
			// Scaled into the unit square, the drawing is centred and its
			// longer side spans [0, 1].
			pts := force(t, tt.g, Options{})
			var minX, maxX, minY, maxY = 1.0, 0.0, 1.0, 0.0
			for _, p := range pts {
				minX, maxX, minY, maxY = min(minX, p.X), max(maxX, p.X), min(minY, p.Y), max(maxY, p.Y)
			}
			if math.Abs(max(maxX-minX, maxY-minY)-1) > 1e-12 ||
				math.Abs(minX+maxX-1) > 1e-12 || math.Abs(minY+maxY-1) > 1e-12 {
				t.Errorf("points %v: span [%v, %v] × [%v, %v]", pts, minX, maxX, minY, maxY)
			}
		})
	}
}

// TestClusters checks that structure shows: two cliques of 8 joined by
// one edge end with each clique together, apart from the other, with
// or without groups.
func TestClusters(t *testing.T) {
	clique := func(from, n int) []Edge {
		var es []Edge
		for i := from; i < from+n; i++ {
			for j := i + 1; j < from+n; j++ {
				es = append(es, Edge{i, j, 1})
			}
		}
		return es
	}
	edges := append(append(clique(0, 8), clique(8, 8)...), Edge{0, 8, 1})
	groups := make([]int, 16)
	for i := 8; i < 16; i++ {
		groups[i] = 1
	}
	tests := []struct {
		name  string
		group []int
		ratio float64 // the most intra/inter may be
	}{
		{"edges alone", nil, 0.5},
		{"with groups", groups, 0.5},
		{"groups against the edges", []int{0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pts := force(t, Graph{N: 16, Edges: edges, Group: tt.group}, Options{})
			var intra, inter float64
			var nIntra, nInter int
			for i := range 16 {
				for j := i + 1; j < 16; j++ {
					if i/8 == j/8 {
						intra += dist(pts[i], pts[j])
						nIntra++
					} else {
						inter += dist(pts[i], pts[j])
						nInter++
					}
				}
			}
			intra, inter = intra/float64(nIntra), inter/float64(nInter)
			if !(intra < tt.ratio*inter) {
				t.Errorf("mean distance inside a clique %.3f, between cliques %.3f; want under %v times", intra, inter, tt.ratio)
			}
		})
	}
}

// TestGroupsGather checks that the group pull brings a group's nodes
// together when no edge does: twelve isolated nodes in three groups.
func TestGroupsGather(t *testing.T) {
	g := Graph{N: 12, Group: []int{7, 3, 5, 7, 3, 5, 7, 3, 5, 7, 3, 5}}
	pts := force(t, g, Options{})
	var same, other float64
	var nSame, nOther int
	for i := range 12 {
		for j := i + 1; j < 12; j++ {
			if g.Group[i] == g.Group[j] {
				same += dist(pts[i], pts[j])
				nSame++
			} else {
				other += dist(pts[i], pts[j])
				nOther++
			}
		}
	}
	if same, other = same/float64(nSame), other/float64(nOther); !(same < other) {
		t.Errorf("mean distance in a group %.3f, across groups %.3f", same, other)
	}
}

// TestDeterministic checks that the same input gives identical floats,
// with the repulsion on one goroutine or several.
func TestDeterministic(t *testing.T) {
	g := synthGraph(1500, 3) // ≥ 1024 nodes: repulsion runs in parallel
	o := Options{Iterations: 40}
	first := force(t, g, o)
	if again := force(t, g, o); !slices.Equal(first, again) {
		t.Error("two runs differ")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if one := force(t, g, o); !slices.Equal(first, one) {
		t.Error("GOMAXPROCS 1 differs")
	}
	runtime.GOMAXPROCS(3)
	if three := force(t, g, o); !slices.Equal(first, three) {
		t.Error("GOMAXPROCS 3 differs")
	}
	if other := force(t, g, Options{Iterations: 40, Seed: 2}); slices.Equal(first, other) {
		t.Error("another seed gives the same layout")
	}
}

// TestCancel checks that Force stops between iterations when ctx is
// cancelled, and reports progress in order.
func TestCancel(t *testing.T) {
	g := synthGraph(300, 1)
	t.Run("cancelled before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		pts, err := Force(ctx, g, Options{}, func(int, int) { t.Error("progress called") })
		if !errors.Is(err, context.Canceled) || pts != nil {
			t.Errorf("got %d points, error %v; want none and context.Canceled", len(pts), err)
		}
	})
	t.Run("cancelled during", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var calls []int
		pts, err := Force(ctx, g, Options{Iterations: 50}, func(done, total int) {
			if total != 50 {
				t.Errorf("total %d, want 50", total)
			}
			calls = append(calls, done)
			if done == 3 {
				cancel()
			}
		})
		if !errors.Is(err, context.Canceled) || pts != nil {
			t.Errorf("got %d points, error %v; want none and context.Canceled", len(pts), err)
		}
		if !slices.Equal(calls, []int{1, 2, 3}) {
			t.Errorf("progress %v, want [1 2 3]", calls)
		}
	})
	t.Run("to the end", func(t *testing.T) {
		var last, n int
		_, err := Force(context.Background(), g, Options{Iterations: 20}, func(done, total int) {
			if done != last+1 || total != 20 {
				t.Errorf("progress (%d, %d) after %d", done, total, last)
			}
			last = done
			n++
		})
		if err != nil || last != 20 || n != 20 {
			t.Errorf("error %v, %d calls, last %d; want 20 calls ending at 20", err, n, last)
		}
	})
}

// TestNoNaN checks awkward inputs: every point finite and inside the
// unit square.
func TestNoNaN(t *testing.T) {
	same := func(n int, p Point) []Point {
		pts := make([]Point, n)
		for i := range pts {
			pts[i] = p
		}
		return pts
	}
	ring := Graph{N: 6, Edges: []Edge{{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {3, 4, 1}, {4, 5, 1}, {5, 0, 1}}}
	tests := []struct {
		name string
		g    Graph
		o    Options
	}{
		{"no nodes", Graph{}, Options{}},
		{"one node", Graph{N: 1}, Options{}},
		{"one node in a group", Graph{N: 1, Group: []int{4}}, Options{}},
		{"two nodes, no edge", Graph{N: 2}, Options{}},
		{"zero, negative, NaN and infinite weights", Graph{N: 4, Edges: []Edge{
			{0, 1, 0}, {1, 2, -1}, {2, 3, math.NaN()}, {3, 0, math.Inf(1)}, {0, 2, math.Inf(-1)},
		}}, Options{}},
		{"self loops", Graph{N: 3, Edges: []Edge{{0, 0, 1}, {1, 1, 5}, {1, 2, 1}}}, Options{}},
		{"huge weights", Graph{N: 3, Edges: []Edge{{0, 1, math.MaxFloat64}, {1, 2, math.MaxFloat64}, {2, 0, 1e-300}}}, Options{}},
		{"all at one start point", ring, Options{Start: same(6, Point{3, 3})}},
		{"many at one start point", synthGraph(400, 2), Options{Start: same(400, Point{-1, 2})}},
		{"two start points", Graph{N: 4}, Options{Start: []Point{{0, 0}, {0, 0}, {1, 1}, {1, 1}}}},
		{"huge start points", ring, Options{Start: []Point{
			{-math.MaxFloat64, math.MaxFloat64}, {math.MaxFloat64, -math.MaxFloat64}, {0, 0},
			{1e300, 1e300}, {-1e300, 0}, {5e-324, -5e-324},
		}}},
		{"one group, no edges", Graph{N: 50, Group: make([]int, 50)}, Options{}},
		{"sparse group values", Graph{N: 4, Group: []int{1 << 40, -7, 1 << 40, 3}}, Options{}},
		{"isolated only", Graph{N: 30}, Options{}},
		{"coarse theta, one step", synthGraph(200, 4), Options{Theta: 5, Iterations: 1}},
		{"exact repulsion", synthGraph(200, 5), Options{Theta: 1e-9}},
		{"strong springs", synthGraph(200, 6), Options{Gravity: 1e6, GroupPull: 1e6}},
		{"weak springs", synthGraph(200, 7), Options{Gravity: 1e-9, GroupPull: 1e-9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pts := force(t, tt.g, tt.o)
			for i, p := range pts {
				if !(p.X >= 0 && p.X <= 1 && p.Y >= 0 && p.Y <= 1) {
					t.Fatalf("point %d is %v", i, p)
				}
			}
		})
	}
	if pts := force(t, Graph{N: 1}, Options{}); pts[0] != (Point{0.5, 0.5}) {
		t.Errorf("one node at %v, want (0.5, 0.5)", pts[0])
	}
	if pts := force(t, Graph{}, Options{}); pts == nil {
		t.Error("no nodes: nil, want an empty slice")
	}
}

// TestIsolatedStayNear checks that nodes without edges do not push the
// rest into a corner: they settle just outside it, so a clique still
// spans much of the drawing.
func TestIsolatedStayNear(t *testing.T) {
	g := Graph{N: 30}
	for i := range 20 {
		for j := i + 1; j < 20; j++ {
			g.Edges = append(g.Edges, Edge{i, j, 1})
		}
	}
	pts := force(t, g, Options{})
	var span float64
	for i := range 20 {
		for j := i + 1; j < 20; j++ {
			span = max(span, dist(pts[i], pts[j]))
		}
	}
	if span < 0.5 {
		t.Errorf("the clique spans %.3f of the drawing with 10 isolated nodes; want ≥ 0.5", span)
	}
}

// TestMisuse checks the panics for malformed input.
func TestMisuse(t *testing.T) {
	tests := []struct {
		name string
		g    Graph
		o    Options
	}{
		{"negative N", Graph{N: -1}, Options{}},
		{"edge out of range", Graph{N: 2, Edges: []Edge{{0, 2, 1}}}, Options{}},
		{"negative edge end", Graph{N: 2, Edges: []Edge{{-1, 0, 1}}}, Options{}},
		{"short groups", Graph{N: 3, Group: []int{0, 1}}, Options{}},
		{"negative iterations", Graph{N: 2}, Options{Iterations: -1}},
		{"negative theta", Graph{N: 2}, Options{Theta: -1}},
		{"NaN gravity", Graph{N: 2}, Options{Gravity: math.NaN()}},
		{"infinite group pull", Graph{N: 2}, Options{GroupPull: math.Inf(1)}},
		{"short start", Graph{N: 2}, Options{Start: []Point{{0, 0}}}},
		{"NaN start", Graph{N: 2}, Options{Start: []Point{{0, 0}, {math.NaN(), 0}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r == nil {
					t.Error("no panic")
				} else if msg, ok := r.(string); !ok || len(msg) < 8 || msg[:8] != "layout: " {
					t.Errorf("panic %v, want a \"layout: \" message", r)
				}
			}()
			_, _ = Force(context.Background(), tt.g, tt.o, nil)
		})
	}
}
