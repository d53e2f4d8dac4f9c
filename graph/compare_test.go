package graph

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"
)

// TestWriteCompareGraph writes, for `make bench-compare`, the help graph
// of the synthetic organisation of MULTIPLIER_COMPARE_PEOPLE people as
// "from to weight" lines to MULTIPLIER_COMPARE_GRAPH, after timing our
// full Analyze on it (best of three) into the file's first line:
// "# analyze_seconds N". It does nothing without those variables.
func TestWriteCompareGraph(t *testing.T) {
	path, people := os.Getenv("MULTIPLIER_COMPARE_GRAPH"), os.Getenv("MULTIPLIER_COMPARE_PEOPLE")
	if path == "" || people == "" {
		t.Skip("set MULTIPLIER_COMPARE_GRAPH and MULTIPLIER_COMPARE_PEOPLE (make bench-compare)")
	}
	n, err := strconv.Atoi(people)
	if err != nil {
		t.Fatal(err)
	}
	s := synthetic{}
	s.in = synthOrg(n)
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		if _, err := Analyze(context.Background(), s.in, DefaultSettings(), nil); err != nil {
			t.Fatal(err)
		}
		best = min(best, time.Since(start))
	}
	tl := newTally(s.in.People)
	tl.addAll(s.in.Interactions, s.in.Period, DefaultSettings())
	g := newCSR(newInfluence(tl).helped)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "# analyze_seconds %.3f nodes %d interactions %d\n", best.Seconds(), g.nodes(), len(s.in.Interactions))
	for u := range g.nodes() {
		for e := g.off[u]; e < g.off[u+1]; e++ {
			fmt.Fprintf(w, "%d %d %.6f\n", u, g.nbr[e], 1/g.length[e])
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}
