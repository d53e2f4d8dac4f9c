package importers

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/importers/parse"
)

// Kind is the kind of file Import recognised.
type Kind string

// The kinds of file Import reads, and the kinds the other readers of
// Multiplier (ics, slack, reviewjson) give, so the dispatcher can name them.
const (
	KindRoster       Kind = "roster"       // HR roster: one person per row, yields Person records
	KindReviews      Kind = "reviews"      // review export or GitLab merge-request CSV: yields Review records
	KindMeetings     Kind = "meetings"     // calendar exports: Meeting records
	KindChat         Kind = "chat"         // chat exports: Alias and Interaction records
	KindInteractions Kind = "interactions" // generic sheet: Interaction records
)

// Sink receives records as they are read, in file order; it is the sink
// every reader of Multiplier shares (see package parse). Import calls it
// from the caller's goroutine and only the methods that fit the file's
// kind. An error from the sink stops the import and is returned, wrapped.
type Sink = parse.Sink

// Report says what Import read. After a successful import,
// Rows = Imported + Bots + SelfReviews + SkippedCount.
type Report struct {
	File   string // base name of the file
	Kind   Kind
	Format string // "xlsx" or "csv" (any delimited text, UTF-8, Windows-1252 or UTF-16)
	// Source names the tool format recognised: "roster", "review sheet",
	// "gitlab-mr-csv", "outlook-csv" or "interactions sheet".
	Source string
	Sheet  string // xlsx sheet used; empty for CSV
	// Columns maps our field name to the header text it was read from.
	// Roster fields: name, email, team, department, title, level, manager,
	// github, slack. Review sheet fields: repository, change, title,
	// author, created, merged, reviewer, submitted, state, comments.
	// GitLab fields: change, url, title, author, author username,
	// approvers, approver usernames, target project, created, updated,
	// merged. Outlook fields: subject, start date, start time, end date,
	// end time, all day, organizer, attendees, optional attendees,
	// resources. Interactions sheet fields: from, to, kind, timestamp,
	// weight, context.
	Columns map[string]string
	// Signature identifies the layout of the header row read (see
	// Signature); empty for the formats that have no header row.
	Signature string
	// Mapping is the column mapping the rows were read with when one was
	// given (Options.Mapping) or found for the header's Signature
	// (Options.Remembered): every field read, with the row and sheet of
	// the header. It is nil when the header was recognised by itself.
	Mapping *Mapping
	// Rows counts the records read: data rows, not counting header, junk
	// above it, blank rows, Outlook all-day events and GitLab merge
	// requests without approvers; a GitLab row counts once per approver,
	// or once when it is skipped.
	Rows         int
	Imported     int           // records handed to the sink
	Bots         int           // records left out because a bot was involved (author, reviewer, approver, From or To); not errors
	SelfReviews  int           // records where someone answered their own change, or From and To are one person: no help to anyone, not errors
	Skipped      []*ParseError // skipped records with reasons, the first 1000 of them
	SkippedCount int           // all skipped records
	Notes        []string      // notes for a person, e.g. "column 'Submitted': dates read day-first (European)"
}

const (
	maxSkipped  = 1000 // ParseErrors kept in Report.Skipped
	checkEvery  = 1000 // rows between context checks and progress calls
	maxJunkRows = 10   // non-blank rows allowed above the header
	maxScanRows = 1000 // rows (blank or not) searched for the header
)

// Import reads the file at path, detects its format (xlsx by the zip magic
// "PK\x03\x04", UTF-16 text by its byte-order mark, anything else as
// delimited text) and its kind and source (from the header row, which may
// sit below up to 10 title rows; in a workbook, the first sheet with a
// matching header), and streams its records into sink: Person records for
// a roster, Review records for a review sheet or a GitLab merge-request
// CSV, Meeting records for an Outlook calendar CSV, Interaction records
// for an interactions sheet. The file name and extension play no part.
//
// progress, if not nil, is called every 1000 rows and once at the end with
// done == total. For CSV done and total are bytes; for xlsx done is rows
// and total is 0 (unknown) until the last call.
//
// Rows that cannot be used are skipped and listed in the Report, which is
// never nil; on error it holds what was read before the error. Import
// returns an error — and the caller should roll back — when the file cannot
// be read, is not a recognised kind (wrapping ErrUnrecognised, with a
// message that lists AcceptedFormats, or ErrMissingColumn), ctx is
// cancelled (wrapping ctx.Err()), or the sink fails (wrapping the sink's
// error). Import panics if sink is nil.
//
// Import is ImportWith with the zero Options.
func Import(ctx context.Context, path string, sink Sink, progress func(done, total int64)) (*Report, error) {
	return ImportWith(ctx, path, sink, progress, Options{})
}

// ImportWith is Import with options: a column mapping that says which
// columns to read (Options.Mapping), or a way to find one saved for a
// header Import does not recognise (Options.Remembered). See Options.
//
// A meeting with more than MaxAttendees people reaches the sink with its
// first MaxAttendees, and the Report says how many were cut.
func ImportWith(ctx context.Context, path string, sink Sink, progress func(done, total int64), opts Options) (*Report, error) {
	if sink == nil {
		panic("importers: Import with a nil Sink")
	}
	capped := &capSink{Sink: sink}
	rep, err := readInto(ctx, path, capped, progress, opts)
	if capped.meetings > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%s had more than %d people; only the first %d of each were kept "+
			"(meetings over a dozen people carry no tie between them anyway)",
			plural(capped.meetings, "meeting", "meetings"), MaxAttendees, MaxAttendees))
	}
	return rep, err
}

// MaxAttendees is multiplier.MaxAttendees: the most attendees a meeting
// keeps.
const MaxAttendees = multiplier.MaxAttendees

// capSink cuts meetings to MaxAttendees people and counts those cut.
type capSink struct {
	Sink
	meetings int
}

func (c *capSink) Meeting(m multiplier.Meeting) error {
	if len(m.Attendees) > MaxAttendees {
		m.Attendees = m.Attendees[:MaxAttendees:MaxAttendees]
		c.meetings++
	}
	return c.Sink.Meeting(m)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func readInto(ctx context.Context, path string, sink Sink, progress func(done, total int64), opts Options) (*Report, error) {
	rep := &Report{File: filepath.Base(path)}
	if err := ctx.Err(); err != nil {
		return rep, fmt.Errorf("import %s: %w", rep.File, err)
	}
	r, format, err := detectReader(path)
	if err != nil {
		return rep, err
	}
	if r != nil {
		if opts.Mapping != nil {
			rep.Kind, rep.Format, rep.Source = r.kind, format, format
			return rep, fmt.Errorf("import %s: %w: a column mapping is for a spreadsheet or CSV file, not %s", rep.File, ErrBadMapping, format)
		}
		return importWith(ctx, r, format, path, sink, progress)
	}
	b, err := openBook(path)
	if err != nil {
		return rep, err
	}
	defer b.close()
	rep.Format = b.format()
	var found *found
	if opts.Mapping != nil {
		found, err = locate(b, rep.File, *opts.Mapping)
	} else {
		found, err = findHeader(b, rep.File)
		if err != nil && opts.Remembered != nil && (errors.Is(err, ErrMissingColumn) || errors.Is(err, ErrUnrecognised)) {
			saved, serr := findRemembered(b, rep.File, opts.Remembered)
			if serr != nil {
				return rep, serr
			}
			if saved != nil {
				found, err = saved, nil
			}
		}
	}
	if err != nil {
		return rep, err
	}
	defer found.table.close()
	h := found.header
	rep.Kind, rep.Source, rep.Sheet, rep.Columns = h.spec.kind, h.spec.source, found.sheet, h.columns()
	rep.Signature, rep.Mapping = Signature(h.cells), found.mapping
	rep.Notes = found.notes()
	im := &importer{rep: rep, h: h, sink: sink, progress: progress}
	err = im.run(ctx, found.table)
	rep.Notes = append(rep.Notes, im.notes()...)
	if n, ok := found.table.(noter); ok {
		rep.Notes = append(rep.Notes, n.notes()...)
	}
	return rep, err
}

// Detect reads the file at path up to its header row and returns its kind.
// Its errors are those of Import for an unreadable or unrecognised file.
// An xlsx workbook is still unzipped whole by excelize, so Detect is not
// free on a large workbook.
func Detect(path string) (Kind, error) {
	r, _, err := detectReader(path)
	if err != nil || r != nil {
		if r != nil {
			return r.kind, nil
		}
		return "", err
	}
	b, err := openBook(path)
	if err != nil {
		return "", err
	}
	defer b.close()
	found, err := findHeader(b, filepath.Base(path))
	if err != nil {
		return "", err
	}
	found.table.close()
	return found.header.spec.kind, nil
}

// found is the table Import reads and its header.
type found struct {
	table   table
	header  *header
	sheet   string
	passed  []string // sheets before it without a header
	mapping *Mapping // the columns as mapped, when a mapping chose them
	saved   bool     // the mapping was remembered for the header's signature
}

func (f *found) notes() []string {
	var notes []string
	if f.mapping != nil {
		notes = append(notes, f.mappingNote())
	}
	if len(f.passed) > 0 {
		notes = append(notes, fmt.Sprintf("sheet %s read; sheet(s) %s have no header Multiplier reads", f.sheet, strings.Join(f.passed, ", ")))
	}
	if f.header.row > 1 {
		notes = append(notes, fmt.Sprintf("header on row %d; the rows above it were ignored", f.header.row))
	}
	return notes
}

// findHeader finds the first sheet of b with a header of a format we read
// and leaves its table open, positioned after the header row.
func findHeader(b book, file string) (*found, error) {
	var partial *ParseError
	var passed []string
	for _, sheet := range b.sheets() {
		t, err := b.open(sheet)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", where(file, sheet), err)
		}
		h, p, err := scanHeader(t)
		if err != nil {
			t.close()
			return nil, fmt.Errorf("read header of %s: %w", where(file, sheet), err)
		}
		if h != nil {
			return &found{table: t, header: h, sheet: sheet, passed: passed}, nil
		}
		t.close()
		if p != nil && partial == nil {
			partial = &ParseError{File: file, Sheet: sheet, Row: p.row, Err: missingColumns(p)}
		}
		passed = append(passed, sheet)
	}
	if partial != nil {
		return nil, partial
	}
	return nil, unrecognised(file, "")
}

func where(file, sheet string) string {
	if sheet == "" {
		return file
	}
	return file + ", sheet " + sheet
}

// scanHeader reads t until a complete header, giving up after maxJunkRows
// non-blank rows that are not one. partial is the first row that looked
// like a header with a column missing.
func scanHeader(t table) (h, partial *header, err error) {
	nonBlank := 0
	for n := 0; n < maxScanRows && nonBlank <= maxJunkRows && t.next(); n++ {
		cells := t.cells()
		if blank(cells) {
			continue
		}
		nonBlank++
		c, p := recognise(cells, t.row())
		if c != nil {
			c.cells = slices.Clone(cells)
			return c, nil, nil
		}
		if partial == nil {
			partial = p
		}
	}
	return nil, partial, t.err()
}

func missingColumns(h *header) error {
	return fmt.Errorf("%w: %s needs %s", ErrMissingColumn, h.spec.what, strings.Join(h.missing(), " and "))
}
