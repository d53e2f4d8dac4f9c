package workspace

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/multiplier/multiplier/internal/altgen"
)

// TestRoleRecoveryIndependent runs the role-recovery check on
// organisations from altgen, a second generator written without sight of
// the analysis or its thresholds: other team shapes, monorepos, quarters,
// review rounds, same-day and next-day review cultures. It guards against
// thresholds that only fit our own sample.
func TestRoleRecoveryIndependent(t *testing.T) {
	var orgs []plantedOrg
	for seed := int64(1); seed <= 12; seed++ {
		o := altgen.Generate(altgen.Config{Seed: seed, Monorepo: seed%2 == 0})
		dir := t.TempDir()
		roster := writeFile(t, dir, "roster.xlsx", o.WriteRosterXLSX)
		reviews := writeFile(t, dir, "reviews.xlsx", o.WriteReviewsXLSX)
		orgs = append(orgs, plantedOrg{seed: seed, roster: roster, reviews: reviews,
			truth:      func(email string) string { return o.Truth[email] },
			multiplier: altgen.TruthMultiplier, bottleneck: altgen.TruthBottleneck, soloist: altgen.TruthSoloist})
	}
	checkRecovery(t, orgs)
}

func writeFile(t *testing.T, dir, name string, write func(w io.Writer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
