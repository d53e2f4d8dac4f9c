package slack

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/multiplier/multiplier/importers/parse"
)

// Format is the format name Detect reports for a Slack workspace export.
const Format = "slack-zip"

// checkEvery is how many messages pass between checks of the context.
const checkEvery = 1000

// Detect reports the format of the file at path when it is one this
// package reads ("" when not), reading as little as it can: the zip magic
// and the archive's central directory. A zip is a Slack export when it has
// users.json and channels.json at its root or in one top-level folder; an
// .xlsx workbook, also a zip, is not. A damaged zip is reported as "". The
// error is for I/O only.
func Detect(path string) (format string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("detect: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("detect: %w", err)
	}
	return detect(f, info.Size())
}

// detect is Detect on the size bytes of ra.
func detect(ra io.ReaderAt, size int64) (string, error) {
	magic := make([]byte, len(zipMagic))
	if _, err := ra.ReadAt(magic, 0); err != nil {
		if errors.Is(err, io.EOF) {
			return "", nil
		}
		return "", fmt.Errorf("detect: %w", err)
	}
	if string(magic) != zipMagic {
		return "", nil
	}
	if n, ok := countEntries(ra, size); ok && n > defaultLimits.entries {
		return "", nil
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return "", nil
	}
	if _, ok := exportRoot(zr.File); !ok {
		return "", nil
	}
	return Format, nil
}

// Read reads the Slack export at path into sink: first an Alias for each
// person of users.json with an email, then, channel by channel in folder
// order and day by day, a KindThread Interaction for each reply in a
// thread and a KindMention Interaction for each mention. Times are UTC.
//
// Stats.Rows counts the messages read, not counting system messages
// (joins, leaves, topic changes…) and messages without an author;
// Stats.Imported counts every record sent, aliases included. A message
// may give no record or several, so Rows need not equal Imported + Bots +
// SelfReviews + SkippedCount.
//
// progress, if not nil, is called as entries of the archive are read,
// with done and total counted in entries, and once at the end with done ==
// total.
//
// Read returns Stats, never nil, even on error. It returns an error when
// the file cannot be opened, is not a zip or has no users.json and
// channels.json (wrapping parse.ErrUnrecognised), is damaged or passes the
// archive limits (64 MiB unpacked per entry, 4 GiB in all, 200 000 entries,
// 200:1 compression on an entry over 1 MiB; wrapping parse.ErrCorrupt),
// when ctx is cancelled (wrapping ctx.Err()) or the sink fails (wrapping
// the sink's error). A day file that is not valid JSON is skipped from the
// point it breaks and listed in Stats.Skipped. Read panics if sink is nil.
func Read(ctx context.Context, path string, sink parse.Sink, progress func(done, total int64)) (*parse.Stats, error) {
	return read(ctx, path, sink, progress, defaultLimits)
}

// read is Read with the archive limits given.
func read(ctx context.Context, path string, sink parse.Sink, progress func(done, total int64), lim limits) (*parse.Stats, error) {
	if sink == nil {
		panic("slack: Read with a nil Sink")
	}
	r := newReader(ctx, filepath.Base(path), sink, lim)
	err := r.readFile(path, progress)
	r.addNotes()
	return r.stats, err
}

// reader holds the state of one Read.
type reader struct {
	ctx   context.Context
	file  string // base name of the export
	sink  parse.Sink
	stats *parse.Stats
	lim   limits
	total int64 // uncompressed bytes read from the archive

	bots    map[string]bool   // Slack IDs of bot users
	folders map[string]string // channel folder → Context of its interactions

	// The channel being read: its folder, the Context of its interactions
	// and the authors of its thread roots by ts.
	folder, channel string
	roots           map[string]root

	messages int // messages seen, for the context checks
	counts   notes
}

// root is the author of a thread's first message.
type root struct {
	user string
	bot  bool
}

// notes counts what Read leaves out without it being an error.
type notes struct {
	noEmail, botUsers                     int
	system, noUser                        int
	botThreads, botMentions, selfMentions int
	unlisted                              map[string]bool
}

func newReader(ctx context.Context, file string, sink parse.Sink, lim limits) *reader {
	return &reader{
		ctx:     ctx,
		file:    file,
		sink:    sink,
		stats:   &parse.Stats{},
		lim:     lim,
		bots:    map[string]bool{"USLACKBOT": true},
		folders: make(map[string]string),
		counts:  notes{unlisted: make(map[string]bool)},
	}
}

// readFile opens the archive, checks it is an export and reads it.
func (r *reader) readFile(path string, progress func(done, total int64)) error {
	if err := r.ctx.Err(); err != nil {
		return fmt.Errorf("read %s: %w", r.file, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", r.file, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("read %s: %w", r.file, err)
	}
	return r.readArchive(f, info.Size(), progress)
}

// readArchive reads the export in the size bytes of ra.
func (r *reader) readArchive(ra io.ReaderAt, size int64, progress func(done, total int64)) error {
	zr, err := r.openZip(ra, size)
	if err != nil {
		return err
	}
	prefix, ok := exportRoot(zr.File)
	if !ok {
		return fmt.Errorf("read %s: %w: a zip without users.json and channels.json", r.file, parse.ErrUnrecognised)
	}
	return r.readExport(zr, prefix, progress)
}

// openZip checks the magic and the entry count, then opens the archive.
func (r *reader) openZip(ra io.ReaderAt, size int64) (*zip.Reader, error) {
	magic := make([]byte, len(zipMagic))
	if _, err := ra.ReadAt(magic, 0); err != nil || string(magic) != zipMagic {
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("read %s: %w", r.file, err)
		}
		return nil, fmt.Errorf("read %s: %w: not a zip archive", r.file, parse.ErrUnrecognised)
	}
	if n, ok := countEntries(ra, size); ok && n > r.lim.entries {
		return nil, r.tooMany(n)
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, corrupt(r.file, "", "", err)
	}
	if n := uint64(len(zr.File)); n > r.lim.entries {
		return nil, r.tooMany(n)
	}
	return zr, nil
}

func (r *reader) tooMany(n uint64) error {
	return corrupt(r.file, "", fmt.Sprintf("%d entries, more than the limit of %d", n, r.lim.entries), nil)
}

// readExport reads the listings, then the day files in channel and date
// order.
func (r *reader) readExport(zr *zip.Reader, prefix string, progress func(done, total int64)) error {
	byName := make(map[string]*zip.File)
	for _, f := range zr.File {
		byName[f.Name] = f
	}
	days := r.dayFiles(zr.File, prefix)
	var lists []*zip.File
	for _, name := range []string{"users.json", "channels.json", "groups.json", "dms.json", "mpims.json"} {
		if f := byName[prefix+name]; f != nil {
			lists = append(lists, f)
		}
	}
	p := newProgress(progress, int64(len(lists)+len(days)))
	for _, f := range lists {
		if err := r.readEntry(f, r.readListing); err != nil {
			return err
		}
		p.step()
	}
	for _, d := range days {
		if d.folder != r.folder || r.roots == nil {
			r.startChannel(d.folder)
		}
		if err := r.readEntry(d.f, r.readDay); err != nil {
			return err
		}
		p.step()
	}
	p.finish()
	return nil
}

// dayFile is one <folder>/<YYYY-MM-DD>.json entry.
type dayFile struct {
	folder, day string
	f           *zip.File
}

// dayFiles lists the day files under prefix sorted by folder, then date.
func (r *reader) dayFiles(files []*zip.File, prefix string) []dayFile {
	var days []dayFile
	for _, f := range files {
		rest, ok := strings.CutPrefix(f.Name, prefix)
		if !ok {
			continue
		}
		folder, base, ok := strings.Cut(rest, "/")
		if !ok || folder == "" || strings.Contains(base, "/") {
			continue
		}
		day, ok := strings.CutSuffix(base, ".json")
		if !ok {
			continue
		}
		if _, err := time.Parse(time.DateOnly, day); err != nil {
			continue
		}
		days = append(days, dayFile{folder: folder, day: day, f: f})
	}
	slices.SortFunc(days, func(a, b dayFile) int {
		if c := strings.Compare(a.folder, b.folder); c != 0 {
			return c
		}
		return strings.Compare(a.day, b.day)
	})
	return days
}

// startChannel resets the thread roots for the channel in folder.
func (r *reader) startChannel(folder string) {
	r.folder = folder
	r.channel = r.channelContext(folder)
	r.roots = make(map[string]root)
}

// channelContext is the Context of the interactions in folder: the channel's
// name, "dm" or "group-dm"; the folder's own name when no listing names it.
func (r *reader) channelContext(folder string) string {
	if c, ok := r.folders[folder]; ok {
		return c
	}
	r.counts.unlisted[folder] = true
	return folder
}

// readEntry opens f through the limits, hands it to read and then reads
// it to its end so the archive checks its CRC.
func (r *reader) readEntry(f *zip.File, read func(*entry) error) error {
	if err := r.ctx.Err(); err != nil {
		return fmt.Errorf("read %s: %w", r.file, err)
	}
	if err := checkHeader(r.file, f, &r.lim, r.total); err != nil {
		return err
	}
	rc, err := f.Open()
	if err != nil {
		return corrupt(r.file, f.Name, "", err)
	}
	defer rc.Close()
	e := newEntry(rc, r.file, f.Name, int64(min(f.CompressedSize64, 1<<62)), &r.lim, &r.total)
	if err := read(e); err != nil {
		return err
	}
	return e.drain()
}

// checkContext returns ctx's error, wrapped, every checkEvery messages.
func (r *reader) checkContext() error {
	r.messages++
	if r.messages%checkEvery != 0 {
		return nil
	}
	if err := r.ctx.Err(); err != nil {
		return fmt.Errorf("read %s: %w", r.file, err)
	}
	return nil
}

// addNotes turns the counts into notes for a person.
func (r *reader) addNotes() {
	c := r.counts
	add := func(n int, format string) {
		if n > 0 {
			r.stats.Notes = append(r.stats.Notes, fmt.Sprintf(format, n))
		}
	}
	add(c.noEmail, "%d users in users.json have no email: their messages are kept under their Slack ID and will show as unmatched identities")
	add(c.botUsers, "%d bot users in users.json left out")
	add(c.system, "%d system messages (joins, leaves, topic and name changes, pins, deleted messages) left out")
	add(c.noUser, "%d messages without an author left out")
	add(c.botThreads, "%d replies to threads a bot started left out")
	add(c.botMentions, "%d mentions of bots left out")
	add(c.selfMentions, "%d mentions of their own author left out")
	if len(c.unlisted) > 0 {
		folders := make([]string, 0, len(c.unlisted))
		for f := range c.unlisted {
			folders = append(folders, f)
		}
		slices.Sort(folders)
		r.stats.Notes = append(r.stats.Notes, fmt.Sprintf("%d folders not in any channel list, read under their folder name: %s", len(folders), strings.Join(folders, ", ")))
	}
}

// progress reports entries done, at most about a hundred times.
type progress struct {
	fn          func(done, total int64)
	done, total int64
	every       int64
}

func newProgress(fn func(done, total int64), total int64) *progress {
	return &progress{fn: fn, total: total, every: max(total/100, 1)}
}

func (p *progress) step() {
	p.done++
	if p.fn != nil && p.done%p.every == 0 && p.done < p.total {
		p.fn(p.done, p.total)
	}
}

func (p *progress) finish() {
	if p.fn != nil {
		p.fn(p.total, p.total)
	}
}
