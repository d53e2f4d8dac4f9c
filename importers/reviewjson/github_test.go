package reviewjson

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/importers/parse"
)

// pr builds an expected review.
func pr(tb testing.TB, repo, change, title, author, created, reviewer, state, submitted string, comments int) multiplier.Review {
	tb.Helper()
	r := multiplier.Review{Repository: repo, Change: change, Title: title, Author: author, Reviewer: reviewer, State: state, Submitted: rfc(tb, submitted), Comments: comments}
	if created != "" {
		r.Created = rfc(tb, created)
	}
	return r
}

func TestGitHubFixtures(t *testing.T) {
	cases := []struct {
		file string
		want want
	}{
		{
			// pulls with embedded reviews: repository from base.repo,
			// html_url, url and none; a self-review, a bot reviewer, a bot
			// author, a pending draft, a null user and a bad date.
			file: "github-pulls.json",
			want: want{
				reviews: []multiplier.Review{
					pr(t, "acme/api", "4312", "Fix rounding in invoices", "aokafor", "2026-05-04T09:12:00Z", "jkim", "CHANGES_REQUESTED", "2026-05-04T11:00:00Z", 1),
					pr(t, "acme/api", "4312", "Fix rounding in invoices", "aokafor", "2026-05-04T09:12:00Z", "jkim", "APPROVED", "2026-05-04T13:02:11Z", 0),
					pr(t, "acme/web", "78", "Dark mode", "lrossi", "2026-05-07T08:00:00Z", "aokafor", "COMMENTED", "2026-05-07T08:30:00Z", 1),
					pr(t, "acme/infra", "9", "Terraform state locking", "spatel", "2026-05-08T10:00:00Z", "jkim", "DISMISSED", "2026-05-08T11:00:00Z", 1),
					pr(t, "", "10", "No address", "spatel", "", "jkim", "APPROVED", "2026-05-09T10:00:00Z", 0),
				},
				rows: 10, bots: 2, selfReviews: 1,
				skips: []skip{
					{row: 4, column: "reviews[1].user.login", err: parse.ErrMissingValue},
					{row: 4, column: "reviews[2].submitted_at", err: parse.ErrBadDate},
				},
				notes:     []string{"1 review request(s) still open", "1 pending review(s)"},
				noteCount: 2,
			},
		},
		{
			// reviews alone: the pull comes from pull_request_url or html_url;
			// author and created time are unknown.
			file: "github-reviews.json",
			want: want{
				reviews: []multiplier.Review{
					pr(t, "acme/api", "4312", "", "", "", "jkim", "CHANGES_REQUESTED", "2026-05-04T11:00:00Z", 1),
					pr(t, "acme/api", "4313", "", "", "", "lrossi", "APPROVED", "2026-05-04T12:00:00Z", 0),
				},
				rows: 3, bots: 1,
				notes:     []string{"review turnaround unknown: pulls not in this file (2 review(s))", "1 pending review(s)"},
				noteCount: 2,
			},
		},
		{
			// {"pulls", "reviews"}: reviews matched by pull_request_url and by
			// pull_number; one names a pull not in the file.
			file: "github-combined.json",
			want: combinedWant(t),
		},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", tc.file)
			rec, st, err := readFile(t, path)
			tc.want.check(t, rec, st, err)
			if got, err := Detect(path); err != nil || got != FormatGitHub {
				t.Errorf("Detect = %q, %v; want %q", got, err, FormatGitHub)
			}
		})
	}
}

func combinedWant(tb testing.TB) want {
	return want{
		reviews: []multiplier.Review{
			pr(tb, "acme/api", "4312", "Fix rounding", "aokafor", "2026-05-04T09:12:00Z", "jkim", "APPROVED", "2026-05-04T13:02:11Z", 0),
			pr(tb, "acme/api", "4313", "Add retries", "jkim", "2026-05-04T10:00:00Z", "aokafor", "CHANGES_REQUESTED", "2026-05-04T15:00:00Z", 1),
			pr(tb, "acme/api", "9999", "", "", "", "mtanaka", "APPROVED", "2026-05-05T09:00:00Z", 0),
		},
		rows: 4, selfReviews: 1,
		notes:     []string{"2 review request(s) still open", "review turnaround unknown: pulls not in this file (1 review(s))"},
		noteCount: 2,
	}
}

const (
	ghPullJSON   = `{"number":%d,"title":"T","user":{"login":"aokafor"},"created_at":"2026-05-04T09:00:00Z","base":{"repo":{"full_name":"acme/api"}},"reviews":[{"user":{"login":"jkim"},"state":"APPROVED","submitted_at":"2026-05-04T10:00:00Z","body":"ok"}]}`
	ghReviewJSON = `{"user":{"login":"jkim"},"state":"APPROVED","submitted_at":"2026-05-04T10:00:00Z","pull_request_url":"https://api.github.com/repos/acme/api/pulls/%d"}`
)

type githubCase struct {
	name    string
	content string
	want    want
}

func githubCases(tb testing.TB) []githubCase {
	one := func(change string) multiplier.Review {
		return pr(tb, "acme/api", change, "T", "aokafor", "2026-05-04T09:00:00Z", "jkim", "APPROVED", "2026-05-04T10:00:00Z", 1)
	}
	orphan := func(change string) multiplier.Review {
		return pr(tb, "acme/api", change, "", "", "", "jkim", "APPROVED", "2026-05-04T10:00:00Z", 0)
	}
	combined, err := readText("github-combined.json")
	if err != nil {
		tb.Fatal(err)
	}
	reversed := `{"reviews":` + between(combined, `"reviews": `, "\n}") + `,"pulls":` + between(combined, `"pulls": `, ",\n  \"reviews\"") + "}"
	return []githubCase{
		{
			name:    "pulls with embedded reviews",
			content: "[" + fmt.Sprintf(ghPullJSON, 1) + "," + fmt.Sprintf(ghPullJSON, 2) + "]",
			want:    want{reviews: []multiplier.Review{one("1"), one("2")}, rows: 2},
		},
		{
			name:    "pull_requests object",
			content: `{"pull_requests":[` + fmt.Sprintf(ghPullJSON, 5) + `]}`,
			want:    want{reviews: []multiplier.Review{one("5")}, rows: 1},
		},
		{
			name:    "reviews before pulls: a second pass",
			content: reversed,
			want:    combinedWant(tb),
		},
		{
			name:    "pages one after another (gh api --paginate)",
			content: "[" + fmt.Sprintf(ghReviewJSON, 1) + "]\n[" + fmt.Sprintf(ghReviewJSON, 2) + "]\n",
			want:    want{reviews: []multiplier.Review{orphan("1"), orphan("2")}, rows: 2, notes: []string{"2 review(s)"}, noteCount: 1},
		},
		{
			name:    "GitHub Enterprise addresses",
			content: `[{"user":{"login":"jkim"},"state":"APPROVED","submitted_at":"2026-05-04T10:00:00Z","pull_request_url":"https://ghe.example.com/api/v3/repos/acme/api/pulls/3"},{"user":{"login":"jkim"},"state":"APPROVED","submitted_at":"2026-05-04T10:00:00Z","html_url":"https://ghe.example.com/acme/api/pull/4#pullrequestreview-9"}]`,
			want:    want{reviews: []multiplier.Review{orphan("3"), orphan("4")}, rows: 2, notes: []string{"2 review(s)"}, noteCount: 1},
		},
		{
			name:    "pull_number in two repositories is ambiguous",
			content: `{"pulls":[{"number":7,"user":{"login":"a"},"base":{"repo":{"full_name":"acme/api"}}},{"number":7,"user":{"login":"b"},"base":{"repo":{"full_name":"acme/web"}}}],"reviews":[{"user":{"login":"jkim"},"state":"APPROVED","submitted_at":"2026-05-04T10:00:00Z","pull_number":7}]}`,
			want: want{reviews: []multiplier.Review{{Change: "7", Reviewer: "jkim", State: "APPROVED", Submitted: rfc(tb, "2026-05-04T10:00:00Z")}},
				rows: 1, notes: []string{"1 review(s)"}, noteCount: 1},
		},
		{
			name:    "bot by type only, and a pull with no author",
			content: `[{"number":1,"user":{"login":"ci-runner","type":"Bot"},"reviews":[{"user":{"login":"jkim"},"state":"APPROVED","submitted_at":"2026-05-04T10:00:00Z"}]},{"number":2,"user":null,"reviews":[{"user":{"login":"jkim"},"state":"APPROVED","submitted_at":"2026-05-04T10:00:00Z"}]}]`,
			want:    want{rows: 2, bots: 1, skips: []skip{{row: 2, column: "user.login", err: parse.ErrMissingValue}}},
		},
		{
			name:    "states, a bad created_at and a BOM",
			content: "\xEF\xBB\xBF" + `[{"number":1,"title":"T","user":{"login":"aokafor"},"created_at":"last week","url":"https://api.github.com/repos/acme/api/pulls/1","reviews":[{"user":{"login":"jkim"},"state":"changes requested","submitted_at":"2026-05-04T10:00:00Z"},{"user":{"login":"mtanaka"},"state":"","submitted_at":"2026-05-04T10:00:00Z"},{"user":{"login":"lrossi"},"state":"APPROVED"},{"user":{"login":"opatel"},"state":"SOMETHING_NEW","submitted_at":"2026-05-04T11:00:00Z"}]}]`,
			want: want{
				reviews: []multiplier.Review{
					pr(tb, "acme/api", "1", "T", "aokafor", "", "jkim", "CHANGES_REQUESTED", "2026-05-04T10:00:00Z", 0),
					pr(tb, "acme/api", "1", "T", "aokafor", "", "opatel", "SOMETHING_NEW", "2026-05-04T11:00:00Z", 0),
				},
				rows: 4,
				skips: []skip{
					{row: 1, column: "reviews[1].state", err: parse.ErrMissingValue},
					{row: 1, column: "reviews[2].submitted_at", err: parse.ErrMissingValue},
				},
				notes: []string{"1 pull(s) had an unreadable created_at"}, noteCount: 1,
			},
		},
		{
			name:    "elements of the wrong shape are skipped",
			content: `[` + fmt.Sprintf(ghPullJSON, 1) + `,{"number":2,"user":"aokafor"},5,{"id":3},{"number":{"x":1},"user":{}},` + fmt.Sprintf(ghPullJSON, 6) + `]`,
			want: want{reviews: []multiplier.Review{one("1"), one("6")}, rows: 6,
				skips: []skip{
					{row: 2, column: "user", err: parse.ErrCorrupt},
					{row: 3, err: parse.ErrCorrupt},
					{row: 4, err: parse.ErrMissingValue},
					{row: 5, err: parse.ErrCorrupt},
				}},
		},
		{
			name:    "a list that is not a list",
			content: `{"pulls":[` + fmt.Sprintf(ghPullJSON, 1) + `],"reviews":"none","pull_requests":{"number":1}}`,
			want: want{reviews: []multiplier.Review{one("1")}, rows: 3, skips: []skip{
				{column: "reviews", err: parse.ErrCorrupt},
				{column: "pull_requests", err: parse.ErrCorrupt},
			}},
		},
		{
			name:    "truncated array",
			content: "[" + fmt.Sprintf(ghPullJSON, 1) + "," + fmt.Sprintf(ghPullJSON, 2)[:40],
			want:    want{err: parse.ErrCorrupt, checkReviews: true, reviews: []multiplier.Review{one("1")}, rows: 1, noteCount: -1},
		},
		{
			name:    "truncated after an element",
			content: "[" + fmt.Sprintf(ghPullJSON, 1) + ",",
			want:    want{err: parse.ErrCorrupt},
		},
		{
			name:    "truncated object",
			content: `{"pulls":[` + fmt.Sprintf(ghPullJSON, 1) + `],"reviews":[{"user":`,
			want:    want{err: parse.ErrCorrupt},
		},
		{
			name:    "data after the array",
			content: "[" + fmt.Sprintf(ghPullJSON, 1) + "] trailing",
			want:    want{err: parse.ErrCorrupt},
		},
		{
			name:    "empty array",
			content: "[]",
			want:    want{err: parse.ErrUnrecognised},
		},
		{
			name:    "array of Slack messages",
			content: `[{"type":"message","user":"U02XYZ","text":"Why does …","ts":"1778150000.000100"}]`,
			want:    want{err: parse.ErrUnrecognised},
		},
	}
}

func TestGitHub(t *testing.T) {
	for _, tc := range githubCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "github.json", tc.content)
			rec, st, err := readFile(t, path)
			tc.want.check(t, rec, st, err)
		})
	}
}

// TestGitHubCorruptIsPositioned checks that the error for a damaged file
// says where.
func TestGitHubCorruptIsPositioned(t *testing.T) {
	path := writeFile(t, t.TempDir(), "pulls.json", `{"pulls":[`+fmt.Sprintf(ghPullJSON, 1)+`,{"number":2,`)
	_, _, err := readFile(t, path)
	var pe *parse.ParseError
	if !errors.As(err, &pe) || pe.Sheet != "pulls" || pe.Row != 2 || !errors.Is(err, parse.ErrCorrupt) {
		t.Fatalf("err = %v; want a ParseError at pulls, row 2, wrapping ErrCorrupt", err)
	}
}

func TestGitHubSinkAndContext(t *testing.T) {
	var items []string
	for i := range 2500 {
		items = append(items, fmt.Sprintf(ghPullJSON, i+1))
	}
	for _, shape := range []struct{ name, content string }{
		{"array", "[" + strings.Join(items, ",") + "]"},
		{"object", `{"reviews":[],"pulls":[` + strings.Join(items, ",") + "]}"},
	} {
		path := writeFile(t, t.TempDir(), "pulls.json", shape.content)
		t.Run(shape.name+"/sink error", func(t *testing.T) {
			boom := errors.New("disk full")
			rec := &recorder{fail: boom, stopAfter: 10}
			st, err := Read(context.Background(), path, rec, nil)
			if !errors.Is(err, boom) || len(rec.reviews) != 10 || st.Imported != 10 {
				t.Fatalf("err = %v, kept %d, imported %d; want the sink's error after 10", err, len(rec.reviews), st.Imported)
			}
		})
		t.Run(shape.name+"/cancelled", func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			rec := &recorder{}
			_, err := Read(ctx, path, rec, func(done, total int64) { cancel() })
			if !errors.Is(err, context.Canceled) || len(rec.reviews) >= 2500 {
				t.Fatalf("err = %v after %d reviews; want context.Canceled", err, len(rec.reviews))
			}
		})
		t.Run(shape.name+"/progress", func(t *testing.T) {
			var last, total int64
			calls := 0
			rec := &recorder{}
			_, err := Read(context.Background(), path, rec, func(d, tot int64) {
				if d > tot || d < last {
					t.Errorf("progress %d of %d after %d", d, tot, last)
				}
				calls++
				last, total = d, tot
			})
			if err != nil || calls != 3 || last != total || len(rec.reviews) != 2500 {
				t.Fatalf("err %v, %d calls, last %d of %d, %d reviews; want 3 calls ending done == total", err, calls, last, total, len(rec.reviews))
			}
		})
	}
}

func TestPullAddress(t *testing.T) {
	cases := []struct{ url, repo, number string }{
		{"https://api.github.com/repos/acme/api/pulls/4312", "acme/api", "4312"},
		{"https://github.com/acme/api/pull/4312", "acme/api", "4312"},
		{"https://github.com/acme/api/pull/4312/files#r1", "acme/api", "4312"},
		{"https://ghe.example.com/api/v3/repos/acme/api/pulls/12", "acme/api", "12"},
		{"https://github.com/acme/api/issues/4312", "", ""},
		{"https://github.com/acme/api/pull/abc", "", ""},
		{"https://api.github.com/repos/acme/api/pulls", "", ""},
		{"/pull/1", "", ""},
		{"%zz", "", ""},
		{"", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.url, func(t *testing.T) {
			repo, number := pullAddress(tc.url)
			if repo != tc.repo || number != tc.number {
				t.Errorf("pullAddress(%q) = %q, %q; want %q, %q", tc.url, repo, number, tc.repo, tc.number)
			}
		})
	}
}
