package orggen

import (
	"bytes"
	"crypto/sha256"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
)

// smallConfig is a feasible organisation unlike the default one.
func smallConfig() Config {
	return Config{Seed: 7, Teams: 4, TeamSize: 6, Multipliers: 1, TeamBottlenecks: 1, SharedGatekeepers: 1, Soloists: 1, FastReviewers: 1}
}

// digests returns the sha256 of every file the org writes.
func digests(t *testing.T, o *Org) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"roster.xlsx":  func(b *bytes.Buffer) error { return o.WriteRosterXLSX(b) },
		"reviews.xlsx": func(b *bytes.Buffer) error { return o.WriteReviewsXLSX(b) },
		"roster.csv":   func(b *bytes.Buffer) error { return o.WriteRosterCSV(b) },
		"reviews.csv":  func(b *bytes.Buffer) error { return o.WriteReviewsCSV(b) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = sha256.Sum256(b.Bytes())
	}
	return out
}

func TestGenerateIsDeterministic(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Config
	}{
		{"default", DefaultConfig()},
		{"small", smallConfig()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := Generate(tc.c), Generate(tc.c)
			if !reflect.DeepEqual(a, b) {
				t.Fatal("two orgs from one config differ")
			}
			da, db := digests(t, a), digests(t, b)
			for name := range da {
				if da[name] != db[name] {
					t.Errorf("%s: bytes differ between two runs", name)
				}
			}
			other := tc.c
			other.Seed++
			c := Generate(other)
			if reflect.DeepEqual(a.People, c.People) || reflect.DeepEqual(a.Reviews, c.Reviews) {
				t.Error("seeds differ but people or reviews are the same")
			}
			for name, d := range digests(t, c) {
				if d == da[name] {
					t.Errorf("%s: seeds differ but bytes are the same", name)
				}
			}
		})
	}
}

func TestGenerateDefaults(t *testing.T) {
	o := Generate(Config{Seed: 1, Multipliers: 4, TeamBottlenecks: 2, SharedGatekeepers: 1, Soloists: 3, FastReviewers: 3})
	if !reflect.DeepEqual(o.Config, DefaultConfig()) {
		t.Errorf("Config = %+v, want the defaults filled in", o.Config)
	}
	if !reflect.DeepEqual(o, Generate(DefaultConfig())) {
		t.Error("zero Teams, TeamSize, From, To do not give the default org")
	}
}

func TestArchetypeCounts(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Config
	}{
		{"default", DefaultConfig()},
		{"small", smallConfig()},
		{"none planted", Config{Seed: 3, Teams: 3}},
		{"many teams", Config{Seed: 4, Teams: 18, TeamSize: 5, Multipliers: 6, TeamBottlenecks: 5, SharedGatekeepers: 2, Soloists: 4, FastReviewers: 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Generate(tc.c)
			c := o.Config
			want := map[Archetype]int{
				Multiplier: c.Multipliers, TeamBottleneck: c.TeamBottlenecks, SharedGatekeeper: c.SharedGatekeepers,
				Soloist: c.Soloists, FastReviewer: c.FastReviewers, Manager: c.Teams + 1,
			}
			got := map[Archetype]int{}
			for _, a := range o.Truth {
				got[a]++
			}
			for a, n := range want {
				if got[a] != n {
					t.Errorf("%s: %d planted, want %d", a, got[a], n)
				}
			}
			if len(o.Truth) != len(o.People) {
				t.Errorf("Truth has %d people, roster %d", len(o.Truth), len(o.People))
			}
			for _, p := range o.People {
				if _, ok := o.Truth[p.Email]; !ok {
					t.Errorf("%s is on the roster but not in Truth", p.Email)
				}
			}
			engineers := len(o.People) - want[Manager]
			if lo, hi := c.Teams*(c.TeamSize-2), c.Teams*(c.TeamSize+2); engineers < lo || engineers > hi {
				t.Errorf("%d engineers, want %d..%d", engineers, lo, hi)
			}
		})
	}
}

func TestExpectedRoles(t *testing.T) {
	o := Generate(DefaultConfig())
	first := map[Archetype]string{}
	for _, p := range o.People {
		if _, ok := first[o.Truth[p.Email]]; !ok {
			first[o.Truth[p.Email]] = p.Email
		}
	}
	for _, tc := range []struct {
		a    Archetype
		want []string
	}{
		{Multiplier, []string{"multiplier"}},
		{TeamBottleneck, []string{"bottleneck"}},
		{SharedGatekeeper, []string{"bottleneck"}},
		{Soloist, []string{"solo contributor"}},
		{FastReviewer, nil},
		{Manager, nil},
		{Engineer, nil},
	} {
		t.Run(string(tc.a), func(t *testing.T) {
			email := first[tc.a]
			if email == "" {
				t.Fatalf("no %s planted", tc.a)
			}
			if got := o.ExpectedRoles(email); !slices.Equal(got, tc.want) {
				t.Errorf("ExpectedRoles(%s) = %q, want %q", email, got, tc.want)
			}
			if got := o.ExpectedRoles("  " + strings.ToUpper(email) + " "); !slices.Equal(got, tc.want) {
				t.Errorf("ExpectedRoles of the upper-case email = %q, want %q", got, tc.want)
			}
		})
	}
	if got := o.ExpectedRoles("nobody@example.com"); got != nil {
		t.Errorf("ExpectedRoles(unknown) = %q, want nil", got)
	}
}

var (
	slackID = regexp.MustCompile(`^U0[A-Z0-9]{7}$`)
	login   = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	email   = regexp.MustCompile(`^[a-z][a-z-]*\.[a-z][a-z-]*[0-9]*@example\.com$`)
)

func TestPeople(t *testing.T) {
	o := Generate(DefaultConfig())
	byEmail := map[string]multiplier.Person{}
	seen := map[string]bool{}
	for _, p := range o.People {
		byEmail[p.Email] = p
		for _, id := range []string{p.Email, p.GitHub, p.SlackID} {
			if seen[id] {
				t.Errorf("%q appears twice", id)
			}
			seen[id] = true
		}
		if !email.MatchString(p.Email) || !login.MatchString(p.GitHub) || !slackID.MatchString(p.SlackID) {
			t.Errorf("bad identity: %q %q %q", p.Email, p.GitHub, p.SlackID)
		}
		if p.Name == "" || p.Name != strings.TrimSpace(p.Name) || p.Team == "" || p.Department == "" {
			t.Errorf("untidy person: %+v", p)
		}
	}
	directors := 0
	for _, p := range o.People {
		switch {
		case p.Level == "M2":
			directors++
			if p.Title != "Director of Engineering" || p.Team != "Engineering-Leadership" {
				t.Errorf("director: %+v", p)
			}
		case p.Level == "M1":
			if p.Title != "Engineering Manager" || byEmail[p.Manager].Level != "M2" {
				t.Errorf("manager: %+v", p)
			}
		default:
			m := byEmail[p.Manager]
			if m.Level != "M1" || m.Team != p.Team {
				t.Errorf("%s reports to %q, not their team's manager", p.Email, p.Manager)
			}
			if titles[p.Level] != p.Title {
				t.Errorf("%s: level %s with title %q", p.Email, p.Level, p.Title)
			}
		}
	}
	if directors != 1 {
		t.Errorf("%d directors, want 1", directors)
	}
}

func TestRosterCellsAreUntidyButMatchPeople(t *testing.T) {
	o := Generate(DefaultConfig())
	if len(o.roster) != len(o.People) {
		t.Fatalf("%d roster rows for %d people", len(o.roster), len(o.People))
	}
	var spaces, mixed int
	for i, cells := range o.roster {
		p := o.People[i]
		for _, c := range cells {
			if c != strings.TrimSpace(c) {
				spaces++
			}
		}
		if cells[colEmail] != p.Email {
			mixed++
		}
		if multiplier.IdentityKey(cells[colEmail]) != p.Email || multiplier.IdentityKey(cells[colGitHub]) != p.GitHub ||
			strings.TrimSpace(cells[colName]) != p.Name || strings.TrimSpace(cells[colTeam]) != p.Team ||
			multiplier.IdentityKey(cells[colManager]) != p.Manager {
			t.Errorf("row %d %q does not tidy to %+v", i, cells, p)
		}
	}
	if spaces < 3 || mixed < 2 {
		t.Errorf("%d cells with stray spaces and %d untidy emails, want at least 3 and 2", spaces, mixed)
	}
}

func TestReviews(t *testing.T) {
	o := Generate(DefaultConfig())
	if n := len(o.Reviews); n < 4000 || n > 8000 {
		t.Errorf("%d reviews, want 4000..8000", n)
	}
	states := map[string]int{}
	last := map[string]int{} // repository → highest PR number seen
	created := map[string]time.Time{}
	var bots, contractor, shared, inHours int
	start, end := o.Config.From, o.Config.end()
	for _, r := range o.Reviews {
		states[r.State]++
		if !r.Submitted.After(r.Created) {
			t.Errorf("%s#%s: submitted %v not after created %v", r.Repository, r.Change, r.Submitted, r.Created)
		}
		if r.Created.Before(start) || !r.Submitted.Before(end) {
			t.Errorf("%s#%s: outside the period", r.Repository, r.Change)
		}
		if r.Reviewer == "" || r.Author == r.Reviewer {
			t.Errorf("%s#%s: reviewer %q, author %q", r.Repository, r.Change, r.Reviewer, r.Author)
		}
		if working(r.Submitted) {
			inHours++
		}
		key := r.Repository + "#" + r.Change
		if _, ok := created[key]; !ok {
			n := atoi(t, r.Change)
			if n <= last[r.Repository] {
				t.Errorf("%s: PR numbers not increasing at %d", r.Repository, n)
			}
			last[r.Repository] = n
			created[key] = r.Created
			switch {
			case multiplier.IsBot(r.Author):
				bots++
			case strings.HasPrefix(r.Author, "ext-"):
				contractor++
			}
			if r.Repository == "acme/shared-lib" || r.Repository == "acme/platform-sdk" {
				shared++
			}
		}
	}
	prs := len(created)
	share := func(s string) float64 { return float64(states[s]) / float64(len(o.Reviews)) }
	for _, tc := range []struct {
		what   string
		got    float64
		lo, hi float64
	}{
		{"APPROVED share", share(approved), 0.58, 0.72},
		{"COMMENTED share", share(commented), 0.15, 0.25},
		{"CHANGES_REQUESTED share", share(changesRequested), 0.09, 0.18},
		{"DISMISSED share", share(dismissed), 0.005, 0.04},
		{"shared-library PR share", float64(shared) / float64(prs), 0.08, 0.16},
		{"reviews submitted in working hours", float64(inHours) / float64(len(o.Reviews)), 0.85, 1},
		{"bot PRs", float64(bots), 20, 300},
		{"contractor PRs", float64(contractor), 3, 30},
	} {
		if tc.got < tc.lo || tc.got > tc.hi {
			t.Errorf("%s = %.3f, want %.3f..%.3f", tc.what, tc.got, tc.lo, tc.hi)
		}
	}
}

func TestMergedAfterApproval(t *testing.T) {
	o := Generate(DefaultConfig())
	lastApproval := map[string]time.Time{}
	for _, r := range o.Reviews {
		key := r.Repository + "#" + r.Change
		if r.State == approved && r.Submitted.After(lastApproval[key]) {
			lastApproval[key] = r.Submitted
		}
	}
	merged := map[string]string{}
	for _, s := range o.sheet {
		merged[s.repo+"#"+s.cells()[1]] = s.merged
	}
	var open, after, before int
	for key, m := range merged {
		if m == "" {
			open++
			continue
		}
		at, err := time.Parse(time.RFC3339, m)
		if err != nil {
			t.Fatalf("%s: merged %q: %v", key, m, err)
		}
		if at.Before(lastApproval[key]) {
			before++
		} else {
			after++
		}
	}
	if open == 0 || open > len(merged)/5 {
		t.Errorf("%d of %d PRs unmerged, want some but at most a fifth", open, len(merged))
	}
	if before > after/10 {
		t.Errorf("%d PRs merged before their last approval, %d after: want most after", before, after)
	}
}

func TestMalformedRows(t *testing.T) {
	o := Generate(DefaultConfig())
	var na, empty int
	for _, m := range o.Malformed {
		s := o.sheet[m.Row-2]
		switch m.Reason {
		case "unparseable submitted time":
			na++
			if s.submitted != "n/a" || m.Submitted != "n/a" || !m.Review.Submitted.IsZero() || s.reviewer == "" {
				t.Errorf("row %d: %+v", m.Row, s)
			}
		case "empty reviewer":
			empty++
			if s.reviewer != "" || m.Review.Submitted.IsZero() {
				t.Errorf("row %d: %+v", m.Row, s)
			}
		default:
			t.Errorf("row %d: reason %q", m.Row, m.Reason)
		}
	}
	if na < 3 || na > 6 || empty != 1 {
		t.Errorf("%d n/a rows and %d empty reviewers, want 3..6 and 1", na, empty)
	}
	if len(o.sheet) != len(o.Reviews)+len(o.Malformed) {
		t.Errorf("%d sheet rows for %d reviews and %d malformed", len(o.sheet), len(o.Reviews), len(o.Malformed))
	}
}

func TestGeneratePanicsOnImpossibleConfig(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Config
	}{
		{"negative teams", Config{Teams: -1}},
		{"to before from", Config{From: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}},
		{"negative count", Config{Soloists: -1}},
		{"bottlenecks over teams", Config{Teams: 2, TeamBottlenecks: 3}},
		{"more planted than people", Config{Teams: 2, TeamSize: 3, Multipliers: 20}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				if !strings.HasPrefix(msg, "orggen: ") {
					t.Errorf("panic %q, want an orggen: panic", msg)
				}
			}()
			Generate(tc.c)
		})
	}
}

func TestShortPeriod(t *testing.T) {
	c := DefaultConfig()
	c.From, c.To = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	o := Generate(c)
	full := len(Generate(DefaultConfig()).Reviews)
	if n := len(o.Reviews); n < full/10 || n > full/3 {
		t.Errorf("a month has %d reviews, the half year %d", n, full)
	}
	for _, r := range o.Reviews {
		if r.Created.Before(c.From) || !r.Submitted.Before(c.To.AddDate(0, 0, 1)) {
			t.Fatalf("%s#%s outside June", r.Repository, r.Change)
		}
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("PR number %q: %v", s, err)
	}
	return n
}
