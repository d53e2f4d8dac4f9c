package reviewjson

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/multiplier/multiplier/importers/parse"
)

// The formats Detect reports.
const (
	FormatGerrit = "gerrit-json" // gerrit query --format=JSON output (JSON Lines)
	FormatGitHub = "github-json" // GitHub REST API pulls and reviews
)

// checkEvery is how many lines or elements pass between context checks
// and progress calls.
const checkEvery = 1000

// Detect reports the format of the file at path when it is one this
// package reads ("" when not), reading as little as it can: for Gerrit the
// first non-blank line (which must be a change with "project" and
// "number", or a lone stats line); for GitHub the first element of the
// array (a pull with "number" and "user", or a review with "user", "state"
// and "submitted_at" or "pull_request_url"), or the top-level keys of an
// object up to its "pulls", "pull_requests" or "reviews" list. An empty
// array is not recognised. The error is for I/O only.
func Detect(path string) (format string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("detect %s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	s, err := sniff(f)
	if err != nil {
		return "", fmt.Errorf("detect %s: %w", filepath.Base(path), err)
	}
	switch s {
	case shapeGerrit, shapeGerritEmpty:
		return FormatGerrit, nil
	case shapeGitHubArray, shapeGitHubObject:
		return FormatGitHub, nil
	}
	return "", nil
}

// Read reads the Gerrit or GitHub export at path into sink, one Review at
// a time in file order. It returns Stats even on error. It returns an
// error (the caller rolls the whole file back) when the file cannot be
// read, is damaged (GitHub JSON cut short or broken: wraps
// parse.ErrCorrupt), is neither format (wraps parse.ErrUnrecognised; for
// Gerrit, when no line is a change or a stats line), ctx is cancelled
// (wraps ctx.Err()), or the sink fails (wraps the sink's error). Records
// it cannot use are skipped and listed in Stats with a *parse.ParseError.
//
// progress, if not nil, is called every 1000 lines or elements with bytes
// read and the file size, and once at the end with done == total. Read
// panics if sink is nil.
func Read(ctx context.Context, path string, sink parse.Sink, progress func(done, total int64)) (*parse.Stats, error) {
	if sink == nil {
		panic("reviewjson: Read with a nil Sink")
	}
	st := &parse.Stats{}
	file := filepath.Base(path)
	f, size, err := parse.Open(ctx, path)
	if err != nil {
		return st, err
	}
	defer f.Close()
	s, err := sniff(f)
	if err != nil {
		return st, fmt.Errorf("read %s: %w", file, err)
	}
	r := reader{ctx: ctx, file: file, f: f, size: size, sink: sink, st: st, progress: progress}
	switch s {
	case shapeEmpty:
		return st, fmt.Errorf("read %s: %w: the file is empty", file, parse.ErrUnrecognised)
	case shapeGitHubArray, shapeGitHubObject:
		err = r.readGitHub(s == shapeGitHubObject)
	case shapeOtherArray:
		// Perhaps a Gerrit export whose first line is damaged.
		if err = r.readGerrit(); errors.Is(err, parse.ErrUnrecognised) {
			err = fmt.Errorf("read %s: %w: a JSON array, but not of GitHub pulls or reviews", file, parse.ErrUnrecognised)
		}
	default:
		err = r.readGerrit()
	}
	if err == nil {
		r.report(r.size)
	}
	return st, err
}

// reader holds what both formats' readers share.
type reader struct {
	ctx      context.Context
	file     string
	f        *os.File
	size     int64
	sink     parse.Sink
	st       *parse.Stats
	progress func(done, total int64)
}

// rewind returns a buffered reader at the start of the file, past any
// byte order mark.
func (r *reader) rewind() (*bufio.Reader, error) {
	if _, err := r.f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("read %s: %w", r.file, err)
	}
	br := bufio.NewReaderSize(r.f, 64<<10)
	skipBOM(br)
	return br, nil
}

// tick checks ctx and reports progress; call it every checkEvery records.
func (r *reader) tick(done int64) error {
	if err := r.ctx.Err(); err != nil {
		return fmt.Errorf("read %s: %w", r.file, err)
	}
	r.report(min(done, r.size))
	return nil
}

func (r *reader) report(done int64) {
	if r.progress != nil {
		r.progress(done, r.size)
	}
}

// skip counts a skipped record.
func (r *reader) skip(sheet string, row int, column string, err error) {
	r.st.Rows++
	r.st.Skip(&parse.ParseError{File: r.file, Sheet: sheet, Row: row, Column: column, Err: err})
}

// note adds a note for a person.
func (r *reader) note(format string, args ...any) {
	r.st.Notes = append(r.st.Notes, fmt.Sprintf(format, args...))
}

// shape is what sniff found at the start of a file.
type shape int

const (
	shapeNone         shape = iota // not recognised
	shapeEmpty                     // nothing but white space
	shapeGerrit                    // first line is a Gerrit change
	shapeGerritEmpty               // a lone Gerrit stats line
	shapeGitHubArray               // an array of GitHub pulls or reviews
	shapeGitHubObject              // {"pulls": […], "reviews": […]}
	shapeOtherArray                // an array of something else
)

// sniff looks at the start of f. Its error is for I/O only: JSON it cannot
// follow is simply not recognised.
func sniff(f *os.File) (shape, error) {
	src := &ioErrors{r: f}
	br := bufio.NewReader(src)
	skipBOM(br)
	c, ok, err := firstByte(br)
	if err != nil || !ok {
		return shapeEmpty, err
	}
	var s shape
	switch c {
	case '[':
		s = shapeOtherArray
		if githubArray(json.NewDecoder(br)) {
			s = shapeGitHubArray
		}
	case '{':
		s = gerritFirstLine(br)
		if s != shapeNone || src.err != nil {
			break
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return shapeNone, err
		}
		br.Reset(src)
		skipBOM(br)
		if _, _, err := firstByte(br); err != nil {
			return shapeNone, err
		}
		if githubObject(json.NewDecoder(br)) {
			s = shapeGitHubObject
		}
	}
	return s, src.err
}

// ioErrors passes reads through and keeps the first error other than
// io.EOF, so sniff can tell a read failure from JSON it did not like.
type ioErrors struct {
	r   io.Reader
	err error
}

func (e *ioErrors) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}

// gerritFirstLine reports whether the line br is at is a Gerrit change
// (an object with "project" and "number") or a stats line with nothing
// after it.
func gerritFirstLine(br *bufio.Reader) shape {
	lr := &lineReader{br: br}
	dec := json.NewDecoder(lr)
	if ok, err := expectDelim(dec, '{'); !ok || err != nil {
		return shapeNone
	}
	var project, number, stats bool
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return shapeNone
		}
		switch t {
		case "project":
			project = true
		case "number":
			number = true
		case "type":
			var s string
			if err := dec.Decode(&s); isSyntax(err) {
				return shapeNone
			}
			stats = s == "stats"
			continue
		}
		if project && number {
			return shapeGerrit
		}
		if err := skipValue(dec); err != nil {
			return shapeNone
		}
	}
	if _, err := dec.Token(); err != nil || !stats {
		return shapeNone
	}
	if _, err := io.Copy(io.Discard, lr); err != nil {
		return shapeNone
	}
	if _, more, err := firstByte(br); err != nil || more {
		return shapeNone
	}
	return shapeGerritEmpty
}

// githubArray reports whether dec, at a '[', holds GitHub pulls or reviews
// by the keys of its first element.
func githubArray(dec *json.Decoder) bool {
	if ok, err := expectDelim(dec, '['); !ok || err != nil {
		return false
	}
	if ok, err := expectDelim(dec, '{'); !ok || err != nil {
		return false
	}
	return githubElement(dec)
}

// githubObject reports whether dec, at a '{', holds a "pulls",
// "pull_requests" or "reviews" list of GitHub pulls or reviews (or empty
// pull lists only).
func githubObject(dec *json.Decoder) bool {
	if ok, err := expectDelim(dec, '{'); !ok || err != nil {
		return false
	}
	emptyPulls := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		key, _ := t.(string)
		if !isListKey(key) {
			if err := skipValue(dec); err != nil {
				return false
			}
			continue
		}
		if ok, err := expectDelim(dec, '['); !ok || err != nil {
			return false
		}
		if !dec.More() {
			if _, err := dec.Token(); err != nil {
				return false
			}
			emptyPulls = emptyPulls || key != "reviews"
			continue
		}
		if ok, err := expectDelim(dec, '{'); !ok || err != nil {
			return false
		}
		return githubElement(dec)
	}
	return emptyPulls
}

func isListKey(key string) bool {
	return key == "pulls" || key == "pull_requests" || key == "reviews"
}

// githubElement reads the keys of the object whose '{' dec has just
// returned and reports whether it is a pull ("number" and "user") or a
// review ("user", "state" and "submitted_at" or "pull_request_url").
func githubElement(dec *json.Decoder) bool {
	var number, user, state, review bool
	looks := func() bool {
		return user && (number || state && review)
	}
	stopped, err := objectKeys(dec, func(key string) bool {
		switch key {
		case "number":
			number = true
		case "user":
			user = true
		case "state":
			state = true
		case "submitted_at", "pull_request_url":
			review = true
		}
		return looks()
	})
	return stopped || err == nil && looks()
}
