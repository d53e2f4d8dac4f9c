package graph

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// maxChunks is the most pieces the sources are split into. Each piece
// sums into its own vector and the pieces are added in order, so the
// result does not depend on how many goroutines ran them.
const maxChunks = 64

// tieTolerance is the relative difference below which two path lengths
// are taken as equal, so that paths that tie on paper but differ in the
// last bits of floating point split the credit as they should.
const tieTolerance = 1e-12

// betweenness returns the weighted betweenness centrality of every node
// of g, not normalised, by Brandes' algorithm for weighted directed graphs
// (U. Brandes, "A faster algorithm for betweenness centrality", J. Math.
// Sociol. 25(2), 2001; variants for weighted graphs in U. Brandes, "On
// variants of shortest-path betweenness centrality and their generic
// computation", Social Networks 30(2), 2008):
//
//	C_B(v) = Σ_{s ≠ v ≠ t} σ_st(v) / σ_st
//
// where σ_st is the number of shortest paths from s to t and σ_st(v) the
// number of them that pass through v; path length is the sum of the edge
// lengths (1/weight in newCSR). Lengths equal within tieTolerance
// (relative) are equal. For each source, Dijkstra's algorithm counts
// shortest paths and records predecessors; then, in order of
// non-increasing distance, dependencies accumulate as
//
//	δ_s(v) = Σ_{w : v ∈ P_s(w)} σ_sv/σ_sw · (1 + δ_s(w)).
//
// Time O(n·m·log n) with the heap used here, memory O(n + m) per
// goroutine plus one n-vector per chunk of sources. Sources run on
// runtime.GOMAXPROCS(0) goroutines. progress, when not nil, is called
// from the calling goroutine after each batch of sources (never for
// fewer than 3 nodes, where no node can lie between two others). On
// cancel it returns ctx.Err().
//
// sources, when not nil, limits the sum to those sources (pivots) and
// scales it by n/len(sources): the unbiased estimate of Brandes & Pich,
// "Centrality estimation in large networks", Int. J. Bifurcation and
// Chaos 17(7), 2007.
func betweenness(ctx context.Context, g *csr, sources []int32, progress func(done, total int)) ([]float64, error) {
	n := g.nodes()
	if n < 3 {
		return make([]float64, n), nil
	}
	if sources == nil {
		sources = make([]int32, n)
		for i := range sources {
			sources[i] = int32(i)
		}
	}
	total, err := sumSources(ctx, g, sources, progress)
	if err != nil {
		return nil, err
	}
	if len(sources) < n {
		scale := float64(n) / float64(len(sources))
		for i := range total {
			total[i] *= scale
		}
	}
	return total, nil
}

// pivots returns k distinct sources of n, drawn with a fixed seed so the
// same graph gives the same estimate, or nil (all sources) when n ≤ exact.
func pivots(n, exact, k int) []int32 {
	if n <= exact || k >= n {
		return nil
	}
	r := rand.New(rand.NewPCG(uint64(n), 0x6d756c7469706c79))
	perm := r.Perm(n)[:k]
	out := make([]int32, k)
	for i, v := range perm {
		out[i] = int32(v)
	}
	slices.Sort(out)
	return out
}

// sumSources runs Brandes from each source and sums the dependencies.
func sumSources(ctx context.Context, g *csr, sources []int32, progress func(done, total int)) ([]float64, error) {
	n := g.nodes()
	ns := len(sources)
	chunks := min(ns, maxChunks)
	partial := make([][]float64, chunks)
	batch := max(1, ns/256)
	workers := min(runtime.GOMAXPROCS(0), chunks)

	var next atomic.Int64
	done := make(chan int, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			b := newBrandes(g)
			for {
				c := int(next.Add(1) - 1)
				if c >= chunks || ctx.Err() != nil {
					return
				}
				lo, hi := c*ns/chunks, (c+1)*ns/chunks
				partial[c] = b.run(ctx, sources[lo:hi], batch, done)
			}
		})
	}
	go func() {
		wg.Wait()
		close(done)
	}()

	finished := 0
	for k := range done {
		finished += k
		if progress != nil {
			progress(finished, ns)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	total := make([]float64, n)
	for _, p := range partial {
		for i, x := range p {
			total[i] += x
		}
	}
	return total, nil
}

// brandes is one goroutine's reusable state. Between sources every slice
// is back to its rest state: dist +Inf, sigma and delta 0, no preds,
// every node unqueued.
type brandes struct {
	g     *csr
	dist  []float64
	sigma []float64 // shortest paths from the source, as a float: counts can overflow ints
	delta []float64
	order []int32 // nodes in the order Dijkstra settled them
	// Predecessors of w on shortest paths are pred[predOff[w]:predOff[w]+npred[w]];
	// a node has at most its in-degree of them.
	predOff []int32
	npred   []int32
	pred    []int32
	queue   heap
}

// newBrandes allocates the state for g.
func newBrandes(g *csr) *brandes {
	n := g.nodes()
	b := &brandes{
		g:       g,
		dist:    make([]float64, n),
		sigma:   make([]float64, n),
		delta:   make([]float64, n),
		order:   make([]int32, 0, n),
		predOff: make([]int32, n+1),
		npred:   make([]int32, n),
		pred:    make([]int32, len(g.nbr)),
	}
	for i := range b.dist {
		b.dist[i] = math.Inf(1)
	}
	for v, d := range g.inDeg {
		b.predOff[v+1] = b.predOff[v] + d
	}
	b.queue = newHeap(n)
	return b
}

// run sums the dependencies of the sources, in order, into a new vector,
// sending the count of sources done after each batch. It stops early,
// returning what it has, when ctx is cancelled.
func (b *brandes) run(ctx context.Context, sources []int32, batch int, done chan<- int) []float64 {
	acc := make([]float64, b.g.nodes())
	for s := 0; s < len(sources); s += batch {
		if ctx.Err() != nil {
			return acc
		}
		end := min(s+batch, len(sources))
		for _, src := range sources[s:end] {
			b.source(src, acc)
		}
		done <- end - s
	}
	return acc
}

// source adds the dependencies of every node on source s to acc.
func (b *brandes) source(s int32, acc []float64) {
	b.shortestPaths(s)
	for i := len(b.order) - 1; i >= 0; i-- {
		w := b.order[i]
		coeff := (1 + b.delta[w]) / b.sigma[w]
		start := b.predOff[w]
		for _, v := range b.pred[start : start+b.npred[w]] {
			b.delta[v] += b.sigma[v] * coeff
		}
		if w != s {
			acc[w] += b.delta[w]
		}
	}
	b.reset()
}

// shortestPaths runs Dijkstra from s, filling dist, sigma, the
// predecessor lists and order. Two non-negative path lengths a ≥ b are
// the same when a − b ≤ tieTolerance·a, that is a·(1−tieTolerance) ≤ b,
// so one multiply rejects the common case of a longer path.
func (b *brandes) shortestPaths(s int32) {
	g := b.g
	b.dist[s] = 0
	b.sigma[s] = 1
	b.queue.push(s, 0)
	for b.queue.len() > 0 {
		v, dv := b.queue.pop()
		b.order = append(b.order, v)
		sv := b.sigma[v]
		for e := g.off[v]; e < g.off[v+1]; e++ {
			w := g.nbr[e]
			alt, dw := dv+g.length[e], b.dist[w]
			switch {
			case alt*(1-tieTolerance) > dw:
				// Longer than the best path to w found so far.
			case math.IsInf(dw, 1):
				b.dist[w] = alt
				b.sigma[w] = sv
				b.addPred(w, v)
				b.queue.push(w, alt)
			case dw*(1-tieTolerance) > alt:
				// Shorter. w cannot be settled: its distance would be
				// at most dv.
				b.dist[w] = alt
				b.sigma[w] = sv
				b.npred[w] = 0
				b.addPred(w, v)
				b.queue.decrease(w, alt)
			case !b.queue.settled(w):
				// As long, within tieTolerance. A settled w is skipped:
				// edge lengths are positive, so v, settled after w, is
				// no closer than w and the tie is rounding.
				b.sigma[w] += sv
				b.addPred(w, v)
			}
		}
	}
}

// addPred records v as a predecessor of w.
func (b *brandes) addPred(w, v int32) {
	b.pred[b.predOff[w]+b.npred[w]] = v
	b.npred[w]++
}

// reset returns the nodes the last source reached to the rest state.
func (b *brandes) reset() {
	for _, v := range b.order {
		b.dist[v] = math.Inf(1)
		b.sigma[v] = 0
		b.delta[v] = 0
		b.npred[v] = 0
		b.queue.forget(v)
	}
	b.order = b.order[:0]
}

// heap is a 4-ary min-heap of nodes keyed by distance, with
// decrease-key. Keys are stored with the nodes, so sifting reads one
// array; four children per node halve the depth a pop sifts through.
type heap struct {
	items []heapItem
	pos   []int32 // per node: index in items, notQueued or settled
}

// heapItem is a queued node and its distance.
type heapItem struct {
	key  float64
	node int32
}

// arity is the number of children of a heap node.
const arity = 4

// Positions of nodes not in the heap.
const (
	notQueued = -1
	settled   = -2
)

// newHeap returns an empty heap for nodes 0..n−1.
func newHeap(n int) heap {
	pos := make([]int32, n)
	for i := range pos {
		pos[i] = notQueued
	}
	return heap{items: make([]heapItem, 0, n), pos: pos}
}

func (h *heap) len() int { return len(h.items) }

// settled reports whether v has been popped.
func (h *heap) settled(v int32) bool { return h.pos[v] == settled }

// forget marks v as never queued.
func (h *heap) forget(v int32) { h.pos[v] = notQueued }

// push adds v, not queued, with the given key.
func (h *heap) push(v int32, key float64) {
	h.items = append(h.items, heapItem{key, v})
	h.up(len(h.items)-1, heapItem{key, v})
}

// pop removes the node of least key, marks it settled and returns it and
// its key.
func (h *heap) pop() (int32, float64) {
	top := h.items[0]
	last := len(h.items) - 1
	moved := h.items[last]
	h.items = h.items[:last]
	if last > 0 {
		h.down(0, moved)
	}
	h.pos[top.node] = settled
	return top.node, top.key
}

// decrease lowers queued v's key.
func (h *heap) decrease(v int32, key float64) {
	h.up(int(h.pos[v]), heapItem{key, v})
}

// up places it at i or above, moving larger parents down.
func (h *heap) up(i int, it heapItem) {
	for i > 0 {
		parent := (i - 1) / arity
		p := h.items[parent]
		if p.key <= it.key {
			break
		}
		h.items[i] = p
		h.pos[p.node] = int32(i)
		i = parent
	}
	h.items[i] = it
	h.pos[it.node] = int32(i)
}

// down places it at i or below, moving smaller children up.
func (h *heap) down(i int, it heapItem) {
	n := len(h.items)
	for {
		first := arity*i + 1
		if first >= n {
			break
		}
		child := first
		for k := first + 1; k < min(first+arity, n); k++ {
			if h.items[k].key < h.items[child].key {
				child = k
			}
		}
		c := h.items[child]
		if it.key <= c.key {
			break
		}
		h.items[i] = c
		h.pos[c.node] = int32(i)
		i = child
	}
	h.items[i] = it
	h.pos[it.node] = int32(i)
}
