package workspace

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/assets"
	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/internal/orggen"
)

func mustOpen(tb testing.TB) *Workspace {
	tb.Helper()
	w, err := Open(filepath.Join(tb.TempDir(), "ws.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { w.Close() })
	return w
}

// writeOrg writes o's roster and reviews into dir in the given format
// ("xlsx" or "csv") and returns their paths.
func writeOrg(tb testing.TB, o *orggen.Org, dir, format string) (roster, reviews string) {
	tb.Helper()
	roster = filepath.Join(dir, "roster."+format)
	reviews = filepath.Join(dir, "reviews."+format)
	write := func(path string, f func(*bytes.Buffer) error) {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	if format == "xlsx" {
		write(roster, func(b *bytes.Buffer) error { return o.WriteRosterXLSX(b) })
		write(reviews, func(b *bytes.Buffer) error { return o.WriteReviewsXLSX(b) })
	} else {
		write(roster, func(b *bytes.Buffer) error { return o.WriteRosterCSV(b) })
		write(reviews, func(b *bytes.Buffer) error { return o.WriteReviewsCSV(b) })
	}
	return roster, reviews
}

func mustImport(tb testing.TB, w *Workspace, path string) *ImportReport {
	tb.Helper()
	rep, err := w.Import(context.Background(), path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return rep
}

func TestImportReports(t *testing.T) {
	for _, format := range []string{"xlsx", "csv"} {
		t.Run(format, func(t *testing.T) {
			o := orggen.Generate(orggen.DefaultConfig())
			roster, reviews := writeOrg(t, o, t.TempDir(), format)
			w := mustOpen(t)
			rr := mustImport(t, w, roster)
			if rr.Kind != "roster" || rr.Imported != len(o.People) || rr.Format != format {
				t.Errorf("roster report %+v, want %d people from %s", rr, len(o.People), format)
			}
			rv := mustImport(t, w, reviews)
			// Malformed rows on a bot's change count as bot rows.
			var malformed []orggen.MalformedRow
			for _, m := range o.Malformed {
				if !multiplier.IsBot(m.Review.Author) {
					malformed = append(malformed, m)
				}
			}
			if rv.Kind != "reviews" || rv.Skipped != len(malformed) || len(rv.Issues) != len(malformed) {
				t.Fatalf("reviews report kind %s skipped %d, want reviews and %d", rv.Kind, rv.Skipped, len(malformed))
			}
			// Every skipped row names the file, row and column.
			for i, is := range rv.Issues {
				m := malformed[i]
				want := "reviews." + format
				if !strings.HasPrefix(is, want) || !strings.Contains(is, "row ") || !strings.Contains(is, "column '") {
					t.Errorf("issue %q does not name file, row and column", is)
				}
				if !strings.Contains(is, "row "+itoa(m.Row)) {
					t.Errorf("issue %q, want row %d", is, m.Row)
				}
			}
			// The contractor is kept and listed, not dropped.
			if len(rv.Unmatched) == 0 || !strings.HasPrefix(rv.Unmatched[0].Key, "ext-") {
				t.Errorf("unmatched = %+v, want the ext- contractor", rv.Unmatched)
			}
			if rv.Bots == 0 {
				t.Error("no bot rows counted")
			}
			// Bots are not people and do not show up as identities.
			for _, u := range rv.Unmatched {
				if multiplier.IsBot(u.Key) {
					t.Errorf("bot %s listed as an unmatched person", u.Key)
				}
			}
			if got := rv.Imported + rv.Skipped + rv.Bots + rv.Self + rv.Duplicates; got != rv.Rows {
				t.Errorf("imported+skipped+bots+self+duplicates = %d, rows = %d", got, rv.Rows)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestReimportRefusedAndOverlapNotDoubleCounted(t *testing.T) {
	o := orggen.Generate(orggen.DefaultConfig())
	dir := t.TempDir()
	_, reviews := writeOrg(t, o, dir, "xlsx")
	_, reviewsCSV := writeOrg(t, o, t.TempDir(), "csv")
	w := mustOpen(t)
	first := mustImport(t, w, reviews)
	_, err := w.Import(context.Background(), reviews, nil)
	if !errors.Is(err, ErrAlreadyImported) || !strings.Contains(err.Error(), "reviews.xlsx") {
		t.Fatalf("re-import error = %v, want ErrAlreadyImported naming the file", err)
	}
	// The same reviews in another file (CSV) are all duplicates.
	again := mustImport(t, w, reviewsCSV)
	if again.Imported != 0 || again.Duplicates != first.Imported {
		t.Fatalf("overlapping export imported %d, duplicates %d; want 0 and %d", again.Imported, again.Duplicates, first.Imported)
	}
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestRejectedFileLeavesWorkspaceUnchanged(t *testing.T) {
	o := orggen.Generate(orggen.DefaultConfig())
	dir := t.TempDir()
	roster, reviews := writeOrg(t, o, dir, "xlsx")
	full, err := os.ReadFile(reviews)
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string][]byte{
		"truncated.xlsx": full[:len(full)/2],
		"notes.csv":      []byte("Meeting,Notes\nstandup,fine\n"),
		"empty.csv":      nil,
	}
	path := filepath.Join(t.TempDir(), "ws.db")
	w, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, w, roster)
	w.Close()
	before := fileSum(t, path)
	for name, content := range bad {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, content, 0o644); err != nil {
				t.Fatal(err)
			}
			w, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			_, err = w.Import(context.Background(), p, nil)
			w.Close()
			if err == nil {
				t.Fatal("a bad file was accepted")
			}
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name the file", err)
			}
			if fileSum(t, path) != before {
				t.Fatal("a rejected file changed the workspace file")
			}
		})
	}
	// A cancelled import is rejected too and keeps nothing.
	t.Run("cancelled", func(t *testing.T) {
		w, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		_, err = w.Import(ctx, reviews, func(Progress) { cancel() })
		w.Close()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v, want context.Canceled", err)
		}
		if fileSum(t, path) != before {
			t.Fatal("a cancelled import changed the workspace file")
		}
	})
}

func TestAnalyzeContract(t *testing.T) {
	o := orggen.Generate(orggen.DefaultConfig())
	roster, reviews := writeOrg(t, o, t.TempDir(), "xlsx")
	w := mustOpen(t)
	mustImport(t, w, reviews) // reviews first: resolution does not depend on order
	mustImport(t, w, roster)
	res, err := w.Analyze(context.Background(), multiplier.Period{}, graph.DefaultSettings(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, res, nil); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Period struct{ From, To string }
		People []struct {
			Email, Name, Team, Level string
			Roles                    []string
			Scores                   map[string]float64
			Evidence                 []string
			Coverage                 map[string]int
			Confidence               struct{ Level, Note string }
		}
	}
	dec := json.NewDecoder(&b)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	// Without --from/--to the period is the span of the data, not "today".
	if got.Period.From != "2026-04-01" || got.Period.To < "2026-09-20" || got.Period.To > "2026-09-30" {
		t.Errorf("period %+v", got.Period)
	}
	if len(got.People) != len(o.People) {
		t.Fatalf("%d people in the JSON, %d in the roster", len(got.People), len(o.People))
	}
	seen := map[string]bool{}
	for _, p := range got.People {
		if p.Email != strings.ToLower(p.Email) || seen[p.Email] || o.Truth[p.Email] == "" {
			t.Errorf("person %q: not a lower-case roster email, or listed twice", p.Email)
		}
		seen[p.Email] = true
		if p.Confidence.Level == "" || p.Coverage == nil {
			t.Errorf("%s: confidence %+v coverage %v", p.Email, p.Confidence, p.Coverage)
		}
		if p.Roles == nil || p.Evidence == nil || len(p.Evidence) == 0 || len(p.Scores) == 0 {
			t.Errorf("%s: roles %v evidence %v scores %v", p.Email, p.Roles, p.Evidence, p.Scores)
		}
	}
	if !bytes.Contains(mustMarshal(t, got), []byte(`"Roles":[]`)) {
		t.Error("people without a role should have an empty list, not null")
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRoleRecovery generates organisations of several shapes, writes them
// as the real files, imports and analyses them, and checks the planted
// multipliers and bottlenecks are found (F1 ≥ 0.9 over all of them, and
// no organisation below 0.8), and that no soloist is called a multiplier.
func TestRoleRecovery(t *testing.T) {
	var orgs []plantedOrg
	for _, seed := range []int64{3, 11, 29, 42, 77, 101} {
		c := orggen.DefaultConfig()
		c.Seed = seed
		c.Teams = 5 + int(seed%6)
		c.TeamSize = 5 + int(seed%4)
		c.Multipliers = 3 + int(seed%3)
		c.TeamBottlenecks = 1 + int(seed%3)
		o := orggen.Generate(c)
		roster, reviews := writeOrg(t, o, t.TempDir(), "xlsx")
		orgs = append(orgs, plantedOrg{seed: seed, roster: roster, reviews: reviews,
			truth:      func(email string) string { return string(o.Truth[email]) },
			multiplier: string(orggen.Multiplier), bottleneck: "bottleneck", soloist: string(orggen.Soloist),
			expected: o.ExpectedRoles})
	}
	checkRecovery(t, orgs)
}

// plantedOrg is a generated organisation written as files, with the truth
// its generator planted.
type plantedOrg struct {
	seed            int64
	roster, reviews string
	truth           func(email string) string
	// The truth labels of each kind; expected, when set, maps an email to
	// the roles it should get instead of comparing labels.
	multiplier, bottleneck, soloist string
	expected                        func(email string) []string
}

func (o plantedOrg) wants(email string, role graph.Role) bool {
	if o.expected != nil {
		return slices.Contains(o.expected(email), string(role))
	}
	switch role {
	case graph.RoleMultiplier:
		return o.truth(email) == o.multiplier
	case graph.RoleBottleneck:
		return o.truth(email) == o.bottleneck
	}
	return false
}

// checkRecovery imports and analyses each organisation and checks
// multipliers and bottlenecks at F1 ≥ 0.9 over all of them (no single one
// below 0.8), and that no soloist is called a multiplier.
func checkRecovery(t *testing.T, orgs []plantedOrg) {
	t.Helper()
	type count struct{ tp, fp, fn int }
	total := map[graph.Role]*count{graph.RoleMultiplier: {}, graph.RoleBottleneck: {}}
	for _, o := range orgs {
		w := mustOpen(t)
		mustImport(t, w, o.roster)
		mustImport(t, w, o.reviews)
		res, err := w.Analyze(context.Background(), multiplier.Period{}, graph.DefaultSettings(), nil)
		if err != nil {
			t.Fatal(err)
		}
		for role, tot := range total {
			var c count
			for _, p := range res.People {
				want, got := o.wants(p.Person.Email, role), slices.Contains(p.Roles, role)
				switch {
				case want && got:
					c.tp++
				case got:
					c.fp++
					t.Logf("seed %d: %s (%s) called %s: %v", o.seed, p.Person.Name, o.truth(p.Person.Email), role, p.Evidence)
				case want:
					c.fn++
					t.Logf("seed %d: %s missed as %s: %v %+v", o.seed, p.Person.Name, role, p.Evidence, p.Metrics)
				}
			}
			if f := f1(c.tp, c.fp, c.fn); f < 0.8 {
				t.Errorf("seed %d: %s F1 %.2f (tp %d fp %d fn %d)", o.seed, role, f, c.tp, c.fp, c.fn)
			}
			tot.tp, tot.fp, tot.fn = tot.tp+c.tp, tot.fp+c.fp, tot.fn+c.fn
		}
		for _, p := range res.People {
			if o.truth(p.Person.Email) == o.soloist && slices.Contains(p.Roles, graph.RoleMultiplier) {
				t.Errorf("seed %d: soloist %s called a multiplier", o.seed, p.Person.Name)
			}
		}
	}
	for role, c := range total {
		f := f1(c.tp, c.fp, c.fn)
		t.Logf("%s: F1 %.3f (tp %d fp %d fn %d)", role, f, c.tp, c.fp, c.fn)
		if f < 0.9 {
			t.Errorf("%s: F1 %.3f over all organisations, want ≥ 0.9", role, f)
		}
	}
}

func f1(tp, fp, fn int) float64 {
	if tp == 0 {
		return 0
	}
	return 2 * float64(tp) / float64(2*tp+fp+fn)
}

func TestOpenSample(t *testing.T) {
	dir := t.TempDir()
	w, err := OpenSample(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	srcs, _ := w.Sources(context.Background())
	w.Close()
	if len(srcs) != len(assets.SampleFiles) {
		t.Fatalf("sample has %d sources, want %d", len(srcs), len(assets.SampleFiles))
	}
	// Opening it again reuses the workspace without importing twice.
	w, err = OpenSample(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	srcs, _ = w.Sources(context.Background())
	if len(srcs) != len(assets.SampleFiles) {
		t.Fatalf("reopened sample has %d sources, want %d", len(srcs), len(assets.SampleFiles))
	}
	res, err := w.Analyze(context.Background(), multiplier.Period{}, graph.DefaultSettings(), nil)
	if err != nil {
		t.Fatal(err)
	}
	roles := 0
	for _, p := range res.People {
		roles += len(p.Roles)
	}
	if roles == 0 {
		t.Error("the sample organisation shows no roles")
	}
}
