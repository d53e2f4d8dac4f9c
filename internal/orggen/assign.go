package orggen

import (
	"math"
	"slices"
)

// crossNoise is the chance that an ordinary review seat goes to an engineer
// of another team.
const crossNoise = 0.10

// assignReviewers seats the reviewers of every change: first the required
// bottlenecks and gatekeepers, then peers by weight, then the multipliers,
// then the few reviews of soloists, managers and the contractor.
func (g *gen) assignReviewers() {
	for _, ch := range g.changes {
		want := g.seatsWanted(ch)
		if g.seatRequired(ch) {
			want = 1
			if g.r.Float64() < 0.1 {
				want = 2
			}
		}
		for len(ch.seats) < want {
			who := g.pickPeer(ch)
			if who < 0 {
				break
			}
			ch.seats = append(ch.seats, seat{who: who})
		}
	}
	g.seatMultipliers()
	g.seatQuotas()
}

// seatsWanted draws how many people review a change: one or two, sometimes
// three; bot changes mostly get one.
func (g *gen) seatsWanted(ch *change) int {
	u := g.r.Float64()
	switch {
	case ch.author < 0 && u < 0.85, u < 0.45:
		return 1
	case ch.author < 0, u < 0.9:
		return 2
	}
	return 3
}

// seatRequired seats the gatekeepers of a shared library or the bottleneck
// of a team, each with their own probability, and reports whether it did.
func (g *gen) seatRequired(ch *change) bool {
	for _, who := range g.gatekeepers(ch) {
		if who != ch.author && g.r.Float64() < g.members[who].gate {
			ch.seats = append(ch.seats, seat{who: who, required: true})
		}
	}
	return len(ch.seats) > 0
}

// gatekeepers lists who must review changes like ch: the gatekeepers of its
// shared library, or its team's bottleneck. With more gatekeepers than
// libraries they share them; with fewer, each keeps several.
func (g *gen) gatekeepers(ch *change) []int {
	var out []int
	if ch.shared < 0 {
		if ch.team >= 0 {
			for _, e := range g.teams[ch.team].engineers {
				if g.members[e].arch == TeamBottleneck {
					out = append(out, e)
				}
			}
		}
		return out
	}
	var gk []int
	for i, m := range g.members {
		if m.arch == SharedGatekeeper {
			gk = append(gk, i)
		}
	}
	for j, who := range gk {
		if len(gk) > len(sharedRepos) && j%len(sharedRepos) == ch.shared ||
			len(gk) <= len(sharedRepos) && ch.shared%len(gk) == j {
			out = append(out, who)
		}
	}
	return out
}

// pickPeer draws a reviewer for ch by weight: usually from the author's
// team, now and then from another team; -1 when nobody is left.
func (g *gen) pickPeer(ch *change) int {
	if ch.team < 0 || g.r.Float64() >= crossNoise {
		if who := g.pickWeighted(ch, func(m *member) float64 {
			if ch.team >= 0 && m.team != ch.team {
				return 0
			}
			return m.inTeam
		}); who >= 0 {
			return who
		}
	}
	return g.pickWeighted(ch, func(m *member) float64 {
		if m.team == ch.team {
			return 0
		}
		return m.cross
	})
}

// pickWeighted draws a member not yet seated on ch and not its author, with
// probability proportional to weight; -1 when all weights are zero.
func (g *gen) pickWeighted(ch *change, weight func(*member) float64) int {
	w := make([]float64, len(g.members))
	for i, m := range g.members {
		if i != ch.author && !ch.seated(i) {
			w[i] = weight(m)
		}
	}
	return g.weighted(w)
}

// seated reports whether member i already reviews ch.
func (ch *change) seated(i int) bool {
	return slices.ContainsFunc(ch.seats, func(s seat) bool { return s.who == i })
}

// seatMultipliers gives each multiplier factor times the reviews of the
// median ordinary engineer, reach of them for the other teams they help.
func (g *gen) seatMultipliers() {
	base := g.medianOrdinarySeats()
	for i, m := range g.members {
		if m.arch != Multiplier {
			continue
		}
		total := int(math.Round(base * m.factor))
		cross := int(math.Round(float64(total) * m.reach))
		if len(m.helps) == 0 {
			cross = 0
		}
		for k, n := range g.split(cross, g.volumes(m.helps)) {
			g.seatOn(i, n, func(ch *change) bool { return ch.team == m.helps[k] && ch.author >= 0 && ch.shared < 0 })
		}
		g.seatOn(i, total-cross, func(ch *change) bool { return ch.team == m.team && ch.author >= 0 && ch.shared < 0 })
	}
}

// medianOrdinarySeats is the median number of review seats an ordinary
// engineer holds.
func (g *gen) medianOrdinarySeats() float64 {
	n := map[int]int{}
	for _, ch := range g.changes {
		for _, s := range ch.seats {
			n[s.who]++
		}
	}
	var counts []float64
	for i, m := range g.members {
		if m.arch == Engineer && !m.external {
			counts = append(counts, float64(n[i]))
		}
	}
	return median(counts)
}

// volumes counts the changes people of each of teams wrote to their team's
// repository.
func (g *gen) volumes(teams []int) []float64 {
	out := make([]float64, len(teams))
	for _, ch := range g.changes {
		if k := slices.Index(teams, ch.team); k >= 0 && ch.author >= 0 && ch.shared < 0 {
			out[k]++
		}
	}
	return out
}

// split divides total into parts roughly in proportion to volume, each
// part's share varied at random by up to ±50%.
func (g *gen) split(total int, volume []float64) []int {
	parts := len(volume)
	if parts == 0 {
		return nil
	}
	w := make([]float64, parts)
	var sum float64
	for k := range w {
		w[k] = (0.5 + g.r.Float64()) * volume[k]
		sum += w[k]
	}
	if sum == 0 {
		return make([]int, parts)
	}
	out := make([]int, parts)
	left := total
	for k := range out[:parts-1] {
		out[k] = int(math.Round(float64(total) * w[k] / sum))
		out[k] = min(out[k], left)
		left -= out[k]
	}
	out[parts-1] = left
	return out
}

// seatOn seats member who on n random changes that match ok and that they
// neither wrote nor already review.
func (g *gen) seatOn(who, n int, ok func(*change) bool) {
	var candidates []*change
	for _, ch := range g.changes {
		if ch.author != who && !ch.seated(who) && ok(ch) {
			candidates = append(candidates, ch)
		}
	}
	for _, k := range g.r.Perm(len(candidates))[:min(n, len(candidates))] {
		g.join(candidates[k], who)
	}
}

// join adds who to the reviewers of ch. A change with one reviewer gets a
// second; otherwise who usually takes the seat of an ordinary peer.
func (g *gen) join(ch *change, who int) {
	var peers []int
	for k, s := range ch.seats {
		if !s.required && g.members[s.who].arch == Engineer {
			peers = append(peers, k)
		}
	}
	if len(ch.seats) >= 2 && len(peers) > 0 && (len(ch.seats) >= 3 || g.r.Float64() < 0.75) {
		ch.seats[peers[g.r.Intn(len(peers))]] = seat{who: who}
		return
	}
	ch.seats = append(ch.seats, seat{who: who})
}

// seatQuotas seats the soloists, managers and the contractor on their few
// reviews of own-team changes.
func (g *gen) seatQuotas() {
	for i, m := range g.members {
		if m.quota > 0 && m.team >= 0 {
			g.seatOn(i, m.quota, func(ch *change) bool { return ch.team == m.team && ch.author >= 0 })
		}
	}
}

// median returns the median of xs, 0 for none; xs is sorted in place.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}
