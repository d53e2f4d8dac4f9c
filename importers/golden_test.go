package importers

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the .golden files in testdata")

// TestGolden imports every file in testdata/<feature>/ and compares the
// records and report with the .golden file beside it. Run with -update
// after a deliberate change and review the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*/*")
	if err != nil {
		t.Fatal(err)
	}
	files = slices.DeleteFunc(files, func(f string) bool { return strings.HasSuffix(f, ".golden") })
	if len(files) == 0 {
		t.Fatal("no files in testdata")
	}
	for _, path := range files {
		t.Run(filepath.ToSlash(path), func(t *testing.T) {
			var sink recorder
			rep, err := Import(context.Background(), path, &sink, nil)
			got := render(rep, &sink, err)
			golden := path + ".golden"
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

// render writes what an import gave as stable, readable text.
func render(rep *Report, sink *recorder, err error) string {
	var b strings.Builder
	if err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
	}
	fmt.Fprintf(&b, "file: %s\nkind: %s\nsource: %s\nformat: %s\nsheet: %s\n", rep.File, rep.Kind, rep.Source, rep.Format, rep.Sheet)
	keys := make([]string, 0, len(rep.Columns))
	for k := range rep.Columns {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "column %s: %s\n", k, rep.Columns[k])
	}
	fmt.Fprintf(&b, "rows: %d, imported: %d, bots: %d, self-reviews: %d, skipped: %d\n", rep.Rows, rep.Imported, rep.Bots, rep.SelfReviews, rep.SkippedCount)
	for _, e := range rep.Skipped {
		fmt.Fprintf(&b, "skipped: %v\n", e)
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	for _, p := range sink.people {
		fmt.Fprintf(&b, "person: %s | %s | team %s | dept %s | %s | %s | manager %s | github %s | slack %s\n",
			p.Email, p.Name, p.Team, p.Department, p.Title, p.Level, p.Manager, p.GitHub, p.SlackID)
	}
	for _, r := range sink.reviews {
		fmt.Fprintf(&b, "review: %s #%s %q by %s, reviewed by %s | created %s | submitted %s | %s | %d comments\n",
			r.Repository, r.Change, r.Title, r.Author, r.Reviewer, stamp(r.Created), stamp(r.Submitted), r.State, r.Comments)
	}
	for _, m := range sink.meetings {
		fmt.Fprintf(&b, "meeting: %q %s – %s | uid %q | organizer %q | attendees %q\n",
			m.Subject, stamp(m.Start), stamp(m.End), m.UID, m.Organizer, m.Attendees)
	}
	for _, in := range sink.interactions {
		fmt.Fprintf(&b, "interaction: %s %q → %q at %s | weight %g | context %q | ref %q\n",
			in.Kind, in.From, in.To, stamp(in.At), in.Weight, in.Context, in.Ref)
	}
	for _, a := range sink.aliases {
		fmt.Fprintf(&b, "alias: %q is %q (%q)\n", a.Identity, a.Email, a.Name)
	}
	return b.String()
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.RFC3339Nano)
}
