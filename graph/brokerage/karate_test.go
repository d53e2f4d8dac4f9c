package brokerage

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// karateEdges is Zachary's karate club, the standard 78-edge list as in
// networkx.karate_club_graph (0-based ids, weights dropped).
var karateEdges = [][2]int32{
	{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {0, 6}, {0, 7}, {0, 8}, {0, 10}, {0, 11},
	{0, 12}, {0, 13}, {0, 17}, {0, 19}, {0, 21}, {0, 31}, {1, 2}, {1, 3}, {1, 7}, {1, 13},
	{1, 17}, {1, 19}, {1, 21}, {1, 30}, {2, 3}, {2, 7}, {2, 8}, {2, 9}, {2, 13}, {2, 27},
	{2, 28}, {2, 32}, {3, 7}, {3, 12}, {3, 13}, {4, 6}, {4, 10}, {5, 6}, {5, 10}, {5, 16},
	{6, 16}, {8, 30}, {8, 32}, {8, 33}, {9, 33}, {13, 33}, {14, 32}, {14, 33}, {15, 32}, {15, 33},
	{18, 32}, {18, 33}, {19, 33}, {20, 32}, {20, 33}, {22, 32}, {22, 33}, {23, 25}, {23, 27}, {23, 29},
	{23, 32}, {23, 33}, {24, 25}, {24, 27}, {24, 31}, {25, 31}, {26, 29}, {26, 33}, {27, 33}, {28, 31},
	{28, 33}, {29, 32}, {29, 33}, {30, 32}, {30, 33}, {31, 32}, {31, 33}, {32, 33},
}

// karateFaction is the "club" node attribute of networkx.karate_club_graph:
// 0 = Mr. Hi, 1 = Officer.
var karateFaction = []int32{
	0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0,
	0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
}

// readKarateGolden reads testdata/karate.golden, written by
// testdata/karate.py from networkx (nx.constraint and nx.effective_size on
// nx.Graph(nx.karate_club_graph().edges())). There is no -update flag on
// purpose: the file is a reference from another implementation, not a
// snapshot of this one; regenerate it with
//
//	/usr/bin/python3 testdata/karate.py > testdata/karate.golden
func readKarateGolden(t *testing.T) (constraint, effective []float64) {
	t.Helper()
	f, err := os.Open("testdata/karate.golden")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fs := strings.Fields(text)
		if len(fs) != 3 {
			t.Fatalf("karate.golden:%d: want 3 fields, got %q", line, text)
		}
		v, err1 := strconv.Atoi(fs[0])
		c, err2 := strconv.ParseFloat(fs[1], 64)
		e, err3 := strconv.ParseFloat(fs[2], 64)
		if err1 != nil || err2 != nil || err3 != nil || v != len(constraint) {
			t.Fatalf("karate.golden:%d: bad line %q", line, text)
		}
		constraint, effective = append(constraint, c), append(effective, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return constraint, effective
}

func TestKarate(t *testing.T) {
	g := undirectedGraph(34, karateEdges)
	if got := len(g.Targets); got != 2*78 {
		t.Fatalf("karate graph has %d directed edges, want 156", got)
	}
	wantC, wantE := readKarateGolden(t)
	if len(wantC) != 34 {
		t.Fatalf("karate.golden has %d nodes, want 34", len(wantC))
	}
	t.Run("Constraint", func(t *testing.T) {
		checkFloats(t, "Constraint", Constraint(g), wantC, 1e-9)
	})
	t.Run("EffectiveSize", func(t *testing.T) {
		checkFloats(t, "EffectiveSize", EffectiveSize(g), wantE, 1e-9)
	})
	t.Run("Participation", func(t *testing.T) {
		p := Participation(g, karateFaction)
		for _, tt := range []struct {
			name string
			node int
			want float64
		}{
			// Hand-computed from the neighbour lists and factions above.
			// Node 4 (Mr. Hi): neighbours 0, 6, 10, all Mr. Hi: 0.
			{"node 4, all inside", 4, 0},
			// Node 8 (Mr. Hi): 0, 2 Mr. Hi; 30, 32, 33 Officer:
			// 1 − (2/5)² − (3/5)² = 12/25.
			{"node 8", 8, 12.0 / 25},
			// Node 9 (Officer): 2 Mr. Hi, 33 Officer: 1 − 2·(1/2)² = 1/2.
			{"node 9", 9, 0.5},
			// Node 19 (Mr. Hi): 0, 1 Mr. Hi; 33 Officer: 1 − 4/9 − 1/9 = 4/9.
			{"node 19", 19, 4.0 / 9},
			// Node 31 (Officer): 0 Mr. Hi; 24, 25, 28, 32, 33 Officer:
			// 1 − 1/36 − 25/36 = 5/18.
			{"node 31", 31, 5.0 / 18},
		} {
			if !sameFloat(p[tt.node], tt.want, tol) {
				t.Errorf("%s: Participation = %.15g, want %.15g", tt.name, p[tt.node], tt.want)
			}
		}
	})
}
