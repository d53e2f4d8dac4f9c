package ics

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
)

// freq is a recurrence frequency this package expands.
type freq int

const (
	daily freq = iota + 1
	weekly
	monthly
	yearly
)

// maxYears bounds how far after its start a rule is followed, so a rule
// that can never match (BYMONTH=2;BYMONTHDAY=30) still ends.
const maxYears = 100

// weekdayNum is one BYDAY entry: a weekday and, for MONTHLY and YEARLY
// rules, its ordinal in the month (2TU, -1FR); 0 for every such weekday.
type weekdayNum struct {
	n   int
	day time.Weekday
}

// rule is an RRULE this package can expand: FREQ DAILY, WEEKLY, MONTHLY
// or YEARLY with INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH,
// BYSETPOS and WKST.
type rule struct {
	freq       freq
	interval   int
	count      int    // 0 when none
	until      string // the UNTIL value as written; "" when none
	byDay      []weekdayNum
	byMonthDay []int // -31…31, not 0
	byMonth    []int // 1…12, ascending
	bySetPos   []int
	wkst       time.Weekday
}

var weekdays = map[string]time.Weekday{
	"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday,
	"TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday,
}

// parseRule reads an RRULE value. Its error names what it cannot expand
// ("FREQ=HOURLY", "BYWEEKNO"…) or what is malformed.
func parseRule(s string) (*rule, error) {
	r := &rule{interval: 1, wkst: time.Monday}
	seen := false
	for part := range strings.SplitSeq(s, ";") {
		key, val, ok := strings.Cut(part, "=")
		if !ok {
			continue
		}
		key = strings.ToUpper(strings.TrimSpace(key))
		val = strings.ToUpper(strings.TrimSpace(val))
		var err error
		switch key {
		case "FREQ":
			seen = true
			err = r.setFreq(val)
		case "INTERVAL":
			r.interval, err = number(key, val, 1, 1000)
		case "COUNT":
			r.count, err = number(key, val, 1, 1<<30)
		case "UNTIL":
			r.until = val
		case "BYDAY":
			r.byDay, err = parseByDay(val)
		case "BYMONTHDAY":
			r.byMonthDay, err = numbers(key, val, -31, 31)
		case "BYMONTH":
			r.byMonth, err = numbers(key, val, 1, 12)
			slices.Sort(r.byMonth)
			r.byMonth = slices.Compact(r.byMonth)
		case "BYSETPOS":
			r.bySetPos, err = numbers(key, val, -366, 366)
		case "WKST":
			d, ok := weekdays[val]
			if !ok {
				err = errors.New("WKST=" + val)
			}
			r.wkst = d
		case "BYHOUR", "BYMINUTE", "BYSECOND", "BYYEARDAY", "BYWEEKNO":
			err = errors.New(key)
		}
		if err != nil {
			return nil, err
		}
	}
	if !seen {
		return nil, errors.New("no FREQ")
	}
	if r.freq == yearly && len(r.byDay) > 0 && len(r.byMonth) == 0 {
		return nil, errors.New("FREQ=YEARLY with BYDAY but no BYMONTH")
	}
	return r, nil
}

func (r *rule) setFreq(v string) error {
	switch v {
	case "DAILY":
		r.freq = daily
	case "WEEKLY":
		r.freq = weekly
	case "MONTHLY":
		r.freq = monthly
	case "YEARLY":
		r.freq = yearly
	default:
		return errors.New("FREQ=" + v)
	}
	return nil
}

// number reads one integer rule part within [lo, hi].
func number(key, v string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, errors.New(key + "=" + v)
	}
	return n, nil
}

// numbers reads a comma list of non-zero integers within [lo, hi].
func numbers(key, v string, lo, hi int) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(v, ",") {
		n, err := number(key, strings.TrimSpace(f), lo, hi)
		if err != nil || n == 0 || len(out) == 400 {
			return nil, errors.New(key + "=" + v)
		}
		out = append(out, n)
	}
	return out, nil
}

// parseByDay reads a BYDAY list such as "MO,WE,FR" or "2TU" or "-1SU".
func parseByDay(v string) ([]weekdayNum, error) {
	var out []weekdayNum
	for f := range strings.SplitSeq(v, ",") {
		f = strings.TrimSpace(f)
		if len(f) < 2 || len(out) == 400 {
			return nil, errors.New("BYDAY=" + v)
		}
		day, ok := weekdays[f[len(f)-2:]]
		if !ok {
			return nil, errors.New("BYDAY=" + v)
		}
		n := 0
		if num := f[:len(f)-2]; num != "" {
			var err error
			n, err = strconv.Atoi(num)
			if err != nil || n == 0 || n < -53 || n > 53 {
				return nil, errors.New("BYDAY=" + v)
			}
		}
		out = append(out, weekdayNum{n: n, day: day})
	}
	return out, nil
}

// expand returns the UTC starts of the occurrences of r for an event that
// starts at wall clock reading start in zone z: start itself first, then
// each later one in order, no more than most, none after limit (UTC; zero
// for no limit) and, with COUNT, no more than COUNT in all. capped reports
// that most cut the series short.
func (r *rule) expand(start time.Time, z *zone, limit time.Time, most int) (starts []time.Time, capped bool) {
	starts = append(starts, z.toUTC(start))
	n := 1
	day := date(start)
	clock := start.Sub(day)
	last := day.AddDate(maxYears, 0, 0)
	var days []time.Time
	for p := r.firstPeriod(day); !p.After(last); p = r.nextPeriod(p) {
		if !limit.IsZero() && p.Sub(limit) > 48*time.Hour {
			break // no zone is 48 hours from UTC
		}
		days = r.periodDays(p, start, days[:0])
		for _, d := range days {
			w := d.Add(clock)
			if !w.After(start) {
				continue
			}
			if r.count > 0 && n >= r.count {
				return starts, false
			}
			u := z.toUTC(w)
			if !limit.IsZero() && u.After(limit) {
				return starts, false
			}
			if len(starts) == most {
				return starts, true
			}
			n++
			starts = append(starts, u)
		}
	}
	return starts, false
}

// date is midnight of wall clock reading w.
func date(w time.Time) time.Time {
	return time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, time.UTC)
}

// firstPeriod is the first day of the day, week, month or year that holds
// day.
func (r *rule) firstPeriod(day time.Time) time.Time {
	switch r.freq {
	case weekly:
		back := (int(day.Weekday()) - int(r.wkst) + 7) % 7
		return day.AddDate(0, 0, -back)
	case monthly:
		return time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
	case yearly:
		return time.Date(day.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return day
}

// nextPeriod is the first day of the period INTERVAL periods after p.
func (r *rule) nextPeriod(p time.Time) time.Time {
	switch r.freq {
	case weekly:
		return p.AddDate(0, 0, 7*r.interval)
	case monthly:
		return p.AddDate(0, r.interval, 0)
	case yearly:
		return p.AddDate(r.interval, 0, 0)
	}
	return p.AddDate(0, 0, r.interval)
}

// periodDays appends to buf, in order, the days of the period starting on
// p on which r has an occurrence; start is the event's DTSTART, which
// gives the weekday, day and month a rule leaves out.
func (r *rule) periodDays(p, start time.Time, buf []time.Time) []time.Time {
	switch r.freq {
	case daily:
		if r.dayMatches(p) {
			buf = append(buf, p)
		}
	case weekly:
		for i := range 7 {
			d := p.AddDate(0, 0, i)
			if r.onWeekday(d.Weekday(), start) && r.inMonth(d.Month()) {
				buf = append(buf, d)
			}
		}
	case monthly:
		if r.inMonth(p.Month()) {
			buf = r.monthDays(p.Year(), p.Month(), start, buf)
		}
	case yearly:
		for _, m := range r.yearMonths(start) {
			buf = r.monthDays(p.Year(), time.Month(m), start, buf)
		}
	}
	return r.setPos(buf)
}

// dayMatches applies BYMONTH, BYMONTHDAY and BYDAY as filters, as they
// work on a DAILY rule.
func (r *rule) dayMatches(d time.Time) bool {
	if !r.inMonth(d.Month()) {
		return false
	}
	if len(r.byMonthDay) > 0 && !slices.ContainsFunc(r.byMonthDay, func(md int) bool { return monthDay(d.Year(), d.Month(), md) == d.Day() }) {
		return false
	}
	if len(r.byDay) > 0 && !slices.ContainsFunc(r.byDay, func(w weekdayNum) bool { return w.day == d.Weekday() }) {
		return false
	}
	return true
}

func (r *rule) inMonth(m time.Month) bool {
	return len(r.byMonth) == 0 || slices.Contains(r.byMonth, int(m))
}

// onWeekday says whether a WEEKLY rule meets on weekday wd: a BYDAY day,
// or without BYDAY the weekday of DTSTART.
func (r *rule) onWeekday(wd time.Weekday, start time.Time) bool {
	if len(r.byDay) == 0 {
		return wd == start.Weekday()
	}
	return slices.ContainsFunc(r.byDay, func(w weekdayNum) bool { return w.day == wd })
}

// yearMonths are the months of a YEARLY rule: BYMONTH, else every month
// for a BYMONTHDAY rule, else the month of DTSTART.
func (r *rule) yearMonths(start time.Time) []int {
	switch {
	case len(r.byMonth) > 0:
		return r.byMonth
	case len(r.byMonthDay) > 0:
		return allMonths
	}
	return []int{int(start.Month())}
}

var allMonths = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}

// monthDays appends to buf, in order, the days of month m of year y that
// BYMONTHDAY and BYDAY pick (both: the days both pick; neither: DTSTART's
// day of the month, when the month has it).
func (r *rule) monthDays(y int, m time.Month, start time.Time, buf []time.Time) []time.Time {
	n := daysIn(y, m)
	var byDate, byWeekday [32]bool
	for _, md := range r.byMonthDay {
		if d := monthDay(y, m, md); d > 0 {
			byDate[d] = true
		}
	}
	if len(r.byMonthDay) == 0 && len(r.byDay) == 0 && start.Day() <= n {
		byDate[start.Day()] = true
	}
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Weekday()
	for _, w := range r.byDay {
		d1 := 1 + (int(w.day)-int(first)+7)%7 // first such weekday of the month
		switch {
		case w.n == 0:
			for d := d1; d <= n; d += 7 {
				byWeekday[d] = true
			}
		case w.n > 0:
			if d := d1 + 7*(w.n-1); d <= n {
				byWeekday[d] = true
			}
		default:
			lastOne := d1 + 7*((n-d1)/7)
			if d := lastOne + 7*(w.n+1); d >= 1 {
				byWeekday[d] = true
			}
		}
	}
	for d := 1; d <= n; d++ {
		ok := byDate[d]
		switch {
		case len(r.byDay) > 0 && len(r.byMonthDay) > 0:
			ok = byDate[d] && byWeekday[d]
		case len(r.byDay) > 0:
			ok = byWeekday[d]
		}
		if ok {
			buf = append(buf, time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
		}
	}
	return buf
}

// monthDay is the day of month m of year y that BYMONTHDAY value md names
// (-1 is the last day), or 0 when the month has no such day.
func monthDay(y int, m time.Month, md int) int {
	n := daysIn(y, m)
	if md < 0 {
		md = n + 1 + md
	}
	if md < 1 || md > n {
		return 0
	}
	return md
}

// setPos keeps the BYSETPOS positions of days (1 first, -1 last), in
// order.
func (r *rule) setPos(days []time.Time) []time.Time {
	if len(r.bySetPos) == 0 || len(days) == 0 {
		return days
	}
	var keep [367]bool
	for _, p := range r.bySetPos {
		i := p - 1
		if p < 0 {
			i = len(days) + p
		}
		if i >= 0 && i < len(days) {
			keep[i] = true
		}
	}
	out := days[:0]
	for i, d := range days {
		if keep[i] {
			out = append(out, d)
		}
	}
	return out
}
