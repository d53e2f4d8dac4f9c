package layout

import "math/rand/v2"

// synthGraph generates, from a fixed seed, a help graph of n people in
// teams of 10 (group = team) with 20 directed edges a person: 75% to
// teammates, the rest to people of the next two teams or a random team,
// weights in [1, 5). One person in 100 has no team and no edges. At
// 2000 people that is about 39 600 edges.
func synthGraph(n int, seed uint64) Graph {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	const size = 10
	teams := (n + size - 1) / size
	g := Graph{N: n, Group: make([]int, n)}
	for i := range n {
		g.Group[i] = i / size
		if i%100 == 99 {
			g.Group[i] = -1
		}
	}
	for i := range n {
		if g.Group[i] < 0 {
			continue
		}
		for range 20 {
			t := i / size
			if r.Float64() < 0.25 && teams > 1 {
				if k := r.IntN(3); k == 2 {
					t = r.IntN(teams)
				} else {
					t = (t + 1 + k) % teams
				}
			}
			j := t*size + r.IntN(size)
			if j >= n || j == i || g.Group[j] < 0 {
				continue
			}
			g.Edges = append(g.Edges, Edge{A: i, B: j, W: 1 + 4*r.Float64()})
		}
	}
	return g
}
