package orggen

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/multiplier/multiplier"
)

// Review states as GitHub exports them.
const (
	approved         = "APPROVED"
	commented        = "COMMENTED"
	changesRequested = "CHANGES_REQUESTED"
	dismissed        = "DISMISSED"
)

// latencySigma is the spread of one person's review latencies around their
// median, as the sigma of a lognormal.
const latencySigma = 0.8

// row is one row of the review export.
type row struct {
	ch       *change
	reviewer string // login; empty in the malformed empty-reviewer row
	state    string
	at       time.Time // submitted; zero when written as "n/a"
	comments int
	bad      string    // why an importer must skip the row; empty when it need not
	order    time.Time // sort key within the change
}

// makeRows writes the reviews of every change — a reviewer who requests
// changes usually comes back to approve — then merges the change. Reviews
// and merges after the end of the export are not in it.
func (g *gen) makeRows() {
	end := g.c.end()
	for _, ch := range g.changes {
		var rows []*row
		for _, s := range ch.seats {
			rows = append(rows, g.review(ch, s.who)...)
		}
		rows = slices.DeleteFunc(rows, func(rw *row) bool { return !rw.at.Before(end) })
		g.merge(ch, rows)
		g.rows = append(g.rows, rows...)
	}
	g.sortRows()
}

// review is one reviewer's rows on ch: a first review after their latency,
// and after a change request mostly another round. Bottlenecks and
// gatekeepers come back after a mere comment too, and may go round more
// than twice.
func (g *gen) review(ch *change, who int) []*row {
	m := g.members[who]
	at := g.workAfter(ch.created, g.latency(m))
	rows := []*row{g.newRow(ch, m, g.firstState(m), at)}
	for round := 1; round < 4 && g.r.Float64() < g.followUp(m, rows[len(rows)-1].state); round++ {
		fix := 5 * math.Exp(latencySigma*g.r.NormFloat64())
		at = g.workAfter(at, fix+0.5*g.latency(m))
		rows = append(rows, g.newRow(ch, m, g.nextState(m), at))
	}
	return rows
}

// nextState draws the state of a review after the first: mostly an
// approval; a bottleneck or gatekeeper may ask for changes again (one time
// in five, in ten under Weak planting).
func (g *gen) nextState(m *member) string {
	u := g.r.Float64()
	switch {
	case u < 0.1:
		return commented
	case u < g.toward(0.3, 0.1) && (m.arch == TeamBottleneck || m.arch == SharedGatekeeper):
		return changesRequested
	}
	return approved
}

// followUp is the chance that m reviews again after a review in state.
// Soloists and managers review once.
func (g *gen) followUp(m *member, state string) float64 {
	gate := m.arch == TeamBottleneck || m.arch == SharedGatekeeper
	switch {
	case m.arch == Soloist || m.arch == Manager:
		return 0
	case state == changesRequested:
		return 0.9
	case state == commented && gate:
		return g.toward(0.85, 0.1)
	case state == commented:
		return 0.1
	}
	return 0
}

// newRow makes a review row with a comment count fitting its state.
func (g *gen) newRow(ch *change, m *member, state string, at time.Time) *row {
	return &row{ch: ch, reviewer: m.GitHub, state: state, at: at, order: at, comments: g.comments(m, state)}
}

// latency draws hours to review for m: lognormal around m's median.
func (g *gen) latency(m *member) float64 {
	return max(0.05, m.latency*math.Exp(latencySigma*g.r.NormFloat64()))
}

// firstState draws the state of a first review. Bottlenecks and gatekeepers
// request changes more often; soloists and managers never do.
func (g *gen) firstState(m *member) string {
	u := g.r.Float64()
	if m.arch == Soloist || m.arch == Manager {
		if u < 0.7 {
			return approved
		}
		return commented
	}
	const ordinary = 0.13
	request := ordinary
	switch m.arch {
	case TeamBottleneck, SharedGatekeeper:
		request = g.toward(0.3, ordinary)
	case FastReviewer:
		request = g.toward(0.1, ordinary)
	}
	switch {
	case u < 0.022:
		return dismissed
	case u < 0.022+0.21:
		return commented
	case u < 0.022+0.21+request:
		return changesRequested
	}
	return approved
}

// comments draws the comment count of a review; multipliers explain more.
func (g *gen) comments(m *member, state string) int {
	extra := 0.0
	if m.arch == Multiplier {
		extra = g.toward(1, 0)
	}
	switch state {
	case approved:
		return g.poisson(0.5 + extra)
	case changesRequested:
		return 1 + g.poisson(2.5+extra)
	case commented:
		return 1 + g.poisson(1.2+extra)
	}
	return g.poisson(0.3)
}

// poisson draws a Poisson count with mean lambda (Knuth's method).
func (g *gen) poisson(lambda float64) int {
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= g.r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// merge sets when ch was merged: after its last approval, now and then after
// its first with a late approval following, or without approval after its
// last review. A few changes are abandoned or still open at the end.
func (g *gen) merge(ch *change, rows []*row) {
	if len(rows) == 0 || g.r.Float64() < 0.04 {
		return
	}
	var approvals []time.Time
	for _, rw := range rows {
		if rw.state == approved {
			approvals = append(approvals, rw.at)
		}
	}
	slices.SortFunc(approvals, time.Time.Compare)
	var anchor time.Time
	switch {
	case len(approvals) == 0 && g.r.Float64() < 0.6:
		return
	case len(approvals) == 0:
		for _, rw := range rows {
			anchor = later(anchor, rw.at)
		}
	case len(approvals) > 1 && g.r.Float64() < 0.1:
		anchor = approvals[0]
	default:
		anchor = approvals[len(approvals)-1]
	}
	merged := g.workAfter(anchor, 0.05+1.5*math.Exp(g.r.NormFloat64()))
	if merged.Before(g.c.end()) {
		ch.merged = merged
	}
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// workAfter is about h hours after t, moved into working hours when it
// falls at night or on a weekend, as most reviews and merges are: back to
// the end of the last working day or on to the next working morning,
// whichever is nearer, so that the hours drawn stay about right.
func (g *gen) workAfter(t time.Time, h float64) time.Time {
	at := t.Add(hours(h))
	if working(at) || g.r.Float64() < 0.1 {
		return at
	}
	back := lastEvening(at).Add(-hours(1.5 * g.r.Float64()))
	on := nextMorning(at).Add(hours(0.5 + 2*g.r.Float64()))
	if back.After(t.Add(10*time.Minute)) && at.Sub(back) < on.Sub(at) {
		return back
	}
	return on
}

// lastEvening is the end (19:00) of the last working day before t.
func lastEvening(t time.Time) time.Time {
	day := multiplier.Day(t)
	if t.Hour() < 8 || weekend(day) {
		day = day.AddDate(0, 0, -1)
	}
	for weekend(day) {
		day = day.AddDate(0, 0, -1)
	}
	return day.Add(19 * time.Hour)
}

// nextMorning is the start (08:00) of the first working day after t.
func nextMorning(t time.Time) time.Time {
	day := multiplier.Day(t)
	if t.Hour() >= 8 {
		day = day.AddDate(0, 0, 1)
	}
	for weekend(day) {
		day = day.AddDate(0, 0, 1)
	}
	return day.Add(8 * time.Hour)
}

// working reports whether t is on a weekday between 08:00 and 19:00.
func working(t time.Time) bool {
	return !weekend(t) && t.Hour() >= 8 && t.Hour() < 19
}

// makeMalformed adds the rows an importer must skip: a handful submitted
// "n/a" and one with an empty reviewer, on random reviewed changes.
func (g *gen) makeMalformed() {
	var reviewed []*change
	for k, rw := range g.rows {
		if k == 0 || rw.ch != g.rows[k-1].ch {
			reviewed = append(reviewed, rw.ch)
		}
	}
	if len(reviewed) == 0 {
		return
	}
	n := 4 + g.r.Intn(3)
	for _, k := range g.r.Perm(len(reviewed))[:min(n+1, len(reviewed))] {
		ch := reviewed[k]
		if n == 0 {
			at := ch.created.Add(min(3*time.Hour, g.c.end().Sub(ch.created)/2))
			g.rows = append(g.rows, &row{ch: ch, state: approved, at: at, order: at, bad: "empty reviewer"})
			break
		}
		n--
		who := g.pickPeer(ch)
		if who < 0 {
			continue
		}
		g.rows = append(g.rows, &row{
			ch: ch, reviewer: g.members[who].GitHub, state: commented, comments: 1 + g.poisson(1),
			order: ch.created.Add(hours(1)), bad: "unparseable submitted time",
		})
	}
	g.sortRows()
}

// sortRows orders the rows as the export lists them: by repository, pull
// request number, then time.
func (g *gen) sortRows() {
	slices.SortStableFunc(g.rows, func(a, b *row) int {
		return cmp.Or(
			cmp.Compare(a.ch.repo, b.ch.repo),
			cmp.Compare(a.ch.number, b.ch.number),
			a.order.Compare(b.order),
		)
	})
}

// sheetRow is a review row as written.
type sheetRow struct {
	repo                                     string
	number                                   int
	title, author, created, merged, reviewer string
	state, submitted                         string
	comments                                 int
}

// sheetRow formats rw for the export.
func (rw *row) sheetRow() sheetRow {
	s := sheetRow{
		repo: rw.ch.repo, number: rw.ch.number, title: rw.ch.title, author: rw.ch.login,
		created: stamp(rw.ch.created), merged: stamp(rw.ch.merged),
		reviewer: rw.reviewer, state: rw.state, submitted: stamp(rw.at), comments: rw.comments,
	}
	if rw.at.IsZero() {
		s.submitted = "n/a"
	}
	return s
}

// cells returns the row's cells as text, in header order.
func (s sheetRow) cells() []string {
	return []string{s.repo, strconv.Itoa(s.number), s.title, s.author, s.created, s.merged, s.reviewer, s.state, s.submitted, strconv.Itoa(s.comments)}
}

// review is the row as an importer reads it.
func (rw *row) review() multiplier.Review {
	return multiplier.Review{
		Repository: rw.ch.repo,
		Change:     strconv.Itoa(rw.ch.number),
		Title:      rw.ch.title,
		Author:     rw.ch.login,
		Reviewer:   rw.reviewer,
		Created:    rw.ch.created,
		Submitted:  rw.at,
		State:      rw.state,
		Comments:   rw.comments,
	}
}

// stamp formats t as RFC 3339 in UTC, or "" for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
