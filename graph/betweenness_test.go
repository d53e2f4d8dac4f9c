package graph

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// edge is a weighted directed edge between node ids, for test graphs.
type edge struct {
	from, to int
	weight   float64
}

// weighted builds a gonum graph of n nodes (ids 0..n−1) and edges.
func weighted(n int, edges []edge) *simple.WeightedDirectedGraph {
	g := simple.NewWeightedDirectedGraph(0, 0)
	for id := range n {
		g.AddNode(simple.Node(id))
	}
	for _, e := range edges {
		g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(e.from), T: simple.Node(e.to), W: e.weight})
	}
	return g
}

// TestBetweennessHandWorked checks raw (not normalised) betweenness on
// graphs small enough to count shortest paths by hand.
func TestBetweennessHandWorked(t *testing.T) {
	const a, b, c, d, e = 0, 1, 2, 3, 4
	tests := []struct {
		name  string
		n     int
		edges []edge
		want  []float64
	}{
		{
			// a→b→c: b is on the only path of the one pair (a, c).
			name:  "path",
			n:     3,
			edges: []edge{{a, b, 1}, {b, c, 1}},
			want:  []float64{0, 1, 0},
		},
		{
			// Hub a with edges both ways to leaves b..e: every ordered
			// pair of distinct leaves, 4×3 = 12, passes through a.
			name: "two-way star",
			n:    5,
			edges: []edge{
				{a, b, 1}, {b, a, 1}, {a, c, 1}, {c, a, 1},
				{a, d, 1}, {d, a, 1}, {a, e, 1}, {e, a, 1},
			},
			want: []float64{12, 0, 0, 0, 0},
		},
		{
			// Hub a with edges only out: no path has a middle.
			name:  "out-star",
			n:     5,
			edges: []edge{{a, b, 1}, {a, c, 1}, {a, d, 1}, {a, e, 1}},
			want:  []float64{0, 0, 0, 0, 0},
		},
		{
			// Diamond a→{b,c}→d. Via b: lengths 1/1+1/1 = 2; via c:
			// 1/4+1/4 = 0.5. The heavier tie wins: c gets the pair (a, d).
			name:  "weighted diamond",
			n:     4,
			edges: []edge{{a, b, 1}, {b, d, 1}, {a, c, 4}, {c, d, 4}},
			want:  []float64{0, 0, 1, 0},
		},
		{
			// Same diamond, equal weights: two shortest paths, half each.
			name:  "diamond tie",
			n:     4,
			edges: []edge{{a, b, 2}, {b, d, 2}, {a, c, 2}, {c, d, 2}},
			want:  []float64{0, 0.5, 0.5, 0},
		},
		{
			// Via b: 1/10 + 1/5 = 0.1 + 0.2, which is 0.30000000000000004
			// in float64; via c: 2 × 1/(1/0.15) ≈ 0.3. Equal on paper, so
			// the credit splits.
			name:  "diamond float tie",
			n:     4,
			edges: []edge{{a, b, 10}, {b, d, 5}, {a, c, 1 / 0.15}, {c, d, 1 / 0.15}},
			want:  []float64{0, 0.5, 0.5, 0},
		},
		{
			// a→b→c→d plus a shortcut a→c of length 1/0.4 = 2.5 against
			// 2 via b: b is on (a,c) and (a,d); c on (a,d) and (b,d).
			name:  "path with longer shortcut",
			n:     4,
			edges: []edge{{a, b, 1}, {b, c, 1}, {c, d, 1}, {a, c, 0.4}},
			want:  []float64{0, 2, 2, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := betweenness(context.Background(), newCSR(weighted(tt.n, tt.edges)), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tt.want {
				if math.Abs(got[i]-tt.want[i]) > 1e-12 {
					t.Errorf("node %d: got %v, want %v (all %v)", i, got[i], tt.want[i], got)
				}
			}
		})
	}
}

// TestBetweennessMatchesGonum cross-checks the CSR Brandes against gonum's
// network.BetweennessWeighted (all-pairs Dijkstra, exact equality for
// ties) on random graphs. Weights from {1, 2, 4} give lengths 1, 0.5 and
// 0.25, exact in binary, so the many ties are exact for both; real
// weights give no ties.
func TestBetweennessMatchesGonum(t *testing.T) {
	tests := []struct {
		name    string
		seed    uint64
		n       int
		p       float64
		weights func(r *rand.Rand) float64
	}{
		{"powers of two, sparse", 1, 30, 0.08, pickWeight(1, 2, 4)},
		{"powers of two, dense", 2, 30, 0.2, pickWeight(1, 2, 4)},
		{"all ones", 3, 30, 0.1, pickWeight(1)},
		{"real weights", 4, 30, 0.12, func(r *rand.Rand) float64 { return 1 + 4*r.Float64() }},
		{"real weights, larger", 5, 60, 0.06, func(r *rand.Rand) float64 { return 1 + 9*r.Float64() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edges := randomEdges(tt.seed, tt.n, tt.p, tt.weights)
			got, err := betweenness(context.Background(), newCSR(weighted(tt.n, edges)), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			// gonum's weights are lengths: give it 1/weight.
			lengths := make([]edge, len(edges))
			for i, e := range edges {
				lengths[i] = edge{e.from, e.to, 1 / e.weight}
			}
			g := weighted(tt.n, lengths)
			want := network.BetweennessWeighted(g, path.DijkstraAllPaths(g))
			for id := range tt.n {
				if math.Abs(got[id]-want[int64(id)]) > 1e-9 {
					t.Errorf("node %d: got %v, gonum %v", id, got[id], want[int64(id)])
				}
			}
		})
	}
}

// pickWeight returns a weight drawn uniformly from ws.
func pickWeight(ws ...float64) func(r *rand.Rand) float64 {
	return func(r *rand.Rand) float64 { return ws[r.IntN(len(ws))] }
}

// randomEdges returns each ordered pair of distinct nodes as an edge with
// probability p, from a fixed seed.
func randomEdges(seed uint64, n int, p float64, weight func(r *rand.Rand) float64) []edge {
	r := rand.New(rand.NewPCG(seed, 0))
	var edges []edge
	for u := range n {
		for v := range n {
			if u != v && r.Float64() < p {
				edges = append(edges, edge{u, v, weight(r)})
			}
		}
	}
	return edges
}

// TestBetweennessWorkersAgree checks that the result does not depend on
// the number of goroutines: sources are summed in fixed chunks.
func TestBetweennessWorkersAgree(t *testing.T) {
	g := newCSR(weighted(200, randomEdges(7, 200, 0.03, pickWeight(1, 1.5, 2, 3))))
	run := func(procs int) []float64 {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		got, err := betweenness(context.Background(), g, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	one, four := run(1), run(4)
	for i := range one {
		if one[i] != four[i] {
			t.Fatalf("node %d: 1 goroutine %v, 4 goroutines %v", i, one[i], four[i])
		}
	}
}

// TestBetweennessProgressAndCancel checks that progress counts every
// source once, ending at the total, and that a cancel stops the work.
func TestBetweennessProgressAndCancel(t *testing.T) {
	g := newCSR(weighted(500, randomEdges(8, 500, 0.01, pickWeight(1, 2))))

	last, calls := 0, 0
	_, err := betweenness(context.Background(), g, nil, func(done, total int) {
		calls++
		if total != 500 || done <= last {
			t.Errorf("progress(%d, %d) after %d", done, total, last)
		}
		last = done
	})
	if err != nil {
		t.Fatal(err)
	}
	if last != 500 || calls < 2 {
		t.Errorf("progress ended at %d after %d calls, want 500 after several", last, calls)
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := 0
	_, err = betweenness(ctx, g, nil, func(d, _ int) {
		done = d
		cancel()
	})
	if err != context.Canceled {
		t.Errorf("cancelled run: err %v, want context.Canceled", err)
	}
	if done >= 500 {
		t.Errorf("cancelled run did all %d sources", done)
	}
}

// TestPivotEstimate: on a 600-node random graph the Brandes–Pich estimate
// from 300 fixed pivots is the same on every run, its mean relative error
// over the ten most central nodes is under 15%, and at least 8 of the
// exact top ten are in the estimate's top twenty (what the connector
// percentile needs).
func TestPivotEstimate(t *testing.T) {
	const n = 600
	g := newCSR(weighted(n, randomEdges(7, n, 0.01, func(r *rand.Rand) float64 { return 1 + r.Float64() })))
	exact, err := betweenness(context.Background(), g, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := pivots(n, 100, 300)
	if len(p) != 300 || !slices.Equal(p, pivots(n, 100, 300)) || pivots(n, n, 300) != nil {
		t.Fatal("pivots are not 300 fixed sources, or not nil at or below the exact size")
	}
	est, err := betweenness(context.Background(), g, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(exact[b], exact[a]) })
	estOrder := slices.Clone(order)
	slices.SortFunc(estOrder, func(a, b int) int { return cmp.Compare(est[b], est[a]) })
	var sumRel float64
	kept := 0
	for _, v := range order[:10] {
		sumRel += math.Abs(est[v]-exact[v]) / exact[v]
		if slices.Contains(estOrder[:20], v) {
			kept++
		}
	}
	t.Logf("mean relative error of the top ten %.1f%%; %d of them in the estimate's top twenty", 10*sumRel, kept)
	if sumRel/10 > 0.15 || kept < 8 {
		t.Errorf("mean relative error %.1f%%, %d of the top ten kept", 10*sumRel, kept)
	}
}

// TestKarateClubBetweenness checks betweenness on Zachary's karate club
// (34 members, 78 ties) against networkx 2.8.8's values in
// testdata/karate_betweenness.golden (made by karate_betweenness.py),
// which agree with the published ones (Mr. Hi 231.07, i.e. 0.4376
// normalised). Each tie is two directed edges of weight 1, so every
// unordered pair counts twice: ours is twice networkx's undirected value.
func TestKarateClubBetweenness(t *testing.T) {
	b, err := os.ReadFile("testdata/karate_betweenness.golden")
	if err != nil {
		t.Fatal(err)
	}
	ref := map[int]float64{}
	var edges []edge
	for line := range strings.SplitSeq(strings.TrimSpace(string(b)), "\n") {
		f := strings.Fields(line)
		switch f[0] {
		case "node":
			v, _ := strconv.Atoi(f[1])
			x, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				t.Fatal(err)
			}
			ref[v] = x
		case "edge":
			u, _ := strconv.Atoi(f[1])
			v, _ := strconv.Atoi(f[2])
			edges = append(edges, edge{u, v, 1}, edge{v, u, 1})
		}
	}
	if len(ref) != 34 || len(edges) != 156 {
		t.Fatalf("golden has %d nodes and %d directed edges, want 34 and 156", len(ref), len(edges))
	}
	got, err := betweenness(context.Background(), newCSR(weighted(34, edges)), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for v, want := range ref {
		if math.Abs(got[v]-2*want) > 1e-9 {
			t.Errorf("member %d: betweenness %.9f, want 2 × %.9f", v, got[v], want)
		}
	}
}
