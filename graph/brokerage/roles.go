package brokerage

import "fmt"

// Roles counts, for one node i, the directed two-paths a→i→b it brokers,
// by the Gould–Fernandez role the groups of a, i and b give it.
type Roles struct {
	Coordinator    int // a, i, b all in one group
	Itinerant      int // a and b in one group, i in another (also "consultant")
	Gatekeeper     int // i and b in one group, a outside it
	Representative int // a and i in one group, b outside it
	Liaison        int // a, i, b in three different groups
}

// Total returns the number of two-paths brokered in any role.
func (r Roles) Total() int {
	return r.Coordinator + r.Itinerant + r.Gatekeeper + r.Representative + r.Liaison
}

// Brokerage counts the Gould–Fernandez brokerage roles per node. For every
// directed two-path a→i→b with a ≠ b and no edge a→b, using only edges of
// weight ≥ minWeight (lighter edges are treated as absent, both on the path
// and as the short-cut a→b), it classifies i by the groups of a, i, b:
//
//	coordinator     g(a) = g(i) = g(b)
//	itinerant       g(a) = g(b) ≠ g(i)            (consultant)
//	gatekeeper      g(a) ≠ g(i) = g(b)
//	representative  g(a) = g(i) ≠ g(b)
//	liaison         g(a), g(i), g(b) all different
//
// group[i] is node i's group; nodes with a negative group (conventionally
// −1) are skipped as a, i or b. The counts are raw, not normalised by their
// expectation under random group assignment.
//
// Source: R. V. Gould and R. M. Fernandez, "Structures of Mediation: A
// Formal Approach to Brokerage in Transaction Networks", Sociological
// Methodology 19, 89–126 (1989); the same roles as statnet's
// sna::brokerage.
//
// Brokerage panics with a "brokerage: " message if g is malformed (see
// Graph) or len(group) ≠ g.N(). It runs in O(N + E + Σ_i in(i)·out(i))
// time and O(N) extra memory.
func Brokerage(g *Graph, group []int32, minWeight float64) []Roles {
	g.validate()
	n := g.N()
	if len(group) != n {
		panic(fmt.Sprintf("brokerage: len(group) = %d, want N = %d", len(group), n))
	}
	out := make([]Roles, n)
	// succ[b] = a+1 while b is a kept successor of the current source a.
	succ := make([]int32, n)
	for a := range n {
		ga := group[a]
		if ga < 0 {
			continue
		}
		lo, hi := g.Offsets[a], g.Offsets[a+1]
		mark := int32(a) + 1
		for e := lo; e < hi; e++ {
			if g.Weights[e] >= minWeight {
				succ[g.Targets[e]] = mark
			}
		}
		for e := lo; e < hi; e++ {
			i := g.Targets[e]
			gi := group[i]
			if gi < 0 || g.Weights[e] < minWeight {
				continue
			}
			r := &out[i]
			for f := g.Offsets[i]; f < g.Offsets[i+1]; f++ {
				b := g.Targets[f]
				gb := group[b]
				if int(b) == a || gb < 0 || g.Weights[f] < minWeight || succ[b] == mark {
					continue
				}
				switch {
				case ga == gi && gi == gb:
					r.Coordinator++
				case ga == gb:
					r.Itinerant++
				case gi == gb:
					r.Gatekeeper++
				case ga == gi:
					r.Representative++
				default:
					r.Liaison++
				}
			}
		}
	}
	return out
}
