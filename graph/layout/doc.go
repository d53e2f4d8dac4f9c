// Package layout places the nodes of a graph in the plane for drawing:
// the network map on screen and in exports.
//
// It owns one algorithm, Force: a Fruchterman–Reingold force-directed
// layout (Fruchterman & Reingold, "Graph drawing by force-directed
// placement", Software: Practice and Experience 21(11), 1991) whose
// repulsion between all pairs is approximated with a Barnes–Hut quadtree
// (Barnes & Hut, "A hierarchical O(N log N) force-calculation
// algorithm", Nature 324, 1986), so a layout costs O(N log N + E) per
// iteration instead of O(N² + E). Nodes of one group (a team) are pulled
// gently toward their group's centroid so teams form visible clusters,
// and every node toward the centre so that isolated nodes stay in view.
//
// Inputs are plain: node ids 0..N-1, edges as index pairs with weights,
// a group index per node. The same input gives the same output, to the
// bit on one machine, whatever GOMAXPROCS is. Force takes a
// context.Context to be cancelled from the UI and a progress callback,
// and is meant to run off the UI goroutine.
//
// The package is pure computation: it imports only the standard library,
// nothing of this module and nothing from fyne.io.
package layout
