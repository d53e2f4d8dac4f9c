package altgen

import (
	"math"
	"math/rand"
	"time"
)

// Turnaround is drawn in the reviewer's working hours, but read in
// wall-clock hours from PR opened to review: a draw longer than what is
// left of the day becomes an overnight wait. To plant people who are
// clearly faster or slower than typical in wall-clock terms, their working
// hours median is calibrated against a simulated reviewer.

type calibSample struct {
	start time.Time // PR opened, UTC (reviewer at UTC+0)
	z     float64
	u, v  float64 // for batchers: skips and spread
}

func (g *gen) initCalibration() {
	r := rand.New(rand.NewSource(g.cfg.Seed ^ 0x5eed1e55))
	monday := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	g.calib = make([]calibSample, 1500)
	for i := range g.calib {
		d := monday.AddDate(0, 0, r.Intn(5)+7*r.Intn(2))
		h := uniform(r, 8.5, 9.75) + uniform(r, 0.2, workLen-0.2)
		g.calib[i] = calibSample{d.Add(hours(h)), r.NormFloat64(), r.Float64(), r.Float64()}
	}
}

// wallMedian is the median wall-clock hours to a first review for a
// reviewer whose working-hours turnaround has median med and spread sigma.
func (g *gen) wallMedian(med, sigma float64) float64 {
	tmpl := &person{dayStart: 9.1}
	xs := make([]float64, len(g.calib))
	for i, c := range g.calib {
		h := math.Max(med*math.Exp(sigma*c.z), 0.08)
		xs[i] = addWork(tmpl, c.start, h).Sub(c.start).Hours()
	}
	return median(xs)
}

// calibrate returns the working-hours median whose wall-clock median is
// about target hours.
func (g *gen) calibrate(target, sigma float64) float64 {
	lo, hi := math.Log(0.02), math.Log(120)
	for range 30 {
		mid := (lo + hi) / 2
		if g.wallMedian(math.Exp(mid), sigma) < target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return math.Exp((lo + hi) / 2)
}

// typicalWall simulates the organisation's typical engineer: the median,
// over engineers whose working-hours medians scatter around med0, of each
// one's wall-clock median.
func (g *gen) typicalWall() float64 {
	r := rand.New(rand.NewSource(g.cfg.Seed ^ 0x7e11a))
	var meds []float64
	for range 41 {
		med := g.med0 * lognorm(r, 0.35)
		rev := &person{dayStart: uniform(r, 8.5, 9.75)}
		xs := make([]float64, 150)
		for j := range xs {
			c := g.calib[r.Intn(len(g.calib))]
			h := math.Max(med*lognorm(r, g.sigma), 0.08)
			xs[j] = addWork(rev, c.start, h).Sub(c.start).Hours()
		}
		meds = append(meds, median(xs))
	}
	return median(meds)
}

// sitting is when a batching reviewer gets to a review requested at t:
// they catch up on reviews in the evening, at the first evening sitting on
// a working day after t, skipping some evenings (u draws how many, v the
// time within the evening).
func sitting(p *person, t time.Time, u, v float64) time.Time {
	skips := 0
	if p.skip > 0 && u > 0 {
		skips = min(15, int(math.Floor(math.Log(u)/math.Log(p.skip))))
	}
	loc := t.Add(p.tz)
	day := time.Date(loc.Year(), loc.Month(), loc.Day(), 0, 0, 0, 0, time.UTC)
	at := hours(19.5 + 2.5*v)
	for range 400 {
		s := day.Add(at)
		if p.works(day) && s.After(loc) {
			if skips == 0 {
				return s.Add(-p.tz)
			}
			skips--
		}
		day = day.AddDate(0, 0, 1)
	}
	return t
}

// calibrateSkip returns the skip chance at which a batcher's wall-clock
// median is about target hours (0 when even no skips is slower).
func (g *gen) calibrateSkip(target float64) float64 {
	tmpl := &person{dayStart: 9.1}
	wall := func(skip float64) float64 {
		tmpl.skip = skip
		xs := make([]float64, len(g.calib))
		for i, c := range g.calib {
			xs[i] = sitting(tmpl, c.start, c.u, c.v).Sub(c.start).Hours()
		}
		return median(xs)
	}
	lo, hi := 0.0, 0.9
	for range 25 {
		mid := (lo + hi) / 2
		if wall(mid) < target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}
