package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/workspace"
)

// periodBar picks the analysed period: two dates, empty for the whole
// span of the data, and a button that analyses again.
type periodBar struct {
	from, to *widget.Entry
	apply    *widget.Button
	quarter  *widget.Select // calendar quarters of the data, or a custom range
	content  fyne.CanvasObject
	span     multiplier.Period // the data's whole span, for the quarter list
}

const customPeriod = "Custom"

func newPeriodBar(onApply func(multiplier.Period)) *periodBar {
	b := &periodBar{from: dateEntry("first day"), to: dateEntry("last day")}
	submit := func() {
		p, err := b.period()
		if err != nil {
			b.apply.SetText("Use YYYY-MM-DD")
			return
		}
		b.apply.SetText("Analyse")
		onApply(p)
	}
	b.from.OnSubmitted = func(string) { submit() }
	b.to.OnSubmitted = func(string) { submit() }
	b.apply = widget.NewButtonWithIcon("Analyse", theme.ViewRefreshIcon(), submit)
	b.quarter = widget.NewSelect([]string{customPeriod}, func(q string) {
		if p, ok := parseQuarter(q); ok {
			b.from.SetText(p.From.Format(time.DateOnly))
			b.to.SetText(p.To.Format(time.DateOnly))
			submit()
		}
	})
	b.quarter.SetSelected(customPeriod)
	size := fyne.NewSize(128, b.from.MinSize().Height)
	b.content = container.NewHBox(widget.NewLabel("Period"), b.quarter,
		container.NewGridWrap(size, b.from), widget.NewLabel("–"), container.NewGridWrap(size, b.to), b.apply)
	return b
}

// quarters lists the calendar quarters that p touches, as "2026 Q2".
func quarters(p multiplier.Period) []string {
	var out []string
	for _, q := range workspace.Quarters(p) {
		out = append(out, q.Label)
	}
	return out
}

// reset forgets the entries and the span, for a newly opened workspace.
func (b *periodBar) reset() {
	b.from.SetText("")
	b.to.SetText("")
	b.span = multiplier.Period{}
	b.quarter.SetOptions([]string{customPeriod})
	b.quarter.SetSelected(customPeriod)
}

func parseQuarter(s string) (multiplier.Period, bool) {
	var y, q int
	if _, err := fmt.Sscanf(s, "%d Q%d", &y, &q); err != nil || q < 1 || q > 4 {
		return multiplier.Period{}, false
	}
	return multiplier.Quarter(y, q), true
}

func dateEntry(hint string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(hint)
	e.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("use YYYY-MM-DD")
		}
		return nil
	}
	return e
}

// period reads the entries; an empty one leaves that side open.
func (b *periodBar) period() (multiplier.Period, error) {
	var p multiplier.Period
	var err error
	if s := strings.TrimSpace(b.from.Text); s != "" {
		if p.From, err = time.Parse(time.DateOnly, s); err != nil {
			return p, err
		}
	}
	if s := strings.TrimSpace(b.to.Text); s != "" {
		if p.To, err = time.Parse(time.DateOnly, s); err != nil {
			return p, err
		}
	}
	if !p.From.IsZero() && !p.To.IsZero() && p.To.Before(p.From) {
		return p, fmt.Errorf("last day before first day")
	}
	return p, nil
}

// show fills empty entries with the period an analysis used, and offers
// the quarters of the widest span seen.
func (b *periodBar) show(p multiplier.Period) {
	if b.span.IsZero() || p.From.Before(b.span.From) || p.To.After(b.span.To) {
		if b.span.IsZero() {
			b.span = p
		}
		b.span.From = minTime(b.span.From, p.From)
		b.span.To = maxTime(b.span.To, p.To)
		b.quarter.SetOptions(append([]string{customPeriod}, quarters(b.span)...))
	}
	if b.from.Text == "" && !p.From.IsZero() {
		b.from.SetText(p.From.Format(time.DateOnly))
	}
	if b.to.Text == "" && !p.To.IsZero() {
		b.to.SetText(p.To.Format(time.DateOnly))
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
