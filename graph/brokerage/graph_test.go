package brokerage

import (
	"math"
	"strings"
	"testing"
)

func TestN(t *testing.T) {
	for _, tt := range []struct {
		name string
		g    Graph
		want int
	}{
		{"zero value", Graph{}, 0},
		{"one node", Graph{Offsets: []int32{0, 0}}, 1},
		{"three nodes", Graph{Offsets: []int32{0, 1, 1, 1}, Targets: []int32{2}, Weights: []float64{1}}, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.g.N(); got != tt.want {
				t.Errorf("N() = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestMalformedPanics checks that every function rejects a malformed CSR
// with a "brokerage: " panic, and that a wrong-length group does too.
func TestMalformedPanics(t *testing.T) {
	funcs := []struct {
		name string
		f    func(*Graph, []int32)
	}{
		{"Constraint", func(g *Graph, _ []int32) { Constraint(g) }},
		{"EffectiveSize", func(g *Graph, _ []int32) { EffectiveSize(g) }},
		{"Participation", func(g *Graph, grp []int32) { Participation(g, grp) }},
		{"Brokerage", func(g *Graph, grp []int32) { Brokerage(g, grp, 0) }},
	}
	ok := []int32{0, 0, 0}
	for _, tt := range []struct {
		name  string
		g     *Graph
		group []int32
		graph bool // the graph itself is malformed (all four functions panic)
	}{
		{"nil graph", nil, nil, true},
		{"edges without nodes", &Graph{Targets: []int32{0}, Weights: []float64{1}}, nil, true},
		{"first offset not zero", &Graph{Offsets: []int32{1, 1, 1, 1}, Targets: []int32{1}, Weights: []float64{1}}, ok, true},
		{"last offset short", &Graph{Offsets: []int32{0, 1, 1, 1}, Targets: []int32{1, 2}, Weights: []float64{1, 1}}, ok, true},
		{"weights short", &Graph{Offsets: []int32{0, 2, 2, 2}, Targets: []int32{1, 2}, Weights: []float64{1}}, ok, true},
		{"decreasing offsets", &Graph{Offsets: []int32{0, 2, 1, 2}, Targets: []int32{1, 2}, Weights: []float64{1, 1}}, ok, true},
		{"target too large", &Graph{Offsets: []int32{0, 1, 1, 1}, Targets: []int32{3}, Weights: []float64{1}}, ok, true},
		{"negative target", &Graph{Offsets: []int32{0, 1, 1, 1}, Targets: []int32{-1}, Weights: []float64{1}}, ok, true},
		{"self-loop", &Graph{Offsets: []int32{0, 1, 1, 1}, Targets: []int32{0}, Weights: []float64{1}}, ok, true},
		{"repeated edge", &Graph{Offsets: []int32{0, 2, 2, 2}, Targets: []int32{1, 1}, Weights: []float64{1, 1}}, ok, true},
		{"zero weight", &Graph{Offsets: []int32{0, 1, 1, 1}, Targets: []int32{1}, Weights: []float64{0}}, ok, true},
		{"negative weight", &Graph{Offsets: []int32{0, 1, 1, 1}, Targets: []int32{1}, Weights: []float64{-1}}, ok, true},
		{"NaN weight", &Graph{Offsets: []int32{0, 1, 1, 1}, Targets: []int32{1}, Weights: []float64{math.NaN()}}, ok, true},
		{"infinite weight", &Graph{Offsets: []int32{0, 1, 1, 1}, Targets: []int32{1}, Weights: []float64{math.Inf(1)}}, ok, true},
		{"group too short", &Graph{Offsets: []int32{0, 1, 1, 1}, Targets: []int32{1}, Weights: []float64{1}}, []int32{0, 0}, false},
	} {
		for _, fn := range funcs {
			if !tt.graph && (fn.name == "Constraint" || fn.name == "EffectiveSize") {
				continue // these take no group
			}
			t.Run(tt.name+"/"+fn.name, func(t *testing.T) {
				defer func() {
					r := recover()
					msg, _ := r.(string)
					if !strings.HasPrefix(msg, "brokerage: ") {
						t.Errorf("recovered %#v, want a panic starting \"brokerage: \"", r)
					}
				}()
				fn.f(tt.g, tt.group)
			})
		}
	}
}

// TestInputUnchanged checks that the functions leave the caller's slices
// alone.
func TestInputUnchanged(t *testing.T) {
	g := undirectedGraph(34, karateEdges)
	off := append([]int32(nil), g.Offsets...)
	tg := append([]int32(nil), g.Targets...)
	w := append([]float64(nil), g.Weights...)
	grp := append([]int32(nil), karateFaction...)
	Constraint(g)
	EffectiveSize(g)
	Participation(g, grp)
	Brokerage(g, grp, 0)
	for i := range off {
		if off[i] != g.Offsets[i] {
			t.Fatal("Offsets modified")
		}
	}
	for i := range tg {
		if tg[i] != g.Targets[i] || w[i] != g.Weights[i] {
			t.Fatal("Targets or Weights modified")
		}
	}
	for i := range grp {
		if grp[i] != karateFaction[i] {
			t.Fatal("group modified")
		}
	}
}
