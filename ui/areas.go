package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/graph"
)

// areasScreen lists repositories (areas) with their reviewers' shares, bus
// factor and gatekeepers; a selected area lists every reviewer.
type areasScreen struct {
	open      func(key string)
	table     *widget.Table
	title     *widget.Label
	reviewers *fyne.Container
	content   fyne.CanvasObject

	a     *analysis
	repos []graph.Repo
}

var areaColumns = []struct {
	title string
	width float32
}{{"Area (repository)", 230}, {"Reviews", 80}, {"Reviewers", 90}, {"Bus factor", 95}, {"Top reviewer", 230}, {"Gatekeepers", 260}}

func newAreasScreen(open func(string)) *areasScreen {
	s := &areasScreen{open: open, title: widget.NewLabelWithStyle("Pick an area", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		reviewers: container.NewVBox()}
	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.repos), len(areaColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("template")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Col >= 0 && id.Col < len(areaColumns) {
			l.SetText(areaColumns[id.Col].title)
			l.TextStyle.Bold = true
		}
	}
	for i, c := range areaColumns {
		s.table.SetColumnWidth(i, c.width)
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.repos) {
			s.pick(s.repos[id.Row])
		}
	}
	explain := widget.NewLabel("Bus factor: the fewest people whose reviews and authored changes make half of an area's work — 1 means one person holds it. Gatekeepers hold a large share of an area's reviews (Settings ▸ bottleneck repository share).")
	explain.Wrapping = fyne.TextWrapWord
	explain.TextStyle.Italic = true
	side := container.NewBorder(container.NewVBox(s.title, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(s.reviewers))
	split := container.NewHSplit(s.table, side)
	split.Offset = 0.7
	s.content = container.NewBorder(container.NewPadded(explain), nil, nil, nil, split)
	return s
}

func (s *areasScreen) set(a *analysis) {
	s.a, s.repos = a, a.res.Repos
	s.table.UnselectAll()
	s.table.Refresh()
	s.title.SetText(fmt.Sprintf("%d areas had reviews in the period. Pick one to see its reviewers.", len(s.repos)))
	s.reviewers.Objects = nil
	s.reviewers.Refresh()
}

func (s *areasScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(s.repos) {
		l.SetText("")
		return
	}
	r := s.repos[id.Row]
	l.Importance = widget.MediumImportance
	switch id.Col {
	case 0:
		l.SetText(r.Name)
	case 1:
		l.SetText(fmt.Sprint(r.Reviews))
	case 2:
		l.SetText(fmt.Sprint(r.Reviewers))
	case 3:
		l.SetText(fmt.Sprint(r.BusFactor))
		if r.BusFactor == 1 {
			l.Importance = widget.DangerImportance
		}
	case 4:
		l.SetText(fmt.Sprintf("%s (%s)", s.a.name(r.TopReviewer), pct(r.TopShare)))
	case 5:
		l.SetText(s.gatekeepers(r))
	}
}

// gatekeepers names the reviewers at or above the gatekeeper share.
func (s *areasScreen) gatekeepers(r graph.Repo) string {
	var names []string
	for _, sh := range r.Shares {
		if sh.Share >= s.a.res.Settings.GatekeeperShare && r.Reviews >= s.a.res.Settings.MinRepoReviews {
			names = append(names, fmt.Sprintf("%s %s", s.a.name(sh.Key), pct(sh.Share)))
		}
	}
	if len(names) == 0 {
		return "–"
	}
	return strings.Join(names, ", ")
}

// pick lists an area's reviewers with a bar for each share.
func (s *areasScreen) pick(r graph.Repo) {
	s.title.SetText(fmt.Sprintf("%s — %d reviews by %d reviewers, bus factor %d", r.Name, r.Reviews, r.Reviewers, r.BusFactor))
	var objs []fyne.CanvasObject
	for _, sh := range r.Shares {
		key := sh.Key
		b := widget.NewButton(fmt.Sprintf("%s — %d reviews", s.a.name(key), sh.Reviews), func() { s.open(key) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		bar := widget.NewProgressBar()
		bar.SetValue(sh.Share)
		objs = append(objs, b, bar)
	}
	s.reviewers.Objects = objs
	s.reviewers.Refresh()
}
