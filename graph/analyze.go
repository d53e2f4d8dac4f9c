package graph

import (
	"context"
	"fmt"

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
	Interactions []multiplier.Interaction
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

	net := newInfluence(t)
	ranks := pageRank(net.reliance, s)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	between, err := betweenness(ctx, newCSR(net.helped), progress)
	if err != nil {
		return nil, err
	}

	m := t.metrics(s, period, ranks, normalise(between))
	org := t.org()
	t.compare(m, &org, s)
	res := &Result{
		Period:   period,
		People:   make([]PersonResult, len(in.People)),
		Org:      org,
		Repos:    t.repoList(),
		External: t.externals(),
		Settings: s,
	}
	for i, person := range in.People {
		id := t.index[person.Email]
		res.People[i] = judge(person, m[id], org, s)
	}
	return res, nil
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
