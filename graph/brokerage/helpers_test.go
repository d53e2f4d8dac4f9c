package brokerage

import (
	"cmp"
	"math"
	"slices"
	"testing"
)

// edge is one directed, weighted edge for building test graphs.
type edge struct {
	from, to int32
	w        float64
}

// fromEdges builds a CSR Graph on n nodes from directed edges in any order.
func fromEdges(n int, edges []edge) *Graph {
	es := slices.Clone(edges)
	slices.SortStableFunc(es, func(a, b edge) int { return cmp.Compare(a.from, b.from) })
	g := &Graph{
		Offsets: make([]int32, n+1),
		Targets: make([]int32, len(es)),
		Weights: make([]float64, len(es)),
	}
	for k, e := range es {
		g.Offsets[e.from+1]++
		g.Targets[k], g.Weights[k] = e.to, e.w
	}
	for i := range n {
		g.Offsets[i+1] += g.Offsets[i]
	}
	return g
}

// undirected builds a Graph on n nodes with both directions of every pair,
// weight 1, so z_ij = 2 for every tie.
func undirectedGraph(n int, pairs [][2]int32) *Graph {
	var es []edge
	for _, p := range pairs {
		es = append(es, edge{p[0], p[1], 1}, edge{p[1], p[0], 1})
	}
	return fromEdges(n, es)
}

const tol = 1e-12

// sameFloat reports whether a and b agree within tol, treating two NaNs as equal.
func sameFloat(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

func checkFloats(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values, want %d", name, len(got), len(want))
	}
	for i := range got {
		if !sameFloat(got[i], want[i], tol) {
			t.Errorf("%s[%d] = %.15g, want %.15g", name, i, got[i], want[i])
		}
	}
}
