package ui

import (
	"fmt"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// installMenu sets the window's menu bar and the shortcuts Ctrl/Cmd+O
// (import), Ctrl/Cmd+E (export) and Ctrl/Cmd+F (search).
func (m *mainScreen) installMenu() {
	importItem := fyne.NewMenuItem("Import files…", m.chooseFiles)
	importItem.Shortcut = shortcut(fyne.KeyO)
	exportItem := fyne.NewMenuItem("Export…", m.chooseExport)
	exportItem.Shortcut = shortcut(fyne.KeyE)
	recent := fyne.NewMenuItem("Open recent", nil)
	recent.ChildMenu = fyne.NewMenu("", m.recentItems()...)
	file := fyne.NewMenu("File",
		fyne.NewMenuItem("New workspace…", m.newWorkspace),
		fyne.NewMenuItem("Open workspace…", m.chooseWorkspace),
		recent,
		fyne.NewMenuItem("Open the sample organisation", m.openSample),
		fyne.NewMenuItemSeparator(),
		importItem, exportItem,
	)
	search := fyne.NewMenuItem("Search people", m.focusSearch)
	search.Shortcut = shortcut(fyne.KeyF)
	var screens []*fyne.MenuItem
	for i, name := range []string{tabOverview, tabPeople, tabNetwork, tabFlows, tabQuadrant, tabAreas} {
		screens = append(screens, fyne.NewMenuItem(name, func() { m.tabs.SelectIndex(i) }))
	}
	view := fyne.NewMenu("View", append([]*fyne.MenuItem{search, fyne.NewMenuItemSeparator()}, screens...)...)
	analysis := fyne.NewMenu("Analysis",
		fyne.NewMenuItem("Settings…", m.showSettings),
		fyne.NewMenuItem("Unmatched identities…", m.showIdentities),
		fyne.NewMenuItem("Imported files…", m.showSources),
	)
	help := fyne.NewMenu("Help", fyne.NewMenuItem("About Multiplier", m.showAbout))
	m.win.SetMainMenu(fyne.NewMainMenu(file, view, analysis, help))
	for _, sc := range []struct {
		key fyne.KeyName
		fn  func()
	}{{fyne.KeyO, m.chooseFiles}, {fyne.KeyE, m.chooseExport}, {fyne.KeyF, m.focusSearch}} {
		m.win.Canvas().AddShortcut(shortcut(sc.key), func(fyne.Shortcut) { sc.fn() })
	}
}

// shortcut is key with the platform's primary modifier: Ctrl, or Cmd on
// macOS.
func shortcut(key fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// focusSearch shows the people table and puts the cursor in its search.
func (m *mainScreen) focusSearch() {
	m.tabs.SelectIndex(1)
	m.win.Canvas().Focus(m.people.search)
}

// showAbout shows the version and what the numbers are for.
func (m *mainScreen) showAbout() {
	version := m.opts.Version
	if version == "" {
		version = "dev"
	}
	text := widget.NewLabel(fmt.Sprintf("Multiplier %s\n\n"+
		"Finds the senior engineers who multiply other teams and the ones work waits on,\n"+
		"from code-review, calendar and chat exports and an HR roster — with the evidence.\n\n"+
		"Everything stays on this computer: the workspace is one SQLite file you choose.\n"+
		"The numbers are signals for a conversation, not ratings.", version))
	site, _ := url.Parse("https://github.com/multiplier/multiplier")
	dialog.ShowCustom("About Multiplier", "Close",
		container.NewVBox(text, widget.NewHyperlink("github.com/multiplier/multiplier", site)), m.win)
}
