package graph

import (
	"github.com/multiplier/multiplier/graph/brokerage"
	"slices"

	gograph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"
)

// influence holds the influence graph in both directions. Node IDs are the
// tally's dense ids.
type influence struct {
	// helped has an edge reviewer → author whose weight is the sum of the
	// pair's review weights (see reviewWeight).
	helped *simple.WeightedDirectedGraph
	// reliance is helped reversed: author → reviewer.
	reliance *simple.WeightedDirectedGraph
}

// newInfluence builds both graphs from the tally, every person a node.
func newInfluence(t *tally) influence {
	net := influence{
		helped:   simple.NewWeightedDirectedGraph(0, 0),
		reliance: simple.NewWeightedDirectedGraph(0, 0),
	}
	for id := range t.keys {
		net.helped.AddNode(simple.Node(id))
		net.reliance.AddNode(simple.Node(id))
	}
	for _, p := range t.pair {
		from, to := simple.Node(p.from), simple.Node(p.to)
		net.helped.SetWeightedEdge(simple.WeightedEdge{F: from, T: to, W: p.weight})
		net.reliance.SetWeightedEdge(simple.WeightedEdge{F: to, T: from, W: p.weight})
	}
	return net
}

// pageRank returns the weighted PageRank of every node of g, indexed by
// node ID (IDs must be 0..n−1), using gonum's sparse power iteration
// (network.PageRankSparse; Page, Brin, Motwani & Winograd 1999):
//
//	PR(v) = (1−d)/n + d · ( Σ_{u→v} PR(u)·w(u,v)/W(u) + Σ_{u dangling} PR(u)/n )
//
// where d is Settings.PageRankDamping, W(u) the total weight out of u, and
// a dangling node (no out-edges) spreads its rank evenly. The ranks sum
// to 1.
func pageRank(g gograph.WeightedDirected, s Settings) []float64 {
	n := g.Nodes().Len()
	ranks := make([]float64, n)
	if n == 0 {
		return ranks
	}
	for id, r := range network.PageRankSparse(g, s.PageRankDamping, s.PageRankTolerance) {
		ranks[id] = r
	}
	return ranks
}

// csr is a directed graph in compressed sparse row form, nodes being the
// dense ints 0..n−1: the out-edges of u go to nbr[off[u]:off[u+1]] with
// the matching lengths. inDeg counts each node's in-edges.
type csr struct {
	off    []int32
	nbr    []int32
	length []float64
	inDeg  []int32
}

// newCSR copies g, whose node IDs must be 0..n−1, into a csr whose edge
// lengths are 1/weight: a heavier tie is a shorter distance. Neighbours
// are sorted, so the copy does not depend on map order.
func newCSR(g gograph.WeightedDirected) *csr {
	n := g.Nodes().Len()
	c := &csr{off: make([]int32, n+1), inDeg: make([]int32, n)}
	var to []int64
	for u := range n {
		to = to[:0]
		for it := g.From(int64(u)); it.Next(); {
			to = append(to, it.Node().ID())
		}
		slices.Sort(to)
		for _, v := range to {
			w := g.WeightedEdge(int64(u), v).Weight()
			c.nbr = append(c.nbr, int32(v))
			c.length = append(c.length, 1/w)
			c.inDeg[v]++
		}
		c.off[u+1] = int32(len(c.nbr))
	}
	return c
}

// nodes returns the number of nodes.
func (c *csr) nodes() int { return len(c.off) - 1 }

// tieGraph views c as a brokerage.Graph with the tie weights (1/length).
func (c *csr) tieGraph() *brokerage.Graph {
	w := make([]float64, len(c.length))
	for i, l := range c.length {
		w[i] = 1 / l
	}
	return &brokerage.Graph{Offsets: c.off, Targets: c.nbr, Weights: w}
}
