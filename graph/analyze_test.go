package graph

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	multiplier "github.com/multiplier/multiplier"
)

// day returns midnight UTC of a 2026 date.
func day(month time.Month, d int) time.Time {
	return time.Date(2026, month, d, 0, 0, 0, 0, time.UTC)
}

// half is the first half of 2026: 181 days, 4344 hours.
var half = multiplier.Period{From: day(time.January, 1), To: day(time.June, 30)}

// testOrg builds an input by hand: people and the reviews between them.
type testOrg struct {
	people []multiplier.Person
	ins    []multiplier.Interaction
	seq    int
}

// baseOrg returns teams "Team 1".."Team <teams>" of size people each,
// p<t>-<i>@acme.io, where everyone gives 20 reviews to teammates in the
// team's repository acme/team-<t>, with latencies 3, 4 and 5 hours in turn
// (so the organisation's median turnaround is 4 h), and so every base
// person gives 20 reviews and authors 20 changes: the medians are 20.
func baseOrg(teams, size int) *testOrg {
	o := &testOrg{}
	for t := 1; t <= teams; t++ {
		for i := 1; i <= size; i++ {
			o.person(base(t, i), t)
		}
	}
	for t := 1; t <= teams; t++ {
		for i := 1; i <= size; i++ {
			for k := range 20 {
				author := (i-1+1+k%(size-1))%size + 1 // the size−1 others in turn
				o.review(base(t, i), base(t, author), fmt.Sprintf("acme/team-%d", t), float64(3+k%3))
			}
		}
	}
	return o
}

// base names person i of team t.
func base(t, i int) string { return fmt.Sprintf("p%d-%d@acme.io", t, i) }

// team names team t.
func team(t int) string { return fmt.Sprintf("Team %d", t) }

// person adds a roster person to team t (0 for no team).
func (o *testOrg) person(email string, t int) {
	p := multiplier.Person{Email: email, Name: email}
	if t > 0 {
		p.Team = team(t)
	}
	o.people = append(o.people, p)
}

// review adds one review of a new change of author's, latency hours after
// the request (negative: request time unknown). Reviews are spread over
// the first half of 2026.
func (o *testOrg) review(reviewer, author, repo string, latency float64) {
	o.seq++
	at := half.From.Add(time.Duration(o.seq*37%(180*24*60)) * time.Minute).Add(12 * time.Hour)
	in := multiplier.Interaction{
		Kind: multiplier.KindReview, From: reviewer, To: author, At: at,
		Context: repo, Ref: fmt.Sprint(o.seq), State: "APPROVED",
	}
	if latency >= 0 {
		in.Requested = at.Add(-time.Duration(latency * float64(time.Hour)))
	}
	o.ins = append(o.ins, in)
}

// reviews adds n reviews by reviewer of author's changes.
func (o *testOrg) reviews(n int, reviewer, author, repo string, latency float64) {
	for range n {
		o.review(reviewer, author, repo, latency)
	}
}

func (o *testOrg) input() Input {
	return Input{People: o.people, Interactions: o.ins, Period: half}
}

// analyze runs Analyze with default settings and fails the test on error.
func analyze(t *testing.T, in Input) *Result {
	t.Helper()
	r, err := Analyze(context.Background(), in, DefaultSettings(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.People) != len(in.People) {
		t.Fatalf("%d people in result, %d in roster", len(r.People), len(in.People))
	}
	return r
}

// find returns email's result.
func find(t *testing.T, r *Result, email string) PersonResult {
	t.Helper()
	for _, p := range r.People {
		if p.Person.Email == email {
			return p
		}
	}
	t.Fatalf("%s not in result", email)
	return PersonResult{}
}

// said reports whether some evidence for role contains text.
func said(p PersonResult, role Role, text string) bool {
	for _, e := range p.Evidence {
		if e.Role == role && strings.Contains(e.Text, text) {
			return true
		}
	}
	return false
}

// TestRoles checks the role of one person added to a baseline org of
// 7 teams of 6, where nobody has a role (checked in "baseline").
func TestRoles(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(o *testOrg) // adds the subject, x@acme.io
		want    []Role
		mention []Evidence // evidence that must appear (substring)
	}{
		{
			name: "baseline",
			setup: func(o *testOrg) {
				o.person("x@acme.io", 1)
				o.reviews(20, "x@acme.io", base(1, 1), "acme/team-1", 4)
				o.reviews(20, base(1, 2), "x@acme.io", "acme/team-1", 4)
			},
			want: nil,
		},
		{
			// 10 in-team and 30 cross-team reviews (10 each to teams
			// 2–4) at 2 h against the org's 4 h; gives 40, receives 5.
			name: "fast cross-team reviewer is a multiplier",
			setup: func(o *testOrg) {
				o.person("x@acme.io", 1)
				o.reviews(10, "x@acme.io", base(1, 1), "acme/team-1", 2)
				for tm := 2; tm <= 4; tm++ {
					o.reviews(10, "x@acme.io", base(tm, 1), fmt.Sprintf("acme/team-%d", tm), 2)
				}
				o.reviews(5, base(1, 2), "x@acme.io", "acme/team-1", 4)
			},
			want: []Role{RoleMultiplier},
			mention: []Evidence{
				{RoleMultiplier, "Gave 30 reviews outside Team 1, 3 or more to each of 3 other teams (75% of their reviews)."},
				{RoleMultiplier, "Median review turnaround 2.0 h against the organisation's 4.0 h."},
				{RoleMultiplier, "Gave 40 reviews, received 5."},
			},
		},
		{
			// 10 reviews to each of teams 2–7 in acme/shared-lib at 40 h;
			// others do 10 more there, so the share is 60/70 = 86%.
			name: "slow shared-library gatekeeper reaching 6 teams is a bottleneck",
			setup: func(o *testOrg) {
				o.person("x@acme.io", 1)
				sharedLib(o, 40)
			},
			want: []Role{RoleBottleneck},
			mention: []Evidence{
				{RoleBottleneck, "Median review turnaround 40.0 h, 10.0× the organisation's 4.0 h."},
				{RoleBottleneck, "Did 86% of the 70 reviews in acme/shared-lib (top reviewer)."},
				{RoleBottleneck, "Reviews for 6 other teams, but at this turnaround that reach is a queue"},
			},
		},
		{
			// The same reach at 2 h: the turnaround alone decides.
			name: "fast shared-library reviewer reaching 6 teams is a multiplier",
			setup: func(o *testOrg) {
				o.person("x@acme.io", 1)
				sharedLib(o, 2)
			},
			want: []Role{RoleMultiplier},
		},
		{
			// 60 reviews in the own team's repository at 80 h: slow, and
			// 60 × 80 h / 4344 h = 1.10 reviews wait at once, but they
			// reviewed only 60 of team 4's 180 changes (33%) and 33% of
			// acme/team-4's reviews: authors route around them, so the
			// work does not concentrate on them.
			name: "slow in-team reviewer with a queue but no concentration is not a bottleneck",
			setup: func(o *testOrg) {
				o.person("x@acme.io", 4)
				for i := 1; i <= 6; i++ {
					o.reviews(10, "x@acme.io", base(4, i), "acme/team-4", 80)
				}
			},
			want: nil,
		},
		{
			// 25 reviews for each of team 4's six authors at 30 h, in an
			// export without a repository column (so no repository share):
			// team 4 authored 120 + 150 changes and x reviewed 150/270 =
			// 56% of them.
			name: "slow reviewer of most of a team's changes is a bottleneck without repositories",
			setup: func(o *testOrg) {
				o.person("x@acme.io", 4)
				for i := 1; i <= 6; i++ {
					o.reviews(25, "x@acme.io", base(4, i), "", 30)
				}
			},
			want: []Role{RoleBottleneck},
			mention: []Evidence{
				{RoleBottleneck, "Reviewed 56% of the 270 changes that Team 4 authored."},
			},
		},
		{
			// The fast cross-team reviewer above, but an engineering
			// manager: people managers are not labelled as ICs.
			name: "a manager reviewing across teams gets no IC role",
			setup: func(o *testOrg) {
				o.person("x@acme.io", 1)
				o.people[len(o.people)-1].Title = "Engineering Manager"
				o.reviews(10, "x@acme.io", base(1, 1), "acme/team-1", 2)
				for tm := 2; tm <= 4; tm++ {
					o.reviews(10, "x@acme.io", base(tm, 1), fmt.Sprintf("acme/team-%d", tm), 2)
				}
			},
			want: []Role{},
			mention: []Evidence{
				{"", "People manager: not labelled with individual-contributor roles"},
			},
		},
		{
			// 12 reviews at 20 h: slow and in the top decile of load,
			// but 12 × 20 / 4344 = 0.055 is below MinWaitingLoad.
			name: "slow occasional reviewer is not a bottleneck",
			setup: func(o *testOrg) {
				o.person("x@acme.io", 4)
				o.reviews(12, "x@acme.io", base(4, 1), "acme/team-4", 20)
			},
			want: nil,
		},
		{
			// Authors 40 changes (org median 20), gives 2 reviews.
			name: "high-output low-help author is a solo contributor",
			setup: func(o *testOrg) {
				o.person("x@acme.io", 2)
				for i := 1; i <= 5; i++ {
					o.reviews(8, base(2, i), "x@acme.io", "acme/team-2", 4)
				}
				o.reviews(2, "x@acme.io", base(2, 1), "acme/team-2", 4)
			},
			want: []Role{RoleSolo},
			mention: []Evidence{
				{RoleSolo, "Authored 40 changes (org median 20) but gave 2 reviews (org median 20)."},
			},
		},
		{
			// 60 reviews, all inside Team 3, at 1 h: fast and busy, but
			// no cross-team reach.
			name: "fast in-team reviewer has no role",
			setup: func(o *testOrg) {
				o.person("x@acme.io", 3)
				for i := 1; i <= 6; i++ {
					o.reviews(10, "x@acme.io", base(3, i), "acme/team-3", 1)
				}
			},
			want: nil,
			mention: []Evidence{
				{"", "0% of their reviews went outside Team 3; no other team got 3 or more."},
				{"", "Median review turnaround 1.0 h (organisation 4.0 h)."},
			},
		},
		{
			// Cross-team and fast, but receives more than gives.
			name: "cross-team reviewer who takes more than gives is not a multiplier",
			setup: func(o *testOrg) {
				o.person("x@acme.io", 1)
				for tm := 2; tm <= 4; tm++ {
					o.reviews(10, "x@acme.io", base(tm, 1), fmt.Sprintf("acme/team-%d", tm), 2)
				}
				for i := 1; i <= 5; i++ {
					o.reviews(8, base(1, i), "x@acme.io", "acme/team-1", 4)
				}
			},
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOrg(7, 6)
			tt.setup(o)
			r := analyze(t, o.input())
			x := find(t, r, "x@acme.io")
			// These cases are about the review roles; connector and
			// peripheral, which rank people against each other, have
			// their own tests.
			if got := reviewRoles(x.Roles); !slices.Equal(got, tt.want) {
				t.Errorf("roles %v, want %v\nmetrics %+v\norg %+v\nevidence %v", x.Roles, tt.want, x.Metrics, r.Org, x.Evidence)
			}
			for _, e := range tt.mention {
				if !said(x, e.Role, e.Text) {
					t.Errorf("no %q evidence containing %q in %v", e.Role, e.Text, x.Evidence)
				}
			}
			for _, p := range r.People {
				if p.Person.Email != "x@acme.io" && len(reviewRoles(p.Roles)) > 0 {
					t.Errorf("base person %s got roles %v", p.Person.Email, p.Roles)
				}
			}
		})
	}
}

// sharedLib makes x@acme.io review 10 changes of each of teams 2–7 in
// acme/shared-lib at the given latency, and base people 10 more there.
func sharedLib(o *testOrg, latency float64) {
	for tm := 2; tm <= 7; tm++ {
		o.reviews(10, "x@acme.io", base(tm, 1), "acme/shared-lib", latency)
	}
	o.reviews(10, base(2, 2), base(3, 2), "acme/shared-lib", 4)
}

// TestMetricsHandWorked checks every metric on a three-person input
// worked out by hand.
//
//	alice (A) reviews bob (A) twice in r1, at 2 h and 4 h;
//	alice reviews carol (B) twice on one change in r2, at 6 h with 20
//	  comments (weight 1 + 0.1×10 = 2) and at 10 h (weight 1);
//	bob reviews alice in r1 (request time unknown);
//	carol reviews alice in r2 at 1 h.
//
// The period is 10 days, 240 hours.
func TestMetricsHandWorked(t *testing.T) {
	period := multiplier.Period{From: day(time.March, 1), To: day(time.March, 10)}
	at := day(time.March, 5).Add(12 * time.Hour)
	rev := func(from, to, repo, ref string, latency float64, comments int) multiplier.Interaction {
		in := multiplier.Interaction{Kind: multiplier.KindReview, From: from, To: to, At: at,
			Context: repo, Ref: ref, Comments: comments}
		if latency >= 0 {
			in.Requested = at.Add(-time.Duration(latency * float64(time.Hour)))
		}
		return in
	}
	in := Input{
		People: []multiplier.Person{
			{Email: "alice", Team: "A"}, {Email: "bob", Team: "a "}, {Email: "carol", Team: "B"},
		},
		Interactions: []multiplier.Interaction{
			rev("alice", "bob", "r1", "1", 2, 0),
			rev("alice", "bob", "r1", "2", 4, 0),
			rev("alice", "carol", "r2", "3", 6, 20),
			rev("alice", "carol", "r2", "3", 10, 0),
			rev("bob", "alice", "r1", "4", -1, 0),
			rev("carol", "alice", "r2", "5", 1, 0),
		},
		Period: period,
	}
	s := DefaultSettings()
	s.MinRepoReviews = 3
	r, err := Analyze(context.Background(), in, s, nil)
	if err != nil {
		t.Fatal(err)
	}

	// Org turnaround: median of 2, 4, 6, 10, 1 = 4 h. Reviews given 4, 1,
	// 1: median 1. Changes 2, 2, 1: median 2. Teams "A" and "a " are one.
	// Team A (alice, bob) authored 4 reviewed changes: alice reviewed 2,
	// bob and carol 1 each; team B authored 1, below MinRepoReviews.
	// Partners: alice 2, bob 1, carol 1 (median 1). Betweenness 1, 0, 0:
	// the 90th percentile interpolates 0 + 0.8 × (1 − 0) = 0.8.
	wantOrg := Org{People: 3, Teams: 2, Reviews: 6, MedianTurnaroundHours: 4,
		MedianReviewsGiven: 1, MedianChangesAuthored: 2, BetweennessThreshold: 0.8, MedianPartners: 1}
	gotOrg := r.Org
	gotOrg.WaitingLoadThreshold = 0
	if gotOrg != wantOrg {
		t.Errorf("org %+v, want %+v", gotOrg, wantOrg)
	}

	// Betweenness: of 6 ordered pairs, (bob, carol) and (carol, bob)
	// both go through alice; normalised by (3−1)(3−2) = 2, alice has 1.
	//
	// Ties (both directions added): alice–bob 1 + 1 + 1 = 3 (no
	// comments), alice–carol 2 (20 comments, capped at 10) + 1 + 1 = 4.
	// alice: constraint (3/7)² + (4/7)² = 25/49, effective size 2 (bob and
	// carol are not tied), participation 1 − (3/7)² − (4/7)² = 24/49;
	// bob→alice→carol makes her a representative (A, A, B) and
	// carol→alice→bob a gatekeeper (B, A, A). bob and carol have one
	// neighbour each: constraint 1, effective size 1, participation 0.
	//
	// Every review is given at the same moment, so alice's four requests
	// (2, 4, 6 and 10 h before) are all pending just before it: queue 4,
	// 22 waiting hours. Team A's reviews are all alice's: her turnaround
	// is the team's (1×); carol is team B alone. alice–carol is the only
	// A–B tie, so each of them is the link. No repository has a single
	// reviewer at ≥ 20%: bob and carol each hold 1 of 3.
	want := map[string]Metrics{
		"alice": {ReviewsGiven: 4, ReviewsReceived: 2, ChangesAuthored: 2, AuthorsHelped: 2,
			CrossTeamShare: 0.5, TeamsHelped: 0, MedianTurnaroundHours: 5, TurnaroundVsOrg: 1.25,
			GatekeeperShare: 2.0 / 3, GatekeeperRepo: "r1", WaitingLoad: 22.0 / 240, Betweenness: 1,
			CrossTeamReviews: 2,
			TeamShare:        0.5, TeamShareTeam: "A",
			Partners: 2, PartnerTeams: 1, Constraint: 25.0 / 49, EffectiveSize: 2, Participation: 24.0 / 49,
			Brokerage:    BrokerageRoles{Representative: 1, Gatekeeper: 1},
			WaitingHours: 22, MaxQueue: 4, TurnaroundVsTeam: 1, OnlyLinkFor: []string{"A – B"}},
		"bob": {ReviewsGiven: 1, ReviewsReceived: 2, ChangesAuthored: 2, AuthorsHelped: 1,
			MedianTurnaroundHours: -1, GatekeeperShare: 1.0 / 3, GatekeeperRepo: "r1",
			TeamShare: 0.25, TeamShareTeam: "A", Partners: 1, Constraint: 1, EffectiveSize: 1},
		"carol": {ReviewsGiven: 1, ReviewsReceived: 2, ChangesAuthored: 1, AuthorsHelped: 1,
			CrossTeamShare: 1, MedianTurnaroundHours: 1, TurnaroundVsOrg: 0.25,
			GatekeeperShare: 1.0 / 3, GatekeeperRepo: "r2", WaitingLoad: 1.0 / 240, CrossTeamReviews: 1,
			TeamShare: 0.25, TeamShareTeam: "A", Partners: 1, PartnerTeams: 1, Constraint: 1, EffectiveSize: 1,
			WaitingHours: 1, MaxQueue: 1, TurnaroundVsTeam: 1, OnlyLinkFor: []string{"A – B"}},
	}
	for _, p := range r.People {
		got, w := p.Metrics, want[p.Person.Email]
		got.PageRank, w.PageRank = 0, 0
		if !closeMetrics(got, w) {
			t.Errorf("%s: metrics\n %+v, want\n %+v", p.Person.Email, got, w)
		}
	}
	// alice is the one everyone relies on: most PageRank.
	pr := func(i int) float64 { return r.People[i].Metrics.PageRank }
	if !(pr(0) > pr(1) && pr(0) > pr(2)) || math.Abs(pr(0)+pr(1)+pr(2)-1) > 1e-6 {
		t.Errorf("PageRank alice %v, bob %v, carol %v: want alice highest, sum 1", pr(0), pr(1), pr(2))
	}

	wantRepos := []Repo{
		{Name: "r1", Reviews: 3, TopReviewer: "alice", TopShare: 2.0 / 3, Reviewers: 2, BusFactor: 1,
			Shares: []Share{{"alice", 2, 2.0 / 3}, {"bob", 1, 1.0 / 3}}},
		{Name: "r2", Reviews: 3, TopReviewer: "alice", TopShare: 2.0 / 3, Reviewers: 2, BusFactor: 1,
			Shares: []Share{{"alice", 2, 2.0 / 3}, {"carol", 1, 1.0 / 3}}},
	}
	if !reflect.DeepEqual(r.Repos, wantRepos) {
		t.Errorf("repos %+v, want %+v", r.Repos, wantRepos)
	}
}

// closeMetrics compares metrics, floats within 1e-12.
func closeMetrics(a, b Metrics) bool {
	sa, sb := a.Scores(), b.Scores()
	for k, x := range sa {
		if math.Abs(x-sb[k]) > 1e-12 {
			return false
		}
	}
	return a.GatekeeperRepo == b.GatekeeperRepo
}

// TestPeriodAndExternals checks what Analyze keeps and how it reports
// people outside the roster.
func TestPeriodAndExternals(t *testing.T) {
	roster := []multiplier.Person{
		{Email: "ann", Team: "A"}, {Email: "ben", Team: "A"}, {Email: "cat", Team: "B"},
		{Email: "dan", Team: "C"},
	}
	at := func(m time.Month, d int) time.Time { return day(m, d).Add(15 * time.Hour) }
	rev := func(from, to string, when time.Time) multiplier.Interaction {
		return multiplier.Interaction{Kind: multiplier.KindReview, From: from, To: to, At: when,
			Requested: when.Add(-2 * time.Hour), Context: "r", Ref: from + to + when.String()}
	}
	ins := []multiplier.Interaction{
		rev("ann", "ben", at(time.February, 3)),
		rev("ann", "cat", at(time.March, 1)), // first day of the period
		rev("ann", "bob@vendor.io", at(time.March, 2)),
		rev("ann", "bob@vendor.io", at(time.March, 3)),
		rev("bob@vendor.io", "ann", at(time.March, 4)),
		rev("eve", "ann", at(time.March, 31)), // last day of the period
		rev("ann", "ben", at(time.April, 1)),
		{Kind: "meeting", From: "ann", To: "cat", At: at(time.March, 5)},
		rev("ann", "ann", at(time.March, 6)), // self-review: not help
		rev("", "ann", at(time.March, 6)),    // no key
	}
	march := multiplier.Period{From: day(time.March, 1), To: day(time.March, 31)}

	t.Run("period keeps its reviews", func(t *testing.T) {
		r := analyze(t, Input{People: roster, Interactions: ins, Period: march})
		if r.Period != march {
			t.Errorf("period %v, want %v", r.Period, march)
		}
		if r.Org.Reviews != 5 {
			t.Errorf("org reviews %d, want 5", r.Org.Reviews)
		}
		ann := find(t, r, "ann").Metrics
		if ann.ReviewsGiven != 3 || ann.ReviewsReceived != 2 {
			t.Errorf("ann gave %d, received %d; want 3 and 2", ann.ReviewsGiven, ann.ReviewsReceived)
		}
		// ann's reviews of roster authors with a team: cat only (the
		// vendor's two are left out), so the share is 1/1.
		if ann.CrossTeamShare != 1 {
			t.Errorf("ann cross-team share %v, want 1", ann.CrossTeamShare)
		}
		// 3 reviews × 2 h over 31 days.
		if w := 6.0 / (31 * 24); math.Abs(ann.WaitingLoad-w) > 1e-12 {
			t.Errorf("ann waiting load %v, want %v", ann.WaitingLoad, w)
		}
	})
	t.Run("zero period is the span of the data", func(t *testing.T) {
		r := analyze(t, Input{People: roster, Interactions: ins})
		want := multiplier.Period{From: day(time.February, 3), To: day(time.April, 1)}
		if r.Period != want {
			t.Errorf("period %v, want %v", r.Period, want)
		}
		if r.Org.Reviews != 7 {
			t.Errorf("org reviews %d, want 7", r.Org.Reviews)
		}
	})
	t.Run("externals are listed, not people", func(t *testing.T) {
		r := analyze(t, Input{People: roster, Interactions: ins, Period: march})
		want := []External{{Key: "bob@vendor.io", Count: 3}, {Key: "eve", Count: 1}}
		if !slices.Equal(r.External, want) {
			t.Errorf("external %v, want %v", r.External, want)
		}
		for _, p := range r.People {
			if p.Person.Email == "bob@vendor.io" || p.Person.Email == "eve" {
				t.Errorf("external %s in People", p.Person.Email)
			}
		}
	})
	t.Run("no activity", func(t *testing.T) {
		r := analyze(t, Input{People: roster, Interactions: ins, Period: march})
		dan := find(t, r, "dan")
		want := []Evidence{{"", "No review activity in the period."}}
		if !slices.Equal(dan.Evidence, want) || len(dan.Roles) != 0 {
			t.Errorf("dan: roles %v, evidence %v; want none and %v", dan.Roles, dan.Evidence, want)
		}
		if dan.Metrics.MedianTurnaroundHours != -1 {
			t.Errorf("dan median turnaround %v, want -1", dan.Metrics.MedianTurnaroundHours)
		}
	})
	t.Run("empty input", func(t *testing.T) {
		r := analyze(t, Input{})
		if !r.Period.IsZero() || len(r.People) != 0 || r.Org.MedianTurnaroundHours != -1 {
			t.Errorf("empty input: %+v", r)
		}
	})
}

// TestAnalyzeErrors checks cancel, a reversed period and bad settings.
func TestAnalyzeErrors(t *testing.T) {
	o := baseOrg(4, 8)
	t.Run("cancelled before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Analyze(ctx, o.input(), DefaultSettings(), nil)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err %v, want context.Canceled", err)
		}
	})
	t.Run("cancelled during betweenness", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_, err := Analyze(ctx, o.input(), DefaultSettings(), func(int, int) { cancel() })
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err %v, want context.Canceled", err)
		}
	})
	t.Run("period ends before it starts", func(t *testing.T) {
		in := o.input()
		in.Period = multiplier.Period{From: day(time.May, 2), To: day(time.May, 1)}
		if _, err := Analyze(context.Background(), in, DefaultSettings(), nil); err == nil {
			t.Error("no error")
		}
	})
	t.Run("zero settings panic", func(t *testing.T) {
		defer func() {
			msg, _ := recover().(string)
			if !strings.HasPrefix(msg, "graph: ") {
				t.Errorf("recovered %q, want a graph: panic", msg)
			}
		}()
		Analyze(context.Background(), o.input(), Settings{}, nil)
	})
}

// TestBadDataDoesNotPanic feeds records an importer might let through.
func TestBadDataDoesNotPanic(t *testing.T) {
	at := day(time.March, 3)
	in := Input{
		People: []multiplier.Person{{Email: "a"}, {Email: "a", Team: "T"}, {Email: ""}, {Email: "b", Team: "T"}},
		Interactions: []multiplier.Interaction{
			{Kind: multiplier.KindReview, From: "a", To: "b", At: at, Comments: -5},
			{Kind: multiplier.KindReview, From: "b", To: "a", At: at, Requested: at.Add(time.Hour)}, // request after review
			{Kind: multiplier.KindReview, From: "b", To: "a", At: at, Requested: at},                // zero latency
			{Kind: multiplier.KindReview, From: "a", To: "x", At: time.Time{}},
			{Kind: multiplier.KindReview, From: "b", To: "", At: at},
			{Kind: multiplier.KindReview, From: "b", To: "a", At: at, Comments: 1 << 40},
		},
	}
	r := analyze(t, in)
	if got := r.People[0].Metrics; !reflect.DeepEqual(got, r.People[1].Metrics) {
		t.Errorf("a listed twice has two sets of metrics: %+v and %+v", got, r.People[1].Metrics)
	}
	for _, p := range r.People {
		if len(p.Evidence) == 0 {
			t.Errorf("%q has no evidence", p.Person.Email)
		}
		for k, x := range p.Metrics.Scores() {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Errorf("%q %s is %v", p.Person.Email, k, x)
			}
		}
	}
}

// TestScoresKeys pins the JSON keys of Scores.
func TestScoresKeys(t *testing.T) {
	want := []string{"authors_helped", "betweenness", "brokerage_coordinator", "brokerage_gatekeeper",
		"brokerage_itinerant", "brokerage_liaison", "brokerage_representative", "changes_authored", "constraint",
		"cross_team_reviews", "cross_team_share", "effective_size", "escalations",
		"gatekeeper_share", "max_queue", "median_turnaround_hours", "meeting_hours_per_week", "one_on_one_hours_per_week",
		"only_link_team_pairs", "other_help", "pagerank", "participation", "partner_teams", "partners", "reviews_given",
		"reviews_received", "sole_reviewer_areas", "team_share", "teams_helped", "threads_answered", "turnaround_vs_org",
		"turnaround_vs_team", "waiting_hours", "waiting_load"}
	var got []string
	for k := range (Metrics{}).Scores() {
		got = append(got, k)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
}

// TestSameNumbers checks that two runs on one input agree: exactly, but
// for PageRank, whose power iteration starts from a random vector and
// stops within its tolerance.
func TestSameNumbers(t *testing.T) {
	o := baseOrg(7, 6)
	o.person("x@acme.io", 1)
	sharedLib(o, 30)
	o.reviews(5, "x@acme.io", "contractor@vendor.example", "acme/shared-lib", 30)
	a, b := analyze(t, o.input()), analyze(t, o.input())
	for i := range a.People {
		ma, mb := a.People[i].Metrics, b.People[i].Metrics
		if math.Abs(ma.PageRank-mb.PageRank) > 1e-6 {
			t.Errorf("%s PageRank %v then %v", a.People[i].Person.Email, ma.PageRank, mb.PageRank)
		}
		ma.PageRank, mb.PageRank = 0, 0
		if !reflect.DeepEqual(ma, mb) || !slices.Equal(a.People[i].Evidence, b.People[i].Evidence) {
			t.Errorf("%s differs between runs:\n%+v\n%+v", a.People[i].Person.Email, a.People[i], b.People[i])
		}
	}
	if !reflect.DeepEqual(a.Repos, b.Repos) || !slices.Equal(a.External, b.External) || a.Org != b.Org ||
		!slices.Equal(a.Edges, b.Edges) {
		t.Error("repos, externals, org or edges differ between runs")
	}
}

// reviewRoles keeps the roles that rest on review numbers alone.
func reviewRoles(roles []Role) []Role {
	out := []Role{}
	for _, r := range roles {
		if r != RoleConnector && r != RolePeripheral {
			out = append(out, r)
		}
	}
	return out
}
