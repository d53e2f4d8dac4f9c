package brokerage

import (
	"math"
	"math/rand/v2"
	"testing"
)

var nan = math.NaN()

// structuralTests are hand-worked graphs. Unless noted, ties are both
// directions with weight 1, so z = 2 on every tie and p_ij = 1/d_i.
var structuralTests = []struct {
	name       string
	g          *Graph
	constraint []float64
	effective  []float64
}{
	{
		name: "empty",
		g:    &Graph{},
	},
	{
		name:       "isolated",
		g:          &Graph{Offsets: []int32{0, 0, 0}},
		constraint: []float64{nan, nan},
		effective:  []float64{nan, nan},
	},
	{
		// Star 0–{1,2,3}. Centre: p = 1/3, leaves untied, c = 3·(1/3)² = 1/3;
		// e = 3 (no redundancy). Leaf: one contact, c = 1² = 1, e = 1.
		name:       "star",
		g:          undirectedGraph(4, [][2]int32{{0, 1}, {0, 2}, {0, 3}}),
		constraint: []float64{1.0 / 3, 1, 1, 1},
		effective:  []float64{3, 1, 1, 1},
	},
	{
		// Triangle: p = 1/2; for j, indirect via the third node 1/2·1/2,
		// c = 2·(1/2 + 1/4)² = 9/8. e = 2·(1 − 1/2·1) = 1 (n − 2t/n = 2 − 1).
		name:       "triangle",
		g:          undirectedGraph(3, [][2]int32{{0, 1}, {1, 2}, {0, 2}}),
		constraint: []float64{9.0 / 8, 9.0 / 8, 9.0 / 8},
		effective:  []float64{1, 1, 1},
	},
	{
		// Path 0–1–2: middle p = 1/2, no indirect, c = 2·1/4 = 1/2, e = 2.
		// Ends have one contact: c = 1, e = 1.
		name:       "path",
		g:          undirectedGraph(3, [][2]int32{{0, 1}, {1, 2}}),
		constraint: []float64{1, 0.5, 1},
		effective:  []float64{1, 2, 1},
	},
	{
		// Only one direction per tie: symmetrisation makes it the path above
		// with z = 1, which gives the same p and m.
		name:       "directed path",
		g:          fromEdges(3, []edge{{0, 1, 1}, {1, 2, 1}}),
		constraint: []float64{1, 0.5, 1},
		effective:  []float64{1, 2, 1},
	},
	{
		// Two triangles {0,1,2} and {3,4,5}; broker 6 tied to 0 and 3.
		// Node 6: contacts 0, 3 untied, c = 2·(1/2)² = 1/2, e = 2.
		// Node 0: contacts 1, 2, 6 with p = 1/3. j = 1: via 2, p_02·p_21 =
		// 1/3·1/2, (1/3 + 1/6)² = 1/4; j = 2 likewise 1/4; j = 6: no path,
		// 1/9. c = 1/2 + 1/9 = 11/18. e = n − 2t/n = 3 − 2/3 = 7/3.
		// Node 1: contacts 0 (s = 6) and 2 (s = 4), p = 1/2. j = 0: via 2,
		// 1/2 + 1/2·p_20 = 1/2 + 1/4 = 3/4; j = 2: via 0, 1/2 + 1/2·p_02 =
		// 1/2 + 1/6 = 2/3. c = 9/16 + 4/9 = 145/144; e = 2 − 1 = 1.
		// Node 2 and the other triangle are the same by symmetry.
		// (networkx 2.8.8 gives the same values for this graph.)
		name: "two groups, one broker",
		g: undirectedGraph(7, [][2]int32{
			{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {6, 0}, {6, 3},
		}),
		constraint: []float64{11.0 / 18, 145.0 / 144, 145.0 / 144, 11.0 / 18, 145.0 / 144, 145.0 / 144, 0.5},
		effective:  []float64{7.0 / 3, 1, 1, 7.0 / 3, 1, 1, 2},
	},
	{
		// Weighted, asymmetric triangle: 0→1 1, 1→0 2, 1→2 3, 0→2 1, so
		// z01 = 3, z12 = 3, z02 = 1; s = (4, 6, 4); max tie 3 everywhere.
		// c0: j=1: 3/4 + 1/4·3/4 = 15/16; j=2: 1/4 + 3/4·3/6 = 5/8;
		//     c0 = 225/256 + 100/256 = 325/256. c2 is the mirror image.
		// c1: j=0: 1/2 + 1/2·1/4 = 5/8; j=2 likewise; c1 = 2·25/64 = 25/32.
		// e0: j=1: 1 − 1/4·3/3 = 3/4; j=2: 1 − 3/4·3/3 = 1/4; e0 = 1 = e2.
		// e1: j=0: 1 − 1/2·1/3; j=2 likewise; e1 = 5/3.
		// networkx 2.8.8 on the same DiGraph agrees for nodes 0 and 1 (it
		// returns NaN for node 2, which has no out-edges).
		name:       "weighted asymmetric triangle",
		g:          fromEdges(3, []edge{{0, 1, 1}, {1, 0, 2}, {1, 2, 3}, {0, 2, 1}}),
		constraint: []float64{325.0 / 256, 25.0 / 32, 325.0 / 256},
		effective:  []float64{1, 5.0 / 3, 1},
	},
}

func TestConstraint(t *testing.T) {
	for _, tt := range structuralTests {
		t.Run(tt.name, func(t *testing.T) {
			checkFloats(t, "Constraint", Constraint(tt.g), tt.constraint, tol)
		})
	}
}

func TestEffectiveSize(t *testing.T) {
	for _, tt := range structuralTests {
		t.Run(tt.name, func(t *testing.T) {
			checkFloats(t, "EffectiveSize", EffectiveSize(tt.g), tt.effective, tol)
		})
	}
}

// TestStructuralMatchesDense checks the sparse scratch-array code against a
// direct transcription of the formulas on a dense matrix, on random weighted
// directed graphs.
func TestStructuralMatchesDense(t *testing.T) {
	for _, tt := range []struct {
		name string
		n    int
		p    float64
		seed uint64
	}{
		{"sparse", 30, 0.05, 1},
		{"medium", 30, 0.2, 2},
		{"dense", 20, 0.7, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(tt.seed, tt.seed))
			var es []edge
			for a := range tt.n {
				for b := range tt.n {
					if a != b && rng.Float64() < tt.p {
						es = append(es, edge{int32(a), int32(b), 0.5 + 4*rng.Float64()})
					}
				}
			}
			g := fromEdges(tt.n, es)
			wantC, wantE := denseStructural(tt.n, es)
			checkFloats(t, "Constraint", Constraint(g), wantC, 1e-12)
			checkFloats(t, "EffectiveSize", EffectiveSize(g), wantE, 1e-12)
		})
	}
}

// denseStructural computes constraint and effective size straight from the
// formulas in their doc comments, in O(n³).
func denseStructural(n int, es []edge) (c, e []float64) {
	z := make([][]float64, n)
	for i := range z {
		z[i] = make([]float64, n)
	}
	for _, ed := range es {
		z[ed.from][ed.to] += ed.w
		z[ed.to][ed.from] += ed.w
	}
	s := make([]float64, n)
	mx := make([]float64, n)
	for i := range n {
		for j := range n {
			s[i] += z[i][j]
			mx[i] = max(mx[i], z[i][j])
		}
	}
	p := func(i, j int) float64 { return z[i][j] / s[i] }
	c, e = make([]float64, n), make([]float64, n)
	for i := range n {
		if s[i] == 0 {
			c[i], e[i] = math.NaN(), math.NaN()
			continue
		}
		for j := range n {
			if z[i][j] == 0 {
				continue
			}
			ind, red := 0.0, 0.0
			for q := range n {
				if q == i || q == j || z[i][q] == 0 {
					continue
				}
				ind += p(i, q) * p(q, j)
				red += p(i, q) * z[j][q] / mx[j]
			}
			c[i] += (p(i, j) + ind) * (p(i, j) + ind)
			e[i] += 1 - red
		}
	}
	return c, e
}
