// Package graph owns the influence graph and everything concluded from it:
// it turns the roster and the interactions of one period into a directed,
// weighted graph of who helped whom (built with gonum's graph types), the
// per-person metrics (help given and received, cross-team reach,
// turnaround, gatekeeper share, waiting load, betweenness, PageRank), the
// organisation's reference values, and the roles — multiplier, bottleneck,
// solo contributor — with the evidence sentences that triggered them.
// It also gives the views that screens and exports draw from a Result:
// the help graph as plain edges, reviewers' shares of each repository,
// the team × team flows of help and who carries them, how concentrated
// help is, and each team's medians. Subpackage brokerage holds the
// structural-hole measures, and layout places the network map.
//
// It is pure computation. It imports only the standard library, gonum and
// the root package multiplier; it must not import the store (no SQL), the
// importers (no file I/O), the export package or anything from fyne.io.
// The workspace package joins it to the others. gonum's graph packages
// share this package's name and are imported under the alias gograph.
package graph
