package export

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Crowd names: every first name holds crowdFirst and every last name
// crowdLast, strings that occur in no English word and, five letters
// long, in no compressed stream by chance, so that one search for the
// two finds any name, name word, email or alias of the crowd that
// leaks.
const (
	crowdFirst = "Qvzen"
	crowdLast  = "Jxwor"
)

var crowdSyllables = []string{"a", "be", "ci", "do", "fu", "ga", "hi", "lo", "mu", "ne", "ri", "so"}

// crowdWord is the i-th of 144 name words that begin with prefix.
func crowdWord(prefix string, i int) string {
	n := len(crowdSyllables)
	return prefix + crowdSyllables[i%n] + crowdSyllables[i/n%n]
}

// crowdReport builds a report of n people (at most 144 × 144) in teams of
// 25 from a fixed seed: each name distinct, first and last names shared
// by many, evidence that names three colleagues in every form (full
// name, "Last, First", email, capitals, alias, email local part),
// metrics and a trend. It is the synthetic report at the sizes of a
// large organisation.
func crowdReport(n int) Report {
	rng := rand.New(rand.NewPCG(3, 5))
	words := len(crowdSyllables) * len(crowdSyllables)
	teams := (n + 24) / 25
	r := Report{
		Title:        "Multiplier — crowd",
		Period:       "2026-04-01 – 2026-09-30",
		MinGroupSize: 5,
		Generated:    time.Date(2026, 10, 2, 9, 30, 0, 0, time.UTC),
		Flows:        Flows{Unit: "reviews"},
	}
	for t := range teams {
		r.Flows.Teams = append(r.Flows.Teams, fmt.Sprintf("Unit %03d", t))
		r.Flows.Weight = append(r.Flows.Weight, make([]float64, teams))
	}
	roles := []string{RoleMultiplier, RoleBottleneck, RoleConnector, RoleSolo, RolePeripheral, ""}
	for i := range n {
		first, last := crowdWord(crowdFirst, i%words), crowdWord(crowdLast, i/words)
		name := first + " " + last
		p := Person{
			Email:      strings.ToLower(first+"."+last) + "@corp.example",
			Name:       name,
			Team:       r.Flows.Teams[i/25],
			Department: "Engineering",
			Level:      fmt.Sprintf("L%d", 3+rng.IntN(5)),
			Title:      "Software Engineer",
			Aliases:    []string{"@" + strings.ToLower(first+"-"+last)},
			Output:     float64(5 + rng.IntN(40)),
			Leverage:   rng.Float64() * 60,
			X:          rng.Float64(),
			Y:          rng.Float64(),
			Confidence: "medium",
			Coverage:   fmt.Sprintf("reviews %d · chat %d", rng.IntN(200), rng.IntN(80)),
		}
		if role := roles[i%len(roles)]; role != "" {
			p.Roles = []string{role}
		}
		given := float64(rng.IntN(120))
		p.Metrics = []Metric{
			{Key: "reviews_given", Label: "Reviews given", Unit: "reviews", Value: given, TeamMedian: 40, OrgMedian: 38},
			{Key: "cross_team_share", Label: "Cross-team share", Unit: "%", Value: rng.Float64(), TeamMedian: 0.3, OrgMedian: 0.28},
			{Key: "median_turnaround_hours", Label: "Median turnaround", Unit: "hours", Value: 2 + rng.Float64()*30, TeamMedian: 9, OrgMedian: 10},
		}
		for q, label := range []string{"2026Q1", "2026Q2"} {
			p.Trend = append(p.Trend, TrendPoint{Label: label, Values: map[string]float64{"reviews_given": given * float64(q+1) / 2}})
		}
		r.People = append(r.People, p)
	}
	for i := range r.People {
		other, third := r.People[(i+1)%n], r.People[(i+7)%n]
		of, ol, _ := strings.Cut(other.Name, " ")
		tf, _, _ := strings.Cut(third.Name, " ")
		local, _, _ := strings.Cut(third.Email, "@")
		r.People[i].ConfidenceNote = fmt.Sprintf("medium confidence: %s's team shares the repositories.", of)
		r.People[i].Evidence = []Evidence{
			{Role: firstOr(r.People[i].Roles), Text: fmt.Sprintf("Unblocked %s (%s) on the ledger migration within a day.", other.Name, other.Email)},
			{Role: firstOr(r.People[i].Roles), Text: fmt.Sprintf("Reviewed changes by %s, %s and answered %s in #platform-help.", ol, of, third.Aliases[0])},
			{Text: fmt.Sprintf("%s and %s waited for a review; cc %s.", strings.ToUpper(tf), third.Name, local)},
		}
		r.Edges = append(r.Edges, Edge{From: i, To: (i + 1) % n, Weight: 3}, Edge{From: i, To: (i + 7) % n, Weight: 1})
		a, b := i/25, ((i+7)%n)/25
		r.Flows.Weight[a][b]++
	}
	return r
}

func firstOr(roles []string) string {
	if len(roles) == 0 {
		return ""
	}
	return roles[0]
}

// crowdSecrets are the markers every crowd name holds, and every name,
// name word, email, local part and alias of a sample of the crowd.
func crowdSecrets(r Report) []string {
	sample := Report{}
	for i := 0; i < len(r.People); i += max(1, len(r.People)/25) {
		sample.People = append(sample.People, r.People[i])
	}
	return append([]string{strings.ToLower(crowdFirst), strings.ToLower(crowdLast)}, synthSecrets(sample)...)
}

// TestAnonymisedExportLarge writes the anonymised CSV and workbook of
// 3,000 people, more than the regexp scrubber this package had could
// compile (it panicked and printed every name), and searches every text
// of both files for every name of the crowd; the same search finds them
// all in the named export.
func TestAnonymisedExportLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("3,000 people")
	}
	r := crowdReport(3000)
	secrets := crowdSecrets(r)
	opt := Options{Formats: []string{FormatCSV, FormatXLSX}, Anonymize: true}
	dir := filepath.Join(t.TempDir(), "anonymised")
	files := mustWrite(t, dir, r, opt)
	if len(files) != 2 {
		t.Fatalf("Write returned %v, want the CSV and the workbook", files)
	}
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		if leaks := found(fileTexts(t, f), secrets); len(leaks) > 0 {
			t.Errorf("%s holds %d secrets, the first %q", rel, len(leaks), leaks[:min(5, len(leaks))])
		}
	}
	_, rows := readCSV(t, filepath.Join(dir, "people.csv"))
	if len(rows) != len(r.People) || !strings.HasPrefix(rows[0][0], "Engineer ") {
		t.Errorf("anonymised CSV: %d rows, the first named %q; want %d rows of pseudonyms", len(rows), rows[0][0], len(r.People))
	}

	var texts []string
	for _, f := range mustWrite(t, filepath.Join(t.TempDir(), "named"), r, Options{Formats: opt.Formats}) {
		texts = append(texts, fileTexts(t, f)...)
	}
	if got := found(texts, secrets); len(got) != len(secrets) {
		t.Errorf("the search finds %d of %d secrets in the named export", len(got), len(secrets))
	}
}

// mustWrite writes r with opt into dir and returns the files written; a
// panic fails the test without printing its message, which may hold
// names.
func mustWrite(t testing.TB, dir string, r Report, opt Options) (files []string) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("Write panicked (a message of %d bytes)", len(fmt.Sprint(p)))
		}
	}()
	files, err := Write(context.Background(), dir, r, opt, nil)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return files
}

var (
	crowdOnce    sync.Once
	crowdReports map[int]Report
)

// crowdSizes are the benchmark sizes.
var crowdSizes = []int{1000, 3000, 10000}

func crowdFor(n int) Report {
	crowdOnce.Do(func() {
		crowdReports = map[int]Report{}
		for _, size := range crowdSizes {
			crowdReports[size] = crowdReport(size)
		}
	})
	return crowdReports[n]
}

// BenchmarkAnonymisedExport writes the anonymised CSV and workbook of
// 1,000, 3,000 and 10,000 people; BenchmarkNamedExport the named ones,
// the time to compare with.
func BenchmarkAnonymisedExport(b *testing.B) { benchmarkExport(b, true) }

// BenchmarkNamedExport: see BenchmarkAnonymisedExport.
func BenchmarkNamedExport(b *testing.B) { benchmarkExport(b, false) }

func benchmarkExport(b *testing.B, anon bool) {
	for _, n := range crowdSizes {
		b.Run(fmt.Sprintf("people=%d", n), func(b *testing.B) {
			r := crowdFor(n)
			dir := b.TempDir()
			opt := Options{Formats: []string{FormatCSV, FormatXLSX}, Anonymize: anon}
			b.ReportAllocs()
			for b.Loop() {
				files, err := Write(context.Background(), dir, r, opt, nil)
				if err != nil || len(files) != 2 {
					b.Fatalf("Write returned %v, %v", files, err)
				}
			}
		})
	}
}
