package graph

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"time"

	multiplier "github.com/multiplier/multiplier"
)

// benchSizes are the organisation sizes the benchmarks run at.
var benchSizes = []int{100, 1000, 5000, 10000}

// synthetic holds one generated organisation, built once.
type synthetic struct {
	once sync.Once
	in   Input
	csr  *csr
}

var synth = map[int]*synthetic{}

func init() {
	for _, n := range benchSizes {
		synth[n] = &synthetic{}
	}
}

// org returns the synthetic organisation of n people (one of benchSizes),
// building it and its help graph on first use.
func org(n int) *synthetic {
	s := synth[n]
	s.once.Do(func() {
		s.in = synthOrg(n)
		t := newTally(s.in.People)
		t.addAll(s.in.Interactions, s.in.Period, DefaultSettings())
		s.csr = newCSR(newInfluence(t).helped)
	})
	return s
}

// synthOrg generates, from a fixed seed, an organisation of n people in
// teams of 8 over the first half of 2026. Each person gives 50–70 reviews
// (60 on average); 80% go to teammates in the team's repository, 20% to
// people of three neighbouring teams or one random team, in that team's
// repository. Turnaround is log-normal with a median of 6 h; comments
// 0–5. One review in 200 is of an external author. Each person also
// answers 40 chat threads, chosen like review authors: about 100
// interactions a person, 1M at 10 000 people.
func synthOrg(n int) Input {
	r := rand.New(rand.NewPCG(uint64(n), 2026))
	const size = 8
	teams := (n + size - 1) / size
	people := make([]multiplier.Person, n)
	for i := range people {
		people[i] = multiplier.Person{
			Email: fmt.Sprintf("e%05d@acme.io", i),
			Name:  fmt.Sprintf("Engineer %d", i),
			Team:  fmt.Sprintf("team-%04d", i/size),
		}
	}
	span := float64(180 * 24 * time.Hour)
	ins := make([]multiplier.Interaction, 0, n*100)
	for i := range n {
		for range 50 + r.IntN(21) {
			author := synthAuthor(r, i, n, teams, size)
			to := people[author].Email
			if r.IntN(200) == 0 {
				to = fmt.Sprintf("contractor%d@vendor.example", r.IntN(20))
			}
			at := half.From.Add(time.Duration(r.Float64() * span))
			latency := time.Duration(math.Exp(math.Log(6)+r.NormFloat64()) * float64(time.Hour))
			ins = append(ins, multiplier.Interaction{
				Kind: multiplier.KindReview, From: people[i].Email, To: to,
				At: at, Requested: at.Add(-latency),
				Context: "acme/" + people[author].Team, Ref: strconv.Itoa(r.IntN(40)),
				State: "APPROVED", Comments: r.IntN(6),
			})
		}
		for range 40 {
			asker := synthAuthor(r, i, n, teams, size)
			at := half.From.Add(time.Duration(r.Float64() * span))
			ins = append(ins, multiplier.Interaction{
				Kind: multiplier.KindThread, From: people[i].Email, To: people[asker].Email,
				At: at, Requested: at.Add(-time.Hour), Weight: 1, Context: "help-" + people[asker].Team,
			})
		}
	}
	return Input{People: people, Interactions: ins, Period: half}
}

// synthAuthor picks the author reviewer i reviews: a teammate 80% of the
// time, else someone in a neighbouring or random team.
func synthAuthor(r *rand.Rand, i, n, teams, size int) int {
	team := i / size
	for {
		t := team
		if r.Float64() < 0.2 || teams == 1 {
			switch k := r.IntN(4); k {
			case 3:
				t = r.IntN(teams)
			default:
				t = (team + 1 + k) % teams
			}
		}
		a := t*size + r.IntN(size)
		if a < n && a != i {
			return a
		}
	}
}

func BenchmarkAnalyze(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("people=%d", n), func(b *testing.B) {
			in := org(n).in
			b.ReportAllocs()
			for b.Loop() {
				r, err := Analyze(context.Background(), in, DefaultSettings(), nil)
				if err != nil {
					b.Fatal(err)
				}
				if len(r.People) != n || r.Org.Reviews == 0 {
					b.Fatalf("%d people, %d reviews", len(r.People), r.Org.Reviews)
				}
			}
		})
	}
}

func BenchmarkBetweenness(b *testing.B) {
	for _, n := range benchSizes[1:3] {
		b.Run(fmt.Sprintf("people=%d", n), func(b *testing.B) {
			g := org(n).csr
			b.ReportAllocs()
			for b.Loop() {
				bc, err := betweenness(context.Background(), g, nil, nil)
				if err != nil {
					b.Fatal(err)
				}
				if sum(bc) == 0 {
					b.Fatal("no betweenness")
				}
			}
		})
	}
}

func BenchmarkPageRank(b *testing.B) {
	for _, n := range benchSizes[1:] {
		b.Run(fmt.Sprintf("people=%d", n), func(b *testing.B) {
			s := org(n)
			t := newTally(s.in.People)
			t.addAll(s.in.Interactions, s.in.Period, DefaultSettings())
			net := newInfluence(t)
			b.ReportAllocs()
			for b.Loop() {
				if sum(pageRank(net.reliance, DefaultSettings())) < 0.99 {
					b.Fatal("ranks do not sum to 1")
				}
			}
		})
	}
}
