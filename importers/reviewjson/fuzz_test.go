package reviewjson

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/multiplier/multiplier/importers/parse"
)

// fuzzRead reads data as a file and checks what must hold for any input:
// no panic, Detect without error, an error only of the file's own kinds,
// the Stats sum, and UTC times with Submitted set.
func fuzzRead(t *testing.T, path string, data []byte) {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Detect(path); err != nil {
		t.Fatalf("Detect: %v", err)
	}
	rec := &recorder{}
	st, err := Read(context.Background(), path, rec, nil)
	if st == nil {
		t.Fatal("nil Stats")
	}
	if err != nil {
		if !errors.Is(err, parse.ErrCorrupt) && !errors.Is(err, parse.ErrUnrecognised) {
			t.Fatalf("unexpected error kind: %v", err)
		}
		return
	}
	if st.Rows != st.Imported+st.Bots+st.SelfReviews+st.SkippedCount {
		t.Fatalf("Rows %d != Imported %d + Bots %d + SelfReviews %d + Skipped %d", st.Rows, st.Imported, st.Bots, st.SelfReviews, st.SkippedCount)
	}
	if st.Imported != len(rec.reviews) || rec.other != 0 {
		t.Fatalf("Imported %d, sink got %d reviews and %d other records", st.Imported, len(rec.reviews), rec.other)
	}
	for _, r := range rec.reviews {
		if r.Submitted.IsZero() || r.Submitted.Location() != time.UTC || !r.Created.IsZero() && r.Created.Location() != time.UTC {
			t.Fatalf("bad times in %+v", r)
		}
		if r.Reviewer == "" {
			t.Fatalf("no reviewer in %+v", r)
		}
	}
	for _, e := range st.Skipped {
		if e.File == "" || e.Err == nil {
			t.Fatalf("skip without file or reason: %#v", e)
		}
	}
}

func FuzzGerrit(f *testing.F) {
	for _, tc := range gerritCases() {
		f.Add([]byte(tc.content))
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "gerrit-query.json")); err == nil {
		f.Add(b)
	}
	path := filepath.Join(f.TempDir(), "gerrit.json")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, path, data) })
}

func FuzzGitHub(f *testing.F) {
	for _, tc := range githubCases(f) {
		f.Add([]byte(tc.content))
	}
	for _, tc := range detectCases {
		f.Add([]byte(tc.content))
	}
	for _, name := range []string{"github-pulls.json", "github-reviews.json", "github-combined.json"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b)
		}
	}
	path := filepath.Join(f.TempDir(), "github.json")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, path, data) })
}
