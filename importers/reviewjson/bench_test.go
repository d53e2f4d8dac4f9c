package reviewjson

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

var benchSizes = []int{1_000, 10_000, 100_000}

// benchSet is the files of one format at each size, with the number of
// reviews each must give, written once per run from a fixed seed.
type benchSet struct {
	once  sync.Once
	files map[int]string
	want  map[int]int
	err   error
}

var (
	benchDir    string
	benchDirErr error
	benchDirOne sync.Once
	gerritBench benchSet
	githubBench benchSet
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// build writes the set's files with write, once.
func (s *benchSet) build(b *testing.B, name string, write func(w *bufio.Writer, r *rand.Rand, n int) (int, error)) {
	b.Helper()
	s.once.Do(func() {
		benchDirOne.Do(func() { benchDir, benchDirErr = os.MkdirTemp("", "reviewjson-bench-") })
		if s.err = benchDirErr; s.err != nil {
			return
		}
		s.files, s.want = make(map[int]string), make(map[int]int)
		for _, n := range benchSizes {
			path := filepath.Join(benchDir, fmt.Sprintf("%s-%d.json", name, n))
			s.want[n], s.err = writeBench(path, n, write)
			if s.err != nil {
				return
			}
			s.files[n] = path
		}
	})
	if s.err != nil {
		b.Fatal(s.err)
	}
}

func writeBench(path string, n int, write func(w *bufio.Writer, r *rand.Rand, n int) (int, error)) (int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	want, err := write(w, rand.New(rand.NewPCG(2026, uint64(n))), n)
	if err != nil {
		return 0, err
	}
	if err := w.Flush(); err != nil {
		return 0, err
	}
	return want, f.Close()
}

// writeGerrit writes n changes. Each gives three reviews: a -1 and a +2
// by one reviewer (with inline comments) and a comment by someone who
// never voted; a CI bot votes Verified and comments.
func writeGerrit(w *bufio.Writer, r *rand.Rand, n int) (int, error) {
	const start = 1767225600 // 2026-01-01
	for i := range n {
		owner := r.IntN(300)
		rev := (owner + 1 + r.IntN(298)) % 300
		com := (owner + 1 + (rev-owner+299)%299 + 1) % 300
		if com == owner || com == rev {
			com = (max(owner, rev) + 1) % 300
			if com == owner || com == rev {
				com = (com + 1) % 300
			}
		}
		created := start + r.IntN(180*24*3600)
		t1, t2, t3 := created+r.IntN(7200)+60, created+7200+r.IntN(86400), created+100000+r.IntN(86400)
		fmt.Fprintf(w, `{"project":"repo-%d","branch":"main","id":"I%040x","number":%d,"subject":"Change %d: tidy the %d handler","owner":{"name":"Person %d","email":"p%d@example.com","username":"p%d"},"url":"https://review.example.com/c/repo/+/%d","createdOn":%d,"lastUpdated":%d,"open":false,"status":"MERGED",`,
			r.IntN(20), r.Uint64(), 100000+i, i, r.IntN(50), owner, owner, owner, 100000+i, created, t3)
		fmt.Fprintf(w, `"comments":[{"timestamp":%d,"reviewer":{"name":"Person %d","email":"p%d@example.com","username":"p%d"},"message":"Uploaded patch set 1."},{"timestamp":%d,"reviewer":{"name":"CI Bot","username":"ci"},"message":"Patch Set 1: Verified+1\n\nBuild succeeded."},{"timestamp":%d,"reviewer":{"name":"Person %d","email":"p%d@example.com"},"message":"Patch Set 1:\n\nHave you considered the retry path?"},{"timestamp":%d,"reviewer":{"name":"Person %d","email":"p%d@example.com"},"message":"Patch Set 1: Code-Review-1\n\n(2 comments)"},{"timestamp":%d,"reviewer":{"name":"Person %d","email":"p%d@example.com"},"message":"Patch Set 2: Code-Review+2\n\nThanks!"}],`,
			created, owner, owner, owner, created+30, t1-30, com, com, t1, rev, rev, t3, rev, rev)
		fmt.Fprintf(w, `"patchSets":[{"number":1,"revision":"%016x","createdOn":%d,"approvals":[{"type":"Verified","value":"1","grantedOn":%d,"by":{"name":"CI Bot","username":"ci"}},{"type":"Code-Review","value":"-1","grantedOn":%d,"by":{"name":"Person %d","email":"p%d@example.com"}}],"comments":[{"file":"main.go","line":%d,"reviewer":{"name":"Person %d","email":"p%d@example.com"},"message":"Check the error."},{"file":"main.go","line":%d,"reviewer":{"name":"Person %d","email":"p%d@example.com"},"message":"Name this."}]},`,
			r.Uint64(), created, created+30, t1, rev, rev, r.IntN(400), rev, rev, r.IntN(400), rev, rev)
		fmt.Fprintf(w, `{"number":2,"revision":"%016x","createdOn":%d,"approvals":[{"type":"Code-Review","value":"2","grantedOn":%d,"by":{"name":"Person %d","email":"p%d@example.com"}}]}]}`+"\n",
			r.Uint64(), t2, t3, rev, rev)
	}
	_, err := fmt.Fprintf(w, `{"type":"stats","rowCount":%d,"runTimeMilliseconds":1234,"moreChanges":false}`+"\n", n)
	return 3 * n, err
}

// writeGitHub writes n pulls, each with 0 to 3 embedded reviews by people
// other than the author.
func writeGitHub(w *bufio.Writer, r *rand.Rand, n int) (int, error) {
	states := []string{"APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"}
	want := 0
	w.WriteString("[\n")
	for i := range n {
		author := r.IntN(300)
		repo := fmt.Sprintf("acme/svc-%d", r.IntN(20))
		day := 1 + r.IntN(28)
		if i > 0 {
			w.WriteString(",\n")
		}
		fmt.Fprintf(w, `{"url":"https://api.github.com/repos/%s/pulls/%d","id":%d,"html_url":"https://github.com/%s/pull/%d","number":%d,"state":"closed","title":"Pull %d: fix the %d path","user":{"login":"dev%d","id":%d,"type":"User"},"body":"Fixes #%d. Adds tests.","created_at":"2026-05-%02dT09:%02d:00Z","merged_at":"2026-05-%02dT18:00:00Z","requested_reviewers":[],"head":{"ref":"b%d","sha":"%016x"},"base":{"ref":"main","repo":{"full_name":"%s"}},"reviews":[`,
			repo, i+1, r.Uint64()>>1, repo, i+1, i+1, i, r.IntN(50), author, author, r.IntN(9999), day, r.IntN(60), day, i, r.Uint64(), repo)
		k := r.IntN(4)
		for j := range k {
			reviewer := (author + 1 + r.IntN(299)) % 300
			if j > 0 {
				w.WriteString(",")
			}
			fmt.Fprintf(w, `{"id":%d,"user":{"login":"dev%d","type":"User"},"body":"%s","state":"%s","submitted_at":"2026-05-%02dT%02d:%02d:00Z","pull_request_url":"https://api.github.com/repos/%s/pulls/%d","author_association":"MEMBER"}`,
				r.Uint64()>>1, reviewer, []string{"", "Looks good.", "Two nits inline."}[r.IntN(3)], states[r.IntN(len(states))], day, 10+r.IntN(13), r.IntN(60), repo, i+1)
		}
		want += k
		w.WriteString("]}")
	}
	_, err := w.WriteString("\n]\n")
	return want, err
}

func benchRead(b *testing.B, s *benchSet, name string, write func(*bufio.Writer, *rand.Rand, int) (int, error)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			s.build(b, name, write)
			path, want := s.files[n], s.want[n]
			if info, err := os.Stat(path); err == nil {
				b.SetBytes(info.Size())
			}
			b.ReportAllocs()
			for b.Loop() {
				c := &counter{}
				st, err := Read(context.Background(), path, c, nil)
				if err != nil {
					b.Fatal(err)
				}
				if c.n != want || st.Imported != want {
					b.Fatalf("read %d reviews (%d imported), want %d", c.n, st.Imported, want)
				}
			}
		})
	}
}

func BenchmarkGerrit(b *testing.B) { benchRead(b, &gerritBench, "gerrit", writeGerrit) }

func BenchmarkGitHub(b *testing.B) { benchRead(b, &githubBench, "github", writeGitHub) }
