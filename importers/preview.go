package importers

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Preview is what a file looks like before it is imported: its format,
// its header and first rows, and how Multiplier would read them.
type Preview struct {
	File   string // base name of the file
	Kind   Kind   // the kind of records it would give; for an unsure header, the best candidate's
	Format string // as Report.Format: "xlsx", "csv", "ics", "slack-zip", "gerrit-json", "github-json"
	Source string // as Report.Source; for an unsure header, the best candidate's
	Sheet  string // the sheet shown; empty for CSV
	// Sheets lists every sheet of a workbook, in order; nil otherwise.
	Sheets []string
	// HeaderRow is the 1-based row of Header; 0 for a format without one
	// (ics, Slack, Gerrit or GitHub JSON).
	HeaderRow int
	Header    []string   // the header row as written
	Rows      [][]string // the first data rows after the header, blank rows left out; workbook dates as yyyy-mm-dd hh:mm
	// Sure is true when the format was recognised whole: a complete
	// header of a tabular format, or a file of one of the other formats.
	// Import reads a sure file as the preview shows it.
	Sure bool
	// Signature identifies the header's layout (see Signature); empty
	// without a header.
	Signature string
	// Fields are the fields of the format, each with the column detection
	// (or Apply) gave it; nil without a header.
	Fields []Field
	// Missing says, in words, what the header lacks for the format: one
	// entry per required field not mapped, e.g. "an email column (Work
	// Email, Email, …)". Nil when nothing is missing.
	Missing []string
	// Candidates, for an unsure header, are the tabular formats it could
	// be, best first: those it looks like with a column missing, then
	// those it names two fields or more of, by how many columns match.
	// The first is the one Kind, Source, Fields and Missing describe.
	Candidates []Candidate
	// Remembered is set by the caller (the workspace) when Fields come
	// from a column mapping saved for this Signature (see Apply).
	Remembered bool
	// Text is a short description of a file without a header: the first
	// channels of a Slack export, the first events of a calendar, the
	// first changes of a Gerrit or GitHub export.
	Text []string
}

// Field is one field of a tabular format and the column it is read from.
type Field struct {
	Name  string // the field's name, as in Mapping.Columns and Report.Columns: "email"
	Label string // the header spelling Multiplier knows it best by: "Work Email"
	// Required is true when the format needs this field, or one of
	// Alternatives instead: a roster needs an email column and a name or
	// a team column.
	Required     bool
	Alternatives []string
	Column       int // 0-based column in Header; -1 when unmapped
}

// Candidate is a tabular format a header could be.
type Candidate struct {
	Kind    Kind
	Source  string  // the format, for Mapping.Source
	Fields  []Field // with the columns detection found for them
	Missing []string
}

// maxPreviewRows is the most data rows Preview returns.
const maxPreviewRows = 1000

// PreviewFile reads the head of the file at path — the header and the
// first rows data rows (at most 1000) of a spreadsheet or CSV file, or the
// first rows items of another format — and says how Import would read it.
// It reads only what it shows: a few kilobytes of a CSV file of any size,
// and of a workbook the head of its sheets and of its shared strings,
// without unpacking the rest.
//
// A header that looks like a format with columns missing, or that names
// two fields or more of one, gives a Preview with Sure false, its
// Candidates and what is Missing, so a person can map the columns (see
// Mapping); it is not an error. PreviewFile returns the errors Import gives for a file it
// cannot read or that is none of the formats Multiplier reads (wrapping
// ErrUnrecognised). It panics if rows is negative.
func PreviewFile(path string, rows int) (*Preview, error) {
	p, _, err := preview(path, rows)
	return p, err
}

// preview is PreviewFile, and the book it read from (closed) for tests to ask
// how much was read; nil for the formats that have no book.
func preview(path string, rows int) (*Preview, book, error) {
	if rows < 0 {
		panic("importers: PreviewFile with negative rows")
	}
	rows = min(rows, maxPreviewRows)
	file := filepath.Base(path)
	r, format, err := detectReader(path)
	if err != nil {
		return nil, nil, err
	}
	if r != nil {
		p := &Preview{File: file, Kind: r.kind, Format: format, Source: format, Sure: true}
		p.Text, err = textPreview(path, format, rows)
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", file, err)
		}
		return p, nil, nil
	}
	b, head, err := openPreviewBook(path)
	if err != nil {
		return nil, nil, err
	}
	p, err := previewBook(b, file, rows)
	b.close()
	if err != nil && head && !errors.Is(err, ErrUnrecognised) {
		// A workbook the quick reader does not follow: read it as Import does.
		if b, err = openBook(path); err != nil {
			return nil, nil, err
		}
		p, err = previewBook(b, file, rows)
		b.close()
	}
	return p, b, err
}

// openPreviewBook opens path as Import's openBook does, but a workbook
// with the quick head reader (head is then true).
func openPreviewBook(path string) (b book, head bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	magic := make([]byte, len(zipMagic))
	_, err = io.ReadFull(f, magic)
	f.Close()
	if err == nil && bytes.Equal(magic, zipMagic) {
		if ok, zerr := holdsWorkbook(path); zerr == nil && ok {
			if hb, herr := openXLSXHead(path); herr == nil {
				return hb, true, nil
			}
		}
	}
	b, err = openBook(path)
	return b, false, err
}

func previewBook(b book, file string, rows int) (*Preview, error) {
	s, err := pick(b, file)
	if err != nil {
		return nil, err
	}
	defer s.t.close()
	head := s.rows[s.at]
	p := &Preview{File: file, Format: b.format(), Sheet: s.sheet, HeaderRow: head.row,
		Header: head.cells, Sure: s.sure, Signature: Signature(head.cells)}
	if _, ok := b.(*csvBook); !ok {
		p.Sheets = b.sheets()
	}
	for _, r := range s.rows[s.at+1:] {
		if len(p.Rows) < rows {
			p.Rows = append(p.Rows, r.shown)
		}
	}
	for n := 0; len(p.Rows) < rows && n < maxScanRows && s.t.next(); n++ {
		if !blank(s.t.cells()) {
			p.Rows = append(p.Rows, s.seen().shown)
			n = 0
		}
	}
	if err := s.t.err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", where(file, s.sheet), err)
	}
	if s.sure {
		p.Kind, p.Source, p.Fields = s.head.spec.kind, s.head.spec.source, fieldsOf(s.head)
		return p, nil
	}
	p.Candidates = candidates(head.cells, head.row)
	best := p.Candidates[0]
	p.Kind, p.Source, p.Fields, p.Missing = best.Kind, best.Source, best.Fields, best.Missing
	return p, nil
}

// Apply shows the preview read with m: Kind, Source, Fields and Missing
// become those of m's format with m's columns over those detection finds
// (as ImportWith would read them). Sure, Candidates and the rows do not
// change. m.HeaderRow and m.Sheet must be zero or the preview's. Apply
// returns an error wrapping ErrBadMapping, and leaves p as it was, when
// m does not fit.
func (p *Preview) Apply(m Mapping) error {
	if p.Header == nil {
		return fmt.Errorf("%s: %w: %s has no header to map", p.File, ErrBadMapping, p.Format)
	}
	if (m.HeaderRow != 0 && m.HeaderRow != p.HeaderRow) || (m.Sheet != "" && m.Sheet != p.Sheet) {
		return fmt.Errorf("%s: %w: the mapping is for row %d of sheet %q, the preview shows row %d of sheet %q",
			p.File, ErrBadMapping, m.HeaderRow, m.Sheet, p.HeaderRow, p.Sheet)
	}
	sp, err := specBySource(p.File, m.Source)
	if err != nil {
		return err
	}
	if err := checkColumns(p.File, sp, m.Columns); err != nil {
		return err
	}
	h := mapped(sp, p.Header, p.HeaderRow, m.Columns)
	p.Kind, p.Source, p.Fields, p.Missing = sp.kind, sp.source, fieldsOf(h), h.missing()
	return nil
}

// Mapping returns the mapping the preview shows: its Source, every field
// with its Column (-1 when unmapped), its HeaderRow and Sheet. Change a
// column and pass it to ImportWith, or to Apply to see what is missing.
// It is the zero Mapping for a preview without a header.
func (p *Preview) Mapping() Mapping {
	if p.Header == nil {
		return Mapping{}
	}
	m := Mapping{Source: p.Source, Columns: make(map[string]int, len(p.Fields)), HeaderRow: p.HeaderRow, Sheet: p.Sheet}
	for _, f := range p.Fields {
		m.Columns[f.Name] = f.Column
	}
	return m
}

// Signature returns a stable name for the layout of a header row: a hex
// string that is the same for the same header cells in the same order,
// whatever their case, spacing and punctuation ("Work Email", "work_email"
// and " WORK-EMAIL " are one), and with or without blank cells at the end
// of the row. A column mapping saved under it fits the next export of the
// same layout.
func Signature(cells []string) string {
	keys := make([]string, len(cells))
	for i, c := range cells {
		keys[i] = normalise(c)
	}
	for len(keys) > 0 && keys[len(keys)-1] == "" {
		keys = keys[:len(keys)-1]
	}
	sum := sha256.Sum256([]byte(strings.Join(keys, "\x1f")))
	return hex.EncodeToString(sum[:16])
}

// seen is a non-blank row read while looking for the header.
type seen struct {
	row   int
	cells []string // as read
	shown []string // as a person sees them (workbook dates formatted)
}

// shower is a table that can show its current row as a person sees it.
type shower interface {
	shown() []string
}

// scanned is a sheet read up to its header: a complete one, or the best
// guess at a header with columns missing.
type scanned struct {
	sheet string
	t     table // positioned after the rows read
	rows  []seen
	head  *header // the complete header, else the best guess, else nil
	sure  bool    // head is complete
	weak  bool    // head names fields of its format but does not look like it
	at    int     // index in rows of head's row
}

// seen copies the current row of s.t.
func (s *scanned) seen() seen {
	r := seen{row: s.t.row(), cells: slices.Clone(s.t.cells())}
	r.shown = r.cells
	if sh, ok := s.t.(shower); ok {
		r.shown = sh.shown()
	}
	return r
}

func (s *scanned) choose(h *header, weak bool) {
	s.head, s.weak, s.at = h, weak, len(s.rows)-1
	h.cells = s.rows[s.at].cells
}

// scanSheet reads sheet as findHeader does (the same rows, the same
// complete header) and, when there is no complete header, takes the first
// row that looks like a format with a column missing or, failing that,
// the first row that names two fields or more of a format.
// The table stays open.
func scanSheet(b book, file, sheet string) (*scanned, error) {
	t, err := b.open(sheet)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", where(file, sheet), err)
	}
	s := &scanned{sheet: sheet, t: t, at: -1}
	nonBlank := 0
	for n := 0; n < maxScanRows && nonBlank <= maxJunkRows && t.next(); n++ {
		cells := t.cells()
		if blank(cells) {
			continue
		}
		nonBlank++
		s.rows = append(s.rows, s.seen())
		c, p := recognise(cells, t.row())
		switch {
		case c != nil:
			s.choose(c, false)
			s.sure = true
			return s, nil
		case p != nil && (s.head == nil || s.weak):
			s.choose(p, false)
		case s.head == nil:
			if w := weakHeader(cells, t.row()); w != nil {
				s.choose(w, true)
			}
		}
	}
	if err := t.err(); err != nil {
		t.close()
		return nil, fmt.Errorf("read header of %s: %w", where(file, sheet), err)
	}
	return s, nil
}

// pick chooses the sheet and header Preview shows: the first sheet with a
// complete header (the one Import reads), else the first with a header
// that has columns missing, else the first with a row that names two
// fields of a format. Its error for a book with none of these is Import's.
func pick(b book, file string) (*scanned, error) {
	var partial, weak *scanned
	closeAll := func(keep *scanned) {
		for _, s := range []*scanned{partial, weak} {
			if s != nil && s != keep {
				s.t.close()
			}
		}
	}
	for _, sheet := range b.sheets() {
		s, err := scanSheet(b, file, sheet)
		if err != nil {
			closeAll(nil)
			return nil, err
		}
		switch {
		case s.sure:
			closeAll(nil)
			return s, nil
		case s.head != nil && !s.weak && partial == nil:
			partial = s
		case s.head != nil && s.weak && weak == nil:
			weak = s
		default:
			s.t.close()
		}
	}
	switch {
	case partial != nil:
		closeAll(partial)
		return partial, nil
	case weak != nil:
		return weak, nil
	}
	return nil, unrecognised(file, "")
}

// weakHeader returns the header of the format that cells name the most
// fields of (the earlier in specs on a tie) when that is two or more,
// else nil: a row that names one known column is not taken for a header.
func weakHeader(cells []string, row int) *header {
	var best *header
	for _, sp := range specs {
		if h := match(sp, cells, row); h.found >= 2 && (best == nil || h.found > best.found) {
			best = h
		}
	}
	return best
}

// candidates lists the formats cells could be a header of, as
// Preview.Candidates says.
func candidates(cells []string, row int) []Candidate {
	type cand struct {
		h       *header
		partial bool
	}
	var cs []cand
	for _, sp := range specs {
		if h := match(sp, cells, row); h.found >= 2 {
			cs = append(cs, cand{h, h.partial()})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int {
		if a.partial != b.partial {
			if a.partial {
				return -1
			}
			return 1
		}
		return cmp.Compare(b.h.found, a.h.found)
	})
	out := make([]Candidate, len(cs))
	for i, c := range cs {
		out[i] = Candidate{Kind: c.h.spec.kind, Source: c.h.spec.source, Fields: fieldsOf(c.h), Missing: c.h.missing()}
	}
	return out
}

// fieldsOf lists the fields of h's format with their columns in h.
func fieldsOf(h *header) []Field {
	sp := h.spec
	out := make([]Field, len(sp.fields))
	for i, f := range sp.fields {
		out[i] = Field{Name: f.name, Label: f.synonyms[0], Column: h.cols[i]}
		for _, group := range sp.need {
			if !slices.Contains(group, i) {
				continue
			}
			out[i].Required = true
			for _, j := range group {
				if j != i {
					out[i].Alternatives = append(out[i].Alternatives, sp.fields[j].name)
				}
			}
		}
	}
	return out
}
