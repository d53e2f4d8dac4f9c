package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/multiplier/multiplier"
)

// MaxIssues is how many skipped rows a source keeps for its report.
const MaxIssues = 1000

// Import is the transaction of one imported file. Feed it records with
// Person and Review, then Commit or Rollback. It is not safe for
// concurrent use. Nothing it wrote is visible, or kept, before Commit.
type Import struct {
	st       *Store
	keys     map[string]int // identity key → mentions in this file, for its report
	ctx      context.Context
	tx       *sql.Tx
	sourceID int64
	counts   Counts
	issues   int
	person   *sql.Stmt
	ident    *sql.Stmt
	review   *sql.Stmt // inserts batchSize interactions
	batch    []any     // interaction values not yet written
	meeting  *sql.Stmt
	attendee *sql.Stmt
	alias    *sql.Stmt
	done     bool
	err      error // a flush error Counts could not return
}

// Begin starts the import of one file. src.Name, Kind, Format and SHA256
// must be set; a source with the same SHA256 makes Commit fail.
func (s *Store) Begin(ctx context.Context, src Source) (*Import, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin import: %w", err)
	}
	im := &Import{ctx: ctx, tx: tx, st: s, keys: map[string]int{}}
	if err := im.prepare(src); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("begin import: %w", err)
	}
	return im, nil
}

func (im *Import) prepare(src Source) error {
	res, err := im.tx.ExecContext(im.ctx,
		`INSERT INTO sources (name, kind, format, sha256, imported_at) VALUES (?, ?, ?, ?, ?)`,
		src.Name, src.Kind, src.Format, src.SHA256, time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("insert source: %w", err)
	}
	if im.sourceID, err = res.LastInsertId(); err != nil {
		return err
	}
	if im.person, err = im.tx.PrepareContext(im.ctx, upsertPerson); err != nil {
		return err
	}
	if im.ident, err = im.tx.PrepareContext(im.ctx, upsertIdentity); err != nil {
		return err
	}
	if im.review, err = im.tx.PrepareContext(im.ctx, insertInteractions(batchSize)); err != nil {
		return err
	}
	if im.meeting, err = im.tx.PrepareContext(im.ctx, insertMeeting); err != nil {
		return err
	}
	if im.attendee, err = im.tx.PrepareContext(im.ctx, insertAttendee); err != nil {
		return err
	}
	im.alias, err = im.tx.PrepareContext(im.ctx, upsertAlias)
	return err
}

const insertMeeting = `INSERT OR IGNORE INTO meetings
	(uid, subject, start, end, organizer_key, size, source_id) VALUES (?, ?, ?, ?, ?, ?, ?)`

const insertAttendee = `INSERT OR IGNORE INTO meeting_people (meeting_id, key, organizer) VALUES (?, ?, ?)`

const upsertAlias = `INSERT INTO aliases (key, email, name, source_id) VALUES (?, ?, ?, ?)
	ON CONFLICT (key) DO UPDATE SET email = excluded.email, name = excluded.name, source_id = excluded.source_id`

const upsertPerson = `INSERT INTO people
	(email, name, team, department, title, level, manager, github, slack_id, source_id)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (email) DO UPDATE SET
		name = excluded.name, team = excluded.team, department = excluded.department,
		title = excluded.title, level = excluded.level, manager = excluded.manager,
		github = excluded.github, slack_id = excluded.slack_id, source_id = excluded.source_id
	RETURNING id`

// A manual merge made by the user wins over what a roster says.
const upsertIdentity = `INSERT INTO identities (key, person_id, kind) VALUES (?, ?, ?)
	ON CONFLICT (key) DO UPDATE SET person_id = excluded.person_id, kind = excluded.kind
	WHERE identities.kind <> 'manual'`

// insertInteractions is an INSERT of n interactions; one already in the
// workspace (same kind, context, ref, From and time) is ignored.
func insertInteractions(n int) string {
	row := "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	return `INSERT OR IGNORE INTO interactions
	(kind, from_key, to_key, at, requested, latency_hours, weight, context, ref, state, comments, source_id)
	VALUES ` + strings.Repeat(row+", ", n-1) + row
}

// Person adds or updates a roster person, keyed by email, and the
// identities that lead to them: email, GitHub login, Slack ID and name.
func (im *Import) Person(p multiplier.Person) error {
	email := multiplier.IdentityKey(p.Email)
	if email == "" {
		return fmt.Errorf("store person: no email")
	}
	var id int64
	err := im.person.QueryRowContext(im.ctx, email, strings.TrimSpace(p.Name), p.Team, p.Department,
		p.Title, p.Level, p.Manager, p.GitHub, p.SlackID, im.sourceID).Scan(&id)
	if err != nil {
		return fmt.Errorf("store person %s: %w", email, im.cause(err))
	}
	for _, ident := range []struct{ key, kind string }{
		{p.Name, "name"}, {p.SlackID, "slack"}, {p.GitHub, "github"}, {email, "email"},
	} {
		if err := im.identity(id, ident.key, ident.kind); err != nil {
			return err
		}
	}
	if local, _, ok := strings.Cut(email, "@"); ok && local != "" {
		// The part before @ is often the login in other tools; it never
		// displaces an identity that a roster column or a merge gave.
		if _, err := im.tx.ExecContext(im.ctx, `INSERT INTO identities (key, person_id, kind)
			VALUES (?, ?, 'email-local') ON CONFLICT (key) DO NOTHING`, local, id); err != nil {
			return fmt.Errorf("store identity %s: %w", local, im.cause(err))
		}
	}
	im.counts.Imported++
	return nil
}

func (im *Import) identity(personID int64, raw, kind string) error {
	key := multiplier.IdentityKey(raw)
	if key == "" {
		return nil
	}
	if _, err := im.ident.ExecContext(im.ctx, key, personID, kind); err != nil {
		return fmt.Errorf("store identity %s: %w", key, im.cause(err))
	}
	return nil
}

// Review adds one review as a review interaction from reviewer to author.
// A review already in the workspace (same repository, change, reviewer
// and submitted time, from any file) is counted as a duplicate, not added.
func (im *Import) Review(r multiplier.Review) error {
	in := multiplier.Interaction{
		Kind: multiplier.KindReview, From: r.Reviewer, To: r.Author,
		At: r.Submitted, Requested: r.Created, Weight: 1,
		Context: r.Repository, Ref: r.Change, State: r.State, Comments: r.Comments,
	}
	return im.Interaction(in)
}

// Interaction adds one interaction; From and To are identities as the
// export wrote them. An identical interaction (same kind, context, ref,
// From and time) counts as a duplicate.
// Interactions are written batchSize at a time: one statement per batch
// costs far less than one per row. Counts are exact once flushed.
func (im *Import) Interaction(in multiplier.Interaction) error {
	var requested, latency any
	if !in.Requested.IsZero() {
		requested = in.Requested.Unix()
	}
	if h, ok := in.LatencyHours(); ok {
		latency = h
	}
	from, to := multiplier.IdentityKey(in.From), multiplier.IdentityKey(in.To)
	im.keys[from]++
	im.keys[to]++
	im.batch = append(im.batch, string(in.Kind), from, to, in.At.Unix(),
		requested, latency, in.Weight, in.Context, in.Ref, in.State, in.Comments, im.sourceID)
	if len(im.batch) == batchSize*interactionCols {
		return im.flush()
	}
	return nil
}

const (
	batchSize       = 8 // interactions per INSERT; modernc binds in O(params²), so keep it small
	interactionCols = 12
)

// flush writes the batched interactions and counts the new and the
// duplicate ones.
func (im *Import) flush() error {
	rows := len(im.batch) / interactionCols
	if rows == 0 {
		return nil
	}
	stmt := im.review
	if rows != batchSize {
		var err error
		if stmt, err = im.tx.PrepareContext(im.ctx, insertInteractions(rows)); err != nil {
			return fmt.Errorf("insert interactions: %w", im.cause(err))
		}
		defer stmt.Close()
	}
	res, err := stmt.ExecContext(im.ctx, im.batch...)
	if err != nil {
		return fmt.Errorf("insert interactions: %w", im.cause(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("insert interactions: %w", err)
	}
	im.counts.Imported += int(n)
	im.counts.Duplicate += rows - int(n)
	im.batch = im.batch[:0]
	return nil
}

// Meeting adds one meeting occurrence and the people in it. The same
// meeting (start, organizer and subject) from any file counts as a
// duplicate, not added.
func (im *Import) Meeting(m multiplier.Meeting) error {
	org := multiplier.IdentityKey(m.Organizer)
	people := meetingKeys(org, m.Attendees)
	res, err := im.meeting.ExecContext(im.ctx, m.UID, m.Subject, m.Start.Unix(), m.End.Unix(),
		org, len(people), im.sourceID)
	if err != nil {
		return fmt.Errorf("insert meeting: %w", im.cause(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		im.counts.Duplicate++
		return nil
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("insert meeting: %w", err)
	}
	for _, k := range people {
		im.keys[k]++
		if _, err := im.attendee.ExecContext(im.ctx, id, k, k == org); err != nil {
			return fmt.Errorf("insert meeting attendee: %w", im.cause(err))
		}
	}
	im.counts.Imported++
	return nil
}

// meetingKeys lists the identity keys of a meeting's people, organizer
// first, without empties or repeats.
func meetingKeys(org string, attendees []string) []string {
	seen := map[string]bool{"": true}
	var keys []string
	for _, raw := range append([]string{org}, attendees...) {
		k := multiplier.IdentityKey(raw)
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

// Alias records that a tool's identity (a Slack member ID…) belongs to
// the person with an email. It applies whether that person's roster row
// comes before or after, and a later export's alias replaces an earlier.
func (im *Import) Alias(a multiplier.Alias) error {
	key, email := multiplier.IdentityKey(a.Identity), multiplier.IdentityKey(a.Email)
	if key == "" || email == "" {
		return nil
	}
	if _, err := im.alias.ExecContext(im.ctx, key, email, a.Name, im.sourceID); err != nil {
		return fmt.Errorf("store alias %s: %w", key, im.cause(err))
	}
	im.counts.Imported++
	return nil
}

// Skip keeps the reason for a row the importer could not use, for the
// import report; past MaxIssues rows it keeps nothing more.
func (im *Import) Skip(row, col int, message string) error {
	im.issues++
	if im.issues > MaxIssues {
		return nil
	}
	_, err := im.tx.ExecContext(im.ctx,
		`INSERT INTO source_issues (source_id, row, col, message) VALUES (?, ?, ?, ?)`,
		im.sourceID, row, col, message)
	if err != nil {
		return fmt.Errorf("store skipped row: %w", err)
	}
	return nil
}

// cause returns the context's error when the context ended the
// transaction (database/sql then closes its statements), else err.
func (im *Import) cause(err error) error {
	if cerr := im.ctx.Err(); cerr != nil {
		return cerr
	}
	return err
}

// Summarize resolves the identities this import's records named, once
// each, against the workspace as it is now; call it after Commit. It
// counts what was read, duplicates included, so a re-read file reports
// the same attribution.
func (im *Import) Summarize(ctx context.Context) (Summary, error) {
	keys := make([]keyCount, 0, len(im.keys))
	for k, n := range im.keys {
		if k != "" {
			keys = append(keys, keyCount{key: k, n: n})
		}
	}
	slices.SortFunc(keys, func(a, b keyCount) int { return strings.Compare(a.key, b.key) })
	if err := im.st.resolveKeys(ctx, keys); err != nil {
		return Summary{}, fmt.Errorf("summarise identities: %w", err)
	}
	return summarize(keys), nil
}

// SetKind records the file's kind and format once the reader has
// recognised them (Begin need not know them yet).
func (im *Import) SetKind(kind, format string) error {
	_, err := im.tx.ExecContext(im.ctx, `UPDATE sources SET kind = ?, format = ? WHERE id = ?`, kind, format, im.sourceID)
	if err != nil {
		return fmt.Errorf("store source kind: %w", im.cause(err))
	}
	return nil
}

// SourceID is the ID the source will have once committed.
func (im *Import) SourceID() int64 { return im.sourceID }

// Counts returns what this import stored so far (Imported, Duplicate),
// writing any batched interactions first.
func (im *Import) Counts() Counts {
	if err := im.flush(); err != nil {
		im.err = err
	}
	return im.counts
}

// Commit stores the file's counts and makes everything it wrote
// permanent. Read, Skipped, Bots and Self come from rows, which the
// importer counted; Imported and Duplicate are this import's own.
func (im *Import) Commit(rows Counts) error {
	if err := im.flush(); err != nil {
		im.Rollback()
		return fmt.Errorf("commit import: %w", err)
	}
	if im.err != nil {
		im.Rollback()
		return fmt.Errorf("commit import: %w", im.err)
	}
	im.counts.Read, im.counts.Skipped, im.counts.Bots, im.counts.Self = rows.Read, rows.Skipped, rows.Bots, rows.Self
	c := im.counts
	_, err := im.tx.ExecContext(im.ctx, `UPDATE sources SET rows_read = ?, rows_imported = ?,
		rows_duplicate = ?, rows_skipped = ?, rows_bots = ?, rows_self = ? WHERE id = ?`,
		c.Read, c.Imported, c.Duplicate, c.Skipped, c.Bots, c.Self, im.sourceID)
	if err != nil {
		im.Rollback()
		return fmt.Errorf("commit import: %w", err)
	}
	im.done = true
	if err := im.tx.Commit(); err != nil {
		return fmt.Errorf("commit import: %w", err)
	}
	return nil
}

// Rollback abandons the import; the workspace is as it was before Begin.
// It is safe to call after Commit (it does nothing then).
func (im *Import) Rollback() {
	if im.done {
		return
	}
	im.done = true
	im.tx.Rollback()
}
