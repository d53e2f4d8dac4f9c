package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/workspace"
)

// importExtensions are the files the open dialog offers: spreadsheets,
// Unicode text, calendars, Slack exports and review JSON. Files are still
// recognised by content, not by these.
var importExtensions = []string{".xlsx", ".csv", ".txt", ".ics", ".zip", ".json"}

func importIcon() fyne.Resource { return theme.FolderOpenIcon() }

// chooseFiles opens a file dialog for one file, then the import wizard.
func (m *mainScreen) chooseFiles() { m.chooseFile(importExtensions, m.previewThen) }

// chooseFile asks for one local file with one of these extensions and
// hands its path to open; a cancel does nothing.
func (m *mainScreen) chooseFile(extensions []string, open func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			m.showError(err)
			return
		}
		if r == nil {
			return
		}
		r.Close()
		if r.URI().Scheme() == "file" {
			open(r.URI().Path())
		}
	}, m.win)
	d.SetFilter(storage.NewExtensionFileFilter(extensions))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// importURIs imports dropped or chosen files in the background, then
// shows what each brought and analyses again.
func (m *mainScreen) importURIs(uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) == 0 {
		return
	}
	m.importPaths(paths)
}

// importPaths imports the files the format of which is sure; those it is
// unsure of open the import wizard to map their columns.
func (m *mainScreen) importPaths(paths []string) {
	ws := m.workspace()
	m.work.run("Importing", func(ctx context.Context, progress func(workspace.Progress)) error {
		var reports []*workspace.ImportReport
		var errs []error
		for _, p := range paths {
			if pv, err := ws.Preview(p); err == nil && !pv.Sure && !pv.Remembered {
				do(func() { m.openWizard(p, pv) })
				continue
			}
			rep, err := ws.Import(ctx, p, progress)
			if errors.Is(err, context.Canceled) {
				return err
			}
			if err != nil {
				errs = append(errs, err)
				continue
			}
			reports = append(reports, rep)
		}
		if len(reports)+len(errs) > 0 {
			do(func() { m.showImported(reports, errs) })
		}
		if len(reports) > 0 {
			m.analyse()
		}
		return nil
	}, m.showError)
}

// showImported shows one dialog with every file's report and error.
func (m *mainScreen) showImported(reports []*workspace.ImportReport, errs []error) {
	var b strings.Builder
	for _, r := range reports {
		b.WriteString(reportText(r))
		b.WriteString("\n")
	}
	for _, err := range errs {
		fmt.Fprintf(&b, "Rejected — nothing from this file was kept:\n  %v\n\n", err)
	}
	text := widget.NewLabel(strings.TrimSpace(b.String()))
	text.Wrapping = fyne.TextWrapWord
	title := "Import finished"
	if len(errs) > 0 {
		title = fmt.Sprintf("Import: %d of %d files rejected", len(errs), len(errs)+len(reports))
	}
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(640, 320))
	var content fyne.CanvasObject = scroll
	unmatched := 0
	for _, r := range reports {
		unmatched += len(r.Unmatched)
	}
	var d dialog.Dialog
	if unmatched > 0 {
		merge := widget.NewButton("Review unmatched identities…", func() {
			d.Hide()
			m.showIdentities()
		})
		content = container.NewBorder(nil, container.NewHBox(merge), nil, nil, scroll)
	}
	d = dialog.NewCustom(title, "Close", content, m.win)
	d.Show()
}

// reportText is the plain-words report of one imported file.
func reportText(r *workspace.ImportReport) string {
	var b strings.Builder
	where := r.Format
	if r.Source != "" && r.Source != r.Format && r.Source != r.Kind {
		where = r.Source + ", " + where
	}
	if r.Sheet != "" {
		where += ", sheet " + r.Sheet
	}
	fmt.Fprintf(&b, "%s — %s (%s)\n", filepath.Base(r.File), r.Kind, where)
	fmt.Fprintf(&b, "  %d rows read, %d imported, %d already present, %d skipped, %d bot rows, %d replies to their own change or thread\n",
		r.Rows, r.Imported, r.Duplicates, r.Skipped, r.Bots, r.Self)
	if r.Kind != "roster" {
		fmt.Fprintf(&b, "  %d roster people matched", r.Matched)
		if r.Mentions > 0 {
			fmt.Fprintf(&b, "; %.1f%% of %d identity mentions attributed", 100*float64(r.Attributed)/float64(r.Mentions), r.Mentions)
		}
		b.WriteString("\n")
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "  Note: %s\n", n)
	}
	for i, is := range r.Issues {
		if i == 5 {
			fmt.Fprintf(&b, "  … and %d more skipped rows\n", r.Skipped-5)
			break
		}
		fmt.Fprintf(&b, "  Skipped: %s\n", is)
	}
	if len(r.Unmatched) > 0 {
		keys := make([]string, 0, 8)
		for i, u := range r.Unmatched {
			if i == 8 {
				keys = append(keys, "…")
				break
			}
			if u.Name != "" {
				keys = append(keys, fmt.Sprintf("%s [%s] (%d)", u.Key, u.Name, u.Count))
			} else {
				keys = append(keys, fmt.Sprintf("%s (%d)", u.Key, u.Count))
			}
		}
		fmt.Fprintf(&b, "  Not in the roster (%d): %s\n", len(r.Unmatched), strings.Join(keys, ", "))
		if r.Matched == 0 {
			b.WriteString("  No one matched yet: import the HR roster to join these identities to people.\n")
		}
	}
	return b.String()
}
