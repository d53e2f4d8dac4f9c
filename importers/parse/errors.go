package parse

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Sentinel errors. Errors returned by the importers, and the Err of each
// ParseError, wrap one of these; test with errors.Is.
var (
	// ErrUnrecognised: the file is none of the formats Multiplier reads.
	ErrUnrecognised = errors.New("not a roster or a review export")
	// ErrCorrupt: the file is of a known format but damaged or truncated,
	// or (for archives) larger than the limits when unpacked.
	ErrCorrupt = errors.New("damaged file")
	// ErrMissingColumn: the header looks like a known kind but lacks a
	// column that kind requires.
	ErrMissingColumn = errors.New("missing column")
	// ErrBadDate: a date or time value could not be read.
	ErrBadDate = errors.New("not a date")
	// ErrMissingValue: a required value (email, author, reviewer,
	// submitted time) is empty or is a placeholder such as "TBD" for an
	// email.
	ErrMissingValue = errors.New("missing value")
	// ErrBadNumber: a number could not be read, e.g. an interaction
	// weight. An unreadable review comment count is not a fault: it is
	// taken as 0 and counted in a note.
	ErrBadNumber = errors.New("not a number")
	// ErrSelfReview: the reviewer is the author of the change (same
	// identity key); the row is skipped.
	ErrSelfReview = errors.New("self-review")
)

// ParseError is a positioned error, like encoding/csv's ParseError.
// Readers return it for header problems and list it in Stats.Skipped for
// rows they skipped. For a JSON or archive format Sheet names the entry
// (e.g. "help-payments/2026-05-07.json") and Row the line or item.
type ParseError struct {
	File   string // base name of the file
	Sheet  string // xlsx sheet; empty for CSV
	Row    int    // 1-based row as a person sees it in Excel or a text editor; 0 when not about a row
	Col    int    // 1-based column; 0 when not about one column
	Column string // header text of that column, when known
	Err    error  // what went wrong; wraps one of the Err sentinels
}

// Error formats e as, for example:
//
//	reviews.xlsx, sheet reviews, row 812, column 'Review Submitted At': "n/a" is not a date
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Sheet != "" {
		b.WriteString(", sheet ")
		b.WriteString(e.Sheet)
	}
	if e.Row > 0 {
		b.WriteString(", row ")
		b.WriteString(strconv.Itoa(e.Row))
	}
	switch {
	case e.Column != "":
		b.WriteString(", column '")
		b.WriteString(e.Column)
		b.WriteString("'")
	case e.Col > 0:
		b.WriteString(", column ")
		b.WriteString(strconv.Itoa(e.Col))
	}
	b.WriteString(": ")
	if e.Err == nil {
		b.WriteString("unknown error")
	} else {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns e.Err.
func (e *ParseError) Unwrap() error { return e.Err }

// valueError is a message about one value that wraps a sentinel without
// repeating its text, so a user reads `"n/a" is not a date` while
// errors.Is(err, ErrBadDate) holds.
type valueError struct {
	msg  string
	kind error
}

func (e *valueError) Error() string { return e.msg }
func (e *valueError) Unwrap() error { return e.kind }

// ValueError returns an error that reads msg and wraps kind, one of the
// sentinels.
func ValueError(msg string, kind error) error { return &valueError{msg: msg, kind: kind} }

// BadValue returns an error saying that value is not what kind wants,
// e.g. `"n/a" is not a date`, wrapping kind.
func BadValue(kind error, value, what string) error {
	return &valueError{msg: Quote(value) + " is not " + what, kind: kind}
}

// Quote quotes s for a message, shortened to 40 runes so a stray huge cell
// cannot flood the report.
func Quote(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max]) + "…"
	}
	return strconv.Quote(s)
}
