package slack

import (
	"archive/zip"
	"encoding/binary"
	"fmt"
	"io"
	"strings"

	"github.com/multiplier/multiplier/importers/parse"
)

// limits bounds what an archive may unpack to.
type limits struct {
	entry     int64 // uncompressed bytes of one entry
	total     int64 // uncompressed bytes of all entries read
	entries   uint64
	ratio     int64 // uncompressed bytes per compressed byte…
	ratioFrom int64 // …checked on entries larger than this
}

// defaultLimits are the limits Read applies.
var defaultLimits = limits{
	entry:     64 << 20,
	total:     4 << 30,
	entries:   200_000,
	ratio:     200,
	ratioFrom: 1 << 20,
}

// zipMagic starts every zip file that holds at least one entry.
const zipMagic = "PK\x03\x04"

// mib formats a limit of n bytes for a message: in MiB when it is a
// whole number of them, else in bytes.
func mib(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// corrupt returns a positioned error for entry name of file that wraps
// parse.ErrCorrupt and, when not nil, cause.
func corrupt(file, name, msg string, cause error) *parse.ParseError {
	err := parse.ValueError(msg, parse.ErrCorrupt)
	if cause != nil {
		err = fmt.Errorf("%w: %w", parse.ErrCorrupt, cause)
		if msg != "" {
			err = fmt.Errorf("%s: %w: %w", msg, parse.ErrCorrupt, cause)
		}
	}
	return &parse.ParseError{File: file, Sheet: name, Err: err}
}

// entry reads one zip entry through the limits, counting the bytes it
// really unpacks rather than trusting the header. The first error from
// the archive or a limit sticks: every later Read returns it, and it is
// always a *parse.ParseError wrapping parse.ErrCorrupt.
type entry struct {
	r          io.Reader
	file, name string
	compressed int64
	n          int64  // uncompressed bytes read from this entry
	total      *int64 // uncompressed bytes read from the whole archive
	lim        *limits
	err        error
}

// newEntry wraps r, the uncompressed stream of entry name whose compressed
// size is compressed, adding what it reads to *total.
func newEntry(r io.Reader, file, name string, compressed int64, lim *limits, total *int64) *entry {
	return &entry{
		r:          io.LimitReader(r, lim.entry+1),
		file:       file,
		name:       name,
		compressed: max(compressed, 1),
		total:      total,
		lim:        lim,
	}
}

// Read reads from the entry, failing once a limit is passed.
func (e *entry) Read(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.r.Read(p)
	e.n += int64(n)
	*e.total += int64(n)
	if lerr := e.overLimit(); lerr != nil {
		e.err = lerr
		return n, e.err
	}
	if err != nil && err != io.EOF {
		e.err = corrupt(e.file, e.name, "", err)
		return n, e.err
	}
	return n, err
}

// overLimit reports the first limit the bytes read so far pass, or nil.
func (e *entry) overLimit() error {
	switch {
	case e.n > e.lim.entry:
		return corrupt(e.file, e.name, "more than "+mib(e.lim.entry)+" uncompressed, the limit for one entry", nil)
	case *e.total > e.lim.total:
		return corrupt(e.file, e.name, "the archive unpacks to more than "+mib(e.lim.total)+", the limit for an export", nil)
	case e.n > e.lim.ratioFrom && e.n/e.compressed > e.lim.ratio:
		return corrupt(e.file, e.name, fmt.Sprintf("compressed more than %d:1, the limit for an entry over %s", e.lim.ratio, mib(e.lim.ratioFrom)), nil)
	}
	return nil
}

// drain reads the entry to its end, so the archive checks its CRC.
func (e *entry) drain() error {
	_, err := io.Copy(io.Discard, e)
	return err
}

// checkHeader refuses f before unpacking it when its header already says
// it passes a limit; total is what the archive has unpacked so far. The
// archive reader fails an entry that unpacks to more than its header says,
// so a header that lies small is caught while reading.
func checkHeader(file string, f *zip.File, lim *limits, total int64) error {
	size, packed := f.UncompressedSize64, max(f.CompressedSize64, 1)
	switch {
	case size > uint64(lim.entry):
		return corrupt(file, f.Name, "more than "+mib(lim.entry)+" uncompressed, the limit for one entry", nil)
	case size > uint64(max(lim.total-total, 0)):
		return corrupt(file, f.Name, "the archive unpacks to more than "+mib(lim.total)+", the limit for an export", nil)
	case size > uint64(lim.ratioFrom) && size/packed > uint64(lim.ratio):
		return corrupt(file, f.Name, fmt.Sprintf("compressed more than %d:1, the limit for an entry over %s", lim.ratio, mib(lim.ratioFrom)), nil)
	}
	return nil
}

// countEntries reads the number of entries from the end-of-central-
// directory record (or its zip64 form) at the end of the archive, so an
// archive with too many entries is refused before its directory is loaded.
// ok is false when the record cannot be found; the zip reader then decides.
func countEntries(r io.ReaderAt, size int64) (n uint64, ok bool) {
	const (
		eocdLen    = 22
		eocdSig    = "PK\x05\x06"
		locatorLen = 20
		locatorSig = "PK\x06\x07"
		eocd64Sig  = "PK\x06\x06"
	)
	tail := min(size, eocdLen+0xffff)
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return 0, false
	}
	at := -1
	for p := len(buf) - eocdLen; p >= 0; p-- {
		comment := int(binary.LittleEndian.Uint16(buf[p+20:]))
		if string(buf[p:p+4]) == eocdSig && p+eocdLen+comment <= len(buf) {
			at = p
			break
		}
	}
	if at < 0 {
		return 0, false
	}
	n = uint64(binary.LittleEndian.Uint16(buf[at+10:]))
	if n != 0xffff || at < locatorLen {
		return n, true
	}
	loc := buf[at-locatorLen : at]
	if string(loc[:4]) != locatorSig {
		return n, true
	}
	off := binary.LittleEndian.Uint64(loc[8:])
	rec := make([]byte, 40)
	if off > uint64(size) {
		return 0, false
	}
	if _, err := r.ReadAt(rec, int64(off)); err != nil || string(rec[:4]) != eocd64Sig {
		return 0, false
	}
	return binary.LittleEndian.Uint64(rec[32:]), true
}

// exportRoot returns the folder ("" or "name/") that holds users.json and
// channels.json, at the root of the archive or in one top-level folder.
func exportRoot(files []*zip.File) (string, bool) {
	users := make(map[string]bool)
	channels := make(map[string]bool)
	for _, f := range files {
		dir, base := splitName(f.Name)
		if strings.Count(dir, "/") > 1 {
			continue
		}
		switch base {
		case "users.json":
			users[dir] = true
		case "channels.json":
			channels[dir] = true
		}
	}
	if users[""] && channels[""] {
		return "", true
	}
	best := ""
	for dir := range users {
		if channels[dir] && (best == "" || dir < best) {
			best = dir
		}
	}
	return best, best != ""
}

// splitName splits an entry name after its last slash: "a/b.json" gives
// "a/" and "b.json".
func splitName(name string) (dir, base string) {
	i := strings.LastIndexByte(name, '/')
	return name[:i+1], name[i+1:]
}
