package ics

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/multiplier/multiplier/importers/parse"
)

// formatName is the format Detect returns for an iCalendar file.
const formatName = "ics"

// detectLimit is the most bytes Detect reads: a BOM and blank lines may
// come before BEGIN:VCALENDAR.
const detectLimit = 64 << 10

// Detect reports the format of the file at path when it is one this
// package reads ("" when not), reading as little as it can: the file is
// iCalendar ("ics") when its first line, after an optional UTF-8 BOM and
// blank lines, is BEGIN:VCALENDAR. The error is for I/O only.
func Detect(path string) (format string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("detect %s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	lr := newLineReader(io.LimitReader(f, detectLimit), 4096)
	for {
		l, err := lr.next()
		if errors.Is(err, io.EOF) {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("detect %s: %w", filepath.Base(path), err)
		}
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		if propName(l) == nBegin && bytes.EqualFold(lineValue(l), []byte("VCALENDAR")) {
			return formatName, nil
		}
		return "", nil
	}
}

// Read reads the iCalendar file at path into sink, one multiplier.Meeting
// per occurrence of each VEVENT, and returns Stats even on error.
//
// Times are turned into UTC from "Z" values, from TZID names (IANA, the
// common Windows names, else the file's VTIMEZONE block), and floating
// times are read as UTC with a note. Recurring events (RRULE DAILY,
// WEEKLY, MONTHLY, YEARLY; RDATE) are expanded less their EXDATEs and the
// occurrences other VEVENTs replace by RECURRENCE-ID; a series with
// neither COUNT nor UNTIL runs to a year after its start or 31 days after
// the file's last one-off event, whichever is later, and no series yields
// more than 5000 meetings. All-day and cancelled events are left out and
// counted in Notes. An event with no DTSTART, or one that cannot be read,
// is skipped with a *parse.ParseError whose Row is the line of its
// BEGIN:VEVENT. Stats.Rows counts the meetings emitted and the events
// skipped.
//
// The file is read twice, as a stream: nothing is emitted before the whole
// file has been checked, so a truncated or damaged file (an unclosed
// VEVENT or VCALENDAR) returns an error wrapping parse.ErrCorrupt having
// emitted nothing. Read also returns an error when the file cannot be read,
// does not start with BEGIN:VCALENDAR (wrapping parse.ErrUnrecognised), ctx
// is cancelled (wrapping ctx.Err()) or the sink fails (wrapping its error).
// progress, if not nil, is called now and then with bytes read over twice
// the file size, and once at the end with done == total. Read panics if
// sink is nil.
func Read(ctx context.Context, path string, sink parse.Sink, progress func(done, total int64)) (*parse.Stats, error) {
	if sink == nil {
		panic("ics: Read with a nil Sink")
	}
	st := &parse.Stats{}
	file := filepath.Base(path)
	f, size, err := parse.Open(ctx, path)
	if err != nil {
		return st, err
	}
	defer f.Close()
	total := 2 * size
	cr := &parse.CountingReader{R: f}
	tick := func(base int64) func() {
		if progress == nil {
			return nil
		}
		return func() { progress(min(base+cr.N, total), total) }
	}

	x := newIndexer()
	if err := walk(ctx, cr, file, x, tick(0)); err != nil {
		return st, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return st, fmt.Errorf("read %s: %w", file, err)
	}
	done := cr.N
	cr.N = 0
	e := &emitter{ctx: ctx, file: file, sink: sink, st: st, idx: &x.idx, zones: newZones(x.idx.zones)}
	err = walk(ctx, cr, file, e, tick(done))
	st.Notes = append(st.Notes, e.notes()...)
	if err != nil {
		return st, err
	}
	if progress != nil {
		progress(total, total)
	}
	return st, nil
}
