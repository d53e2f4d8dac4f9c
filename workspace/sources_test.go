package workspace

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/internal/orggen"
)

// writeEverySource writes an organisation as every export a manager has:
// the roster and reviews as .xlsx, each department's calendar as Outlook
// CSV or .ics (alternating), and a Slack export.
func writeEverySource(t *testing.T, o *orggen.Org, dir string) []string {
	t.Helper()
	roster, reviews := writeOrg(t, o, dir, "xlsx")
	files := []string{roster, reviews}
	for i, dept := range o.Departments() {
		name := strings.ToLower(dept)
		if i%2 == 0 {
			files = append(files, writeFile(t, dir, name+"-calendar.csv", func(w io.Writer) error { return o.WriteOutlookCSV(w, dept) }))
		} else {
			files = append(files, writeFile(t, dir, name+".ics", func(w io.Writer) error { return o.WriteICS(w, dept) }))
		}
	}
	return append(files, writeFile(t, dir, "slack-export.zip", o.WriteSlackZip))
}

// TestEverySourceAttributed imports an organisation exported in every
// format and checks that at least 99% of the identity mentions that
// belong to roster people are attributed to them, that the people outside
// the roster are listed, not dropped, and that each file was recognised
// by content as the kind it is.
func TestEverySourceAttributed(t *testing.T) {
	for _, seed := range []int64{1, 5} {
		c := orggen.DefaultConfig()
		c.Seed = seed
		o := orggen.Generate(c)
		w := mustOpen(t)
		kinds := map[string]int{}
		for _, f := range writeEverySource(t, o, t.TempDir()) {
			rep := mustImport(t, w, f)
			kinds[rep.Kind]++
			if rep.Kind != "reviews" && rep.Skipped != 0 { // the review sheet has planted bad rows
				t.Errorf("seed %d, %s: %d rows skipped: %v", seed, rep.File, rep.Skipped, rep.Issues)
			}
		}
		if kinds["roster"] != 1 || kinds["reviews"] != 1 || kinds["meetings"] != len(o.Departments()) || kinds["chat"] != 1 {
			t.Errorf("seed %d: kinds recognised %v", seed, kinds)
		}
		wantRoster, wantExternal := o.ExpectedMentions()
		reviewRoster, reviewExternal := reviewMentions(t, w)
		attributed, mentions, err := w.Attribution(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		roster := wantRoster + reviewRoster
		t.Logf("seed %d: %d of %d mentions attributed; expected %d roster, %d external",
			seed, attributed, mentions, roster, wantExternal+reviewExternal)
		if float64(attributed) < 0.99*float64(roster) || attributed > roster {
			t.Errorf("seed %d: %d mentions attributed, want at least 99%% of %d", seed, attributed, roster)
		}
		un, _ := w.Unmatched(context.Background())
		if len(un) == 0 {
			t.Errorf("seed %d: no unmatched identities listed; the guests and ex-employees must be", seed)
		}
		for _, u := range un {
			if multiplier.IsBot(u.Key) || u.Key == "uslackbot" {
				t.Errorf("seed %d: bot %s listed as a person", seed, u.Key)
			}
		}
		if _, err := w.Analyze(context.Background(), multiplier.Period{}, graph.DefaultSettings(), nil); err != nil {
			t.Fatal(err)
		}
	}
}

// reviewMentions counts the review interactions' identity mentions that
// name roster people and those that do not, from the workspace itself:
// the generator's review truth is checked elsewhere.
func reviewMentions(t *testing.T, w *Workspace) (roster, external int) {
	t.Helper()
	people, err := w.st.People(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	inRoster := map[string]bool{}
	for _, p := range people {
		inRoster[p.Email] = true
	}
	ins, err := w.st.Interactions(context.Background(), multiplier.Period{})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range ins {
		if in.Kind != multiplier.KindReview {
			continue
		}
		for _, k := range []string{in.From, in.To} {
			if inRoster[k] {
				roster++
			} else {
				external++
			}
		}
	}
	return roster, external
}

func TestCorruptSlackZipChangesNothing(t *testing.T) {
	o := orggen.Generate(orggen.DefaultConfig())
	dir := t.TempDir()
	zipPath := writeFile(t, dir, "slack.zip", o.WriteSlackZip)
	full, err := os.ReadFile(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "slack-cut.zip")
	if err := os.WriteFile(cut, full[:len(full)*2/3], 0o644); err != nil {
		t.Fatal(err)
	}
	ws := filepath.Join(t.TempDir(), "ws.db")
	w, err := Open(ws)
	if err != nil {
		t.Fatal(err)
	}
	roster, _ := writeOrg(t, o, dir, "xlsx")
	mustImport(t, w, roster)
	w.Close()
	before := fileSum(t, ws)
	w, err = Open(ws)
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.Import(context.Background(), cut, nil)
	w.Close()
	if err == nil || !strings.Contains(err.Error(), "slack-cut.zip") {
		t.Fatalf("truncated Slack export: error %v, want one naming the file", err)
	}
	if fileSum(t, ws) != before {
		t.Fatal("a rejected Slack export changed the workspace file")
	}
}
