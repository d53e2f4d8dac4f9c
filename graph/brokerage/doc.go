// Package brokerage computes structural-hole and brokerage metrics on
// Multiplier's influence graph: who helps whom among engineers, where nodes
// are people and teams are groups.
//
// It owns four per-node measures:
//
//   - Constraint and EffectiveSize, Burt's (1992) structural-hole measures,
//     on the graph symmetrised by tie strength z_ij = w_ij + w_ji;
//   - Participation, Guimerà and Amaral's (2005) participation coefficient
//     over a node's ties to groups;
//   - Brokerage, Gould and Fernandez's (1989) counts of the five brokerage
//     roles on directed two-paths.
//
// Graphs come in as a compact CSR ([Graph]) on dense ids 0..N-1. Every
// function validates it and panics with a "brokerage: " message when it is
// malformed; valid input never panics. Work is O(Σ degree²) at worst and
// uses per-node scratch arrays indexed by id, not maps, in the hot loops.
// The functions are safe for concurrent use on the same Graph: they only
// read it.
//
// The package is pure computation: it imports only the standard library and
// no other package of this module.
package brokerage
