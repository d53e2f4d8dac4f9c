package importers

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/multiplier/multiplier"
)

// gitlabHeader is GitLab's merge-request CSV export header, as
// DATA_FORMATS.md gives it, with the Merged At column some versions add.
var gitlabHeader = []string{"MR ID", "URL", "Title", "State", "Description", "Source Branch", "Target Branch", "Source Project ID", "Target Project ID", "Author", "Author Username", "Assignees", "Assignee Usernames", "Approvers", "Approver Usernames", "Merged User", "Merged Username", "Milestone ID", "Created At (UTC)", "Updated At (UTC)", "Merged At (UTC)"}

// mrRow makes a row under gitlabHeader.
func mrRow(id, url, title, author, authorUsername, approvers, approverUsernames, created, updated, merged string) []string {
	return []string{id, url, title, "merged", "", "topic", "main", "7", "7", author, authorUsername, "", "", approvers, approverUsernames, "", "", "", created, updated, merged}
}

const gitlabNote = "GitLab exports no approval time: merge or update time used"

func TestImportGitLab(t *testing.T) {
	const url12 = "https://gitlab.example.com/payments/api/-/merge_requests/12"
	created, updated, merged := utc(2026, 5, 4, 9, 12, 0), utc(2026, 5, 5, 16, 40, 0), utc(2026, 5, 5, 16, 0, 0)
	review := func(repo, change, author, reviewer string, submitted time.Time) multiplier.Review {
		return multiplier.Review{Repository: repo, Change: change, Title: "Fix", Author: author, Reviewer: reviewer,
			Created: created, Submitted: submitted, State: "APPROVED"}
	}
	tests := []struct {
		name    string
		rows    [][]string
		reviews []multiplier.Review
		count   int
		bots    int
		self    int
		skipped []string
		notes   []string
	}{
		{
			name: "multiple approvers, merge time used",
			rows: [][]string{gitlabHeader,
				mrRow("12", url12, "Fix", "Ada Okafor", "aokafor", "Jun Kim, Mei Tanaka", "jkim, mtanaka,jkim", "2026-05-04 09:12:00", "2026-05-05 16:40:00", "2026-05-05 16:00:00"),
			},
			reviews: []multiplier.Review{
				review("payments/api", "12", "aokafor", "jkim", merged),
				review("payments/api", "12", "aokafor", "mtanaka", merged),
			},
			count: 2,
			notes: []string{gitlabNote},
		},
		{
			name: "not merged: update time used",
			rows: [][]string{gitlabHeader,
				mrRow("12", url12, "Fix", "Ada Okafor", "aokafor", "", "jkim", "2026-05-04 09:12:00", "2026-05-05 16:40:00", ""),
			},
			reviews: []multiplier.Review{review("payments/api", "12", "aokafor", "jkim", updated)},
			count:   1,
			notes:   []string{gitlabNote},
		},
		{
			name: "self-approval, bots and no approvers",
			rows: [][]string{gitlabHeader,
				mrRow("12", url12, "Fix", "Ada Okafor", "aokafor", "", "aokafor, jkim, gitlab-bot", "2026-05-04 09:12:00", "2026-05-05 16:40:00", ""),
				mrRow("13", url12, "Fix", "", "renovate-bot", "", "jkim, mtanaka", "2026-05-04 09:12:00", "2026-05-05 16:40:00", ""),
				mrRow("14", url12, "Fix", "Ada Okafor", "aokafor", "", "", "2026-05-04 09:12:00", "2026-05-05 16:40:00", ""),
				mrRow("15", url12, "Fix", "Ada Okafor", "aokafor", " , ", " ,", "2026-05-04 09:12:00", "2026-05-05 16:40:00", ""),
			},
			reviews: []multiplier.Review{review("payments/api", "12", "aokafor", "jkim", updated)},
			count:   5,
			bots:    3,
			self:    1,
			notes:   []string{gitlabNote, "2 merge request(s) had no approvers: no reviews read from them"},
		},
		{
			name: "URL forms, names when usernames are missing",
			rows: [][]string{gitlabHeader,
				mrRow("", "https://gitlab.example.com/group/sub/proj/-/merge_requests/34#note_1", "Fix", "Ada Okafor", "aokafor", "Jun Kim", "jkim", "2026-05-04 09:12:00", "2026-05-05 16:40:00", ""),
				mrRow("", "https://gitlab.example.com/group/proj/merge_requests/35/diffs", "Fix", "Ada Okafor", "", "Jun Kim", "", "2026-05-04 09:12:00", "2026-05-05 16:40:00", ""),
				mrRow("36", "", "Fix", "Ada Okafor", "aokafor", "Jun Kim", "jkim", "2026-05-04 09:12:00", "2026-05-05 16:40:00", ""),
				mrRow("", "https://gitlab.example.com/group/proj/-/issues/7", "Fix", "Ada Okafor", "aokafor", "", "jkim", "2026-05-04 09:12:00", "2026-05-05 16:40:00", ""),
			},
			reviews: []multiplier.Review{
				review("group/sub/proj", "34", "aokafor", "jkim", updated),
				review("group/proj", "35", "Ada Okafor", "Jun Kim", updated),
				review("7", "36", "aokafor", "jkim", updated),
				review("7", "", "aokafor", "jkim", updated),
			},
			count: 4,
			notes: []string{gitlabNote},
		},
		{
			name: "bad rows skipped once, not per approver",
			rows: [][]string{gitlabHeader,
				mrRow("12", url12, "Fix", "", "", "", "jkim, mtanaka", "2026-05-04 09:12:00", "2026-05-05 16:40:00", ""),
				mrRow("13", url12, "Fix", "Ada Okafor", "aokafor", "", "jkim, mtanaka", "2026-05-04 09:12:00", "later", ""),
				mrRow("14", url12, "Fix", "Ada Okafor", "aokafor", "", "jkim", "2026-05-04 09:12:00", "2026-05-05 16:40:00", "n/a"),
				mrRow("15", url12, "Fix", "Ada Okafor", "aokafor", "", "jkim", "2026-05-04 09:12:00", "", ""),
				mrRow("16", url12, "Fix", "Ada Okafor", "aokafor", "", "jkim", "soon", "2026-05-05 16:40:00", ""),
			},
			reviews: []multiplier.Review{{Repository: "payments/api", Change: "16", Title: "Fix", Author: "aokafor", Reviewer: "jkim", Submitted: updated, State: "APPROVED"}},
			count:   5,
			skipped: []string{
				"gitlab.csv, row 2, column 'Author Username': missing value",
				`gitlab.csv, row 3, column 'Updated At (UTC)': "later" is not a date`,
				`gitlab.csv, row 4, column 'Merged At (UTC)': "n/a" is not a date`,
				"gitlab.csv, row 5, column 'Updated At (UTC)': missing value",
			},
			notes: []string{gitlabNote, "column 'Created At (UTC)': 1 value(s) were not dates; those reviews were kept without a created time"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeCSV(t, t.TempDir(), "gitlab.csv", ',', false, tt.rows)
			var sink recorder
			rep, err := Import(context.Background(), path, &sink, nil)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			if !reflect.DeepEqual(sink.reviews, tt.reviews) {
				t.Errorf("reviews:\n got %+v\nwant %+v", sink.reviews, tt.reviews)
			}
			if rep.Kind != KindReviews || rep.Source != "gitlab-mr-csv" {
				t.Errorf("Kind, Source = %q, %q; want reviews, gitlab-mr-csv", rep.Kind, rep.Source)
			}
			var skipped []string
			for _, e := range rep.Skipped {
				skipped = append(skipped, e.Error())
			}
			if !reflect.DeepEqual(skipped, tt.skipped) {
				t.Errorf("skipped:\n got %q\nwant %q", skipped, tt.skipped)
			}
			if !reflect.DeepEqual(rep.Notes, tt.notes) {
				t.Errorf("notes:\n got %q\nwant %q", rep.Notes, tt.notes)
			}
			got := [5]int{rep.Rows, rep.Imported, rep.Bots, rep.SelfReviews, rep.SkippedCount}
			want := [5]int{tt.count, len(tt.reviews), tt.bots, tt.self, len(tt.skipped)}
			if got != want {
				t.Errorf("Rows, Imported, Bots, SelfReviews, SkippedCount = %v, want %v", got, want)
			}
			if rep.Rows != rep.Imported+rep.Bots+rep.SelfReviews+rep.SkippedCount {
				t.Errorf("report does not add up: %+v", rep)
			}
		})
	}
}

func TestMergeRequestURL(t *testing.T) {
	tests := []struct{ in, repo, iid string }{
		{"https://gitlab.example.com/group/proj/-/merge_requests/12", "group/proj", "12"},
		{"https://gitlab.example.com/group/sub/proj/-/merge_requests/12/diffs?view=inline#note_3", "group/sub/proj", "12"},
		{"https://gitlab.example.com/group/proj/merge_requests/12", "group/proj", "12"},
		{"http://10.0.0.5:8080/gitlab/group/proj/-/merge_requests/7", "gitlab/group/proj", "7"},
		{"https://gitlab.example.com/group/proj/-/merge_requests/new", "group/proj", ""},
		{"https://gitlab.example.com/group/proj/-/issues/12", "", ""},
		{"not a url", "", ""},
		{"%zz", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			repo, iid := mergeRequestURL(tt.in)
			if repo != tt.repo || iid != tt.iid {
				t.Errorf("mergeRequestURL(%q) = %q, %q; want %q, %q", tt.in, repo, iid, tt.repo, tt.iid)
			}
		})
	}
}
