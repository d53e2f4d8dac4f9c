package brokerage

import (
	"fmt"
	"math"
)

// Graph is a weighted directed graph on dense ids 0..N-1 in CSR form: the
// out-edges of node i are Targets[Offsets[i]:Offsets[i+1]] with Weights at
// the same indices. Weights are > 0; no self-loops; at most one edge per
// ordered pair. The caller owns the slices; functions do not modify them.
//
// A Graph with empty Offsets is the empty graph (N = 0). Every function in
// this package panics with a message starting "brokerage: " when the CSR is
// malformed: Offsets[0] ≠ 0, decreasing offsets, Offsets[N] ≠ len(Targets),
// len(Weights) ≠ len(Targets), a target outside 0..N-1, a self-loop, a
// repeated ordered pair, or a weight that is not finite and > 0.
type Graph struct {
	Offsets []int32 // length N+1
	Targets []int32
	Weights []float64
}

// N returns the number of nodes, len(Offsets)-1, or 0 for empty Offsets.
func (g *Graph) N() int {
	if len(g.Offsets) == 0 {
		return 0
	}
	return len(g.Offsets) - 1
}

// validate panics with a "brokerage: " message if g is not a well-formed CSR
// graph as documented on Graph.
func (g *Graph) validate() {
	if g == nil {
		panic("brokerage: nil graph")
	}
	n := g.N()
	if n == 0 {
		if len(g.Targets) != 0 || len(g.Weights) != 0 {
			panic("brokerage: edges in a graph with no nodes")
		}
		return
	}
	if g.Offsets[0] != 0 {
		panic(fmt.Sprintf("brokerage: Offsets[0] = %d, want 0", g.Offsets[0]))
	}
	if int(g.Offsets[n]) != len(g.Targets) {
		panic(fmt.Sprintf("brokerage: Offsets[N] = %d but len(Targets) = %d", g.Offsets[n], len(g.Targets)))
	}
	if len(g.Weights) != len(g.Targets) {
		panic(fmt.Sprintf("brokerage: len(Weights) = %d but len(Targets) = %d", len(g.Weights), len(g.Targets)))
	}
	seen := make([]int32, n) // seen[v] = u+1 if u→v was met while scanning u
	for u := range n {
		lo, hi := g.Offsets[u], g.Offsets[u+1]
		if hi < lo {
			panic(fmt.Sprintf("brokerage: Offsets decrease at node %d (%d > %d)", u, lo, hi))
		}
		for e := lo; e < hi; e++ {
			v := g.Targets[e]
			if v < 0 || int(v) >= n {
				panic(fmt.Sprintf("brokerage: edge %d→%d: target out of range 0..%d", u, v, n-1))
			}
			if int(v) == u {
				panic(fmt.Sprintf("brokerage: self-loop at node %d", u))
			}
			if seen[v] == int32(u)+1 {
				panic(fmt.Sprintf("brokerage: repeated edge %d→%d", u, v))
			}
			seen[v] = int32(u) + 1
			if w := g.Weights[e]; !(w > 0) || math.IsInf(w, 1) {
				panic(fmt.Sprintf("brokerage: edge %d→%d: weight %v, want finite and > 0", u, v, w))
			}
		}
	}
}

// undirected is the symmetrised graph: neighbour lists in CSR with tie
// strength z_ij = w_ij + w_ji, plus each node's strength Σ_j z_ij and
// strongest tie max_j z_ij.
type undirected struct {
	off    []int32
	adj    []int32
	z      []float64
	sum    []float64
	maxTie []float64
}

func (u *undirected) neighbours(i int) ([]int32, []float64) {
	lo, hi := u.off[i], u.off[i+1]
	return u.adj[lo:hi], u.z[lo:hi]
}

// symmetrise validates g and builds its undirected view in O(N + E).
func symmetrise(g *Graph) *undirected {
	g.validate()
	n := g.N()
	u := &undirected{
		off:    make([]int32, n+1),
		sum:    make([]float64, n),
		maxTie: make([]float64, n),
	}
	if n == 0 {
		return u
	}
	// Upper bound on each node's neighbour count: out-degree + in-degree.
	for a := range n {
		u.off[a+1] += g.Offsets[a+1] - g.Offsets[a]
		for _, b := range g.Targets[g.Offsets[a]:g.Offsets[a+1]] {
			u.off[b+1]++
		}
	}
	for i := range n {
		u.off[i+1] += u.off[i]
	}
	m := u.off[n]
	u.adj = make([]int32, m)
	u.z = make([]float64, m)
	fill := make([]int32, n)
	copy(fill, u.off[:n])
	for a := range n {
		for e := g.Offsets[a]; e < g.Offsets[a+1]; e++ {
			b, w := g.Targets[e], g.Weights[e]
			u.adj[fill[a]], u.z[fill[a]] = b, w
			fill[a]++
			u.adj[fill[b]], u.z[fill[b]] = int32(a), w
			fill[b]++
		}
	}
	// Merge a→b and b→a into one entry per neighbour, compacting in place:
	// the write index never passes the read index.
	pos := fill // reuse as scratch: pos[v] = index of v in the current list, or -1
	for i := range pos {
		pos[i] = -1
	}
	var w int32
	lo := u.off[0]
	for i := range n {
		hi := u.off[i+1]
		start := w
		for r := lo; r < hi; r++ {
			v := u.adj[r]
			if p := pos[v]; p >= 0 {
				u.z[p] += u.z[r]
				continue
			}
			pos[v] = w
			u.adj[w], u.z[w] = v, u.z[r]
			w++
		}
		var s, mx float64
		for k := start; k < w; k++ {
			pos[u.adj[k]] = -1
			s += u.z[k]
			mx = max(mx, u.z[k])
		}
		u.sum[i], u.maxTie[i] = s, mx
		u.off[i] = start
		lo = hi
	}
	u.off[n] = w
	u.adj, u.z = u.adj[:w:w], u.z[:w:w]
	return u
}
