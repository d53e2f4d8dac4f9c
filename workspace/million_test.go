package workspace

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	millionOnce sync.Once
	millionPath string
)

// millionCSV writes (once per process) a review CSV of 1 000 000 rows as
// a review tool exports it: 40 repositories, 2 000 people.
func millionCSV(b *testing.B) string {
	millionOnce.Do(func() {
		dir, err := os.MkdirTemp("", "multiplier-million")
		if err != nil {
			b.Fatal(err)
		}
		millionPath = filepath.Join(dir, "reviews.csv")
		f, err := os.Create(millionPath)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		fmt.Fprintln(w, "Repository,PR Number,PR Title,PR Author,PR Created At,PR Merged At,Reviewer,Review State,Review Submitted At,Review Comments")
		start := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
		for i := range 1_000_000 {
			created := start.Add(time.Duration(i) * 13 * time.Second)
			fmt.Fprintf(w, "acme/repo-%d,%d,Change %d,user%d,%s,,user%d,APPROVED,%s,%d\n",
				i%40, i/2, i/2, (i/2)%2000, created.Format(time.RFC3339), (i/2+1+i%7)%2000,
				created.Add(time.Duration(1+i%40)*time.Hour).Format(time.RFC3339), i%4)
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		f.Close()
	})
	return millionPath
}

// BenchmarkImportMillionCSV imports a 1M-row review CSV into a fresh
// workspace file and reports the process's peak resident memory
// (VmHWM) as peak-MiB. Target: under 10 s and under 500 MiB.
func BenchmarkImportMillionCSV(b *testing.B) {
	path := millionCSV(b)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		w, err := Open(filepath.Join(b.TempDir(), "ws.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := w.Import(context.Background(), path, nil)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Imported != 1_000_000 {
			b.Fatalf("imported %d rows", rep.Imported)
		}
		w.Close()
	}
	b.ReportMetric(peakMiB(), "peak-MiB")
}

// peakMiB is the process's peak resident set size, from /proc (Linux);
// 0 elsewhere.
func peakMiB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024
		}
	}
	return 0
}
