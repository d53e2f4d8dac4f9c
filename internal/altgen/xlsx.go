package altgen

import (
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// RosterHeaders and ReviewHeaders are the first rows of the two workbooks.
var (
	RosterHeaders = []string{"Employee Name", "Work Email", "GitHub Username", "Slack Member ID",
		"Business Title", "Job Level", "Team", "Department", "Manager Email"}
	ReviewHeaders = []string{"Repository", "PR Number", "PR Title", "PR Author", "PR Created At",
		"PR Merged At", "Reviewer", "Review State", "Review Submitted At", "Review Comments"}
)

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

func writeSheet(w io.Writer, sheet string, header []string, rows func(add func([]any) error) error) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	n := 1
	add := func(vals []any) error {
		cell, err := excelize.CoordinatesToCellName(1, n)
		if err != nil {
			return err
		}
		n++
		return sw.SetRow(cell, vals)
	}
	h := make([]any, len(header))
	for i, s := range header {
		h[i] = s
	}
	if err := add(h); err != nil {
		return err
	}
	if err := rows(add); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// WriteRosterXLSX writes the HR roster as a workbook with one sheet,
// "Roster", headed by RosterHeaders.
func (o *Org) WriteRosterXLSX(w io.Writer) error {
	return writeSheet(w, "Roster", RosterHeaders, func(add func([]any) error) error {
		for _, p := range o.People {
			if err := add([]any{p.Name, p.Email, p.GitHub, p.SlackID, p.Title, p.Level,
				p.Team, p.Department, p.Manager}); err != nil {
				return err
			}
		}
		return nil
	})
}

// WriteReviewsXLSX writes the review export as a workbook with one sheet,
// "Reviews", headed by ReviewHeaders; one row per review, times as RFC 3339
// UTC strings and an empty "PR Merged At" for PRs not merged.
func (o *Org) WriteReviewsXLSX(w io.Writer) error {
	return writeSheet(w, "Reviews", ReviewHeaders, func(add func([]any) error) error {
		for _, r := range o.Reviews {
			num := any(r.Change)
			if n, err := strconv.Atoi(r.Change); err == nil {
				num = n
			}
			if err := add([]any{r.Repository, num, r.Title, r.Author, stamp(r.Created),
				stamp(o.merged[prKey(r.Repository, r.Change)]), r.Reviewer, r.State,
				stamp(r.Submitted), r.Comments}); err != nil {
				return err
			}
		}
		return nil
	})
}
