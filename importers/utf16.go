package importers

import (
	"bufio"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// utf16Reader decodes UTF-16 text to UTF-8 as it is read, one code unit at
// a time, so a large "Unicode Text" export is never held whole. Unpaired
// surrogates and a trailing odd byte become U+FFFD.
type utf16Reader struct {
	r       *bufio.Reader
	big     bool   // big-endian
	pend    []byte // encoded bytes of the last rune not yet returned
	buf     [utf8.UTFMax]byte
	held    rune // a code unit read ahead after an unpaired high surrogate
	hasHeld bool
	err     error
}

// newUTF16Reader decodes r, whose byte-order mark has been read; big says
// it was FE FF.
func newUTF16Reader(r io.Reader, big bool) *utf16Reader {
	return &utf16Reader{r: bufio.NewReader(r), big: big}
}

func (d *utf16Reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(d.pend) > 0 {
			c := copy(p[n:], d.pend)
			d.pend = d.pend[c:]
			n += c
			continue
		}
		if d.err != nil {
			break
		}
		r, err := d.next()
		if err != nil {
			d.err = err
			break
		}
		if utf8.RuneLen(r) <= len(p)-n {
			n += utf8.EncodeRune(p[n:], r)
		} else {
			d.pend = utf8.AppendRune(d.buf[:0], r)
		}
	}
	if n > 0 {
		return n, nil
	}
	return 0, d.err
}

// next decodes one rune.
func (d *utf16Reader) next() (rune, error) {
	u, err := d.unit()
	if err != nil {
		return 0, err
	}
	if !utf16.IsSurrogate(u) {
		return u, nil
	}
	if u >= 0xDC00 { // a low surrogate with no high one before it
		return utf8.RuneError, nil
	}
	u2, err := d.unit()
	if err != nil {
		return utf8.RuneError, nil // the error comes again on the next call
	}
	if r := utf16.DecodeRune(u, u2); r != utf8.RuneError {
		return r, nil
	}
	d.held, d.hasHeld = u2, true
	return utf8.RuneError, nil
}

// unit reads one code unit.
func (d *utf16Reader) unit() (rune, error) {
	if d.hasHeld {
		d.hasHeld = false
		return d.held, nil
	}
	a, err := d.r.ReadByte()
	if err != nil {
		return 0, err
	}
	b, err := d.r.ReadByte()
	if err == io.EOF {
		return utf8.RuneError, nil // an odd byte at the end; EOF comes next
	}
	if err != nil {
		return 0, err
	}
	if d.big {
		return rune(a)<<8 | rune(b), nil
	}
	return rune(b)<<8 | rune(a), nil
}
