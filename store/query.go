package store

import (
	"context"
	"database/sql"
	"fmt"
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
// to, or leaves the key as it is when no roster person claims it.
const resolved = `COALESCE((SELECT p.email FROM identities i JOIN people p ON p.id = i.person_id
	WHERE i.key = %s), %s)`

// Interactions returns the interactions whose time falls in p (all of
// them for the zero Period), with From and To resolved to roster emails
// where an identity matches, ordered by time.
func (s *Store) Interactions(ctx context.Context, p multiplier.Period) ([]multiplier.Interaction, error) {
	q := `SELECT kind, ` + fmt.Sprintf(resolved, "x.from_key", "x.from_key") + `, ` +
		fmt.Sprintf(resolved, "x.to_key", "x.to_key") + `,
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

// Unmatched is an identity seen in interactions that no roster person
// claims, with how many interactions name it.
type Unmatched struct {
	Key   string
	Count int
}

// Unmatched lists identities no roster person claims, most frequent
// first. sourceID limits it to one source; 0 means every source.
func (s *Store) Unmatched(ctx context.Context, sourceID int64) ([]Unmatched, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, COUNT(*) AS n FROM (
			SELECT from_key AS key FROM interactions WHERE ?1 = 0 OR source_id = ?1
			UNION ALL
			SELECT to_key FROM interactions WHERE ?1 = 0 OR source_id = ?1)
		WHERE key NOT IN (SELECT key FROM identities)
		GROUP BY key ORDER BY n DESC, key`, sourceID)
	if err != nil {
		return nil, fmt.Errorf("list unmatched identities: %w", err)
	}
	defer rows.Close()
	var out []Unmatched
	for rows.Next() {
		var u Unmatched
		if err := rows.Scan(&u.Key, &u.Count); err != nil {
			return nil, fmt.Errorf("list unmatched identities: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Matched counts the distinct roster people named by a source's
// interactions (or, for a roster, the people it holds).
func (s *Store) Matched(ctx context.Context, sourceID int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(DISTINCT person_id) FROM identities
		WHERE key IN (SELECT from_key FROM interactions WHERE source_id = ?1
		              UNION SELECT to_key FROM interactions WHERE source_id = ?1)`, sourceID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count matched people: %w", err)
	}
	return n, nil
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
	_, err = s.db.ExecContext(ctx, `INSERT INTO identities (key, person_id, kind) VALUES (?, ?, 'manual')
		ON CONFLICT (key) DO UPDATE SET person_id = excluded.person_id, kind = 'manual'`, key, id)
	if err != nil {
		return fmt.Errorf("merge %s: %w", key, err)
	}
	return nil
}
