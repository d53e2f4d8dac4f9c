package brokerage

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

// benchInput is a synthetic influence graph: teams of 8–12 people (mean 10;
// a team of 8 has only 7 possible in-team targets, so mean 10 is what makes
// 80% of 10 distinct out-edges possible), each person with 10 distinct
// out-edges, 8 of them inside the team (7 in a team of 8) and the rest to
// random people elsewhere, with weights in [1, 5). At 10 000 nodes that is
// 100 000 edges, ~78% inside teams.
type benchInput struct {
	g     *Graph
	group []int32
}

var (
	benchSizes = []int{1_000, 5_000, 10_000}
	benchOnce  sync.Once
	benchData  map[int]benchInput
)

func benchInputs() map[int]benchInput {
	benchOnce.Do(func() {
		benchData = make(map[int]benchInput)
		for _, n := range benchSizes {
			benchData[n] = makeBenchInput(n, 1)
		}
	})
	return benchData
}

func makeBenchInput(n int, seed uint64) benchInput {
	rng := rand.New(rand.NewPCG(seed, uint64(n)))
	group := make([]int32, n)
	var teams [][2]int // [start, end) of each team
	for start, t := 0, int32(0); start < n; t++ {
		end := min(start+8+rng.IntN(5), n)
		teams = append(teams, [2]int{start, end})
		for i := start; i < end; i++ {
			group[i] = t
		}
		start = end
	}
	g := &Graph{Offsets: make([]int32, n+1)}
	seen := make([]int, n) // seen[v] = u+1 if u→v already drawn
	for _, tm := range teams {
		size := tm[1] - tm[0]
		inside := min(8, size-1)
		for u := tm[0]; u < tm[1]; u++ {
			add := func(v int) {
				seen[v] = u + 1
				g.Targets = append(g.Targets, int32(v))
				g.Weights = append(g.Weights, 1+4*rng.Float64())
			}
			for _, k := range rng.Perm(size - 1)[:inside] {
				v := tm[0] + k
				if v >= u {
					v++ // skip u itself
				}
				add(v)
			}
			for k := inside; k < 10 && size < n; {
				v := rng.IntN(n)
				if group[v] == group[u] || seen[v] == u+1 {
					continue
				}
				add(v)
				k++
			}
			g.Offsets[u+1] = int32(len(g.Targets))
		}
	}
	return benchInput{g: g, group: group}
}

func benchFloats(b *testing.B, f func(*Graph, []int32) []float64) {
	for _, n := range benchSizes {
		in := benchInputs()[n]
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var out []float64
			for b.Loop() {
				out = f(in.g, in.group)
			}
			if len(out) != n || math.IsNaN(out[0]) {
				b.Fatalf("bad result: len %d, out[0] = %v", len(out), out[0])
			}
		})
	}
}

func BenchmarkConstraint(b *testing.B) {
	benchFloats(b, func(g *Graph, _ []int32) []float64 { return Constraint(g) })
}

func BenchmarkEffectiveSize(b *testing.B) {
	benchFloats(b, func(g *Graph, _ []int32) []float64 { return EffectiveSize(g) })
}

func BenchmarkParticipation(b *testing.B) {
	benchFloats(b, Participation)
}

func BenchmarkBrokerage(b *testing.B) {
	for _, n := range benchSizes {
		in := benchInputs()[n]
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var out []Roles
			for b.Loop() {
				out = Brokerage(in.g, in.group, 0)
			}
			total := 0
			for _, r := range out {
				total += r.Total()
			}
			if len(out) != n || total == 0 {
				b.Fatalf("bad result: len %d, total %d", len(out), total)
			}
		})
	}
}

// TestBenchInput checks the benchmark generator makes what it claims and
// that all four functions accept it.
func TestBenchInput(t *testing.T) {
	in := makeBenchInput(10_000, 1)
	in.g.validate()
	inside := 0
	for u := range in.g.N() {
		for _, v := range in.g.Targets[in.g.Offsets[u]:in.g.Offsets[u+1]] {
			if in.group[v] == in.group[u] {
				inside++
			}
		}
	}
	m := len(in.g.Targets)
	if m < 95_000 || m > 100_000 {
		t.Errorf("edges = %d, want ~100 000", m)
	}
	if f := float64(inside) / float64(m); f < 0.7 || f > 0.85 {
		t.Errorf("inside-team fraction = %.2f, want ~0.8", f)
	}
	t.Logf("n = 10 000: %d edges, %.1f%% inside teams", m, 100*float64(inside)/float64(m))
}
