package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/workspace"
)

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", "import -w WS.db FILE...\n\nImports each file in one transaction; a rejected file changes nothing.\nExits 1 if any file was rejected.", stderr)
	ws := fs.String("w", "", "workspace `file` (created when missing)")
	wait := waitFlag(fs)
	w, files, err := setup(fs, ws, args, func(n int) bool { return n > 0 }, workspace.Create)
	if err != nil {
		return err
	}
	defer w.Close()
	waitFor(w, *wait, stderr)
	rejected := 0
	for _, f := range files {
		rep, err := w.Import(ctx, f, nil)
		if errors.Is(err, workspace.ErrBusy) {
			return err // and so for every file after it
		}
		if err != nil {
			rejected++
			fmt.Fprintf(stdout, "%s: rejected: %v\n", f, err)
			if ctx.Err() != nil {
				break
			}
			continue
		}
		printReport(stdout, f, rep)
	}
	if rejected > 0 {
		return fmt.Errorf("%d of %d files rejected", rejected, len(files))
	}
	return nil
}

// where says which format, tool export and sheet a report is about.
func where(r *workspace.ImportReport) string {
	w := r.Format
	if r.Source != "" && r.Source != r.Format && r.Source != r.Kind {
		w = r.Source + ", " + w
	}
	if r.Sheet != "" {
		w += ", sheet " + r.Sheet
	}
	return w
}

// maxShown is how many skipped rows or unmatched identities a report prints.
const maxShown = 5

func printReport(out io.Writer, file string, r *workspace.ImportReport) {
	fmt.Fprintf(out, "%s: %s (%s)\n", file, r.Kind, where(r))
	fmt.Fprintf(out, "  rows read %d, imported %d, already present %d, skipped %d, bots %d, replies to own change or thread %d\n",
		r.Rows, r.Imported, r.Duplicates, r.Skipped, r.Bots, r.Self)
	if r.Kind != "roster" {
		fmt.Fprintf(out, "  people matched to the roster: %d", r.Matched)
		if r.Mentions > 0 {
			fmt.Fprintf(out, "; %.1f%% of %d identity mentions attributed", 100*float64(r.Attributed)/float64(r.Mentions), r.Mentions)
		}
		fmt.Fprintln(out)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(out, "  note: %s\n", n)
	}
	for i, is := range r.Issues {
		if i == maxShown {
			fmt.Fprintf(out, "  … and %d more skipped rows\n", r.Skipped-maxShown)
			break
		}
		fmt.Fprintf(out, "  skipped: %s\n", is)
	}
	if len(r.Unmatched) > 0 {
		fmt.Fprintf(out, "  unmatched identities (%d):", len(r.Unmatched))
		for i, u := range r.Unmatched {
			if i == maxShown*2 {
				fmt.Fprintf(out, " …")
				break
			}
			if u.Name != "" {
				fmt.Fprintf(out, " %s [%s] (%d)", u.Key, u.Name, u.Count)
			} else {
				fmt.Fprintf(out, " %s (%d)", u.Key, u.Count)
			}
		}
		fmt.Fprintln(out)
	}
}

func runAnalyze(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("analyze", "analyze -w WS.db [--from YYYY-MM-DD] [--to YYYY-MM-DD | --quarter 2026Q2] [--json OUT.json]\n\nWithout --from/--to the period is the whole span of the imported data.\nThe JSON compares each person with the period before (a trend) when the\nworkspace holds data then. With --json, writes the analysis contract (\"-\" for standard output);\nwithout it, prints the people who have a role.", stderr)
	ws := fs.String("w", "", "workspace `file`")
	period := periodFlags(fs)
	jsonOut := fs.String("json", "", "write the JSON contract to this `file`")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *ws == "" || len(rest) > 0 {
		fs.Usage()
		return errUsage
	}
	p, err := period()
	if err != nil {
		return err
	}
	w, err := workspace.OpenMode(*ws, workspace.ReadOnly)
	if err != nil {
		return err
	}
	defer w.Close()
	if *jsonOut != "" && *jsonOut != "-" {
		if err := w.CheckOutput(*jsonOut); err != nil {
			return fmt.Errorf("--json: %w", err)
		}
	}
	res, prev, err := w.AnalyzeTrend(ctx, p, graph.DefaultSettings(), nil)
	if err != nil {
		return err
	}
	switch *jsonOut {
	case "":
		printRoles(stdout, res)
		return nil
	case "-":
		return workspace.WriteJSON(stdout, res, prev)
	}
	if err := w.WriteJSONFile(*jsonOut, res, prev); err != nil {
		return fmt.Errorf("--json: %w", err)
	}
	return nil
}

// periodFlags adds --from, --to and --quarter to fs; the function it
// returns reads them as a period (zero for the whole span of the data).
func periodFlags(fs *flag.FlagSet) func() (multiplier.Period, error) {
	from := fs.String("from", "", "first `day` of the period, YYYY-MM-DD")
	to := fs.String("to", "", "last `day` of the period, YYYY-MM-DD")
	quarter := fs.String("quarter", "", "a calendar `quarter` such as 2026Q2, instead of --from/--to")
	return func() (multiplier.Period, error) {
		if *quarter == "" {
			return periodOf(*from, *to)
		}
		if *from != "" || *to != "" {
			return multiplier.Period{}, fmt.Errorf("--quarter goes without --from and --to")
		}
		return quarterOf(*quarter)
	}
}

// waitFlag adds --wait to fs: how long a writing command waits for
// another process that is writing to the workspace.
func waitFlag(fs *flag.FlagSet) *time.Duration {
	return fs.Duration("wait", 0, "wait up to this `long` (e.g. 10m) when another Multiplier process is writing to the workspace")
}

// waitFor sets how long w's writes wait for another process, saying on
// stderr when a wait starts.
func waitFor(w *workspace.Workspace, d time.Duration, stderr io.Writer) {
	w.SetWait(d, func() {
		fmt.Fprintf(stderr, "waiting up to %v for another Multiplier process using %s… (Ctrl-C stops)\n", d, w.Path())
	})
}

// quarterOf reads "2026Q2" (or "2026-Q2", "q2 2026") as that quarter.
func quarterOf(s string) (multiplier.Period, error) {
	t := strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(s))
	var year, q int
	if _, err := fmt.Sscanf(t, "%dQ%d", &year, &q); err != nil {
		if _, err := fmt.Sscanf(t, "Q%d%d", &q, &year); err != nil {
			return multiplier.Period{}, fmt.Errorf("--quarter %q: want e.g. 2026Q2", s)
		}
	}
	if q < 1 || q > 4 || year < 1970 {
		return multiplier.Period{}, fmt.Errorf("--quarter %q: want e.g. 2026Q2", s)
	}
	return multiplier.Quarter(year, q), nil
}

func periodOf(from, to string) (multiplier.Period, error) {
	var p multiplier.Period
	var err error
	if from != "" {
		if p.From, err = time.Parse(time.DateOnly, from); err != nil {
			return p, fmt.Errorf("--from %q: want YYYY-MM-DD", from)
		}
	}
	if to != "" {
		if p.To, err = time.Parse(time.DateOnly, to); err != nil {
			return p, fmt.Errorf("--to %q: want YYYY-MM-DD", to)
		}
	}
	if !p.From.IsZero() && !p.To.IsZero() && p.To.Before(p.From) {
		return p, fmt.Errorf("--to %s is before --from %s", to, from)
	}
	return p, nil
}

func printRoles(out io.Writer, res *graph.Result) {
	fmt.Fprintf(out, "Period %s: %d people, %d reviews, %d teams\n\n",
		res.Period, res.Org.People, res.Org.Reviews, res.Org.Teams)
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tTEAM\tLEVEL\tROLES\tEVIDENCE")
	for _, p := range res.People {
		if len(p.Roles) == 0 {
			continue
		}
		roles := make([]string, len(p.Roles))
		for i, r := range p.Roles {
			roles[i] = string(r)
		}
		first := ""
		if len(p.Evidence) > 0 {
			first = p.Evidence[0].Text
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.Person.Name, p.Person.Team, p.Person.Level,
			strings.Join(roles, ", "), first)
	}
	tw.Flush()
}

func runIdentities(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "merge" {
		return runMerge(ctx, args[1:], stdout, stderr)
	}
	fs := newFlags("identities", "identities -w WS.db\n       multiplier-cli identities merge -w WS.db IDENTITY EMAIL\n\nLists the identities that no roster person claims, with how often they appear.", stderr)
	ws := fs.String("w", "", "workspace `file`")
	w, _, err := setup(fs, ws, args, func(n int) bool { return n == 0 }, workspace.ReadOnly)
	if err != nil {
		return err
	}
	defer w.Close()
	un, err := w.Unmatched(ctx)
	if err != nil {
		return err
	}
	if len(un) == 0 {
		fmt.Fprintln(stdout, "Every identity is matched to the roster.")
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "IDENTITY\tMENTIONS\tKNOWN AS")
	for _, u := range un {
		fmt.Fprintf(tw, "%s\t%d\t%s\n", u.Key, u.Count, u.Name)
	}
	return tw.Flush()
}

func runMerge(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("identities merge", "identities merge -w WS.db IDENTITY EMAIL\n\nJoins IDENTITY (a login, name or email seen in exports) to the roster\nperson with EMAIL. The merge persists and applies to past and future imports.", stderr)
	ws := fs.String("w", "", "workspace `file`")
	wait := waitFlag(fs)
	w, rest, err := setup(fs, ws, args, func(n int) bool { return n == 2 }, workspace.Write)
	if err != nil {
		return err
	}
	defer w.Close()
	waitFor(w, *wait, stderr)
	if err := w.Merge(ctx, rest[0], rest[1]); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s is now %s\n", rest[0], rest[1])
	return nil
}

// setup parses args with fs, checks that -w (ws) is set and that fits
// accepts the number of positional arguments, and opens the workspace
// in mode.
func setup(fs *flag.FlagSet, ws *string, args []string, fits func(int) bool, mode workspace.Mode) (*workspace.Workspace, []string, error) {
	rest, err := parse(fs, args)
	if err != nil {
		return nil, nil, err
	}
	if *ws == "" || !fits(len(rest)) {
		fs.Usage()
		return nil, nil, errUsage
	}
	w, err := workspace.OpenMode(*ws, mode)
	if err != nil {
		return nil, nil, err
	}
	return w, rest, nil
}
