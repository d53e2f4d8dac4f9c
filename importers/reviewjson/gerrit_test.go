package reviewjson

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/importers/parse"
)

// TestGerritFixture reads testdata/gerrit-query.json: two patch sets with
// votes and inline comments, a commenter who never voted, an owner
// self-vote, a "CI Bot" that only comments, a broken line, a change number
// as a string, votes copied to later patch sets, a vote without grantedOn,
// a Zuul vote and a change owned by a bot, then the stats line.
func TestGerritFixture(t *testing.T) {
	tools := multiplier.Review{Repository: "tools", Change: "512345", Title: "Cache parsed configs", Author: "ada@example.com", Created: unix(1714814400)}
	pay := multiplier.Review{Repository: "payments/api", Change: "512400", Title: "Retry idempotent charges", Author: "bkowalski", Created: unix(1714900000)}
	w := want{
		reviews: []multiplier.Review{
			// Jun's -1 carries his two inline comments; "(2 comments)" in his
			// message names the same two and is not added again.
			with(tools, "jun@example.com", "CHANGES_REQUESTED", unix(1714820000), 2),
			with(tools, "jun@example.com", "APPROVED", unix(1714830000), 0),
			// Mei commented twice and never voted.
			with(tools, "mei@example.com", "COMMENTED", unix(1714818000), 2),
			// Omar has no email: his username; his +2 is listed three times.
			with(pay, "opatel", "APPROVED", unix(1714950000), 1),
			with(pay, "lina@example.com", "CHANGES_REQUESTED", unix(1714970000), 0),
		},
		// 512345: Jun ×2, Ada, Mei, CI Bot; line 2; 512400: Omar, Zuul,
		// Lina, Sam; 512401: Jun on a bot's change.
		rows:        11,
		bots:        3,
		selfReviews: 1,
		skips: []skip{
			{row: 2, err: parse.ErrCorrupt},
			{row: 3, column: "patchSets[0].approvals[3].grantedOn", err: parse.ErrMissingValue},
		},
		notes:     []string{"2 vote(s) listed again on a later patch set"},
		noteCount: 1,
	}
	path := filepath.Join("testdata", "gerrit-query.json")
	rec, st, err := readFile(t, path)
	w.check(t, rec, st, err)
	if got, err := Detect(path); err != nil || got != FormatGerrit {
		t.Errorf("Detect = %q, %v; want %q", got, err, FormatGerrit)
	}
}

func with(base multiplier.Review, reviewer, state string, at time.Time, comments int) multiplier.Review {
	base.Reviewer, base.State, base.Submitted, base.Comments = reviewer, state, at, comments
	return base
}

// gerritLine builds a change line around approvals, comments and patch
// set extras (JSON fragments).
func gerritLine(number, approvals, comments, extra string) string {
	return `{"project":"tools","number":` + number + `,"subject":"S","owner":{"name":"Ada Okafor","email":"ada@example.com"},"createdOn":1714814400,` +
		`"comments":[` + comments + `],"patchSets":[{"number":1,"createdOn":1714814400,"approvals":[` + approvals + `]` + extra + `}]}`
}

const (
	stats = `{"type":"stats","rowCount":1,"runTimeMilliseconds":5,"moreChanges":false}`
	junCR = `{"type":"Code-Review","value":"2","grantedOn":1714830000,"by":{"name":"Jun Kim","email":"jun@example.com"}}`
)

type gerritCase struct {
	name    string
	content string
	want    want
}

var gerritBase = multiplier.Review{Repository: "tools", Change: "1", Title: "S", Author: "ada@example.com", Created: unix(1714814400)}

func gerritCases() []gerritCase {
	b := gerritBase
	return []gerritCase{
		{
			name:    "one vote",
			content: gerritLine("1", junCR, "", "") + "\n" + stats + "\n",
			want:    want{reviews: []multiplier.Review{with(b, "jun@example.com", "APPROVED", unix(1714830000), 0)}, rows: 1},
		},
		{
			name: "vote values",
			content: gerritLine("1", strings.Join([]string{
				`{"type":"Code-Review","value":"+2","grantedOn":1714830001,"by":{"email":"a@example.com"}}`,
				`{"type":"Code-Review","value":"+1","grantedOn":1714830002,"by":{"email":"b@example.com"}}`,
				`{"type":"Code-Review","value":0,"grantedOn":1714830003,"by":{"email":"c@example.com"}}`,
				`{"type":"Code-Review","value":"-1","grantedOn":"1714830004","by":{"email":"d@example.com"}}`,
				`{"type":"Code-Review","value":"-2","grantedOn":1714830005,"by":{"email":"e@example.com"}}`,
				`{"type":"Code-Review","value":"LGTM","grantedOn":1714830006,"by":{"email":"f@example.com"}}`,
				`{"type":"Code-Review","value":"1","grantedOn":"soon","by":{"email":"g@example.com"}}`,
				`{"type":"Code-Review","value":"1","grantedOn":1714830008,"by":{}}`,
				`{"type":"Verified","value":"1","grantedOn":1714830009,"by":{"email":"h@example.com"}}`,
			}, ","), "", "") + "\n" + stats,
			want: want{
				reviews: []multiplier.Review{
					with(b, "a@example.com", "APPROVED", unix(1714830001), 0),
					with(b, "b@example.com", "COMMENTED", unix(1714830002), 0),
					with(b, "c@example.com", "COMMENTED", unix(1714830003), 0),
					with(b, "d@example.com", "CHANGES_REQUESTED", unix(1714830004), 0),
					with(b, "e@example.com", "CHANGES_REQUESTED", unix(1714830005), 0),
				},
				rows: 8,
				skips: []skip{
					{row: 1, column: "patchSets[0].approvals[5].value", err: parse.ErrBadNumber},
					{row: 1, column: "patchSets[0].approvals[6].grantedOn", err: parse.ErrBadDate},
					{row: 1, column: "patchSets[0].approvals[7].by", err: parse.ErrMissingValue},
				},
			},
		},
		{
			name: "identity prefers email then username then name",
			content: gerritLine("1", strings.Join([]string{
				`{"type":"Code-Review","value":"2","grantedOn":1714830001,"by":{"name":"Jun Kim","username":"jkim","email":"jun@example.com"}}`,
				`{"type":"Code-Review","value":"2","grantedOn":1714830002,"by":{"name":"Mei Tanaka","username":"mtanaka"}}`,
				`{"type":"Code-Review","value":"2","grantedOn":1714830003,"by":{"name":"Omar Patel"}}`,
			}, ","), "", "") + "\n" + stats,
			want: want{reviews: []multiplier.Review{
				with(b, "jun@example.com", "APPROVED", unix(1714830001), 0),
				with(b, "mtanaka", "APPROVED", unix(1714830002), 0),
				with(b, "Omar Patel", "APPROVED", unix(1714830003), 0),
			}, rows: 3},
		},
		{
			name: "comments: text, bare votes, summaries, server and owner",
			content: gerritLine("1", junCR, strings.Join([]string{
				`{"timestamp":1714820000,"reviewer":{"name":"Jun Kim","email":"jun@example.com"},"message":"Patch Set 1:\n\n(3 comments)\n\nMostly fine."}`,
				`{"timestamp":1714830000,"reviewer":{"name":"Jun Kim","email":"jun@example.com"},"message":"Patch Set 1: Code-Review+2"}`,
				`{"timestamp":1714831000,"reviewer":{"name":"Ada Okafor","email":"ada@example.com"},"message":"Thanks!"}`,
				`{"timestamp":1714832000,"message":"Change has been successfully merged by Jun Kim"}`,
				`{"timestamp":1714821000,"reviewer":{"name":"Lina Rossi","email":"lina@example.com"},"message":"Patch Set 1: Code-Review+1"}`,
				`{"timestamp":1714822000,"reviewer":{"name":"Omar Patel","email":"omar@example.com"},"message":"Patch Set 1: Looks good to me, but someone else must approve\n\n(1 inline comment)"}`,
			}, ","), "") + "\n" + stats,
			want: want{
				reviews: []multiplier.Review{
					// the vote is after the comments: still the review they join
					with(b, "jun@example.com", "APPROVED", unix(1714830000), 4),
					// Lina's bare +1 message is no comment and she cast no
					// Code-Review vote: nothing. Omar: one summarised comment.
					with(b, "omar@example.com", "COMMENTED", unix(1714822000), 1),
				},
				rows: 2,
			},
		},
		{
			name: "inline comments only: time from the patch set",
			content: gerritLine("1", "", "",
				`,"comments":[{"file":"a.go","line":3,"reviewer":{"name":"Mei Tanaka","username":"mtanaka"},"message":"nit"},{"file":"a.go","line":9,"reviewer":{"username":"mtanaka"},"message":"nit 2"},{"file":"a.go","line":1,"reviewer":{"email":"ada@example.com"},"message":"reply"}]`) + "\n" + stats,
			want: want{reviews: []multiplier.Review{with(b, "mtanaka", "COMMENTED", unix(1714814400), 2)}, rows: 1},
		},
		{
			name: "bots by name, username and email",
			content: gerritLine("1", strings.Join([]string{
				`{"type":"Code-Review","value":"1","grantedOn":1714830001,"by":{"name":"Lint Bot","username":"lint"}}`,
				`{"type":"Code-Review","value":"1","grantedOn":1714830002,"by":{"name":"OpenStack CI"}}`,
				`{"type":"Code-Review","value":"1","grantedOn":1714830003,"by":{"name":"Jenkins Server","username":"jenkins"}}`,
				`{"type":"Code-Review","value":"1","grantedOn":1714830004,"by":{"email":"deploy-bot@example.com"}}`,
				`{"type":"Code-Review","value":"1","grantedOn":1714830005,"by":{"name":"Talbot Reyes"}}`,
			}, ","), `{"timestamp":1714830009,"reviewer":{"name":"Zuul","username":"zuul"},"message":"Build failed."}`, "") + "\n" + stats,
			want: want{reviews: []multiplier.Review{with(b, "Talbot Reyes", "COMMENTED", unix(1714830005), 0)}, rows: 6, bots: 5},
		},
		{
			name:    "owner matched by username when the vote lacks the email",
			content: strings.Replace(gerritLine("1", `{"type":"Code-Review","value":"2","grantedOn":1714830000,"by":{"name":"Ada O.","username":"aokafor"}}`, "", ""), `"email":"ada@example.com"`, `"email":"ada@example.com","username":"aokafor"`, 1) + "\n" + stats,
			want:    want{rows: 1, selfReviews: 1},
		},
		{
			name:    "unreadable createdOn",
			content: strings.Replace(gerritLine("1", junCR, "", ""), `"createdOn":1714814400,"comments"`, `"createdOn":"yesterday","comments"`, 1) + "\n" + stats,
			want: want{reviews: []multiplier.Review{{Repository: "tools", Change: "1", Title: "S", Author: "ada@example.com", Reviewer: "jun@example.com", State: "APPROVED", Submitted: unix(1714830000)}},
				rows: 1, notes: []string{"1 change(s) had an unreadable createdOn"}, noteCount: 1},
		},
		{
			name:    "stats line only",
			content: stats + "\n",
			want:    want{notes: []string{"no changes in this export"}, noteCount: 1},
		},
		{
			name:    "no stats line",
			content: gerritLine("1", junCR, "", ""),
			want:    want{reviews: []multiplier.Review{with(b, "jun@example.com", "APPROVED", unix(1714830000), 0)}, rows: 1, notes: []string{"no stats line"}, noteCount: 1},
		},
		{
			name:    "more changes and an error line",
			content: gerritLine("1", junCR, "", "") + "\n" + `{"type":"error","message":"query disabled"}` + "\n" + `{"type":"stats","rowCount":1,"moreChanges":true}`,
			want:    want{reviews: []multiplier.Review{with(b, "jun@example.com", "APPROVED", unix(1714830000), 0)}, rows: 1, notes: []string{"moreChanges", "query disabled"}, noteCount: 2},
		},
		{
			name:    "BOM and CRLF",
			content: "\xEF\xBB\xBF" + gerritLine("1", junCR, "", "") + "\r\n" + stats + "\r\n",
			want:    want{reviews: []multiplier.Review{with(b, "jun@example.com", "APPROVED", unix(1714830000), 0)}, rows: 1},
		},
		{
			name:    "garbage first line, then a change",
			content: "Gerrit export of 2026-05-07\n" + gerritLine("1", junCR, "", "") + "\n" + stats,
			want: want{reviews: []multiplier.Review{with(b, "jun@example.com", "APPROVED", unix(1714830000), 0)}, rows: 2,
				skips: []skip{{row: 1, err: parse.ErrCorrupt}}},
		},
		{
			name:    "first line a JSON array",
			content: "[1,2]\n" + gerritLine("1", junCR, "", "") + "\n" + stats,
			want: want{reviews: []multiplier.Review{with(b, "jun@example.com", "APPROVED", unix(1714830000), 0)}, rows: 2,
				skips: []skip{{row: 1, err: parse.ErrCorrupt}}},
		},
		{
			name:    "lines that are not changes",
			content: `{"project":5,"number":2}` + "\n" + `{"number":""}` + "\n" + `{"project":"tools","number":3}` + "\n" + `{"id":"x"}` + "\n" + `[1,2]` + "\n" + gerritLine("1", junCR, "", "") + "\n" + stats,
			want: want{reviews: []multiplier.Review{with(b, "jun@example.com", "APPROVED", unix(1714830000), 0)}, rows: 6,
				skips: []skip{
					{row: 1, column: "project", err: parse.ErrCorrupt},
					{row: 2, column: "number", err: parse.ErrMissingValue},
					{row: 3, column: "owner", err: parse.ErrMissingValue},
					{row: 4, err: parse.ErrMissingValue},
					{row: 5, err: parse.ErrCorrupt},
				},
				// lines 2 and 3 are changes, if unusable ones
				notes: []string{"stats line counts 1 change(s); 3 were read"}, noteCount: 1},
		},
		{
			name:    "no line parses",
			content: "name,email\nAda,ada@example.com\n",
			want:    want{err: parse.ErrUnrecognised},
		},
		{
			name:    "JSON lines of something else",
			content: `{"level":"info","msg":"started"}` + "\n" + `{"level":"warn","msg":"slow"}` + "\n",
			want:    want{err: parse.ErrUnrecognised},
		},
		{
			name:    "empty file",
			content: "",
			want:    want{err: parse.ErrUnrecognised},
		},
	}
}

func TestGerrit(t *testing.T) {
	for _, tc := range gerritCases() {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "gerrit.json", tc.content)
			rec, st, err := readFile(t, path)
			if tc.want.noteCount == 0 && tc.want.notes != nil {
				t.Fatal("bad case: notes and noteCount 0")
			}
			tc.want.check(t, rec, st, err)
		})
	}
}

// TestGerritLongLine lowers maxLine so that one line is too long: it is
// skipped and the lines around it are read.
func TestGerritLongLine(t *testing.T) {
	old := maxLine
	maxLine = 600
	t.Cleanup(func() { maxLine = old })
	long := gerritLine("2", junCR, `{"timestamp":1714820000,"reviewer":{"email":"x@example.com"},"message":"`+strings.Repeat("x", 5000)+`"}`, "")
	content := gerritLine("1", junCR, "", "") + "\n" + long + "\n" + gerritLine("3", junCR, "", "") + "\n" + stats
	path := writeFile(t, t.TempDir(), "gerrit.json", content)
	rec, st, err := readFile(t, path)
	b3 := gerritBase
	b3.Change = "3"
	w := want{
		reviews: []multiplier.Review{with(gerritBase, "jun@example.com", "APPROVED", unix(1714830000), 0), with(b3, "jun@example.com", "APPROVED", unix(1714830000), 0)},
		rows:    3,
		skips:   []skip{{row: 2, err: parse.ErrCorrupt}},
		notes:   []string{"stats line counts 1 change(s); 2 were read"}, noteCount: 1,
	}
	w.check(t, rec, st, err)
}

func TestGerritSinkAndContext(t *testing.T) {
	var lines []string
	for i := range 2500 {
		lines = append(lines, gerritLine(strconv.Itoa(i+1), junCR, "", ""))
	}
	path := writeFile(t, t.TempDir(), "gerrit.json", strings.Join(lines, "\n"))

	t.Run("sink error", func(t *testing.T) {
		boom := errors.New("disk full")
		rec := &recorder{fail: boom, stopAfter: 10}
		st, err := Read(context.Background(), path, rec, nil)
		if !errors.Is(err, boom) || len(rec.reviews) != 10 || st.Imported != 10 {
			t.Fatalf("err = %v, kept %d, imported %d; want the sink's error after 10", err, len(rec.reviews), st.Imported)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		rec := &recorder{}
		calls := 0
		_, err := Read(ctx, path, rec, func(done, total int64) {
			calls++
			cancel()
		})
		if !errors.Is(err, context.Canceled) || calls != 1 || len(rec.reviews) >= 2500 {
			t.Fatalf("err = %v after %d progress calls and %d reviews; want context.Canceled at the first check", err, calls, len(rec.reviews))
		}
	})
	t.Run("progress", func(t *testing.T) {
		var last, total int64
		calls := 0
		_, err := Read(context.Background(), path, &recorder{}, func(d, tot int64) { calls++; last, total = d, tot })
		if err != nil || calls != 3 || last != total || total == 0 {
			t.Fatalf("err %v, %d calls, last %d of %d; want 3 calls ending done == total", err, calls, last, total)
		}
	})
}
