package importers

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
)

func utc(y int, m time.Month, d, h, min, s int) time.Time {
	return time.Date(y, m, d, h, min, s, 0, time.UTC)
}

var hrHeader = []string{"Employee Name", "Work Email", "GitHub Username", "Slack Member ID", "Business Title", "Job Level", "Team", "Department", "Manager Email"}

var hrRows = [][]string{
	hrHeader,
	{"Ada Okafor", "ada.okafor@example.com", "aokafor", "U01ABCDEF", "Staff Software Engineer", "L6", "Payments-Core", "Payments", "Lina.Rossi@example.com"},
	{"Jun Kim", "Jun.Kim@Example.com", "jkim", "U02XYZ", "Software Engineer", "L4", "Payments-Core", "Payments", "ada.okafor@example.com"},
}

var hrPeople = []multiplier.Person{
	{Email: "ada.okafor@example.com", Name: "Ada Okafor", GitHub: "aokafor", SlackID: "U01ABCDEF", Title: "Staff Software Engineer", Level: "L6", Team: "Payments-Core", Department: "Payments", Manager: "lina.rossi@example.com"},
	{Email: "jun.kim@example.com", Name: "Jun Kim", GitHub: "jkim", SlackID: "U02XYZ", Title: "Software Engineer", Level: "L4", Team: "Payments-Core", Department: "Payments", Manager: "ada.okafor@example.com"},
}

var hrColumns = map[string]string{
	"name": "Employee Name", "email": "Work Email", "github": "GitHub Username", "slack": "Slack Member ID",
	"title": "Business Title", "level": "Job Level", "team": "Team", "department": "Department", "manager": "Manager Email",
}

func TestImportRoster(t *testing.T) {
	altRows := [][]string{
		{" Full Name ", "Email", "Org", "Title", "Reports To"},
		{"  Ada Okafor ", " Ada.Okafor@EXAMPLE.com ", "Payments", " Staff Engineer", " Lina Rossi "},
		{"", "", "", "", ""},
		{"Mei Tanaka", "MAILTO:Mei.Tanaka@example.com", "Discovery", "Senior Engineer", "Omar.Patel@Example.COM"},
		{"Omar Patel", "Omar Patel <OMAR.PATEL@example.com>", "Engineering", "VP Engineering", ""},
	}
	altPeople := []multiplier.Person{
		{Email: "ada.okafor@example.com", Name: "Ada Okafor", Department: "Payments", Title: "Staff Engineer", Manager: "Lina Rossi"},
		{Email: "mei.tanaka@example.com", Name: "Mei Tanaka", Department: "Discovery", Title: "Senior Engineer", Manager: "omar.patel@example.com"},
		{Email: "omar.patel@example.com", Name: "Omar Patel", Department: "Engineering", Title: "VP Engineering"},
	}
	altColumns := map[string]string{"name": "Full Name", "email": "Email", "department": "Org", "title": "Title", "manager": "Reports To"}
	tests := []struct {
		name    string
		write   func(dir string) string
		format  string
		sheet   string
		people  []multiplier.Person
		columns map[string]string
		rows    int
		notes   []string
	}{
		{
			name:    "hr export csv",
			write:   func(dir string) string { return writeCSV(t, dir, "people.csv", ',', false, hrRows) },
			format:  "csv",
			people:  hrPeople,
			columns: hrColumns,
			rows:    2,
		},
		{
			name:    "hr export xlsx",
			write:   func(dir string) string { return writeXLSX(t, dir, "people.xlsx", sheet{"Staff", strRows(hrRows)}) },
			format:  "xlsx",
			sheet:   "Staff",
			people:  hrPeople,
			columns: hrColumns,
			rows:    2,
		},
		{
			name:    "alternative headers csv",
			write:   func(dir string) string { return writeCSV(t, dir, "export (3).txt", ',', false, altRows) },
			format:  "csv",
			people:  altPeople,
			columns: altColumns,
			rows:    3,
		},
		{
			name:    "alternative headers xlsx",
			write:   func(dir string) string { return writeXLSX(t, dir, "roster", sheet{"Sheet1", strRows(altRows)}) },
			format:  "xlsx",
			sheet:   "Sheet1",
			people:  altPeople,
			columns: altColumns,
			rows:    3,
		},
		{
			name: "title rows above header, tab separated",
			write: func(dir string) string {
				return writeCSV(t, dir, "people.tsv", '\t', true, append([][]string{{"ACME HR export"}, {"As of 2026-05-01", ""}, {}}, hrRows...))
			},
			format:  "csv",
			people:  hrPeople,
			columns: hrColumns,
			rows:    2,
			notes:   []string{"header on row 4; the rows above it were ignored"},
		},
		{
			name: "preferred name and squad, semicolons",
			write: func(dir string) string {
				return writeCSV(t, dir, "p.csv", ';', false, [][]string{
					{"work_email", "PreferredName", "SQUAD", "grade"},
					{"ada@example.com", "Ada", "Payments-Core", "L6"},
				})
			},
			format:  "csv",
			people:  []multiplier.Person{{Email: "ada@example.com", Name: "Ada", Team: "Payments-Core", Level: "L6"}},
			columns: map[string]string{"email": "work_email", "name": "PreferredName", "team": "SQUAD", "level": "grade"},
			rows:    1,
		},
		{
			name: "Windows-1252 from Excel's CSV export",
			write: func(dir string) string {
				return writeFile(t, dir, "people.csv", "Name;E-mail;Team\r\nZo\xeb M\xfcller;zoe@example.com;K\xf6ln \x96 Core\r\nAda Okafor;ada@example.com;Payments\r\n")
			},
			format: "csv",
			people: []multiplier.Person{
				{Email: "zoe@example.com", Name: "Zoë Müller", Team: "Köln – Core"},
				{Email: "ada@example.com", Name: "Ada Okafor", Team: "Payments"},
			},
			columns: map[string]string{"name": "Name", "email": "E-mail", "team": "Team"},
			rows:    2,
			notes:   []string{"2 value(s) were not UTF-8 and were read as Windows-1252"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.write(t.TempDir())
			var sink recorder
			rep, err := Import(context.Background(), path, &sink, nil)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			if !reflect.DeepEqual(sink.people, tt.people) {
				t.Errorf("people:\n got %+v\nwant %+v", sink.people, tt.people)
			}
			if n := sink.records() - len(sink.people); n != 0 {
				t.Errorf("got %d other records from a roster", n)
			}
			want := &Report{File: filepath.Base(path), Kind: KindRoster, Source: "roster", Format: tt.format, Sheet: tt.sheet,
				Columns: tt.columns, Rows: tt.rows, Imported: len(tt.people), Notes: tt.notes}
			// The header differs from case to case; TestSignature and
			// TestPreviewMatchesImport check the value.
			if rep.Signature == "" {
				t.Error("no header signature in the report")
			}
			want.Signature = rep.Signature
			if !reflect.DeepEqual(rep, want) {
				t.Errorf("report:\n got %+v\nwant %+v", rep, want)
			}
		})
	}
}

var githubHeader = []string{"Repository", "PR Number", "PR Title", "PR Author", "PR Created At", "PR Merged At", "Reviewer", "Review State", "Review Submitted At", "Review Comments"}

func TestImportReviews(t *testing.T) {
	created := utc(2026, 5, 4, 9, 12, 0)
	githubRows := [][]any{
		strSlice(githubHeader),
		{"acme/api", 4312, "Fix retry budget", "aokafor", "2026-05-04T09:12:00Z", "2026-05-05T16:40:00Z", "jkim", "APPROVED", "2026-05-04T13:02:11Z", 3},
		{"acme/api", 4312, "Fix retry budget", "aokafor", "2026-05-04T09:12:00Z", "2026-05-05T16:40:00Z", "mtanaka", "COMMENTED", "2026-05-04T15:00:00+02:00", ""},
		{"acme/web", "88", "Dark mode", "jkim", "", "", "aokafor", "changes requested", "2026-05-06 10:30", "2"},
	}
	githubReviews := []multiplier.Review{
		{Repository: "acme/api", Change: "4312", Title: "Fix retry budget", Author: "aokafor", Reviewer: "jkim", Created: created, Submitted: utc(2026, 5, 4, 13, 2, 11), State: "APPROVED", Comments: 3},
		{Repository: "acme/api", Change: "4312", Title: "Fix retry budget", Author: "aokafor", Reviewer: "mtanaka", Created: created, Submitted: utc(2026, 5, 4, 13, 0, 0), State: "COMMENTED"},
		{Repository: "acme/web", Change: "88", Title: "Dark mode", Author: "jkim", Reviewer: "aokafor", Submitted: utc(2026, 5, 6, 10, 30, 0), State: "CHANGES_REQUESTED", Comments: 2},
	}
	githubColumns := map[string]string{
		"repository": "Repository", "change": "PR Number", "title": "PR Title", "author": "PR Author",
		"created": "PR Created At", "merged": "PR Merged At", "reviewer": "Reviewer", "state": "Review State",
		"submitted": "Review Submitted At", "comments": "Review Comments",
	}

	// Real date cells: the importer reads raw cell values, so whatever the
	// number format ("yyyy-mm-dd hh:mm:ss", built-in 14 "mm-dd-yy", none),
	// a date cell comes back as its exact serial number, seconds included,
	// and no day order has to be guessed.
	submitted := time.Date(2026, 5, 4, 13, 2, 11, 0, time.UTC)
	dateCells := [][]any{
		{"PR Author", "PR Created At", "Reviewer", "Review Submitted At"},
		{"aokafor", created, "jkim", submitted},
		{"aokafor", styled{v: created, custom: "yyyy-mm-dd hh:mm:ss"}, "mtanaka", styled{v: submitted, custom: "yyyy-mm-dd hh:mm:ss"}},
		{"aokafor", styled{v: created, numFmt: 14}, "opatel", styled{v: submitted, numFmt: 14}},
		{"aokafor", 46146.38, "lrossi", "46146.5"},
	}
	dateReviews := []multiplier.Review{
		{Author: "aokafor", Reviewer: "jkim", Created: created, Submitted: submitted},
		{Author: "aokafor", Reviewer: "mtanaka", Created: created, Submitted: submitted},
		{Author: "aokafor", Reviewer: "opatel", Created: created, Submitted: submitted},
		{Author: "aokafor", Reviewer: "lrossi", Created: utc(2026, 5, 4, 9, 7, 12), Submitted: utc(2026, 5, 4, 12, 0, 0)},
	}

	otherRows := [][]string{
		{"Author", "Opened", "Reviewed By", "Submitted", "Comments"},
		{"aokafor", "04/05/2026 09:12", "jkim", "14/05/2026 10:00", "3"},
		{"mtanaka", "05.05.2026 08:00", "aokafor", "05/05/2026 17:30", "n/a"},
	}
	otherReviews := []multiplier.Review{
		{Author: "aokafor", Reviewer: "jkim", Created: utc(2026, 5, 4, 9, 12, 0), Submitted: utc(2026, 5, 14, 10, 0, 0), Comments: 3},
		{Author: "mtanaka", Reviewer: "aokafor", Created: utc(2026, 5, 5, 8, 0, 0), Submitted: utc(2026, 5, 5, 17, 30, 0)},
	}
	otherColumns := map[string]string{"author": "Author", "created": "Opened", "reviewer": "Reviewed By", "submitted": "Submitted", "comments": "Comments"}

	tests := []struct {
		name    string
		write   func(dir string) string
		format  string
		sheet   string
		reviews []multiplier.Review
		columns map[string]string
		notes   []string
	}{
		{
			name:    "github columns xlsx",
			write:   func(dir string) string { return writeXLSX(t, dir, "reviews.xlsx", sheet{"reviews", githubRows}) },
			format:  "xlsx",
			sheet:   "reviews",
			reviews: githubReviews,
			columns: githubColumns,
		},
		{
			name: "github columns csv",
			write: func(dir string) string {
				rows := make([][]string, len(githubRows))
				for i, r := range githubRows {
					for _, v := range r {
						rows[i] = append(rows[i], fmt.Sprint(v))
					}
				}
				return writeCSV(t, dir, "reviews.csv", ',', false, rows)
			},
			format:  "csv",
			reviews: githubReviews,
			columns: githubColumns,
		},
		{
			name: "reviews on the second sheet",
			write: func(dir string) string {
				return writeXLSX(t, dir, "book.xlsx",
					sheet{"Summary", [][]any{{"Review export"}, {"Rows", 3}}},
					sheet{"Data", githubRows})
			},
			format:  "xlsx",
			sheet:   "Data",
			reviews: githubReviews,
			columns: githubColumns,
			notes:   []string{"sheet Data read; sheet(s) Summary have no header Multiplier reads"},
		},
		{
			name:    "real date cells xlsx",
			write:   func(dir string) string { return writeXLSX(t, dir, "dates.xlsx", sheet{"Sheet1", dateCells}) },
			format:  "xlsx",
			sheet:   "Sheet1",
			reviews: dateReviews,
			columns: map[string]string{"author": "PR Author", "created": "PR Created At", "reviewer": "Reviewer", "submitted": "Review Submitted At"},
		},
		{
			name:    "other tool, semicolons and BOM",
			write:   func(dir string) string { return writeCSV(t, dir, "export.csv", ';', true, otherRows) },
			format:  "csv",
			reviews: otherReviews,
			columns: otherColumns,
			notes: []string{
				"column 'Submitted': dates read day-first (European)",
				"column 'Opened': dates read day-first (European)",
				"column 'Comments': 1 value(s) were not whole numbers and were read as 0",
			},
		},
	}
	// In "other tool", Opened 04/05/2026 is ambiguous and its column has
	// shown no order yet; it is read day-first because Submitted, read
	// first in the same row, showed 14/05/2026.
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.write(t.TempDir())
			var sink recorder
			rep, err := Import(context.Background(), path, &sink, nil)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			if !reflect.DeepEqual(sink.reviews, tt.reviews) {
				t.Errorf("reviews:\n got %+v\nwant %+v", sink.reviews, tt.reviews)
			}
			want := &Report{File: filepath.Base(path), Kind: KindReviews, Source: "review sheet", Format: tt.format, Sheet: tt.sheet,
				Columns: tt.columns, Rows: len(tt.reviews), Imported: len(tt.reviews), Notes: tt.notes}
			if rep.Signature == "" {
				t.Error("no header signature in the report")
			}
			want.Signature = rep.Signature // checked by TestSignature and TestPreviewMatchesImport
			if !reflect.DeepEqual(rep, want) {
				t.Errorf("report:\n got %+v\nwant %+v", rep, want)
			}
		})
	}
}

func strSlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// TestSkippedRows checks which rows are skipped, counted as bots or kept,
// and that Rows = Imported + Bots + SkippedCount.
func TestSkippedRows(t *testing.T) {
	rows := [][]string{
		{"Repository", "PR Author", "Reviewer", "Review Submitted At", "PR Created At", "Review Comments"},
		{"acme/api", "aokafor", "jkim", "2026-05-04T13:02:11Z", "2026-05-04T09:12:00Z", "3"}, // row 2: kept
		{"acme/api", "aokafor", "jkim", "n/a", "", ""},                                       // row 3: bad date
		{"acme/api", "aokafor", "", "2026-05-04", "", ""},                                    // row 4: no reviewer
		{"acme/api", "", "jkim", "2026-05-04", "", ""},                                       // row 5: no author
		{"acme/api", "aokafor", "dependabot[bot]", "2026-05-04", "", ""},                     // row 6: bot reviewer
		{"acme/api", "renovate", "jkim", "2026-05-04", "", ""},                               // row 7: bot author
		{"acme/api", "AOkafor", " @aokafor ", "2026-05-04", "", ""},                          // row 8: self-review
		{"", "", "", "", "", ""}, // row 9: blank, ignored
		{"acme/api", "aokafor", "mtanaka", "2026-05-04 10:00", "yesterday", "-1"}, // row 10: kept, no Created, 0 comments
		{"acme/api", "aokafor", "mtanaka", "", "", ""},                            // row 11: no submitted
	}
	dir := t.TempDir()
	for _, format := range []string{"csv", "xlsx"} {
		t.Run(format, func(t *testing.T) {
			var path, sheetName string
			if format == "csv" {
				path = writeCSV(t, dir, "reviews.csv", ',', false, rows)
			} else {
				path, sheetName = writeXLSX(t, dir, "reviews.xlsx", sheet{"reviews", strRows(rows)}), "reviews"
			}
			var sink recorder
			rep, err := Import(context.Background(), path, &sink, nil)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			wantReviews := []multiplier.Review{
				{Repository: "acme/api", Author: "aokafor", Reviewer: "jkim", Created: utc(2026, 5, 4, 9, 12, 0), Submitted: utc(2026, 5, 4, 13, 2, 11), Comments: 3},
				{Repository: "acme/api", Author: "aokafor", Reviewer: "mtanaka", Submitted: utc(2026, 5, 4, 10, 0, 0)},
			}
			if !reflect.DeepEqual(sink.reviews, wantReviews) {
				t.Errorf("reviews:\n got %+v\nwant %+v", sink.reviews, wantReviews)
			}
			file := filepath.Base(path)
			pos := file
			if sheetName != "" {
				pos += ", sheet " + sheetName
			}
			wantSkipped := []string{
				pos + `, row 3, column 'Review Submitted At': "n/a" is not a date`,
				pos + `, row 4, column 'Reviewer': missing value`,
				pos + `, row 5, column 'PR Author': missing value`,
				pos + `, row 11, column 'Review Submitted At': missing value`,
			}
			var gotSkipped []string
			for _, e := range rep.Skipped {
				gotSkipped = append(gotSkipped, e.Error())
			}
			if !reflect.DeepEqual(gotSkipped, wantSkipped) {
				t.Errorf("skipped:\n got %q\nwant %q", gotSkipped, wantSkipped)
			}
			wantIs := []error{ErrBadDate, ErrMissingValue, ErrMissingValue, ErrMissingValue}
			for i, e := range rep.Skipped {
				if i < len(wantIs) && !errors.Is(e, wantIs[i]) {
					t.Errorf("skipped[%d] = %v, want it to wrap %v", i, e, wantIs[i])
				}
			}
			// Row 8 is an author answering on their own change: counted
			// apart, not a skipped row with a fault.
			if rep.Rows != 9 || rep.Imported != 2 || rep.Bots != 2 || rep.SelfReviews != 1 || rep.SkippedCount != 4 {
				t.Errorf("Rows, Imported, Bots, SelfReviews, SkippedCount = %d, %d, %d, %d, %d; want 9, 2, 2, 1, 4",
					rep.Rows, rep.Imported, rep.Bots, rep.SelfReviews, rep.SkippedCount)
			}
			if rep.Rows != rep.Imported+rep.Bots+rep.SelfReviews+rep.SkippedCount {
				t.Errorf("Rows %d != Imported %d + Bots %d + SelfReviews %d + SkippedCount %d", rep.Rows, rep.Imported, rep.Bots, rep.SelfReviews, rep.SkippedCount)
			}
			wantNotes := []string{
				"column 'PR Created At': 1 value(s) were not dates; those reviews were kept without a created time",
				"column 'Review Comments': 1 value(s) were not whole numbers and were read as 0",
			}
			if !reflect.DeepEqual(rep.Notes, wantNotes) {
				t.Errorf("notes:\n got %q\nwant %q", rep.Notes, wantNotes)
			}
		})
	}
}

// TestParseErrorPosition pins the exact message a person reads for a bad
// date deep in a workbook, and the fields behind it.
func TestParseErrorPosition(t *testing.T) {
	rows := [][]any{strSlice(githubHeader)}
	for i := 0; i < 810; i++ {
		rows = append(rows, []any{"acme/api", i, "t", "aokafor", "", "", "jkim", "APPROVED", "2026-05-04T13:02:11Z", 1})
	}
	rows = append(rows, []any{"acme/api", 811, "t", "aokafor", "", "", "jkim", "APPROVED", "n/a", 1})
	path := writeXLSX(t, t.TempDir(), "reviews.xlsx", sheet{"reviews", rows})
	var sink recorder
	rep, err := Import(context.Background(), path, &sink, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) != 1 {
		t.Fatalf("skipped %d rows, want 1: %v", len(rep.Skipped), rep.Skipped)
	}
	e := rep.Skipped[0]
	const want = `reviews.xlsx, sheet reviews, row 812, column 'Review Submitted At': "n/a" is not a date`
	if got := e.Error(); got != want {
		t.Errorf("Error() = %s\n          want %s", got, want)
	}
	wantFields := ParseError{File: "reviews.xlsx", Sheet: "reviews", Row: 812, Col: 9, Column: "Review Submitted At"}
	e2 := *e
	e2.Err = nil
	if e2 != wantFields {
		t.Errorf("fields = %+v, want %+v", e2, wantFields)
	}
	if !errors.Is(e, ErrBadDate) {
		t.Errorf("%v does not wrap ErrBadDate", e)
	}
}

func TestSkippedCap(t *testing.T) {
	rows := [][]string{{"Author", "Reviewer", "Submitted"}}
	for i := 0; i < maxSkipped+50; i++ {
		rows = append(rows, []string{"a", "b", "never"})
	}
	path := writeCSV(t, t.TempDir(), "r.csv", ',', false, rows)
	rep, err := Import(context.Background(), path, &recorder{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) != maxSkipped || rep.SkippedCount != maxSkipped+50 {
		t.Errorf("len(Skipped), SkippedCount = %d, %d; want %d, %d", len(rep.Skipped), rep.SkippedCount, maxSkipped, maxSkipped+50)
	}
}

func TestRejected(t *testing.T) {
	accepted := ". Accepted: " + AcceptedFormats()
	tests := []struct {
		name  string
		write func(dir string) string
		is    error
		msg   string // exact message, or a prefix when it ends in "…"
	}{
		{
			name: "unrelated csv",
			write: func(dir string) string {
				return writeCSV(t, dir, "people.csv", ',', false, [][]string{{"Name", "Phone", "Desk"}, {"Ada", "555", "3F"}})
			},
			is:  ErrUnrecognised,
			msg: "people.csv: not a format Multiplier reads" + accepted,
		},
		{
			name:  "empty file",
			write: func(dir string) string { return writeFile(t, dir, "empty.csv", "") },
			is:    ErrUnrecognised,
			msg:   "empty.csv: not a format Multiplier reads" + accepted,
		},
		{
			name:  "binary",
			write: func(dir string) string { return writeFile(t, dir, "x.bin", "\x00\x01\x02\xff\xfe garbage\x00") },
			is:    ErrUnrecognised,
			msg:   "x.bin: not a format Multiplier reads" + accepted,
		},
		{
			name: "header too far down",
			write: func(dir string) string {
				return writeFile(t, dir, "late.csv", strings.Repeat("junk\n", 11)+"Author,Reviewer,Submitted\n")
			},
			is:  ErrUnrecognised,
			msg: "late.csv: not a format Multiplier reads" + accepted,
		},
		{
			name:  "legacy xls",
			write: func(dir string) string { return writeFile(t, dir, "old.xls", string(oleMagic)+"rest") },
			is:    ErrUnrecognised,
			msg:   "old.xls: not a format Multiplier reads: an Excel 97–2003 (.xls) or password-protected workbook; save it as .xlsx or CSV" + accepted,
		},
		{
			name:  "utf-16 text of no known kind",
			write: func(dir string) string { return writeFile(t, dir, "u.txt", "\xff\xfeA\x00") },
			is:    ErrUnrecognised,
			msg:   "u.txt: not a format Multiplier reads" + accepted,
		},
		{
			name:  "zip that is not a workbook",
			write: func(dir string) string { return writeZip(t, dir, "export.zip", "users.json", `[{"id":"U01ABCDEF"}]`) },
			is:    ErrUnrecognised,
			msg:   "export.zip: not a format Multiplier reads: a zip archive, not an xlsx workbook" + accepted,
		},
		{
			name: "workbook with no matching sheet",
			write: func(dir string) string {
				return writeXLSX(t, dir, "book.xlsx", sheet{"One", [][]any{{"a", "b"}}}, sheet{"Two", [][]any{{"Name", "Phone"}}})
			},
			is:  ErrUnrecognised,
			msg: "book.xlsx: not a format Multiplier reads" + accepted,
		},
		{
			name: "roster without email",
			write: func(dir string) string {
				return writeCSV(t, dir, "people.csv", ',', false, [][]string{{"Employee Name", "Team", "Job Level"}, {"Ada", "Payments", "L6"}})
			},
			is:  ErrMissingColumn,
			msg: "people.csv, row 1: missing column: a roster needs an email column (Work Email, Email, Email Address, E-mail, Mail, …)",
		},
		{
			name: "reviews without submitted, in a workbook",
			write: func(dir string) string {
				return writeXLSX(t, dir, "r.xlsx", sheet{"PRs", [][]any{{"Title"}, {"PR Author", "Reviewer", "Review State"}}})
			},
			is:  ErrMissingColumn,
			msg: "r.xlsx, sheet PRs, row 2: missing column: a review export needs a submitted column (Review Submitted At, Submitted, Submitted At, Reviewed At, Review Date, …)",
		},
		{
			name: "outlook export without a start time",
			write: func(dir string) string {
				return writeCSV(t, dir, "cal.csv", ',', false, [][]string{{"Subject", "Start Date", "End Date", "Meeting Organizer", "Required Attendees"}})
			},
			is:  ErrMissingColumn,
			msg: "cal.csv, row 1: missing column: an Outlook calendar export needs a start time column (Start Time)",
		},
		{
			name: "gitlab export without update or merge time",
			write: func(dir string) string {
				return writeCSV(t, dir, "mrs.csv", ',', false, [][]string{{"MR ID", "Author Username", "Approver Usernames", "Created At (UTC)"}})
			},
			is:  ErrMissingColumn,
			msg: "mrs.csv, row 1: missing column: a GitLab merge-request export needs an updated or merged column (Updated At (UTC), Updated At; Merged At (UTC), Merged At)",
		},
		{
			name: "interactions sheet without a timestamp",
			write: func(dir string) string {
				return writeCSV(t, dir, "help.csv", ';', false, [][]string{{"From", "To", "Kind", "Weight"}, {"a", "b", "pairing", "1"}})
			},
			is:  ErrMissingColumn,
			msg: "help.csv, row 1: missing column: an interactions sheet needs a timestamp column (Timestamp, Time, Date, When, At, …)",
		},
		{
			name: "a date and a kind alone are nothing we read",
			write: func(dir string) string {
				return writeCSV(t, dir, "expenses.csv", ',', false, [][]string{{"Date", "Type", "Amount"}, {"2026-05-04", "taxi", "12.50"}})
			},
			is:  ErrUnrecognised,
			msg: "expenses.csv: not a format Multiplier reads" + accepted,
		},
		{
			name:  "missing file",
			write: func(dir string) string { return filepath.Join(dir, "nope.csv") },
			is:    os.ErrNotExist,
			msg:   "open …",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.write(t.TempDir())
			for _, op := range []string{"Import", "Detect"} {
				var err error
				if op == "Import" {
					var sink recorder
					var rep *Report
					rep, err = Import(context.Background(), path, &sink, nil)
					if rep == nil {
						t.Errorf("Import returned a nil Report")
					}
					if sink.records() != 0 {
						t.Errorf("Import gave the sink records from a rejected file")
					}
				} else {
					_, err = Detect(path)
				}
				if !errors.Is(err, tt.is) {
					t.Fatalf("%s: error %v, want one wrapping %v", op, err, tt.is)
				}
				if prefix, ok := strings.CutSuffix(tt.msg, "…"); ok && !strings.HasSuffix(tt.msg, ", …)") {
					if !strings.HasPrefix(err.Error(), prefix) {
						t.Errorf("%s: error %q, want prefix %q", op, err, prefix)
					}
				} else if err.Error() != tt.msg {
					t.Errorf("%s: error\n %s\nwant\n %s", op, err, tt.msg)
				}
			}
		})
	}
}

func writeZip(tb testing.TB, dir, name, member, content string) string {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(member)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := w.Write([]byte(content)); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return writeFile(tb, dir, name, buf.String())
}

func writeFile(tb testing.TB, dir, name, content string) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// TestCorruptXLSX cuts a valid workbook short and checks that Import and
// Detect return an error rather than panic.
func TestCorruptXLSX(t *testing.T) {
	dir := t.TempDir()
	good := writeXLSX(t, dir, "good.xlsx", sheet{"reviews", [][]any{strSlice(githubHeader), {"acme/api", 1, "t", "a", "", "", "b", "APPROVED", "2026-05-04", 1}}})
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"cut in half", data[:len(data)/2]},
		{"magic only", data[:4]},
		{"missing last byte", data[:len(data)-1]},
		{"zero-filled middle", append(append(append([]byte{}, data[:len(data)/3]...), make([]byte, len(data)/3)...), data[2*len(data)/3:]...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "reviews.xlsx", string(tt.data))
			rep, err := Import(context.Background(), path, &recorder{}, nil)
			if err == nil {
				t.Fatalf("Import of a corrupt workbook succeeded: %+v", rep)
			}
			if !strings.HasPrefix(err.Error(), "open reviews.xlsx: not a readable xlsx workbook (corrupt or truncated?)") {
				t.Errorf("error %q does not say the workbook is unreadable", err)
			}
			if _, err := Detect(path); err == nil {
				t.Errorf("Detect of a corrupt workbook succeeded")
			}
		})
	}
}

func TestCancel(t *testing.T) {
	rows := [][]string{{"Author", "Reviewer", "Submitted"}}
	for i := 0; i < 5000; i++ {
		rows = append(rows, []string{"a", "b", "2026-05-04"})
	}
	dir := t.TempDir()
	paths := map[string]string{
		"csv":  writeCSV(t, dir, "r.csv", ',', false, rows),
		"xlsx": writeXLSX(t, dir, "r.xlsx", sheet{"r", strRows(rows)}),
	}
	for _, format := range []string{"csv", "xlsx"} {
		t.Run(format+" before start", func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			var sink recorder
			_, err := Import(ctx, paths[format], &sink, nil)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want one wrapping context.Canceled", err)
			}
			if len(sink.reviews) != 0 {
				t.Errorf("sink got %d reviews after cancel", len(sink.reviews))
			}
		})
		t.Run(format+" midway", func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			sink := recorder{onRecord: func(n int) {
				if n == 10 {
					cancel()
				}
			}}
			rep, err := Import(ctx, paths[format], &sink, nil)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want one wrapping context.Canceled", err)
			}
			if n := len(sink.reviews); n >= 5000 || n > 10+checkEvery {
				t.Errorf("sink got %d reviews; cancel should stop it within %d rows", n, checkEvery)
			}
			if rep.Imported != len(sink.reviews) {
				t.Errorf("Report.Imported %d, sink got %d", rep.Imported, len(sink.reviews))
			}
		})
	}
}

func TestSinkError(t *testing.T) {
	errFull := errors.New("disk full")
	dir := t.TempDir()
	tests := []struct {
		name string
		path string
		want string
	}{
		{"roster", writeCSV(t, dir, "people.csv", ',', false, hrRows), "import people.csv, row 3: disk full"},
		{"reviews", writeXLSX(t, dir, "r.xlsx", sheet{"reviews", [][]any{{"Author", "Reviewer", "Submitted"}, {"a", "b", "2026-05-04"}, {"a", "c", "2026-05-04"}}}), "import r.xlsx, sheet reviews, row 3: disk full"},
		{"gitlab, second approver", writeCSV(t, dir, "mrs.csv", ',', false, [][]string{gitlabHeader, mrRow("1", "", "t", "", "a", "", "b, c", "2026-05-04", "2026-05-05", "")}), "import mrs.csv, row 2: disk full"},
		{"meetings", writeCSV(t, dir, "cal.csv", ',', false, [][]string{outlookHeader,
			outlookRow("x", "2026-05-04", "9:00", "", "", "False", "a", "b", "", ""),
			outlookRow("y", "2026-05-04", "10:00", "", "", "False", "a", "b", "", "")}), "import cal.csv, row 3: disk full"},
		{"interactions", writeCSV(t, dir, "help.csv", ',', false, [][]string{{"From", "To", "Timestamp"}, {"a", "b", "2026-05-04"}, {"a", "c", "2026-05-04"}}), "import help.csv, row 3: disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sink := recorder{fail: errFull, stopAfter: 1}
			rep, err := Import(context.Background(), tt.path, &sink, nil)
			if !errors.Is(err, errFull) {
				t.Fatalf("error %v, want one wrapping the sink's", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error %q, want %q", err, tt.want)
			}
			if rep.Imported != 1 {
				t.Errorf("Imported = %d, want 1", rep.Imported)
			}
		})
	}
}

func TestProgress(t *testing.T) {
	rows := [][]string{{"Author", "Reviewer", "Submitted"}}
	for i := 0; i < 2500; i++ {
		rows = append(rows, []string{"a", "b", "2026-05-04"})
	}
	dir := t.TempDir()
	tests := []struct {
		name      string
		path      string
		lastTotal int64
	}{
		{"csv", writeCSV(t, dir, "r.csv", ',', false, rows), -1},
		{"xlsx", writeXLSX(t, dir, "r.xlsx", sheet{"r", strRows(rows)}), 2501},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.lastTotal < 0 {
				fi, err := os.Stat(tt.path)
				if err != nil {
					t.Fatal(err)
				}
				tt.lastTotal = fi.Size()
			}
			var calls [][2]int64
			_, err := Import(context.Background(), tt.path, &recorder{}, func(done, total int64) {
				calls = append(calls, [2]int64{done, total})
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(calls) < 3 {
				t.Fatalf("progress called %d times, want at least 3: %v", len(calls), calls)
			}
			for i := 1; i < len(calls); i++ {
				if calls[i][0] < calls[i-1][0] {
					t.Errorf("progress went back: %v then %v", calls[i-1], calls[i])
				}
			}
			if last := calls[len(calls)-1]; last != [2]int64{tt.lastTotal, tt.lastTotal} {
				t.Errorf("last progress %v, want done == total == %d", last, tt.lastTotal)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		path string
		want Kind
	}{
		{"roster csv", writeCSV(t, dir, "reviews.csv", ',', false, hrRows), KindRoster},
		{"reviews xlsx named like a roster", writeXLSX(t, dir, "roster.csv", sheet{"x", [][]any{strSlice(githubHeader)}}), KindReviews},
		{"both kinds, reviews complete", writeCSV(t, dir, "both.csv", ',', false, [][]string{{"Name", "Team", "Author", "Reviewer", "Submitted"}}), KindReviews},
		{"both kinds, roster complete", writeCSV(t, dir, "both2.csv", ',', false, [][]string{{"Name", "Email", "Team", "Author", "Reviewer"}}), KindRoster},
		{"both complete, more roster columns", writeCSV(t, dir, "both3.csv", ',', false, [][]string{{"Name", "Email", "Team", "Level", "Author", "Reviewer", "Submitted"}}), KindRoster},
		{"outlook calendar", writeCSV(t, dir, "cal.csv", ',', false, [][]string{outlookHeader}), KindMeetings},
		{"gitlab merge requests", writeCSV(t, dir, "mrs.csv", ',', false, [][]string{gitlabHeader}), KindReviews},
		{"interactions sheet", writeCSV(t, dir, "help.csv", ';', false, [][]string{{"From", "To", "Kind", "Timestamp", "Weight"}}), KindInteractions},
		{"utf-16 roster", writeFile(t, dir, "roster.txt", string(encodeUTF16("Name\tEmail\tTeam\r\n", false))), KindRoster},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Detect(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Detect = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Work Email", "workemail"},
		{"work_email", "workemail"},
		{"WorkEmail", "workemail"},
		{" E-mail ", "email"},
		{"\ufeffEmail", "email"},
		{"Created At (UTC)", "createdat"},
		{"PR #", "pr"},
		{"(UTC)", "utc"},
		{"Équipe", "équipe"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := normalise(tt.in); got != tt.want {
				t.Errorf("normalise(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		name, head string
		want       rune
	}{
		{"comma", "a,b,c\n1,2,3\n", ','},
		{"semicolon with decimal commas", "a;b;c\n1,5;2,5;3\n", ';'},
		{"tab", "a\tb\tc\n", '\t'},
		{"title line first", "Report; May\nAuthor,Reviewer,Submitted,Comments\n", ','},
		{"quoted commas", "\"a,b,c,d\";x;y\n", ';'},
		{"none", "hello\n", ','},
		{"empty", "", ','},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sniffDelimiter([]byte(tt.head)); got != tt.want {
				t.Errorf("sniffDelimiter(%q) = %q, want %q", tt.head, got, tt.want)
			}
		})
	}
}
