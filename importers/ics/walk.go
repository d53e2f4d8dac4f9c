package ics

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/multiplier/multiplier/importers/parse"
)

const (
	checkEvery = 1000 // lines or records between context checks and progress calls
	maxDepth   = 32   // components nested deeper make a file damaged
)

// frame is one open component: its upper-case name and the line of its
// BEGIN.
type frame struct {
	name string
	line int
}

// visitor is told what walk finds. stack holds the open components,
// outermost first; for begin and end the component itself is on top.
type visitor interface {
	begin(stack []frame) error
	end(stack []frame) error
	property(stack []frame, name string, line []byte) error
}

// walk reads an iCalendar stream, checks that its components nest and
// close, and tells v about them and about the properties this package
// reads. It returns an error wrapping parse.ErrUnrecognised when the first
// line is not BEGIN:VCALENDAR and a *parse.ParseError wrapping
// parse.ErrCorrupt when a component is not closed. tick, if not nil, runs
// every checkEvery lines.
func walk(ctx context.Context, r io.Reader, file string, v visitor, tick func()) error {
	lr := newLineReader(r, 64<<10)
	var stack []frame
	first := true
	for n := 1; ; n++ {
		l, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", file, err)
		}
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("read %s: %w", file, err)
			}
			if tick != nil {
				tick()
			}
		}
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		name := propName(l)
		if first {
			first = false
			if name != nBegin || !bytes.EqualFold(lineValue(l), []byte("VCALENDAR")) {
				return unrecognised(file)
			}
		}
		switch name {
		case nBegin:
			if len(stack) == maxDepth {
				return corrupt(file, lr.start, fmt.Sprintf("components nested more than %d deep", maxDepth))
			}
			stack = append(stack, frame{name: upper(lineValue(l)), line: lr.start})
			err = v.begin(stack)
		case nEnd:
			comp := upper(lineValue(l))
			if len(stack) == 0 || stack[len(stack)-1].name != comp {
				return unmatched(file, comp, lr.start, stack)
			}
			err = v.end(stack)
			stack = stack[:len(stack)-1]
		case "":
		default:
			if len(stack) > 0 {
				err = v.property(stack, name, l)
			}
		}
		if err != nil {
			return err
		}
	}
	if first {
		return unrecognised(file)
	}
	if len(stack) > 0 {
		return unclosed(file, stack[len(stack)-1])
	}
	return nil
}

func upper(b []byte) string { return string(bytes.ToUpper(b)) }

// unmatched is the error for an END:comp on line num that does not close
// the innermost open component: that component is left unclosed when comp
// is open further out, else the END closes nothing.
func unmatched(file, comp string, num int, stack []frame) error {
	for _, f := range stack {
		if f.name == comp {
			return unclosed(file, stack[len(stack)-1])
		}
	}
	return corrupt(file, num, fmt.Sprintf("END:%s closes nothing: the file is damaged", comp))
}

func unclosed(file string, f frame) error {
	return corrupt(file, f.line, fmt.Sprintf("BEGIN:%s has no END:%s: the file is cut short or damaged", f.name, f.name))
}

func unrecognised(file string) error {
	return fmt.Errorf("read %s: %w: an iCalendar file starts with BEGIN:VCALENDAR", file, parse.ErrUnrecognised)
}

func corrupt(file string, line int, msg string) error {
	return &parse.ParseError{File: file, Row: line, Err: parse.ValueError(msg, parse.ErrCorrupt)}
}
