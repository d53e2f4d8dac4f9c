package ics

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/multiplier/multiplier/importers/parse"
)

var update = flag.Bool("update", false, "rewrite the .golden files in testdata")

// TestGolden reads every .ics file in testdata and compares the meetings
// and Stats with the .golden file beside it. Run with -update after a
// deliberate change and review the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.ics")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no .ics files in testdata")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			var sink recorder
			st, err := Read(context.Background(), path, &sink, nil)
			got := render(st, &sink, err)
			golden := strings.TrimSuffix(path, ".ics") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n--- got\n%s--- want\n%s", path, golden, got, want)
			}
		})
	}
}

// render writes what a read gave as stable, readable text.
func render(st *parse.Stats, sink *recorder, err error) string {
	var b strings.Builder
	if err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
	}
	fmt.Fprintf(&b, "rows: %d\nimported: %d\nskipped: %d\n", st.Rows, st.Imported, st.SkippedCount)
	for _, e := range st.Skipped {
		fmt.Fprintf(&b, "  %v\n", e)
	}
	b.WriteString("notes:\n")
	for _, n := range st.Notes {
		fmt.Fprintf(&b, "  %s\n", n)
	}
	b.WriteString("meetings:\n")
	for _, m := range sink.meetings {
		fmt.Fprintf(&b, "  %s %s\n", m.UID, show(m))
	}
	return b.String()
}
