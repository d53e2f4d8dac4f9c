package layout

import (
	"context"
	"fmt"
	"math"
	"sync"
	"testing"
)

// benchSizes are the node counts the benchmarks run at; edges are about
// 20 a node (see synthGraph).
var benchSizes = []int{500, 2000, 10000}

var (
	benchOnce   sync.Once
	benchGraphs map[int]Graph
)

// benchGraph returns the synthetic graph of n nodes, built once.
func benchGraph(n int) Graph {
	benchOnce.Do(func() {
		benchGraphs = make(map[int]Graph, len(benchSizes))
		for _, n := range benchSizes {
			benchGraphs[n] = synthGraph(n, 1)
		}
	})
	return benchGraphs[n]
}

func BenchmarkForce(b *testing.B) {
	for _, n := range benchSizes {
		g := benchGraph(n)
		b.Run(fmt.Sprintf("nodes=%d/edges=%d", n, len(g.Edges)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				pts, err := Force(context.Background(), g, Options{}, nil)
				if err != nil {
					b.Fatal(err)
				}
				if len(pts) != n || math.IsNaN(pts[n-1].X) {
					b.Fatalf("%d points, last %v", len(pts), pts[len(pts)-1])
				}
			}
		})
	}
}
