package importers

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/multiplier/multiplier/importers/parse"
)

// csvBook is a delimited-text file: comma, semicolon or tab separated,
// UTF-8 with or without a BOM, or UTF-16 with a BOM (decoded as it is
// read). A field that is not valid UTF-8 is read as Windows-1252, which is
// what Excel's "CSV (Comma delimited)" writes on Western Windows.
type csvBook struct {
	f     *os.File
	start int64 // offset of the text: after any UTF-16 byte-order mark
	enc   textEncoding
	size  int64
	read  *parse.CountingReader // bytes read by the last table opened
}

func newCSVBook(f *os.File, enc textEncoding, start int64) (*csvBook, error) {
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &csvBook{f: f, start: start, enc: enc, size: fi.Size()}, nil
}

func (b *csvBook) format() string   { return "csv" }
func (b *csvBook) sheets() []string { return []string{""} }
func (b *csvBook) close() error     { return b.f.Close() }

const sniffBytes = 64 << 10

// open reads the file from the start; each open starts again, and a table
// opened before must not be used after.
func (b *csvBook) open(string) (table, error) {
	if _, err := b.f.Seek(b.start, io.SeekStart); err != nil {
		return nil, err
	}
	cr := &parse.CountingReader{R: b.f, N: b.start} // a UTF-16 byte-order mark is already read
	b.read = cr
	var text io.Reader = cr
	if b.enc != encUTF8 {
		text = newUTF16Reader(cr, b.enc == encUTF16BE)
	}
	br := bufio.NewReaderSize(text, sniffBytes)
	if bom, _ := br.Peek(len(utf8BOM)); bytes.Equal(bom, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	head, err := br.Peek(sniffBytes)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	r := csv.NewReader(br)
	r.Comma = sniffDelimiter(head)
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	return &csvTable{r: r, count: cr, size: b.size}, nil
}

// sniffDelimiter picks , ; or tab from the first dozen lines of head: the
// one whose count per line (outside quotes) repeats on the most lines, then
// the larger count; ties go to the earlier of , ; tab and no delimiter at
// all means comma. So "a;b;c" over "1,5;2,5;3" is semicolon-separated and a
// title line above the header does not decide.
func sniffDelimiter(head []byte) rune {
	cands := [...]byte{',', ';', '\t'}
	var counts [len(cands)][]int
	for line := 0; line < 12 && len(head) > 0; line++ {
		end := bytes.IndexByte(head, '\n')
		if end < 0 {
			end = len(head)
		}
		var n [len(cands)]int
		quoted := false
		for _, c := range head[:end] {
			if c == '"' {
				quoted = !quoted
			}
			for i, d := range cands {
				if c == d && !quoted {
					n[i]++
				}
			}
		}
		for i := range cands {
			counts[i] = append(counts[i], n[i])
		}
		head = head[min(end+1, len(head)):]
	}
	pick, bestLines, bestCount := 0, 0, 0
	for i := range cands {
		lines, count := steadiest(counts[i])
		if lines > bestLines || (lines == bestLines && count > bestCount) {
			pick, bestLines, bestCount = i, lines, count
		}
	}
	return rune(cands[pick])
}

// steadiest returns the non-zero count that occurs on the most lines (the
// larger one on a tie) and on how many lines it occurs.
func steadiest(counts []int) (lines, count int) {
	for _, c := range counts {
		if c == 0 {
			continue
		}
		n := 0
		for _, d := range counts {
			if d == c {
				n++
			}
		}
		if n > lines || (n == lines && c > count) {
			lines, count = n, c
		}
	}
	return lines, count
}

// csvTable reads the records of a csvBook.
type csvTable struct {
	r       *csv.Reader
	count   *parse.CountingReader
	size    int64
	rec     []string
	line    int
	e       error
	recoded int // fields read as Windows-1252
}

func (t *csvTable) next() bool {
	rec, err := t.r.Read()
	if err != nil {
		if err != io.EOF {
			t.e = err
		}
		t.rec = nil
		return false
	}
	for i, f := range rec {
		if !utf8.ValidString(f) {
			rec[i] = fromWindows1252(f)
			t.recoded++
		}
	}
	t.rec = rec
	t.line, _ = t.r.FieldPos(0)
	return true
}

func (t *csvTable) notes() []string {
	if t.recoded == 0 {
		return nil
	}
	return []string{strconv.Itoa(t.recoded) + " value(s) were not UTF-8 and were read as Windows-1252"}
}

// cp1252 holds the runes of Windows-1252 bytes 0x80–0x9F; bytes 0xA0–0xFF
// are the same as Latin-1 (U+00A0–U+00FF). Unassigned bytes become U+FFFD.
var cp1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

// fromWindows1252 decodes s as Windows-1252.
func fromWindows1252(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			b.WriteRune(cp1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

func (t *csvTable) cells() []string               { return t.rec }
func (t *csvTable) row() int                      { return t.line }
func (t *csvTable) err() error                    { return t.e }
func (t *csvTable) progress() (done, total int64) { return t.count.N, t.size }
func (t *csvTable) close() error                  { return nil }
