package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/workspace"
)

// Preference keys for workspaces and the window.
const (
	prefLast   = "workspace.last"
	prefRecent = "workspace.recent"
	prefWidth  = "window.width"
	prefHeight = "window.height"
	maxRecent  = 8
)

// LastWorkspace is the workspace file the app had open when it last
// closed, or "" on a first start, for the sample, or when the file is gone.
func LastWorkspace(a fyne.App) string {
	path := a.Preferences().String(prefLast)
	if path == "" {
		return ""
	}
	if _, err := os.Stat(path); err != nil {
		return ""
	}
	return path
}

// RestoreWindow sizes w as it was when the app last closed (1400×860 on a
// first start) and saves its size when it closes.
func RestoreWindow(a fyne.App, w fyne.Window) {
	p := a.Preferences()
	width, height := p.FloatWithFallback(prefWidth, 1400), p.FloatWithFallback(prefHeight, 860)
	w.Resize(fyne.NewSize(float32(max(width, 800)), float32(max(height, 560))))
	w.SetCloseIntercept(func() {
		size := w.Canvas().Size()
		p.SetFloat(prefWidth, float64(size.Width))
		p.SetFloat(prefHeight, float64(size.Height))
		w.Close()
	})
}

// remember records path as the last and most recent workspace; "" (the
// sample) clears the last one so the next start opens the sample.
func (m *mainScreen) remember(path string) {
	p := m.app.Preferences()
	p.SetString(prefLast, path)
	if path == "" {
		return
	}
	recent := slices.DeleteFunc(p.StringList(prefRecent), func(s string) bool { return s == path })
	recent = append([]string{path}, recent...)
	p.SetStringList(prefRecent, recent[:min(len(recent), maxRecent)])
}

// recentItems are the Open recent menu's entries, newest first.
func (m *mainScreen) recentItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, path := range m.app.Preferences().StringList(prefRecent) {
		items = append(items, fyne.NewMenuItem(path, func() { m.openWorkspace(path) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem("No recent workspaces", nil)
		none.Disabled = true
		items = append(items, none)
	}
	return items
}

// newWorkspace asks where to create an empty workspace file and opens it.
func (m *mainScreen) newWorkspace() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			m.showError(err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		os.Remove(path) // the dialog created an empty file; the workspace makes its own
		if !strings.HasSuffix(path, ".db") {
			path += ".db"
		}
		m.openWorkspace(path)
	}, m.win)
	d.SetFileName("workspace.db")
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// chooseWorkspace asks for a workspace file to open.
func (m *mainScreen) chooseWorkspace() {
	m.chooseFile([]string{".db", ".sqlite", ".multiplier"}, m.openWorkspace)
}

// openWorkspace opens (creating when missing) the workspace at path in the
// background and shows it.
func (m *mainScreen) openWorkspace(path string) {
	m.switchTo(filepath.Base(path), path, func(ctx context.Context, _ func(workspace.Progress)) (*workspace.Workspace, error) {
		return workspace.Open(path)
	})
}

// openSample opens the embedded sample organisation.
func (m *mainScreen) openSample() {
	m.switchTo("sample organisation", "", func(ctx context.Context, progress func(workspace.Progress)) (*workspace.Workspace, error) {
		return workspace.OpenSample(ctx, workspace.SampleDir(), progress)
	})
}

// switchTo opens a workspace with open, closes the one shown, and analyses
// the new one over its whole span. path is remembered ("" for the sample).
func (m *mainScreen) switchTo(title, path string, open func(context.Context, func(workspace.Progress)) (*workspace.Workspace, error)) {
	m.work.run("Opening "+title, func(ctx context.Context, progress func(workspace.Progress)) error {
		ws, err := open(ctx, progress)
		if err != nil {
			return err
		}
		m.waitWhenBusy(ws)
		m.mu.Lock()
		old := m.ws
		m.ws = ws
		m.period = multiplier.Period{}
		m.mu.Unlock()
		if old != nil {
			old.Close()
		}
		do(func() {
			m.win.SetTitle("Multiplier — " + title)
			m.remember(path)
			m.installMenu()
			m.periods.reset()
			m.network.reset()
		})
		m.analyse()
		return nil
	}, m.showError)
}

// busyWait is how long the app's imports and merges wait for another
// Multiplier process (a CLI import, a second window) that is writing to
// the same workspace; the work bar says so, and Cancel stops the wait.
const busyWait = time.Hour

// waitWhenBusy makes ws's writes wait for another process instead of
// failing, with a line on the work bar while they do.
func (m *mainScreen) waitWhenBusy(ws *workspace.Workspace) {
	if ws == nil {
		return
	}
	ws.SetWait(busyWait, func() {
		m.work.showStage("Waiting for another Multiplier process to finish with this workspace (Cancel stops)", -1)
	})
}
