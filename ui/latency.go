package ui

import (
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// LatencyProbe measures how quickly the UI goroutine answers: every 10 ms
// it hands the UI goroutine an empty function (fyne.DoAndWait) and
// records how long that took. A frozen window shows as a long wait. The
// probe starts counting once the event loop answers for the first time.
type LatencyProbe struct {
	mu      sync.Mutex
	samples []time.Duration
	stop    chan struct{}
	done    chan struct{}
}

// Latency summarises a probe's samples.
type Latency struct {
	Samples       int
	P50, P99, Max time.Duration
}

// StartLatencyProbe starts probing; call Stop to end it.
func StartLatencyProbe() *LatencyProbe {
	p := &LatencyProbe{stop: make(chan struct{}), done: make(chan struct{})}
	go p.run()
	return p
}

func (p *LatencyProbe) run() {
	defer close(p.done)
	fyne.DoAndWait(func() {}) // the first waits for the event loop to start: not a freeze
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-tick.C:
		}
		start := time.Now()
		fyne.DoAndWait(func() {})
		d := time.Since(start)
		p.mu.Lock()
		p.samples = append(p.samples, d)
		p.mu.Unlock()
	}
}

// Stop ends the probe and summarises it. It must not be called on the UI
// goroutine while a probe is waiting there; call it from another
// goroutine.
func (p *LatencyProbe) Stop() Latency {
	close(p.stop)
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	s := slices.Clone(p.samples)
	slices.Sort(s)
	if len(s) == 0 {
		return Latency{}
	}
	at := func(q float64) time.Duration { return s[min(len(s)-1, int(q*float64(len(s))))] }
	return Latency{Samples: len(s), P50: at(0.5), P99: at(0.99), Max: s[len(s)-1]}
}
