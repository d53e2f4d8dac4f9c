package export

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var samples = flag.String("samples", "", "write a full sample export (named and anonymised) into this directory, with PNG renders of every PDF's first page, for a person to look at")

// TestWriteSamples writes a named and an anonymised export of the
// synthetic report for people to look at:
//
//	go test ./export -run TestWriteSamples -samples /tmp/multiplier-samples
//
// With pdftoppm on PATH it also renders each PDF's first page to PNG
// beside it (name.pdf → name-1.png). Without -samples it is skipped.
func TestWriteSamples(t *testing.T) {
	if *samples == "" {
		t.Skip("no -samples directory given")
	}
	r := synthReport(40)
	for _, v := range []struct {
		dir string
		opt Options
	}{
		{"named", Options{}},
		{"anonymised", Options{Anonymize: true}},
		{"anonymised-teams", Options{Anonymize: true, PseudonymTeams: true}},
	} {
		dir := filepath.Join(*samples, v.dir)
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		files, err := Write(context.Background(), dir, r, v.opt, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := exec.LookPath("pdftoppm"); err != nil {
			continue
		}
		for _, f := range files {
			if !strings.HasSuffix(f, ".pdf") {
				continue
			}
			out := strings.TrimSuffix(f, ".pdf")
			if b, err := exec.Command("pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", f, out).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm %s: %v\n%s", f, err, b)
			}
		}
		t.Logf("%s: %d files", dir, len(files))
	}
}
