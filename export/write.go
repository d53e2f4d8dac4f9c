package export

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"gonum.org/v1/plot/vg"
)

// Chart sizes.
var (
	quadrantW, quadrantH = 10 * vg.Inch, 6.8 * vg.Inch
	networkW, networkH   = 10 * vg.Inch, 7.5 * vg.Inch
	trendW, trendH       = 7.5 * vg.Inch, 4.2 * vg.Inch
)

func heatmapSize(teams int) (w, h vg.Length) {
	extra := vg.Length(max(0, teams-8)) * 0.4 * vg.Inch
	return 9.5*vg.Inch + extra, 7.2*vg.Inch + extra
}

// job is one file to write. units is how many steps of progress it
// counts: 1, or a page each for a multi-page PDF (render then calls
// page after each).
type job struct {
	name   string // relative to the export directory, slash-separated
	label  string // the name for errors, without a person's name; "" for name
	units  int
	render func(ctx context.Context, page func()) ([]byte, error)
}

// what names the job in an error.
func (j job) what() string {
	if j.label != "" {
		return j.label
	}
	return j.name
}

// Write writes the export of r into dir (created if missing) and returns
// the paths of the files written, in the order written:
//
//	quadrant.{png,svg,pdf}      output against leverage
//	team-flows.{png,svg,pdf}    the team × team heatmap
//	network.{png,svg,pdf}       the help graph
//	trends/<name>.{png,svg,pdf} one trend chart per selected person
//	people/<name>.pdf           one page per selected person (pdf)
//	people.pdf                  all selected people, a page each (pdf)
//	calibration.xlsx            the workbook (xlsx)
//	people.csv                  the people table (csv)
//
// where <name> is the person's name, or pseudonym, in lower-case ASCII
// with hyphens. Only the listed formats are written.
//
// Write also keeps a manifest in dir, .multiplier-export.json, which the
// returned paths do not include: JSON that says whether the export is
// anonymised, whether it is complete, and lists the files written
// (relative, slash-separated, sorted). It exports only into a folder
// that is missing, empty (but for .DS_Store, Thumbs.db, desktop.ini) or
// has a manifest; any other folder, and one holding a file its manifest
// does not list or a symbolic link, is refused with ErrForeignFolder
// before anything is written. Into a folder of an earlier export Write
// first removes all its files if it was of the other kind (named or
// anonymised), so named and anonymised files never sit side by side;
// else, once complete, it removes those it did not write again. Before
// the first file it writes the manifest with complete false, listing
// the earlier files left and the planned ones, and it leaves it so when
// cancelled or on an error; a complete export rewrites it with complete
// true, listing exactly the files written.
//
// Each file is written to a temporary name in its directory and renamed
// when complete, so no half-written file is left. Write checks ctx
// before it changes anything in dir, between files and between the
// pages of the combined PDF and then returns the files written so far
// and ctx.Err(). progress, when not nil, is called with (0, total)
// first and after each file or page; it is called on the caller's
// goroutine.
//
// Bad data (an edge or a selected person out of range, a flow matrix of
// the wrong shape, an unknown format, duplicate pseudonyms) and a
// foreign folder are returned as an error before anything is written.
// No error names a person: a person's file is named by the index into
// r.People ("people/<person 3>.pdf").
func Write(ctx context.Context, dir string, r Report, opt Options, progress func(done, total int)) ([]string, error) {
	formats := opt.Formats
	if formats == nil {
		formats = AllFormats
	}
	want := map[string]bool{}
	for _, f := range formats {
		if !slices.Contains(AllFormats, f) {
			return nil, fmt.Errorf("export: unknown format %q (want one of %v)", f, AllFormats)
		}
		want[f] = true
	}
	m, err := newModel(r, opt)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	jobs := plan(m, want)
	total := 0
	names := make([]string, len(jobs))
	for k, j := range jobs {
		total += j.units
		names[k] = j.name
	}
	f, err := openFolder(filepath.Clean(dir), opt.Anonymize, names)
	if err != nil {
		return nil, err
	}
	done := 0
	report := func() {
		if progress != nil {
			progress(done, total)
		}
	}
	report()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := f.begin(); err != nil {
		return nil, err
	}
	var written []string
	for _, j := range jobs {
		if err := ctx.Err(); err != nil {
			return written, err
		}
		pages := 0
		data, err := j.render(ctx, func() {
			pages++
			done++
			report()
		})
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
				return written, ctxErr
			}
			return written, fmt.Errorf("export %s: %w", j.what(), err)
		}
		path := filepath.Join(dir, filepath.FromSlash(j.name))
		if err := writeAtomic(path, data); err != nil {
			return written, fmt.Errorf("export %s: %w", j.what(), withoutPath(err))
		}
		written = append(written, path)
		if pages == 0 {
			done += j.units
			report()
		}
	}
	if err := f.finish(names); err != nil {
		return written, err
	}
	return written, nil
}

// plan lists the files to write.
func plan(m *model, want map[string]bool) []job {
	var jobs []job
	chartFormats := []string{}
	for _, f := range []string{FormatPNG, FormatSVG, FormatPDF} {
		if want[f] {
			chartFormats = append(chartFormats, f)
		}
	}
	hw, hh := heatmapSize(len(m.flows.teams))
	charts := []struct {
		name string
		w, h vg.Length
		fig  func() figure
	}{
		{"quadrant", quadrantW, quadrantH, func() figure { return quadrantFigure(m) }},
		{"team-flows", hw, hh, func() figure { return heatmapFigure(m) }},
		{"network", networkW, networkH, func() figure { return networkFigure(m) }},
	}
	for _, c := range charts {
		for _, f := range chartFormats {
			jobs = append(jobs, job{name: c.name + "." + f, units: 1, render: func(context.Context, func()) ([]byte, error) {
				return render(f, c.w, c.h, m.generated, c.fig())
			}})
		}
	}
	for _, i := range m.selected {
		for _, f := range chartFormats {
			jobs = append(jobs, job{name: "trends/" + m.people[i].slug + "." + f, label: fmt.Sprintf("trends/<person %d>.%s", i, f), units: 1, render: func(context.Context, func()) ([]byte, error) {
				return render(f, trendW, trendH, m.generated, trendFigure(m, i))
			}})
		}
	}
	if want[FormatPDF] && len(m.selected) > 0 {
		for _, i := range m.selected {
			jobs = append(jobs, job{name: "people/" + m.people[i].slug + ".pdf", label: fmt.Sprintf("people/<person %d>.pdf", i), units: 1, render: func(ctx context.Context, _ func()) ([]byte, error) {
				return personPDF(m, []int{i}, m.generated, ctx.Err, nil)
			}})
		}
		jobs = append(jobs, job{name: "people.pdf", units: len(m.selected), render: func(ctx context.Context, page func()) ([]byte, error) {
			return personPDF(m, m.selected, m.generated, ctx.Err, page)
		}})
	}
	if want[FormatXLSX] {
		jobs = append(jobs, job{name: "calibration.xlsx", units: 1, render: func(context.Context, func()) ([]byte, error) {
			return workbook(m)
		}})
	}
	if want[FormatCSV] {
		jobs = append(jobs, job{name: "people.csv", units: 1, render: func(context.Context, func()) ([]byte, error) {
			return peopleCSV(m)
		}})
	}
	return jobs
}

// writeAtomic writes data to path through a temporary file in the same
// directory, renamed into place when complete.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
