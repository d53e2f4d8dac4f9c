package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/multiplier/multiplier/internal/orggen"
)

func writeSample(t *testing.T) (dir, roster, reviews string) {
	t.Helper()
	dir = t.TempDir()
	o := orggen.Generate(orggen.DefaultConfig())
	roster, reviews = filepath.Join(dir, "roster.xlsx"), filepath.Join(dir, "reviews.xlsx")
	var rb, vb bytes.Buffer
	if err := o.WriteRosterXLSX(&rb); err != nil {
		t.Fatal(err)
	}
	if err := o.WriteReviewsXLSX(&vb); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(roster, rb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(reviews, vb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, roster, reviews
}

func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestImportThenAnalyze(t *testing.T) {
	dir, roster, reviews := writeSample(t)
	ws := filepath.Join(dir, "ws.db")
	code, out, errOut := cli(t, "import", "-w", ws, roster, reviews)
	if code != 0 {
		t.Fatalf("import exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"roster.xlsx: roster (xlsx, sheet Roster)",
		"reviews.xlsx: reviews (review sheet, xlsx, sheet Reviews)",
		"identity mentions attributed",
		"skipped: reviews.xlsx, sheet Reviews, row ",
		"column 'Review Submitted At'",
		"unmatched identities (1): ext-",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	jsonPath := filepath.Join(dir, "out.json")
	code, out, errOut = cli(t, "analyze", "-w", ws, "--json", jsonPath)
	if code != 0 {
		t.Fatalf("analyze exit %d\n%s%s", code, out, errOut)
	}
	b, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Period struct{ From, To string } `json:"period"`
		People []struct {
			Email string   `json:"email"`
			Roles []string `json:"roles"`
		} `json:"people"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Period.From != "2026-04-01" || len(got.People) != 68 {
		t.Fatalf("period %+v, %d people", got.Period, len(got.People))
	}
	// A period flag narrows the analysis.
	code, out, _ = cli(t, "analyze", "-w", ws, "--from", "2026-07-01", "--to", "2026-09-30", "--json", "-")
	if code != 0 || !strings.Contains(out, `"from": "2026-07-01"`) || !strings.Contains(out, `"to": "2026-09-30"`) {
		t.Fatalf("analyze with a period: exit %d\n%.300s", code, out)
	}
	// A quarter is compared with the one before: Q3 against Q2.
	code, out, _ = cli(t, "analyze", "-w", ws, "--quarter", "2026Q3", "--json", "-")
	if code != 0 || !strings.Contains(out, `"previous_period": {`) || !strings.Contains(out, `"from": "2026-04-01"`) ||
		!strings.Contains(out, `"trend": {`) || !strings.Contains(out, `"previous_roles": [`) {
		t.Fatalf("analyze --quarter: exit %d\n%.600s", code, out)
	}
	if code, _, errOut := cli(t, "analyze", "-w", ws, "--quarter", "2026Q5"); code != 1 || !strings.Contains(errOut, "2026Q2") {
		t.Errorf("bad quarter: exit %d %s", code, errOut)
	}
	// Without --json it prints the people with a role.
	code, out, _ = cli(t, "analyze", "-w", ws)
	if code != 0 || !strings.Contains(out, "multiplier") || !strings.Contains(out, "bottleneck") {
		t.Fatalf("analyze table: exit %d\n%s", code, out)
	}
}

func TestImportRejectsAndExitsOne(t *testing.T) {
	dir, roster, _ := writeSample(t)
	bad := filepath.Join(dir, "notes.csv")
	if err := os.WriteFile(bad, []byte("Meeting,Notes\nstandup,fine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ws := filepath.Join(dir, "ws.db")
	code, out, errOut := cli(t, "import", "-w", ws, roster, bad)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(out, "notes.csv: rejected") || !strings.Contains(errOut, "1 of 2 files rejected") {
		t.Fatalf("output:\n%s\n%s", out, errOut)
	}
	// Importing the same roster again is refused, with a clear message.
	code, out, _ = cli(t, "import", "-w", ws, roster)
	if code != 1 || !strings.Contains(out, "already imported") {
		t.Fatalf("re-import: exit %d\n%s", code, out)
	}
}

func TestHelpAndUsage(t *testing.T) {
	for _, args := range [][]string{
		{"import", "--help"}, {"analyze", "--help"}, {"identities", "--help"}, {"identities", "merge", "--help"},
	} {
		code, _, errOut := cli(t, args...)
		if code != 0 || !strings.Contains(errOut, "Usage: multiplier-cli "+args[0]) {
			t.Errorf("%v: exit %d\n%s", args, code, errOut)
		}
	}
	if code, _, _ := cli(t, "import"); code != 2 {
		t.Errorf("import without files: exit %d, want 2", code)
	}
	if code, _, _ := cli(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if code, _, errOut := cli(t, "analyze", "-w", "x.db", "--from", "1/2/2026"); code != 1 || !strings.Contains(errOut, "YYYY-MM-DD") {
		t.Errorf("bad --from: exit %d %s", code, errOut)
	}
}

func TestIdentitiesMerge(t *testing.T) {
	dir, roster, reviews := writeSample(t)
	ws := filepath.Join(dir, "ws.db")
	if code, out, errOut := cli(t, "import", "-w", ws, roster, reviews); code != 0 {
		t.Fatalf("import: %s%s", out, errOut)
	}
	code, out, _ := cli(t, "identities", "-w", ws)
	if code != 0 || !strings.Contains(out, "ext-") {
		t.Fatalf("identities: exit %d\n%s", code, out)
	}
	ext := strings.Fields(strings.Split(out, "\n")[1])[0]
	o := orggen.Generate(orggen.DefaultConfig())
	email := o.People[3].Email
	if code, out, errOut := cli(t, "identities", "merge", "-w", ws, ext, email); code != 0 {
		t.Fatalf("merge: %s%s", out, errOut)
	}
	code, out, _ = cli(t, "identities", "-w", ws)
	if code != 0 || !strings.Contains(out, "Every identity is matched") {
		t.Fatalf("after merge: %s", out)
	}
}
