// Command eval measures how well Multiplier's roles recover what the
// generators planted: it writes organisations from internal/orggen, at
// several seeds and sizes and with strong and weak planting, and from the
// independent internal/altgen as real export files, imports them through
// the workspace exactly as the CLI does, analyses them, and prints
// precision, recall and F1 per role, and the forbidden calls (a soloist,
// a shared-library gatekeeper or a manager labelled multiplier), in one
// table per generator and planting and one for all of them. It exits 1
// when a table misses a target: F1 below 0.95 for multiplier or
// bottleneck, or any forbidden call.
//
// Run it with `make eval`. Under a table that misses a target, and under
// every table with -v, it lists each person a role missed or found
// wrongly, with the numbers the role's thresholds look at.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/internal/altgen"
	"github.com/multiplier/multiplier/internal/orggen"
	"github.com/multiplier/multiplier/workspace"
)

// target is the least F1 for the multiplier and bottleneck roles.
const target = 0.95

// sizes are the orggen organisations' sizes: teams, and engineers per
// team (each team varies by up to ±2).
var sizes = []struct{ teams, teamSize int }{{4, 5}, {8, 7}, {16, 9}}

// roles are the roles scored, and the planted labels each should find.
var roles = []struct {
	role   graph.Role
	labels []string
}{
	{graph.RoleMultiplier, []string{"multiplier"}},
	{graph.RoleBottleneck, []string{"bottleneck", "gatekeeper"}},
	{graph.RoleSolo, []string{"soloist"}},
}

// org is one generated organisation, written as files when made.
type org struct {
	group string // the table it counts in
	name  string
	// make writes the organisation's files under dir and returns their
	// paths, in import order, and the planted label of an email:
	// "multiplier", "bottleneck", "gatekeeper", "soloist", "manager" or
	// another.
	make func(dir string) (files []string, label func(email string) string)
}

// outcome is one organisation's analysis against its truth.
type outcome struct {
	org    org
	res    *graph.Result
	labels []string // by res.People
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
	seeds := flag.Int("seeds", 5, "orggen organisations per size and planting")
	altSeeds := flag.Int("altgen", 8, "altgen organisations")
	verbose := flag.Bool("v", false, "list every miss and wrong call with its numbers")
	flag.Parse()
	log.SetFlags(0)
	start := time.Now()
	dir, err := os.MkdirTemp("", "multiplier-eval")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	var orgs []org
	for _, p := range []orggen.Planting{orggen.Strong, orggen.Weak} {
		orgs = append(orgs, orggenOrgs(p, *seeds)...)
	}
	orgs = append(orgs, altgenOrgs(*altSeeds)...)
	var sz []string
	for _, s := range sizes {
		sz = append(sz, fmt.Sprintf("%d teams of about %d", s.teams, s.teamSize))
	}
	fmt.Printf("orggen: %d seeds for each of %s engineers, each with strong and with weak planting; altgen: %d seeds\n\n",
		*seeds, strings.Join(sz, ", "), *altSeeds)
	outs := run(dir, orgs)

	var groups []string
	for _, o := range orgs {
		if !slices.Contains(groups, o.group) {
			groups = append(groups, o.group)
		}
	}
	ok := true
	for _, g := range groups {
		var in []outcome
		for _, o := range outs {
			if o.org.group == g {
				in = append(in, o)
			}
		}
		ok = evaluate(os.Stdout, g, in, true, *verbose) && ok
	}
	ok = evaluate(os.Stdout, "total", outs, false, false) && ok
	fmt.Printf("%d organisations in %s\n", len(outs), time.Since(start).Round(time.Second))
	if !ok {
		fmt.Println("FAIL: a target was missed (multiplier and bottleneck F1 ≥ 0.95, no forbidden call)")
		os.Exit(1)
	}
}

// orggenOrgs are seeds organisations of each size with the given planting.
// Strong and weak use the same seeds, so they plant the same people.
func orggenOrgs(p orggen.Planting, seeds int) []org {
	var out []org
	for k, sz := range sizes {
		for i := range seeds {
			c := orggen.DefaultConfig()
			c.Seed = int64(100 + 10*k + i)
			c.Teams, c.TeamSize = sz.teams, sz.teamSize+i%2
			c.Multipliers = max(2, sz.teams/2) + i%2
			c.TeamBottlenecks = max(1, sz.teams/4) + i%2
			c.SharedGatekeepers = 1 + i%2
			c.Soloists = max(1, sz.teams/3)
			c.FastReviewers = max(1, sz.teams/3)
			c.Planting = p
			name := fmt.Sprintf("orggen %s seed %d (%d teams of %d)", p, c.Seed, c.Teams, c.TeamSize)
			out = append(out, org{group: fmt.Sprintf("orggen, %s planting (all sources)", p), name: name,
				make: func(dir string) ([]string, func(string) string) { return writeOrggen(dir, c) }})
		}
	}
	return out
}

// writeOrggen writes every source of the organisation c as cmd/orggen -all
// does: the roster, the reviews, each department's calendar (Outlook CSV
// for the first, third… department, iCalendar for the others) and Slack.
func writeOrggen(dir string, c orggen.Config) ([]string, func(string) string) {
	o := orggen.Generate(c)
	files := []string{write(dir, "roster.xlsx", o.WriteRosterXLSX), write(dir, "reviews.xlsx", o.WriteReviewsXLSX)}
	for j, dept := range o.Departments() {
		if j%2 == 0 {
			files = append(files, write(dir, dept+".csv", func(w io.Writer) error { return o.WriteOutlookCSV(w, dept) }))
		} else {
			files = append(files, write(dir, dept+".ics", func(w io.Writer) error { return o.WriteICS(w, dept) }))
		}
	}
	files = append(files, write(dir, "slack.zip", o.WriteSlackZip))
	return files, func(email string) string {
		switch o.Truth[email] {
		case orggen.TeamBottleneck:
			return "bottleneck"
		case orggen.SharedGatekeeper:
			return "gatekeeper"
		}
		return string(o.Truth[email])
	}
}

func altgenOrgs(n int) []org {
	var out []org
	for i := range n {
		c := altgen.Config{Seed: int64(500 + i), Monorepo: i%2 == 1}
		out = append(out, org{group: "altgen (independent)", name: fmt.Sprintf("altgen seed %d", c.Seed),
			make: func(dir string) ([]string, func(string) string) {
				o := altgen.Generate(c)
				files := []string{write(dir, "roster.xlsx", o.WriteRosterXLSX), write(dir, "reviews.xlsx", o.WriteReviewsXLSX)}
				return files, func(email string) string { return o.Truth[email] }
			}})
	}
	return out
}

// run makes, imports and analyses every organisation, one per CPU at a
// time, each in a directory of its own under dir.
func run(dir string, orgs []org) []outcome {
	outs := make([]outcome, len(orgs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				d := filepath.Join(dir, fmt.Sprint(i))
				files, label := orgs[i].make(d)
				res := analyse(orgs[i].name, d, files)
				labels := make([]string, len(res.People))
				for k, p := range res.People {
					labels[k] = label(p.Person.Email)
				}
				outs[i] = outcome{org: orgs[i], res: res, labels: labels}
			}
		})
	}
	for i := range orgs {
		next <- i
	}
	close(next)
	wg.Wait()
	return outs
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

// analyse imports files into a new workspace in dir and analyses all of
// their period with the default settings, as the CLI does.
func analyse(name, dir string, files []string) *graph.Result {
	w, err := workspace.Open(filepath.Join(dir, "ws.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	for _, f := range files {
		if _, err := w.Import(context.Background(), f, nil); err != nil {
			log.Fatalf("%s: %v", name, err)
		}
	}
	res, err := w.Analyze(context.Background(), multiplier.Period{}, graph.DefaultSettings(), nil)
	if err != nil {
		log.Fatalf("%s: %v", name, err)
	}
	return res
}

// evaluate prints one table and reports whether it met the targets (F1 ≥
// target for multiplier and bottleneck, no forbidden call). With explain
// it lists each miss and wrong call under the table when it missed a
// target, with verbose always.
func evaluate(out io.Writer, name string, outs []outcome, explain, verbose bool) bool {
	scores := make([]score, len(roles))
	forbidden := map[string]int{}
	people := 0
	var notes []string
	for _, o := range outs {
		people += len(o.res.People)
		for k, p := range o.res.People {
			label := o.labels[k]
			for i, r := range roles {
				w, g := slices.Contains(r.labels, label), slices.Contains(p.Roles, r.role)
				switch {
				case w && g:
					scores[i].tp++
				case g:
					scores[i].fp++
					notes = append(notes, note("wrongly "+string(r.role), o, p, label))
				case w:
					scores[i].fn++
					notes = append(notes, note("missed "+string(r.role), o, p, label))
				}
			}
			if slices.Contains(p.Roles, graph.RoleMultiplier) && (label == "soloist" || label == "gatekeeper" || label == "manager") {
				forbidden[label]++
			}
		}
	}
	fmt.Fprintf(out, "%s: %d organisations, %d people\n", name, len(outs), people)
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "role\tplanted\tfound\tprecision\trecall\tF1\t")
	ok := true
	for i, r := range roles {
		s := scores[i]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", r.role, s.tp+s.fn, s.tp+s.fp, s.precision(), s.recall(), s.f1())
		if r.role != graph.RoleSolo && s.f1() < target {
			ok = false
		}
	}
	tw.Flush()
	fmt.Fprintf(out, "labelled multiplier though planted as soloist %d, shared-library gatekeeper %d, manager %d\n",
		forbidden["soloist"], forbidden["gatekeeper"], forbidden["manager"])
	ok = ok && len(forbidden) == 0
	if explain && (verbose || !ok) {
		for _, n := range notes {
			fmt.Fprintln(out, "  "+n)
		}
	}
	fmt.Fprintln(out)
	return ok
}

// note describes a miss or a wrong call with the numbers the multiplier,
// bottleneck and solo thresholds look at (graph.Settings, graph.decide).
func note(what string, o outcome, p graph.PersonResult, label string) string {
	m, org, s := p.Metrics, o.res.Org, o.res.Settings
	roles := "none"
	if len(p.Roles) > 0 {
		roles = fmt.Sprint(p.Roles)
	}
	return fmt.Sprintf("%s: %s, %s planted %s, found %s\n"+
		"      gave %d (org median %.0f), received %d, authored %d (org median %.0f); "+
		"cross-team %d (multiplier needs %.0f), share %.2f (needs %.2f), teams helped %d (needs %d); "+
		"turnaround %.1f h = %.2f× org (multiplier ≤ %.2f; slow ≥ %.1f, or ≥ %.1f with a queue, and ≥ %.0f h); "+
		"team share %.2f of %s (needs %.2f), repository share %.2f of %s (needs %.2f); "+
		"waiting load %.2f (queue from %.2f)",
		what, o.org.name, p.Person.Email, label, roles,
		m.ReviewsGiven, org.MedianReviewsGiven, m.ReviewsReceived, m.ChangesAuthored, org.MedianChangesAuthored,
		m.CrossTeamReviews, s.CrossTeamVolume*org.MedianReviewsGiven, m.CrossTeamShare, s.MinCrossTeamShare, m.TeamsHelped, s.MinTeamsHelped,
		m.MedianTurnaroundHours, m.TurnaroundVsOrg, s.ResponsiveFactor, s.SlowFactor, s.QueueSlowFactor, s.MinSlowHours,
		m.TeamShare, m.TeamShareTeam, s.TeamCoverage, m.GatekeeperShare, m.GatekeeperRepo, s.GatekeeperShare,
		m.WaitingLoad, max(org.WaitingLoadThreshold, s.MinWaitingLoad))
}
