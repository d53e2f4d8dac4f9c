package store

import (
	"context"
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
)

// Pseudonyms returns the pseudonym number of each email, giving the next
// free numbers to emails that have none yet, in the order of the SHA-256
// of the lower-case email (so the order says nothing about the roster).
// Numbers are kept in the workspace: an email keeps its number in every
// later call. It runs in one transaction.
func (s *Store) Pseudonyms(ctx context.Context, emails []string) (map[string]int, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("pseudonyms: %w", err)
	}
	defer tx.Rollback()
	out := map[string]int{}
	next := 1
	rows, err := tx.QueryContext(ctx, `SELECT email, number FROM pseudonyms`)
	if err != nil {
		return nil, fmt.Errorf("pseudonyms: %w", err)
	}
	known := map[string]int{}
	for rows.Next() {
		var e string
		var n int
		if err := rows.Scan(&e, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("pseudonyms: %w", err)
		}
		known[e] = n
		next = max(next, n+1)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pseudonyms: %w", err)
	}
	var fresh []string
	for _, e := range emails {
		e = strings.ToLower(strings.TrimSpace(e))
		if n, ok := known[e]; ok {
			out[e] = n
		} else if _, seen := out[e]; !seen {
			out[e] = 0 // numbered below
			fresh = append(fresh, e)
		}
	}
	hash := func(e string) string { h := sha256.Sum256([]byte(e)); return string(h[:]) }
	slices.SortFunc(fresh, func(a, b string) int { return strings.Compare(hash(a), hash(b)) })
	for _, e := range fresh {
		if _, err := tx.ExecContext(ctx, `INSERT INTO pseudonyms (email, number) VALUES (?, ?)`, e, next); err != nil {
			return nil, fmt.Errorf("pseudonyms: %w", err)
		}
		out[e] = next
		next++
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("pseudonyms: %w", err)
	}
	return out, nil
}
