package workspace

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/graph"
)

// TestExportAnonymisedSample exports the sample organisation anonymised
// and checks that no roster name or email appears in the CSV, in any part
// of the workbook or in any SVG, that pseudonyms are the same in a second
// export, and that a person added to the roster later leaves everyone
// else's pseudonym alone.
func TestExportAnonymisedSample(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w, err := OpenSample(ctx, filepath.Join(dir, "sample"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	people, err := w.st.People(ctx)
	if err != nil {
		t.Fatal(err)
	}
	opt := ExportOptions{Formats: []string{"svg", "xlsx", "csv"}, Anonymize: true, People: []string{}}
	first := filepath.Join(dir, "first")
	files, err := w.Export(ctx, first, multiplier.Period{}, graph.DefaultSettings(), opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	var secrets []string
	for _, p := range people {
		secrets = append(secrets, strings.ToLower(p.Email), strings.ToLower(p.Name))
	}
	for _, f := range files {
		for _, part := range exportedText(t, f) {
			lower := strings.ToLower(part.text)
			for _, s := range secrets {
				if strings.Contains(lower, s) {
					t.Fatalf("%s (%s) contains %q", filepath.Base(f), part.name, s)
				}
			}
		}
	}
	// The same scan finds the names in the named export, so it can fail.
	named, err := w.Export(ctx, filepath.Join(dir, "named"), multiplier.Period{}, graph.DefaultSettings(),
		ExportOptions{Formats: []string{"xlsx", "csv"}, People: []string{}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range named {
		if parts := exportedText(t, f); !strings.Contains(strings.ToLower(joinText(parts)), strings.ToLower(people[0].Name)) {
			t.Fatalf("the named %s does not contain %s: the scan proves nothing", filepath.Base(f), people[0].Name)
		}
	}
	before := pseudonymsOf(t, filepath.Join(first, "people.csv"))
	if len(before) != len(people) {
		t.Fatalf("%d pseudonyms for %d people", len(before), len(people))
	}

	// A newcomer joins the roster: everyone keeps their pseudonym.
	roster := filepath.Join(dir, "newcomer.csv")
	os.WriteFile(roster, []byte("Employee Name,Work Email,Team\nNia Newcombe,nia.newcombe@example.com,Checkout\n"), 0o644)
	if _, err := w.Import(ctx, roster, nil); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(dir, "second")
	if _, err := w.Export(ctx, second, multiplier.Period{}, graph.DefaultSettings(), opt, nil); err != nil {
		t.Fatal(err)
	}
	after := pseudonymsOf(t, filepath.Join(second, "people.csv"))
	if len(after) != len(before)+1 {
		t.Fatalf("%d pseudonyms after a newcomer, had %d", len(after), len(before))
	}
	for key, name := range before {
		if after[key] != name {
			t.Fatalf("a row keyed %q was %q and is now %q", key, name, after[key])
		}
	}
}

type textPart struct{ name, text string }

func joinText(parts []textPart) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.text)
	}
	return b.String()
}

// exportedText is every text a file holds: each zip part of a workbook,
// or the file itself.
func exportedText(t *testing.T, path string) []textPart {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(path, ".xlsx") {
		return []textPart{{filepath.Base(path), string(b)}}
	}
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var parts []textPart
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, textPart{f.Name, string(data)})
	}
	return parts
}

// pseudonymsOf maps each pseudonym to its row's team, department, level,
// title, roles, confidence and coverage, so two exports can be compared
// person by person without knowing who is who. (Scores move a little when
// someone joins: betweenness is normalised by head count.)
func pseudonymsOf(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range rows[1:] {
		if !strings.HasPrefix(r[0], "Engineer ") {
			t.Fatalf("name column %q is not a pseudonym", r[0])
		}
		out[r[0]] = strings.Join(r[1:min(len(r), 8)], "|") // team … coverage, not the scores

	}
	return out
}
