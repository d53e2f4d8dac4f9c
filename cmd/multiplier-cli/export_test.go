package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportCommand(t *testing.T) {
	dir, roster, reviews := writeSample(t)
	ws := filepath.Join(dir, "ws.db")
	if code, out, errOut := cli(t, "import", "-w", ws, roster, reviews); code != 0 {
		t.Fatalf("import exit %d\n%s%s", code, out, errOut)
	}
	out := filepath.Join(dir, "out")
	code, stdout, stderr := cli(t, "export", "-w", ws, "-o", out, "--anonymize", "--formats", "csv,svg", "--quarter", "2026Q3")
	if code != 0 {
		t.Fatalf("export exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "files to "+out) {
		t.Errorf("output %q", stdout)
	}
	f, err := os.Open(filepath.Join(out, "people.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 60 || !strings.HasPrefix(rows[1][0], "Engineer ") {
		t.Fatalf("%d rows, first name %q", len(rows), rows[1][0])
	}
	if _, err := os.Stat(filepath.Join(out, "quadrant.svg")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "quadrant.png")); err == nil {
		t.Fatal("png written though not asked for")
	}
	for _, bad := range [][]string{
		{"export", "-w", ws}, // no -o
		{"export", "-w", ws, "-o", out, "--pseudonym-teams"}, // without --anonymize
		{"export", "-w", ws, "-o", out, "--formats", "docx"}, // unknown format
	} {
		if code, _, _ := cli(t, bad...); code == 0 {
			t.Errorf("%v succeeded", bad)
		}
	}
}
