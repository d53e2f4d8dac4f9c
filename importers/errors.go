package importers

import (
	"errors"

	"github.com/multiplier/multiplier/importers/parse"
)

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

// ErrBadMapping is wrapped when a column mapping does not fit the file or
// this package: a format or field it does not know, a sheet or header row
// the file does not have, a file that is not a spreadsheet or CSV. A
// mapping that leaves out a column the format needs wraps
// ErrMissingColumn instead.
var ErrBadMapping = errors.New("column mapping does not fit")

// ParseError is a positioned error: file, sheet or entry, row, column.
type ParseError = parse.ParseError

func badValue(kind error, value, what string) error { return parse.BadValue(kind, value, what) }

func quote(s string) string { return parse.Quote(s) }

// AcceptedFormats lists, for a person, the formats Multiplier reads — this
// package's and those of its sibling readers — for the message about a
// file it does not.
func AcceptedFormats() string {
	return "HR roster (.xlsx/.csv with Name, Email, Team…), review spreadsheet (Author, Reviewer, Submitted…), " +
		"GitLab merge-request CSV, Gerrit query JSON, GitHub pulls/reviews JSON, Outlook calendar CSV, " +
		"iCalendar .ics, Slack export .zip, interactions sheet (From, To, Kind, Timestamp)"
}

// unrecognised returns the error for a file that is none of our formats,
// wrapping ErrUnrecognised: "notes.csv: not a format Multiplier reads.
// Accepted: …", with why after the first sentence when given.
func unrecognised(file, why string) error {
	msg := file + ": not a format Multiplier reads"
	if why != "" {
		msg += ": " + why
	}
	return parse.ValueError(msg+". Accepted: "+AcceptedFormats(), ErrUnrecognised)
}
