package workspace

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/importers"
	"github.com/multiplier/multiplier/store"
)

// Workspace is an open workspace file. It is safe for concurrent use.
type Workspace struct {
	st *store.Store
}

// Mode says what opening may do to a workspace file (see store.Mode):
// Create, Write or ReadOnly.
type Mode = store.Mode

// The modes of OpenMode.
const (
	Create   = store.Create   // open for writing, creating the file when missing
	Write    = store.Write    // open an existing workspace for writing
	ReadOnly = store.ReadOnly // open an existing workspace and never write to it
)

// Errors of opening a workspace; test with errors.Is. Each comes wrapped
// with the file's path and what to do.
var (
	ErrNotWorkspace = store.ErrNotWorkspace
	ErrDamaged      = store.ErrDamaged
	ErrBusy         = store.ErrBusy
	ErrMissing      = store.ErrMissing
	ErrNotFile      = store.ErrNotFile
)

// ErrNotRegular is returned by Import for a path that is not a regular
// file: a folder, a named pipe, a device.
var ErrNotRegular = errors.New("not a regular file")

// Open opens or creates the workspace file at path: OpenMode(path, Create).
func Open(path string) (*Workspace, error) { return OpenMode(path, Create) }

// OpenMode opens the workspace file at path as mode allows. It refuses,
// before writing anything, a file that is not a Multiplier workspace, is
// damaged or was written by a newer version.
func OpenMode(path string, mode Mode) (*Workspace, error) {
	st, err := store.OpenMode(path, mode)
	if err != nil {
		return nil, err
	}
	return &Workspace{st: st}, nil
}

// SetWait makes writes wait up to d while another process writes to the
// workspace, calling onWait (may be nil) once when a wait starts, instead
// of failing at once with ErrBusy. Call it before the first write.
func (w *Workspace) SetWait(d time.Duration, onWait func()) { w.st.SetWait(d, onWait) }

// Close closes the workspace file.
func (w *Workspace) Close() error { return w.st.Close() }

// Path is the workspace file.
func (w *Workspace) Path() string { return w.st.Path() }

// Progress reports long work: a stage ("import reviews.xlsx", "analyse")
// and how far it is. Total is 0 when unknown.
type Progress struct {
	Stage       string
	Done, Total int64
}

// Fraction is Done/Total in [0, 1], or -1 when the total is unknown.
func (p Progress) Fraction() float64 {
	if p.Total <= 0 {
		return -1
	}
	return min(float64(p.Done)/float64(p.Total), 1)
}

// ErrAlreadyImported is returned by Import for a file whose exact content
// is already in the workspace.
var ErrAlreadyImported = errors.New("already imported")

// ImportReport says what one file brought into the workspace.
type ImportReport struct {
	File       string
	Kind       string
	Format     string // xlsx, csv, ics, slack-zip, gerrit-json, github-json
	Source     string // the tool format within it: roster, review sheet, outlook-csv, gitlab-mr-csv…
	Sheet      string
	Rows       int // data rows read
	Imported   int // records stored
	Duplicates int // records already in the workspace from an overlapping file
	Skipped    int // rows skipped with a reason
	Bots       int // rows skipped because a bot was involved
	Self       int // rows where an author answered on their own change
	Matched    int // roster people named by this file's interactions and meetings
	// Attributed and Mentions: of the identity mentions in this file's
	// interactions and meetings, how many name roster people.
	Attributed, Mentions int
	Issues               []string
	Unmatched            []store.Unmatched
	Notes                []string
}

// Import reads one file into the workspace in a single transaction: on
// any error nothing of the file is kept. progress may be nil. A
// spreadsheet whose header is not recognised is read with the column
// mapping saved for its layout by ImportMapped, when there is one.
func (w *Workspace) Import(ctx context.Context, path string, progress func(Progress)) (*ImportReport, error) {
	return w.importFile(ctx, path, progress, func(im *store.Import, p func(done, total int64)) (*importers.Report, error) {
		return importers.ImportWith(ctx, path, im, p, importers.Options{Remembered: remembered(im)})
	})
}

// importFile is Import with read, which reads the file into the open
// import and may write to it (in the same transaction) before it commits.
func (w *Workspace) importFile(ctx context.Context, path string, progress func(Progress),
	read func(im *store.Import, progress func(done, total int64)) (*importers.Report, error)) (*ImportReport, error) {
	name := filepath.Base(path)
	if err := regularFile(path); err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	sum, err := fileSHA256(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	if src, ok, err := w.st.SourceBySHA(ctx, sum); err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	} else if ok {
		return nil, fmt.Errorf("import %s: %w: the same content was imported as %s on %s",
			name, ErrAlreadyImported, src.Name, src.ImportedAt.Local().Format("2 Jan 2006 15:04"))
	}
	// Kind and format are known once the reader has recognised the file;
	// detecting first would read (for a workbook: unzip) it once more.
	im, err := w.st.Begin(ctx, store.Source{Name: name, Kind: "unknown", Format: "unknown", SHA256: sum})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	defer im.Rollback()
	rep, err := read(im, stageProgress("import "+name, progress))
	if err != nil {
		return nil, err
	}
	return w.finish(ctx, im, rep)
}

func (w *Workspace) finish(ctx context.Context, im *store.Import, rep *importers.Report) (*ImportReport, error) {
	format := rep.Format
	if rep.Source != "" && rep.Source != rep.Format {
		format = rep.Source + " (" + rep.Format + ")"
	}
	if err := im.SetKind(string(rep.Kind), format); err != nil {
		return nil, err
	}
	for _, pe := range rep.Skipped {
		if err := im.Skip(pe.Row, pe.Col, pe.Error()); err != nil {
			return nil, err
		}
	}
	rows := store.Counts{Read: rep.Rows, Skipped: rep.SkippedCount, Bots: rep.Bots, Self: rep.SelfReviews}
	if err := im.Commit(rows); err != nil {
		return nil, err
	}
	c := im.Counts()
	out := &ImportReport{
		File: rep.File, Kind: string(rep.Kind), Format: rep.Format, Source: rep.Source, Sheet: rep.Sheet,
		Rows: rep.Rows, Imported: c.Imported, Duplicates: c.Duplicate, Skipped: rep.SkippedCount,
		Bots: rep.Bots, Self: rep.SelfReviews, Notes: rep.Notes, Matched: c.Imported,
	}
	for _, pe := range rep.Skipped {
		out.Issues = append(out.Issues, pe.Error())
	}
	if rep.Kind == importers.KindRoster {
		return out, nil
	}
	sum, err := im.Summarize(ctx)
	if err != nil {
		return nil, err
	}
	out.Matched, out.Attributed, out.Mentions, out.Unmatched = sum.Matched, sum.Attributed, sum.Mentions, sum.Unmatched
	return out, nil
}

// regularFile refuses, without opening it, anything but a regular file:
// a folder, a named pipe (which would block the read), a device such as
// /dev/zero (which never ends).
func regularFile(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	switch m := fi.Mode(); {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return fmt.Errorf("%w: it is a folder; give the files inside it", ErrNotRegular)
	case m&os.ModeNamedPipe != 0:
		return fmt.Errorf("%w: it is a named pipe (FIFO); save the export to a file first", ErrNotRegular)
	case m&os.ModeDevice != 0:
		return fmt.Errorf("%w: it is a device, not an exported file", ErrNotRegular)
	}
	return fmt.Errorf("%w: it is a %v", ErrNotRegular, fi.Mode().Type())
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func stageProgress(stage string, progress func(Progress)) func(done, total int64) {
	if progress == nil {
		return nil
	}
	return func(done, total int64) { progress(Progress{Stage: stage, Done: done, Total: total}) }
}

// Sources lists every imported file, oldest first.
func (w *Workspace) Sources(ctx context.Context) ([]store.Source, error) { return w.st.Sources(ctx) }

// Attribution counts, over everything imported, the identity mentions in
// interactions and meetings and how many of them name roster people.
func (w *Workspace) Attribution(ctx context.Context) (attributed, mentions int, err error) {
	return w.st.Attribution(ctx, 0)
}

// Unmatched lists the identities no roster person claims, most frequent first.
func (w *Workspace) Unmatched(ctx context.Context) ([]store.Unmatched, error) {
	return w.st.Unmatched(ctx, 0)
}

// Merge joins an unmatched identity to the roster person with this email.
func (w *Workspace) Merge(ctx context.Context, identity, email string) error {
	return w.st.Merge(ctx, identity, email)
}

// AnalyzeTrend analyses period p (the whole span when zero) and the
// period before it (p.Previous()), for a trend per person. prev is nil
// when the workspace holds nothing in the previous period.
func (w *Workspace) AnalyzeTrend(ctx context.Context, p multiplier.Period, s graph.Settings, progress func(Progress)) (cur, prev *graph.Result, err error) {
	if cur, err = w.Analyze(ctx, p, s, progress); err != nil {
		return nil, nil, err
	}
	before := cur.Period.Previous()
	if before.IsZero() {
		return cur, nil, nil
	}
	ins, err := w.st.Interactions(ctx, before)
	if err != nil || len(ins) == 0 {
		return cur, nil, err
	}
	if prev, err = w.Analyze(ctx, before, s, progress); err != nil {
		return nil, nil, err
	}
	return cur, prev, nil
}

// Analyze builds the influence graph for period p (the whole span of the
// imported data when p is zero) and computes metrics and roles.
func (w *Workspace) Analyze(ctx context.Context, p multiplier.Period, s graph.Settings, progress func(Progress)) (*graph.Result, error) {
	if p.IsZero() {
		span, err := w.st.Span(ctx)
		if err != nil {
			return nil, err
		}
		p = span
	}
	report := func(stage string, done, total int64) {
		if progress != nil {
			progress(Progress{Stage: stage, Done: done, Total: total})
		}
	}
	report("load", 0, 0)
	people, err := w.st.People(ctx)
	if err != nil {
		return nil, err
	}
	ins, err := w.st.Interactions(ctx, p)
	if err != nil {
		return nil, err
	}
	meetings, err := w.st.Meetings(ctx, p)
	if err != nil {
		return nil, err
	}
	res, err := graph.Analyze(ctx, graph.Input{People: people, Interactions: ins, Meetings: meetings, Period: p}, s,
		func(done, total int) { report("analyse", int64(done), int64(total)) })
	if err != nil {
		return nil, fmt.Errorf("analyse %s: %w", p, err)
	}
	return res, nil
}
