package importers

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/multiplier/multiplier"
)

// Kind is the kind of file Import recognised.
type Kind string

// The kinds of file Import reads.
const (
	KindRoster  Kind = "roster"  // HR roster: one person per row, yields Person records
	KindReviews Kind = "reviews" // review export: one review per row, yields Review records
)

// Sink receives records as they are read, in file order. Import calls it
// from the caller's goroutine and only the method that fits the file's
// kind. An error from the sink stops the import and is returned, wrapped.
type Sink interface {
	Person(multiplier.Person) error
	Review(multiplier.Review) error
}

// Report says what Import read. After a successful import,
// Rows = Imported + Bots + SelfReviews + SkippedCount.
type Report struct {
	File   string // base name of the file
	Kind   Kind
	Format string // "xlsx" or "csv" (any delimited text)
	Sheet  string // xlsx sheet used; empty for CSV
	// Columns maps our field name to the header text it was read from.
	// Roster fields: name, email, team, department, title, level, manager,
	// github, slack. Review fields: repository, change, title, author,
	// created, merged, reviewer, submitted, state, comments.
	Columns      map[string]string
	Rows         int           // data rows read, not counting header, junk above it and blank rows
	Imported     int           // records handed to the sink
	Bots         int           // review rows skipped because the reviewer or the author is a bot; not errors
	SelfReviews  int           // review rows where the author answered on their own change: no help to anyone, not errors
	Skipped      []*ParseError // skipped rows with reasons, the first 1000 of them
	SkippedCount int           // all skipped rows
	Notes        []string      // notes for a person, e.g. "column 'Submitted': dates read day-first (European)"
}

const (
	maxSkipped  = 1000 // ParseErrors kept in Report.Skipped
	checkEvery  = 1000 // rows between context checks and progress calls
	maxJunkRows = 10   // non-blank rows allowed above the header
	maxScanRows = 1000 // rows (blank or not) searched for the header
)

// Import reads the file at path, detects its format (xlsx by the zip magic
// "PK\x03\x04", anything else as delimited text) and its kind (from the
// header row, which may sit below up to 10 title rows; in a workbook, the
// first sheet with a matching header), and streams its records into sink.
// The file name and extension play no part.
//
// progress, if not nil, is called every 1000 rows and once at the end with
// done == total. For CSV done and total are bytes; for xlsx done is rows
// and total is 0 (unknown) until the last call.
//
// Rows that cannot be used are skipped and listed in the Report, which is
// never nil; on error it holds what was read before the error. Import
// returns an error — and the caller should roll back — when the file cannot
// be read, is not a recognised kind (wrapping ErrUnrecognised or
// ErrMissingColumn), ctx is cancelled (wrapping ctx.Err()), or the sink
// fails (wrapping the sink's error). Import panics if sink is nil.
func Import(ctx context.Context, path string, sink Sink, progress func(done, total int64)) (*Report, error) {
	if sink == nil {
		panic("importers: Import with a nil Sink")
	}
	rep := &Report{File: filepath.Base(path)}
	if err := ctx.Err(); err != nil {
		return rep, fmt.Errorf("import %s: %w", rep.File, err)
	}
	b, err := openBook(path)
	if err != nil {
		return rep, err
	}
	defer b.close()
	rep.Format = b.format()
	found, err := findHeader(b, rep.File)
	if err != nil {
		return rep, err
	}
	defer found.table.close()
	h := found.header
	rep.Kind, rep.Sheet, rep.Columns = h.spec.kind, found.sheet, h.columns()
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
	table  table
	header *header
	sheet  string
	passed []string // sheets before it without a header
}

func (f *found) notes() []string {
	var notes []string
	if len(f.passed) > 0 {
		notes = append(notes, fmt.Sprintf("sheet %s read; sheet(s) %s have no roster or review header", f.sheet, strings.Join(f.passed, ", ")))
	}
	if f.header.row > 1 {
		notes = append(notes, fmt.Sprintf("header on row %d; the rows above it were ignored", f.header.row))
	}
	return notes
}

// findHeader finds the first sheet of b with a roster or review header
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
	return nil, fmt.Errorf("%s: %w: expected a roster (columns like Name, Email, Team, Level) or reviews (columns like Author, Reviewer, Submitted)", file, ErrUnrecognised)
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
			return c, nil, nil
		}
		if partial == nil {
			partial = p
		}
	}
	return nil, partial, t.err()
}

func missingColumns(h *header) error {
	what := "a roster"
	if h.spec.kind == KindReviews {
		what = "a review export"
	}
	return fmt.Errorf("%w: %s needs %s", ErrMissingColumn, what, strings.Join(h.missing(), " and "))
}
