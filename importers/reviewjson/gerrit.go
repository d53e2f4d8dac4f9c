package reviewjson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/importers/parse"
)

// maxLine is the longest Gerrit line read; a longer one is skipped. A
// variable so tests can lower it.
var maxLine = 64 << 20

// maxJunkLines is how many non-blank lines may pass, before the first
// change or stats line, until a file is judged not to be Gerrit.
const maxJunkLines = 100

// gerritChange is one line of gerrit query --format=JSON output: a change,
// or the final stats line, or an error line.
type gerritChange struct {
	Type            string          `json:"type"`
	RowCount        *int            `json:"rowCount"`
	MoreChanges     bool            `json:"moreChanges"`
	Message         string          `json:"message"`
	Project         *string         `json:"project"`
	Number          *text           `json:"number"`
	Subject         string          `json:"subject"`
	Owner           gerritAccount   `json:"owner"`
	CreatedOn       unixTime        `json:"createdOn"`
	Comments        []gerritMessage `json:"comments"`
	PatchSets       []gerritPatch   `json:"patchSets"`
	CurrentPatchSet *gerritPatch    `json:"currentPatchSet"`
}

type gerritAccount struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	Username string `json:"username"`

	// filled by prepare: identity keys of Email, Username and Name, and
	// whether the account is a bot
	prepared bool
	keys     [3]string
	isBot    bool
}

// prepare computes a's keys and bot flag once; accounts are compared
// many times per change.
func (a *gerritAccount) prepare() {
	if a.prepared {
		return
	}
	a.prepared = true
	a.keys = [3]string{identityKey(a.Email), identityKey(a.Username), identityKey(a.Name)}
	a.isBot = a.botByName()
}

// identity is how an account is emitted: email, else username, else name.
func (a *gerritAccount) identity() string {
	if a == nil {
		return ""
	}
	for _, s := range []string{a.Email, a.Username, a.Name} {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// key is the identity key of a's identity.
func (a *gerritAccount) key() string {
	if a == nil {
		return ""
	}
	a.prepare()
	for _, k := range a.keys {
		if k != "" {
			return k
		}
	}
	return ""
}

// same reports whether a and b are one account: the same email, username
// or name (compared as identity keys).
func (a *gerritAccount) same(b *gerritAccount) bool {
	if a == nil || b == nil {
		return false
	}
	a.prepare()
	b.prepare()
	for i, k := range a.keys {
		if k != "" && k == b.keys[i] {
			return true
		}
	}
	return false
}

// gerritBotUsers are Gerrit service accounts by username.
var gerritBotUsers = map[string]bool{
	"jenkins": true, "zuul": true, "buildbot": true, "gerrit": true, "ci": true,
}

// bot reports whether a is automation: multiplier.IsBot on any of its
// identities or the local part of its email, a name ending in "Bot" or
// "CI", or a known service username.
func (a *gerritAccount) bot() bool {
	if a == nil {
		return false
	}
	a.prepare()
	return a.isBot
}

func (a *gerritAccount) botByName() bool {
	name := strings.TrimSpace(a.Name)
	if strings.HasSuffix(name, "Bot") || strings.HasSuffix(name, "CI") {
		return true
	}
	local, _, _ := strings.Cut(a.Email, "@")
	local = identityKey(local)
	return gerritBotUsers[a.keys[1]] || gerritBotUsers[local] ||
		multiplier.IsBot(a.keys[1]) || multiplier.IsBot(local) || multiplier.IsBot(a.keys[2])
}

// gerritMessage is a change message (comments[]) or an inline comment
// (patchSets[].comments[], which usually has no timestamp).
type gerritMessage struct {
	Timestamp unixTime      `json:"timestamp"`
	Reviewer  gerritAccount `json:"reviewer"`
	Message   string        `json:"message"`
}

type gerritPatch struct {
	CreatedOn unixTime         `json:"createdOn"`
	Approvals []gerritApproval `json:"approvals"`
	Comments  []gerritMessage  `json:"comments"`
}

type gerritApproval struct {
	Type      string        `json:"type"`
	Value     text          `json:"value"`
	GrantedOn unixTime      `json:"grantedOn"`
	By        gerritAccount `json:"by"`
}

// identityKey is multiplier.IdentityKey, without its allocations for the
// common case of a key already in normal form (lower-case ASCII, single
// inner spaces).
func identityKey(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || 'A' <= c && c <= 'Z' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
			c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') || i == 0 && c == '@' {
			return multiplier.IdentityKey(s)
		}
	}
	return s
}

// voteState maps a Code-Review value to a review state.
func voteState(v text) (string, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(string(v), "+"))
	switch {
	case err != nil:
		return "", false
	case n >= 2:
		return "APPROVED", true
	case n >= 0:
		return "COMMENTED", true
	}
	return "CHANGES_REQUESTED", true
}

// gerritState is the per-file state of a Gerrit read.
type gerritState struct {
	*reader
	line       int
	recognised bool // a change, stats or error line was seen
	junk       int  // non-blank lines before that
	changes    int
	stats      *gerritChange
	copied     int // votes listed again on a later patch set
	badCreated int // changes with an unreadable createdOn

	accounts map[accountID]accountFacts // cache for prepare

	// buffers reused from change to change
	seen    []voteKey
	voteBuf []vote
	people  []commenter
	extra   []multiplier.Review
}

// readGerrit reads the file as Gerrit JSON Lines.
func (r *reader) readGerrit() error {
	br, err := r.rewind()
	if err != nil {
		return err
	}
	g := &gerritState{reader: r}
	var buf []byte
	var done int64
	for {
		line, n, tooLong, err := readLine(br, buf[:0])
		buf = line
		done += n
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", r.file, err)
		}
		g.line++
		if g.line%checkEvery == 0 {
			if err := r.tick(done); err != nil {
				return err
			}
		}
		if err := g.handleLine(line, tooLong); err != nil {
			return err
		}
		if !g.recognised && g.junk >= maxJunkLines {
			break
		}
	}
	if !g.recognised {
		return fmt.Errorf("read %s: %w: no line is a Gerrit change (gerrit query --format=JSON output)", r.file, parse.ErrUnrecognised)
	}
	g.notes()
	return nil
}

// readLine reads one line into buf (reused), without its newline. A line
// longer than maxLine is read past, not kept: tooLong is set and line is
// empty. n is the bytes consumed. err is io.EOF only when nothing is left.
func readLine(br *bufio.Reader, buf []byte) (line []byte, n int64, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		n += int64(len(chunk))
		if !tooLong {
			if len(buf)+len(chunk) > maxLine+1 {
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && n > 0:
			return buf, n, tooLong, nil
		case err != nil:
			return buf, n, tooLong, err
		}
		return bytes.TrimSuffix(buf, []byte("\n")), n, tooLong, nil
	}
}

// handleLine handles one line of the file.
func (g *gerritState) handleLine(line []byte, tooLong bool) error {
	if g.line == 1 {
		line = bytes.TrimPrefix(line, utf8BOM)
	}
	line = bytes.TrimSpace(line)
	if len(line) == 0 && !tooLong {
		return nil
	}
	if !g.recognised {
		g.junk++
	}
	if tooLong {
		g.skip("", g.line, "", parse.ValueError(fmt.Sprintf("line longer than %d MiB", maxLine>>20), parse.ErrCorrupt))
		return nil
	}
	var c gerritChange
	if err := json.Unmarshal(line, &c); err != nil {
		g.badLine(err)
		return nil
	}
	switch {
	case c.Type == "stats":
		g.recognised, g.stats = true, &c
		return nil
	case c.Type == "error":
		g.recognised = true
		g.note("line %d: gerrit reported an error: %s", g.line, parse.Quote(c.Message))
		return nil
	case c.Project == nil && c.Number == nil:
		g.skip("", g.line, "", parse.ValueError("not a Gerrit change: no project or number", parse.ErrMissingValue))
		return nil
	}
	g.recognised = true
	g.changes++
	return g.change(&c)
}

// badLine skips a line that is not JSON or not shaped like a change.
func (g *gerritState) badLine(err error) {
	if isSyntax(err) {
		g.skip("", g.line, "", parse.ValueError("not a JSON object: "+err.Error(), parse.ErrCorrupt))
		return
	}
	col, reason := typeError(err)
	g.skip("", g.line, col, reason)
}

// change turns one change into reviews and hands them to the sink.
func (g *gerritState) change(c *gerritChange) error {
	switch {
	case c.Number == nil || *c.Number == "":
		g.skip("", g.line, "number", parse.ErrMissingValue)
		return nil
	case c.Owner.identity() == "":
		g.skip("", g.line, "owner", parse.ErrMissingValue)
		return nil
	}
	g.prepareAll(c)
	if c.CreatedOn.bad != "" {
		g.badCreated++
	}
	base := multiplier.Review{
		Repository: strings.TrimSpace(deref(c.Project)),
		Change:     string(*c.Number),
		Title:      c.Subject,
		Author:     c.Owner.identity(),
		Created:    c.CreatedOn.t,
	}
	g.votes(c, base)
	g.commenters(c, base)
	for i := range g.voteBuf {
		if err := g.emit(g.voteBuf[i].review); err != nil {
			return err
		}
	}
	for _, rv := range g.extra {
		if err := g.emit(rv); err != nil {
			return err
		}
	}
	return nil
}

func (g *gerritState) emit(rv multiplier.Review) error {
	if err := g.sink.Review(rv); err != nil {
		return fmt.Errorf("read %s, row %d: %w", g.file, g.line, err)
	}
	g.st.Imported++
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// accountID is an account as the export writes it; accountFacts what
// prepare works out for it.
type (
	accountID    struct{ name, email, username string }
	accountFacts struct {
		keys  [3]string
		isBot bool
	}
)

// maxAccounts bounds the cache of accounts a read keeps.
const maxAccounts = 100_000

// prepareAll prepares every account of c, from a cache: the same people
// appear on change after change, and their keys cost allocations.
func (g *gerritState) prepareAll(c *gerritChange) {
	g.prepare(&c.Owner)
	for i := range c.Comments {
		g.prepare(&c.Comments[i].Reviewer)
	}
	patch := func(ps *gerritPatch) {
		for j := range ps.Approvals {
			g.prepare(&ps.Approvals[j].By)
		}
		for j := range ps.Comments {
			g.prepare(&ps.Comments[j].Reviewer)
		}
	}
	for i := range c.PatchSets {
		patch(&c.PatchSets[i])
	}
	if c.CurrentPatchSet != nil {
		patch(c.CurrentPatchSet)
	}
}

func (g *gerritState) prepare(a *gerritAccount) {
	id := accountID{a.Name, a.Email, a.Username}
	if f, ok := g.accounts[id]; ok {
		a.prepared, a.keys, a.isBot = true, f.keys, f.isBot
		return
	}
	a.prepare()
	if g.accounts == nil {
		g.accounts = make(map[accountID]accountFacts)
	}
	if len(g.accounts) < maxAccounts {
		g.accounts[id] = accountFacts{a.keys, a.isBot}
	}
}

// vote is a review made from a Code-Review vote, and its voter.
type vote struct {
	review multiplier.Review
	by     *gerritAccount
}

// voteKey tells a vote from the same vote copied to a later patch set.
type voteKey struct {
	by, value string
	at        time.Time
	bad       string
}

// votes reads the distinct Code-Review votes of c into g.voteBuf. Bots',
// the owner's and unreadable ones are counted, not kept.
func (g *gerritState) votes(c *gerritChange, base multiplier.Review) {
	g.voteBuf, g.seen = g.voteBuf[:0], g.seen[:0]
	for i := range c.PatchSets {
		g.patchVotes(c, &c.PatchSets[i], i, base)
	}
	if c.CurrentPatchSet != nil {
		g.patchVotes(c, c.CurrentPatchSet, -1, base)
	}
}

// patchVotes reads the votes of patch set ps, number i of c's patchSets
// (-1 for currentPatchSet).
func (g *gerritState) patchVotes(c *gerritChange, ps *gerritPatch, i int, base multiplier.Review) {
	for j := range ps.Approvals {
		a := &ps.Approvals[j]
		if !isCodeReview(a) {
			continue
		}
		k := voteKey{by: a.By.key(), value: strings.TrimPrefix(string(a.Value), "+"), at: a.GrantedOn.t, bad: a.GrantedOn.bad}
		if slices.Contains(g.seen, k) {
			g.copied++
			continue
		}
		g.seen = append(g.seen, k)
		g.vote(c, a, base, i, j)
	}
}

func isCodeReview(a *gerritApproval) bool {
	return strings.EqualFold(strings.TrimSpace(a.Type), "Code-Review")
}

// approvalPath is the JSON path of approval j of patch set i (-1 for
// currentPatchSet), for a skipped vote.
func approvalPath(i, j int, field string) string {
	ps := "currentPatchSet"
	if i >= 0 {
		ps = "patchSets[" + strconv.Itoa(i) + "]"
	}
	return ps + ".approvals[" + strconv.Itoa(j) + "]." + field
}

// vote reads one Code-Review approval, j of patch set i.
func (g *gerritState) vote(c *gerritChange, a *gerritApproval, base multiplier.Review, i, j int) {
	who := a.By.identity()
	if who == "" {
		g.skip("", g.line, approvalPath(i, j, "by"), parse.ErrMissingValue)
		return
	}
	if c.Owner.bot() || a.By.bot() {
		g.st.Rows++
		g.st.Bots++
		return
	}
	if a.By.same(&c.Owner) {
		g.st.Rows++
		g.st.SelfReviews++
		return
	}
	state, ok := voteState(a.Value)
	if !ok {
		g.skip("", g.line, approvalPath(i, j, "value"), parse.BadValue(parse.ErrBadNumber, string(a.Value), "a Code-Review vote"))
		return
	}
	at, err := a.GrantedOn.check()
	if err != nil {
		g.skip("", g.line, approvalPath(i, j, "grantedOn"), err)
		return
	}
	g.st.Rows++
	rv := base
	rv.Reviewer, rv.State, rv.Submitted = who, state, at
	g.voteBuf = append(g.voteBuf, vote{review: rv, by: &a.By})
}

// commenter is someone's comments on one change.
type commenter struct {
	by       *gerritAccount
	text     int       // messages with text of their own
	summary  int       // sum of "(N comments)" in their messages
	inline   int       // inline comments
	first    time.Time // earliest counted message
	fallback time.Time // earliest patch set with their inline comments
}

func (m *commenter) count() int { return m.text + max(m.inline, m.summary) }

func (m *commenter) at() time.Time {
	if !m.first.IsZero() {
		return m.first
	}
	return m.fallback
}

// commenters adds each voter's comment count to their first vote and
// puts in g.extra a COMMENTED review for each person who commented but
// never voted (bots and unusable ones counted, not kept). The comments of
// a voter whose votes were not imported (a bot, the owner, unreadable)
// are not counted again.
func (g *gerritState) commenters(c *gerritChange, base multiplier.Review) {
	g.extra = g.extra[:0]
	g.comments(c)
	for i := range g.people {
		m := &g.people[i]
		n := m.count()
		if n == 0 {
			continue
		}
		if v := g.firstVote(m.by); v != nil {
			v.review.Comments += n
			continue
		}
		if votedAtAll(c, m.by) {
			continue
		}
		if c.Owner.bot() || m.by.bot() {
			g.st.Rows++
			g.st.Bots++
			continue
		}
		at := m.at()
		if at.IsZero() {
			g.skip("", g.line, "comments", parse.ValueError("no time for the comments by "+parse.Quote(m.by.identity()), parse.ErrMissingValue))
			continue
		}
		g.st.Rows++
		rv := base
		rv.Reviewer, rv.State, rv.Submitted, rv.Comments = m.by.identity(), "COMMENTED", at, n
		g.extra = append(g.extra, rv)
	}
}

func (g *gerritState) firstVote(by *gerritAccount) *vote {
	for i := range g.voteBuf {
		if g.voteBuf[i].by.same(by) {
			return &g.voteBuf[i]
		}
	}
	return nil
}

func votedAtAll(c *gerritChange, by *gerritAccount) bool {
	voted := func(ps *gerritPatch) bool {
		for j := range ps.Approvals {
			if a := &ps.Approvals[j]; isCodeReview(a) && a.By.same(by) {
				return true
			}
		}
		return false
	}
	for i := range c.PatchSets {
		if voted(&c.PatchSets[i]) {
			return true
		}
	}
	return c.CurrentPatchSet != nil && voted(c.CurrentPatchSet)
}

// comments gathers into g.people the comments on c by everyone but the
// owner and the server, in order of each person's first comment.
func (g *gerritState) comments(c *gerritChange) {
	g.people = g.people[:0]
	counts := func(by *gerritAccount) bool { return by.identity() != "" && !by.same(&c.Owner) }
	for i := range c.Comments {
		msg := &c.Comments[i]
		if !counts(&msg.Reviewer) {
			continue
		}
		text, summary := messageCounts(msg.Message)
		if text+summary == 0 {
			continue
		}
		m := g.person(&msg.Reviewer)
		m.text += text
		m.summary += summary
		m.first = earliest(m.first, msg.Timestamp.t)
	}
	for i := range c.PatchSets {
		ps := &c.PatchSets[i]
		for j := range ps.Comments {
			ic := &ps.Comments[j]
			if !counts(&ic.Reviewer) {
				continue
			}
			m := g.person(&ic.Reviewer)
			m.inline++
			m.first = earliest(m.first, ic.Timestamp.t)
			m.fallback = earliest(m.fallback, ps.CreatedOn.t)
		}
	}
}

// person returns by's entry in g.people, adding it when new.
func (g *gerritState) person(by *gerritAccount) *commenter {
	for i := range g.people {
		if g.people[i].by.same(by) {
			return &g.people[i]
		}
	}
	g.people = append(g.people, commenter{by: by})
	return &g.people[len(g.people)-1]
}

// earliest returns the earlier of a and b, ignoring zero times.
func earliest(a, b time.Time) time.Time {
	if a.IsZero() || !b.IsZero() && b.Before(a) {
		return b
	}
	return a
}

// autoPrefixes start the first line of messages Gerrit writes itself.
var autoPrefixes = []string{
	"Uploaded patch set", "Change has been successfully", "Change could not be merged",
	"Removed ", "Abandoned", "Restored", "Created a revert of this change",
	"Set Ready For Review", "Set Work In Progress", "Topic ",
}

// messageCounts reads a change message: text is 1 when it holds words of
// its own beyond Gerrit's header line ("Patch Set 2: Code-Review+1") and
// automatic lines, summary the sum of its "(N comments)" lines.
func messageCounts(msg string) (text, summary int) {
	first := true
	for line := range strings.SplitSeq(msg, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if first {
			first = false
			if rest, ok := patchSetHeader(line); ok {
				line = rest // votes, or an old-style "(3 inline comments)"
				if n, ok := commentSummary(line); ok {
					summary += n
				}
				continue
			}
			if hasAnyPrefix(line, autoPrefixes) {
				continue
			}
		}
		if n, ok := commentSummary(line); ok {
			summary += n
			continue
		}
		text = 1
	}
	return text, summary
}

// patchSetHeader strips "Patch Set N:" from line.
func patchSetHeader(line string) (rest string, ok bool) {
	const p = "Patch Set "
	if !strings.HasPrefix(line, p) {
		return "", false
	}
	num, rest, ok := strings.Cut(line[len(p):], ":")
	if !ok || num == "" || strings.Trim(num, "0123456789") != "" {
		return "", false
	}
	return strings.TrimSpace(rest), true
}

// commentSummary reads "(3 comments)", "(1 comment)" or "(2 inline
// comments)".
func commentSummary(line string) (int, bool) {
	if !strings.HasPrefix(line, "(") || !strings.HasSuffix(line, ")") {
		return 0, false
	}
	f := strings.Fields(line[1 : len(line)-1])
	if len(f) == 3 && f[1] == "inline" {
		f = []string{f[0], f[2]}
	}
	if len(f) != 2 || f[1] != "comment" && f[1] != "comments" {
		return 0, false
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 0 || n > 1_000_000 {
		return 0, false
	}
	return n, true
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// notes describes the read for a person.
func (g *gerritState) notes() {
	if g.badCreated > 0 {
		g.note("%d change(s) had an unreadable createdOn: their reviews were kept without a created time", g.badCreated)
	}
	if g.copied > 0 {
		g.note("%d vote(s) listed again on a later patch set (copied by Gerrit) were counted once", g.copied)
	}
	switch {
	case g.stats == nil && g.changes > 0:
		g.note("no stats line at the end: the export may be cut short")
	case g.stats == nil:
	case g.changes == 0:
		g.note("no changes in this export: only a stats line")
	case g.stats.RowCount != nil && *g.stats.RowCount != g.changes:
		g.note("the stats line counts %d change(s); %d were read", *g.stats.RowCount, g.changes)
	}
	if g.stats != nil && g.stats.MoreChanges {
		g.note("gerrit stopped at its query limit (moreChanges): more changes match than this export holds")
	}
}
