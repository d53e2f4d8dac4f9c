package importers

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// contactRows is a roster whose email column is headed "Contact", which
// no roster export calls it: a header with a column missing.
var contactRows = [][]string{
	{"Employee Name", "Contact", "Team", "Title"},
	{"Ada Okafor", "Ada.Okafor@Example.com", "Payments", "Staff Engineer"},
	{"Jun Kim", "jun.kim@example.com", "Search", "Engineer"},
}

// column returns the column of field name in fields, or -2 when there is
// no such field.
func column(fields []Field, name string) int {
	for _, f := range fields {
		if f.Name == name {
			return f.Column
		}
	}
	return -2
}

func TestPreviewTabular(t *testing.T) {
	dir := t.TempDir()
	reviewRows := [][]any{
		strSlice(githubHeader),
		{"acme/api", 4312, "Fix retry", "aokafor", utc(2026, 5, 4, 9, 12, 0), nil, "jkim", "APPROVED", utc(2026, 5, 4, 13, 2, 0), 3},
		{"acme/api", 4313, "Docs", "jkim", utc(2026, 5, 5, 8, 0, 0), nil, "aokafor", "COMMENTED", utc(2026, 5, 6, 0, 0, 0), 0},
	}
	tests := []struct {
		name      string
		path      string
		rows      int
		kind      Kind
		source    string
		format    string
		sheet     string
		sheets    []string
		headerRow int
		header    []string   // nil: not checked
		want      [][]string // nil: not checked
		columns   map[string]int
	}{
		{
			name: "roster csv", path: writeCSV(t, dir, "people.csv", ',', false, hrRows), rows: 1,
			kind: KindRoster, source: "roster", format: "csv", headerRow: 1,
			header: hrHeader, want: hrRows[1:2],
			columns: map[string]int{"name": 0, "email": 1, "github": 2, "manager": 8},
		},
		{
			name: "roster xlsx, shared strings", path: writeXLSX(t, dir, "people.xlsx", sheet{"Staff", strRows(hrRows)}), rows: 5,
			kind: KindRoster, source: "roster", format: "xlsx", sheet: "Staff", sheets: []string{"Staff"}, headerRow: 1,
			header: hrHeader, want: hrRows[1:],
			columns: map[string]int{"name": 0, "email": 1, "team": 6},
		},
		{
			name: "roster xlsx from openpyxl", path: "testdata/roster/openpyxl.xlsx", rows: 2,
			kind: KindRoster, source: "roster", format: "xlsx", sheet: "People", sheets: []string{"People"}, headerRow: 1,
			columns: map[string]int{"name": 0, "email": 1},
		},
		{
			name: "roster UTF-16 text", path: "testdata/roster/unicode-text.txt", rows: 2,
			kind: KindRoster, source: "roster", format: "csv", headerRow: 1,
		},
		{
			name: "review sheet csv, title rows, tabs", path: "testdata/reviews/tab-title-rows.tsv", rows: 2,
			kind: KindReviews, source: "review sheet", format: "csv",
		},
		{
			name: "review sheet xlsx with date cells", path: writeXLSX(t, dir, "reviews.xlsx", sheet{"Summary", [][]any{{"Review export"}}}, sheet{"Data", reviewRows}), rows: 2,
			kind: KindReviews, source: "review sheet", format: "xlsx", sheet: "Data", sheets: []string{"Summary", "Data"}, headerRow: 1,
			header: githubHeader,
			want: [][]string{
				{"acme/api", "4312", "Fix retry", "aokafor", "2026-05-04 09:12", "", "jkim", "APPROVED", "2026-05-04 13:02", "3"},
				{"acme/api", "4313", "Docs", "jkim", "2026-05-05 08:00", "", "aokafor", "COMMENTED", "2026-05-06", "0"},
			},
			columns: map[string]int{"author": 3, "reviewer": 6, "submitted": 8},
		},
		{
			name: "review sheet xlsx from openpyxl, title row and summary sheet", path: "testdata/reviews/openpyxl.xlsx", rows: 1,
			kind: KindReviews, source: "review sheet", format: "xlsx", sheet: "reviews", sheets: []string{"Summary", "reviews"}, headerRow: 3,
			want: [][]string{{"acme/api", "4312", "Fix retry budget", "aokafor", "2026-05-04 09:12", "2026-05-05 16:40", "jkim", "APPROVED", "2026-05-04 13:02:11", "3"}},
		},
		{
			name: "GitLab merge-request csv", path: "testdata/reviews/gitlab-mr.csv", rows: 1,
			kind: KindReviews, source: "gitlab-mr-csv", format: "csv", headerRow: 1,
			columns: map[string]int{"change": 0, "author username": 10, "approver usernames": 14},
		},
		{
			name: "Outlook calendar csv", path: "testdata/meetings/outlook.csv", rows: 3,
			kind: KindMeetings, source: "outlook-csv", format: "csv", headerRow: 1,
			columns: map[string]int{"subject": 0, "start date": 1, "organizer": 9, "attendees": 10},
		},
		{
			name: "interactions sheet", path: "testdata/interactions/sheet.csv", rows: 2,
			kind: KindInteractions, source: "interactions sheet", format: "csv", headerRow: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := PreviewFile(tt.path, tt.rows)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Sure || p.Kind != tt.kind || p.Source != tt.source || p.Format != tt.format || p.Sheet != tt.sheet {
				t.Errorf("preview sure %v kind %q source %q format %q sheet %q, want true %q %q %q %q",
					p.Sure, p.Kind, p.Source, p.Format, p.Sheet, tt.kind, tt.source, tt.format, tt.sheet)
			}
			if !slices.Equal(p.Sheets, tt.sheets) {
				t.Errorf("sheets %q, want %q", p.Sheets, tt.sheets)
			}
			if tt.headerRow != 0 && p.HeaderRow != tt.headerRow {
				t.Errorf("header row %d, want %d", p.HeaderRow, tt.headerRow)
			}
			if tt.header != nil && !slices.Equal(p.Header, tt.header) {
				t.Errorf("header %q, want %q", p.Header, tt.header)
			}
			if tt.want != nil && !reflect.DeepEqual(p.Rows, tt.want) {
				t.Errorf("rows\n got %q\nwant %q", p.Rows, tt.want)
			}
			if len(p.Rows) != tt.rows && tt.want == nil {
				t.Errorf("%d rows, want %d", len(p.Rows), tt.rows)
			}
			for name, c := range tt.columns {
				if got := column(p.Fields, name); got != c {
					t.Errorf("field %s in column %d, want %d", name, got, c)
				}
			}
			if p.Missing != nil || p.Candidates != nil || p.Text != nil || p.Signature != Signature(p.Header) {
				t.Errorf("missing %q candidates %v text %q signature %q", p.Missing, p.Candidates, p.Text, p.Signature)
			}

			// Import reads the file as the preview shows it.
			rep, err := Import(context.Background(), tt.path, &recorder{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Kind != p.Kind || rep.Source != p.Source || rep.Format != p.Format || rep.Sheet != p.Sheet || rep.Signature != p.Signature {
				t.Errorf("import read %q %q %q %q %q, preview %q %q %q %q %q", rep.Kind, rep.Source, rep.Format, rep.Sheet, rep.Signature,
					p.Kind, p.Source, p.Format, p.Sheet, p.Signature)
			}
			cols := map[string]string{}
			for _, f := range p.Fields {
				if f.Column >= 0 {
					cols[f.Name] = strings.TrimSpace(strings.TrimPrefix(p.Header[f.Column], "\ufeff"))
				}
			}
			if !reflect.DeepEqual(cols, rep.Columns) {
				t.Errorf("preview columns %v, import read %v", cols, rep.Columns)
			}
		})
	}
}

func TestPreviewUnsure(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name       string
		path       string
		kind       Kind
		source     string
		headerRow  int
		missing    []string
		candidates []string
		columns    map[string]int
	}{
		{
			name: "roster with its email column called Contact",
			path: writeCSV(t, dir, "contacts.csv", ',', false, contactRows),
			kind: KindRoster, source: "roster", headerRow: 1,
			missing:    []string{"an email column (Work Email, Email, Email Address, E-mail, Mail, …)"},
			candidates: []string{"roster"},
			columns:    map[string]int{"name": 0, "email": -1, "team": 2, "title": 3, "level": -1},
		},
		{
			name: "same in a workbook, under a title row",
			path: writeXLSX(t, dir, "contacts.xlsx", sheet{"Notes", [][]any{{"nothing here"}}},
				sheet{"People", strRows(append([][]string{{"HR export"}}, contactRows...))}),
			kind: KindRoster, source: "roster", headerRow: 2,
			missing:    []string{"an email column (Work Email, Email, Email Address, E-mail, Mail, …)"},
			candidates: []string{"roster"},
			columns:    map[string]int{"name": 0, "email": -1},
		},
		{
			name: "reviews with no author, reviewer or submitted column",
			path: writeCSV(t, dir, "prs.csv", ';', false, [][]string{
				{"Repository", "PR", "Title", "Creator", "Approver", "Date", "Note"},
				{"acme/api", "12", "Fix", "aokafor", "jkim", "2026-05-04", "quick"},
			}),
			kind: KindReviews, source: "review sheet", headerRow: 1,
			missing: []string{
				"an author column (PR Author, Author, Created By, Owner, Opened By, …)",
				"a reviewer column (Reviewer, Reviewed By, Review Author, Reviewer Login, Reviewer Username, …)",
				"a submitted column (Review Submitted At, Submitted, Submitted At, Reviewed At, Review Date, …)",
			},
			candidates: []string{"review sheet", "interactions sheet"},
			columns:    map[string]int{"repository": 0, "change": 1, "title": 2, "author": -1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := PreviewFile(tt.path, 5)
			if err != nil {
				t.Fatal(err)
			}
			if p.Sure || p.Kind != tt.kind || p.Source != tt.source || p.HeaderRow != tt.headerRow {
				t.Errorf("sure %v kind %q source %q header row %d, want false %q %q %d", p.Sure, p.Kind, p.Source, p.HeaderRow, tt.kind, tt.source, tt.headerRow)
			}
			if !slices.Equal(p.Missing, tt.missing) {
				t.Errorf("missing\n got %q\nwant %q", p.Missing, tt.missing)
			}
			var cands []string
			for _, c := range p.Candidates {
				cands = append(cands, c.Source)
			}
			if !slices.Equal(cands, tt.candidates) {
				t.Errorf("candidates %q, want %q", cands, tt.candidates)
			}
			if c := p.Candidates[0]; c.Source != p.Source || !reflect.DeepEqual(c.Fields, p.Fields) || !slices.Equal(c.Missing, p.Missing) {
				t.Errorf("the first candidate %+v is not the one shown", c)
			}
			for name, c := range tt.columns {
				if got := column(p.Fields, name); got != c {
					t.Errorf("field %s in column %d, want %d", name, got, c)
				}
			}
			if len(p.Rows) == 0 || p.Signature == "" || p.Signature != Signature(p.Header) {
				t.Errorf("rows %q signature %q", p.Rows, p.Signature)
			}
			// Import refuses what the preview is unsure of.
			if _, err := Import(context.Background(), tt.path, &recorder{}, nil); err == nil {
				t.Error("Import read an unsure file without a mapping")
			}
		})
	}
}

func TestPreviewFields(t *testing.T) {
	p, err := PreviewFile(writeCSV(t, t.TempDir(), "contacts.csv", ',', false, contactRows), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 0 {
		t.Errorf("asked for no rows, got %q", p.Rows)
	}
	want := []Field{
		{Name: "name", Label: "Employee Name", Required: true, Alternatives: []string{"team"}, Column: 0},
		{Name: "email", Label: "Work Email", Required: true, Column: -1},
		{Name: "team", Label: "Team", Required: true, Alternatives: []string{"name"}, Column: 2},
		{Name: "department", Label: "Department", Column: -1},
		{Name: "title", Label: "Business Title", Column: 3},
		{Name: "level", Label: "Job Level", Column: -1},
		{Name: "manager", Label: "Manager Email", Column: -1},
		{Name: "github", Label: "GitHub Username", Column: -1},
		{Name: "slack", Label: "Slack Member ID", Column: -1},
	}
	if !reflect.DeepEqual(p.Fields, want) {
		t.Errorf("fields\n got %+v\nwant %+v", p.Fields, want)
	}
}

func TestPreviewApply(t *testing.T) {
	p, err := PreviewFile(writeCSV(t, t.TempDir(), "contacts.csv", ',', false, contactRows), 2)
	if err != nil {
		t.Fatal(err)
	}
	before := *p
	for _, bad := range []Mapping{
		{Source: "payroll", Columns: map[string]int{"email": 1}},
		{Source: "roster", Columns: map[string]int{"phone": 1}},
		{Source: "roster", Columns: map[string]int{"email": 1}, HeaderRow: 7},
		{Source: "roster", Columns: map[string]int{"email": 1}, Sheet: "Other"},
	} {
		if err := p.Apply(bad); !errors.Is(err, ErrBadMapping) {
			t.Errorf("Apply(%+v) = %v, want ErrBadMapping", bad, err)
		}
	}
	if !reflect.DeepEqual(*p, before) {
		t.Error("a failed Apply changed the preview")
	}
	m := p.Mapping()
	want := Mapping{Source: "roster", HeaderRow: 1, Columns: map[string]int{"name": 0, "email": -1, "team": 2, "department": -1,
		"title": 3, "level": -1, "manager": -1, "github": -1, "slack": -1}}
	if !reflect.DeepEqual(m, want) {
		t.Fatalf("Mapping() = %+v, want %+v", m, want)
	}
	m.Columns["email"] = 1
	if err := p.Apply(m); err != nil {
		t.Fatal(err)
	}
	if p.Missing != nil || column(p.Fields, "email") != 1 || p.Sure {
		t.Errorf("after Apply: missing %q, email in column %d, sure %v", p.Missing, column(p.Fields, "email"), p.Sure)
	}
	// Unmapping a column detection found shows it missing.
	if err := p.Apply(Mapping{Source: "roster", Columns: map[string]int{"email": 1, "name": -1, "team": -1}}); err != nil {
		t.Fatal(err)
	}
	if len(p.Missing) != 1 || !strings.HasPrefix(p.Missing[0], "a name or team column") {
		t.Errorf("missing %q, want the name or team column", p.Missing)
	}
	// Another format: the same header read as an interactions sheet.
	if err := p.Apply(Mapping{Source: "interactions sheet", Columns: map[string]int{"from": 0, "to": 1, "timestamp": 3}}); err != nil {
		t.Fatal(err)
	}
	if p.Kind != KindInteractions || p.Missing != nil || column(p.Fields, "to") != 1 {
		t.Errorf("as interactions: kind %q missing %q fields %+v", p.Kind, p.Missing, p.Fields)
	}
}

func TestPreviewUnrecognised(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, path string }{
		{"prose", writeFile(t, dir, "notes.txt", "Dear team,\nthe notes of Monday follow.\nAda\n")},
		{"one known column", "testdata/unrecognised/people.csv"},
		{"binary", writeFile(t, dir, "logo.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")},
		{"zip, not a workbook", writeZip(t, dir, "notes.zip", "notes.txt", "hello")},
		{"legacy xls", writeFile(t, dir, "old.xls", string(oleMagic)+"rest")},
		{"empty", writeFile(t, dir, "empty.csv", "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, perr := PreviewFile(tt.path, 5)
			_, ierr := Import(context.Background(), tt.path, &recorder{}, nil)
			if perr == nil {
				t.Fatalf("preview of an unrecognised file: %+v", p)
			}
			if !errors.Is(perr, ErrUnrecognised) || perr.Error() != ierr.Error() {
				t.Errorf("preview error\n %v\nimport error\n %v", perr, ierr)
			}
		})
	}
	if _, err := PreviewFile(filepath.Join(dir, "absent.csv"), 5); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestPreviewOtherFormats(t *testing.T) {
	tests := []struct {
		path   string
		kind   Kind
		format string
		first  string // the first line of Text
		lines  int
	}{
		{"ics/testdata/google.ics", KindMeetings, "ics", "", 3},
		{"reviewjson/testdata/gerrit-query.json", KindReviews, "gerrit-json", "tools 512345 (MERGED) Cache parsed configs — Ada Okafor", 0},
		{"reviewjson/testdata/github-pulls.json", KindReviews, "github-json", "#4312 Fix rounding in invoices — aokafor", 0},
		{"reviewjson/testdata/github-combined.json", KindReviews, "github-json", "#4312 Fix rounding — aokafor (2026-05-04T09:12:00Z)", 0},
		{"reviewjson/testdata/github-reviews.json", KindReviews, "github-json", "#4312 review by jkim: CHANGES_REQUESTED 2026-05-04T11:00:00Z", 0},
		{"slack/testdata/export.zip", KindChat, "slack-zip", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p, err := PreviewFile(tt.path, 3)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Sure || p.Kind != tt.kind || p.Format != tt.format || p.Source != tt.format || p.Header != nil || p.Signature != "" {
				t.Errorf("preview %+v", p)
			}
			if len(p.Text) == 0 || len(p.Text) > 4 || !strings.HasPrefix(p.Text[0], tt.first) {
				t.Errorf("text %q, want it to start with %q", p.Text, tt.first)
			}
			if tt.lines > 0 && len(p.Text) != tt.lines {
				t.Errorf("text %q, want %d lines", p.Text, tt.lines)
			}
			if err := p.Apply(Mapping{Source: "roster"}); !errors.Is(err, ErrBadMapping) {
				t.Errorf("Apply on %s: %v", tt.format, err)
			}
			t.Logf("%q", p.Text)
		})
	}
}

func TestPreviewSlackChannels(t *testing.T) {
	p, err := PreviewFile("slack/testdata/export.zip", 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"2 channel(s) listed; 5 conversation(s) with 6 day(s) of messages",
		"#general: 4 member(s), 1 day(s) of messages",
		"#help-payments: 5 member(s), 2 day(s) of messages",
	}
	if !slices.Equal(p.Text, want) {
		t.Errorf("text\n got %q\nwant %q", p.Text, want)
	}
}

func TestPreviewICSEvents(t *testing.T) {
	path := writeFile(t, t.TempDir(), "cal.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:20260507T140000\r\n"+
		"SUMMARY:Design review\\, sea\r\n rch\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260508\r\nSUMMARY:Offsite\r\nEND:VEVENT\r\n"+
		"BEGIN:VEVENT\r\nDTSTART:20260509T080000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	p, err := PreviewFile(path, 5)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026-05-07 14:00 Europe/Berlin Design review, search", "2026-05-08 Offsite", "2026-05-09 08:00 UTC"}
	if !slices.Equal(p.Text, want) {
		t.Errorf("text\n got %q\nwant %q", p.Text, want)
	}
}

// TestPreviewReadsOnlyTheHead checks that a preview of a large file reads
// a small part of it, counting the bytes the readers took from the file
// (CSV) or unpacked from the archive (xlsx).
func TestPreviewReadsOnlyTheHead(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 200 000-row file")
	}
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "reviews.csv")
	if err := writeBenchCSV(csvPath, benchRows(200_000)); err != nil {
		t.Fatal(err)
	}
	xlsxPath := filepath.Join(dir, "reviews.xlsx")
	if err := writeBenchXLSX(xlsxPath, benchRows(20_000)); err != nil {
		t.Fatal(err)
	}
	sharedPath := writeXLSX(t, dir, "shared.xlsx", sheet{"People", sharedStringRows(3000)})
	for _, path := range []string{csvPath, xlsxPath, sharedPath} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			p, b, err := preview(path, 5)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Sure || len(p.Rows) != 5 {
				t.Fatalf("sure %v, %d rows", p.Sure, len(p.Rows))
			}
			var read, size int64
			switch b := b.(type) {
			case *csvBook:
				read, size = b.read.N, b.size
			case *xlsxHead:
				read, size = b.read, unpackedSize(t, path)
				if b.sst != nil && len(b.sst.items) > 100 {
					t.Errorf("read %d shared strings for 6 rows", len(b.sst.items))
				}
			default:
				t.Fatalf("read with %T", b)
			}
			t.Logf("read %d of %d bytes", read, size)
			if read > 256<<10 || read > size/10 {
				t.Errorf("read %d bytes of %d for the head", read, size)
			}
		})
	}
}

// sharedStringRows is a roster of n people, each cell a distinct string,
// so the workbook's shared strings grow with n.
func sharedStringRows(n int) [][]any {
	rows := [][]any{{"Name", "Email", "Team", "Title"}}
	for i := range n {
		rows = append(rows, []any{fmt.Sprintf("Person %d", i), fmt.Sprintf("p%d@example.com", i), fmt.Sprintf("Team %d", i), fmt.Sprintf("Title %d", i)})
	}
	return rows
}

func unpackedSize(t *testing.T, path string) int64 {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var n int64
	for _, f := range zr.File {
		n += int64(f.UncompressedSize64)
	}
	return n
}

func TestSignature(t *testing.T) {
	base := []string{"Employee Name", "Contact", "Team"}
	tests := []struct {
		name  string
		cells []string
		same  bool
	}{
		{"identical", []string{"Employee Name", "Contact", "Team"}, true},
		{"case", []string{"EMPLOYEE NAME", "contact", "team"}, true},
		{"spacing and punctuation", []string{"  Employee_Name ", "Con-tact", "Team\t"}, true},
		{"byte-order mark", []string{"\ufeffEmployee Name", "Contact", "Team"}, true},
		{"blank cells after", []string{"Employee Name", "Contact", "Team", "", "  "}, true},
		{"parenthesised part", []string{"Employee Name (legal)", "Contact", "Team"}, true},
		{"other order", []string{"Contact", "Employee Name", "Team"}, false},
		{"other name", []string{"Employee Name", "Contact Email", "Team"}, false},
		{"a column more", []string{"Employee Name", "Contact", "Team", "Level"}, false},
		{"a column less", []string{"Employee Name", "Contact"}, false},
		{"a blank column between", []string{"Employee Name", "", "Contact", "Team"}, false},
		{"words split differently", []string{"Employee", "Name Contact", "Team"}, false},
	}
	want := Signature(base)
	if len(want) != 32 {
		t.Fatalf("signature %q is not 32 hex digits", want)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Signature(tt.cells); (got == want) != tt.same {
				t.Errorf("Signature(%q) = %s, Signature(%q) = %s; same = %v, want %v", tt.cells, got, base, want, got == want, tt.same)
			}
		})
	}
}

func TestShowSerial(t *testing.T) {
	tests := []struct{ in, want string }{
		{"46146", "2026-05-04"},
		{"46146.5", "2026-05-04 12:00"},
		{"46146.543171296", "2026-05-04 13:02:10"},
		{"0.75", "18:00"},
		{"1", "1900-01-01"},
		{"59", "1900-02-28"}, // Excel counts a 29 February 1900 after it
		{"61", "1900-03-01"},
		{"n/a", "n/a"},
		{"-3", "-3"},
	}
	for _, tt := range tests {
		if got := showSerial(tt.in); got != tt.want {
			t.Errorf("showSerial(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsDateFormat(t *testing.T) {
	tests := []struct {
		id   int
		code string
		want bool
	}{
		{14, "", true}, {22, "", true}, {0, "", false}, {2, "", false}, {49, "", false},
		{164, "yyyy-mm-dd", true}, {165, "[$-409]h:mm AM/PM", true}, {166, `0.00" days"`, false},
		{167, "#,##0", false}, {168, `[Red]0.0`, false}, {169, "mmm", true}, {170, "General", false},
	}
	for _, tt := range tests {
		if got := isDateFormat(tt.id, tt.code); got != tt.want {
			t.Errorf("isDateFormat(%d, %q) = %v, want %v", tt.id, tt.code, got, tt.want)
		}
	}
}

// FuzzPreview feeds arbitrary bytes to PreviewFile as a CSV file and as a
// worksheet inside a workbook: no input may panic or hang.
func FuzzPreview(f *testing.F) {
	f.Add([]byte("Employee Name,Contact,Team\nAda,ada@example.com,Payments\n"), false)
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="s"><v>0</v></c></row></sheetData></worksheet>`), true)
	f.Add([]byte(`<worksheet><sheetData><row r="3"><c r="ZZZZZ1"><v>1</v></c></row><row><c t="s"><v>99</v></c></row></sheetData></worksheet>`), true)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, workbook bool) {
		path := filepath.Join(dir, "in.csv")
		if workbook {
			path = filepath.Join(dir, "in.xlsx")
			writeWorkbook(t, path, string(data))
		} else if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		p, err := PreviewFile(path, 3)
		if err == nil && p.Header != nil && p.Signature != Signature(p.Header) {
			t.Fatal("signature does not match the header")
		}
	})
}

// writeWorkbook writes a minimal workbook whose one sheet is the XML
// sheet, with two shared strings.
func writeWorkbook(tb testing.TB, path, sheetXML string) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, part := range []struct{ name, body string }{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Email</t></si><si><r><t>Te</t></r><r><t>am</t></r><rPh><t>x</t></rPh></si></sst>`},
		{"xl/worksheets/sheet1.xml", sheetXML},
	} {
		w, err := zw.Create(part.name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(part.body)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
}

func TestXLSXHeadLayout(t *testing.T) {
	// Rows missing from the file are empty rows; cells without a
	// reference follow the one before; rich and inline text is joined,
	// phonetic runs left out; _xHHHH_ escapes decoded.
	path := filepath.Join(t.TempDir(), "hand.xlsx")
	writeWorkbook(t, path, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
		`<row r="2"><c r="B2" t="inlineStr"><is><t>Name</t></is></c><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>`+
		`<row r="4"><c r="B4" t="inlineStr"><is><r><t>Ada</t></r><r><t xml:space="preserve"> O_x0027_Kafor</t></r></is></c>`+
		`<c r="C4" t="inlineStr"><is><t>ada@example.com</t></is></c><c r="D4"><v>7</v></c><c r="E4" t="b"><v>1</v></c></row>`+
		`</sheetData></worksheet>`)
	p, err := PreviewFile(path, 5)
	if err != nil {
		t.Fatal(err)
	}
	if p.HeaderRow != 2 || !slices.Equal(p.Header, []string{"", "Name", "Email", "Team"}) {
		t.Errorf("header row %d %q", p.HeaderRow, p.Header)
	}
	if want := [][]string{{"", "Ada O'Kafor", "ada@example.com", "7", "TRUE"}}; !reflect.DeepEqual(p.Rows, want) {
		t.Errorf("rows %q, want %q", p.Rows, want)
	}
	if !p.Sure || p.Kind != KindRoster {
		t.Errorf("sure %v kind %q", p.Sure, p.Kind)
	}
	rep, err := Import(context.Background(), path, &recorder{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Signature != p.Signature {
		t.Errorf("import signature %s, preview %s", rep.Signature, p.Signature)
	}
}

func BenchmarkPreview(b *testing.B) {
	for _, format := range []string{"csv", "xlsx"} {
		for _, n := range benchSizes {
			b.Run(fmt.Sprintf("%s/rows=%d", format, n), func(b *testing.B) {
				path := benchFile(b, format, n)
				b.ReportAllocs()
				for b.Loop() {
					p, err := PreviewFile(path, 10)
					if err != nil {
						b.Fatal(err)
					}
					if !p.Sure || len(p.Rows) != 10 {
						b.Fatalf("sure %v, %d rows", p.Sure, len(p.Rows))
					}
				}
			})
		}
	}
}
