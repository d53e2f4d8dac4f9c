package importers

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/multiplier/multiplier"
)

var contactPeople = []multiplier.Person{
	{Email: "ada.okafor@example.com", Name: "Ada Okafor", Team: "Payments", Title: "Staff Engineer"},
	{Email: "jun.kim@example.com", Name: "Jun Kim", Team: "Search", Title: "Engineer"},
}

func TestImportWithMapping(t *testing.T) {
	dir := t.TempDir()
	email := map[string]int{"email": 1}
	tests := []struct {
		name    string
		path    string
		mapping Mapping
		sheet   string
		row     int // header row
		people  []multiplier.Person
	}{
		{
			name:    "csv, the missing column added",
			path:    writeCSV(t, dir, "contacts.csv", ',', false, contactRows),
			mapping: Mapping{Source: "roster", Columns: email},
			row:     1, people: contactPeople,
		},
		{
			name: "csv, the whole mapping from the preview, title rows above",
			path: writeCSV(t, dir, "titled.csv", ';', true, append([][]string{{"HR export"}, {}}, contactRows...)),
			mapping: Mapping{Source: "roster", HeaderRow: 3, Columns: map[string]int{"name": 0, "email": 1, "team": 2, "department": -1,
				"title": 3, "level": -1, "manager": -1, "github": -1, "slack": -1}},
			row: 3, people: contactPeople,
		},
		{
			name: "xlsx, header row and sheet given",
			path: writeXLSX(t, dir, "contacts.xlsx", sheet{"Cover", [][]any{{"Name", "Team"}, {"x", "y"}}},
				sheet{"People", strRows(append([][]string{{"Staff list"}}, contactRows...))}),
			mapping: Mapping{Source: "roster", Columns: email, HeaderRow: 2, Sheet: "People"},
			sheet:   "People", row: 2, people: contactPeople,
		},
		{
			name:    "xlsx, sheet found as the preview finds it",
			path:    writeXLSX(t, dir, "contacts2.xlsx", sheet{"Notes", [][]any{{"notes only"}}}, sheet{"People", strRows(contactRows)}),
			mapping: Mapping{Source: "roster", Columns: email},
			sheet:   "People", row: 1, people: contactPeople,
		},
		{
			name: "a header row far below the rows scanned for a header",
			path: writeCSV(t, dir, "deep.csv", ',', false, append(slices.Repeat([][]string{{"junk", "junk"}}, 40), contactRows...)),
			mapping: Mapping{Source: "roster", Columns: map[string]int{"email": 1, "name": 0, "team": 2, "title": 3},
				HeaderRow: 41},
			row: 41, people: contactPeople,
		},
		{
			name:    "a complete header read with other columns",
			path:    writeCSV(t, dir, "people.csv", ',', false, hrRows),
			mapping: Mapping{Source: "roster", Columns: map[string]int{"name": 2, "team": -1, "manager": -1}},
			row:     1,
			people: []multiplier.Person{
				{Email: "ada.okafor@example.com", Name: "aokafor", GitHub: "aokafor", SlackID: "U01ABCDEF", Title: "Staff Software Engineer", Level: "L6", Department: "Payments"},
				{Email: "jun.kim@example.com", Name: "jkim", GitHub: "jkim", SlackID: "U02XYZ", Title: "Software Engineer", Level: "L4", Department: "Payments"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sink recorder
			rep, err := ImportWith(context.Background(), tt.path, &sink, nil, Options{Mapping: &tt.mapping})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(sink.people, tt.people) {
				t.Errorf("people\n got %+v\nwant %+v", sink.people, tt.people)
			}
			if rep.Kind != KindRoster || rep.Source != "roster" || rep.Sheet != tt.sheet || rep.Imported != len(tt.people) {
				t.Errorf("report %+v", rep)
			}
			m := rep.Mapping
			if m == nil || m.Source != "roster" || m.HeaderRow != tt.row || m.Sheet != tt.sheet || len(m.Columns) != len(rosterFields) {
				t.Fatalf("report mapping %+v", m)
			}
			for name, c := range tt.mapping.Columns {
				if m.Columns[name] != c {
					t.Errorf("report mapping has %s in column %d, the mapping %d", name, m.Columns[name], c)
				}
			}
			if rep.Signature == "" || len(rep.Notes) == 0 || !strings.HasPrefix(rep.Notes[0], "read with a column mapping: ") {
				t.Errorf("signature %q notes %q", rep.Signature, rep.Notes)
			}
			// The mapping the import reports reads the file the same way again.
			var again recorder
			if _, err := ImportWith(context.Background(), tt.path, &again, nil, Options{Mapping: m}); err != nil || !reflect.DeepEqual(again.people, sink.people) {
				t.Errorf("import with the reported mapping: %v, %+v", err, again.people)
			}
		})
	}
}

func TestImportWithMappingMatchesPreview(t *testing.T) {
	path := writeCSV(t, t.TempDir(), "contacts.csv", ',', false, contactRows)
	p, err := PreviewFile(path, 5)
	if err != nil {
		t.Fatal(err)
	}
	m := p.Mapping()
	m.Columns["email"] = 1
	var sink recorder
	rep, err := ImportWith(context.Background(), path, &sink, nil, Options{Mapping: &m})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Signature != p.Signature || !reflect.DeepEqual(*rep.Mapping, m) {
		t.Errorf("import signature %s mapping %+v; preview %s %+v", rep.Signature, rep.Mapping, p.Signature, m)
	}
	if want := map[string]string{"name": "Employee Name", "email": "Contact", "team": "Team", "title": "Title"}; !reflect.DeepEqual(rep.Columns, want) {
		t.Errorf("columns %v, want %v", rep.Columns, want)
	}
}

func TestImportWithMappingPositions(t *testing.T) {
	rows := append(slices.Clone(contactRows), []string{"Mei Tanaka", "TBD", "Search", ""}, []string{"Omar", "", "", ""})
	path := writeCSV(t, t.TempDir(), "contacts.csv", ',', false, rows)
	var sink recorder
	rep, err := ImportWith(context.Background(), path, &sink, nil, Options{Mapping: &Mapping{Source: "roster", Columns: map[string]int{"email": 1}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range rep.Skipped {
		got = append(got, e.Error())
		if e.Col != 2 || e.Column != "Contact" {
			t.Errorf("skipped row at column %d %q, want 2 Contact", e.Col, e.Column)
		}
	}
	want := []string{
		`contacts.csv, row 4, column 'Contact': "TBD" is not an email address`,
		`contacts.csv, row 5, column 'Contact': missing value`,
	}
	if !slices.Equal(got, want) || len(sink.people) != 2 {
		t.Errorf("skipped\n got %q\nwant %q", got, want)
	}
	// A column mapped where the header cell is blank is named by number.
	path = writeCSV(t, t.TempDir(), "blank.csv", ',', false, [][]string{{"Name", "", "Team"}, {"Ada", "not-an-email", "Payments"}})
	rep, err = ImportWith(context.Background(), path, &recorder{}, nil, Options{Mapping: &Mapping{Source: "roster", Columns: map[string]int{"email": 1}}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Columns["email"] != "column 2" || len(rep.Skipped) != 1 || rep.Skipped[0].Error() != `blank.csv, row 2, column 2: "not-an-email" is not an email address` {
		t.Errorf("columns %v skipped %v", rep.Columns, rep.Skipped)
	}
}

func TestImportWithMappingErrors(t *testing.T) {
	dir := t.TempDir()
	contacts := writeCSV(t, dir, "contacts.csv", ',', false, contactRows)
	book := writeXLSX(t, dir, "contacts.xlsx", sheet{"People", strRows(contactRows)})
	tests := []struct {
		name    string
		path    string
		mapping Mapping
		is      error
		msg     string
	}{
		{"a required field not mapped", contacts, Mapping{Source: "roster", Columns: map[string]int{"title": 3}}, ErrMissingColumn,
			"contacts.csv, row 1: missing column: the column mapping for a roster leaves out an email column (Work Email, Email, Email Address, E-mail, Mail, …)"},
		{"a required field unmapped", contacts, Mapping{Source: "roster", Columns: map[string]int{"email": 1, "name": -1, "team": -1}}, ErrMissingColumn,
			"contacts.csv, row 1: missing column: the column mapping for a roster leaves out a name or team column (Employee Name, Name, Full Name, Preferred Name, Display Name, …; Team, Team Name, Squad, Group, Pod)"},
		{"in a sheet", book, Mapping{Source: "review sheet", Columns: map[string]int{"author": 0, "reviewer": 1}}, ErrMissingColumn,
			"contacts.xlsx, sheet People, row 1: missing column: the column mapping for a review export leaves out a submitted column (Review Submitted At, Submitted, Submitted At, Reviewed At, Review Date, …)"},
		{"unknown format", contacts, Mapping{Source: "payroll"}, ErrBadMapping,
			`contacts.csv: column mapping does not fit: "payroll" is not a format of a spreadsheet Multiplier reads (outlook-csv, gitlab-mr-csv, review sheet, interactions sheet, roster)`},
		{"unknown field", contacts, Mapping{Source: "roster", Columns: map[string]int{"phone": 1}}, ErrBadMapping,
			`contacts.csv: column mapping does not fit: a roster has no field "phone" (its fields: name, email, team, department, title, level, manager, github, slack)`},
		{"column out of reach", contacts, Mapping{Source: "roster", Columns: map[string]int{"email": 20000}}, ErrBadMapping,
			"contacts.csv: column mapping does not fit: column 20001 for email is past the last column a sheet has"},
		{"no such sheet", book, Mapping{Source: "roster", Columns: map[string]int{"email": 1}, Sheet: "Staff"}, ErrBadMapping,
			`contacts.xlsx: column mapping does not fit: no sheet "Staff" (sheets: People)`},
		{"blank header row", writeCSV(t, dir, "gap.csv", ',', false, append([][]string{{"x", "y"}, {}}, contactRows...)),
			Mapping{Source: "roster", Columns: map[string]int{"email": 1}, HeaderRow: 2}, ErrBadMapping,
			"gap.csv: column mapping does not fit: header row 2 is blank"},
		{"header row past the end", contacts, Mapping{Source: "roster", Columns: map[string]int{"email": 1}, HeaderRow: 99}, ErrBadMapping,
			"contacts.csv: column mapping does not fit: header row 99 is blank or past the end"},
		{"not a spreadsheet", "reviewjson/testdata/github-pulls.json", Mapping{Source: "review sheet"}, ErrBadMapping,
			"import github-pulls.json: column mapping does not fit: a column mapping is for a spreadsheet or CSV file, not github-json"},
		{"no header to be found", writeCSV(t, dir, "plain.csv", ',', false, [][]string{{"a", "b"}, {"c", "d"}}),
			Mapping{Source: "roster", Columns: map[string]int{"email": 1, "name": 0}}, ErrUnrecognised, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sink recorder
			_, err := ImportWith(context.Background(), tt.path, &sink, nil, Options{Mapping: &tt.mapping})
			if !errors.Is(err, tt.is) {
				t.Fatalf("error %v, want %v", err, tt.is)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("error\n got %s\nwant %s", err, tt.msg)
			}
			if sink.records() != 0 {
				t.Errorf("%d records sent before the error", sink.records())
			}
		})
	}
	// With a header row given, a file with no header-like row is read.
	var sink recorder
	plain := writeCSV(t, dir, "plain2.csv", ',', false, [][]string{{"a", "b"}, {"Ada", "ada@example.com"}})
	if _, err := ImportWith(context.Background(), plain, &sink, nil, Options{Mapping: &Mapping{Source: "roster", HeaderRow: 1, Columns: map[string]int{"email": 1, "name": 0}}}); err != nil || len(sink.people) != 1 {
		t.Errorf("plain file with a header row: %v, %+v", err, sink.people)
	}
}

func TestImportRemembered(t *testing.T) {
	dir := t.TempDir()
	first := writeCSV(t, dir, "contacts-may.csv", ',', false, contactRows)
	p, err := PreviewFile(first, 5)
	if err != nil {
		t.Fatal(err)
	}
	saved := map[string]string{} // signature → mapping as JSON, as a workspace keeps them
	m := p.Mapping()
	m.Columns["email"] = 1
	rep, err := ImportWith(context.Background(), first, &recorder{}, nil, Options{Mapping: &m})
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(rep.Mapping)
	saved[rep.Signature] = string(js)
	calls := 0
	remembered := func(sig string) (*Mapping, error) {
		calls++
		js, ok := saved[sig]
		if !ok {
			return nil, nil
		}
		var m Mapping
		return &m, json.Unmarshal([]byte(js), &m)
	}

	// June's export: the same layout in other case, other rows, a title row above.
	june := writeCSV(t, dir, "contacts-june.csv", ',', false, [][]string{
		{"Contacts, June"},
		{"employee name", "CONTACT", "team", "title"},
		{"Mei Tanaka", "mei.tanaka@example.com", "Discovery", "Senior Engineer"},
	})
	var sink recorder
	rep, err = ImportWith(context.Background(), june, &sink, nil, Options{Remembered: remembered})
	if err != nil {
		t.Fatal(err)
	}
	want := []multiplier.Person{{Email: "mei.tanaka@example.com", Name: "Mei Tanaka", Team: "Discovery", Title: "Senior Engineer"}}
	if !reflect.DeepEqual(sink.people, want) || rep.Mapping == nil || rep.Mapping.HeaderRow != 2 || calls != 2 {
		t.Errorf("people %+v mapping %+v after %d calls", sink.people, rep.Mapping, calls)
	}
	if !strings.HasPrefix(rep.Notes[0], "header not recognised; read with the column mapping saved for this layout: name from 'employee name', email from 'CONTACT'") {
		t.Errorf("notes %q", rep.Notes)
	}

	// A recognised header does not ask; an unknown layout still fails as before.
	calls = 0
	if _, err := ImportWith(context.Background(), writeCSV(t, dir, "people.csv", ',', false, hrRows), &recorder{}, nil, Options{Remembered: remembered}); err != nil || calls != 0 {
		t.Errorf("recognised header: %v after %d calls", err, calls)
	}
	other := writeCSV(t, dir, "other.csv", ',', false, [][]string{{"Employee Name", "Phone", "Team"}, {"Ada", "555", "Payments"}})
	_, err = ImportWith(context.Background(), other, &recorder{}, nil, Options{Remembered: remembered})
	_, plain := Import(context.Background(), other, &recorder{}, nil)
	if !errors.Is(err, ErrMissingColumn) || err.Error() != plain.Error() {
		t.Errorf("unknown layout: %v, want Import's %v", err, plain)
	}
	// The lookup's error stops the import.
	boom := errors.New("disk on fire")
	_, err = ImportWith(context.Background(), june, &recorder{}, nil, Options{Remembered: func(string) (*Mapping, error) { return nil, boom }})
	if !errors.Is(err, boom) {
		t.Errorf("lookup error: %v", err)
	}
	// A saved mapping that no longer fits is an error, not a silent guess.
	_, err = ImportWith(context.Background(), june, &recorder{}, nil, Options{Remembered: func(string) (*Mapping, error) {
		return &Mapping{Source: "roster", Columns: map[string]int{"email": -1}}, nil
	}})
	if !errors.Is(err, ErrMissingColumn) || !strings.Contains(err.Error(), "saved column mapping") {
		t.Errorf("stale mapping: %v", err)
	}
}
