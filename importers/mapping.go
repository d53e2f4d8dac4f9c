package importers

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Mapping says which columns of a spreadsheet or CSV file hold which
// fields, for a file whose header Import does not recognise by itself.
// Preview proposes one (Preview.Mapping); a person corrects it; ImportWith
// reads the file with it. It marshals to JSON as it is, to be saved.
type Mapping struct {
	// Source is the format to read the rows as, one of the tabular
	// Report.Source values: "roster", "review sheet", "gitlab-mr-csv",
	// "outlook-csv" or "interactions sheet" (see Sources).
	Source string `json:"source"`
	// Columns maps a field name (Field.Name, e.g. "email") to the 0-based
	// column it is read from; -1 leaves the field unread. A field it
	// leaves out keeps the column detection found for it, if any.
	Columns map[string]int `json:"columns"`
	// HeaderRow is the 1-based row of the header, as a person sees it;
	// the rows after it are data. 0 means the row Preview shows.
	HeaderRow int `json:"header_row,omitempty"`
	// Sheet is the workbook sheet to read; "" means the sheet Preview
	// shows (a CSV file has only that one).
	Sheet string `json:"sheet,omitempty"`
}

// Options change how ImportWith reads a spreadsheet or CSV file. The zero
// Options read the file as Import does.
type Options struct {
	// Mapping, when not nil, chooses the format and the columns, over
	// what detection finds. The file must be a spreadsheet or CSV file.
	Mapping *Mapping
	// Remembered, when not nil and Mapping is nil, is asked for a mapping
	// saved for a header Signature when no sheet has a header Import
	// recognises by itself: once for each non-blank row where Import
	// looks for a header (up to 11 per sheet, top down, sheet by sheet),
	// until it returns a mapping. That row is then the header: the
	// mapping's HeaderRow and Sheet are not used. It returns nil, nil
	// when it has no mapping for the signature; its error stops the
	// import and is returned, wrapped.
	Remembered func(signature string) (*Mapping, error)
}

// maxColumns is the most columns a worksheet has (Excel's XFD).
const maxColumns = 16384

// Sources lists the tabular formats a Mapping can name, in the order
// detection prefers them.
func Sources() []string {
	out := make([]string, len(specs))
	for i, sp := range specs {
		out[i] = sp.source
	}
	return out
}

// specBySource returns the tabular format named source, or an error
// wrapping ErrBadMapping.
func specBySource(file, source string) (*spec, error) {
	for _, sp := range specs {
		if sp.source == source {
			return sp, nil
		}
	}
	return nil, fmt.Errorf("%s: %w: %q is not a format of a spreadsheet Multiplier reads (%s)",
		file, ErrBadMapping, source, strings.Join(Sources(), ", "))
}

// fieldIndex returns the index of the field named name in sp, or -1.
func (sp *spec) fieldIndex(name string) int {
	for i, f := range sp.fields {
		if strings.EqualFold(f.name, strings.TrimSpace(name)) {
			return i
		}
	}
	return -1
}

// checkColumns returns an error wrapping ErrBadMapping when cols names a
// field sp does not have or a column past the last one a sheet can have.
func checkColumns(file string, sp *spec, cols map[string]int) error {
	for _, name := range slices.Sorted(mapKeys(cols)) {
		if sp.fieldIndex(name) < 0 {
			names := make([]string, len(sp.fields))
			for i, f := range sp.fields {
				names[i] = f.name
			}
			return fmt.Errorf("%s: %w: %s has no field %q (its fields: %s)", file, ErrBadMapping, sp.what, name, strings.Join(names, ", "))
		}
		if c := cols[name]; c >= maxColumns {
			return fmt.Errorf("%s: %w: column %d for %s is past the last column a sheet has", file, ErrBadMapping, c+1, name)
		}
	}
	return nil
}

func mapKeys(m map[string]int) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// mapped reads cells as a header of sp's format with the columns of cols
// over those detection finds. It may be incomplete (see header.missing).
func mapped(sp *spec, cells []string, row int, cols map[string]int) *header {
	h := match(sp, cells, row)
	h.cells = slices.Clone(cells)
	for name, c := range cols {
		i := sp.fieldIndex(name)
		if i < 0 {
			continue // checkColumns reports it
		}
		if c < 0 {
			h.cols[i], h.names[i] = -1, ""
			continue
		}
		h.cols[i], h.names[i] = c, ""
		if c < len(cells) {
			h.names[i] = strings.TrimSpace(strings.TrimPrefix(cells[c], "\ufeff"))
		}
	}
	h.found = 0
	for _, c := range h.cols {
		if c >= 0 {
			h.found++
		}
	}
	return h
}

// mapHeader is mapped for an import: an error when cols does not fit sp
// (ErrBadMapping) or leaves out a column sp needs (a *ParseError wrapping
// ErrMissingColumn that names the file, sheet, header row and field).
func mapHeader(sp *spec, cells []string, row int, cols map[string]int, file, sheet string) (*header, error) {
	if err := checkColumns(where(file, sheet), sp, cols); err != nil {
		return nil, err
	}
	h := mapped(sp, cells, row, cols)
	if miss := h.missing(); miss != nil {
		return nil, &ParseError{File: file, Sheet: sheet, Row: row,
			Err: fmt.Errorf("%w: the column mapping for %s leaves out %s", ErrMissingColumn, sp.what, strings.Join(miss, " and "))}
	}
	return h, nil
}

// mapping returns h as a Mapping that names every field of its format:
// its column, or -1.
func (h *header) mapping(sheet string) *Mapping {
	m := &Mapping{Source: h.spec.source, Columns: make(map[string]int, len(h.cols)), HeaderRow: h.row, Sheet: sheet}
	for i, c := range h.cols {
		m.Columns[h.spec.fields[i].name] = c
	}
	return m
}

// locate finds the header m points at and returns the table positioned
// after it, read with m's columns.
func locate(b book, file string, m Mapping) (*found, error) {
	sp, err := specBySource(file, m.Source)
	if err != nil {
		return nil, err
	}
	if err := checkColumns(file, sp, m.Columns); err != nil {
		return nil, err
	}
	if m.HeaderRow < 0 {
		return nil, fmt.Errorf("%s: %w: header row %d", file, ErrBadMapping, m.HeaderRow)
	}
	var s *scanned
	switch {
	case m.Sheet != "":
		if !slices.Contains(b.sheets(), m.Sheet) {
			return nil, fmt.Errorf("%s: %w: no sheet %q (sheets: %s)", file, ErrBadMapping, m.Sheet, strings.Join(b.sheets(), ", "))
		}
		s, err = scanSheet(b, file, m.Sheet)
	default:
		s, err = pick(b, file)
		if err != nil && m.HeaderRow > 0 && errors.Is(err, ErrUnrecognised) {
			s, err = scanSheet(b, file, b.sheets()[0])
		}
	}
	if err != nil {
		return nil, err
	}
	at := s.at
	if m.HeaderRow > 0 {
		at, err = s.seek(m.HeaderRow)
	} else if s.head == nil {
		err = fmt.Errorf("%w: no row looks like a header; give the header row", ErrBadMapping)
	}
	if err != nil {
		s.t.close()
		return nil, fmt.Errorf("%s: %w", where(file, s.sheet), err)
	}
	head := s.rows[at]
	h, err := mapHeader(sp, head.cells, head.row, m.Columns, file, s.sheet)
	if err != nil {
		s.t.close()
		return nil, err
	}
	return &found{table: &replay{table: s.t, rows: s.rows[at+1:]}, header: h, sheet: s.sheet, mapping: h.mapping(s.sheet)}, nil
}

// seek returns the index in s.rows of row, reading on from s.t when row
// comes after the rows scanned. Rows between are dropped: they come
// before the header.
func (s *scanned) seek(row int) (int, error) {
	for i, r := range s.rows {
		if r.row == row {
			return i, nil
		}
		if r.row > row {
			return 0, fmt.Errorf("%w: header row %d is blank", ErrBadMapping, row)
		}
	}
	s.rows = s.rows[:0]
	for s.t.next() {
		if s.t.row() < row {
			continue
		}
		if s.t.row() > row || blank(s.t.cells()) {
			break
		}
		s.rows = append(s.rows, s.seen())
		return 0, nil
	}
	if err := s.t.err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("%w: header row %d is blank or past the end", ErrBadMapping, row)
}

// findRemembered looks for a header whose signature has a mapping with
// fn, as Options.Remembered says. It returns nil when there is none.
func findRemembered(b book, file string, fn func(string) (*Mapping, error)) (*found, error) {
	for _, sheet := range b.sheets() {
		t, err := b.open(sheet)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", where(file, sheet), err)
		}
		nonBlank := 0
		for n := 0; n < maxScanRows && nonBlank <= maxJunkRows && t.next(); n++ {
			cells := t.cells()
			if blank(cells) {
				continue
			}
			nonBlank++
			m, err := fn(Signature(cells))
			if err != nil {
				t.close()
				return nil, fmt.Errorf("import %s: saved column mapping: %w", file, err)
			}
			if m == nil {
				continue
			}
			sp, err := specBySource(file, m.Source)
			if err != nil {
				t.close()
				return nil, fmt.Errorf("saved column mapping: %w", err)
			}
			h, err := mapHeader(sp, cells, t.row(), m.Columns, file, sheet)
			if err != nil {
				t.close()
				return nil, fmt.Errorf("saved column mapping: %w", err)
			}
			return &found{table: t, header: h, sheet: sheet, mapping: h.mapping(sheet), saved: true}, nil
		}
		err = t.err()
		t.close()
		if err != nil {
			return nil, fmt.Errorf("read header of %s: %w", where(file, sheet), err)
		}
	}
	return nil, nil
}

// mappingNote tells which column each field was read from.
func (f *found) mappingNote() string {
	h := f.header
	var cols []string
	for i, c := range h.cols {
		if c < 0 {
			continue
		}
		from := "column " + strconv.Itoa(c+1)
		if h.names[i] != "" {
			from = "'" + h.names[i] + "'"
		}
		cols = append(cols, h.spec.fields[i].name+" from "+from)
	}
	if f.saved {
		return "header not recognised; read with the column mapping saved for this layout: " + strings.Join(cols, ", ")
	}
	return "read with a column mapping: " + strings.Join(cols, ", ")
}

// replay is a table that gives rows already read before the rest of t.
type replay struct {
	table
	rows []seen
	cur  *seen
}

func (r *replay) next() bool {
	if len(r.rows) > 0 {
		r.cur, r.rows = &r.rows[0], r.rows[1:]
		return true
	}
	r.cur = nil
	return r.table.next()
}

func (r *replay) cells() []string {
	if r.cur != nil {
		return r.cur.cells
	}
	return r.table.cells()
}

func (r *replay) row() int {
	if r.cur != nil {
		return r.cur.row
	}
	return r.table.row()
}

func (r *replay) notes() []string {
	if n, ok := r.table.(noter); ok {
		return n.notes()
	}
	return nil
}
