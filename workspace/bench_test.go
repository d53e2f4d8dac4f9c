package workspace

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/internal/orggen"
)

// benchOrg is one generated organisation written as real files, shared by
// the benchmarks of a size.
type benchOrg struct {
	org             *orggen.Org
	roster, reviews string // .xlsx
	reviewsCSV      string
	ws              string // a workspace with both imported
}

var (
	benchOnce = map[int]*sync.Once{}
	benchOrgs = map[int]*benchOrg{}
	benchMu   sync.Mutex
	benchDir  string
)

// benchTeams are the sizes: about 130, 1 000 and 1 550 people, giving
// about 8k, 66k and 100k review rows.
var benchTeams = []int{16, 125, 192}

// orgOfTeams generates (once per process) an organisation of n teams with
// a fixed seed and writes its files.
func orgOfTeams(b *testing.B, n int) *benchOrg {
	b.Helper()
	benchMu.Lock()
	once, ok := benchOnce[n]
	if !ok {
		once = new(sync.Once)
		benchOnce[n] = once
	}
	if benchDir == "" {
		dir, err := os.MkdirTemp("", "multiplier-bench")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
	}
	benchMu.Unlock()
	once.Do(func() { benchOrgs[n] = writeBenchOrg(b, n) })
	benchMu.Lock()
	defer benchMu.Unlock()
	return benchOrgs[n]
}

func writeBenchOrg(b *testing.B, n int) *benchOrg {
	c := orggen.DefaultConfig()
	c.Teams = n
	c.Seed = 7
	o := &benchOrg{org: orggen.Generate(c)}
	dir := filepath.Join(benchDir, fmt.Sprint(n))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	o.roster = writeBench(b, dir, "roster.xlsx", o.org.WriteRosterXLSX)
	o.reviews = writeBench(b, dir, "reviews.xlsx", o.org.WriteReviewsXLSX)
	o.reviewsCSV = writeBench(b, dir, "reviews.csv", o.org.WriteReviewsCSV)
	o.ws = filepath.Join(dir, "ws.db")
	w, err := Open(o.ws)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	for _, f := range []string{o.roster, o.reviewsCSV} {
		if _, err := w.Import(context.Background(), f, nil); err != nil {
			b.Fatal(err)
		}
	}
	return o
}

func writeBench(b *testing.B, dir, name string, write func(w io.Writer) error) string {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkImportReviews imports a review export into a fresh workspace
// file: detection, parsing, identity keys and the SQLite transaction.
func BenchmarkImportReviews(b *testing.B) {
	for _, format := range []string{"csv", "xlsx"} {
		for _, n := range benchTeams {
			o := orgOfTeams(b, n)
			path := o.reviews
			if format == "csv" {
				path = o.reviewsCSV
			}
			b.Run(fmt.Sprintf("%s/rows=%d", format, len(o.org.Reviews)), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					b.StopTimer()
					ws := filepath.Join(b.TempDir(), "ws.db")
					w, err := Open(ws)
					if err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					rep, err := w.Import(context.Background(), path, nil)
					if err != nil {
						b.Fatal(err)
					}
					if rep.Imported < len(o.org.Reviews)*9/10 {
						b.Fatalf("imported %d of %d", rep.Imported, len(o.org.Reviews))
					}
					w.Close()
				}
			})
		}
	}
}

// BenchmarkAnalyze analyses a whole imported workspace: loading from
// SQLite, graph, betweenness, PageRank, roles and evidence.
func BenchmarkAnalyze(b *testing.B) {
	for _, n := range benchTeams {
		o := orgOfTeams(b, n)
		b.Run(fmt.Sprintf("people=%d", len(o.org.People)), func(b *testing.B) {
			w, err := Open(o.ws)
			if err != nil {
				b.Fatal(err)
			}
			defer w.Close()
			b.ReportAllocs()
			for b.Loop() {
				res, err := w.Analyze(context.Background(), multiplier.Period{}, graph.DefaultSettings(), nil)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.People) != len(o.org.People) {
					b.Fatalf("%d people analysed, want %d", len(res.People), len(o.org.People))
				}
			}
		})
	}
}
