package ics

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
)

// maxLine is the most bytes of one logical (unfolded) line kept; the rest
// of a longer line, such as an inline attachment, is dropped.
const maxLine = 1 << 20

var bom = []byte("\xef\xbb\xbf")

// lineReader reads the logical lines of an iCalendar stream: it drops a
// leading UTF-8 BOM, ends lines at LF or CRLF and joins folded lines (a
// line starting with a space or a tab continues the one before).
type lineReader struct {
	br      *bufio.Reader
	buf     []byte
	num     int   // physical lines read so far
	start   int   // physical line number where the last logical line began
	err     error // a read error met while looking ahead
	started bool
}

// newLineReader reads r through a buffer of size bytes.
func newLineReader(r io.Reader, size int) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, size)}
}

// next returns the next logical line, valid until the following call, or
// io.EOF after the last one.
func (lr *lineReader) next() ([]byte, error) {
	if lr.err != nil {
		return nil, lr.err
	}
	lr.buf = lr.buf[:0]
	if err := lr.physical(); err != nil {
		return nil, err
	}
	lr.start = lr.num
	if !lr.started {
		lr.started = true
		if bytes.HasPrefix(lr.buf, bom) {
			lr.buf = append(lr.buf[:0], lr.buf[len(bom):]...)
		}
	}
	for {
		b, err := lr.br.Peek(1)
		if err != nil {
			if !errors.Is(err, io.EOF) {
				lr.err = err
			}
			break
		}
		if b[0] != ' ' && b[0] != '\t' {
			break
		}
		lr.br.Discard(1) // the space or tab that marks the fold
		if err := lr.physical(); err != nil {
			if !errors.Is(err, io.EOF) {
				lr.err = err
			}
			break
		}
	}
	return lr.buf, nil
}

// physical appends the next physical line, without its line end, to buf.
// It returns io.EOF only when no byte was left.
func (lr *lineReader) physical() error {
	read := false
	for {
		chunk, err := lr.br.ReadSlice('\n')
		if len(chunk) > 0 {
			read = true
			chunk = bytes.TrimSuffix(chunk, []byte("\n"))
			if room := maxLine - len(lr.buf); room > 0 {
				lr.buf = append(lr.buf, chunk[:min(len(chunk), room)]...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && !(errors.Is(err, io.EOF) && read) {
			return err
		}
		lr.num++
		lr.buf = bytes.TrimSuffix(lr.buf, []byte("\r"))
		return nil
	}
}

// Property names this package reads; propName returns one of these or "".
const (
	nBegin        = "BEGIN"
	nEnd          = "END"
	nUID          = "UID"
	nSummary      = "SUMMARY"
	nStatus       = "STATUS"
	nDTStart      = "DTSTART"
	nDTEnd        = "DTEND"
	nDuration     = "DURATION"
	nRRule        = "RRULE"
	nRDate        = "RDATE"
	nExDate       = "EXDATE"
	nRecurrenceID = "RECURRENCE-ID"
	nOrganizer    = "ORGANIZER"
	nAttendee     = "ATTENDEE"
	nTZID         = "TZID"
	nOffsetFrom   = "TZOFFSETFROM"
	nOffsetTo     = "TZOFFSETTO"
)

var known = map[string]string{}

func init() {
	for _, n := range []string{nBegin, nEnd, nUID, nSummary, nStatus, nDTStart, nDTEnd, nDuration,
		nRRule, nRDate, nExDate, nRecurrenceID, nOrganizer, nAttendee, nTZID, nOffsetFrom, nOffsetTo} {
		known[n] = n
	}
}

// propName returns the name of the property on line l when it is one this
// package reads, and "" otherwise. It does not allocate.
func propName(l []byte) string {
	end := bytes.IndexAny(l, ";:")
	if end <= 0 || end > 16 {
		return ""
	}
	var up [16]byte
	for i, c := range l[:end] {
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		up[i] = c
	}
	return known[string(up[:end])]
}

// lineValue returns the text after the first colon of l, trimmed, for
// BEGIN and END lines, which have no parameters.
func lineValue(l []byte) []byte {
	i := bytes.IndexByte(l, ':')
	if i < 0 {
		return nil
	}
	return bytes.TrimSpace(l[i+1:])
}

// prop is one parsed content line: NAME;PARAM=value;…:value.
type prop struct {
	name   string // upper-case
	params []param
	value  string // as written, not unescaped
}

// param is one property parameter; its value has its quotes removed and
// RFC 6868 caret escapes decoded.
type param struct {
	name  string // upper-case
	value string
}

// parseProp parses line l, and reports false when it is not a content
// line (no colon after the name and parameters, an unclosed quote).
func parseProp(l []byte) (prop, bool) {
	s := string(l)
	end := strings.IndexAny(s, ";:")
	if end <= 0 {
		return prop{}, false
	}
	p := prop{name: strings.ToUpper(strings.TrimSpace(s[:end]))}
	s = s[end:]
	if s[0] == ';' {
		p.params = make([]param, 0, min(strings.Count(s, ";"), 16))
	}
	for len(s) > 0 && s[0] == ';' {
		s = s[1:]
		eq := strings.IndexAny(s, "=;:")
		if eq < 0 {
			return prop{}, false
		}
		if s[eq] != '=' { // a parameter without a value: drop it
			s = s[eq:]
			continue
		}
		name := strings.ToUpper(strings.TrimSpace(s[:eq]))
		s = s[eq+1:]
		n, ok := paramValueLen(s)
		if !ok {
			return prop{}, false
		}
		p.params = append(p.params, param{name: name, value: unquote(s[:n])})
		s = s[n:]
	}
	if len(s) == 0 || s[0] != ':' {
		return prop{}, false
	}
	p.value = s[1:]
	return p, true
}

// paramValueLen returns the length of the parameter value at the start of
// s: up to the first semicolon or colon outside double quotes.
func paramValueLen(s string) (int, bool) {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ';' || c == ':'):
			return i, true
		}
	}
	return 0, false
}

// unquote removes the double quotes of a parameter value and decodes the
// caret escapes of RFC 6868 (^n, ^^, ^').
func unquote(v string) string {
	v = strings.ReplaceAll(v, `"`, "")
	if !strings.Contains(v, "^") {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '^' && i+1 < len(v) {
			switch v[i+1] {
			case 'n', 'N':
				b.WriteByte('\n')
				i++
				continue
			case '^':
				b.WriteByte('^')
				i++
				continue
			case '\'':
				b.WriteByte('"')
				i++
				continue
			}
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// param returns the value of parameter name (upper-case), or "".
func (p *prop) param(name string) string {
	for _, q := range p.params {
		if q.name == name {
			return q.value
		}
	}
	return ""
}

// unescape decodes an iCalendar TEXT value: \n or \N is a line break, and
// \, \; \\ stand for the character itself. A backslash before anything
// else is dropped, as lenient readers do.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// text cleans a TEXT value for a record: unescaped, trimmed, valid UTF-8.
func text(s string) string {
	return valid(strings.TrimSpace(unescape(s)))
}

// valid replaces the bytes of s that are not UTF-8.
func valid(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// uid is the UID an event's UID property gives, as both passes read it.
func uid(p prop) string { return valid(strings.TrimSpace(p.value)) }
