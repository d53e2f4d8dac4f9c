package slack

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
)

var benchSizes = []int{1_000, 10_000, 100_000}

var (
	benchOnce  sync.Once
	benchDir   string
	benchPaths map[int]string
	benchWant  map[int]int // records each export gives
	benchErr   error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// generated is a generated export and the records it must give.
type generated struct {
	files   []file
	records int
}

// benchExport makes an export of n messages from a fixed seed: 200 people,
// 10 channels, a message a minute; a third start threads, a third answer a
// recent thread of their channel, a fifth mention someone, and one in 50 is
// a channel join.
func benchExport(n int) generated {
	r := rand.New(rand.NewPCG(2026, 7))
	const people, channels = 200, 10
	users := make([]slackUser, people)
	for i := range users {
		users[i] = slackUser{ID: fmt.Sprintf("U%05d", i), Name: fmt.Sprintf("dev%03d", i), RealName: fmt.Sprintf("Dev %03d", i),
			Profile: profile{Email: fmt.Sprintf("dev%03d@example.com", i)}}
	}
	list := make([]channel, channels)
	for i := range list {
		list[i] = channel{ID: fmt.Sprintf("C%05d", i), Name: fmt.Sprintf("team-%02d", i)}
	}
	type rootRef struct{ ts, user string }
	roots := make([][]rootRef, channels)
	days := make(map[string][]msg)
	g := generated{records: people}
	start := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	for i := range n {
		c := r.IntN(channels)
		t := start.Add(time.Duration(i) * time.Minute).Add(time.Duration(r.IntN(59_000_000)) * time.Microsecond)
		u := r.IntN(people)
		m := msg{Type: "message", User: users[u].ID, TS: ts(t), Text: "Looking at the ledger reconciliation job again today"}
		switch p := r.Float64(); {
		case p < 0.02:
			m.Subtype, m.Text = "channel_join", "has joined the channel"
		case p < 0.35:
			m.ThreadTS, m.ReplyCount = m.TS, 1
			roots[c] = append(roots[c], rootRef{m.TS, m.User})
			if len(roots[c]) > 20 {
				roots[c] = roots[c][1:]
			}
		case p < 0.7 && len(roots[c]) > 0:
			root := roots[c][r.IntN(len(roots[c]))]
			if root.user == m.User {
				m.User = users[(u+1)%people].ID
			}
			m.ThreadTS, m.Text = root.ts, "I think the retry limit is set in the config service"
			g.records++
		case p < 0.9:
			v := (u + 1 + r.IntN(people-1)) % people
			m.Text = fmt.Sprintf("<@%s> can you have a look at the failing build?", users[v].ID)
			g.records++
		}
		name := list[c].Name + "/" + t.Format(time.DateOnly) + ".json"
		days[name] = append(days[name], m)
	}
	g.files = []file{{"users.json", users}, {"channels.json", list}}
	names := make([]string, 0, len(days))
	for name := range days {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		g.files = append(g.files, file{name, days[name]})
	}
	return g
}

// benchFile returns the path of the generated export of n messages, written
// once per run.
func benchFile(b *testing.B, n int) (string, int) {
	b.Helper()
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "slack-bench-")
		if benchErr != nil {
			return
		}
		benchPaths, benchWant = make(map[int]string), make(map[int]int)
		for _, size := range benchSizes {
			g := benchExport(size)
			path := filepath.Join(benchDir, fmt.Sprintf("export-%d.zip", size))
			if benchErr = os.WriteFile(path, zipBytes(b, g.files), 0o644); benchErr != nil {
				return
			}
			benchPaths[size], benchWant[size] = path, g.records
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPaths[n], benchWant[n]
}

// counter is a Sink that counts records and keeps none.
type counter struct{ n int }

func (s *counter) Person(multiplier.Person) error           { s.n++; return nil }
func (s *counter) Review(multiplier.Review) error           { s.n++; return nil }
func (s *counter) Meeting(multiplier.Meeting) error         { s.n++; return nil }
func (s *counter) Alias(multiplier.Alias) error             { s.n++; return nil }
func (s *counter) Interaction(multiplier.Interaction) error { s.n++; return nil }

func BenchmarkRead(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("messages=%d", n), func(b *testing.B) {
			path, want := benchFile(b, n)
			b.ReportAllocs()
			for b.Loop() {
				var sink counter
				stats, err := Read(context.Background(), path, &sink, nil)
				if err != nil {
					b.Fatal(err)
				}
				if got := sink.n; got != want || stats.Imported != want {
					b.Fatalf("%d records (Imported %d), want %d; skipped %v", got, stats.Imported, want, stats.Skipped[:min(3, len(stats.Skipped))])
				}
			}
		})
	}
}

// TestBenchExport checks the generator's count against a Read, so the
// benchmark's check means something.
func TestBenchExport(t *testing.T) {
	g := benchExport(3000)
	var sink recorder
	stats, err := Read(context.Background(), writeFile(t, "export.zip", zipBytes(t, g.files)), &sink, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sink.records() != g.records || stats.SkippedCount != 0 {
		t.Errorf("%d records, %d skipped; want %d, 0", sink.records(), stats.SkippedCount, g.records)
	}
}
