// Command orggen writes the synthetic sample organisation of Multiplier: an
// HR roster (roster.xlsx) and a code-review export (reviews.xlsx) made by
// package orggen. The same seed always writes the same bytes.
//
//	go run ./cmd/orggen -out assets/sample [-seed N]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/multiplier/multiplier/internal/orggen"
)

func main() {
	out := flag.String("out", "assets/sample", "directory to write roster.xlsx and reviews.xlsx to")
	seed := flag.Int64("seed", orggen.DefaultConfig().Seed, "random seed")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "orggen:", err)
		os.Exit(1)
	}
}

// run generates the organisation for seed and writes its two workbooks to
// dir.
func run(dir string, seed int64) error {
	c := orggen.DefaultConfig()
	c.Seed = seed
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
	fmt.Printf("wrote %s: %d people, %d reviews and %d malformed review rows (seed %d)\n",
		dir, len(o.People), len(o.Reviews), len(o.Malformed), seed)
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
