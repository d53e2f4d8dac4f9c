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
)

// periodBar picks the analysed period: two dates, empty for the whole
// span of the data, and a button that analyses again.
type periodBar struct {
	from, to *widget.Entry
	apply    *widget.Button
	content  fyne.CanvasObject
}

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
	size := fyne.NewSize(128, b.from.MinSize().Height)
	b.content = container.NewHBox(widget.NewLabel("Period"),
		container.NewGridWrap(size, b.from), widget.NewLabel("–"), container.NewGridWrap(size, b.to), b.apply)
	return b
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

// show fills empty entries with the period an analysis used.
func (b *periodBar) show(p multiplier.Period) {
	if b.from.Text == "" && !p.From.IsZero() {
		b.from.SetText(p.From.Format(time.DateOnly))
	}
	if b.to.Text == "" && !p.To.IsZero() {
		b.to.SetText(p.To.Format(time.DateOnly))
	}
}
