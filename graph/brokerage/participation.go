package brokerage

import "fmt"

// Participation returns the participation coefficient per node:
//
//	P_i = 1 − Σ_s (k_is / k_i)²
//
// with k_i the node's total tie strength (in + out weights, i.e. Σ_j z_ij on
// the symmetrised graph) and k_is the part of it to nodes of group s. P_i is
// 0 when all of i's ties stay in one group and approaches 1 − 1/S when they
// spread evenly over S groups. Node i's own group does not enter the formula.
//
// group[i] is node i's group; a negative group (conventionally −1) means no
// group, and all of that node's ties are ignored: they count towards neither
// k_i nor k_is of its neighbours, and the node itself scores 0. Isolated
// nodes, and nodes all of whose ties go to ungrouped nodes, score 0.
//
// Source: R. Guimerà and L. A. N. Amaral, "Functional cartography of complex
// metabolic networks", Nature 433, 895–900 (2005), eq. 2, with weighted
// degrees in place of degrees.
//
// Participation panics with a "brokerage: " message if g is malformed (see
// Graph) or len(group) ≠ g.N(). It runs in O(N + E) time after an O(N)
// renumbering of the group ids.
func Participation(g *Graph, group []int32) []float64 {
	u := symmetrise(g)
	n := len(u.sum)
	dense := denseGroups(group, n)
	out := make([]float64, n)
	acc := make([]float64, n) // acc[s] = k_is; there are at most n groups
	var touched []int32
	for i := range n {
		if dense[i] < 0 {
			continue
		}
		nb, z := u.neighbours(i)
		var k float64
		for l, j := range nb {
			s := dense[j]
			if s < 0 {
				continue
			}
			if acc[s] == 0 {
				touched = append(touched, s)
			}
			acc[s] += z[l]
			k += z[l]
		}
		if k == 0 {
			continue
		}
		p := 1.0
		for _, s := range touched {
			f := acc[s] / k
			p -= f * f
			acc[s] = 0
		}
		touched = touched[:0]
		out[i] = max(p, 0) // guard −0 and rounding below zero
	}
	return out
}

// denseGroups checks len(group) and renumbers group ids to 0..S-1 (S ≤ n),
// keeping negatives as −1, so scratch arrays can be indexed by group.
func denseGroups(group []int32, n int) []int32 {
	if len(group) != n {
		panic(fmt.Sprintf("brokerage: len(group) = %d, want N = %d", len(group), n))
	}
	ids := make(map[int32]int32)
	dense := make([]int32, n)
	for i, s := range group {
		if s < 0 {
			dense[i] = -1
			continue
		}
		d, ok := ids[s]
		if !ok {
			d = int32(len(ids))
			ids[s] = d
		}
		dense[i] = d
	}
	return dense
}
