package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/graph"
)

// personPane shows one person: who they are, their roles with the
// evidence for each, and their numbers.
type personPane struct {
	name     *widget.Label
	about    *widget.Label
	evidence *widget.RichText
	numbers  *widget.Form
	content  fyne.CanvasObject
}

func newPersonPane() *personPane {
	p := &personPane{
		name:     widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		about:    widget.NewLabel(""),
		evidence: widget.NewRichText(),
		numbers:  widget.NewForm(),
	}
	p.name.SizeName = "headingText"
	p.about.Wrapping = fyne.TextWrapWord
	p.evidence.Wrapping = fyne.TextWrapWord
	caveat := widget.NewLabel("These are signals to start a conversation, not ratings. Each role lists the numbers that triggered it.")
	caveat.Wrapping = fyne.TextWrapWord
	caveat.Importance = widget.LowImportance
	body := container.NewVBox(p.name, p.about, widget.NewSeparator(), p.evidence,
		widget.NewSeparator(), p.numbers, caveat)
	p.content = container.NewVScroll(container.NewPadded(body))
	p.show(nil)
	return p
}

// show fills the pane with r, or with a hint when r is nil.
func (p *personPane) show(r *graph.PersonResult) {
	if r == nil {
		p.name.SetText("No one selected")
		p.about.SetText("Pick a person in the table to see the evidence behind their roles.")
		p.evidence.Segments = nil
		p.evidence.Refresh()
		p.numbers.Items = nil
		p.numbers.Refresh()
		return
	}
	p.name.SetText(r.Person.Name)
	p.about.SetText(about(r))
	p.evidence.Segments = evidenceSegments(r)
	p.evidence.Refresh()
	p.numbers.Items = numberItems(r)
	p.numbers.Refresh()
}

func about(r *graph.PersonResult) string {
	return identity(r) + "\nConfidence " + r.ConfidenceNote + ". Seen in " + coverage(r.Coverage) + "."
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
