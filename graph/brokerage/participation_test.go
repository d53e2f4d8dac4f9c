package brokerage

import "testing"

func TestParticipation(t *testing.T) {
	twoGroups := undirectedGraph(7, [][2]int32{
		{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {6, 0}, {6, 3},
	})
	for _, tt := range []struct {
		name  string
		g     *Graph
		group []int32
		want  []float64
	}{
		{name: "empty", g: &Graph{}, group: nil, want: []float64{}},
		{
			name:  "isolated",
			g:     &Graph{Offsets: []int32{0, 0, 0}},
			group: []int32{0, 1},
			want:  []float64{0, 0},
		},
		{
			// Centre's three ties go to groups 0, 1, 2 equally:
			// 1 − 3·(1/3)² = 2/3. Each leaf has one tie: 1 − 1² = 0.
			name:  "star, one group per leaf",
			g:     undirectedGraph(4, [][2]int32{{0, 1}, {0, 2}, {0, 3}}),
			group: []int32{0, 0, 1, 2},
			want:  []float64{2.0 / 3, 0, 0, 0},
		},
		{
			// All in one group: every P = 0.
			name:  "triangle, one group",
			g:     undirectedGraph(3, [][2]int32{{0, 1}, {1, 2}, {0, 2}}),
			group: []int32{5, 5, 5},
			want:  []float64{0, 0, 0},
		},
		{
			// Middle node splits its strength between groups 0 and 1:
			// 1 − 2·(1/2)² = 1/2.
			name:  "path across groups",
			g:     undirectedGraph(3, [][2]int32{{0, 1}, {1, 2}}),
			group: []int32{0, 7, 1},
			want:  []float64{0, 0.5, 0},
		},
		{
			// Weighted: 1→0 weight 3, 1→2 weight 1, and 2→1 weight 2, so
			// node 1 has k = 6 with 3 to group 0 and 3 to group 1: P = 1/2.
			// Nodes 0 and 2 each have one group among their ties: 0.
			name:  "weighted path, in and out strength",
			g:     fromEdges(3, []edge{{1, 0, 3}, {1, 2, 1}, {2, 1, 2}}),
			group: []int32{0, 0, 1},
			want:  []float64{0, 0.5, 0},
		},
		{
			// Triangles in groups 0 and 1, broker 6 in group 2.
			// Node 6: 2 to group 0, 2 to group 1: 1/2.
			// Node 0: 4 to group 0, 2 to group 2 of k = 6: 1 − 4/9 − 1/9 = 4/9.
			// Nodes 1, 2, 4, 5: all ties inside their group: 0.
			name:  "two groups, one broker",
			g:     twoGroups,
			group: []int32{0, 0, 0, 1, 1, 1, 2},
			want:  []float64{4.0 / 9, 0, 0, 4.0 / 9, 0, 0, 0.5},
		},
		{
			// Broker 6 ungrouped: its ties are ignored everywhere. Node 6
			// scores 0; node 0 keeps only its 4 in-group units: 0.
			name:  "ungrouped broker",
			g:     twoGroups,
			group: []int32{0, 0, 0, 1, 1, 1, -1},
			want:  []float64{0, 0, 0, 0, 0, 0, 0},
		},
		{
			// Node 1 ungrouped: node 0's ties are then 2 to group 0 (node 2)
			// and 2 to group 2 (node 6): 1/2. Node 2 keeps only node 0: 0.
			name:  "ungrouped member",
			g:     twoGroups,
			group: []int32{0, -1, 0, 1, 1, 1, 2},
			want:  []float64{0.5, 0, 0, 4.0 / 9, 0, 0, 0.5},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			checkFloats(t, "Participation", Participation(tt.g, tt.group), tt.want, tol)
		})
	}
}
