package orggen

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the two exports.
const (
	rosterSheet  = "Roster"
	reviewsSheet = "Reviews"
)

// rosterHeader and reviewsHeader are the header rows of the exports.
var (
	rosterHeader  = []string{"Employee Name", "Work Email", "GitHub Username", "Slack Member ID", "Business Title", "Job Level", "Team", "Department", "Manager Email"}
	reviewsHeader = []string{"Repository", "PR Number", "PR Title", "PR Author", "PR Created At", "PR Merged At", "Reviewer", "Review State", "Review Submitted At", "Review Comments"}
)

// docTime is the fixed creation and modification time of the workbooks, so
// that their bytes depend on the data alone.
const docTime = "2026-10-01T00:00:00Z"

// WriteRosterXLSX writes the roster as an .xlsx workbook with one sheet,
// "Roster".
func (o *Org) WriteRosterXLSX(w io.Writer) error {
	rows := make([][]any, len(o.roster))
	for i, cells := range o.roster {
		rows[i] = anys(cells)
	}
	widths := []float64{24, 34, 18, 16, 26, 10, 22, 14, 34}
	if err := writeXLSX(w, rosterSheet, rosterHeader, widths, rows); err != nil {
		return fmt.Errorf("write roster xlsx: %w", err)
	}
	return nil
}

// WriteReviewsXLSX writes the review export as an .xlsx workbook with one
// sheet, "Reviews": one row per review, the malformed rows among them. PR
// Number and Review Comments are number cells, times are RFC 3339 text.
func (o *Org) WriteReviewsXLSX(w io.Writer) error {
	rows := make([][]any, len(o.sheet))
	for i, s := range o.sheet {
		rows[i] = []any{s.repo, s.number, s.title, s.author, s.created, s.merged, s.reviewer, s.state, s.submitted, s.comments}
	}
	widths := []float64{20, 10, 44, 16, 22, 22, 16, 20, 22, 10}
	if err := writeXLSX(w, reviewsSheet, reviewsHeader, widths, rows); err != nil {
		return fmt.Errorf("write reviews xlsx: %w", err)
	}
	return nil
}

// WriteRosterCSV writes the roster as CSV with a header line; the cells are
// those of the .xlsx.
func (o *Org) WriteRosterCSV(w io.Writer) error {
	if err := writeCSV(w, rosterHeader, o.roster); err != nil {
		return fmt.Errorf("write roster csv: %w", err)
	}
	return nil
}

// WriteReviewsCSV writes the review export as CSV with a header line; the
// rows are those of the .xlsx.
func (o *Org) WriteReviewsCSV(w io.Writer) error {
	rows := make([][]string, len(o.sheet))
	for i, s := range o.sheet {
		rows[i] = s.cells()
	}
	if err := writeCSV(w, reviewsHeader, rows); err != nil {
		return fmt.Errorf("write reviews csv: %w", err)
	}
	return nil
}

// writeXLSX writes a workbook of one sheet through excelize's stream
// writer: a bold, frozen header row, then rows.
func writeXLSX(w io.Writer, sheet string, header []string, widths []float64, rows [][]any) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Created: docTime, Modified: docTime, Creator: "orggen", LastModifiedBy: "orggen"}); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(header))
	for i, h := range header {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// writeCSV writes a header line and rows.
func writeCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// anys converts text cells for the stream writer.
func anys(cells []string) []any {
	out := make([]any, len(cells))
	for i, c := range cells {
		out[i] = c
	}
	return out
}
