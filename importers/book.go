package importers

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// book is an opened file: one table per sheet (a single unnamed one for
// delimited text).
type book interface {
	format() string
	sheets() []string
	// open starts reading sheet from its first row. A delimited-text book
	// has one table at a time: opening it again starts it over.
	open(sheet string) (table, error)
	close() error
}

// table is one sheet read row by row.
type table interface {
	// next moves to the next row; false at the end or on error (see err).
	next() bool
	// cells of the current row, valid until the next call of next.
	cells() []string
	// row is the current row's 1-based number as a person sees it.
	row() int
	err() error
	// progress is work done and total work, total 0 when unknown.
	progress() (done, total int64)
	close() error
}

// noter is a table that has notes for the Report when it has been read.
type noter interface {
	notes() []string
}

var (
	zipMagic  = []byte("PK\x03\x04")
	oleMagic  = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	utf16LE   = []byte{0xFF, 0xFE}
	utf16BE   = []byte{0xFE, 0xFF}
	utf8BOM   = []byte{0xEF, 0xBB, 0xBF}
	errLegacy = "an Excel 97–2003 (.xls) or password-protected workbook; save it as .xlsx or CSV"
)

// textEncoding is how a delimited-text file is encoded.
type textEncoding int8

const (
	encUTF8    textEncoding = iota // UTF-8, with or without a BOM; Windows-1252 per field where not UTF-8
	encUTF16LE                     // UTF-16 little-endian after an FF FE mark (Excel's "Unicode Text")
	encUTF16BE                     // UTF-16 big-endian after an FE FF mark
)

// openBook opens path and picks the reader from the first bytes: a zip is
// an xlsx workbook, an OLE compound file a legacy .xls (rejected), a
// UTF-16 byte-order mark UTF-16 text, anything else delimited text.
func openBook(path string) (book, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	magic := make([]byte, 8)
	n, err := io.ReadFull(f, magic)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		f.Close()
		return nil, fmt.Errorf("read %s: %w", filepath.Base(path), err)
	}
	magic = magic[:n]
	name := filepath.Base(path)
	switch {
	case bytes.HasPrefix(magic, zipMagic):
		f.Close()
		return openXLSX(path)
	case bytes.HasPrefix(magic, oleMagic):
		f.Close()
		return nil, unrecognised(name, errLegacy)
	}
	enc, skip := encUTF8, 0
	switch {
	case bytes.HasPrefix(magic, utf16LE):
		enc, skip = encUTF16LE, len(utf16LE)
	case bytes.HasPrefix(magic, utf16BE):
		enc, skip = encUTF16BE, len(utf16BE)
	}
	return newCSVBook(f, enc, int64(skip))
}
