package altgen

import (
	"math"
	"math/rand"
	"time"
)

// workLen is the length of a working day in hours.
const workLen = 8.5

func hours(h float64) time.Duration { return time.Duration(h * float64(time.Hour)) }

// works reports whether p works on the local calendar day d (midnight).
func (p *person) works(d time.Time) bool {
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	if !p.vacFrom.IsZero() && !d.Before(p.vacFrom) && !d.After(p.vacTo) {
		return false
	}
	return true
}

// addWork returns the UTC instant at which p, starting at start, has spent
// h hours of their own working time: weekends, evenings and vacation are
// skipped in p's local time.
func addWork(p *person, start time.Time, h float64) time.Time {
	off := p.tz
	loc := start.Add(off)
	remaining := hours(h)
	for range 2000 {
		day := time.Date(loc.Year(), loc.Month(), loc.Day(), 0, 0, 0, 0, time.UTC)
		ws := day.Add(hours(p.dayStart))
		we := ws.Add(hours(workLen))
		if !p.works(day) || !loc.Before(we) {
			loc = day.AddDate(0, 0, 1)
			continue
		}
		if loc.Before(ws) {
			loc = ws
		}
		avail := we.Sub(loc)
		if remaining <= avail {
			return loc.Add(remaining).Add(-off)
		}
		remaining -= avail
		loc = day.AddDate(0, 0, 1)
	}
	return loc.Add(-off)
}

func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + r.Float64()*(hi-lo) }

// lognorm is a multiplicative noise factor with median 1.
func lognorm(r *rand.Rand, sigma float64) float64 { return math.Exp(sigma * r.NormFloat64()) }

func poisson(r *rand.Rand, l float64) int {
	if l <= 0 {
		return 0
	}
	if l > 40 {
		return max(0, int(math.Round(l+math.Sqrt(l)*r.NormFloat64())))
	}
	lim := math.Exp(-l)
	k, p := 0, 1.0
	for {
		p *= r.Float64()
		if p <= lim {
			return k
		}
		k++
	}
}

// randRound rounds x up or down at random, keeping the expectation.
func randRound(r *rand.Rand, x float64) int {
	f := math.Floor(x)
	if r.Float64() < x-f {
		return int(f) + 1
	}
	return int(f)
}

// pickWeighted returns an index into w chosen with probability proportional
// to w, or -1 when all weights are zero.
func pickWeighted(r *rand.Rand, w []float64) int {
	total := 0.0
	for _, x := range w {
		if x > 0 {
			total += x
		}
	}
	if total <= 0 {
		return -1
	}
	u := r.Float64() * total
	for i, x := range w {
		if x <= 0 {
			continue
		}
		u -= x
		if u < 0 {
			return i
		}
	}
	for i := len(w) - 1; i >= 0; i-- {
		if w[i] > 0 {
			return i
		}
	}
	return -1
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sortFloats(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
