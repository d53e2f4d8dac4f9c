package reviewjson

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/importers/parse"
)

// ghUser is a GitHub user object.
type ghUser struct {
	Login string `json:"login"`
	Type  string `json:"type"`
}

func (u *ghUser) login() string {
	if u == nil {
		return ""
	}
	return strings.TrimSpace(u.Login)
}

// bot reports a GitHub App or bot account: type "Bot", a "[bot]" login, or
// multiplier.IsBot.
func (u *ghUser) bot() bool {
	return u != nil && (strings.EqualFold(u.Type, "Bot") || multiplier.IsBot(u.Login))
}

// present records whether a JSON value is there and not empty ("", null),
// without keeping it: a review's body only decides its comment count.
type present bool

// UnmarshalJSON implements json.Unmarshaler.
func (p *present) UnmarshalJSON(b []byte) error {
	*p = present(len(b) > 0 && string(b) != `""` && string(b) != "null")
	return nil
}

type ghBase struct {
	Repo *struct {
		FullName string `json:"full_name"`
	} `json:"repo"`
}

// ghItem is one element of a list: a pull or a review, decoded into one
// struct because a list's elements are told apart only by their keys.
type ghItem struct {
	// pull
	Number             *text      `json:"number"`
	Title              string     `json:"title"`
	CreatedAt          string     `json:"created_at"`
	URL                string     `json:"url"`
	Base               *ghBase    `json:"base"`
	RequestedReviewers []struct{} `json:"requested_reviewers"`
	Reviews            []ghReview `json:"reviews"`
	// both
	User    *ghUser `json:"user"`
	HTMLURL string  `json:"html_url"`
	State   string  `json:"state"`
	// review
	SubmittedAt    *string `json:"submitted_at"`
	Body           present `json:"body"`
	PullRequestURL string  `json:"pull_request_url"`
	PullNumber     *text   `json:"pull_number"`
}

// ghReview is a review object from GET …/pulls/{n}/reviews.
type ghReview struct {
	User           *ghUser `json:"user"`
	State          string  `json:"state"`
	SubmittedAt    *string `json:"submitted_at"`
	Body           present `json:"body"`
	HTMLURL        string  `json:"html_url"`
	PullRequestURL string  `json:"pull_request_url"`
	PullNumber     *text   `json:"pull_number"`
}

func (it *ghItem) review() ghReview {
	return ghReview{User: it.User, State: it.State, SubmittedAt: it.SubmittedAt, Body: it.Body,
		HTMLURL: it.HTMLURL, PullRequestURL: it.PullRequestURL, PullNumber: it.PullNumber}
}

// isReview reports whether an element without a number is a review.
func (it *ghItem) isReview() bool {
	return it.PullRequestURL != "" || it.SubmittedAt != nil || it.PullNumber != nil
}

// pull is what a review needs from its pull request.
type pull struct {
	repo, number, title, author string
	bot                         bool
	created                     time.Time
}

// pullAddress returns the repository ("acme/api") and pull number of a
// pull or review URL, API form (…/repos/acme/api/pulls/4312) or web form
// (…/acme/api/pull/4312), or "" for what it cannot find.
func pullAddress(s string) (repo, number string) {
	if s == "" {
		return "", ""
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", ""
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	for i := 0; i+4 < len(segs); i++ {
		if segs[i] == "repos" && segs[i+3] == "pulls" && digits(segs[i+4]) {
			return segs[i+1] + "/" + segs[i+2], segs[i+4]
		}
	}
	for i := 2; i+1 < len(segs); i++ {
		if segs[i] == "pull" && digits(segs[i+1]) && segs[i-2] != "" && segs[i-1] != "" {
			return segs[i-2] + "/" + segs[i-1], segs[i+1]
		}
	}
	return "", ""
}

func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// ghState is the per-file state of a GitHub read.
type ghState struct {
	*reader
	index      map[string][]*pull // by number; only for the object shape
	sheet      string             // list name in the object shape
	row        int                // element number in the list
	elements   int                // all elements, for ctx checks
	secondPass bool
	requested  int // open review requests
	pending    int // PENDING reviews
	orphans    int // reviews whose pull is not in the file
	badCreated int // pulls with an unreadable created_at
}

// readGitHub reads the file as GitHub REST JSON: arrays, or (object) the
// {"pulls": …, "reviews": …} shape.
func (r *reader) readGitHub(object bool) error {
	g := &ghState{reader: r}
	dec, err := g.decoder()
	if err != nil {
		return err
	}
	if !object {
		err = g.readArrays(dec)
	} else {
		g.index = make(map[string][]*pull)
		var deferred []int
		deferred, err = g.readObject(dec, nil)
		if err == nil && len(deferred) > 0 {
			g.secondPass = true
			if dec, err = g.decoder(); err == nil {
				_, err = g.readObject(dec, deferred)
			}
		}
	}
	g.notes()
	return err
}

func (g *ghState) decoder() (*json.Decoder, error) {
	br, err := g.rewind()
	if err != nil {
		return nil, err
	}
	return json.NewDecoder(br), nil
}

// fail is a damaged-file error at the current position.
func (g *ghState) fail(err error) error {
	return &parse.ParseError{File: g.file, Sheet: g.sheet, Row: g.row, Err: corrupt(err)}
}

// readArrays reads one top-level array, or several one after another.
func (g *ghState) readArrays(dec *json.Decoder) error {
	if ok, err := expectDelim(dec, '['); err != nil || !ok {
		return g.fail(fmt.Errorf("want a JSON array: %v", err))
	}
	for {
		if err := g.list(dec); err != nil {
			return err
		}
		t, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return g.fail(err)
		}
		if t != json.Delim('[') {
			return g.fail(fmt.Errorf("%v after the array", t))
		}
	}
}

// readObject reads the object shape. In the first pass (only == nil) it
// reads every pull list and each "reviews" list that follows a pull list,
// and returns the ordinals of the keys of the "reviews" lists it left for a
// second pass; in that pass it reads only those.
func (g *ghState) readObject(dec *json.Decoder, only []int) (deferred []int, err error) {
	g.sheet, g.row = "", 0
	if ok, err := expectDelim(dec, '{'); err != nil || !ok {
		return nil, g.fail(fmt.Errorf("want a JSON object: %v", err))
	}
	sawPulls := false
	for n := 1; dec.More(); n++ {
		t, err := dec.Token()
		if err != nil {
			return nil, g.fail(err)
		}
		key, _ := t.(string)
		read := false
		switch {
		case only != nil:
			read = slices.Contains(only, n)
		case key == "pulls" || key == "pull_requests":
			read, sawPulls = true, true
		case key == "reviews" && sawPulls:
			read = true
		case key == "reviews":
			deferred = append(deferred, n)
		}
		if err := g.value(dec, key, read); err != nil {
			return nil, err
		}
	}
	if _, err := dec.Token(); err != nil { // '}'
		return nil, g.fail(err)
	}
	if t, err := dec.Token(); err != io.EOF {
		return nil, g.fail(fmt.Errorf("%v after the object", t))
	}
	return deferred, nil
}

// value reads the value of key: as a list when read, else skipped.
func (g *ghState) value(dec *json.Decoder, key string, read bool) error {
	g.sheet, g.row = key, 0
	if !read {
		if err := skipValue(dec); err != nil {
			return g.fail(err)
		}
		return nil
	}
	t, err := dec.Token()
	if err != nil {
		return g.fail(err)
	}
	switch t {
	case json.Delim('['):
		return g.list(dec)
	case nil:
		return nil
	case json.Delim('{'):
		if _, err := objectKeys(dec, func(string) bool { return false }); err != nil {
			return g.fail(err)
		}
	}
	g.skip(key, 0, key, parse.ValueError("not a list", parse.ErrCorrupt))
	return nil
}

// list reads the elements of the array whose '[' dec has just returned,
// and its ']'.
func (g *ghState) list(dec *json.Decoder) error {
	for dec.More() {
		if err := g.element(dec); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return g.fail(err)
	}
	return nil
}

// element decodes one element of a list and reads it.
func (g *ghState) element(dec *json.Decoder) error {
	g.row++
	g.elements++
	if g.elements%checkEvery == 0 {
		if err := g.check(dec); err != nil {
			return err
		}
	}
	var it ghItem
	if err := dec.Decode(&it); err != nil {
		if isSyntax(err) {
			return g.fail(err)
		}
		col, reason := typeError(err)
		g.skip(g.sheet, g.row, col, reason)
		return nil
	}
	switch {
	case it.Number != nil:
		return g.pull(&it)
	case it.isReview():
		rv := it.review()
		return g.review(&rv, nil, "")
	}
	g.skip(g.sheet, g.row, "", parse.ValueError("neither a pull (no number) nor a review (no pull_request_url or submitted_at)", parse.ErrMissingValue))
	return nil
}

// check checks ctx and reports progress (not in the second pass, which
// would run the bar backwards).
func (g *ghState) check(dec *json.Decoder) error {
	if g.secondPass {
		if err := g.ctx.Err(); err != nil {
			return fmt.Errorf("read %s: %w", g.file, err)
		}
		return nil
	}
	return g.tick(dec.InputOffset())
}

// pull reads a pull and its embedded reviews.
func (g *ghState) pull(it *ghItem) error {
	p := &pull{number: string(*it.Number), title: it.Title, author: it.User.login(), bot: it.User.bot()}
	if it.Base != nil && it.Base.Repo != nil {
		p.repo = strings.TrimSpace(it.Base.Repo.FullName)
	}
	if p.repo == "" {
		p.repo, _ = pullAddress(it.HTMLURL)
	}
	if p.repo == "" {
		p.repo, _ = pullAddress(it.URL)
	}
	if it.CreatedAt != "" {
		if t, err := parseRFC3339(it.CreatedAt); err == nil {
			p.created = t
		} else {
			g.badCreated++
		}
	}
	if g.index != nil {
		g.index[p.number] = append(g.index[p.number], p)
	}
	g.requested += len(it.RequestedReviewers)
	for k := range it.Reviews {
		if err := g.review(&it.Reviews[k], p, "reviews["+strconv.Itoa(k)+"]."); err != nil {
			return err
		}
	}
	return nil
}

// find returns the pull a review belongs to, from the index, or nil.
func (g *ghState) find(rv *ghReview) *pull {
	repo, number := g.address(rv)
	var found *pull
	for _, p := range g.index[number] {
		switch {
		case repo != "" && strings.EqualFold(p.repo, repo):
			return p
		case repo != "" && p.repo != "":
		case found != nil:
			return nil // ambiguous: same number in two repositories
		default:
			found = p
		}
	}
	return found
}

// address is the repository and pull number a review names.
func (g *ghState) address(rv *ghReview) (repo, number string) {
	repo, number = pullAddress(rv.PullRequestURL)
	if number == "" {
		repo, number = pullAddress(rv.HTMLURL)
	}
	if rv.PullNumber != nil && *rv.PullNumber != "" {
		number = string(*rv.PullNumber)
	}
	return repo, number
}

var stateKey = strings.NewReplacer(" ", "_", "-", "_")

// review reads one review of p (nil when the review is on its own; it is
// then looked up). prefix is its JSON path inside the element.
func (g *ghState) review(rv *ghReview, p *pull, prefix string) error {
	state := strings.ToUpper(stateKey.Replace(strings.TrimSpace(rv.State)))
	if state == "PENDING" {
		g.pending++
		return nil
	}
	reviewer := rv.User.login()
	if reviewer == "" {
		g.skip(g.sheet, g.row, prefix+"user.login", parse.ErrMissingValue)
		return nil
	}
	if p == nil {
		p = g.find(rv)
	}
	if p != nil && p.author == "" && !p.bot {
		g.skip(g.sheet, g.row, "user.login", parse.ValueError("the pull has no author", parse.ErrMissingValue))
		return nil
	}
	if rv.User.bot() || p != nil && p.bot {
		g.st.Rows++
		g.st.Bots++
		return nil
	}
	if p != nil && multiplier.IdentityKey(p.author) == multiplier.IdentityKey(reviewer) {
		g.st.Rows++
		g.st.SelfReviews++
		return nil
	}
	if state == "" {
		g.skip(g.sheet, g.row, prefix+"state", parse.ErrMissingValue)
		return nil
	}
	if rv.SubmittedAt == nil {
		g.skip(g.sheet, g.row, prefix+"submitted_at", parse.ErrMissingValue)
		return nil
	}
	at, err := parseRFC3339(*rv.SubmittedAt)
	if err != nil {
		g.skip(g.sheet, g.row, prefix+"submitted_at", err)
		return nil
	}
	out := multiplier.Review{Reviewer: reviewer, State: state, Submitted: at}
	if rv.Body {
		out.Comments = 1
	}
	g.place(&out, rv, p)
	g.st.Rows++
	if err := g.sink.Review(out); err != nil {
		return fmt.Errorf("read %s, item %d: %w", g.file, g.row, err)
	}
	g.st.Imported++
	return nil
}

// place fills the pull's side of out: from p, or from the review's own
// URL when its pull is not in the file.
func (g *ghState) place(out *multiplier.Review, rv *ghReview, p *pull) {
	if p == nil {
		g.orphans++
		out.Repository, out.Change = g.address(rv)
		return
	}
	out.Repository, out.Change, out.Title, out.Author, out.Created = p.repo, p.number, p.title, p.author, p.created
	if out.Repository == "" {
		out.Repository, _ = g.address(rv)
	}
}

// notes describes the read for a person.
func (g *ghState) notes() {
	if g.requested > 0 {
		g.note("%d review request(s) still open (requested_reviewers): requests, not reviews; not imported", g.requested)
	}
	if g.pending > 0 {
		g.note("%d pending review(s) left out: drafts not yet submitted", g.pending)
	}
	if g.orphans > 0 {
		g.note("review turnaround unknown: pulls not in this file (%d review(s)); their PR author is unknown too, so self-reviews cannot be told and the influence graph cannot use them until the pulls are imported", g.orphans)
	}
	if g.badCreated > 0 {
		g.note("%d pull(s) had an unreadable created_at: their reviews were kept without a created time", g.badCreated)
	}
}
