package importers

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/importers/parse"
)

// importer turns the data rows of one table into records.
type importer struct {
	rep      *Report
	h        *header
	sink     Sink
	progress func(done, total int64)

	order dayOrder // the first day order a date column showed

	// review sheet
	submitted, created dateColumn
	badCreated         int
	badComments        int

	outlook      outlookState
	gitlab       gitlabState
	interactions struct{ timestamp dateColumn }
}

// run reads the rows after the header until the end of t.
func (im *importer) run(ctx context.Context, t table) error {
	for n := 0; ; n++ {
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("import %s: %w", im.rep.File, err)
			}
			im.report(t.progress())
		}
		if !t.next() {
			break
		}
		cells := t.cells()
		if blank(cells) {
			continue
		}
		if err := im.row(cells, t.row()); err != nil {
			return err
		}
	}
	if err := t.err(); err != nil {
		return fmt.Errorf("read %s: %w", where(im.rep.File, im.rep.Sheet), err)
	}
	done, total := t.progress()
	if total == 0 {
		total = done
	}
	im.report(total, total)
	return nil
}

func (im *importer) report(done, total int64) {
	if im.progress != nil {
		im.progress(done, total)
	}
}

// row turns one data row into records for the sink, or counts why not.
// Only an error from the sink is returned.
func (im *importer) row(cells []string, row int) error {
	switch im.h.spec {
	case rosterSpec:
		p, perr := im.person(cells, row)
		if perr != nil {
			return im.skip(perr)
		}
		return im.emit(row, func() error { return im.sink.Person(p) })
	case reviewSpec:
		r, bot, perr := im.review(cells, row)
		switch {
		case bot:
			im.bot()
		case perr != nil && errors.Is(perr, ErrSelfReview):
			im.selfReview()
		case perr != nil:
			return im.skip(perr)
		default:
			return im.emit(row, func() error { return im.sink.Review(r) })
		}
	case gitlabSpec:
		return im.mergeRequest(cells, row)
	case outlookSpec:
		m, ok, perr := im.meeting(cells, row)
		switch {
		case !ok:
		case perr != nil:
			return im.skip(perr)
		default:
			return im.emit(row, func() error { return im.sink.Meeting(m) })
		}
	case interactionsSpec:
		return im.interactionRow(cells, row)
	}
	return nil
}

// emit counts a record and hands it to the sink with send, wrapping the
// sink's error with the position.
func (im *importer) emit(row int, send func() error) error {
	im.rep.Rows++
	if err := send(); err != nil {
		return fmt.Errorf("import %s, row %d: %w", where(im.rep.File, im.rep.Sheet), row, err)
	}
	im.rep.Imported++
	return nil
}

// bot counts a record left out because a bot was involved.
func (im *importer) bot() {
	im.rep.Rows++
	im.rep.Bots++
}

// selfReview counts a record left out because someone answered their own
// change.
func (im *importer) selfReview() {
	im.rep.Rows++
	im.rep.SelfReviews++
}

// skip counts a skipped record and keeps its error while there is room.
// It returns nil, so a row function can end with it.
func (im *importer) skip(e *ParseError) error {
	im.rep.Rows++
	im.rep.SkippedCount++
	if len(im.rep.Skipped) < maxSkipped {
		im.rep.Skipped = append(im.rep.Skipped, e)
	}
	return nil
}

// fail returns a ParseError for field f (or the whole row when f < 0).
func (im *importer) fail(row, f int, err error) *ParseError {
	e := &ParseError{File: im.rep.File, Sheet: im.rep.Sheet, Row: row, Err: err}
	if f >= 0 && im.h.cols[f] >= 0 {
		e.Col = im.h.cols[f] + 1
		e.Column = im.h.names[f]
	}
	return e
}

// person reads a roster row.
func (im *importer) person(cells []string, row int) (multiplier.Person, *ParseError) {
	h := im.h
	raw := h.value(cells, rEmail)
	if raw == "" {
		return multiplier.Person{}, im.fail(row, rEmail, ErrMissingValue)
	}
	email := cleanEmail(raw)
	if email == "" {
		return multiplier.Person{}, im.fail(row, rEmail, badValue(ErrMissingValue, raw, "an email address"))
	}
	manager := h.value(cells, rManager)
	if strings.Contains(manager, "@") {
		if m := cleanEmail(manager); m != "" {
			manager = m
		}
	}
	return multiplier.Person{
		Email:      email,
		Name:       h.value(cells, rName),
		Team:       h.value(cells, rTeam),
		Department: h.value(cells, rDepartment),
		Title:      h.value(cells, rTitle),
		Level:      h.value(cells, rLevel),
		Manager:    manager,
		GitHub:     h.value(cells, rGitHub),
		SlackID:    h.value(cells, rSlack),
	}, nil
}

// cleanEmail returns s as a lower-case address — taking the part in angle
// brackets of "Ada <ada@example.com>" and dropping "mailto:" — or "" when
// s holds no address.
func cleanEmail(s string) string {
	if i := strings.IndexByte(s, '<'); i >= 0 {
		if j := strings.IndexByte(s[i:], '>'); j > 0 {
			s = s[i+1 : i+j]
		}
	}
	s = strings.TrimSpace(s)
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
	}
	at := strings.IndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.ContainsAny(s, " \t,;") {
		return ""
	}
	return strings.ToLower(s)
}

// review reads a review row. bot reports a row skipped for a bot.
func (im *importer) review(cells []string, row int) (r multiplier.Review, bot bool, _ *ParseError) {
	h := im.h
	r.Author = h.value(cells, vAuthor)
	r.Reviewer = h.value(cells, vReviewer)
	if r.Reviewer == "" {
		return r, false, im.fail(row, vReviewer, ErrMissingValue)
	}
	if r.Author == "" {
		return r, false, im.fail(row, vAuthor, ErrMissingValue)
	}
	if multiplier.IsBot(r.Reviewer) || multiplier.IsBot(r.Author) {
		return r, true, nil
	}
	if multiplier.IdentityKey(r.Author) == multiplier.IdentityKey(r.Reviewer) {
		return r, false, im.fail(row, vReviewer, parse.ValueError("self-review by "+quote(r.Reviewer), ErrSelfReview))
	}
	t, err := im.parseDate(&im.submitted, h.value(cells, vSubmitted))
	if err != nil {
		return r, false, im.fail(row, vSubmitted, err)
	}
	r.Submitted = t
	if s := h.value(cells, vCreated); s != "" {
		if t, err := im.parseDate(&im.created, s); err == nil {
			r.Created = t
		} else {
			im.badCreated++
		}
	}
	r.Repository = h.value(cells, vRepository)
	r.Change = h.value(cells, vChange)
	r.Title = h.value(cells, vTitle)
	r.State = normaliseState(h.value(cells, vState))
	n, ok := parseCount(h.value(cells, vComments))
	if !ok {
		im.badComments++
	}
	r.Comments = n
	return r, false, nil
}

// parseDate parses s in column c and lets the first column to show a day
// order set the file's.
func (im *importer) parseDate(c *dateColumn, s string) (time.Time, error) {
	t, err := c.parse(s, im.order)
	if im.order == orderUnknown {
		im.order = c.order
	}
	return t, err
}

// parseCount reads a comment count: empty is 0; a whole number, also as
// "3.0"; anything else (negative, fractional, text) is 0 and not ok.
func parseCount(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 {
			return 0, false
		}
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > math.MaxInt32 || f != math.Trunc(f) {
		return 0, false
	}
	return int(f), true
}

var stateKey = strings.NewReplacer(" ", "_", "-", "_")

// normaliseState maps the four review states in any case and spacing
// ("Changes requested") to GitHub's names; others stay as written.
func normaliseState(s string) string {
	if len(s) > len("CHANGES_REQUESTED") {
		return s
	}
	switch k := strings.ToUpper(stateKey.Replace(s)); k {
	case "APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED":
		return k
	}
	return s
}

// notes describes the date orders used and the values that were read as
// empty or left out.
func (im *importer) notes() []string {
	switch im.h.spec {
	case reviewSpec:
		return im.reviewNotes()
	case gitlabSpec:
		return im.gitlabNotes()
	case outlookSpec:
		return im.outlookNotes()
	case interactionsSpec:
		return im.interactionNotes()
	}
	return nil
}

func (im *importer) reviewNotes() []string {
	var notes []string
	if n := im.submitted.note(im.h.names[vSubmitted], im.order); n != "" {
		notes = append(notes, n)
	}
	if im.h.has(vCreated) {
		if n := im.created.note(im.h.names[vCreated], im.order); n != "" {
			notes = append(notes, n)
		}
	}
	if im.badCreated > 0 {
		notes = append(notes, fmt.Sprintf("column '%s': %d value(s) were not dates; those reviews were kept without a created time", im.h.names[vCreated], im.badCreated))
	}
	if im.badComments > 0 {
		notes = append(notes, fmt.Sprintf("column '%s': %d value(s) were not whole numbers and were read as 0", im.h.names[vComments], im.badComments))
	}
	return notes
}
