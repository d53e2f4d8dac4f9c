package reviewjson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/multiplier/multiplier/importers/parse"
)

// text is a JSON string or number read as text; null is "". Exports
// disagree on whether a change number or a vote value is quoted.
type text string

// UnmarshalJSON implements json.Unmarshaler.
func (t *text) UnmarshalJSON(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	switch b[0] {
	case '"':
		if len(b) >= 2 && bytes.IndexByte(b, '\\') < 0 {
			*t = text(bytes.TrimSpace(b[1 : len(b)-1]))
			return nil
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = text(strings.TrimSpace(s))
	case 'n':
		*t = ""
	case '{', '[':
		return errors.New("an object or array where a string or number belongs")
	default:
		*t = text(b)
	}
	return nil
}

// unixTime is a time in Unix seconds, as Gerrit writes them (a number, or
// a number in a string). It never fails to decode: a value it cannot read
// is kept in bad, and a missing, null or 0 value leaves both fields zero.
type unixTime struct {
	t   time.Time // UTC
	bad string
}

// maxUnix is the last second of the year 9999.
const maxUnix = 253402300799

// UnmarshalJSON implements json.Unmarshaler.
func (u *unixTime) UnmarshalJSON(b []byte) error {
	*u = unixTime{}
	if sec, ok := wholeSeconds(b); ok {
		u.t = time.Unix(sec, 0).UTC()
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			u.bad = string(b)
			return nil
		}
		s = strings.TrimSpace(s)
	}
	if s == "" || s == "null" || s == "0" {
		return nil
	}
	sec, ok := parseSeconds(s)
	if !ok {
		u.bad = s
		return nil
	}
	u.t = time.Unix(sec, 0).UTC()
	return nil
}

// wholeSeconds reads the common case, a bare count of seconds in
// 1..maxUnix, without allocating.
func wholeSeconds(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 12 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, n > 0 && n <= maxUnix
}

// parseSeconds reads a whole or fractional count of seconds in 1..maxUnix.
func parseSeconds(s string) (int64, bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, n > 0 && n <= maxUnix
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f < 1 || f > maxUnix {
		return 0, false
	}
	return int64(f), true
}

// check is a Unix time's value for a required field: the time, or an error
// saying it is missing or unreadable.
func (u unixTime) check() (time.Time, error) {
	switch {
	case u.bad != "":
		return time.Time{}, parse.BadValue(parse.ErrBadDate, u.bad, "a time in Unix seconds")
	case u.t.IsZero():
		return time.Time{}, parse.ErrMissingValue
	}
	return u.t, nil
}

// parseRFC3339 reads a GitHub time (RFC 3339) as UTC.
func parseRFC3339(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, parse.ErrMissingValue
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, parse.BadValue(parse.ErrBadDate, s, "an RFC 3339 time")
	}
	return t.UTC(), nil
}

// skipValue reads past the next JSON value of dec, token by token, so a
// large value is never held whole.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := t.(json.Delim); ok {
			if d == '[' || d == '{' {
				depth++
			} else {
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
	}
}

// expectDelim reads the next token and reports whether it is d.
func expectDelim(dec *json.Decoder, d json.Delim) (bool, error) {
	t, err := dec.Token()
	if err != nil {
		return false, err
	}
	got, ok := t.(json.Delim)
	return ok && got == d, nil
}

// objectKeys reads the object whose '{' dec has just returned, key by
// key, skipping values, and calls each with every key until it returns
// true or the object ends. It reports whether each stopped it.
func objectKeys(dec *json.Decoder, each func(key string) bool) (bool, error) {
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return false, err
		}
		key, ok := t.(string)
		if !ok {
			return false, fmt.Errorf("object key is %v", t)
		}
		if each(key) {
			return true, nil
		}
		if err := skipValue(dec); err != nil {
			return false, err
		}
	}
	_, err := dec.Token() // '}'
	return false, err
}

// isSyntax reports whether a Decode error means the JSON itself is broken
// or cut short, rather than a value of the wrong type.
func isSyntax(err error) bool {
	var se *json.SyntaxError
	return errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// corrupt wraps a JSON syntax error as parse.ErrCorrupt.
func corrupt(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("%w: %v", parse.ErrCorrupt, err)
}

// typeError is the skip reason for an element that decoded with a value
// of the wrong type, and the field it names.
func typeError(err error) (column string, reason error) {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return "", parse.ValueError(err.Error(), parse.ErrCorrupt)
	}
	if te.Field == "" {
		return "", parse.ValueError("a JSON "+te.Value+", not an object", parse.ErrCorrupt)
	}
	return te.Field, parse.ValueError("a JSON "+te.Value+" where "+kindName(te.Type)+" belongs", parse.ErrCorrupt)
}

// kindName names what a Go type holds in JSON terms.
func kindName(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Pointer, reflect.Map:
		return "an object"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "another value"
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// skipBOM drops a UTF-8 byte order mark at the start of br.
func skipBOM(br *bufio.Reader) {
	if b, err := br.Peek(len(utf8BOM)); err == nil && string(b) == string(utf8BOM) {
		br.Discard(len(utf8BOM))
	}
}

// firstByte returns the first byte of br that is not JSON white space,
// leaving it unread; ok is false at the end of input. The error is for
// I/O only.
func firstByte(br *bufio.Reader) (c byte, ok bool, err error) {
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			return 0, false, nil
		}
		if err != nil {
			return 0, false, err
		}
		if !isSpace(c) {
			return c, true, br.UnreadByte()
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// lineReader reads from br up to and not including the next newline, then
// reports io.EOF: it lets a json.Decoder look at one line of a JSON Lines
// file without reading past it.
type lineReader struct {
	br   *bufio.Reader
	done bool
}

func (l *lineReader) Read(p []byte) (int, error) {
	if l.done {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) {
		c, err := l.br.ReadByte()
		if err != nil {
			l.done = true
			if err != io.EOF {
				return n, err
			}
			break
		}
		if c == '\n' {
			l.done = true
			break
		}
		p[n] = c
		n++
	}
	if n == 0 && l.done {
		return 0, io.EOF
	}
	return n, nil
}
