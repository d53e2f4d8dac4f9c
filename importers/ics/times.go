package ics

import (
	"strings"
	"time"
	_ "time/tzdata" // IANA zones on any machine, Windows included

	"github.com/multiplier/multiplier/importers/parse"
)

// wallKind says how a DATE or DATE-TIME value was written.
type wallKind int

const (
	dateOnly wallKind = iota // 20260507: a day, no time
	floating                 // 20260507T140000: a clock reading, zone from TZID or none
	inUTC                    // 20260507T140000Z
)

// Wall clock readings are held as time.Time values in UTC whose fields
// are the reading: date arithmetic on them knows no daylight saving.

// parseWall reads a DATE (20260507) or DATE-TIME (20260507T140000, with a
// final Z for UTC) value.
func parseWall(s string) (time.Time, wallKind, bool) {
	s = strings.TrimSpace(s)
	kind := floating
	switch {
	case len(s) == 8:
		kind = dateOnly
	case len(s) == 16 && (s[15] == 'Z' || s[15] == 'z'):
		kind = inUTC
		s = s[:15]
	case len(s) != 15:
		return time.Time{}, 0, false
	}
	y, ok1 := digits(s[0:4])
	mo, ok2 := digits(s[4:6])
	d, ok3 := digits(s[6:8])
	if !ok1 || !ok2 || !ok3 || y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, time.Month(mo)) {
		return time.Time{}, 0, false
	}
	var h, mi, sec int
	if kind != dateOnly {
		var ok4, ok5, ok6 bool
		h, ok4 = digits(s[9:11])
		mi, ok5 = digits(s[11:13])
		sec, ok6 = digits(s[13:15])
		if s[8] != 'T' && s[8] != 't' || !ok4 || !ok5 || !ok6 || h > 23 || mi > 59 || sec > 60 {
			return time.Time{}, 0, false
		}
		sec = min(sec, 59) // a leap second
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC), kind, true
}

// digits reads s, which must be all ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn is the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// maxDuration bounds DURATION values; longer ones are taken as unreadable.
const maxDuration = 366 * 24 * time.Hour

// parseDuration reads a DURATION value (P1W, PT1H30M, P1DT2H, +PT15M); a
// day is 24 hours. It reports false for a negative or malformed value.
func parseDuration(s string) (time.Duration, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "+")
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, false
	}
	s = s[1:]
	var d time.Duration
	inTime := false
	for len(s) > 0 {
		if s[0] == 'T' {
			if inTime {
				return 0, false
			}
			inTime = true
			s = s[1:]
			continue
		}
		i := 0
		for i < len(s) && i < 7 && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) {
			return 0, false
		}
		n, _ := digits(s[:i])
		u := durationUnit(s[i], inTime)
		if u == 0 {
			return 0, false
		}
		d += time.Duration(n) * u
		if d > maxDuration {
			return 0, false
		}
		s = s[i+1:]
	}
	return d, true
}

// durationUnit is the length of DURATION unit c: W and D before the T,
// H, M and S after it; 0 for anything else.
func durationUnit(c byte, inTime bool) time.Duration {
	switch {
	case !inTime && c == 'W':
		return 7 * 24 * time.Hour
	case !inTime && c == 'D':
		return 24 * time.Hour
	case inTime && c == 'H':
		return time.Hour
	case inTime && c == 'M':
		return time.Minute
	case inTime && c == 'S':
		return time.Second
	}
	return 0
}

// parseOffset reads a UTC offset (+0100, -0500, +053000, +01:00) as
// seconds east of UTC.
func parseOffset(s string) (int, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ":", "")
	if len(s) != 5 && len(s) != 7 {
		return 0, false
	}
	sign := 1
	switch s[0] {
	case '-':
		sign = -1
	case '+':
	default:
		return 0, false
	}
	h, ok1 := digits(s[1:3])
	m, ok2 := digits(s[3:5])
	sec, ok3 := 0, true
	if len(s) == 7 {
		sec, ok3 = digits(s[5:7])
	}
	if !ok1 || !ok2 || !ok3 || h > 26 || m > 59 || sec > 59 {
		return 0, false
	}
	return sign * (h*3600 + m*60 + sec), true
}

// zone turns the wall clock readings of one TZID into UTC. The nil *zone
// is UTC, which is also how floating times are read.
type zone struct {
	loc *time.Location // an IANA zone, or the one a Windows name stands for
	vt  *vzone         // a VTIMEZONE of the file
}

// toUTC returns the instant wall clock reading w names in z.
func (z *zone) toUTC(w time.Time) time.Time {
	switch {
	case z == nil:
		return w
	case z.loc != nil:
		return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, z.loc).UTC()
	default:
		return z.vt.toUTC(w)
	}
}

// wall returns the wall clock reading of instant u in z.
func (z *zone) wall(u time.Time) time.Time {
	switch {
	case z == nil:
		return u
	case z.loc != nil:
		l := u.In(z.loc)
		return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
	default:
		return u.Add(time.Duration(z.vt.offsetAt(u)) * time.Second)
	}
}

// zones finds the zone a TZID names: an IANA name, a Windows name, or a
// VTIMEZONE of the file, in that order. It remembers what it found.
type zones struct {
	defined map[string]*vzone
	cache   map[string]*zone
	unknown []string // TZIDs found nowhere, in order of first use
}

func newZones(defined map[string]*vzone) *zones {
	return &zones{defined: defined, cache: make(map[string]*zone)}
}

// lookup returns the zone tzid names, and false when it names none (the
// caller reads such times as UTC).
func (zs *zones) lookup(tzid string) (*zone, bool) {
	if z, ok := zs.cache[tzid]; ok {
		return z, z != nil
	}
	var z *zone
	if loc := location(tzid); loc != nil {
		z = &zone{loc: loc}
	} else if vt := zs.defined[strings.TrimSpace(tzid)]; vt != nil {
		z = &zone{vt: vt}
	} else if len(zs.unknown) < 100 {
		zs.unknown = append(zs.unknown, tzid)
	}
	zs.cache[tzid] = z
	return z, z != nil
}

// location returns the IANA zone tzid names directly, through the Windows
// table, or after a "/vendor/version/" prefix; nil when none.
func location(tzid string) *time.Location {
	name := strings.TrimSpace(tzid)
	if name == "" || strings.EqualFold(name, "Local") {
		return nil
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	if iana, ok := windowsZones[strings.ToLower(name)]; ok {
		if loc, err := time.LoadLocation(iana); err == nil {
			return loc
		}
	}
	if !strings.HasPrefix(name, "/") {
		return nil
	}
	// "/mozilla.org/20050126_1/America/New_York" and the like.
	for tries, rest := 0, name[1:]; tries < 8; tries++ {
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			break
		}
		rest = rest[i+1:]
		if strings.Contains(rest, "/") {
			if loc, err := time.LoadLocation(rest); err == nil {
				return loc
			}
		}
	}
	return nil
}

// quoteList quotes up to five names for a note.
func quoteList(names []string) string {
	var q []string
	for i, n := range names {
		if i == 5 {
			q = append(q, "…")
			break
		}
		q = append(q, parse.Quote(n))
	}
	return strings.Join(q, ", ")
}
