// Package reviewjson reads code-review exports in JSON into
// multiplier.Review records: Gerrit's `gerrit query --format=JSON
// --all-approvals --comments` output (format "gerrit-json") and pulls and
// reviews saved from GitHub's REST API (format "github-json").
//
// # Gerrit
//
// The export is JSON Lines: one change per line, then a stats line
// ({"type":"stats","rowCount":…}), which is read only for notes. Each
// Code-Review vote in patchSets[].approvals[] (and currentPatchSet) is one
// review: the voter (email, else username, else name) reviewed the owner's
// change at grantedOn. Votes map to states as
//
//	+2        APPROVED
//	+1, 0     COMMENTED (a +1 is "looks good, but someone else must
//	          approve": approval with reservation, so not APPROVED)
//	-1, -2    CHANGES_REQUESTED
//
// (a wider custom range reads the same way: above +2 is APPROVED, below
// -2 CHANGES_REQUESTED; a value that is not a number is skipped). Other labels (Verified…) are ignored. The same vote listed again on a
// later patch set (Gerrit copies votes across trivial rebases; same voter,
// value and grantedOn) is read once and counted in a note.
//
// Comments come from the change messages (comments[]) and the inline
// comments (patchSets[].comments[]). A message counts as one comment when
// it holds text beyond Gerrit's own header ("Patch Set 3: Code-Review+2")
// and automatic lines ("Uploaded patch set 2.", "(2 comments)"): a bare
// vote is not a comment. Inline comments count one each; when the export
// lacks them, the "(N comments)" summaries of that reviewer's messages
// count instead (the larger of the two, never both). Comments by the
// owner and server messages without an author are not counted. A voter's
// comments are added to their first vote on the change; someone who
// commented but never voted becomes one COMMENTED review at their first
// counted message (or, for inline comments only, the patch set's
// createdOn) with Comments = their count.
//
// Bots (multiplier.IsBot on the email, username or name; names ending in
// "Bot" or "CI"; usernames such as jenkins and zuul) are counted in
// Stats.Bots, as is every review of a change a bot owns; votes by the owner
// are counted in Stats.SelfReviews. The change status is not used: an
// abandoned change was still reviewed.
//
// Stats.Rows counts review candidates (distinct votes and commenters who
// never voted) plus lines that are not usable changes, so that Rows =
// Imported + Bots + SelfReviews + SkippedCount. A line that is not JSON,
// is longer than 64 MiB or is not a change is skipped with a ParseError
// whose Row is the line number; a file in which no line is a change or a
// stats line (Read gives up after 100 non-blank lines without one) is not
// Gerrit (parse.ErrUnrecognised).
//
// # GitHub
//
// Three shapes are read: an array of pulls (GET /repos/{o}/{r}/pulls),
// each optionally with an embedded "reviews" array; an array of reviews
// (GET …/pulls/{n}/reviews); and an object {"pulls": […], "reviews": […]}
// (or "pull_requests") whose reviews are matched to its pulls by
// pull_request_url or pull_number. Arrays written one after another, as
// `gh api --paginate` writes pages, are read as one list.
//
// A review gives Reviewer = user.login, State = state (APPROVED,
// CHANGES_REQUESTED, COMMENTED, DISMISSED, other values as written),
// Submitted = submitted_at, and Comments = 1 when its body is not empty,
// else 0: the REST review object does not carry its inline comment count.
// PENDING reviews are drafts no one has seen and are left out (counted in
// a note only). The pull gives Repository (base.repo.full_name, else taken
// from html_url or url), Change (number), Title, Author (user.login) and
// Created (created_at). requested_reviewers are open requests, not
// reviews: they are counted in a note. A skipped record's ParseError has
// Row = the element's number in its list (counted on across pages) and,
// in the object shape, Sheet = the list's key. A review whose pull is not in the
// file has a zero Created and an empty Author, and a note says so: its
// turnaround and self-review status are unknown. Reviews by the author are
// counted in Stats.SelfReviews; bots (user.type "Bot", logins ending in
// "[bot]", multiplier.IsBot) as reviewer or author in Stats.Bots.
//
// The file is decoded element by element, never whole. A file whose JSON
// stops short or is broken is damaged (parse.ErrCorrupt) and the caller
// rolls it back. In the object shape, a "reviews" list that comes before
// the pulls is read in a second pass once the pulls are known.
//
// All times are UTC. The package imports only the standard library, the
// root multiplier package and importers/parse; never importers itself,
// the store, the graph or the UI.
package reviewjson
