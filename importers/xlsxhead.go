package importers

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"time"
)

// xlsxHead is a workbook opened for Preview: its parts are read straight
// from the zip archive with encoding/xml, a worksheet from its first row
// on and the shared strings only as far as the rows read need them.
// excelize, which Import uses, unpacks every part when it opens a
// workbook, which costs seconds on a large one; this reads the head of a
// workbook of a million rows as quickly as that of a small one. Cell
// values are what Import sees (excelize's raw values).
type xlsxHead struct {
	zr    *zip.ReadCloser
	files map[string]*zip.File // by lower-case name, forward slashes
	names []string             // sheet names, in workbook order
	parts []string             // worksheet part of each sheet; "" for a chart sheet
	sst   *sharedStrings       // nil when the workbook has none
	dates []bool               // per cell format (cellXfs index): shows a date or time
	read  int64                // bytes unpacked so far
}

// Limits on what the head reader unpacks from one part: a head needs far
// less, and a damaged or hostile file must not run away with memory.
const (
	headPartLimit = 64 << 20  // a worksheet, the workbook, its relationships
	headSSTLimit  = 256 << 20 // the shared strings, when the head uses late ones
	maxSheetRows  = 1048576   // rows a worksheet has (Excel's limit)
)

var errHeadLimit = errors.New("xlsx: part too large for a preview")

func openXLSXHead(path string) (*xlsxHead, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	h := &xlsxHead{zr: zr, files: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		h.files[partKey(f.Name)] = f
	}
	if err := h.readWorkbook(); err != nil {
		zr.Close()
		return nil, err
	}
	return h, nil
}

func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, "\\", "/"), "/"))
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

// resolve returns the part a relationship target names, relative to dir.
func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return partKey(target)
	}
	return partKey(path.Join(dir, target))
}

// readWorkbook reads the sheet list and the parts it needs.
func (h *xlsxHead) readWorkbook() error {
	wb := "xl/workbook.xml"
	var root struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := h.decode("_rels/.rels", &root); err == nil {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wb = resolve("", r.Target)
			}
		}
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"id,attr"` // r:id, in whichever namespace
		} `xml:"sheets>sheet"`
	}
	if err := h.decode(wb, &book); err != nil {
		return err
	}
	if len(book.Sheets) == 0 {
		return errors.New("xlsx: no sheets")
	}
	var rels struct {
		Rels []relationship `xml:"Relationship"`
	}
	dir := path.Dir(wb)
	if err := h.decode(path.Join(dir, "_rels", path.Base(wb)+".rels"), &rels); err != nil {
		return err
	}
	byID := map[string]string{}
	sst, styles := "", ""
	for _, r := range rels.Rels {
		switch {
		case strings.HasSuffix(r.Type, "/worksheet"):
			byID[r.ID] = resolve(dir, r.Target)
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			sst = resolve(dir, r.Target)
		case strings.HasSuffix(r.Type, "/styles"):
			styles = resolve(dir, r.Target)
		}
	}
	for _, s := range book.Sheets {
		h.names = append(h.names, s.Name)
		h.parts = append(h.parts, byID[s.ID])
	}
	if _, ok := h.files[sst]; !ok {
		sst = ""
	}
	if sst != "" {
		h.sst = &sharedStrings{h: h, part: sst}
	}
	if styles != "" {
		h.dates = h.dateStyles(styles) // without them, dates show as numbers
	}
	return nil
}

// openPart opens a part for reading, counting what it unpacks, and fails
// with errHeadLimit past limit bytes.
func (h *xlsxHead) openPart(name string, limit int64) (io.ReadCloser, io.Reader, error) {
	f, ok := h.files[partKey(name)]
	if !ok {
		return nil, nil, fmt.Errorf("xlsx: no part %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, err
	}
	return rc, &limitedCount{r: rc, n: &h.read, left: limit}, nil
}

// limitedCount counts bytes read into *n and fails past left bytes.
type limitedCount struct {
	r    io.Reader
	n    *int64
	left int64
}

func (l *limitedCount) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, errHeadLimit
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	*l.n += int64(n)
	l.left -= int64(n)
	return n, err
}

func (h *xlsxHead) decode(name string, v any) error {
	rc, r, err := h.openPart(name, headPartLimit)
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(r).Decode(v)
}

// dateStyles reads which cell formats show dates or times; nil when the
// styles cannot be read.
func (h *xlsxHead) dateStyles(name string) []bool {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			ID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := h.decode(name, &st); err != nil {
		return nil
	}
	codes := map[int]string{}
	for _, f := range st.NumFmts {
		codes[f.ID] = f.Code
	}
	dates := make([]bool, len(st.Xfs))
	for i, xf := range st.Xfs {
		dates[i] = isDateFormat(xf.ID, codes[xf.ID])
	}
	return dates
}

// isDateFormat reports whether number format id (code for a custom one)
// shows a date or a time: the built-in date formats, or a code with a
// day, month, year, hour or second outside quotes and brackets.
func isDateFormat(id int, code string) bool {
	switch {
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return true
	case code == "":
		return false
	}
	var b strings.Builder
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == '[':
			bracket = true
		case c == ']':
			bracket = false
		case !bracket:
			b.WriteByte(c | 0x20) // lower case for letters
		}
	}
	s := strings.ReplaceAll(b.String(), "general", "")
	if strings.ContainsAny(s, "dyhs") {
		return true
	}
	return strings.ContainsRune(s, 'm') && !strings.ContainsAny(s, "0#?")
}

// showSerial shows an Excel serial date or time as yyyy-mm-dd, hh:mm or
// yyyy-mm-dd hh:mm (with seconds when there are any); other text as it is.
func showSerial(s string) string {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || v >= maxSerial || math.IsNaN(v) {
		return s
	}
	days := math.Floor(v)
	secs := int64(math.Round((v - days) * 86400))
	t := excelEpoch.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	if days < minSerial && days >= 1 {
		t = t.AddDate(0, 0, 1) // Excel counts 29 February 1900, which was not
	}
	clock := "15:04"
	if secs%60 != 0 {
		clock = "15:04:05"
	}
	switch {
	case days == 0:
		return t.Format(clock)
	case secs == 0:
		return t.Format(time.DateOnly)
	}
	return t.Format(time.DateOnly + " " + clock)
}

func (h *xlsxHead) format() string   { return "xlsx" }
func (h *xlsxHead) sheets() []string { return h.names }

func (h *xlsxHead) close() error {
	if h.sst != nil {
		h.sst.close()
	}
	return h.zr.Close()
}

func (h *xlsxHead) open(sheet string) (table, error) {
	for i, name := range h.names {
		if name != sheet {
			continue
		}
		if h.parts[i] == "" {
			return &xlsxHeadTable{h: h, end: true}, nil // a chart sheet: no rows
		}
		rc, r, err := h.openPart(h.parts[i], headPartLimit)
		if err != nil {
			return nil, err
		}
		return &xlsxHeadTable{h: h, rc: rc, dec: xml.NewDecoder(r)}, nil
	}
	return nil, fmt.Errorf("xlsx: no sheet %q", sheet)
}

// xlsxHeadTable reads the rows of one worksheet, one row number at a
// time as excelize's Rows does: a row missing from the file is an empty
// row.
type xlsxHeadTable struct {
	h    *xlsxHead
	rc   io.ReadCloser
	dec  *xml.Decoder
	n    int     // the current row number
	last int     // the number of the last row element read
	pend *rawRow // a row element read whose number is not reached yet
	end  bool    // no more row elements
	cur  []string
	show []string
	e    error
}

type rawRow struct {
	r     int
	cells []rawCell
}

type rawCell struct {
	col   int // 0-based
	t, v  string
	style int
}

func (t *xlsxHeadTable) next() bool {
	if t.e != nil {
		return false
	}
	t.cur, t.show = nil, nil
	if t.pend == nil && !t.end {
		t.pend, t.e = t.readRow()
		if t.e != nil {
			return false
		}
		t.end = t.pend == nil
	}
	if t.pend == nil {
		return false
	}
	t.n++
	if t.pend.r > t.n {
		return true
	}
	t.cur, t.show, t.e = t.h.values(t.pend.cells)
	t.pend = nil
	return t.e == nil
}

// readRow reads the next row element; nil at the end of the sheet data.
func (t *xlsxHeadTable) readRow() (*rawRow, error) {
	for {
		tok, err := t.dec.Token()
		if err == io.EOF {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local != "row" {
				continue
			}
			row := &rawRow{r: t.last + 1}
			if n, err := strconv.Atoi(attr(el, "r")); err == nil && n > t.last {
				row.r = n
			}
			if row.r > maxSheetRows {
				return nil, fmt.Errorf("xlsx: row %d past the last row a sheet has", row.r)
			}
			t.last = row.r
			if err := t.readCells(row); err != nil {
				return nil, fmt.Errorf("row %d: %w", row.r, err)
			}
			return row, nil
		case xml.EndElement:
			if el.Name.Local == "sheetData" {
				return nil, nil
			}
		}
	}
}

// readCells reads the cells of a row element up to its end.
func (t *xlsxHeadTable) readCells(row *rawRow) error {
	col := -1
	for {
		tok, err := t.dec.Token()
		if err != nil {
			return err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local != "c" {
				if err := t.dec.Skip(); err != nil {
					return err
				}
				continue
			}
			col++
			if ref := attr(el, "r"); ref != "" {
				c, ok := refColumn(ref)
				if !ok {
					return fmt.Errorf("cell reference %q", ref)
				}
				col = c
			}
			if col >= maxColumns {
				return fmt.Errorf("column %d past the last column a sheet has", col+1)
			}
			c := rawCell{col: col, t: attr(el, "t")}
			c.style, _ = strconv.Atoi(attr(el, "s"))
			if c.v, err = cellText(t.dec, c.t == "inlineStr"); err != nil {
				return err
			}
			row.cells = append(row.cells, c)
		case xml.EndElement:
			if el.Name.Local == "row" {
				return nil
			}
		}
	}
}

// cellText reads a cell element to its end and returns its value: the
// text of <v>, or for an inline string the text of <is>.
func cellText(dec *xml.Decoder, inline bool) (string, error) {
	var v string
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch {
			case el.Name.Local == "v" && !inline:
				if v, err = text(dec, false); err != nil {
					return "", err
				}
			case el.Name.Local == "is" && inline:
				if v, err = text(dec, true); err != nil {
					return "", err
				}
			default:
				if err := dec.Skip(); err != nil {
					return "", err
				}
			}
		case xml.EndElement:
			return v, nil
		}
	}
}

// text reads the element just started up to its end and returns its
// character data; with rich, only that inside <t> elements and not in a
// phonetic run <rPh>, as in a shared or inline string.
func text(dec *xml.Decoder, rich bool) (string, error) {
	var b strings.Builder
	depth, inT, inPh := 0, 0, 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			switch el.Name.Local {
			case "t":
				inT++
			case "rPh":
				inPh++
			}
		case xml.EndElement:
			if depth == 0 {
				if rich {
					return unescapeOOXML(b.String()), nil
				}
				return b.String(), nil
			}
			depth--
			switch el.Name.Local {
			case "t":
				inT--
			case "rPh":
				inPh--
			}
		case xml.CharData:
			if !rich || (inT > 0 && inPh == 0) {
				b.Write(el)
			}
		}
	}
}

// unescapeOOXML decodes the _xHHHH_ escapes Office writes for characters
// XML cannot hold, as excelize does.
func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && i+6 < len(s) && s[i+1] == 'x' && s[i+6] == '_' {
			if r, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				b.WriteRune(rune(r))
				i += 6
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// refColumn returns the 0-based column of a cell reference such as "AB12".
func refColumn(ref string) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a') + 1
	}
	if i == 0 {
		return 0, false
	}
	return col - 1, true
}

// values returns the cells of a row as Import reads them and as a person
// sees them.
func (h *xlsxHead) values(cells []rawCell) (raw, shown []string, err error) {
	for _, c := range cells {
		v := c.v
		switch c.t {
		case "s":
			if v != "" {
				i, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil || h.sst == nil {
					return nil, nil, fmt.Errorf("xlsx: shared string %q", v)
				}
				if v, err = h.sst.get(i); err != nil {
					return nil, nil, err
				}
			}
		}
		if v == "" {
			continue
		}
		for len(raw) < c.col {
			raw, shown = append(raw, ""), append(shown, "")
		}
		show := v
		switch {
		case c.t == "b" && v == "1":
			show = "TRUE"
		case c.t == "b" && v == "0":
			show = "FALSE"
		case (c.t == "" || c.t == "n") && c.style > 0 && c.style < len(h.dates) && h.dates[c.style]:
			show = showSerial(v)
		}
		if c.col < len(raw) { // a cell repeated out of order: the later wins
			raw[c.col], shown[c.col] = v, show
			continue
		}
		raw, shown = append(raw, v), append(shown, show)
	}
	return raw, shown, nil
}

func (t *xlsxHeadTable) cells() []string               { return t.cur }
func (t *xlsxHeadTable) shown() []string               { return append([]string(nil), t.show...) }
func (t *xlsxHeadTable) row() int                      { return t.n }
func (t *xlsxHeadTable) err() error                    { return t.e }
func (t *xlsxHeadTable) progress() (done, total int64) { return int64(t.n), 0 }

func (t *xlsxHeadTable) close() error {
	if t.rc == nil {
		return nil
	}
	return t.rc.Close()
}

// sharedStrings reads a workbook's shared strings as far as they are
// asked for: Excel writes them in the order cells first use them, so the
// head of a sheet needs only the head of the list.
type sharedStrings struct {
	h     *xlsxHead
	part  string
	rc    io.ReadCloser
	dec   *xml.Decoder
	items []string
	done  bool
	err   error
}

func (s *sharedStrings) get(i int) (string, error) {
	for i >= len(s.items) && !s.done && s.err == nil {
		s.more()
	}
	if s.err != nil {
		return "", s.err
	}
	if i < 0 || i >= len(s.items) {
		return "", fmt.Errorf("xlsx: no shared string %d", i)
	}
	return s.items[i], nil
}

// more reads the next string item.
func (s *sharedStrings) more() {
	if s.dec == nil {
		rc, r, err := s.h.openPart(s.part, headSSTLimit)
		if err != nil {
			s.err = err
			return
		}
		s.rc, s.dec = rc, xml.NewDecoder(r)
	}
	for {
		tok, err := s.dec.Token()
		if err == io.EOF {
			s.done = true
			return
		}
		if err != nil {
			s.err = fmt.Errorf("xlsx shared strings: %w", err)
			return
		}
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "si" {
			v, err := text(s.dec, true)
			if err != nil {
				s.err = fmt.Errorf("xlsx shared strings: %w", err)
				return
			}
			s.items = append(s.items, v)
			return
		}
	}
}

func (s *sharedStrings) close() {
	if s.rc != nil {
		s.rc.Close()
	}
}
