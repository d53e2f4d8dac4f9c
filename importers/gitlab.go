package importers

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/multiplier/multiplier"
)

// GitLab merge-request CSV fields, in the order of gitlabFields. The
// export's own headers come first in each list; "(UTC)" is dropped by
// normalise.
const (
	gMRID = iota
	gURL
	gTitle
	gAuthor
	gAuthorUsername
	gApprovers
	gApproverUsernames
	gTargetProject
	gCreated
	gUpdated
	gMerged
)

var gitlabFields = []field{
	gMRID:              {"change", []string{"MR ID", "MR IID", "IID"}},
	gURL:               {"url", []string{"URL", "Web URL"}},
	gTitle:             {"title", []string{"Title"}},
	gAuthor:            {"author", []string{"Author"}},
	gAuthorUsername:    {"author username", []string{"Author Username"}},
	gApprovers:         {"approvers", []string{"Approvers"}},
	gApproverUsernames: {"approver usernames", []string{"Approver Usernames"}},
	gTargetProject:     {"target project", []string{"Target Project ID", "Target Project"}},
	gCreated:           {"created", []string{"Created At (UTC)", "Created At"}},
	gUpdated:           {"updated", []string{"Updated At (UTC)", "Updated At"}},
	gMerged:            {"merged", []string{"Merged At (UTC)", "Merged At"}},
}

// gitlabState is what a GitLab import keeps between rows.
type gitlabState struct {
	created, updated, merged dateColumn
	noApprovers              int // merge requests without approvers
	badCreated               int
}

// mergeRequest reads one GitLab row: one APPROVED review per approver,
// each counted in the Report as a row of its own. A merge request without
// approvers gives nothing and is counted in a note.
func (im *importer) mergeRequest(cells []string, row int) error {
	h := im.h
	approvers := splitApprovers(h.value(cells, gApproverUsernames))
	if len(approvers) == 0 {
		approvers = splitApprovers(h.value(cells, gApprovers))
	}
	if len(approvers) == 0 {
		im.gitlab.noApprovers++
		return nil
	}
	r, perr := im.mergeRequestReview(cells, row)
	if perr != nil {
		return im.skip(perr)
	}
	for _, a := range approvers {
		r.Reviewer = a
		switch {
		case multiplier.IsBot(r.Author) || multiplier.IsBot(a):
			im.bot()
		case multiplier.IdentityKey(r.Author) == multiplier.IdentityKey(a):
			im.selfReview()
		default:
			if err := im.emit(row, func() error { return im.sink.Review(r) }); err != nil {
				return err
			}
		}
	}
	return nil
}

// mergeRequestReview reads the fields every approval of the row shares.
func (im *importer) mergeRequestReview(cells []string, row int) (multiplier.Review, *ParseError) {
	h := im.h
	r := multiplier.Review{State: "APPROVED", Title: h.value(cells, gTitle)}
	r.Author = h.value(cells, gAuthorUsername)
	if r.Author == "" {
		r.Author = h.value(cells, gAuthor)
	}
	if r.Author == "" {
		return r, im.fail(row, gAuthorUsername, ErrMissingValue)
	}
	submittedField, dc := gUpdated, &im.gitlab.updated
	if h.value(cells, gMerged) != "" || !h.has(gUpdated) {
		submittedField, dc = gMerged, &im.gitlab.merged
	}
	t, err := im.parseDate(dc, h.value(cells, submittedField))
	if err != nil {
		return r, im.fail(row, submittedField, err)
	}
	r.Submitted = t
	if s := h.value(cells, gCreated); s != "" {
		if t, err := im.parseDate(&im.gitlab.created, s); err == nil {
			r.Created = t
		} else {
			im.gitlab.badCreated++
		}
	}
	repo, iid := mergeRequestURL(h.value(cells, gURL))
	r.Repository = repo
	if r.Repository == "" {
		r.Repository = h.value(cells, gTargetProject)
	}
	r.Change = h.value(cells, gMRID)
	if r.Change == "" {
		r.Change = iid
	}
	return r, nil
}

// splitApprovers splits a comma-separated approvers cell, trimmed, without
// empties or repeats (by identity key).
func splitApprovers(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	seen := make(map[string]bool)
	for a := range strings.SplitSeq(s, ",") {
		a = strings.TrimSpace(a)
		k := identityKey(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

// mergeRequestURL reads the project path and merge-request IID from a
// merge request's address:
//
//	https://gitlab.example.com/group/sub/proj/-/merge_requests/12 → group/sub/proj, 12
//	https://gitlab.example.com/group/proj/merge_requests/12      → group/proj, 12 (before GitLab 12)
//
// It returns "", "" for anything else.
func mergeRequestURL(s string) (repo, iid string) {
	if s == "" {
		return "", ""
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", ""
	}
	path := u.Path
	before, after, ok := strings.Cut(path, "/-/merge_requests/")
	if !ok {
		before, after, ok = strings.Cut(path, "/merge_requests/")
	}
	if !ok {
		return "", ""
	}
	repo = strings.Trim(before, "/")
	iid, _, _ = strings.Cut(after, "/")
	for i := 0; i < len(iid); i++ {
		if !isDigit(iid[i]) {
			iid = ""
			break
		}
	}
	return repo, iid
}

// gitlabNotes says where the review times come from and what was left out.
func (im *importer) gitlabNotes() []string {
	notes := []string{"GitLab exports no approval time: merge or update time used"}
	for _, c := range []struct {
		f  int
		dc *dateColumn
	}{{gMerged, &im.gitlab.merged}, {gUpdated, &im.gitlab.updated}, {gCreated, &im.gitlab.created}} {
		if im.h.has(c.f) {
			if n := c.dc.note(im.h.names[c.f], im.order); n != "" {
				notes = append(notes, n)
			}
		}
	}
	if im.gitlab.noApprovers > 0 {
		notes = append(notes, fmt.Sprintf("%d merge request(s) had no approvers: no reviews read from them", im.gitlab.noApprovers))
	}
	if im.gitlab.badCreated > 0 {
		notes = append(notes, fmt.Sprintf("column '%s': %d value(s) were not dates; those reviews were kept without a created time", im.h.names[gCreated], im.gitlab.badCreated))
	}
	return notes
}
