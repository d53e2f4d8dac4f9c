package export

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// injections are texts a spreadsheet would read as a formula (or that
// begin with a control character some read as one).
var injections = []string{`=HYPERLINK("http://x","y")`, "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"}

// injectedReport is the test report with an injection as the name, team,
// job title and an evidence sentence of the first people, as the report
// title, a department and a metric label; one value is negative.
func injectedReport() Report {
	r := testReport()
	r.Title = "=1+1 report"
	for k, s := range injections {
		p := &r.People[k]
		p.Name = s
		p.Team = injections[(k+1)%len(injections)]
		p.Title = injections[(k+2)%len(injections)]
		p.Department = "-" + strconv.Itoa(k)
		p.Evidence = append(p.Evidence, Evidence{Text: injections[(k+3)%len(injections)]})
	}
	r.People[0].Metrics[0].Label = "=cmd|' /C calc'!A0"
	for i := range r.People {
		for j := range r.People[i].Metrics {
			if r.People[i].Metrics[j].Key == "review_balance" {
				r.People[i].Metrics[j].Value = -7.5 - float64(i)
			}
		}
	}
	return r
}

// risky says whether a spreadsheet could take s for a formula.
func risky(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// TestFormulaInjection writes names, teams, titles, evidence and labels
// that begin with =, +, -, @, a tab or a carriage return, and reads the
// CSV and the workbook back: every such text is prefixed with ', no cell
// holds a formula, and numbers, negative ones too, are still numbers.
func TestFormulaInjection(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  Options
	}{
		{"named", Options{Formats: []string{FormatCSV, FormatXLSX}}},
		// Anonymised: the names are pseudonyms, but team, title and
		// evidence still carry the injections.
		{"anonymised", Options{Formats: []string{FormatCSV, FormatXLSX}, Anonymize: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := injectedReport()
			dir, _ := writeExport(t, r, tc.opt)

			t.Run("csv", func(t *testing.T) {
				header, rows := readCSV(t, filepath.Join(dir, "people.csv"))
				for _, h := range header {
					if risky(h) {
						t.Errorf("header %q is not neutralised", h)
					}
				}
				team := indexOf(header, "Team")
				title := indexOf(header, "Title")
				negatives := 0
				for i, row := range rows {
					for c, v := range row {
						if !risky(v) {
							continue
						}
						if _, err := strconv.ParseFloat(v, 64); err == nil {
							negatives++
							continue // a number, like -7.5
						}
						t.Errorf("row %d, %s: %q is not neutralised", i+1, header[c], v)
					}
					// Anonymised, an injection that is also someone's
					// name is replaced in team and title too.
					if i < len(injections) && !tc.opt.Anonymize {
						want := map[int]string{0: r.People[i].Name, team: r.People[i].Team, title: r.People[i].Title}
						for c, s := range want {
							// encoding/csv drops a lone CR inside a field
							// when it writes CRLF line ends.
							if w := "'" + strings.ReplaceAll(s, "\r", ""); row[c] != w {
								t.Errorf("row %d, %s: %q, want %q", i+1, header[c], row[c], w)
							}
						}
					}
				}
				if negatives < len(rows) {
					t.Errorf("%d negative numbers in the CSV, want at least one a row", negatives)
				}
			})

			t.Run("xlsx", func(t *testing.T) {
				f, err := excelize.OpenFile(filepath.Join(dir, "calibration.xlsx"))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				neutralised, numbers, negatives := 0, 0, 0
				for _, sheet := range f.GetSheetList() {
					rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
					if err != nil {
						t.Fatal(err)
					}
					for ri, row := range rows {
						for ci, v := range row {
							cell := ref(ci+1, ri+1)
							if formula, err := f.GetCellFormula(sheet, cell); err != nil || formula != "" {
								t.Errorf("%s!%s has the formula %q (%v)", sheet, cell, formula, err)
							}
							if v == "" {
								continue
							}
							typ, err := f.GetCellType(sheet, cell)
							if err != nil {
								t.Fatal(err)
							}
							isNum := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber
							if isNum {
								if _, err := strconv.ParseFloat(v, 64); err != nil {
									t.Errorf("%s!%s: number cell holds %q", sheet, cell, v)
								}
								numbers++
								if strings.HasPrefix(v, "-") {
									negatives++
								}
								continue
							}
							if strings.HasPrefix(v, "'") {
								neutralised++
							}
							if risky(v) {
								t.Errorf("%s!%s: text %q is not neutralised", sheet, cell, v)
							}
						}
					}
				}
				// Summary: the review balance column holds the negative
				// values as numbers.
				header, err := f.GetRows("Summary")
				if err != nil {
					t.Fatal(err)
				}
				col := indexOf(header[0], "Review balance (given − received) (reviews)") + 1
				for i := range r.People {
					cell := ref(col, i+2)
					v, _ := f.GetCellValue("Summary", cell, excelize.Options{RawCellValue: true})
					typ, _ := f.GetCellType("Summary", cell)
					want := strconv.FormatFloat(-7.5-float64(i), 'f', -1, 64)
					if v != want || (typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber) {
						t.Errorf("Summary!%s = %q (type %v), want the number %s", cell, v, typ, want)
					}
				}
				if neutralised < 3*len(injections) || numbers == 0 || negatives < len(r.People) {
					t.Errorf("%d texts neutralised, %d numbers, %d negative: too few", neutralised, numbers, negatives)
				}
				for k, s := range injections {
					if tc.opt.Anonymize {
						break
					}
					v, err := f.GetCellValue("Summary", ref(1, k+2))
					if err != nil {
						t.Fatal(err)
					}
					if want := "'" + s; v != want && v != strings.ReplaceAll(want, "\r", "\n") {
						t.Errorf("Summary!A%d = %q, want %q", k+2, v, want)
					}
				}
				title, _ := f.GetCellValue("About", "A1")
				if title != "'=1+1 report" {
					t.Errorf("About!A1 = %q, want the title neutralised", title)
				}
			})
		})
	}
}

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return -1
}
