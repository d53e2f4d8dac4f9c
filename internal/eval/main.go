// Command eval measures how well Multiplier's roles recover what the
// generators planted: it writes organisations from internal/orggen and
// the independent internal/altgen as real export files, imports them
// through the workspace exactly as the CLI does, analyses them, and prints
// precision, recall and F1 per role, and the forbidden calls (a soloist,
// a shared-library gatekeeper or a manager labelled multiplier).
//
// Run it with `make eval`.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/internal/altgen"
	"github.com/multiplier/multiplier/internal/orggen"
	"github.com/multiplier/multiplier/workspace"
)

// planted is one generated organisation as files, with its truth.
type planted struct {
	name  string
	files []string
	// label returns the planted kind for an email: "multiplier",
	// "bottleneck", "gatekeeper", "soloist", "manager" or other.
	label func(email string) string
}

// score counts one role's calls.
type score struct{ tp, fp, fn int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }
func (s score) f1() float64        { return ratio(2*s.tp, 2*s.tp+s.fp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func main() {
	seeds := flag.Int("seeds", 8, "organisations per generator")
	flag.Parse()
	dir, err := os.MkdirTemp("", "multiplier-eval")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	groups := map[string][]planted{
		"orggen (all sources)": orggenOrgs(dir, *seeds),
		"altgen (independent)": altgenOrgs(dir, *seeds),
	}
	failed := false
	for _, name := range slices.Sorted(maps.Keys(groups)) {
		if !evaluate(os.Stdout, name, groups[name]) {
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

func orggenOrgs(dir string, n int) []planted {
	var out []planted
	for i := range n {
		c := orggen.DefaultConfig()
		c.Seed = int64(100 + i)
		c.Teams = 6 + i%6
		c.TeamSize = 5 + i%4
		c.Multipliers = 3 + i%3
		c.TeamBottlenecks = 1 + i%3
		o := orggen.Generate(c)
		d := filepath.Join(dir, fmt.Sprintf("orggen-%d", c.Seed))
		files := []string{write(d, "roster.xlsx", o.WriteRosterXLSX), write(d, "reviews.xlsx", o.WriteReviewsXLSX)}
		for j, dept := range o.Departments() {
			if j%2 == 0 {
				files = append(files, write(d, dept+".csv", func(w io.Writer) error { return o.WriteOutlookCSV(w, dept) }))
			} else {
				files = append(files, write(d, dept+".ics", func(w io.Writer) error { return o.WriteICS(w, dept) }))
			}
		}
		files = append(files, write(d, "slack.zip", o.WriteSlackZip))
		out = append(out, planted{name: fmt.Sprintf("orggen seed %d", c.Seed), files: files,
			label: func(email string) string {
				switch o.Truth[email] {
				case orggen.TeamBottleneck:
					return "bottleneck"
				case orggen.SharedGatekeeper:
					return "gatekeeper"
				}
				return string(o.Truth[email])
			}})
	}
	return out
}

func altgenOrgs(dir string, n int) []planted {
	var out []planted
	for i := range n {
		seed := int64(500 + i)
		o := altgen.Generate(altgen.Config{Seed: seed, Monorepo: i%2 == 1})
		d := filepath.Join(dir, fmt.Sprintf("altgen-%d", seed))
		files := []string{write(d, "roster.xlsx", o.WriteRosterXLSX), write(d, "reviews.xlsx", o.WriteReviewsXLSX)}
		out = append(out, planted{name: fmt.Sprintf("altgen seed %d", seed), files: files,
			label: func(email string) string { return o.Truth[email] }})
	}
	return out
}

func write(dir, name string, f func(io.Writer) error) string {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	path := filepath.Join(dir, strings.ToLower(name))
	file, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := f(file); err != nil {
		log.Fatal(err)
	}
	if err := file.Close(); err != nil {
		log.Fatal(err)
	}
	return path
}

// evaluate prints one generator's table and reports whether it met the
// targets (F1 ≥ 0.95 for multiplier and bottleneck, no forbidden call).
func evaluate(out io.Writer, name string, orgs []planted) bool {
	scores := map[graph.Role]*score{graph.RoleMultiplier: {}, graph.RoleBottleneck: {}, graph.RoleSolo: {}}
	want := map[graph.Role][]string{
		graph.RoleMultiplier: {"multiplier"},
		graph.RoleBottleneck: {"bottleneck", "gatekeeper"},
		graph.RoleSolo:       {"soloist"},
	}
	forbidden := map[string]int{}
	people := 0
	for _, o := range orgs {
		res := analyse(o)
		people += len(res.People)
		for _, p := range res.People {
			label := o.label(p.Person.Email)
			for role, s := range scores {
				w, g := slices.Contains(want[role], label), slices.Contains(p.Roles, role)
				switch {
				case w && g:
					s.tp++
				case g:
					s.fp++
				case w:
					s.fn++
				}
			}
			if slices.Contains(p.Roles, graph.RoleMultiplier) && (label == "soloist" || label == "gatekeeper" || label == "manager") {
				forbidden[label]++
			}
		}
	}
	fmt.Fprintf(out, "%s: %d organisations, %d people\n", name, len(orgs), people)
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "role\tplanted\tfound\tprecision\trecall\tF1\t")
	ok := true
	for _, role := range []graph.Role{graph.RoleMultiplier, graph.RoleBottleneck, graph.RoleSolo} {
		s := scores[role]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", role, s.tp+s.fn, s.tp+s.fp, s.precision(), s.recall(), s.f1())
		if role != graph.RoleSolo && s.f1() < 0.95 {
			ok = false
		}
	}
	tw.Flush()
	fmt.Fprintf(out, "labelled multiplier though planted as soloist %d, shared-library gatekeeper %d, manager %d\n\n",
		forbidden["soloist"], forbidden["gatekeeper"], forbidden["manager"])
	return ok && len(forbidden) == 0
}

func analyse(o planted) *graph.Result {
	dir := filepath.Dir(o.files[0])
	w, err := workspace.Open(filepath.Join(dir, "ws.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	for _, f := range o.files {
		if _, err := w.Import(context.Background(), f, nil); err != nil {
			log.Fatalf("%s: %v", o.name, err)
		}
	}
	res, err := w.Analyze(context.Background(), multiplier.Period{}, graph.DefaultSettings(), nil)
	if err != nil {
		log.Fatalf("%s: %v", o.name, err)
	}
	return res
}
