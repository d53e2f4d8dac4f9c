package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/workspace"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", "export -w WS.db -o DIR [--anonymize [--pseudonym-teams]] [--formats png,svg,pdf,xlsx,csv] [--from YYYY-MM-DD] [--to YYYY-MM-DD | --quarter 2026Q2]\n\n"+
		"Writes the calibration files into DIR: the quadrant, team-flow and network charts and a trend\n"+
		"chart per person (PNG, SVG, PDF), a one-page PDF per person and one with everyone, the\n"+
		"workbook (calibration.xlsx) and the people table (people.csv). --anonymize replaces names and\n"+
		"emails with pseudonyms kept in the workspace and hides teams under --min-group people.", stderr)
	ws := fs.String("w", "", "workspace `file`")
	out := fs.String("o", "", "`directory` to write into (created when missing)")
	anon := fs.Bool("anonymize", false, "pseudonyms instead of names and emails; small teams hidden")
	teams := fs.Bool("pseudonym-teams", false, "with --anonymize, replace team names too")
	formats := fs.String("formats", "png,svg,pdf,xlsx,csv", "comma-separated `list` of formats")
	minGroup := fs.Int("min-group", 5, "smallest team `size` whose aggregates the anonymised export shows")
	period := periodFlags(fs)
	wait := waitFlag(fs)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *ws == "" || *out == "" || len(rest) > 0 {
		fs.Usage()
		return errUsage
	}
	if *teams && !*anon {
		return fmt.Errorf("--pseudonym-teams goes with --anonymize")
	}
	p, err := period()
	if err != nil {
		return err
	}
	mode := workspace.ReadOnly
	if *anon {
		mode = workspace.Write // the pseudonyms are kept in the workspace
	}
	w, err := workspace.OpenMode(*ws, mode)
	if err != nil {
		return err
	}
	defer w.Close()
	waitFor(w, *wait, stderr)
	opt := workspace.ExportOptions{Anonymize: *anon, PseudonymTeams: *teams, MinGroupSize: *minGroup}
	for _, f := range strings.Split(*formats, ",") {
		if f = strings.ToLower(strings.TrimSpace(f)); f != "" {
			opt.Formats = append(opt.Formats, f)
		}
	}
	start := time.Now()
	files, err := w.Export(ctx, *out, p, graph.DefaultSettings(), opt, progressPrinter(stderr))
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d files to %s in %.1f s\n", len(files), *out, time.Since(start).Seconds())
	return nil
}

// progressPrinter prints the export's progress on one line, at most every
// 200 ms.
func progressPrinter(w io.Writer) func(workspace.Progress) {
	var last time.Time
	return func(p workspace.Progress) {
		if time.Since(last) < 200*time.Millisecond && p.Done != p.Total {
			return
		}
		last = time.Now()
		if f := p.Fraction(); f >= 0 {
			fmt.Fprintf(w, "\r%-24s %3.0f%%", p.Stage, 100*f)
		}
	}
}
