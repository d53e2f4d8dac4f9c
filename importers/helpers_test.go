package importers

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/multiplier/multiplier"
	"github.com/xuri/excelize/v2"
)

// recorder is a Sink that keeps what it is given. If fail is set it is
// returned by the call after the first stopAfter records; if onRecord is
// set it runs for each record.
type recorder struct {
	people       []multiplier.Person
	reviews      []multiplier.Review
	meetings     []multiplier.Meeting
	interactions []multiplier.Interaction
	aliases      []multiplier.Alias
	fail         error
	stopAfter    int
	onRecord     func(n int)
}

func (r *recorder) Person(p multiplier.Person) error {
	if err := r.hook(); err != nil {
		return err
	}
	r.people = append(r.people, p)
	return nil
}

func (r *recorder) Review(v multiplier.Review) error {
	if err := r.hook(); err != nil {
		return err
	}
	r.reviews = append(r.reviews, v)
	return nil
}

func (r *recorder) Meeting(m multiplier.Meeting) error {
	if err := r.hook(); err != nil {
		return err
	}
	r.meetings = append(r.meetings, m)
	return nil
}

func (r *recorder) Interaction(in multiplier.Interaction) error {
	if err := r.hook(); err != nil {
		return err
	}
	r.interactions = append(r.interactions, in)
	return nil
}

func (r *recorder) Alias(a multiplier.Alias) error {
	if err := r.hook(); err != nil {
		return err
	}
	r.aliases = append(r.aliases, a)
	return nil
}

// records is how many records r holds.
func (r *recorder) records() int {
	return len(r.people) + len(r.reviews) + len(r.meetings) + len(r.interactions) + len(r.aliases)
}

func (r *recorder) hook() error {
	n := r.records()
	if r.onRecord != nil {
		r.onRecord(n)
	}
	if r.fail != nil && n >= r.stopAfter {
		return r.fail
	}
	return nil
}

// writeCSV writes rows to dir/name with delimiter comma, optionally after a
// UTF-8 BOM, and returns the path.
func writeCSV(tb testing.TB, dir, name string, comma rune, bom bool, rows [][]string) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if bom {
		if _, err := f.Write(utf8BOM); err != nil {
			tb.Fatal(err)
		}
	}
	w := csv.NewWriter(f)
	w.Comma = comma
	if err := w.WriteAll(rows); err != nil {
		tb.Fatal(err)
	}
	return path
}

// sheet is one worksheet for writeXLSX. A cell is a string, a number, a
// time.Time (excelize's default date format) or a styled value.
type sheet struct {
	name string
	rows [][]any
}

// styled is a cell value with a built-in (numFmt) or custom number format.
type styled struct {
	v      any
	numFmt int
	custom string
}

// writeXLSX writes a workbook with the given sheets to dir/name.
func writeXLSX(tb testing.TB, dir, name string, sheets ...sheet) string {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				tb.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			tb.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				cell, err := excelize.CoordinatesToCellName(c+1, r+1)
				if err != nil {
					tb.Fatal(err)
				}
				setCell(tb, f, s.name, cell, v)
			}
		}
	}
	// SaveAs insists on an .xlsx name; Write does not, and detection must
	// not care.
	path := filepath.Join(dir, name)
	out, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer out.Close()
	if err := f.Write(out); err != nil {
		tb.Fatal(err)
	}
	return path
}

func setCell(tb testing.TB, f *excelize.File, sheet, cell string, v any) {
	tb.Helper()
	st, ok := v.(styled)
	if !ok {
		if v != nil {
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				tb.Fatal(err)
			}
		}
		return
	}
	if err := f.SetCellValue(sheet, cell, st.v); err != nil {
		tb.Fatal(err)
	}
	style := &excelize.Style{NumFmt: st.numFmt}
	if st.custom != "" {
		style.CustomNumFmt = &st.custom
	}
	id, err := f.NewStyle(style)
	if err != nil {
		tb.Fatal(err)
	}
	if err := f.SetCellStyle(sheet, cell, cell, id); err != nil {
		tb.Fatal(err)
	}
}

// strRows turns string rows into sheet rows.
func strRows(rows [][]string) [][]any {
	out := make([][]any, len(rows))
	for i, row := range rows {
		out[i] = make([]any, len(row))
		for j, v := range row {
			out[i][j] = v
		}
	}
	return out
}
