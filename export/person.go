package export

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	stdfnt "golang.org/x/image/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A4 in points.
const (
	a4W = vg.Length(595.28)
	a4H = vg.Length(841.89)
)

// Limits that keep a person page to one page.
const (
	maxMetricRows = 12
	maxEgo        = 12
)

func italic(size vg.Length, c color.Color) draw.TextStyle {
	s := style(size, false, c)
	s.Font.Style = stdfnt.StyleItalic
	return s
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// wrap breaks text into lines at most w wide in sty; a word wider than
// w is cut.
func wrap(sty draw.TextStyle, text string, w vg.Length) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		for sty.Width(word) > w {
			// Cut an overlong word.
			r := []rune(word)
			k := len(r)
			for k > 1 && sty.Width(string(r[:k])) > w {
				k--
			}
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			lines = append(lines, string(r[:k]))
			word = string(r[k:])
		}
		switch {
		case line == "":
			line = word
		case sty.Width(line+" "+word) <= w:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// formatValue formats a metric value for a page: percentages for "%",
// whole numbers for integer columns, else two decimals.
func formatValue(v float64, col metricCol) string {
	if !finite(v) {
		return "–"
	}
	switch {
	case col.unit == "%":
		return strconv.FormatFloat(v*100, 'f', 0, 64) + "%"
	case col.integer && v == math.Trunc(v):
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// pageLine is one line of the evidence block.
type pageLine struct {
	text   string
	sty    draw.TextStyle
	indent vg.Length
	bullet bool
	head   bool   // a role heading: drawn with a bar of the role's colour
	role   string // the heading's role
	gap    vg.Length
}

// drawPersonPage draws the page of person i on c, an A4 page.
func drawPersonPage(c draw.Canvas, m *model, i, page, pages int) {
	p := m.people[i]
	c.FillPolygon(white, rect(c.Min.X, c.Min.Y, c.Max.X, c.Max.Y))
	const margin = 42
	left, right := c.Min.X+margin, c.Max.X-margin
	width := right - left
	y := c.Max.Y - 34

	// Running head.
	small := style(8, false, muted)
	c.FillText(aligned(small, draw.XLeft, draw.YTop), vg.Point{X: left, Y: y}, fit(small, m.title, width*0.6))
	c.FillText(aligned(small, draw.XRight, draw.YTop), vg.Point{X: right, Y: y}, m.period)
	y -= small.Height("Ag") + 10

	// Name and who they are.
	nameSty := aligned(style(21, true, ink), draw.XLeft, draw.YTop)
	c.FillText(nameSty, vg.Point{X: left, Y: y}, fit(nameSty, p.Name, width))
	y -= nameSty.Height("Ag") + 3
	team := p.Team
	if team == "" {
		team = "No team"
	}
	meta := joinNonEmpty("  ·  ", team, p.Level, p.Title, p.Department)
	metaSty := aligned(style(10.5, false, muted), draw.XLeft, draw.YTop)
	c.FillText(metaSty, vg.Point{X: left, Y: y}, fit(metaSty, meta, width))
	y -= metaSty.Height("Ag") + 10

	// Role chips and confidence.
	chipSty := style(9, true, white)
	x := left
	chipH := vg.Length(16)
	roles := p.Roles
	if len(roles) == 0 {
		roles = []string{""}
	}
	for _, r := range roles {
		t := roleTitle(r)
		if r == "" {
			t = "No role this period"
		}
		w := chipSty.Width(t) + 14
		if x+w > right-150 {
			break
		}
		bg := roleColour(r)
		if r == "" {
			bg = color.RGBA{0x86, 0x8e, 0x96, 0xff}
		}
		c.FillPolygon(darker(bg), rect(x, y-chipH, x+w, y))
		c.FillText(aligned(chipSty, draw.XCenter, draw.YCenter), vg.Point{X: x + w/2, Y: y - chipH/2}, t)
		x += w + 6
	}
	confSty := aligned(style(9.5, false, ink), draw.XRight, draw.YCenter)
	conf := "Confidence: " + cmp(p.Confidence, "not given")
	c.FillText(confSty, vg.Point{X: right, Y: y - chipH/2}, conf)
	y -= chipH + 10
	c.StrokeLine2(draw.LineStyle{Color: rule, Width: 0.8}, left, y, right, y)
	y -= 14

	// The blocks below the evidence: the metrics table beside the ego
	// network, then the trend beside the coverage, then the footer. The
	// evidence takes what they leave; they follow it directly, and any
	// room left over makes the trend taller.
	const footerH = 76 // from the page's bottom edge to the rule above the caveat
	const gap = 18
	bottom := c.Min.Y + footerH
	tableW := width * 0.6
	egoX := left + tableW + 18
	rows := metricRows(m, p, tableW)
	midH := max(metricTableHeight(rows), egoHeight(right-egoX))
	lowH := vg.Length(128)

	// Evidence.
	head := aligned(style(11.5, true, ink), draw.XLeft, draw.YTop)
	c.FillText(head, vg.Point{X: left, Y: y}, "Roles and the evidence behind them")
	y -= head.Height("Ag") + 6
	body := style(9.5, false, ink)
	lead := body.Height("Ag") + 2.5
	var lines []pageLine
	groups := evidenceGroups(p)
	for gi, g := range groups {
		title := roleTitle(g.role)
		if g.role == "" {
			title = "Other observations"
		}
		var gapBefore vg.Length
		if gi > 0 {
			gapBefore = 4
		}
		lines = append(lines, pageLine{text: title, sty: style(9.5, true, ink), head: true, role: g.role, gap: gapBefore})
		if len(g.texts) == 0 {
			lines = append(lines, pageLine{text: "No sentence given.", sty: italic(9.5, muted), indent: 14})
		}
		for _, t := range g.texts {
			for k, l := range wrap(body, t, width-14) {
				lines = append(lines, pageLine{text: l, sty: body, indent: 14, bullet: k == 0})
			}
		}
	}
	if len(groups) == 0 {
		lines = append(lines, pageLine{text: "No evidence recorded for this period.", sty: italic(9.5, muted)})
	}
	avail := y - (bottom + lowH + gap + midH + gap)
	lines = fitEvidence(lines, lead, avail, width)
	for _, l := range lines {
		y -= l.gap
		if l.head {
			clr := roleColour(l.role)
			if l.role == "" {
				clr = color.RGBA{0x86, 0x8e, 0x96, 0xff}
			}
			c.FillPolygon(clr, rect(left, y-lead+3, left+4, y-1))
			c.FillText(aligned(l.sty, draw.XLeft, draw.YTop), vg.Point{X: left + 9, Y: y}, l.text)
		} else {
			if l.bullet {
				c.FillText(aligned(body, draw.XLeft, draw.YTop), vg.Point{X: left + l.indent - 8, Y: y}, "•")
			}
			c.FillText(aligned(l.sty, draw.XLeft, draw.YTop), vg.Point{X: left + l.indent, Y: y}, l.text)
		}
		y -= lead
	}
	y -= gap

	// Room left over makes the trend taller.
	lowH += min(max(0, y-bottom-(midH+gap+lowH)), 72)

	// Middle row: metrics table and ego network.
	drawMetricTable(&c, m, p, rows, left, y, tableW)
	drawEgo(&c, m, i, egoX, y, right-egoX, midH)
	y -= midH + gap

	// Lower row: trend and coverage.
	drawPageTrend(&c, m, i, left, y, tableW, lowH)
	drawCoverage(&c, p, egoX, y, right-egoX, lowH)

	// Footer: the caveat, then period and page.
	fy := bottom - 8
	c.StrokeLine2(draw.LineStyle{Color: rule, Width: 0.8}, left, fy, right, fy)
	cav := aligned(style(10, true, ink), draw.XCenter, draw.YTop)
	c.FillText(cav, vg.Point{X: (left + right) / 2, Y: fy - 8}, Caveat)
	foot := style(7.5, false, muted)
	info := "Period: " + m.period
	if m.hiddenNote != "" && p.teamHidden {
		info += "  ·  " + m.hiddenNote
	}
	c.FillText(aligned(foot, draw.XLeft, draw.YBottom), vg.Point{X: left, Y: c.Min.Y + 26}, fit(foot, info, width-70))
	if pages > 1 {
		c.FillText(aligned(foot, draw.XRight, draw.YBottom), vg.Point{X: right, Y: c.Min.Y + 26}, fmt.Sprintf("Page %d of %d", page, pages))
	}
}

type evidenceGroup struct {
	role  string
	texts []string
}

// evidenceGroups orders evidence by the person's roles, then the roles
// only evidence names, then general facts.
func evidenceGroups(p person) []evidenceGroup {
	var groups []evidenceGroup
	idx := map[string]int{}
	add := func(role string) {
		if _, ok := idx[role]; !ok {
			idx[role] = len(groups)
			groups = append(groups, evidenceGroup{role: role})
		}
	}
	for _, r := range p.Roles {
		add(r)
	}
	for _, e := range p.Evidence {
		if e.Role != "" {
			add(e.Role)
		}
	}
	for _, e := range p.Evidence {
		if strings.TrimSpace(e.Text) == "" {
			continue
		}
		add(e.Role)
		g := &groups[idx[e.Role]]
		g.texts = append(g.texts, e.Text)
	}
	return groups
}

var sectionHeadStyle = aligned(style(11.5, true, ink), draw.XLeft, draw.YTop)

// sectionHead draws a section's heading with its top at y and returns
// the y below it.
func sectionHead(c *draw.Canvas, x, y vg.Length, text string) vg.Length {
	c.FillText(sectionHeadStyle, vg.Point{X: x, Y: y}, text)
	return y - sectionHeadHeight()
}

func sectionHeadHeight() vg.Length { return sectionHeadStyle.Height("Ag") + 6 }

// fitEvidence keeps the evidence lines that fit in avail, each lead
// high plus its gap. When some do not fit, the last line kept ends in
// "…" and a note says the workbook has all of it.
func fitEvidence(lines []pageLine, lead, avail, width vg.Length) []pageLine {
	need := vg.Length(0)
	for _, l := range lines {
		need += lead + l.gap
	}
	if need <= avail {
		return lines
	}
	note := pageLine{text: "Evidence shortened to fit one page; the workbook's Evidence sheet lists all of it.", sty: italic(8.5, muted), gap: 3}
	room := avail - lead - note.gap
	var kept []pageLine
	used := vg.Length(0)
	for _, l := range lines {
		if used+lead+l.gap > room {
			break
		}
		kept = append(kept, l)
		used += lead + l.gap
	}
	// Do not end on a heading.
	for len(kept) > 0 && kept[len(kept)-1].head {
		kept = kept[:len(kept)-1]
	}
	if len(kept) > 0 {
		last := &kept[len(kept)-1]
		last.text = fit(last.sty, last.text+" …", width-last.indent)
		if !strings.HasSuffix(last.text, "…") {
			last.text += " …"
		}
	}
	return append(kept, note)
}

// The key-metrics table: the label (wrapped to two lines), the unit,
// the person's value and the two medians.
const (
	metricNumW  = vg.Length(58) // each number column
	metricUnitW = vg.Length(42)
	metricRowH  = vg.Length(15) // a row of one line; each more line adds metricLineH
	metricLineH = vg.Length(10)
)

var (
	metricBody = style(8.5, false, ink)
	metricBold = style(8.5, true, ink)
	metricUnit = style(8, false, muted)
	metricHead = style(8, true, muted)
)

// metricRow is one row of the key-metrics table.
type metricRow struct {
	label      []string // one or two lines
	unit       string
	value      string
	team, org  string
	teamHidden bool
	h          vg.Length
}

// metricRows lays out the first maxMetricRows metrics of p for a table
// w wide.
func metricRows(m *model, p person, w vg.Length) []metricRow {
	labelW := w - 3*metricNumW - metricUnitW - 8
	var rows []metricRow
	for k, mt := range p.Metrics {
		if k == maxMetricRows {
			break
		}
		mc := m.col(mt.Key)
		lines := wrap(metricBody, mc.label, labelW)
		if len(lines) > 2 {
			lines = []string{lines[0], fit(metricBody, strings.Join(lines[1:], " "), labelW)}
		}
		if len(lines) == 0 {
			lines = []string{""}
		}
		unit := mc.unit
		if unit == "%" {
			unit = ""
		}
		rows = append(rows, metricRow{
			label:      lines,
			unit:       fit(metricUnit, unit, metricUnitW-6),
			value:      formatValue(mt.Value, mc),
			team:       formatValue(mt.TeamMedian, mc),
			org:        formatValue(mt.OrgMedian, mc),
			teamHidden: p.teamHidden,
			h:          metricRowH + metricLineH*vg.Length(len(lines)-1),
		})
	}
	return rows
}

// metricTableHeight is the height of the table with its heading, header
// row and note.
func metricTableHeight(rows []metricRow) vg.Length {
	h := sectionHeadHeight() + metricRowH + 16
	for _, r := range rows {
		h += r.h
	}
	return h
}

func drawMetricTable(c *draw.Canvas, m *model, p person, rows []metricRow, x, top, w vg.Length) {
	y := sectionHead(c, x, top, "Key metrics")
	if len(rows) == 0 {
		c.FillText(aligned(italic(9, muted), draw.XLeft, draw.YTop), vg.Point{X: x, Y: y}, "No metrics for this period.")
		return
	}
	// Right edges of the value and median columns; the unit column
	// starts after the label.
	numRight := []vg.Length{x + w - 2*metricNumW - 4, x + w - metricNumW - 4, x + w - 4}
	unitX := x + w - 3*metricNumW - metricUnitW
	mid := y - metricRowH/2
	c.FillText(aligned(metricHead, draw.XLeft, draw.YCenter), vg.Point{X: x + 4, Y: mid}, "Metric")
	c.FillText(aligned(metricHead, draw.XLeft, draw.YCenter), vg.Point{X: unitX, Y: mid}, "Unit")
	for k, t := range []string{"Value", "Team median", "Org median"} {
		c.FillText(aligned(metricHead, draw.XRight, draw.YCenter), vg.Point{X: numRight[k], Y: mid}, t)
	}
	y -= metricRowH
	c.StrokeLine2(draw.LineStyle{Color: faint, Width: 0.6}, x, y, x+w, y)
	for k, r := range rows {
		if k%2 == 1 {
			c.FillPolygon(color.RGBA{0xf6, 0xf7, 0xf9, 0xff}, rect(x, y-r.h, x+w, y))
		}
		// Numbers and unit on the first line of the label.
		first := y - metricRowH/2
		for j, l := range r.label {
			c.FillText(aligned(metricBody, draw.XLeft, draw.YCenter), vg.Point{X: x + 4, Y: first - metricLineH*vg.Length(j)}, l)
		}
		c.FillText(aligned(metricUnit, draw.XLeft, draw.YCenter), vg.Point{X: unitX, Y: first}, r.unit)
		c.FillText(aligned(metricBold, draw.XRight, draw.YCenter), vg.Point{X: numRight[0], Y: first}, r.value)
		team, tsty := r.team, metricBody
		if r.teamHidden {
			team, tsty = "hidden", italic(8, muted)
		}
		c.FillText(aligned(tsty, draw.XRight, draw.YCenter), vg.Point{X: numRight[1], Y: first}, team)
		c.FillText(aligned(metricBody, draw.XRight, draw.YCenter), vg.Point{X: numRight[2], Y: first}, r.org)
		y -= r.h
	}
	c.StrokeLine2(draw.LineStyle{Color: faint, Width: 0.6}, x, y, x+w, y)
	if n := len(p.Metrics) - maxMetricRows; n > 0 {
		c.FillText(aligned(italic(8, muted), draw.XLeft, draw.YTop), vg.Point{X: x, Y: y - 4}, fmt.Sprintf("%d more in the workbook.", n))
	} else if p.teamHidden {
		c.FillText(aligned(italic(8, muted), draw.XLeft, draw.YTop), vg.Point{X: x, Y: y - 4}, fmt.Sprintf("Team medians hidden: the team has fewer than %d people.", m.minGroup))
	}
}

// neighbour is one tie of the ego network.
type neighbour struct {
	j         int
	gave, got float64
}

func egoNeighbours(m *model, i int) []neighbour {
	by := map[int]*neighbour{}
	for _, e := range m.edges {
		switch {
		case e.From == i && e.To != i:
			if by[e.To] == nil {
				by[e.To] = &neighbour{j: e.To}
			}
			by[e.To].gave += e.Weight
		case e.To == i && e.From != i:
			if by[e.From] == nil {
				by[e.From] = &neighbour{j: e.From}
			}
			by[e.From].got += e.Weight
		}
	}
	out := make([]neighbour, 0, len(by))
	for _, n := range by {
		out = append(out, *n)
	}
	sort.Slice(out, func(a, b int) bool {
		ta, tb := out[a].gave+out[a].got, out[b].gave+out[b].got
		if ta != tb {
			return ta > tb
		}
		return out[a].j < out[b].j
	})
	return out
}

var (
	givesColour    = color.RGBA{0x00, 0x72, 0xb2, 0xff}
	receivesColour = color.RGBA{0xe6, 0x9f, 0x00, 0xff}
	bothColour     = color.RGBA{0x6c, 0x4f, 0x9e, 0xff}
)

// egoLabelRoom is the room above and below the ego network's circle for
// the names at its top and bottom.
const egoLabelRoom = 22

// egoStretch is how much taller than wide the ego network's ellipse may
// be: names sit left and right of it, so it has more room up and down.
const egoStretch = 1.35

// egoRadius is the radius of the ego network's circle in a box w wide,
// leaving room for names on either side.
func egoRadius(w vg.Length) vg.Length { return max(30, w/2-52) }

// egoHeight is the height drawEgo needs in a box w wide.
func egoHeight(w vg.Length) vg.Length {
	return sectionHeadHeight() + 2*(egoRadius(w)*egoStretch+egoLabelRoom) + 20
}

func drawEgo(c *draw.Canvas, m *model, i int, x, top, w, h vg.Length) {
	y := sectionHead(c, x, top, "Who they work with")
	ns := egoNeighbours(m, i)
	rad := egoRadius(w)
	box := vg.Rectangle{Min: vg.Point{X: x, Y: max(top-h+20, y-2*(rad*egoStretch+egoLabelRoom))}, Max: vg.Point{X: x + w, Y: y}}
	if len(ns) == 0 {
		c.FillText(aligned(italic(9, muted), draw.XLeft, draw.YTop), vg.Point{X: x, Y: y}, "No ties in this period.")
		return
	}
	more := 0
	if len(ns) > maxEgo {
		more = len(ns) - maxEgo
		ns = ns[:maxEgo]
	}
	// Around the circle by team, then by name.
	sort.SliceStable(ns, func(a, b int) bool {
		pa, pb := m.people[ns[a].j], m.people[ns[b].j]
		if pa.Team != pb.Team {
			return pa.Team < pb.Team
		}
		return pa.Name < pb.Name
	})
	maxT := 0.0
	for _, n := range ns {
		maxT = max(maxT, n.gave+n.got)
	}
	ctr := vg.Point{X: (box.Min.X + box.Max.X) / 2, Y: (box.Min.Y + box.Max.Y) / 2}
	ry := min(rad*egoStretch, (box.Max.Y-box.Min.Y)/2-egoLabelRoom)
	lsty := style(7.5, false, ink)
	pos := make([]vg.Point, len(ns))
	for k := range ns {
		a := math.Pi/2 - 2*math.Pi*float64(k)/float64(len(ns))
		pos[k] = vg.Point{X: ctr.X + rad*vg.Length(math.Cos(a)), Y: ctr.Y + ry*vg.Length(math.Sin(a))}
	}
	for k, n := range ns {
		clr := bothColour
		switch {
		case n.got == 0:
			clr = givesColour
		case n.gave == 0:
			clr = receivesColour
		}
		c.StrokeLine2(draw.LineStyle{Color: withAlpha(clr, 0.75), Width: tieWidth(n.gave+n.got, maxT)}, ctr.X, ctr.Y, pos[k].X, pos[k].Y)
	}
	for k, n := range ns {
		q := m.people[n.j]
		drawMarker(c, "circle", pos[k], 4.5, teamColour(m.teamIndex(q.Team)), white, 0.8)
		a := math.Pi/2 - 2*math.Pi*float64(k)/float64(len(ns))
		cos, sin := math.Cos(a), math.Sin(a)
		pt := vg.Point{X: pos[k].X + vg.Length(cos)*8, Y: pos[k].Y + vg.Length(sin)*8}
		xa := draw.XCenter
		switch {
		case cos > 0.25:
			xa = draw.XLeft
		case cos < -0.25:
			xa = draw.XRight
		}
		ya := draw.YCenter
		if math.Abs(cos) <= 0.25 {
			if sin > 0 {
				ya = draw.YBottom
			} else {
				ya = draw.YTop
			}
		}
		c.FillText(aligned(lsty, xa, ya), pt, fit(lsty, q.Name, 62))
	}
	p := m.people[i]
	drawMarker(c, roleShape(p.primary), ctr, 8, teamColour(m.teamIndex(p.Team)), ringColour(p.primary), ringWidth(p.primary)+0.4)

	// Key.
	ky := box.Min.Y - 10
	kx := x
	ksty := style(7, false, muted)
	for _, k := range []struct {
		t string
		c color.Color
	}{{"gives help", givesColour}, {"receives help", receivesColour}, {"both ways", bothColour}} {
		c.StrokeLine2(draw.LineStyle{Color: k.c, Width: 2}, kx, ky, kx+12, ky)
		c.FillText(aligned(ksty, draw.XLeft, draw.YCenter), vg.Point{X: kx + 15, Y: ky}, k.t)
		kx += 15 + ksty.Width(k.t) + 10
	}
	if more > 0 {
		// On its own line under the key, which can fill the column's width.
		c.FillText(aligned(ksty, draw.XLeft, draw.YCenter), vg.Point{X: x, Y: ky - 10}, fmt.Sprintf("and %d more people, in the workbook", more))
	}
}

// drawPageTrend draws the trend of person i in the box below top, w × h,
// with its legend in rows beneath the plot.
func drawPageTrend(c *draw.Canvas, m *model, i int, x, top, w, h vg.Length) {
	y := sectionHead(c, x, top, "Trend")
	pl, sec := m.trendPlot(i, true)
	if pl == nil {
		c.FillText(aligned(italic(9, muted), draw.XLeft, draw.YTop), vg.Point{X: x, Y: y}, "No earlier periods to compare with.")
		return
	}
	// The legend: items side by side, wrapping into rows.
	type placedItem struct {
		it   legendItem
		at   vg.Point // the swatch's centre
		text string
	}
	lh := legendText.Height("Ag") + 3
	var items []placedItem
	lx, row := x, 0
	for _, it := range sec.items {
		label := fit(legendText, it.label, w-swatchW-6)
		iw := swatchW + 5 + legendText.Width(label) + 12
		if lx > x && lx+iw > x+w {
			lx, row = x, row+1
		}
		items = append(items, placedItem{it: it, at: vg.Point{X: lx + swatchW/2, Y: vg.Length(row)}, text: label})
		lx += iw
	}
	legendH := lh * vg.Length(row+1)
	base := top - h
	for _, p := range items {
		mid := base + legendH - lh*(p.at.Y+0.5)
		at := vg.Point{X: p.at.X, Y: mid}
		if p.it.swatch != nil {
			p.it.swatch(c, at)
		}
		c.FillText(aligned(legendText, draw.XLeft, draw.YCenter), vg.Point{X: at.X + swatchW/2 + 5, Y: mid}, p.text)
	}
	area := *c
	area.Min = vg.Point{X: x, Y: base + legendH + 4}
	area.Max = vg.Point{X: x + w, Y: y}
	drawTrend(pl, area)
}

func drawCoverage(c *draw.Canvas, p person, x, top, w, h vg.Length) {
	y := sectionHead(c, x, top, "Data coverage")
	body := style(9, false, ink)
	lead := body.Height("Ag") + 2
	cov := p.Coverage
	if strings.TrimSpace(cov) == "" {
		cov = "Not recorded."
	}
	lines := wrap(body, cov, w)
	lines = lines[:min(len(lines), 3)]
	for _, l := range lines {
		c.FillText(aligned(body, draw.XLeft, draw.YTop), vg.Point{X: x, Y: y}, l)
		y -= lead
	}
	y -= 6
	c.FillText(aligned(style(9, true, ink), draw.XLeft, draw.YTop), vg.Point{X: x, Y: y}, "Confidence: "+cmp(p.Confidence, "not given"))
	y -= lead
	note := italic(8.5, muted)
	nl := wrap(note, p.ConfidenceNote, w)
	room := int((y - (top - h)) / (note.Height("Ag") + 2))
	if len(nl) > room && room > 0 {
		nl = nl[:room]
		nl[room-1] = fit(note, nl[room-1]+" …", w)
	}
	for _, l := range nl {
		c.FillText(aligned(note, draw.XLeft, draw.YTop), vg.Point{X: x, Y: y}, l)
		y -= note.Height("Ag") + 2
	}
}

// personPDF renders the pages of the people idx (indices into m.people)
// into one PDF; page is called after each page. It stops between pages
// when stop returns an error.
func personPDF(m *model, idx []int, date time.Time, stop func() error, page func()) ([]byte, error) {
	if len(idx) == 0 {
		return nil, fmt.Errorf("person pdf: no people")
	}
	pc := newPDF(a4W, a4H, date)
	dc := draw.New(pc)
	for k, i := range idx {
		if err := stop(); err != nil {
			return nil, err
		}
		if k > 0 {
			pc.NextPage()
		}
		drawPersonPage(dc, m, i, k+1, len(idx))
		if page != nil {
			page()
		}
	}
	var buf strings.Builder
	if _, err := pc.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encode pdf: %w", err)
	}
	return []byte(buf.String()), nil
}
