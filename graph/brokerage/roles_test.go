package brokerage

import (
	"math/rand/v2"
	"testing"
)

func TestBrokerage(t *testing.T) {
	path := fromEdges(3, []edge{{0, 1, 1}, {1, 2, 1}})
	pathShortcut := fromEdges(3, []edge{{0, 1, 1}, {1, 2, 1}, {0, 2, 1}})
	pathWeakShortcut := fromEdges(3, []edge{{0, 1, 2}, {1, 2, 2}, {0, 2, 1}})
	pathWeakLink := fromEdges(3, []edge{{0, 1, 1}, {1, 2, 2}})
	for _, tt := range []struct {
		name      string
		g         *Graph
		group     []int32
		minWeight float64
		want      []Roles
	}{
		{name: "empty", g: &Graph{}, want: []Roles{}},
		// The directed path 0→1→2 is one two-path through 1; its groups
		// decide the role.
		{name: "path coordinator", g: path, group: []int32{0, 0, 0}, want: []Roles{{}, {Coordinator: 1}, {}}},
		{name: "path itinerant", g: path, group: []int32{0, 1, 0}, want: []Roles{{}, {Itinerant: 1}, {}}},
		{name: "path gatekeeper", g: path, group: []int32{1, 0, 0}, want: []Roles{{}, {Gatekeeper: 1}, {}}},
		{name: "path representative", g: path, group: []int32{0, 0, 1}, want: []Roles{{}, {Representative: 1}, {}}},
		{name: "path liaison", g: path, group: []int32{0, 1, 2}, want: []Roles{{}, {Liaison: 1}, {}}},
		{name: "path, ungrouped source", g: path, group: []int32{-1, 0, 0}, want: []Roles{{}, {}, {}}},
		{name: "path, ungrouped broker", g: path, group: []int32{0, -1, 0}, want: []Roles{{}, {}, {}}},
		{name: "path, ungrouped target", g: path, group: []int32{0, 0, -1}, want: []Roles{{}, {}, {}}},
		// 0→2 closes the two-path: nothing is brokered.
		{name: "shortcut closes path", g: pathShortcut, group: []int32{0, 0, 0}, want: []Roles{{}, {}, {}}},
		// The shortcut is lighter than minWeight, so it does not count.
		{name: "weak shortcut ignored", g: pathWeakShortcut, group: []int32{0, 0, 0}, minWeight: 2, want: []Roles{{}, {Coordinator: 1}, {}}},
		// 0→1 is lighter than minWeight, so there is no two-path.
		{name: "weak link ignored", g: pathWeakLink, group: []int32{0, 0, 0}, minWeight: 2, want: []Roles{{}, {}, {}}},
		{
			// Mutual ties 0↔1: the two-paths 0→1→0 and 1→0→1 have a = b.
			name: "mutual pair", g: undirectedGraph(2, [][2]int32{{0, 1}}),
			group: []int32{0, 1}, want: []Roles{{}, {}},
		},
		{
			// Star with mutual ties: the centre brokers every ordered pair
			// of distinct leaves, 3·2 = 6 two-paths. Groups centre 0,
			// leaves 0, 1, 1: (1,2),(1,3) representative; (2,1),(3,1)
			// gatekeeper; (2,3),(3,2) itinerant.
			name:  "star",
			g:     undirectedGraph(4, [][2]int32{{0, 1}, {0, 2}, {0, 3}}),
			group: []int32{0, 0, 1, 1},
			want:  []Roles{{Representative: 2, Gatekeeper: 2, Itinerant: 2}, {}, {}, {}},
		},
		{
			// Triangles {0,1,2} (group 0), {3,4,5} (group 1), broker 6
			// (group 2) tied both ways to 0 and 3. Node 6: 0→6→3 and
			// 3→6→0, liaison both. Node 0: in and out neighbours 1, 2, 6;
			// (1,2) and (2,1) are closed; (1,6), (2,6) representative;
			// (6,1), (6,2) gatekeeper. Node 3 likewise; 1, 2, 4, 5 broker
			// nothing (their two contacts are tied).
			name: "two groups, one broker",
			g: undirectedGraph(7, [][2]int32{
				{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {6, 0}, {6, 3},
			}),
			group: []int32{0, 0, 0, 1, 1, 1, 2},
			want: []Roles{
				{Representative: 2, Gatekeeper: 2}, {}, {},
				{Representative: 2, Gatekeeper: 2}, {}, {},
				{Liaison: 2},
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Brokerage(tt.g, tt.group, tt.minWeight)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d nodes, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("node %d: got %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestBrokerageMatchesNaive compares with a direct enumeration of all
// triples (a, i, b) on random directed graphs with random weights.
func TestBrokerageMatchesNaive(t *testing.T) {
	for _, tt := range []struct {
		name      string
		n, groups int
		p, minW   float64
		seed      uint64
	}{
		{"sparse", 40, 4, 0.08, 0, 1},
		{"dense", 25, 3, 0.4, 0, 2},
		{"threshold", 30, 5, 0.3, 2.5, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(tt.seed, 99))
			group := make([]int32, tt.n)
			for i := range group {
				group[i] = int32(rng.IntN(tt.groups+1)) - 1 // some −1
			}
			w := make([][]float64, tt.n)
			var es []edge
			for a := range tt.n {
				w[a] = make([]float64, tt.n)
				for b := range tt.n {
					if a != b && rng.Float64() < tt.p {
						w[a][b] = 1 + 4*rng.Float64()
						es = append(es, edge{int32(a), int32(b), w[a][b]})
					}
				}
			}
			want := make([]Roles, tt.n)
			on := func(a, b int) bool { return w[a][b] > 0 && w[a][b] >= tt.minW }
			for a := range tt.n {
				for i := range tt.n {
					for b := range tt.n {
						if a == b || !on(a, i) || !on(i, b) || on(a, b) {
							continue
						}
						ga, gi, gb := group[a], group[i], group[b]
						if ga < 0 || gi < 0 || gb < 0 {
							continue
						}
						r := &want[i]
						switch {
						case ga == gi && gi == gb:
							r.Coordinator++
						case ga == gb && gi != ga:
							r.Itinerant++
						case ga != gi && gi == gb:
							r.Gatekeeper++
						case ga == gi && gb != gi:
							r.Representative++
						default:
							r.Liaison++
						}
					}
				}
			}
			got := Brokerage(fromEdges(tt.n, es), group, tt.minW)
			total := 0
			for i := range got {
				total += got[i].Total()
				if got[i] != want[i] {
					t.Errorf("node %d: got %+v, want %+v", i, got[i], want[i])
				}
			}
			if total == 0 {
				t.Error("test graph brokers nothing; pick another seed")
			}
		})
	}
}
