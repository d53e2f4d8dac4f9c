package export

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the workbook.
const (
	sheetSummary  = "Summary"
	sheetEvidence = "Evidence"
	sheetTeams    = "Teams"
	sheetFlows    = "Flows"
	sheetQuadrant = "Quadrant"
	sheetTrend    = "Trend"
	sheetAbout    = "About"
)

// book wraps an excelize file with the styles and the writes the sheets
// share. Every text goes through neutralise and is stored as a string;
// no cell is ever a formula.
type book struct {
	f      *excelize.File
	err    error
	header int
	wrap   int
	num    map[numFormat]int
	italic int
	title  int
}

func (b *book) check(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

func (b *book) text(sheet string, col, row int, s string) {
	if s == "" {
		return
	}
	ref, err := excelize.CoordinatesToCellName(col, row)
	b.check(err)
	b.check(b.f.SetCellStr(sheet, ref, neutralise(s)))
}

func (b *book) cell(sheet string, col, row int, c cell) {
	if !c.isNum {
		b.text(sheet, col, row, c.text)
		return
	}
	if !finite(c.num) {
		return
	}
	ref, err := excelize.CoordinatesToCellName(col, row)
	b.check(err)
	b.check(b.f.SetCellFloat(sheet, ref, c.num, -1, 64))
	b.check(b.f.SetCellStyle(sheet, ref, ref, b.num[c.fmt]))
}

func ref(col, row int) string {
	s, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic("export: " + err.Error())
	}
	return s
}

// absRef is 'Sheet'!$A$1.
func absRef(sheet string, col, row int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("'%s'!$%s$%d", sheet, name, row)
}

// table writes t with a styled header at row 1, sets the column widths,
// the auto-filter and the frozen header row (and first column).
func (b *book) table(sheet string, t table, wide map[int]float64) {
	for i, h := range t.header {
		b.text(sheet, i+1, 1, h)
	}
	if len(t.header) > 0 {
		b.check(b.f.SetCellStyle(sheet, "A1", ref(len(t.header), 1), b.header))
		b.check(b.f.SetRowHeight(sheet, 1, 30))
	}
	for r, row := range t.rows {
		for i, c := range row {
			b.cell(sheet, i+1, r+2, c)
		}
	}
	for i := range t.header {
		w := float64(utf8.RuneCountInString(t.header[i]))*0.6 + 3
		for _, row := range t.rows {
			if i < len(row) {
				c := row[i]
				n := 10.0
				if !c.isNum {
					n = float64(utf8.RuneCountInString(c.text)) + 2
				}
				w = max(w, n)
			}
		}
		w = max(8, min(w, 48))
		if fw, ok := wide[i]; ok {
			w = fw
			col, _ := excelize.ColumnNumberToName(i + 1)
			b.check(b.f.SetColStyle(sheet, col, b.wrap))
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		b.check(b.f.SetColWidth(sheet, col, col, w))
	}
	if len(t.header) > 0 {
		last := max(2, len(t.rows)+1)
		b.check(b.f.AutoFilter(sheet, "A1:"+ref(len(t.header), last), nil))
		b.check(b.f.SetPanes(sheet, &excelize.Panes{
			Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
			Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}},
		}))
	}
}

func richTitle(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Bold: true, Size: 13, Color: "212529"}}}}
}

func axisTitle(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Size: 10, Color: "495057"}}}}
}

func hex(role string) string {
	c := roleColour(role)
	return fmt.Sprintf("%02X%02X%02X", c.R, c.G, c.B)
}

// workbook builds the .xlsx: Summary, Evidence, Teams (with the team
// chart), Flows, Quadrant (with the quadrant chart), Trend and About.
func workbook(m *model) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f, num: map[numFormat]int{}}
	var err error
	b.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "212529"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E9ECEF"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "ADB5BD", Style: 1}},
	})
	b.check(err)
	b.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	b.check(err)
	b.italic, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "5F666D"}})
	b.check(err)
	b.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	b.check(err)
	// In a fixed order, so the style numbers are the same every time.
	for _, nf := range []struct {
		f  numFormat
		id int
	}{{fmtGeneral, 0}, {fmtInt, 1}, {fmtDec, 2}, {fmtPct, 9}} {
		b.num[nf.f], err = f.NewStyle(&excelize.Style{NumFmt: nf.id})
		b.check(err)
	}

	b.check(f.SetSheetName("Sheet1", sheetSummary))
	for _, s := range []string{sheetEvidence, sheetTeams, sheetFlows, sheetQuadrant, sheetTrend, sheetAbout} {
		_, err := f.NewSheet(s)
		b.check(err)
	}

	// Summary.
	pt := peopleTable(m)
	b.table(sheetSummary, pt, nil)

	// Evidence.
	ev := table{header: []string{"Name", "Team", "Role", "Confidence", "Evidence"}}
	for _, p := range m.people {
		for _, e := range p.Evidence {
			role := e.Role
			if role == "" {
				role = "general"
			}
			ev.rows = append(ev.rows, []cell{textCell(p.Name), textCell(p.Team), textCell(role), textCell(p.Confidence), textCell(e.Text)})
		}
	}
	b.table(sheetEvidence, ev, map[int]float64{4: 100})

	// Teams and the team chart.
	visible := teamsSheet(b, m)
	if visible > 0 {
		last := visible + 1
		var series []excelize.ChartSeries
		for k, col := range []int{7, 8, 9} {
			series = append(series, excelize.ChartSeries{
				Name:       absRef(sheetTeams, col, 1),
				Categories: fmt.Sprintf("'%s'!$A$2:$A$%d", sheetTeams, last),
				Values:     fmt.Sprintf("'%s'!$%s$2:$%s$%d", sheetTeams, colName(col), colName(col), last),
				Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{[]string{"ADB5BD", "0072B2", "E69F00"}[k]}},
			})
		}
		b.check(f.AddChart(sheetTeams, ref(len(teamHeader(m))+2, 2), &excelize.Chart{
			Type:      excelize.Col,
			Series:    series,
			Title:     richTitle("Help given and received by team (" + m.flows.unit + ")"),
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 720, Height: 400},
			XAxis:     excelize.ChartAxis{Title: axisTitle("Team")},
			YAxis:     excelize.ChartAxis{MajorGridLines: true, Title: axisTitle("Help (" + m.flows.unit + ")")},
			Format:    excelize.GraphicOptions{AltText: "Help given inside the team, to other teams and received from other teams"},
		}))
	}

	// Flows.
	flowsSheet(b, m)

	// Quadrant and its chart.
	quadrantSheet(b, m)

	// Trend.
	trendSheet(b, m)

	// About.
	aboutSheet(b, m)

	date := m.generated.Format(time.RFC3339)
	b.check(f.SetDocProps(&excelize.DocProperties{
		Creator:        "Multiplier",
		LastModifiedBy: "Multiplier",
		Title:          "Calibration export",
		Subject:        m.period,
		Description:    Caveat,
		Created:        date,
		Modified:       date,
		Language:       "en-GB",
	}))
	b.check(f.SetAppProps(&excelize.AppProperties{Application: "Multiplier", DocSecurity: 0, ScaleCrop: false, AppVersion: "1.0000"}))
	f.SetActiveSheet(0)
	if b.err != nil {
		return nil, fmt.Errorf("workbook: %w", b.err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	out, err := sortContentTypes(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	return out, nil
}

var contentDefault = regexp.MustCompile(`<Default [^>]*?(?:/>|></Default>)`)

// sortContentTypes returns the workbook xlsx with the <Default> entries
// of its [Content_Types].xml in order of extension. excelize adds the
// image types a drawing may hold from a map, in another order each
// time; sorted, the same workbook gives the same bytes. Every other part
// is copied as it is, in the same order.
func sortContentTypes(xlsx []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", zf.Name, err)
		}
		if zf.Name == "[Content_Types].xml" {
			locs := contentDefault.FindAllIndex(data, -1)
			defs := make([]string, len(locs))
			for i, l := range locs {
				defs[i] = string(data[l[0]:l[1]])
			}
			sort.Strings(defs)
			var out []byte
			last := 0
			for i, l := range locs {
				out = append(out, data[last:l[0]]...)
				out = append(out, defs[i]...)
				last = l[1]
			}
			data = append(out, data[last:]...)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func colName(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}

func teamHeader(m *model) []string {
	u := " (" + m.flows.unit + ")"
	return []string{"Team", "People", "Multipliers", "Bottlenecks", "Connectors", "Solo contributors",
		"Help inside the team" + u, "Help to other teams" + u, "Help from other teams" + u,
		"Share of help given to other teams", "Note"}
}

// teamsSheet writes the Teams sheet, visible teams first; it returns how
// many are visible.
func teamsSheet(b *book, m *model) int {
	t := table{header: teamHeader(m)}
	visible := 0
	for _, tr := range m.teams {
		if tr.hidden {
			t.rows = append(t.rows, []cell{textCell(tr.Name), textCell(fmt.Sprintf("fewer than %d", m.minGroup)),
				{}, {}, {}, {}, {}, {}, {}, {}, textCell(fmt.Sprintf("Hidden: fewer than %d people", m.minGroup))})
			continue
		}
		visible++
		share := math.NaN()
		if tot := tr.HelpInside + tr.HelpOut; tot > 0 {
			share = tr.HelpOut / tot
		}
		t.rows = append(t.rows, []cell{textCell(tr.Name), numCell(float64(tr.People), fmtInt),
			numCell(float64(tr.Multipliers), fmtInt), numCell(float64(tr.Bottlenecks), fmtInt),
			numCell(float64(tr.Connectors), fmtInt), numCell(float64(tr.Solo), fmtInt),
			numCell(tr.HelpInside, fmtDec), numCell(tr.HelpOut, fmtDec), numCell(tr.HelpIn, fmtDec),
			numCell(share, fmtPct), {}})
	}
	b.table(sheetTeams, t, nil)
	return visible
}

func flowsSheet(b *book, m *model) {
	f := m.flows
	t := table{header: []string{"From \\ to (" + f.unit + ")"}}
	for i, name := range f.teams {
		if f.hidden[i] {
			name += " (hidden)"
		}
		t.header = append(t.header, name)
	}
	for i, name := range f.teams {
		if f.hidden[i] {
			name += " (hidden)"
		}
		row := []cell{textCell(name)}
		for j := range f.teams {
			if f.hidden[i] || f.hidden[j] {
				row = append(row, textCell("hidden"))
			} else {
				row = append(row, numCell(f.w[i][j], fmtDec))
			}
		}
		t.rows = append(t.rows, row)
	}
	b.table(sheetFlows, t, nil)
	if m.hiddenNote != "" {
		b.text(sheetFlows, 1, len(t.rows)+3, m.hiddenNote)
	}
}

// quadrantSheet lists the people by role, one block per role, and draws
// the quadrant as a native scatter chart with one series per role and
// the two median lines.
func quadrantSheet(b *book, m *model) {
	idx := make([]int, len(m.people))
	for i := range idx {
		idx[i] = i
	}
	rank := func(r string) int {
		if k := slices.Index(rolePriority, r); k >= 0 {
			return k
		}
		if r == "" {
			return len(rolePriority) + 1
		}
		return len(rolePriority)
	}
	sort.SliceStable(idx, func(a, c int) bool {
		pa, pc := m.people[idx[a]], m.people[idx[c]]
		if ra, rc := rank(pa.primary), rank(pc.primary); ra != rc {
			return ra < rc
		}
		if pa.primary != pc.primary {
			return pa.primary < pc.primary
		}
		return pa.Name < pc.Name
	})
	t := table{header: []string{"Name", "Team", "Role", m.outLabel, m.levLabel}}
	type block struct {
		role        string
		first, last int
	}
	var blocks []block
	for k, i := range idx {
		p := m.people[i]
		row := k + 2
		role := roleTitle(p.primary)
		if len(blocks) == 0 || blocks[len(blocks)-1].role != p.primary {
			blocks = append(blocks, block{role: p.primary, first: row})
		}
		blocks[len(blocks)-1].last = row
		t.rows = append(t.rows, []cell{textCell(p.Name), textCell(p.Team), textCell(role), numCell(p.Output, fmtDec), numCell(p.Leverage, fmtDec)})
	}
	b.table(sheetQuadrant, t, nil)
	if len(t.rows) == 0 {
		return
	}

	// Median lines: two points each, in columns G:I.
	var xs, ys []float64
	xmax, ymax := 0.0, 0.0
	for _, p := range m.people {
		xs, ys = append(xs, p.Output), append(ys, p.Leverage)
		if finite(p.Output) {
			xmax = max(xmax, p.Output)
		}
		if finite(p.Leverage) {
			ymax = max(ymax, p.Leverage)
		}
	}
	medX, medY := median(xs), median(ys)
	b.text(sheetQuadrant, 7, 1, "Median line")
	b.text(sheetQuadrant, 8, 1, "x")
	b.text(sheetQuadrant, 9, 1, "y")
	b.check(b.f.SetCellStyle(sheetQuadrant, "G1", "I1", b.header))
	lines := [][3]any{{"Median output", medX, 0.0}, {"Median output", medX, ymax}, {"Median leverage", 0.0, medY}, {"Median leverage", xmax, medY}}
	for k, l := range lines {
		b.text(sheetQuadrant, 7, k+2, l[0].(string))
		b.cell(sheetQuadrant, 8, k+2, numCell(l[1].(float64), fmtDec))
		b.cell(sheetQuadrant, 9, k+2, numCell(l[2].(float64), fmtDec))
	}
	b.check(b.f.SetColWidth(sheetQuadrant, "G", "G", 18))

	var series []excelize.ChartSeries
	for _, bl := range blocks {
		symbol := map[string]string{"star": "star", "square": "square", "diamond": "diamond", "triangle": "triangle"}[roleShape(bl.role)]
		if symbol == "" {
			symbol = "circle"
		}
		series = append(series, excelize.ChartSeries{
			Name:       absRef(sheetQuadrant, 3, bl.first),
			Categories: fmt.Sprintf("'%s'!$D$%d:$D$%d", sheetQuadrant, bl.first, bl.last),
			Values:     fmt.Sprintf("'%s'!$E$%d:$E$%d", sheetQuadrant, bl.first, bl.last),
			Marker: excelize.ChartMarker{Symbol: symbol, Size: 8,
				Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex(bl.role)}},
				Border: excelize.LineOptions{Type: excelize.LineSolid, Width: 0.75, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFFFF"}}}},
			Line: excelize.LineOptions{Type: excelize.LineNone},
		})
	}
	if finite(medX) && finite(medY) {
		for k := range 2 {
			series = append(series, excelize.ChartSeries{
				Name:       absRef(sheetQuadrant, 7, 2+2*k),
				Categories: fmt.Sprintf("'%s'!$H$%d:$H$%d", sheetQuadrant, 2+2*k, 3+2*k),
				Values:     fmt.Sprintf("'%s'!$I$%d:$I$%d", sheetQuadrant, 2+2*k, 3+2*k),
				Marker:     excelize.ChartMarker{Symbol: "none"},
				Line:       excelize.LineOptions{Type: excelize.LineSolid, Dash: excelize.LineDashDash, Width: 1.25},
				Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"868E96"}},
			})
		}
	}
	b.check(b.f.AddChart(sheetQuadrant, "K2", &excelize.Chart{
		Type:      excelize.Scatter,
		Series:    series,
		Title:     richTitle("Output and leverage"),
		Legend:    excelize.ChartLegend{Position: "right"},
		Dimension: excelize.ChartDimension{Width: 760, Height: 480},
		XAxis:     excelize.ChartAxis{Title: axisTitle(m.outLabel), MajorGridLines: true},
		YAxis:     excelize.ChartAxis{Title: axisTitle(m.levLabel), MajorGridLines: true},
		Format:    excelize.GraphicOptions{AltText: "Scatter of own output against leverage, one series per role, with median lines"},
	}))
}

// trendSheet lists every person's trend points, one row per period.
func trendSheet(b *book, m *model) {
	seen := map[string]bool{}
	var keys []string
	for _, c := range m.cols {
		for _, p := range m.people {
			for _, tp := range p.Trend {
				if _, ok := tp.Values[c.key]; ok && !seen[c.key] {
					seen[c.key] = true
					keys = append(keys, c.key)
				}
			}
		}
	}
	var extra []string
	for _, p := range m.people {
		for _, tp := range p.Trend {
			for k := range tp.Values {
				if !seen[k] {
					seen[k] = true
					extra = append(extra, k)
				}
			}
		}
	}
	sort.Strings(extra)
	keys = append(keys, extra...)
	t := table{header: []string{"Name", "Team", "Period"}}
	for _, k := range keys {
		t.header = append(t.header, m.col(k).header())
	}
	for _, p := range m.people {
		for _, tp := range p.Trend {
			row := []cell{textCell(p.Name), textCell(p.Team), textCell(tp.Label)}
			for _, k := range keys {
				v, ok := tp.Values[k]
				if !ok {
					v = math.NaN()
				}
				f := fmtDec
				if c := m.col(k); c.unit == "%" {
					f = fmtPct
				} else if v == math.Trunc(v) {
					f = fmtInt
				}
				row = append(row, numCell(v, f))
			}
			t.rows = append(t.rows, row)
		}
	}
	b.table(sheetTrend, t, nil)
}

func aboutSheet(b *book, m *model) {
	s := sheetAbout
	b.text(s, 1, 1, cmp(m.title, "Calibration export"))
	b.check(b.f.SetCellStyle(s, "A1", "A1", b.title))
	variant := "Named: people appear with their names and emails."
	if m.anon {
		variant = "Anonymised: people appear under pseudonyms; names and emails are removed from all text."
	}
	rows := [][2]string{
		{"Period", m.period},
		{"Generated", m.generated.Format(time.DateOnly)},
		{"People", fmt.Sprint(len(m.people))},
		{"Variant", variant},
		{"Small teams", cmp(m.hiddenNote, "No team aggregates are hidden.")},
		{"Text cells", "Text that begins with =, +, -, @ or a tab is prefixed with ' so no spreadsheet reads it as a formula."},
		{"Read with care", Caveat},
	}
	for k, r := range rows {
		b.text(s, 1, k+3, r[0])
		b.text(s, 2, k+3, r[1])
	}
	b.check(b.f.SetCellStyle(s, "A3", ref(1, len(rows)+2), b.header))
	b.check(b.f.SetColWidth(s, "A", "A", 16))
	b.check(b.f.SetColWidth(s, "B", "B", 110))
}
