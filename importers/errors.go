package importers

import "github.com/multiplier/multiplier/importers/parse"

// The sentinel errors; see package parse, which every reader shares.
var (
	ErrUnrecognised  = parse.ErrUnrecognised
	ErrCorrupt       = parse.ErrCorrupt
	ErrMissingColumn = parse.ErrMissingColumn
	ErrBadDate       = parse.ErrBadDate
	ErrMissingValue  = parse.ErrMissingValue
	ErrBadNumber     = parse.ErrBadNumber
	ErrSelfReview    = parse.ErrSelfReview
)

// ParseError is a positioned error: file, sheet or entry, row, column.
type ParseError = parse.ParseError

func badValue(kind error, value, what string) error { return parse.BadValue(kind, value, what) }

func quote(s string) string { return parse.Quote(s) }
