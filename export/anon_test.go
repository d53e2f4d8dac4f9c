package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// readCSV reads people.csv back: its header and rows.
func readCSV(t testing.TB, path string) ([]string, [][]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s is empty", path)
	}
	return recs[0], recs[1:]
}

// TestAnonymisedExportLeaksNoName writes every file of the export with
// Anonymize (and again with PseudonymTeams too) and searches every byte
// of every file, every part of the workbook and every text of every PDF
// for every name, name part, email, email local part and alias of the
// roster, case-insensitively; with PseudonymTeams, for the team names
// too. The same search on the named export must find the names in
// every kind of file, which shows the search can see them there.
func TestAnonymisedExportLeaksNoName(t *testing.T) {
	r := testReport()
	secrets := synthSecrets(r)
	teams := []string{}
	for _, name := range r.Flows.Teams {
		teams = append(teams, strings.ToLower(name))
	}

	t.Run("named export shows the names", func(t *testing.T) {
		t.Parallel()
		dir, files := writeExport(t, r, Options{People: []int{0, longEvidencePerson}})
		for _, tc := range []struct {
			file  string
			names []string // all must be found
		}{
			{"people.csv", names(r, nil)},
			{"calibration.xlsx", names(r, nil)},
			{"quadrant.svg", names(r, []int{0})},
			{"people.pdf", names(r, []int{0, longEvidencePerson})},
			{"people/" + slug(r.People[0].Name) + ".pdf", names(r, []int{0})},
			{"network.pdf", names(r, []int{0})},
			{"trends/" + slug(r.People[0].Name) + ".pdf", names(r, []int{0})},
			{"trends/" + slug(r.People[0].Name) + ".svg", names(r, []int{0})},
		} {
			texts := fileTexts(t, filepath.Join(dir, tc.file))
			if got := found(texts, tc.names); !slices.Equal(got, tc.names) {
				t.Errorf("%s: the search finds %v of %v", tc.file, got, tc.names)
			}
		}
		// The evidence names colleagues by first name, email and alias;
		// the person PDF shows them, and the search sees them there.
		texts := fileTexts(t, filepath.Join(dir, "people/"+slug(r.People[0].Name)+".pdf"))
		other := r.People[1]
		first := strings.ToLower(strings.Fields(other.Name)[0])
		for _, s := range []string{strings.ToLower(other.Email), first} {
			if len(found(texts, []string{s})) == 0 {
				t.Errorf("person PDF: the search does not find %q", s)
			}
		}
		// Every kind of file but PNG holds some name.
		kinds := map[string]bool{}
		for _, f := range files {
			if len(found(fileTexts(t, f), secrets)) > 0 {
				kinds[filepath.Ext(f)] = true
			}
		}
		for _, ext := range []string{".csv", ".xlsx", ".svg", ".pdf"} {
			if !kinds[ext] {
				t.Errorf("no %s file of the named export holds a name", ext)
			}
		}
	})

	for _, tc := range []struct {
		name string
		opt  Options
	}{
		{"anonymised", Options{Anonymize: true}},
		{"anonymised with team pseudonyms", Options{Anonymize: true, PseudonymTeams: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir, files := writeExport(t, r, tc.opt)
			needles := secrets
			if tc.opt.PseudonymTeams {
				needles = append(slices.Clone(secrets), teams...)
			}
			for _, f := range files {
				rel, _ := filepath.Rel(dir, f)
				if leaks := found([]string{strings.ToLower(rel)}, needles); len(leaks) > 0 {
					t.Errorf("file name %s holds %q", rel, leaks)
				}
				if leaks := found(fileTexts(t, f), needles); len(leaks) > 0 {
					t.Errorf("%s holds %q", rel, leaks)
				}
			}
			// The pseudonyms are there instead, in every PDF that names people.
			texts := fileTexts(t, filepath.Join(dir, "people.pdf"))
			if len(found(texts, []string{"engineer 0"})) == 0 {
				t.Errorf("people.pdf shows no pseudonym")
			}
			if tc.opt.PseudonymTeams {
				if len(found(fileTexts(t, filepath.Join(dir, "team-flows.svg")), []string{"team a"})) == 0 {
					t.Errorf("team-flows.svg shows no team pseudonym")
				}
			}
		})
	}
}

// names lists the lower-case names of the people idx, all when nil.
func names(r Report, idx []int) []string {
	var out []string
	for i, p := range r.People {
		if idx == nil || slices.Contains(idx, i) {
			out = append(out, strings.ToLower(p.Name))
		}
	}
	return out
}

// TestHiddenSmallTeams: in the anonymised export, teams with fewer than
// MinGroupSize people show no aggregates, and the files say so; in the
// named export nothing is hidden.
func TestHiddenSmallTeams(t *testing.T) {
	r := testReport() // MinGroupSize 3: Platform and Search have 3 people
	visible := []string{"Platform", "Search"}
	hidden := []string{"Payments", "Mobile", "Insights", "Identity"}
	n := len(r.Flows.Teams)

	for _, tc := range []struct {
		name string
		anon bool
	}{{"named", false}, {"anonymised", true}} {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := writeExport(t, r, Options{Anonymize: tc.anon, Formats: []string{FormatSVG, FormatXLSX, FormatPDF}, People: []int{0, 3}})
			f, err := excelize.OpenFile(filepath.Join(dir, "calibration.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()

			// Teams sheet: one row per team; hidden ones have no numbers
			// and a note.
			rows, err := f.GetRows("Teams")
			if err != nil {
				t.Fatal(err)
			}
			note := slices.Index(rows[0], "Note")
			seen := map[string]bool{}
			for _, row := range rows[1:] {
				team := row[0]
				seen[team] = true
				isHidden := tc.anon && slices.Contains(hidden, team)
				for c := 2; c < note; c++ {
					v := ""
					if c < len(row) {
						v = row[c]
					}
					if isHidden && v != "" {
						t.Errorf("Teams: hidden team %s shows %s = %q", team, rows[0][c], v)
					}
					if !isHidden && v == "" && c < 9 {
						t.Errorf("Teams: team %s has no %s", team, rows[0][c])
					}
				}
				gotNote := note < len(row) && strings.Contains(row[note], "Hidden: fewer than 3 people")
				if gotNote != isHidden {
					t.Errorf("Teams: team %s note %q, hidden %v", team, row[min(note, len(row)-1)], isHidden)
				}
			}
			for _, team := range append(slices.Clone(visible), hidden...) {
				if !seen[team] {
					t.Errorf("Teams: no row for %s", team)
				}
			}

			// The heatmap: every cell in a hidden row or column says
			// "hidden" and nothing else; the legend says why.
			svg, err := os.ReadFile(filepath.Join(dir, "team-flows.svg"))
			if err != nil {
				t.Fatal(err)
			}
			texts := svgTexts(t, svg)
			wantHidden := 0
			if tc.anon {
				v := len(visible)
				wantHidden = n*n - v*v
			}
			if got := count(texts, "hidden"); got != wantHidden {
				t.Errorf("heatmap: %d cells say hidden, want %d", got, wantHidden)
			}
			for _, team := range hidden {
				label := team + " (hidden)"
				if got, want := count(texts, label), map[bool]int{true: 2}[tc.anon]; got != want {
					t.Errorf("heatmap: %q shown %d times, want %d (row and column)", label, got, want)
				}
			}
			if got := slices.Contains(texts, "Hidden: fewer than 3 people"); got != tc.anon {
				t.Errorf("heatmap legend explains hidden cells: %v, want %v", got, tc.anon)
			}

			// Flows sheet: the same cells say hidden, and a note says why.
			frows, err := f.GetRows("Flows")
			if err != nil {
				t.Fatal(err)
			}
			hiddenCells := 0
			for _, row := range frows[1:] {
				hiddenCells += count(row, "hidden")
			}
			if hiddenCells != wantHidden {
				t.Errorf("Flows: %d cells say hidden, want %d", hiddenCells, wantHidden)
			}
			about, err := f.GetCellValue("About", "B7")
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(about, "fewer than 3 people are hidden"); got != tc.anon {
				t.Errorf("About says %q", about)
			}

			// The page of a person in a hidden team (person 3 is in
			// Payments) hides the team medians and says why.
			page := fileTexts(t, filepath.Join(dir, "people", slug(pageName(t, f, 3))+".pdf"))
			if got := len(found(page, []string{"team medians hidden: the team has fewer than 3 people"})) > 0; got != tc.anon {
				t.Errorf("person page in a small team says its medians are hidden: %v, want %v", got, tc.anon)
			}
		})
	}
}

// pageName is the name (or pseudonym) of person i in the Summary sheet.
func pageName(t testing.TB, f *excelize.File, i int) string {
	t.Helper()
	v, err := f.GetCellValue("Summary", ref(1, i+2))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

var svgText = regexp.MustCompile(`(?s)<text[^>]*>(.*?)</text>`)

// svgTexts returns the text of each <text> element of an SVG, unescaped.
func svgTexts(t testing.TB, svg []byte) []string {
	t.Helper()
	var out []string
	for _, m := range svgText.FindAllSubmatch(svg, -1) {
		s, err := xmlText(append(append([]byte("<t>"), m[1]...), "</t>"...))
		if err != nil {
			t.Fatalf("svg text %q: %v", m[1], err)
		}
		out = append(out, s)
	}
	return out
}

func count(xs []string, x string) int {
	n := 0
	for _, s := range xs {
		if s == x {
			n++
		}
	}
	return n
}

// TestPseudonymsConsistent: each person has the same pseudonym in the
// CSV and every workbook sheet, and (for five people with pages, one of
// each team) in the person PDF's file name and page and the trend
// charts' file names; given Options.Pseudonyms, those are the ones used.
func TestPseudonymsConsistent(t *testing.T) {
	r := testReport()
	pages := []int{0, 3, 5, 8, 11} // people with a page and a trend chart; every team
	given := map[string]string{}
	for i, p := range r.People {
		given[p.Email] = fmt.Sprintf("Reviewer %c%d", 'K'+i%5, i)
	}
	for _, tc := range []struct {
		name string
		opt  Options
		want func(i int) string // the pseudonym of person i; nil: "Engineer NNN"
	}{
		{"default", Options{Anonymize: true, People: pages}, nil},
		{"given", Options{Anonymize: true, People: pages, Pseudonyms: func(email string) string { return given[email] }}, func(i int) string { return given[r.People[i].Email] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir, _ := writeExport(t, r, tc.opt)
			header, rows := readCSV(t, filepath.Join(dir, "people.csv"))
			if header[0] != "Name" || slices.Contains(header, "Email") {
				t.Fatalf("CSV header %v: want Name first and no Email", header)
			}
			if len(rows) != len(r.People) {
				t.Fatalf("CSV has %d rows, want %d", len(rows), len(r.People))
			}
			f, err := excelize.OpenFile(filepath.Join(dir, "calibration.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			evidence, err := f.GetRows("Evidence")
			if err != nil {
				t.Fatal(err)
			}
			pseudo := map[string]bool{}
			for i, row := range rows {
				name := row[0]
				if tc.want != nil && name != tc.want(i) {
					t.Errorf("CSV row %d: %q, want the given pseudonym %q", i+1, name, tc.want(i))
				}
				if tc.want == nil && !regexp.MustCompile(`^Engineer \d{3}$`).MatchString(name) {
					t.Errorf("CSV row %d: %q, want Engineer NNN", i+1, name)
				}
				if pseudo[name] {
					t.Errorf("pseudonym %q used twice", name)
				}
				pseudo[name] = true
				if got := pageName(t, f, i); got != name {
					t.Errorf("person %d: %q in the CSV, %q in Summary", i, name, got)
				}
				n := 0
				for _, e := range evidence[1:] {
					if e[0] == name {
						n++
					}
				}
				if n != len(r.People[i].Evidence) {
					t.Errorf("Evidence sheet: %d rows for %q, want %d", n, name, len(r.People[i].Evidence))
				}
				s := slug(name)
				if !slices.Contains(pages, i) {
					continue
				}
				for _, file := range []string{"people/" + s + ".pdf", "trends/" + s + ".png", "trends/" + s + ".svg", "trends/" + s + ".pdf"} {
					if _, err := os.Stat(filepath.Join(dir, file)); err != nil {
						t.Errorf("person %d (%s): %v", i, name, err)
					}
				}
				page := fileTexts(t, filepath.Join(dir, "people", s+".pdf"))
				if len(found(page, []string{strings.ToLower(name)})) == 0 {
					t.Errorf("people/%s.pdf does not show %q", s, name)
				}
			}
			for _, sheet := range []string{"Quadrant", "Trend"} {
				srows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				for _, row := range srows[1:] {
					if len(row) > 0 && row[0] != "" && !pseudo[row[0]] {
						t.Errorf("%s sheet names %q, not a pseudonym of the CSV", sheet, row[0])
					}
				}
			}
		})
	}
}
