package importers

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// dayOrder says how to read an all-numeric date a/b/y.
type dayOrder int8

const (
	orderUnknown dayOrder = iota // nothing seen yet: read month-first
	monthFirst                   // US: 5/4/2026 is 4 May
	dayFirst                     // European: 5/4/2026 is 5 April
)

// evidence is what one parsed value says about the day order.
type evidence int8

const (
	evNone       evidence = iota // no a/b/y date (ISO, serial, month name)
	evAmbiguous                  // a/b/y with a and b both ≤ 12, read in the given order
	evMonthFirst                 // a/b/y that can only be month-first
	evDayFirst                   // a/b/y that can only be day-first, or dotted (d.m.y)
)

var errNotDate = errors.New("not a date")

// Excel serial numbers: day 0 is 1899-12-30 from serial 61 on (Excel
// counts a 29 February 1900 that never was); 2958465 is 9999-12-31.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

const (
	minSerial = 61
	maxSerial = 2958466
	minYear   = 1900
	maxYear   = 9999
)

// parseTime reads one date or date-time and returns it in UTC. It accepts
//
//   - ISO 8601 / RFC 3339: 2026-05-04T09:12:00Z, 2026-05-04T09:12:00.5+02:00,
//     2026-05-04 09:12:00, 2026-05-04 09:12, 2026-05-04, 2026/05/04;
//   - a/b/y with / - or . between and a 4- or 2-digit year, and an optional
//     time with seconds and AM/PM: 5/4/2026 9:12 AM, 04.05.2026 09:12,
//     5/4/26 09:12 (two-digit years: 00–29 are 2000s, 30–99 1900s, as Excel);
//   - month names: 4-May-26, 4 May 2026, May 4, 2026, Monday, May 4, 2026;
//   - Excel serial day numbers (46146.38) and compact 20260504.
//
// Values without a zone are UTC; Z, ±hh:mm, ±hhmm, ±hh, UTC and GMT are
// understood. order decides a/b/y dates whose a and b are both ≤ 12, except
// dotted ones, which are day-first. The evidence says what the value showed
// about the order. The error is errNotDate for any value it cannot read.
func parseTime(s string, order dayOrder) (time.Time, evidence, error) {
	s = strings.TrimSpace(s)
	if t, ok := parseSerial(s); ok {
		return t, evNone, nil
	}
	p := scanner{s: s}
	y, m, d, ev, ok := p.date(order)
	if !ok {
		return time.Time{}, evNone, errNotDate
	}
	var c clock
	if p.skipDateTimeSep() {
		if c, ok = p.clock(); !ok {
			return time.Time{}, evNone, errNotDate
		}
	}
	p.skipSpaces()
	if !p.eof() {
		return time.Time{}, evNone, errNotDate
	}
	t := time.Date(y, time.Month(m), d, c.h, c.m, c.s, c.ns, time.UTC)
	return t.Add(-time.Duration(c.offset) * time.Second), ev, nil
}

// parseSerial reads an Excel serial day number or a compact yyyymmdd.
func parseSerial(s string) (time.Time, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return time.Time{}, false
	}
	dots := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			dots++
		case c < '0' || c > '9':
			return time.Time{}, false
		}
	}
	if dots > 1 || len(s) > 32 {
		return time.Time{}, false
	}
	if dots == 0 && len(s) == 8 {
		y, m, d := atoi(s[:4]), atoi(s[4:6]), atoi(s[6:])
		if validDate(y, m, d) {
			return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
		}
		return time.Time{}, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return time.Time{}, false
	}
	if v < minSerial || v >= maxSerial {
		return time.Time{}, false
	}
	days := math.Floor(v)
	ms := math.Round((v - days) * 86400e3)
	return excelEpoch.AddDate(0, 0, int(days)).Add(time.Duration(ms) * time.Millisecond), true
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func validDate(y, m, d int) bool {
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// scanner walks a date string byte by byte; it never allocates.
type scanner struct {
	s string
	i int
}

func (p *scanner) eof() bool { return p.i >= len(p.s) }

func (p *scanner) peek() byte {
	if p.eof() {
		return 0
	}
	return p.s[p.i]
}

func (p *scanner) accept(c byte) bool {
	if p.peek() == c && !p.eof() {
		p.i++
		return true
	}
	return false
}

func (p *scanner) skipSpaces() {
	for !p.eof() && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

// num reads up to max digits and returns the value and how many it read.
func (p *scanner) num(max int) (v, n int) {
	for n < max && !p.eof() && isDigit(p.s[p.i]) {
		v = v*10 + int(p.s[p.i]-'0')
		p.i++
		n++
	}
	return v, n
}

// word reads a run of ASCII letters.
func (p *scanner) word() string {
	start := p.i
	for !p.eof() && isLetter(p.s[p.i]) {
		p.i++
	}
	return p.s[start:p.i]
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// date reads the date part of a value.
func (p *scanner) date(order dayOrder) (y, m, d int, ev evidence, ok bool) {
	switch c := p.peek(); {
	case isDigit(c):
		a, na := p.num(5)
		switch na {
		case 4:
			y, m, d, ok = p.isoRest(a)
		case 1, 2:
			return p.afterDay(a, order)
		}
	case isLetter(c):
		y, m, d, ok = p.monthFirstName()
	}
	return y, m, d, evNone, ok && validDate(y, m, d)
}

// isoRest reads "-mm-dd" (or with / or .) after a four-digit year.
func (p *scanner) isoRest(y int) (int, int, int, bool) {
	sep := p.peek()
	if sep != '-' && sep != '/' && sep != '.' {
		return 0, 0, 0, false
	}
	p.i++
	m, nm := p.num(2)
	if nm == 0 || !p.accept(sep) {
		return 0, 0, 0, false
	}
	d, nd := p.num(2)
	return y, m, d, nd > 0
}

// afterDay reads what follows a leading one- or two-digit number: "/b/y"
// or "-Mon-y" / " Mon y".
func (p *scanner) afterDay(a int, order dayOrder) (y, m, d int, ev evidence, ok bool) {
	sep := p.peek()
	if sep != '/' && sep != '-' && sep != '.' && sep != ' ' {
		return 0, 0, 0, evNone, false
	}
	p.i++
	if sep == '.' {
		p.skipSpaces()
	}
	if isLetter(p.peek()) {
		m, ok = monthNumber(p.word())
		if !ok {
			return 0, 0, 0, evNone, false
		}
		p.accept('.')
		if !p.accept(sep) && !p.accept(' ') {
			return 0, 0, 0, evNone, false
		}
		p.skipSpaces()
		y, ok = p.year()
		return y, m, a, evNone, ok && validDate(y, m, a)
	}
	if sep == ' ' {
		return 0, 0, 0, evNone, false
	}
	b, nb := p.num(2)
	if nb == 0 || !p.accept(sep) {
		return 0, 0, 0, evNone, false
	}
	if y, ok = p.year(); !ok {
		return 0, 0, 0, evNone, false
	}
	m, d, ev = resolveOrder(a, b, sep, order)
	return y, m, d, ev, validDate(y, m, d)
}

// resolveOrder decides which of a/b is the month.
func resolveOrder(a, b int, sep byte, order dayOrder) (m, d int, ev evidence) {
	switch {
	case a > 12:
		return b, a, evDayFirst
	case b > 12:
		return a, b, evMonthFirst
	case sep == '.':
		return b, a, evDayFirst
	case order == dayFirst:
		return b, a, evAmbiguous
	}
	return a, b, evAmbiguous
}

// year reads a four-digit year or a two-digit one (Excel's 1930–2029 window).
func (p *scanner) year() (int, bool) {
	y, n := p.num(5)
	switch n {
	case 4:
		return y, true
	case 2:
		if y < 30 {
			return 2000 + y, true
		}
		return 1900 + y, true
	}
	return 0, false
}

// monthFirstName reads "May 4, 2026", optionally after a weekday
// ("Monday, May 4, 2026").
func (p *scanner) monthFirstName() (y, m, d int, ok bool) {
	w := p.word()
	if isWeekday(w) {
		p.accept(',')
		p.skipSpaces()
		w = p.word()
	}
	if m, ok = monthNumber(w); !ok {
		return 0, 0, 0, false
	}
	p.accept('.')
	if !p.accept(' ') && !p.accept('-') {
		return 0, 0, 0, false
	}
	p.skipSpaces()
	d, nd := p.num(2)
	if nd == 0 {
		return 0, 0, 0, false
	}
	p.accept(',')
	if !p.accept(' ') && !p.accept('-') {
		return 0, 0, 0, false
	}
	p.skipSpaces()
	y, ok = p.year()
	return y, m, d, ok
}

var months = [...]string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// monthNumber reads an English month name or its abbreviation (Jan, Sept).
func monthNumber(w string) (int, bool) {
	if len(w) < 3 {
		return 0, false
	}
	for i, name := range months {
		if len(w) <= len(name) && strings.EqualFold(w, name[:len(w)]) {
			return i + 1, true
		}
	}
	return 0, false
}

var weekdays = [...]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

func isWeekday(w string) bool {
	if len(w) < 3 {
		return false
	}
	for _, name := range weekdays {
		if len(w) <= len(name) && strings.EqualFold(w, name[:len(w)]) {
			return true
		}
	}
	return false
}

// skipDateTimeSep skips what sits between date and time ("T", spaces, a
// comma) and reports whether a time follows.
func (p *scanner) skipDateTimeSep() bool {
	if p.accept('T') || p.accept('t') {
		return true
	}
	start := p.i
	p.accept(',')
	p.skipSpaces()
	if isDigit(p.peek()) {
		return true
	}
	p.i = start
	return false
}

// clock is a time of day and a zone offset in seconds east of UTC.
type clock struct {
	h, m, s, ns int
	offset      int
}

// clock reads h:mm[:ss[.fff]] [AM|PM] [zone].
func (p *scanner) clock() (clock, bool) {
	var c clock
	var n int
	if c.h, n = p.num(2); n == 0 || !p.accept(':') {
		return c, false
	}
	if c.m, n = p.num(2); n != 2 || c.m > 59 {
		return c, false
	}
	if p.accept(':') {
		if c.s, n = p.num(2); n != 2 || c.s > 59 {
			return c, false
		}
		if p.accept('.') || p.accept(',') {
			if c.ns, n = p.fraction(); n == 0 {
				return c, false
			}
		}
	}
	p.skipSpaces()
	if h, ok, bad := p.meridiem(c.h); bad {
		return c, false
	} else if ok {
		c.h = h
	} else if c.h > 23 {
		return c, false
	}
	p.skipSpaces()
	off, ok := p.zone()
	c.offset = off
	return c, ok
}

// fraction reads fractional-second digits as nanoseconds; digits past the
// ninth are read and dropped.
func (p *scanner) fraction() (ns, n int) {
	scale := 100000000
	for !p.eof() && isDigit(p.s[p.i]) {
		ns += int(p.s[p.i]-'0') * scale
		scale /= 10
		p.i++
		n++
	}
	return ns, n
}

// meridiem reads AM or PM after hour h: ok when present, bad when h does
// not fit a 12-hour clock.
func (p *scanner) meridiem(h int) (hour int, ok, bad bool) {
	if len(p.s)-p.i < 2 || p.s[p.i+1]|0x20 != 'm' {
		return h, false, false
	}
	var pm bool
	switch p.s[p.i] | 0x20 {
	case 'a':
	case 'p':
		pm = true
	default:
		return h, false, false
	}
	if h < 1 || h > 12 {
		return h, false, true
	}
	p.i += 2
	h %= 12
	if pm {
		h += 12
	}
	return h, true, false
}

// zone reads an optional zone: Z, ±hh[:mm], UTC or GMT (optionally with an
// offset after it). It returns seconds east of UTC.
func (p *scanner) zone() (int, bool) {
	if p.eof() {
		return 0, true
	}
	if p.accept('Z') || p.accept('z') {
		return 0, true
	}
	if w := p.peekWord(); strings.EqualFold(w, "UTC") || strings.EqualFold(w, "GMT") {
		p.i += 3
		if p.eof() || (p.peek() != '+' && p.peek() != '-') {
			return 0, true
		}
	}
	sign := 1
	switch {
	case p.accept('+'):
	case p.accept('-'):
		sign = -1
	default:
		return 0, !isLetter(p.peek()) && !isDigit(p.peek())
	}
	h, n := p.num(2)
	if n != 2 || h > 14 {
		return 0, false
	}
	p.accept(':')
	m := 0
	if isDigit(p.peek()) {
		if m, n = p.num(2); n != 2 || m > 59 {
			return 0, false
		}
	}
	return sign * (h*3600 + m*60), true
}

func (p *scanner) peekWord() string {
	j := p.i
	for j < len(p.s) && isLetter(p.s[j]) {
		j++
	}
	return p.s[p.i:j]
}

// dateColumn parses the values of one column and decides its day order
// from what it has seen so far: reading is streaming, so an ambiguous date
// is read in the order known when it comes. Until the column itself shows
// an order it borrows the file's (what another date column showed), and
// failing that reads month-first.
type dateColumn struct {
	order    dayOrder
	styled   int  // a/b/y values read
	early    int  // ambiguous values read month-first before any order was known
	borrowed int  // ambiguous values read in the file's order before this column showed one
	mixed    bool // values contradicting the decided order
}

// parse reads s, using fileOrder while the column's own order is unknown.
// The error wraps ErrBadDate, or is ErrMissingValue when s is empty.
func (c *dateColumn) parse(s string, fileOrder dayOrder) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, ErrMissingValue
	}
	order := c.order
	if order == orderUnknown {
		order = fileOrder
	}
	t, ev, err := parseTime(s, order)
	if err != nil {
		return time.Time{}, badValue(ErrBadDate, s, "a date")
	}
	c.observe(ev, fileOrder)
	return t, nil
}

func (c *dateColumn) observe(ev evidence, fileOrder dayOrder) {
	switch ev {
	case evNone:
		return
	case evAmbiguous:
		switch {
		case c.order != orderUnknown:
		case fileOrder != orderUnknown:
			c.borrowed++
		default:
			c.early++
		}
	case evDayFirst, evMonthFirst:
		o := dayFirst
		if ev == evMonthFirst {
			o = monthFirst
		}
		if c.order == orderUnknown {
			c.order = o
		} else if c.order != o {
			c.mixed = true
		}
	}
	c.styled++
}

// note says which day order the column used, or "" when it held no a/b/y
// dates.
func (c *dateColumn) note(column string, fileOrder dayOrder) string {
	if c.styled == 0 {
		return ""
	}
	order := c.order
	if order == orderUnknown {
		order = fileOrder
	}
	var b strings.Builder
	b.WriteString("column '" + column + "': ")
	switch order {
	case dayFirst:
		b.WriteString("dates read day-first (European)")
		if c.early > 0 {
			b.WriteString("; " + strconv.Itoa(c.early) + " ambiguous date(s) before the first day-first one were read month-first")
		}
	case monthFirst:
		b.WriteString("dates read month-first (US)")
	default:
		b.WriteString("dates read month-first (US); no value showed the order")
	}
	if c.order == orderUnknown && fileOrder != orderUnknown {
		b.WriteString(", as another date column showed")
	}
	if c.mixed {
		b.WriteString("; some dates contradict that order and were read as only they can be")
	}
	return b.String()
}
