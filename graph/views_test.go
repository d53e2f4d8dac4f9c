package graph

import (
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	multiplier "github.com/multiplier/multiplier"
)

// viewsInput is a hand-worked five-person org for the views on a Result:
// teams A (a, b) and B (c, d), e without a team, z an external key.
// Reviews weigh 1 each (no comments) but c→d's, which has 5 comments:
// 1 + 5 × 0.1 = 1.5. c answers one of a's chat threads: 0.5, no review.
//
//	a→b 3 reviews in r1 (latencies 2, 4, 6 h)   b→a 1 in r1 (8 h)
//	a→c 2 reviews in r1                         c→d 1 in r2, 5 comments
//	a→z 1 review  in r3                         d→a 1 in r2
//	e→a 1 review  in r1                         c→a 1 thread reply
//
// Help given: a 3 + 2 + 1 = 6, b 1, c 1.5 + 0.5 = 2, d 1, e 1; total 11.
func viewsInput() Input {
	at := half.From.Add(30 * 24 * time.Hour)
	seq := 0
	rev := func(from, to, repo string, comments int, latency float64) multiplier.Interaction {
		seq++
		in := multiplier.Interaction{Kind: multiplier.KindReview, From: from, To: to, At: at,
			Context: repo, Ref: fmt.Sprint(seq), Comments: comments}
		if latency > 0 {
			in.Requested = at.Add(-time.Duration(latency * float64(time.Hour)))
		}
		return in
	}
	return Input{
		People: []multiplier.Person{
			{Email: "a", Team: "A"}, {Email: "b", Team: "a"}, // one team, two spellings
			{Email: "c", Team: "B"}, {Email: "d", Team: "B"}, {Email: "e"},
			{Email: "a", Team: "B"}, // listed twice: the first team counts
		},
		Interactions: []multiplier.Interaction{
			rev("a", "b", "r1", 0, 2), rev("a", "b", "r1", 0, 4), rev("a", "b", "r1", 0, 6),
			rev("a", "c", "r1", 0, 0), rev("a", "c", "r1", 0, 0),
			rev("a", "z", "r3", 0, 0),
			rev("b", "a", "r1", 0, 8),
			rev("c", "d", "r2", 5, 0),
			rev("d", "a", "r2", 0, 0),
			rev("e", "a", "r1", 0, 0),
			{Kind: multiplier.KindThread, From: "c", To: "a", At: at, Weight: 1},
		},
		Period: half,
	}
}

func TestEdges(t *testing.T) {
	r := analyze(t, viewsInput())
	want := []Edge{
		{"a", "b", 3, 3}, {"a", "c", 2, 2}, {"a", "z", 1, 1},
		{"b", "a", 1, 1},
		{"c", "a", 0.5, 0}, {"c", "d", 1.5, 1},
		{"d", "a", 1, 1},
		{"e", "a", 1, 1},
	}
	if len(r.Edges) != len(want) {
		t.Fatalf("edges %v, want %v", r.Edges, want)
	}
	for i, e := range r.Edges {
		w := want[i]
		if e.From != w.From || e.To != w.To || e.Reviews != w.Reviews || math.Abs(e.Weight-w.Weight) > 1e-12 {
			t.Errorf("edge %d: %+v, want %+v", i, e, w)
		}
	}
}

func TestRepoShares(t *testing.T) {
	r := analyze(t, viewsInput())
	// r1: a gave 5 of its 7 reviews, b and e 1 each (tie: by key).
	// r2: c and d 1 each of 2 (tie: c first); d also authored a change,
	// so d's 2 of the 4 reviews and changes make its bus factor 1.
	// r3: a alone.
	want := []Repo{
		{Name: "r1", Reviews: 7, TopReviewer: "a", TopShare: 5.0 / 7, Reviewers: 3, BusFactor: 1,
			Shares: []Share{{"a", 5, 5.0 / 7}, {"b", 1, 1.0 / 7}, {"e", 1, 1.0 / 7}}},
		{Name: "r2", Reviews: 2, TopReviewer: "c", TopShare: 0.5, Reviewers: 2, BusFactor: 1,
			Shares: []Share{{"c", 1, 0.5}, {"d", 1, 0.5}}},
		{Name: "r3", Reviews: 1, TopReviewer: "a", TopShare: 1, Reviewers: 1, BusFactor: 1,
			Shares: []Share{{"a", 1, 1}}},
	}
	if !reflect.DeepEqual(r.Repos, want) {
		t.Errorf("repos\n %+v, want\n %+v", r.Repos, want)
	}
	for _, repo := range r.Repos {
		if repo.Reviewers != len(repo.Shares) || repo.Shares[0].Key != repo.TopReviewer {
			t.Errorf("%s: %d reviewers, %d shares, top %s, first share %s",
				repo.Name, repo.Reviewers, len(repo.Shares), repo.TopReviewer, repo.Shares[0].Key)
		}
	}
}

func TestTeamFlows(t *testing.T) {
	f := analyze(t, viewsInput()).TeamFlows()
	// e (no team) and z (external) are left out. A→A: a→b 3 + b→a 1;
	// A→B: a→c 2; B→A: d→a 1 + c→a 0.5; B→B: c→d 1.5.
	if want := []string{"A", "B"}; !reflect.DeepEqual(f.Teams, want) {
		t.Fatalf("teams %q, want %q", f.Teams, want)
	}
	wantWeight := [][]float64{{4, 2}, {1.5, 1.5}}
	for i := range wantWeight {
		for j := range wantWeight[i] {
			if math.Abs(f.Weight[i][j]-wantWeight[i][j]) > 1e-12 {
				t.Errorf("weight %s→%s %v, want %v", f.Teams[i], f.Teams[j], f.Weight[i][j], wantWeight[i][j])
			}
		}
	}
	tests := []struct {
		name string
		i, j int
		want []Carrier
	}{
		{"inside A", 0, 0, []Carrier{{"a", 3}, {"b", 1}}},
		{"A to B", 0, 1, []Carrier{{"a", 2}}},
		{"B to A", 1, 0, []Carrier{{"d", 1}, {"c", 0.5}}},
		{"inside B", 1, 1, []Carrier{{"c", 1.5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Carriers(tt.i, tt.j)
			if len(got) != len(tt.want) {
				t.Fatalf("carriers %v, want %v", got, tt.want)
			}
			for k := range got {
				if got[k].Key != tt.want[k].Key || math.Abs(got[k].Weight-tt.want[k].Weight) > 1e-12 {
					t.Errorf("carriers %v, want %v", got, tt.want)
				}
			}
		})
	}
	t.Run("out of range panics", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("Carriers(2, 0) did not panic")
			}
		}()
		f.Carriers(2, 0)
	})
	t.Run("no teams", func(t *testing.T) {
		f := (&Result{}).TeamFlows()
		if len(f.Teams) != 0 || len(f.Weight) != 0 {
			t.Errorf("flows %+v of an empty result", f)
		}
	})
}

func TestHelpConcentration(t *testing.T) {
	r := analyze(t, viewsInput())
	// Five roster people (a listed twice counts once) gave 6, 2, 1, 1, 1
	// of 11.
	tests := []struct {
		name string
		top  float64
		want float64
	}{
		{"top 5% is at least one person", 0.05, 6.0 / 11},
		{"none asked is still one", 0, 6.0 / 11},
		{"a fifth is exactly one", 0.2, 6.0 / 11},
		{"a quarter rounds up to two", 0.25, 8.0 / 11},
		{"top 40%", 0.4, 8.0 / 11},
		{"everyone", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.HelpConcentration(tt.top); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("HelpConcentration(%v) = %v, want %v", tt.top, got, tt.want)
			}
		})
	}
	if got := (&Result{}).HelpConcentration(0.05); got != 0 {
		t.Errorf("no help: %v, want 0", got)
	}
	for _, bad := range []float64{-0.1, 1.5, math.NaN()} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("HelpConcentration(%v) did not panic", bad)
				}
			}()
			r.HelpConcentration(bad)
		}()
	}
}

func TestMedians(t *testing.T) {
	r := analyze(t, viewsInput())
	// Reviews given: a 6, b 1, c 1, d 1, e 1; received: a 3, b 3, c 2,
	// d 1, e 0. Turnaround is known for a (2, 4, 6 h: median 4) and b
	// (8 h) only, so team B has none. Partners (either direction): a has
	// b, c, d, e and z (5), b 1, c 2 (a, d), d 2 (c, a), e 1.
	tests := []struct {
		name    string
		team    string
		want    map[string]float64 // a subset of the keys
		missing []string           // keys with no known value
	}{
		{"team A", "A", map[string]float64{
			"reviews_given": 3.5, "median_turnaround_hours": 6, "partners": 3,
		}, nil},
		{"team spelled otherwise", "  a ", map[string]float64{"reviews_given": 3.5}, nil},
		{"team B", "B", map[string]float64{
			"reviews_given": 1, "partners": 2, "reviews_received": 1.5,
		}, []string{"median_turnaround_hours", "turnaround_vs_org", "turnaround_vs_team"}},
		{"organisation", "", map[string]float64{
			"reviews_given": 1, "median_turnaround_hours": 6, "partners": 2,
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Medians(tt.team)
			for k, w := range tt.want {
				if v, ok := got[k]; !ok || math.Abs(v-w) > 1e-12 {
					t.Errorf("%s: %v (present %v), want %v", k, v, ok, w)
				}
			}
			for _, k := range tt.missing {
				if v, ok := got[k]; ok {
					t.Errorf("%s: %v, want absent", k, v)
				}
			}
			if len(tt.missing) == 0 && len(got) != len(Metrics{}.Scores()) {
				t.Errorf("%d keys, want all %d", len(got), len(Metrics{}.Scores()))
			}
		})
	}
	if got := r.Medians("no such team"); len(got) != 0 {
		t.Errorf("unknown team: %v, want empty", got)
	}
}
