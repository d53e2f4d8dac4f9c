package export

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
)

// neutralise keeps a text cell from being read as a formula by a
// spreadsheet (OWASP "CSV injection"): text that begins with =, +, -, @,
// a tab or a carriage return gets a leading single quote.
func neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// numFormat is how a number cell is shown.
type numFormat int

const (
	fmtGeneral numFormat = iota
	fmtInt               // 0
	fmtDec               // 0.00
	fmtPct               // 0%
)

// cell is one value of a table: text, or a number (NaN: blank).
type cell struct {
	text  string
	num   float64
	isNum bool
	fmt   numFormat
}

func textCell(s string) cell { return cell{text: s} }

func numCell(v float64, f numFormat) cell { return cell{num: v, isNum: true, fmt: f} }

// csvField is the cell as CSV text: numbers in Go's shortest form,
// blank when not known; text neutralised.
func (c cell) csvField() string {
	if c.isNum {
		if !finite(c.num) {
			return ""
		}
		return strconv.FormatFloat(c.num, 'f', -1, 64)
	}
	return neutralise(c.text)
}

// table is a header and rows of cells.
type table struct {
	header []string
	rows   [][]cell
}

func colFormat(c metricCol) numFormat {
	switch {
	case c.unit == "%":
		return fmtPct
	case c.integer:
		return fmtInt
	}
	return fmtDec
}

// peopleTable is the Summary sheet and the CSV: one row per person.
func peopleTable(m *model) table {
	t := table{header: []string{"Name"}}
	if !m.anon {
		t.header = append(t.header, "Email")
	}
	t.header = append(t.header, "Team", "Department", "Level", "Title", "Roles", "Confidence", "Coverage", m.outLabel, m.levLabel)
	for _, c := range m.cols {
		t.header = append(t.header, c.header())
	}
	outFmt, levFmt := fmtInt, fmtDec
	for _, p := range m.people {
		if p.Output != math.Trunc(p.Output) {
			outFmt = fmtDec
		}
	}
	for _, p := range m.people {
		row := []cell{textCell(p.Name)}
		if !m.anon {
			row = append(row, textCell(p.Email))
		}
		row = append(row, textCell(p.Team), textCell(p.Department), textCell(p.Level), textCell(p.Title),
			textCell(strings.Join(p.Roles, ", ")), textCell(p.Confidence), textCell(p.Coverage),
			numCell(p.Output, outFmt), numCell(p.Leverage, levFmt))
		byKey := map[string]float64{}
		for _, mt := range p.Metrics {
			byKey[mt.Key] = mt.Value
		}
		for _, c := range m.cols {
			v, ok := byKey[c.key]
			if !ok {
				v = math.NaN()
			}
			row = append(row, numCell(v, colFormat(c)))
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// peopleCSV is the people table as CSV: UTF-8 with a byte-order mark (so
// Excel reads the dashes and accents right), CRLF line ends (RFC 4180).
func peopleCSV(m *model) ([]byte, error) {
	t := peopleTable(m)
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	head := make([]string, len(t.header))
	for i, h := range t.header {
		head[i] = neutralise(h)
	}
	if err := w.Write(head); err != nil {
		return nil, err
	}
	for _, r := range t.rows {
		rec := make([]string, len(r))
		for i, c := range r {
			rec[i] = c.csvField()
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
