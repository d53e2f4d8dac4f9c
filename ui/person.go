package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/graph"
)

// personPane is the person page: who they are, their roles with the
// evidence, confidence and coverage for each, key numbers against the
// team and organisation medians with a quarterly trend, their ego network
// and what would happen if they left.
type personPane struct {
	open     func(key string)
	name     *widget.Label
	about    *widget.Label
	chips    *fyne.Container
	evidence *widget.RichText
	keys     *fyne.Container
	ego      *mapView
	whatIf   *widget.Label
	numbers  *widget.Form
	scroll   *container.Scroll
	content  fyne.CanvasObject

	a   *analysis
	cur *graph.PersonResult
}

// caveatText is the line every person page carries.
const caveatText = "These numbers are signals for a conversation, not ratings. Each role lists the numbers that triggered it."

func newPersonPane(open func(string)) *personPane {
	p := &personPane{
		open:     open,
		name:     widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		about:    widget.NewLabel(""),
		chips:    container.NewHBox(),
		evidence: widget.NewRichText(),
		keys:     container.New(&columnsLayout{widths: []float32{190, 80, 95, 95, 120}}),
		ego:      newMapView(open),
		whatIf:   widget.NewLabel(""),
		numbers:  widget.NewForm(),
	}
	p.name.SizeName = "headingText"
	p.about.Wrapping = fyne.TextWrapWord
	p.evidence.Wrapping = fyne.TextWrapWord
	p.whatIf.Wrapping = fyne.TextWrapWord
	p.ego.keepAspect, p.ego.margin = true, 28
	caveat := widget.NewLabel(caveatText)
	caveat.Wrapping = fyne.TextWrapWord
	caveat.Importance = widget.WarningImportance
	ego := container.NewGridWrap(fyne.NewSize(540, 360), p.ego)
	all := widget.NewAccordion(widget.NewAccordionItem("All numbers", p.numbers))
	body := container.NewVBox(p.name, p.about, p.chips, caveat,
		widget.NewCard("Why", "", p.evidence),
		widget.NewCard("Key numbers", "against the team and organisation medians; the trend is quarter by quarter", p.keys),
		widget.NewCard("Ego network", "who they help and who helps them; click a person to open them", container.NewCenter(ego)),
		widget.NewCard("What if they left", "", p.whatIf),
		all)
	p.scroll = container.NewVScroll(container.NewPadded(body))
	p.content = p.scroll
	p.show(nil)
	return p
}

// set keeps the analysis the page reads medians, trends and ties from,
// and shows the current person again with it.
func (p *personPane) set(a *analysis) {
	p.a = a
	if p.cur != nil {
		if r, ok := a.byKey[p.cur.Person.Email]; ok {
			p.show(r)
		}
	}
}

// show fills the page with r, or with a hint when r is nil.
func (p *personPane) show(r *graph.PersonResult) {
	p.cur = r
	if r == nil {
		p.name.SetText("No one selected")
		p.about.SetText("Pick a person in the table to see the evidence behind their roles.")
		p.chips.Objects = nil
		p.chips.Refresh()
		p.evidence.Segments = nil
		p.evidence.Refresh()
		p.keys.Objects = nil
		p.keys.Refresh()
		p.ego.setData(nil, nil, nil, nil, true)
		p.whatIf.SetText("")
		p.numbers.Items = nil
		p.numbers.Refresh()
		return
	}
	p.name.SetText(r.Person.Name)
	p.about.SetText(about(r))
	chips := roleChips(r.Roles)
	if len(chips) == 0 {
		chips = []fyne.CanvasObject{chip("no role", roleColor(""))}
	}
	conf := widget.NewLabel(r.Confidence + " confidence")
	conf.TextStyle.Italic = true
	p.chips.Objects = append(chips, conf)
	p.chips.Refresh()
	p.evidence.Segments = evidenceSegments(r)
	p.evidence.Refresh()
	if p.a != nil {
		p.keys.Objects = keyNumbers(p.a, r)
		p.keys.Refresh()
		p.showEgo(r)
	}
	p.whatIf.SetText(whatIf(r))
	p.numbers.Items = numberItems(r)
	p.numbers.Refresh()
}

func about(r *graph.PersonResult) string {
	return identity(r) + "\nConfidence: " + r.ConfidenceNote + ".\nData coverage: seen in " + coverage(r.Coverage) + "."
}

// whatIf says which team pairs would lose their only link and which areas
// would have no reviewer with a fifth of the reviews.
func whatIf(r *graph.PersonResult) string {
	m := r.Metrics
	var b strings.Builder
	if len(m.OnlyLinkFor) == 0 {
		b.WriteString("No pair of teams depends on them alone for a tie.\n")
	} else {
		fmt.Fprintf(&b, "%d team pairs would lose their only link: %s.\n", len(m.OnlyLinkFor), strings.Join(m.OnlyLinkFor, "; "))
	}
	if len(m.SoleReviewerOf) == 0 {
		b.WriteString("Every area they review has another reviewer with at least 20% of its reviews.")
	} else {
		fmt.Fprintf(&b, "%d areas would be left with no reviewer holding 20%% of the reviews: %s.", len(m.SoleReviewerOf), strings.Join(m.SoleReviewerOf, ", "))
	}
	return b.String()
}

func coverage(c graph.Coverage) string {
	return fmt.Sprintf("%d reviews, %d chat records, %d meetings", c.Reviews, c.Chat, c.Meetings)
}

func identity(r *graph.PersonResult) string {
	var parts []string
	for _, s := range []string{r.Person.Title, r.Person.Level, r.Person.Team, r.Person.Email} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// evidenceSegments lists the roles, each as a heading followed by the
// sentences that fired it, then the general facts.
func evidenceSegments(r *graph.PersonResult) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	if len(r.Roles) == 0 {
		segs = append(segs, heading("No role: nothing stands out in this period"))
	}
	for _, role := range r.Roles {
		segs = append(segs, heading(roleTitle(role)))
		segs = append(segs, bullets(r.Evidence, role)...)
	}
	segs = append(segs, heading("Activity"))
	return append(segs, bullets(r.Evidence, "")...)
}

func roleTitle(role graph.Role) string {
	switch role {
	case graph.RoleMultiplier:
		return "Multiplier: substantial, responsive help to other teams"
	case graph.RoleBottleneck:
		return "Bottleneck: work concentrates and waits on them"
	case graph.RoleSolo:
		return "Solo contributor: high own output, little help to others"
	case graph.RoleConnector:
		return "Connector: bridges teams"
	case graph.RolePeripheral:
		return "Peripheral: few ties in this period"
	}
	return string(role)
}

func heading(s string) widget.RichTextSegment {
	return &widget.TextSegment{Text: s, Style: widget.RichTextStyleSubHeading}
}

func bullets(ev []graph.Evidence, role graph.Role) []widget.RichTextSegment {
	var items []widget.RichTextSegment
	for _, e := range ev {
		if e.Role == role {
			items = append(items, &widget.TextSegment{Text: e.Text, Style: widget.RichTextStyleParagraph})
		}
	}
	if len(items) == 0 {
		return nil
	}
	return []widget.RichTextSegment{&widget.ListSegment{Items: items}}
}

func numberItems(r *graph.PersonResult) []*widget.FormItem {
	m := r.Metrics
	row := func(k, v string) *widget.FormItem { return widget.NewFormItem(k, widget.NewLabel(v)) }
	gate := "–"
	if m.GatekeeperRepo != "" {
		gate = fmt.Sprintf("%s of %s", pct(m.GatekeeperShare), m.GatekeeperRepo)
	}
	team := "–"
	if m.TeamShareTeam != "" {
		team = fmt.Sprintf("reviewed %s of the changes %s authored", pct(m.TeamShare), m.TeamShareTeam)
	}
	vs := "–"
	if m.TurnaroundVsOrg > 0 {
		vs = fmt.Sprintf("%.1f× the organisation's median", m.TurnaroundVsOrg)
	}
	return []*widget.FormItem{
		row("Reviews given / received", fmt.Sprintf("%d / %d", m.ReviewsGiven, m.ReviewsReceived)),
		row("Changes authored", fmt.Sprint(m.ChangesAuthored)),
		row("Authors helped", fmt.Sprint(m.AuthorsHelped)),
		row("Outside own team", fmt.Sprintf("%d reviews (%s), %d teams helped meaningfully", m.CrossTeamReviews, pct(m.CrossTeamShare), m.TeamsHelped)),
		row("Median turnaround", turnaround(r)+"  ("+vs+")"),
		row("Largest repository share", gate),
		row("Largest team coverage", team),
		row("Reviews waiting at once", fmt.Sprintf("%.2f", m.WaitingLoad)),
		row("Chat threads answered", fmt.Sprint(m.ThreadsAnswered)),
		row("Escalations pulled into", fmt.Sprint(m.Escalations)),
		row("Meetings per week", fmt.Sprintf("%.1f h (1:1s with manager or reports %.1f h)", m.MeetingHoursPerWeek, m.OneOnOneHoursPerWeek)),
		row("Betweenness / PageRank", fmt.Sprintf("%.4f / %.4f", m.Betweenness, m.PageRank)),
	}
}
