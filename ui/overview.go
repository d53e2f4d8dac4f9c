package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/store"
)

// concentrationTop is the top share of people whose share of help the
// overview reports.
const concentrationTop = 0.05

// overviewScreen is the first screen: who is in scope, what the data
// covers, how concentrated help is, and the multipliers and bottlenecks
// at a glance.
type overviewScreen struct {
	open          func(key string)
	headcount     *widget.Label
	period        *widget.Label
	concentration *widget.Label
	sources       *widget.Label
	coverage      *widget.Label
	multipliers   *fyne.Container
	bottlenecks   *fyne.Container
	content       fyne.CanvasObject
}

func newOverviewScreen(open func(key string)) *overviewScreen {
	o := &overviewScreen{open: open,
		headcount: bigLabel(), period: bigLabel(), concentration: bigLabel(),
		sources: widget.NewLabel(""), coverage: widget.NewLabel(""),
		multipliers: container.NewVBox(), bottlenecks: container.NewVBox()}
	o.sources.Wrapping = fyne.TextWrapWord
	o.coverage.Wrapping = fyne.TextWrapWord
	o.concentration.Wrapping = fyne.TextWrapWord
	figures := container.NewGridWithColumns(3,
		widget.NewCard("In scope", "", o.headcount),
		widget.NewCard("Period", "", o.period),
		widget.NewCard("Concentration of help", "", o.concentration))
	data := container.NewGridWithColumns(2,
		widget.NewCard("Sources", "", o.sources),
		widget.NewCard("Coverage", "", o.coverage))
	roles := container.NewGridWithColumns(2,
		widget.NewCard("Multipliers", "substantial, responsive help to other teams", o.multipliers),
		widget.NewCard("Bottlenecks", "work concentrates and waits on them", o.bottlenecks))
	caveat := widget.NewLabel("These are signals to start a conversation with each person and their manager, not ratings. Every number links to its evidence on the People tab.")
	caveat.TextStyle.Italic = true
	caveat.Wrapping = fyne.TextWrapWord
	o.content = container.NewVScroll(container.NewPadded(container.NewVBox(figures, roles, data, caveat)))
	return o
}

func bigLabel() *widget.Label {
	l := widget.NewLabel("")
	l.SizeName = "subHeadingText"
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

func (o *overviewScreen) set(a *analysis, view viewSettings) {
	res := a.res
	inScope := 0
	for _, p := range res.People {
		if view.senior(p.Person.Level) {
			inScope++
		}
	}
	if len(view.SeniorLevels) > 0 {
		o.headcount.SetText(fmt.Sprintf("%d senior people (%s)\nof %d in the roster, %d teams", inScope, strings.Join(view.SeniorLevels, ", "), res.Org.People, res.Org.Teams))
	} else {
		o.headcount.SetText(fmt.Sprintf("%d people in %d teams\n%d reviews in the period", res.Org.People, res.Org.Teams, res.Org.Reviews))
	}
	o.period.SetText(fmt.Sprintf("%s\n%d days", res.Period, res.Period.Days()))
	o.concentration.SetText(concentrationText(res))
	o.sources.SetText(sourcesText(a.sources))
	o.coverage.SetText(coverageText(res))
	o.multipliers.Objects = o.roleList(a, graph.RoleMultiplier, view)
	o.multipliers.Refresh()
	o.bottlenecks.Objects = o.roleList(a, graph.RoleBottleneck, view)
	o.bottlenecks.Refresh()
}

func concentrationText(res *graph.Result) string {
	share := res.HelpConcentration(concentrationTop)
	n := max(1, (res.Org.People*5+99)/100)
	return fmt.Sprintf("The top 5%% (%d people) give %.0f%% of all help.\nNetwork research finds 20–35%% of collaboration comes from 3–5%% of people (Cross, Rebele & Grant 2016).", n, share*100)
}

// sourcesText lists the imported files by kind.
func sourcesText(srcs []store.Source) string {
	if len(srcs) == 0 {
		return "Nothing imported yet."
	}
	var b strings.Builder
	for _, s := range srcs {
		fmt.Fprintf(&b, "%s — %s, %s: %d records\n", s.Name, s.Kind, s.Format, s.Counts.Imported)
	}
	return strings.TrimSpace(b.String())
}

// coverageText says how many roster people each source sees.
func coverageText(res *graph.Result) string {
	var reviews, chat, meetings, none int
	for _, p := range res.People {
		c := p.Coverage
		if c.Reviews > 0 {
			reviews++
		}
		if c.Chat > 0 {
			chat++
		}
		if c.Meetings > 0 {
			meetings++
		}
		if c.Reviews+c.Chat+c.Meetings+c.Other == 0 {
			none++
		}
	}
	n := max(len(res.People), 1)
	pc := func(k int) string {
		return fmt.Sprintf("%d of %d (%.0f%%)", k, len(res.People), 100*float64(k)/float64(n))
	}
	return fmt.Sprintf("Code review sees %s\nChat sees %s\nCalendars see %s\nNo source sees %d people in this period",
		pc(reviews), pc(chat), pc(meetings), none)
}

// roleList is one button per person with role r (in scope), each with
// the first sentence of evidence, most confident first.
func (o *overviewScreen) roleList(a *analysis, r graph.Role, view viewSettings) []fyne.CanvasObject {
	var ps []*graph.PersonResult
	for i := range a.res.People {
		p := &a.res.People[i]
		if hasRole(p, r) && view.senior(p.Person.Level) {
			ps = append(ps, p)
		}
	}
	rank := map[string]int{"high": 0, "medium": 1, "low": 2}
	slices.SortStableFunc(ps, func(x, y *graph.PersonResult) int {
		if c := rank[x.Confidence] - rank[y.Confidence]; c != 0 {
			return c
		}
		return strings.Compare(x.Person.Name, y.Person.Name)
	})
	if len(ps) == 0 {
		return []fyne.CanvasObject{widget.NewLabel("No one in this period.")}
	}
	var out []fyne.CanvasObject
	for _, p := range ps {
		key := p.Person.Email
		btn := widget.NewButton(fmt.Sprintf("%s · %s · %s confidence", p.Person.Name, p.Person.Team, p.Confidence), func() { o.open(key) })
		btn.Alignment = widget.ButtonAlignLeading
		btn.Importance = widget.LowImportance
		why := widget.NewLabel(firstEvidence(p, r))
		why.Wrapping = fyne.TextWrapWord
		why.TextStyle.Italic = true
		out = append(out, btn, why)
	}
	return out
}

func firstEvidence(p *graph.PersonResult, r graph.Role) string {
	for _, e := range p.Evidence {
		if e.Role == r {
			return e.Text
		}
	}
	return ""
}
