package workspace

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/multiplier/multiplier/importers"
	"github.com/xuri/excelize/v2"
)

// writeCSV writes rows to dir/name and returns the path.
func writeCSV(t *testing.T, dir, name string, rows [][]string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeXLSX writes rows as the only sheet of a workbook at dir/name.
func writeXLSX(t *testing.T, dir, name string, rows [][]string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// An HR export whose email column is headed "Contact": the importer
// knows the name and team columns, not that one.
var (
	contactHeader = []string{"Employee Name", "Contact", "Team", "Title"}
	mayContacts   = [][]string{contactHeader,
		{"Ada Okafor", "Ada.Okafor@example.com", "Payments", "Staff Engineer"},
		{"Jun Kim", "jun.kim@example.com", "Search", "Engineer"},
		{"Nobody", "TBD", "Search", ""},
	}
	juneContacts = [][]string{{"EMPLOYEE NAME", "contact", "team", "title"},
		{"Mei Tanaka", "mei.tanaka@example.com", "Discovery", "Senior Engineer"},
		{"Omar Patel", "omar.patel@example.com", "Platform", "VP Engineering"},
	}
)

func emails(t *testing.T, w *Workspace) []string {
	t.Helper()
	people, err := w.st.People(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range people {
		out = append(out, p.Email)
	}
	slices.Sort(out)
	return out
}

func TestImportMappedIsRemembered(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w := mustOpen(t)
	may := writeCSV(t, dir, "contacts-may.csv", mayContacts)

	p, err := w.Preview(may)
	if err != nil {
		t.Fatal(err)
	}
	if p.Sure || p.Remembered || p.Kind != importers.KindRoster || len(p.Missing) != 1 || !strings.HasPrefix(p.Missing[0], "an email column") {
		t.Fatalf("preview sure %v remembered %v kind %q missing %q", p.Sure, p.Remembered, p.Kind, p.Missing)
	}
	if len(p.Rows) != 3 || !slices.Equal(p.Header, contactHeader) {
		t.Fatalf("preview header %q rows %q", p.Header, p.Rows)
	}
	// Without a mapping the file is refused, and nothing is kept.
	if _, err := w.Import(ctx, may, nil); !errors.Is(err, importers.ErrMissingColumn) {
		t.Fatalf("plain import of an unsure file: %v", err)
	}

	m := p.Mapping()
	m.Columns["email"] = 1
	var calls int
	rep, err := w.ImportMapped(ctx, may, m, func(Progress) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kind != "roster" || rep.Imported != 2 || rep.Skipped != 1 || calls == 0 {
		t.Fatalf("report %+v after %d progress calls", rep, calls)
	}
	if want := `contacts-may.csv, row 4, column 'Contact': "TBD" is not an email address`; !slices.Equal(rep.Issues, []string{want}) {
		t.Errorf("issues %q, want %q", rep.Issues, want)
	}
	if got := emails(t, w); !slices.Equal(got, []string{"ada.okafor@example.com", "jun.kim@example.com"}) {
		t.Errorf("people %q", got)
	}
	cm, ok, err := w.st.ColumnMap(ctx, p.Signature)
	if err != nil || !ok || cm.Kind != "roster" {
		t.Fatalf("saved mapping %+v %v %v", cm, ok, err)
	}
	var saved importers.Mapping
	if err := json.Unmarshal([]byte(cm.Mapping), &saved); err != nil {
		t.Fatal(err)
	}
	m.HeaderRow = 0
	if !reflect.DeepEqual(saved, m) {
		t.Errorf("saved mapping %+v, want %+v", saved, m)
	}

	// June's export has the same layout and other people: the preview
	// shows the saved mapping, and a plain Import reads it with no questions.
	june := writeCSV(t, dir, "contacts-june.csv", juneContacts)
	p, err = w.Preview(june)
	if err != nil {
		t.Fatal(err)
	}
	if p.Sure || !p.Remembered || p.Missing != nil || p.Signature != cm.Signature {
		t.Errorf("June preview sure %v remembered %v missing %q signature %s", p.Sure, p.Remembered, p.Missing, p.Signature)
	}
	for _, f := range p.Fields {
		if f.Column != m.Columns[f.Name] {
			t.Errorf("June preview reads %s from column %d, the saved mapping %d", f.Name, f.Column, m.Columns[f.Name])
		}
	}
	rep, err = w.Import(ctx, june, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 2 || len(rep.Notes) == 0 || !strings.HasPrefix(rep.Notes[0], "header not recognised; read with the column mapping saved for this layout") {
		t.Errorf("June report %+v", rep)
	}
	// And July's, as a workbook.
	july := writeXLSX(t, dir, "contacts-july.xlsx", [][]string{contactHeader, {"Lina Rossi", "lina.rossi@example.com", "Payments", "Director"}})
	if rep, err := w.Import(ctx, july, nil); err != nil || rep.Imported != 1 || rep.Format != "xlsx" {
		t.Fatalf("July: %+v, %v", rep, err)
	}
	want := []string{"ada.okafor@example.com", "jun.kim@example.com", "lina.rossi@example.com", "mei.tanaka@example.com", "omar.patel@example.com"}
	if got := emails(t, w); !slices.Equal(got, want) {
		t.Errorf("people %q, want %q", got, want)
	}
	srcs, err := w.Sources(ctx)
	if err != nil || len(srcs) != 3 || srcs[0].Kind != "roster" || srcs[0].Format != "roster (csv)" {
		t.Errorf("sources %+v, %v", srcs, err)
	}

	// A layout with no saved mapping is still refused.
	other := writeCSV(t, dir, "other.csv", [][]string{{"Employee Name", "Phone", "Team"}, {"Ada", "555", "Payments"}})
	if _, err := w.Import(ctx, other, nil); !errors.Is(err, importers.ErrMissingColumn) {
		t.Errorf("other layout: %v", err)
	}
}

func TestImportMappedFailsWhole(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w := mustOpen(t)
	may := writeCSV(t, dir, "contacts-may.csv", mayContacts)
	p, err := w.Preview(may)
	if err != nil {
		t.Fatal(err)
	}
	// The mapping leaves out the email column a roster needs.
	_, err = w.ImportMapped(ctx, may, importers.Mapping{Source: "roster", Columns: map[string]int{"title": 3}}, nil)
	if !errors.Is(err, importers.ErrMissingColumn) || !strings.Contains(err.Error(), "contacts-may.csv") || !strings.Contains(err.Error(), "an email column") {
		t.Fatalf("error %v, want a missing email column in contacts-may.csv", err)
	}
	// A mapping for a format the file is not.
	_, err = w.ImportMapped(ctx, may, importers.Mapping{Source: "payroll"}, nil)
	if !errors.Is(err, importers.ErrBadMapping) {
		t.Fatalf("error %v, want ErrBadMapping", err)
	}
	// Cancelled once every row is read, before the mapping is saved and
	// the import commits: the rows and the mapping go together. (A
	// workbook's progress has a total only on the last call, after the
	// rows.)
	book := writeXLSX(t, dir, "contacts-may.xlsx", mayContacts)
	cancelled, cancel := context.WithCancel(ctx)
	defer cancel()
	m := p.Mapping()
	m.Columns["email"] = 1
	atEnd := func(pr Progress) {
		if pr.Total > 0 && pr.Done == pr.Total {
			cancel()
		}
	}
	if _, err := w.ImportMapped(cancelled, book, m, atEnd); !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "save column mapping") {
		t.Fatalf("cancelled import: %v, want it cancelled saving the column mapping", err)
	}
	srcs, _ := w.Sources(ctx)
	if _, ok, _ := w.st.ColumnMap(ctx, p.Signature); ok || len(srcs) != 0 || len(emails(t, w)) != 0 {
		t.Errorf("a failed import kept: mapping %v, sources %+v, people %q", ok, srcs, emails(t, w))
	}
	// The same file imported twice is refused before anything is saved.
	if _, err := w.ImportMapped(ctx, may, m, nil); err != nil {
		t.Fatal(err)
	}
	m.Columns["title"] = -1
	if _, err := w.ImportMapped(ctx, may, m, nil); !errors.Is(err, ErrAlreadyImported) {
		t.Fatalf("re-import: %v", err)
	}
	cm, _, _ := w.st.ColumnMap(ctx, p.Signature)
	if strings.Contains(cm.Mapping, `"title":-1`) {
		t.Errorf("a refused import replaced the saved mapping: %s", cm.Mapping)
	}
}

func TestPreviewOtherFiles(t *testing.T) {
	w := mustOpen(t)
	dir := t.TempDir()
	// A recognised file is shown as Import reads it, with no mapping.
	roster := writeCSV(t, dir, "roster.csv", [][]string{{"Name", "Email", "Team"}, {"Ada", "ada@example.com", "Payments"}})
	p, err := w.Preview(roster)
	if err != nil || !p.Sure || p.Remembered || p.Kind != importers.KindRoster {
		t.Fatalf("roster preview %+v, %v", p, err)
	}
	// A file Multiplier does not read gives Import's error.
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("Dear team,\nnotes follow.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, perr := w.Preview(notes)
	_, ierr := w.Import(context.Background(), notes, nil)
	if !errors.Is(perr, importers.ErrUnrecognised) || ierr == nil || perr.Error() != ierr.Error() {
		t.Errorf("preview error %v, import error %v", perr, ierr)
	}
}
