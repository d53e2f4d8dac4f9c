// Command orggen writes the synthetic sample organisation of Multiplier: an
// HR roster (roster.xlsx) and a code-review export (reviews.xlsx) made by
// package orggen. With -all it also writes the organisation's calendars,
// each department's in one format — Outlook CSV (<department>.csv) for the
// first, third… department, iCalendar (<department>.ics) for the others,
// so that no meeting is in two files — and its Slack export (slack.zip).
// With -planting weak the planted people stand out less (see
// orggen.Config.Planting). The same seed and planting always write the
// same bytes.
//
//	go run ./cmd/orggen -out assets/sample [-seed N] [-planting strong|weak] [-all]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/multiplier/multiplier/internal/orggen"
)

func main() {
	out := flag.String("out", "assets/sample", "directory to write roster.xlsx and reviews.xlsx to")
	seed := flag.Int64("seed", orggen.DefaultConfig().Seed, "random seed")
	all := flag.Bool("all", false, "also write the calendars (Outlook CSV and .ics, by department) and the Slack export")
	var planting orggen.Planting
	flag.TextVar(&planting, "planting", orggen.Strong, "how far the planted people stand out: strong or weak")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out, *seed, planting, *all); err != nil {
		fmt.Fprintln(os.Stderr, "orggen:", err)
		os.Exit(1)
	}
}

// run generates the organisation for seed with the given planting and
// writes its two workbooks to dir, and with all its calendars and Slack
// export.
func run(dir string, seed int64, planting orggen.Planting, all bool) error {
	c := orggen.DefaultConfig()
	c.Seed = seed
	c.Planting = planting
	o := orggen.Generate(c)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "roster.xlsx"), o.WriteRosterXLSX); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "reviews.xlsx"), o.WriteReviewsXLSX); err != nil {
		return err
	}
	fmt.Printf("wrote %s: %d people, %d reviews and %d malformed review rows (seed %d, %s planting)\n",
		dir, len(o.People), len(o.Reviews), len(o.Malformed), seed, planting)
	if !all {
		return nil
	}
	for i, d := range o.Departments() {
		name, write := d+".csv", func(w io.Writer) error { return o.WriteOutlookCSV(w, d) }
		if i%2 == 1 {
			name, write = d+".ics", func(w io.Writer) error { return o.WriteICS(w, d) }
		}
		if err := writeFile(filepath.Join(dir, strings.ToLower(name)), write); err != nil {
			return err
		}
	}
	if err := writeFile(filepath.Join(dir, "slack.zip"), o.WriteSlackZip); err != nil {
		return err
	}
	roster, external := o.ExpectedMentions()
	fmt.Printf("wrote %s: %d meetings, %d chat messages; %d identity mentions of roster people and %d of others\n",
		dir, len(o.Meetings), len(o.Chat), roster, external)
	return nil
}

// writeFile creates path and fills it with write.
func writeFile(path string, write func(io.Writer) error) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
