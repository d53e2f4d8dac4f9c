package importers

import (
	"archive/zip"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// errCorrupt is wrapped when excelize cannot make sense of a workbook.
var errCorrupt = errors.New("not a readable xlsx workbook (corrupt or truncated?)")

// xlsxBook is an Office Open XML workbook read with excelize.
type xlsxBook struct {
	f *excelize.File
}

// openXLSX opens a workbook with excelize's default options. A zip archive
// that holds no workbook is unrecognised; a panic in excelize on a
// malformed file becomes an error.
func openXLSX(path string) (b *xlsxBook, err error) {
	name := filepath.Base(path)
	isBook, err := holdsWorkbook(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w: %w", name, errCorrupt, err)
	}
	if !isBook {
		return nil, unrecognised(name, "a zip archive, not an xlsx workbook")
	}
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, fmt.Errorf("open %s: %w: %v", name, errCorrupt, p)
		}
	}()
	f, err := excelize.OpenFile(path, excelize.Options{})
	if err != nil {
		if f != nil {
			f.Close()
		}
		return nil, fmt.Errorf("open %s: %w: %w", name, errCorrupt, err)
	}
	return &xlsxBook{f: f}, nil
}

// holdsWorkbook reports whether the zip archive at path has the parts of a
// spreadsheet (an xl/ folder); it reads only the archive's directory.
func holdsWorkbook(path string) (bool, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return false, err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.HasPrefix(strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/")), "xl/") {
			return true, nil
		}
	}
	return false, nil
}

func (b *xlsxBook) format() string   { return "xlsx" }
func (b *xlsxBook) sheets() []string { return b.f.GetSheetList() }
func (b *xlsxBook) close() error     { return b.f.Close() }

func (b *xlsxBook) open(sheet string) (t table, err error) {
	defer func() {
		if p := recover(); p != nil {
			t, err = nil, fmt.Errorf("%w: %v", errCorrupt, p)
		}
	}()
	rows, err := b.f.Rows(sheet)
	if err != nil {
		if rows != nil {
			rows.Close()
		}
		return nil, err
	}
	return &xlsxTable{rows: rows}, nil
}

// xlsxTable streams the rows of one worksheet; Next is called once per
// row number, so the count of calls is the row as Excel shows it.
type xlsxTable struct {
	rows *excelize.Rows
	n    int
	cur  []string
	e    error
}

func (t *xlsxTable) next() (ok bool) {
	defer t.catch()
	t.cur = nil
	if !t.rows.Next() {
		t.e = t.rows.Error()
		return false
	}
	t.n++
	cells, err := t.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		t.e = fmt.Errorf("row %d: %w", t.n, err)
		return false
	}
	t.cur = cells
	return true
}

// catch turns a panic in excelize into the table's error.
func (t *xlsxTable) catch() {
	if p := recover(); p != nil {
		t.e = fmt.Errorf("row %d: %w: %v", t.n, errCorrupt, p)
	}
}

func (t *xlsxTable) cells() []string               { return t.cur }
func (t *xlsxTable) row() int                      { return t.n }
func (t *xlsxTable) err() error                    { return t.e }
func (t *xlsxTable) progress() (done, total int64) { return int64(t.n), 0 }
func (t *xlsxTable) close() error                  { return t.rows.Close() }
