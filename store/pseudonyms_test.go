package store

import (
	"context"
	"testing"
)

func TestPseudonymsStable(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	first, err := s.Pseudonyms(ctx, []string{"b@x.io", "a@x.io", "c@x.io"})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for e, n := range first {
		if n < 1 || n > 3 || seen[n] {
			t.Fatalf("%s got number %d; want distinct numbers 1..3: %v", e, n, first)
		}
		seen[n] = true
	}
	// A newcomer gets the next number; everyone else keeps theirs.
	second, err := s.Pseudonyms(ctx, []string{"A@x.io", "d@x.io", "c@x.io"})
	if err != nil {
		t.Fatal(err)
	}
	if second["a@x.io"] != first["a@x.io"] || second["c@x.io"] != first["c@x.io"] {
		t.Fatalf("numbers changed: %v then %v", first, second)
	}
	if second["d@x.io"] != 4 {
		t.Fatalf("newcomer got %d, want 4", second["d@x.io"])
	}
}
