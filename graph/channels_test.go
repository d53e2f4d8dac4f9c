package graph

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	multiplier "github.com/multiplier/multiplier"
)

// TestChannels checks how chat and meetings enter the graph, on a
// hand-worked five-person org over one week (2026-05-04 to 05-10):
//
//   - ana (manager of bo) has a 1 h 1:1 with bo: hours count, no tie;
//   - bo and cy meet 1 h, and cy and di meet 2 h: the only ties between
//     them, so cy lies on every shortest path between bo and di;
//   - a 13-person all-hands (over MaxMeetingSize 12) adds hours, no ties;
//   - di answers two of ed's threads and mentions ed once.
func TestChannels(t *testing.T) {
	day := time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)
	people := []multiplier.Person{
		{Email: "ana", Team: "A"}, {Email: "bo", Team: "A", Manager: "ANA"},
		{Email: "cy", Team: "B"}, {Email: "di", Team: "B"}, {Email: "ed", Team: "C"},
	}
	meet := func(h float64, who ...string) multiplier.Meeting {
		return multiplier.Meeting{Start: day, End: day.Add(time.Duration(h * float64(time.Hour))),
			Organizer: who[0], Attendees: who[1:], Subject: "Sync"}
	}
	incident := func(m multiplier.Meeting) multiplier.Meeting {
		m.Subject = "Incident review: payments outage"
		return m
	}
	allHands := []string{"ana", "bo", "cy", "di", "ed"}
	for i := range 8 {
		allHands = append(allHands, "guest"+string(rune('a'+i)))
	}
	in := Input{
		People: people,
		Interactions: []multiplier.Interaction{
			{Kind: multiplier.KindThread, From: "di", To: "ed", At: day, Weight: 1, Context: "incidents"},
			{Kind: multiplier.KindThread, From: "di", To: "ed", At: day.Add(time.Hour), Weight: 1},
			{Kind: multiplier.KindMention, From: "di", To: "ed", At: day, Weight: 1},
		},
		Meetings: []multiplier.Meeting{
			meet(1, "ana", "bo"), incident(meet(1, "bo", "cy")), meet(2, "cy", "di"), meet(1, allHands...),
		},
		Period: multiplier.Period{From: day, To: day.AddDate(0, 0, 6)},
	}
	r, err := Analyze(context.Background(), in, DefaultSettings(), nil)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]Metrics{}
	for _, p := range r.People {
		m[p.Person.Email] = p.Metrics
	}
	// One week: hours per week are the hours.
	for _, c := range []struct {
		who               string
		meeting, oneOnOne float64
	}{{"ana", 2, 1}, {"bo", 3, 1}, {"cy", 4, 0}, {"di", 3, 0}, {"ed", 1, 0}} {
		if got := m[c.who]; math.Abs(got.MeetingHoursPerWeek-c.meeting) > 1e-9 || math.Abs(got.OneOnOneHoursPerWeek-c.oneOnOne) > 1e-9 {
			t.Errorf("%s: meeting %.2f h/week, 1:1 %.2f; want %.0f and %.0f", c.who, got.MeetingHoursPerWeek, got.OneOnOneHoursPerWeek, c.meeting, c.oneOnOne)
		}
	}
	// Escalations: the bo–cy meeting is an incident review, and di
	// answered one of ed's threads in #incidents.
	for who, want := range map[string]int{"ana": 0, "bo": 1, "cy": 1, "di": 1, "ed": 1} {
		if got := m[who].Escalations; got != want {
			t.Errorf("%s pulled into %d escalations, want %d", who, got, want)
		}
	}
	// di: two thread replies at 0.5 and a mention at 0.1.
	if d := m["di"]; d.ThreadsAnswered != 2 || math.Abs(d.OtherHelp-1.1) > 1e-9 || d.ReviewsGiven != 0 || d.AuthorsHelped != 0 {
		t.Errorf("di: threads %d, other help %.2f, reviews %d, authors %d; want 2, 1.1, 0, 0", d.ThreadsAnswered, d.OtherHelp, d.ReviewsGiven, d.AuthorsHelped)
	}
	// Ties: bo–cy and cy–di (and di→ed). Directed shortest paths through
	// cy: bo→di, di→bo, bo→ed; (n−1)(n−2) = 12 for the 5 roster people
	// plus 8 guests who have no ties (n = 13: 12·11 = 132).
	if got := m["cy"].Betweenness; math.Abs(got-3.0/132) > 1e-9 {
		t.Errorf("cy betweenness %.6f, want %.6f (3 paths of 132 pairs)", got, 3.0/132)
	}
	if m["ana"].Betweenness != 0 || m["bo"].Betweenness != 0 {
		t.Errorf("ana %.4f, bo %.4f: a manager 1:1 must not tie them", m["ana"].Betweenness, m["bo"].Betweenness)
	}
}

// TestConnectorPeripheralAndConfidence: teams A and B review inside
// themselves; k (team C) reviews one person in each, so every shortest
// path between A and B runs through k; p (team A) has a single tie.
func TestConnectorPeripheralAndConfidence(t *testing.T) {
	day := time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)
	var people []multiplier.Person
	var ins []multiplier.Interaction
	n := 0
	rev := func(from, to string) {
		n++
		ins = append(ins, multiplier.Interaction{Kind: multiplier.KindReview, From: from, To: to,
			At: day.Add(time.Duration(n) * time.Hour), Requested: day.Add(time.Duration(n-1) * time.Hour),
			Weight: 1, Context: "repo", Ref: fmt.Sprint(n)})
	}
	for _, team := range []string{"A", "B"} {
		for i := 1; i <= 3; i++ {
			people = append(people, multiplier.Person{Email: fmt.Sprintf("%s%d", team, i), Team: team})
		}
		for i := 1; i <= 3; i++ {
			for j := 1; j <= 3; j++ {
				if i != j {
					for range 8 {
						rev(fmt.Sprintf("%s%d", team, i), fmt.Sprintf("%s%d", team, j))
					}
				}
			}
		}
	}
	people = append(people, multiplier.Person{Email: "k", Team: "C"}, multiplier.Person{Email: "p", Team: "A"})
	rev("k", "A1")
	rev("k", "B1")
	rev("A1", "k")
	rev("B1", "k")
	rev("A2", "p")
	r, err := Analyze(context.Background(), Input{People: people, Interactions: ins}, DefaultSettings(), nil)
	if err != nil {
		t.Fatal(err)
	}
	k, p, a2 := find(t, r, "k"), find(t, r, "p"), find(t, r, "A2")
	if !slices.Contains(k.Roles, RoleConnector) || !said(k, RoleConnector, "ties with people in 2 other teams") {
		t.Errorf("k: roles %v, evidence %v, metrics %+v, org %+v", k.Roles, k.Evidence, k.Metrics, r.Org)
	}
	if !slices.Equal(p.Roles, []Role{RolePeripheral}) || !said(p, RolePeripheral, "Ties with 1 person") {
		t.Errorf("p: roles %v, evidence %v", p.Roles, p.Evidence)
	}
	// Confidence by sample size: A2 has no role and 16 given + 17
	// received = 33 records name them (medium: 15 ≤ 33 < 40); p rests on
	// 1 tie, counted as 5 records (low).
	if p.Confidence != "low" || !strings.Contains(p.ConfidenceNote, "ties") {
		t.Errorf("p confidence %s (%s), want low on ties", p.Confidence, p.ConfidenceNote)
	}
	if a2.Confidence != "medium" || a2.Coverage.Reviews != 16+17 {
		t.Errorf("A2 confidence %s (%s), coverage %+v", a2.Confidence, a2.ConfidenceNote, a2.Coverage)
	}
}
