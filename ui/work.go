package ui

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/workspace"
)

// workBar runs long work one job at a time off the UI goroutine and shows
// its progress with a Cancel button. It is hidden while idle.
type workBar struct {
	label   *widget.Label
	bar     *widget.ProgressBar
	busy    *widget.ProgressBarInfinite
	cancel  *widget.Button
	content *fyne.Container

	queue   sync.Mutex // held by the running job
	mu      sync.Mutex
	stop    context.CancelFunc
	pending int
}

func newWorkBar() *workBar {
	b := &workBar{label: widget.NewLabel(""), bar: widget.NewProgressBar(), busy: widget.NewProgressBarInfinite()}
	b.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), b.cancelRunning)
	b.busy.Stop()
	bars := container.NewStack(b.bar, b.busy)
	b.content = container.NewHBox(b.label, container.NewGridWrap(fyne.NewSize(220, b.bar.MinSize().Height), bars), b.cancel)
	b.content.Hide()
	return b
}

// run starts job in a goroutine after the jobs before it. onErr gets the
// job's error (not a cancel) from that goroutine.
func (b *workBar) run(stage string, job func(context.Context, func(workspace.Progress)) error, onErr func(error)) {
	b.mu.Lock()
	b.pending++
	b.mu.Unlock()
	b.showStage(stage, -1)
	go func() {
		b.queue.Lock()
		defer b.queue.Unlock()
		ctx, cancel := context.WithCancel(context.Background())
		b.mu.Lock()
		b.stop = cancel
		b.mu.Unlock()
		err := job(ctx, b.throttled(stage))
		cancel()
		b.finish()
		if err != nil && !errors.Is(err, context.Canceled) {
			onErr(err)
		}
	}()
}

// throttled returns a progress callback that updates the bar at most
// every 100 ms.
func (b *workBar) throttled(stage string) func(workspace.Progress) {
	var last time.Time
	return func(p workspace.Progress) {
		if time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		label := stage
		if p.Stage != "" {
			label = p.Stage
		}
		b.showStage(label, p.Fraction())
	}
}

func (b *workBar) showStage(stage string, fraction float64) {
	do(func() {
		b.label.SetText(stage + "…")
		if fraction < 0 {
			b.bar.Hide()
			b.busy.Show()
			b.busy.Start()
		} else {
			b.busy.Stop()
			b.busy.Hide()
			b.bar.Show()
			b.bar.SetValue(fraction)
		}
		b.content.Show()
	})
}

func (b *workBar) finish() {
	b.mu.Lock()
	b.pending--
	idle := b.pending == 0
	b.stop = nil
	b.mu.Unlock()
	if idle {
		do(func() {
			b.busy.Stop()
			b.content.Hide()
		})
	}
}

func (b *workBar) cancelRunning() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stop != nil {
		b.stop()
	}
}

// doMu serialises the updates that do runs. On the real driver they all
// run on the UI goroutine anyway; Fyne's test driver runs them on the
// calling goroutine, and the lock keeps them from racing there too.
var doMu sync.Mutex

// do runs fn on the UI goroutine (fyne.Do). Every widget update from
// background work goes through it.
func do(fn func()) {
	fyne.Do(func() {
		doMu.Lock()
		defer doMu.Unlock()
		fn()
	})
}
