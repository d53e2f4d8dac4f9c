package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
)

func mustOpen(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), "ws.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func mustImport(tb testing.TB, s *Store, sha string, people []multiplier.Person, reviews []multiplier.Review) Counts {
	tb.Helper()
	ctx := context.Background()
	im, err := s.Begin(ctx, Source{Name: sha + ".csv", Kind: "test", Format: "csv", SHA256: sha})
	if err != nil {
		tb.Fatal(err)
	}
	for _, p := range people {
		if err := im.Person(p); err != nil {
			tb.Fatal(err)
		}
	}
	for _, r := range reviews {
		if err := im.Review(r); err != nil {
			tb.Fatal(err)
		}
	}
	c := im.Counts()
	if err := im.Commit(Counts{Read: len(people) + len(reviews)}); err != nil {
		tb.Fatal(err)
	}
	return c
}

var (
	t0  = time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)
	ada = multiplier.Person{Email: "ada.okafor@example.com", Name: "Ada Okafor", Team: "Payments", GitHub: "aokafor"}
	jun = multiplier.Person{Email: "jun.kim@example.com", Name: "Jun Kim", Team: "Search", GitHub: "jkim"}
)

func review(change, reviewer, author string, h int) multiplier.Review {
	return multiplier.Review{Repository: "acme/api", Change: change, Author: author, Reviewer: reviewer,
		Created: t0, Submitted: t0.Add(time.Duration(h) * time.Hour), State: "APPROVED", Comments: 2}
}

func TestOpenMigratesAndUsesWAL(t *testing.T) {
	s := mustOpen(t)
	var v int
	var mode string
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if v != SchemaVersion() || mode != "wal" {
		t.Fatalf("user_version %d journal_mode %q, want %d wal", v, mode, SchemaVersion())
	}
	// Reopening an up-to-date file is a no-op.
	path := s.Path()
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	s := mustOpen(t)
	if _, err := s.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	if _, err := Open(path); err == nil {
		t.Fatal("opened a workspace from the future")
	}
}

func TestImportResolvesIdentitiesInAnyOrder(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	// Reviews first, roster later: the reviews still land on the people.
	mustImport(t, s, "reviews", nil, []multiplier.Review{
		review("1", "JKim", "aokafor", 3),
		review("2", "ext-contractor", "aokafor", 5),
	})
	mustImport(t, s, "roster", []multiplier.Person{ada, jun}, nil)
	got, err := s.Interactions(ctx, multiplier.Period{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d interactions, want 2", len(got))
	}
	if got[0].From != jun.Email || got[0].To != ada.Email {
		t.Errorf("first interaction %s→%s, want %s→%s", got[0].From, got[0].To, jun.Email, ada.Email)
	}
	if got[1].From != "ext-contractor" {
		t.Errorf("unmatched identity became %q", got[1].From)
	}
	un, err := s.Unmatched(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(un) != 1 || un[0].Key != "ext-contractor" || un[0].Count != 1 {
		t.Fatalf("unmatched = %+v", un)
	}
	// A manual merge applies to past interactions and survives a roster re-import.
	if err := s.Merge(ctx, "ext-contractor", "JUN.KIM@example.com"); err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, "roster2", []multiplier.Person{ada, jun}, nil)
	got, _ = s.Interactions(ctx, multiplier.Period{})
	if got[1].From != jun.Email {
		t.Errorf("after merge From = %q, want %q", got[1].From, jun.Email)
	}
	if un, _ := s.Unmatched(ctx, 0); len(un) != 0 {
		t.Errorf("unmatched after merge = %+v", un)
	}
	if err := s.Merge(ctx, "someone", "nobody@example.com"); err == nil {
		t.Error("merge into a person not in the roster succeeded")
	}
}

func TestEmailLocalPartMatchesLogins(t *testing.T) {
	s := mustOpen(t)
	// mei.tanaka has no GitHub column; her login is her email's local part.
	// "aokafor" is both Ada's GitHub login and Ann's email local part:
	// the roster column wins, whatever the order.
	mei := multiplier.Person{Email: "mei.tanaka@example.com", Name: "Mei Tanaka"}
	ann := multiplier.Person{Email: "aokafor@example.com", Name: "Ann Okafor"}
	mustImport(t, s, "roster", []multiplier.Person{ann, ada, mei}, []multiplier.Review{
		review("1", "Mei.Tanaka", "aokafor", 2),
	})
	got, err := s.Interactions(context.Background(), multiplier.Period{})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].From != mei.Email || got[0].To != ada.Email {
		t.Fatalf("resolved %s→%s, want %s→%s", got[0].From, got[0].To, mei.Email, ada.Email)
	}
}

func TestOverlappingExportsDoNotDoubleCount(t *testing.T) {
	s := mustOpen(t)
	a := mustImport(t, s, "a", nil, []multiplier.Review{review("1", "jkim", "aokafor", 3), review("2", "jkim", "aokafor", 4)})
	b := mustImport(t, s, "b", nil, []multiplier.Review{review("2", "jkim", "aokafor", 4), review("3", "jkim", "aokafor", 1)})
	if a.Imported != 2 || b.Imported != 1 || b.Duplicate != 1 {
		t.Fatalf("counts a=%+v b=%+v", a, b)
	}
	got, _ := s.Interactions(context.Background(), multiplier.Period{})
	if len(got) != 3 {
		t.Fatalf("%d interactions stored, want 3", len(got))
	}
	srcs, _ := s.Sources(context.Background())
	if len(srcs) != 2 || srcs[1].Counts.Duplicate != 1 || srcs[1].Counts.Read != 2 {
		t.Fatalf("sources = %+v", srcs)
	}
}

func TestSameSHARefused(t *testing.T) {
	s := mustOpen(t)
	mustImport(t, s, "same", nil, nil)
	src, ok, err := s.SourceBySHA(context.Background(), "same")
	if err != nil || !ok || src.Name != "same.csv" {
		t.Fatalf("SourceBySHA = %+v %v %v", src, ok, err)
	}
	im, err := s.Begin(context.Background(), Source{Name: "x", Kind: "k", Format: "csv", SHA256: "same"})
	if err == nil {
		im.Rollback()
		t.Fatal("a second source with the same sha256 was accepted")
	}
}

func TestPeriodFilterAndSpan(t *testing.T) {
	s := mustOpen(t)
	mustImport(t, s, "r", nil, []multiplier.Review{review("1", "a", "b", 1), review("2", "a", "b", 24*40)})
	ctx := context.Background()
	span, err := s.Span(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if span.String() != "2026-05-04 – 2026-06-13" {
		t.Fatalf("span = %s", span)
	}
	got, _ := s.Interactions(ctx, multiplier.Period{From: span.From, To: span.From})
	if len(got) != 1 || got[0].Ref != "1" {
		t.Fatalf("one-day period gave %+v", got)
	}
	if h, ok := got[0].LatencyHours(); !ok || h != 1 {
		t.Fatalf("latency = %v %v", h, ok)
	}
}

func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestRollbackLeavesFileUnchanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, "first", []multiplier.Person{ada}, []multiplier.Review{review("1", "jkim", "aokafor", 3)})
	s.Close()
	before := fileSum(t, path)

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	im, err := s.Begin(context.Background(), Source{Name: "bad.xlsx", Kind: "reviews", Format: "xlsx", SHA256: "bad"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5000 {
		if err := im.Review(review(string(rune('a'+i%26))+string(rune(i)), "jkim", "aokafor", i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := im.Person(jun); err != nil {
		t.Fatal(err)
	}
	im.Rollback()
	s.Close()
	if after := fileSum(t, path); after != before {
		t.Fatal("a rolled-back import changed the workspace file")
	}
}

func TestMigratesOldWorkspace(t *testing.T) {
	// Workspaces written at older schema versions: 1, before rows_self
	// existed, and 4, before column mappings were kept.
	for _, from := range []int{1, 4} {
		t.Run(fmt.Sprintf("from %d", from), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			db, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			steps := append(slices.Clone(migrations[:from]), fmt.Sprintf("PRAGMA user_version = %d", from),
				`INSERT INTO sources (name, kind, format, sha256, imported_at, rows_read) VALUES ('r.csv', 'reviews', 'csv', 'abc', '2026-10-01T00:00:00Z', 7)`)
			for _, q := range steps {
				if _, err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := db.Exec(`SELECT 1 FROM column_maps`); err == nil {
				t.Fatal("the old workspace already has column_maps")
			}
			db.Close()
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var v int
			if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion() || v != 6 {
				t.Fatalf("user_version %d (%v), want %d = 6", v, err, SchemaVersion())
			}
			ctx := context.Background()
			srcs, err := s.Sources(ctx)
			if err != nil || len(srcs) != 1 || srcs[0].Counts.Read != 7 || srcs[0].Counts.Self != 0 {
				t.Fatalf("sources after migration = %+v, %v", srcs, err)
			}
			if err := s.SaveColumnMap(ctx, "sig", "roster", `{"source":"roster"}`); err != nil {
				t.Fatal(err)
			}
			if cm, ok, err := s.ColumnMap(ctx, "sig"); err != nil || !ok || cm.Mapping != `{"source":"roster"}` {
				t.Fatalf("column map after migration = %+v %v %v", cm, ok, err)
			}
		})
	}
}

func TestColumnMaps(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	if _, ok, err := s.ColumnMap(ctx, "none"); ok || err != nil {
		t.Fatalf("ColumnMap of an unknown signature = %v, %v", ok, err)
	}
	before := time.Now().UTC().Truncate(time.Second)
	if err := s.SaveColumnMap(ctx, "a1", "roster", `{"columns":{"email":1}}`); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveColumnMap(ctx, "a1", "interactions", `{"columns":{"from":0}}`); err != nil {
		t.Fatal(err)
	}
	cm, ok, err := s.ColumnMap(ctx, "a1")
	if err != nil || !ok || cm.Signature != "a1" || cm.Kind != "interactions" || cm.Mapping != `{"columns":{"from":0}}` || cm.SavedAt.Before(before) {
		t.Fatalf("ColumnMap = %+v %v %v, want the later mapping", cm, ok, err)
	}
	for _, bad := range []struct{ sig, mapping string }{{"", `{}`}, {"b", `{not json`}} {
		if err := s.SaveColumnMap(ctx, bad.sig, "roster", bad.mapping); err == nil {
			t.Errorf("SaveColumnMap(%q, %q) accepted", bad.sig, bad.mapping)
		}
	}

	// Saved in an import: seen inside it, kept only when it commits.
	im, err := s.Begin(ctx, Source{Name: "x.csv", Kind: "roster", Format: "csv", SHA256: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if err := im.SaveColumnMap("tx", "roster", `{}`); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := im.ColumnMap("tx"); !ok || err != nil {
		t.Fatalf("the import does not see its own mapping: %v %v", ok, err)
	}
	if _, ok, err := im.ColumnMap("a1"); !ok || err != nil {
		t.Fatalf("the import does not see a saved mapping: %v %v", ok, err)
	}
	im.Rollback()
	if _, ok, _ := s.ColumnMap(ctx, "tx"); ok {
		t.Fatal("a rolled-back import kept its mapping")
	}
	im, err = s.Begin(ctx, Source{Name: "x.csv", Kind: "roster", Format: "csv", SHA256: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if err := im.SaveColumnMap("tx", "roster", `{}`); err != nil {
		t.Fatal(err)
	}
	if err := im.Commit(Counts{}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.ColumnMap(ctx, "tx"); !ok {
		t.Fatal("a committed import lost its mapping")
	}
}
