// Package multiplier holds the domain records that every other package of
// Multiplier shares: people from the roster, the reviews read from exports,
// the interactions they become, and the analysis period.
//
// It imports nothing of ours. Importers produce these records, the store
// keeps them, the graph package analyses them and the front ends show them.
package multiplier
