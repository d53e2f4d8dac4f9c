package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/workspace"
)

// exportFormats are the formats the export dialog offers, all on at first.
var exportFormats = []string{"png", "svg", "pdf", "xlsx", "csv"}

// exportForm is the export dialog's choices.
type exportForm struct {
	formats   *widget.CheckGroup
	anonymize *widget.Check
	teams     *widget.Check
	selected  *widget.Check
	folder    *widget.Label
	dir       string
}

func newExportForm(dir string, hasSelection bool) *exportForm {
	f := &exportForm{
		formats:   widget.NewCheckGroup(exportFormats, nil),
		anonymize: widget.NewCheck("Anonymise: pseudonyms instead of names and emails, small teams hidden", nil),
		teams:     widget.NewCheck("Pseudonymise team names too", nil),
		selected:  widget.NewCheck("Person PDFs for the people shown in the People tab only", nil),
		folder:    widget.NewLabel(dir),
		dir:       dir,
	}
	f.formats.Horizontal = true
	f.formats.SetSelected(exportFormats)
	f.teams.Disable()
	f.anonymize.OnChanged = func(on bool) {
		if on {
			f.teams.Enable()
		} else {
			f.teams.SetChecked(false)
			f.teams.Disable()
		}
	}
	if !hasSelection {
		f.selected.Disable()
	}
	f.folder.Wrapping = fyne.TextWrapBreak
	return f
}

func (f *exportForm) options(min int, people []string) workspace.ExportOptions {
	opt := workspace.ExportOptions{Formats: f.formats.Selected, Anonymize: f.anonymize.Checked,
		PseudonymTeams: f.teams.Checked, MinGroupSize: min}
	if f.selected.Checked {
		opt.People = people
	}
	return opt
}

// chooseExport opens the export dialog: formats, anonymisation, folder.
func (m *mainScreen) chooseExport() {
	m.mu.Lock()
	res, view := m.result, m.view
	m.mu.Unlock()
	if res == nil || len(res.People) == 0 {
		dialog.ShowInformation("Nothing to export", "Import a roster and some activity first.", m.win)
		return
	}
	f := newExportForm(defaultExportDir(m.workspace().Path()), m.people.rows() < len(res.People))
	pick := widget.NewButton("Choose folder…", func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				f.dir = u.Path()
				f.folder.SetText(f.dir)
			}
		}, m.win)
		d.Resize(fyne.NewSize(900, 600))
		d.Show()
	})
	form := widget.NewForm(
		widget.NewFormItem("Formats", f.formats),
		widget.NewFormItem("Privacy", container.NewVBox(f.anonymize, f.teams)),
		widget.NewFormItem("People", f.selected),
		widget.NewFormItem("Folder", container.NewBorder(nil, nil, nil, pick, f.folder)),
	)
	dialog.ShowCustomConfirm("Export for calibration", "Export", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		if len(f.formats.Selected) == 0 {
			m.showError(fmt.Errorf("export: choose at least one format"))
			return
		}
		m.export(f.dir, f.options(view.MinGroupSize, m.people.shownKeys()))
	}, m.win)
}

// export writes the files in the background with progress and Cancel,
// then lists what it wrote.
func (m *mainScreen) export(dir string, opt workspace.ExportOptions) {
	m.mu.Lock()
	ws, period, settings := m.ws, m.period, m.settings
	m.mu.Unlock()
	m.work.run("Exporting", func(ctx context.Context, progress func(workspace.Progress)) error {
		files, err := ws.Export(ctx, dir, period, settings, opt, progress)
		if errors.Is(err, workspace.ErrForeignFolder) {
			do(func() { m.offerSubfolder(dir, ws.Path(), opt) })
			return nil
		}
		if err != nil {
			return err
		}
		do(func() { m.showExported(dir, files) })
		return nil
	}, m.showError)
}

// offerSubfolder asks, after an export was refused because dir holds
// files Multiplier did not write, whether to export into a new folder
// inside it instead.
func (m *mainScreen) offerSubfolder(dir, wsPath string, opt workspace.ExportOptions) {
	sub := filepath.Join(dir, filepath.Base(defaultExportDir(wsPath)))
	if opt.Anonymize {
		sub += "-anonymised"
	}
	msg := widget.NewLabel(fmt.Sprintf("%s holds files Multiplier did not write, so nothing was exported there "+
		"(an export replaces what an earlier one left, and must not mix with other files).\n\nExport into %s instead?", dir, sub))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Export into a new folder?", "Export there", "Cancel", msg, func(ok bool) {
		if ok {
			m.export(sub, opt)
		}
	}, m.win)
	d.Resize(fyne.NewSize(620, 240))
	d.Show()
}

func (m *mainScreen) showExported(dir string, files []string) {
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	text := widget.NewLabel(fmt.Sprintf("%d files written to %s:\n\n%s", len(files), dir, strings.Join(names, "\n")))
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(640, 360))
	dialog.ShowCustom("Export finished", "Close", scroll, m.win)
}

// defaultExportDir is a folder beside the workspace file, named after it;
// for a workspace in the cache (the sample), one in the home folder.
func defaultExportDir(wsPath string) string {
	base := strings.TrimSuffix(filepath.Base(wsPath), filepath.Ext(wsPath))
	dir := filepath.Dir(wsPath)
	if cache, err := os.UserCacheDir(); err == nil && strings.HasPrefix(dir, cache) {
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, "Multiplier")
		}
	}
	return filepath.Join(dir, base+"-export")
}
