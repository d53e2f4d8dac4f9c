package orggen

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// readSheet reads back every row of the only sheet of an .xlsx written by
// write.
func readSheet(t *testing.T, write func(*bytes.Buffer) error, sheet string) (*excelize.File, [][]string) {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if got := f.GetSheetList(); !slices.Equal(got, []string{sheet}) {
		t.Fatalf("sheets %q, want only %q", got, sheet)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return f, rows
}

func TestRosterXLSXReadsBack(t *testing.T) {
	o := Generate(DefaultConfig())
	_, rows := readSheet(t, func(b *bytes.Buffer) error { return o.WriteRosterXLSX(b) }, "Roster")
	want := []string{"Employee Name", "Work Email", "GitHub Username", "Slack Member ID", "Business Title", "Job Level", "Team", "Department", "Manager Email"}
	if !slices.Equal(rows[0], want) {
		t.Errorf("header %q, want %q", rows[0], want)
	}
	if len(rows) != len(o.People)+1 {
		t.Fatalf("%d rows, want %d people and a header", len(rows), len(o.People))
	}
	for i, cells := range o.roster {
		got := rows[i+1]
		for len(got) < len(cells) { // GetRows drops trailing empty cells
			got = append(got, "")
		}
		if !slices.Equal(got, cells) {
			t.Errorf("row %d = %q, want %q", i+2, got, cells)
		}
	}
}

func TestReviewsXLSXReadsBack(t *testing.T) {
	o := Generate(DefaultConfig())
	f, rows := readSheet(t, func(b *bytes.Buffer) error { return o.WriteReviewsXLSX(b) }, "Reviews")
	want := []string{"Repository", "PR Number", "PR Title", "PR Author", "PR Created At", "PR Merged At", "Reviewer", "Review State", "Review Submitted At", "Review Comments"}
	if !slices.Equal(rows[0], want) {
		t.Errorf("header %q, want %q", rows[0], want)
	}
	if len(rows) != len(o.Reviews)+len(o.Malformed)+1 {
		t.Fatalf("%d rows, want %d reviews, %d malformed rows and a header", len(rows), len(o.Reviews), len(o.Malformed))
	}
	k := 0
	for i, row := range rows[1:] {
		if k < len(o.Malformed) && o.Malformed[k].Row == i+2 {
			k++
			continue
		}
		r := o.Reviews[i-k]
		wantRow := []string{r.Repository, r.Change, r.Title, r.Author, stamp(r.Created), row[5], r.Reviewer, r.State, stamp(r.Submitted), strconv.Itoa(r.Comments)}
		if !slices.Equal(row, wantRow) {
			t.Fatalf("row %d = %q, want %q", i+2, row, wantRow)
		}
	}
	for _, m := range o.Malformed {
		row := rows[m.Row-1]
		if row[8] != m.Submitted || row[6] != m.Review.Reviewer {
			t.Errorf("malformed row %d = %q, want submitted %q reviewer %q", m.Row, row, m.Submitted, m.Review.Reviewer)
		}
	}
	// Numbers carry no type attribute in the sheet XML, so excelize reports
	// them as unset; times are text.
	for cell, want := range map[string]excelize.CellType{"B2": excelize.CellTypeUnset, "E2": excelize.CellTypeInlineString, "I2": excelize.CellTypeInlineString, "J2": excelize.CellTypeUnset} {
		if got, err := f.GetCellType("Reviews", cell); err != nil || got != want {
			t.Errorf("%s is of type %v (%v), want %v", cell, got, err, want)
		}
	}
	props, err := f.GetDocProps()
	if err != nil || props.Created != docTime || props.Modified != docTime {
		t.Errorf("doc props %+v (%v), want created and modified %s", props, err, docTime)
	}
}

func TestCSVMatchesXLSX(t *testing.T) {
	o := Generate(DefaultConfig())
	for _, tc := range []struct {
		name  string
		csv   func(*bytes.Buffer) error
		xlsx  func(*bytes.Buffer) error
		sheet string
	}{
		{"roster", func(b *bytes.Buffer) error { return o.WriteRosterCSV(b) }, func(b *bytes.Buffer) error { return o.WriteRosterXLSX(b) }, "Roster"},
		{"reviews", func(b *bytes.Buffer) error { return o.WriteReviewsCSV(b) }, func(b *bytes.Buffer) error { return o.WriteReviewsXLSX(b) }, "Reviews"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.csv(&b); err != nil {
				t.Fatal(err)
			}
			records, err := csv.NewReader(&b).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			_, rows := readSheet(t, tc.xlsx, tc.sheet)
			if len(records) != len(rows) {
				t.Fatalf("csv has %d records, xlsx %d rows", len(records), len(rows))
			}
			for i := range rows {
				got := slices.Clone(rows[i])
				for len(got) < len(records[i]) {
					got = append(got, "")
				}
				if !slices.Equal(got, records[i]) {
					t.Fatalf("row %d: xlsx %q, csv %q", i+1, got, records[i])
				}
			}
		})
	}
}
