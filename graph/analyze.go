package graph

import (
	"context"
	"fmt"
	"strings"

	multiplier "github.com/multiplier/multiplier"
)

// Input is what Analyze reads.
type Input struct {
	// People is the roster. Email is the key, matched exactly (the
	// importers give it trimmed and lower-case). An email listed twice
	// is one person, who gets one PersonResult per listing; the first
	// listing's team counts.
	People []multiplier.Person
	// Interactions may span any time; Analyze keeps the reviews (Kind
	// review) whose At falls inside Period. From and To are person keys:
	// a roster email, or any other string for someone not in the roster
	// (an external). Interactions with an empty key or with From equal
	// to To are not help between people and are skipped; so, for now,
	// are kinds other than review.
	//
	// Reviews give the review metrics and roles. Chat threads, mentions
	// and other kinds add help to the graph (betweenness, PageRank) with
	// their channel weights from Settings.
	Interactions []multiplier.Interaction
	// Meetings may span any time; those that start inside Period tie
	// their people on the graph (see Settings.MeetingWeight) and count
	// toward meeting hours. Organizer and attendees are person keys.
	Meetings []multiplier.Meeting
	// Period is the span to analyse; the zero Period keeps every time.
	Period multiplier.Period
}

// Analyze builds the influence graph of in and returns every roster
// person's metrics, roles and evidence, the organisation's reference
// values, repository concentration and the external people seen.
//
// Analyze returns an error when in.Period ends before it starts, and
// ctx.Err() when ctx is cancelled (it checks between phases and between
// small batches of betweenness sources). Bad data never makes it panic;
// it panics with a "graph: " message when s is not valid (see Settings).
//
// progress, when not nil, is called during betweenness, the long phase,
// with the number of sources done and the total; calls come from the
// goroutine that called Analyze, in increasing order of done, the last
// with done == total (no call when there are fewer than three people in
// the graph). Betweenness runs on runtime.GOMAXPROCS(0) goroutines; its
// result does not depend on their number.
func Analyze(ctx context.Context, in Input, s Settings, progress func(done, total int)) (*Result, error) {
	if err := s.check(); err != nil {
		panic("graph: invalid settings: " + err.Error())
	}
	p := in.Period
	if !p.From.IsZero() && !p.To.IsZero() && p.To.Before(p.From) {
		return nil, fmt.Errorf("period %s ends before it starts", p)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	t := newTally(in.People)
	t.addAll(in.Interactions, p, s)
	period := t.span(p)
	t.addMeetings(in.Meetings, period, s)

	net := newInfluence(t)
	ranks := pageRank(net.reliance, s)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g := newCSR(net.helped)
	between, err := betweenness(ctx, g, pivots(g.nodes(), s.ExactBetweennessUpTo, s.BetweennessPivots), progress)
	if err != nil {
		return nil, err
	}

	m := t.metrics(s, period, ranks, normalise(between))
	t.brokerage(m, g)
	org := t.org()
	t.compare(m, &org, s)
	res := &Result{
		Period:   period,
		People:   make([]PersonResult, len(in.People)),
		Org:      org,
		Repos:    t.repoList(),
		External: t.externals(),
		Edges:    t.edges(),
		Settings: s,
	}
	managers := managerSet(in.People)
	for i, person := range in.People {
		id := t.index[person.Email]
		res.People[i] = judge(person, m[id], org, s)
		if managers[person.Email] || isManagerTitle(person) {
			res.People[i].asManager()
		}
	}
	return res, nil
}

// managerSet holds the people whom a roster row names as its manager
// (by email or by name).
func managerSet(people []multiplier.Person) map[string]bool {
	byName := map[string]string{}
	for _, p := range people {
		byName[strings.ToLower(strings.TrimSpace(p.Name))] = p.Email
	}
	set := map[string]bool{}
	for _, p := range people {
		m := strings.ToLower(strings.TrimSpace(p.Manager))
		if m == "" {
			continue
		}
		if email, ok := byName[m]; ok {
			set[email] = true
		}
		set[m] = true
	}
	return set
}

// isManagerTitle reports whether a person's title or level says they
// manage people: "Engineering Manager", "Director…", "VP…", "Head of…",
// or a level like M1.
func isManagerTitle(p multiplier.Person) bool {
	t := strings.ToLower(p.Title)
	for _, w := range []string{"manager", "director", "vp ", "vice president", "head of", "chief"} {
		if strings.Contains(t+" ", w) {
			return true
		}
	}
	l := strings.ToUpper(strings.TrimSpace(p.Level))
	return len(l) >= 2 && l[0] == 'M' && l[1] >= '0' && l[1] <= '9'
}

// asManager drops the individual-contributor roles from a people
// manager's result and says why: meeting and reviewing a team is their
// job, not leverage to be rated here.
func (r *PersonResult) asManager() {
	r.Roles = []Role{}
	kept := []Evidence{{Text: "People manager: not labelled with individual-contributor roles; the numbers are shown for context."}}
	for _, e := range r.Evidence {
		if e.Role == "" {
			kept = append(kept, e)
		}
	}
	r.Evidence = kept
}

// normalise divides raw directed betweenness by (n−1)(n−2), the number
// of ordered pairs that can have a node strictly between them.
func normalise(raw []float64) []float64 {
	n := float64(len(raw))
	if n < 3 {
		return raw
	}
	scale := 1 / ((n - 1) * (n - 2))
	for i := range raw {
		raw[i] *= scale
	}
	return raw
}
