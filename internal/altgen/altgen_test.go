package altgen

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func render(t *testing.T, o *Org) (roster, reviews []byte) {
	t.Helper()
	var a, b bytes.Buffer
	if err := o.WriteRosterXLSX(&a); err != nil {
		t.Fatal(err)
	}
	if err := o.WriteReviewsXLSX(&b); err != nil {
		t.Fatal(err)
	}
	return a.Bytes(), b.Bytes()
}

func readRows(t *testing.T, data []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestDeterministic(t *testing.T) {
	for _, mono := range []bool{false, true} {
		c := Config{Seed: 42, Teams: 9, Monorepo: mono}
		r1, v1 := render(t, Generate(c))
		r2, v2 := render(t, Generate(c))
		if !slices.Equal(flatten(readRows(t, r1)), flatten(readRows(t, r2))) ||
			!slices.Equal(flatten(readRows(t, v1)), flatten(readRows(t, v2))) {
			t.Fatalf("monorepo=%v: same seed gave different workbooks", mono)
		}
		o3 := Generate(Config{Seed: 43, Teams: 9, Monorepo: mono})
		if len(o3.Reviews) == len(Generate(c).Reviews) && o3.People[0] == Generate(c).People[0] {
			t.Errorf("monorepo=%v: seeds 42 and 43 look identical", mono)
		}
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, "\x1f"))
	}
	return out
}

func TestWorkbooks(t *testing.T) {
	for _, c := range []Config{{Seed: 1, Teams: 6}, {Seed: 2, Teams: 14, Monorepo: true}, {Seed: 3}} {
		o := Generate(c)
		rb, vb := render(t, o)
		roster, reviews := readRows(t, rb), readRows(t, vb)
		if !slices.Equal(roster[0], RosterHeaders) {
			t.Errorf("roster headers %q", roster[0])
		}
		if !slices.Equal(reviews[0], ReviewHeaders) {
			t.Errorf("review headers %q", reviews[0])
		}
		if len(roster)-1 != len(o.People) || len(reviews)-1 != len(o.Reviews) {
			t.Errorf("rows: roster %d vs %d people, reviews %d vs %d", len(roster)-1, len(o.People), len(reviews)-1, len(o.Reviews))
		}
		// Truth covers every roster person, with a known label.
		if len(o.Truth) != len(o.People) {
			t.Errorf("truth has %d entries for %d people", len(o.Truth), len(o.People))
		}
		for _, row := range roster[1:] {
			email := strings.ToLower(row[1])
			switch o.Truth[email] {
			case TruthMultiplier, TruthBottleneck, TruthSoloist, TruthFastReviewer, TruthManager, TruthEngineer:
			default:
				t.Errorf("%s: truth %q", email, o.Truth[email])
			}
			if !strings.HasSuffix(email, "@example.org") {
				t.Errorf("email %s", email)
			}
		}
		// A bot, and someone missing from the roster, are in the reviews.
		logins := map[string]bool{}
		for _, p := range o.People {
			logins[strings.ToLower(p.GitHub)] = true
		}
		bot, stranger := false, false
		for _, row := range reviews[1:] {
			bot = bot || row[3] == botLogin
			for _, id := range []string{row[3], row[6]} {
				if id != botLogin && !logins[strings.ToLower(id)] {
					stranger = true
				}
			}
			for _, col := range []int{4, 8} {
				if len(row[col]) != len("2026-05-04T09:12:00Z") || !(strings.HasPrefix(row[col], "2026-") || strings.HasPrefix(row[col], "2027-01-0")) || !strings.HasSuffix(row[col], "Z") {
					t.Fatalf("time %q", row[col])
				}
			}
			if row[8] < row[4] {
				t.Fatalf("review before PR: %q", row)
			}
		}
		if !bot || !stranger {
			t.Errorf("bot %v, person missing from roster %v", bot, stranger)
		}
	}
}

// TestPlanted checks that the planted roles read as intended from the
// numbers alone, over many seeds.
func TestPlanted(t *testing.T) {
	seeds := int64(60)
	if testing.Short() {
		seeds = 12
	}
	for seed := int64(1); seed <= seeds; seed++ {
		o := Generate(Config{Seed: seed, Monorepo: seed%3 == 0, Teams: []int{0, 6, 14, 0, 9}[seed%5]})
		s := o.summarize()
		var typ kindStats
		for _, k := range s.Kinds {
			if k.Kind == TruthEngineer {
				typ = k
			}
		}
		for _, p := range s.People {
			fail := func(why string) {
				t.Errorf("seed %d: %s %s (%s): %s; given %d recv %d cross %.2f reach %d med %.1fh authored %d; typical given %.0f med %.1fh authored %.0f",
					seed, p.Truth, p.Email, p.Team, why, p.Given, p.Received, p.Cross, p.Reach, p.MedianH, p.Authored, typ.Given, typ.MedianH, typ.Aut)
			}
			switch p.Truth {
			case TruthMultiplier:
				switch {
				case p.Cross < 0.3 || p.Cross > 0.75:
					fail("cross share")
				case p.Reach < 3:
					fail("reach")
				case float64(p.Given) < 1.3*typ.Given || p.Given <= p.Received:
					fail("volume")
				case p.MedianH > 0.9*typ.MedianH:
					fail("not responsive")
				}
			case TruthBottleneck:
				if p.MedianH < 2*typ.MedianH {
					fail("not slow")
				}
			case TruthSoloist:
				if float64(p.Authored) < 1.7*typ.Aut || float64(p.Given) > 0.6*typ.Given {
					fail("not a soloist")
				}
			case TruthFastReviewer:
				if p.Cross > 0.15 || p.MedianH > 0.7*typ.MedianH || float64(p.Given) < 1.2*typ.Given {
					fail("not a fast in-team reviewer")
				}
			case TruthEngineer:
				if p.Cross > 0.35 && float64(p.Given) >= 0.5*typ.Given {
					fail("engineer too cross-team")
				}
				if p.Cross > 0.3 && p.Reach >= 3 && float64(p.Given) > 1.3*typ.Given && p.MedianH < typ.MedianH {
					fail("engineer looks like a multiplier")
				}
			}
		}
		if math.IsNaN(typ.MedianH) || typ.MedianH < 1.5 || typ.MedianH > 30 {
			t.Errorf("seed %d: typical median %.1fh", seed, typ.MedianH)
		}
	}
}

func TestSummary(t *testing.T) {
	for seed := int64(1); seed <= 5; seed++ {
		o := Generate(Config{Seed: seed, Monorepo: seed%2 == 0})
		t.Logf("seed %d (monorepo %v, %d on roster):\n%s", seed, seed%2 == 0, len(o.People), o.summarize())
	}
}
