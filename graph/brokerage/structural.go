package brokerage

import "math"

// Constraint returns Burt's constraint per node on the symmetrised graph
// (tie strength z_ij = w_ij + w_ji):
//
//	p_ij = z_ij / Σ_k z_ik
//	c_i  = Σ_{j≠i} (p_ij + Σ_{q≠i,j} p_iq p_qj)²
//
// over j in i's neighbourhood (in- or out-neighbours). A node whose contacts
// are few and tied to each other is constrained (up to 1 + 1/d for a clique
// of d contacts, 1 for a single contact); a broker across structural holes
// between many contacts scores near 1/d. The result is NaN for isolated
// nodes.
//
// Source: R. S. Burt, Structural Holes: The Social Structure of Competition,
// Harvard University Press, 1992, ch. 2; the same definition as
// networkx.constraint (weight = z).
//
// Constraint panics with a "brokerage: " message if g is malformed (see
// Graph). It runs in O(N + Σ_i d_i²) time and O(N + E) memory.
func Constraint(g *Graph) []float64 {
	u := symmetrise(g)
	n := len(u.sum)
	out := make([]float64, n)
	acc := make([]float64, n) // acc[j] = Σ_q p_iq p_qj for j in N(i)
	in := make([]bool, n)     // in[j]: j is a neighbour of the current i
	for i := range n {
		nb, z := u.neighbours(i)
		if len(nb) == 0 {
			out[i] = math.NaN()
			continue
		}
		for _, j := range nb {
			in[j] = true
		}
		si := u.sum[i]
		for k, q := range nb {
			piq := z[k] / si
			qnb, qz := u.neighbours(int(q))
			sq := u.sum[q]
			for l, j := range qnb {
				if in[j] { // j ≠ i: i is not its own neighbour
					acc[j] += piq * qz[l] / sq
				}
			}
		}
		var c float64
		for k, j := range nb {
			t := z[k]/si + acc[j]
			c += t * t
			acc[j], in[j] = 0, false
		}
		out[i] = c
	}
	return out
}

// EffectiveSize returns Burt's effective size per node on the symmetrised
// graph (tie strength z_ij = w_ij + w_ji):
//
//	p_iq = z_iq / Σ_k z_ik
//	m_jq = z_jq / max_k z_jk
//	e_i  = Σ_j (1 − Σ_{q≠i,j} p_iq m_jq)
//
// over j and q in i's neighbourhood: the number of contacts less their
// redundancy with each other. On an unweighted graph this is
// n − 2t/n for n contacts with t ties among them (Borgatti 1997). The result
// is NaN for isolated nodes.
//
// Source: R. S. Burt, Structural Holes, 1992, ch. 2; networkx.effective_size
// for weighted graphs.
//
// EffectiveSize panics with a "brokerage: " message if g is malformed (see
// Graph). It runs in O(N + Σ_i d_i²) time and O(N + E) memory.
func EffectiveSize(g *Graph) []float64 {
	u := symmetrise(g)
	n := len(u.sum)
	out := make([]float64, n)
	acc := make([]float64, n) // acc[j] = Σ_q p_iq m_jq for j in N(i)
	in := make([]bool, n)
	for i := range n {
		nb, z := u.neighbours(i)
		if len(nb) == 0 {
			out[i] = math.NaN()
			continue
		}
		for _, j := range nb {
			in[j] = true
		}
		si := u.sum[i]
		for k, q := range nb {
			piq := z[k] / si
			qnb, qz := u.neighbours(int(q))
			for l, j := range qnb {
				if in[j] {
					acc[j] += piq * qz[l] / u.maxTie[j]
				}
			}
		}
		var e float64
		for _, j := range nb {
			e += 1 - acc[j]
			acc[j], in[j] = 0, false
		}
		out[i] = e
	}
	return out
}
