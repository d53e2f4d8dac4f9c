package graph

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/graph/network"
)

// TestPageRankMatchesDense cross-checks pageRank (gonum's sparse power
// iteration) against gonum's dense network.PageRank, which builds the full
// Google matrix, on small random weighted graphs; and checks the ranks sum
// to 1.
func TestPageRankMatchesDense(t *testing.T) {
	tests := []struct {
		name string
		seed uint64
		n    int
		p    float64
	}{
		{"sparse with dangling nodes", 11, 30, 0.03},
		{"medium", 12, 40, 0.1},
		{"dense", 13, 25, 0.4},
	}
	s := DefaultSettings()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := weighted(tt.n, randomEdges(tt.seed, tt.n, tt.p, pickWeight(1, 1.3, 2, 5)))
			got := pageRank(g, s)
			want := network.PageRank(g, s.PageRankDamping, s.PageRankTolerance)
			var total float64
			for id, r := range got {
				total += r
				if math.Abs(r-want[int64(id)]) > 1e-6 {
					t.Errorf("node %d: got %v, dense %v", id, r, want[int64(id)])
				}
			}
			if math.Abs(total-1) > 1e-6 {
				t.Errorf("ranks sum to %v, want 1", total)
			}
		})
	}
}

// TestPageRankHandWorked checks graphs whose ranks follow from symmetry.
func TestPageRankHandWorked(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		edges []edge
		want  []float64
	}{
		{
			// A weighted 2-cycle: each node passes all its rank to the other.
			name:  "two-cycle",
			n:     2,
			edges: []edge{{0, 1, 3}, {1, 0, 1}},
			want:  []float64{0.5, 0.5},
		},
		{
			// Leaves 1..3 point to hub 0, which points nowhere (dangling:
			// spreads its rank evenly). A leaf gets only the teleport and
			// the hub's spread: r = (1−d)/4 + d·h/4, with h = 1 − 3r and
			// d = 0.85, so 4r = 0.15 + 0.85 − 2.55r and r = 1/6.55.
			// Edge weights do not matter: each leaf has one out-edge.
			name:  "in-star",
			n:     4,
			edges: []edge{{1, 0, 1}, {2, 0, 1}, {3, 0, 2}},
			want:  []float64{1 - 3/6.55, 1 / 6.55, 1 / 6.55, 1 / 6.55},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pageRank(weighted(tt.n, tt.edges), DefaultSettings())
			for i := range tt.want {
				if math.Abs(got[i]-tt.want[i]) > 1e-6 {
					t.Errorf("node %d: got %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}
