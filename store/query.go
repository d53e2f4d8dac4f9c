package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/multiplier/multiplier"
)

// People returns the roster, ordered by name.
func (s *Store) People(ctx context.Context) ([]multiplier.Person, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT email, name, team, department, title, level,
		manager, github, slack_id FROM people ORDER BY name COLLATE NOCASE, email`)
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	defer rows.Close()
	var out []multiplier.Person
	for rows.Next() {
		var p multiplier.Person
		if err := rows.Scan(&p.Email, &p.Name, &p.Team, &p.Department, &p.Title, &p.Level,
			&p.Manager, &p.GitHub, &p.SlackID); err != nil {
			return nil, fmt.Errorf("list people: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// resolved maps an identity key column to the roster email it belongs
// to — directly, or through an alias's email — or leaves the key as it is
// when no roster person claims it.
const resolved = `COALESCE(
	(SELECT p.email FROM identities i JOIN people p ON p.id = i.person_id WHERE i.key = %[1]s),
	(SELECT p.email FROM aliases a JOIN identities i ON i.key = a.email
		JOIN people p ON p.id = i.person_id WHERE a.key = %[1]s),
	%[1]s)`

// claimed is a condition on an identity key column: a roster person
// claims it, directly or through an alias.
const claimed = `(%[1]s IN (SELECT key FROM identities) OR
	%[1]s IN (SELECT a.key FROM aliases a JOIN identities i ON i.key = a.email))`

// Interactions returns the interactions whose time falls in p (all of
// them for the zero Period), with From and To resolved to roster emails
// where an identity matches, ordered by time.
func (s *Store) Interactions(ctx context.Context, p multiplier.Period) ([]multiplier.Interaction, error) {
	q := `SELECT kind, ` + fmt.Sprintf(resolved, "x.from_key") + `, ` +
		fmt.Sprintf(resolved, "x.to_key") + `,
		at, requested, weight, context, ref, state, comments
		FROM interactions x WHERE at >= ? AND at < ? ORDER BY at, id`
	from, to := bounds(p)
	rows, err := s.db.QueryContext(ctx, q, from, to)
	if err != nil {
		return nil, fmt.Errorf("list interactions: %w", err)
	}
	defer rows.Close()
	var out []multiplier.Interaction
	for rows.Next() {
		in, err := scanInteraction(rows)
		if err != nil {
			return nil, fmt.Errorf("list interactions: %w", err)
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

func bounds(p multiplier.Period) (int64, int64) {
	from, to := int64(-1<<62), int64(1<<62)
	if !p.From.IsZero() {
		from = p.From.Unix()
	}
	if !p.To.IsZero() {
		to = p.To.AddDate(0, 0, 1).Unix()
	}
	return from, to
}

func scanInteraction(rows *sql.Rows) (multiplier.Interaction, error) {
	var in multiplier.Interaction
	var kind string
	var at int64
	var requested sql.NullInt64
	err := rows.Scan(&kind, &in.From, &in.To, &at, &requested, &in.Weight,
		&in.Context, &in.Ref, &in.State, &in.Comments)
	in.Kind = multiplier.Kind(kind)
	in.At = time.Unix(at, 0).UTC()
	if requested.Valid {
		in.Requested = time.Unix(requested.Int64, 0).UTC()
	}
	return in, err
}

// Span returns the days covered by all interactions, or the zero Period
// when there are none.
func (s *Store) Span(ctx context.Context) (multiplier.Period, error) {
	var lo, hi sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT MIN(at), MAX(at) FROM interactions`).Scan(&lo, &hi)
	if err != nil {
		return multiplier.Period{}, fmt.Errorf("read span: %w", err)
	}
	if !lo.Valid {
		return multiplier.Period{}, nil
	}
	return multiplier.Period{
		From: multiplier.Day(time.Unix(lo.Int64, 0)),
		To:   multiplier.Day(time.Unix(hi.Int64, 0)),
	}, nil
}

// Unmatched is an identity seen in interactions or meetings that no
// roster person claims, with how many records name it. Name is what an
// alias says of it (a Slack member's email or name), if anything.
type Unmatched struct {
	Key   string
	Count int
	Name  string
}

// Unmatched lists identities no roster person claims, most frequent
// first. sourceID limits it to one source; 0 means every source.
func (s *Store) Unmatched(ctx context.Context, sourceID int64) ([]Unmatched, error) {
	sum, err := s.Summarize(ctx, sourceID)
	return sum.Unmatched, err
}

// Attribution counts, for one source (0: all), the identity mentions in
// its interactions and meetings, and how many of them a roster person
// claims.
func (s *Store) Attribution(ctx context.Context, sourceID int64) (claimedN, total int, err error) {
	sum, err := s.Summarize(ctx, sourceID)
	return sum.Attributed, sum.Mentions, err
}

// Summary is what one source's (or, for ID 0, every source's)
// interactions and meetings say about identities.
type Summary struct {
	Matched    int // distinct roster people named
	Attributed int // identity mentions that name roster people
	Mentions   int // all identity mentions
	Unmatched  []Unmatched
}

// Summarize resolves a source's identities once and sums them up.
func (s *Store) Summarize(ctx context.Context, sourceID int64) (Summary, error) {
	keys, err := s.keyCounts(ctx, sourceID)
	if err != nil {
		return Summary{}, fmt.Errorf("summarise identities: %w", err)
	}
	return summarize(keys), nil
}

// resolveKeys fills each key's email, claimed and alias from the
// identities and aliases as they are now.
func (s *Store) resolveKeys(ctx context.Context, keys []keyCount) error {
	stmt, err := s.db.PrepareContext(ctx, `SELECT `+fmt.Sprintf(resolved, "?1")+`, `+fmt.Sprintf(claimed, "?1")+`,
		COALESCE((SELECT CASE WHEN a.name <> '' THEN a.name || ' <' || a.email || '>' ELSE a.email END
			FROM aliases a WHERE a.key = ?1), '')`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i := range keys {
		k := &keys[i]
		if err := stmt.QueryRowContext(ctx, k.key).Scan(&k.email, &k.claimed, &k.alias); err != nil {
			return err
		}
	}
	return nil
}

// summarize sums resolved keys up.
func summarize(keys []keyCount) Summary {
	var sum Summary
	people := map[string]bool{}
	for _, k := range keys {
		sum.Mentions += k.n
		if k.claimed {
			sum.Attributed += k.n
			people[k.email] = true
		} else {
			sum.Unmatched = append(sum.Unmatched, Unmatched{Key: k.key, Count: k.n, Name: k.alias})
		}
	}
	sum.Matched = len(people)
	slices.SortStableFunc(sum.Unmatched, func(a, b Unmatched) int { return b.Count - a.Count })
	return sum
}

// keyCount is one identity key of a source with how often it is named
// and whom it resolves to.
type keyCount struct {
	key, email, alias string
	n                 int
	claimed           bool
}

// keyCounts groups the identity keys that a source's interactions and
// meetings name (0: every source), in key order, and resolves each once.
func (s *Store) keyCounts(ctx context.Context, sourceID int64) ([]keyCount, error) {
	q := `SELECT u.key, u.n, ` + fmt.Sprintf(resolved, "u.key") + `, ` + fmt.Sprintf(claimed, "u.key") + `,
			COALESCE((SELECT CASE WHEN a.name <> '' THEN a.name || ' <' || a.email || '>' ELSE a.email END
				FROM aliases a WHERE a.key = u.key), '')
		FROM (SELECT key, SUM(n) AS n FROM (
			SELECT from_key AS key, COUNT(*) AS n FROM interactions WHERE ?1 = 0 OR source_id = ?1 GROUP BY from_key
			UNION ALL
			SELECT to_key, COUNT(*) FROM interactions WHERE ?1 = 0 OR source_id = ?1 GROUP BY to_key
			UNION ALL
			SELECT mp.key, COUNT(*) FROM meeting_people mp JOIN meetings m ON m.id = mp.meeting_id
			WHERE ?1 = 0 OR m.source_id = ?1 GROUP BY mp.key) WHERE key <> '' GROUP BY key) u
		ORDER BY u.key`
	rows, err := s.db.QueryContext(ctx, q, sourceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []keyCount
	for rows.Next() {
		var k keyCount
		if err := rows.Scan(&k.key, &k.n, &k.email, &k.claimed, &k.alias); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// Merge joins an identity key to the roster person with the given email.
// The merge is kept over later roster imports and applies to every
// interaction, past and future.
func (s *Store) Merge(ctx context.Context, identity, email string) error {
	key, email := multiplier.IdentityKey(identity), multiplier.IdentityKey(email)
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM people WHERE email = ?`, email).Scan(&id)
	if err == sql.ErrNoRows {
		return fmt.Errorf("merge %s: no roster person with email %s", key, email)
	}
	if err != nil {
		return fmt.Errorf("merge %s: %w", key, err)
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("merge %s: %w", key, err)
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `INSERT INTO identities (key, person_id, kind) VALUES (?, ?, 'manual')
		ON CONFLICT (key) DO UPDATE SET person_id = excluded.person_id, kind = 'manual'`, key, id)
	if err != nil {
		return fmt.Errorf("merge %s: %w", key, busy(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("merge %s: %w", key, busy(err))
	}
	return nil
}

// Meetings returns the meetings that start in p (all for the zero
// Period), with the organizer and attendees resolved to roster emails
// where an identity matches, ordered by start.
func (s *Store) Meetings(ctx context.Context, p multiplier.Period) ([]multiplier.Meeting, error) {
	from, to := bounds(p)
	q := `SELECT m.id, m.uid, m.subject, m.start, m.end, mp.organizer, ` + fmt.Sprintf(resolved, "mp.key") + `
		FROM meetings m JOIN meeting_people mp ON mp.meeting_id = m.id
		WHERE m.start >= ? AND m.start < ? ORDER BY m.start, m.id, mp.organizer DESC, mp.key`
	rows, err := s.db.QueryContext(ctx, q, from, to)
	if err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	defer rows.Close()
	var out []multiplier.Meeting
	last := int64(-1)
	seen := map[string]bool{} // the current meeting's people, so a list of any size de-duplicates in linear time
	for rows.Next() {
		var id, start, end int64
		var organizer bool
		var m multiplier.Meeting
		var who string
		if err := rows.Scan(&id, &m.UID, &m.Subject, &start, &end, &organizer, &who); err != nil {
			return nil, fmt.Errorf("list meetings: %w", err)
		}
		if id != last {
			m.Start, m.End = time.Unix(start, 0).UTC(), time.Unix(end, 0).UTC()
			out = append(out, m)
			last = id
			clear(seen)
		}
		cur := &out[len(out)-1]
		switch {
		case organizer:
			cur.Organizer = who
		case len(cur.Attendees) == multiplier.MaxAttendees:
			// Imports cut longer lists; one kept from before that was
			// cut here.
		case who != cur.Organizer && !seen[who]:
			// Two spellings of one person (email and name) count once.
			seen[who] = true
			cur.Attendees = append(cur.Attendees, who)
		}
	}
	return out, rows.Err()
}
