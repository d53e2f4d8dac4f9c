package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/importers"
	"github.com/multiplier/multiplier/workspace"
)

// notInFile is the column choice for a field the file does not have.
const notInFile = "— not in this file —"

// importWizard shows one file before it is imported: the detected kind, the
// first rows, and, when detection is unsure, a column mapping that is
// remembered for the next file with the same header.
type importWizard struct {
	m        *mainScreen
	path     string
	p        *importers.Preview
	detected *widget.Label
	missing  *widget.Label
	source   *widget.Select
	fields   *widget.Form
	selects  map[string]*widget.Select
	mapped   bool // the person changed the mapping, or it was needed
	content  fyne.CanvasObject
	dlg      *dialog.CustomDialog
	importBt *widget.Button
}

// previewThen previews path in the background and opens the wizard.
func (m *mainScreen) previewThen(path string) {
	ws := m.workspace()
	m.work.run("Reading "+baseName(path), func(ctx context.Context, _ func(workspace.Progress)) error {
		p, err := ws.Preview(path)
		if err != nil {
			do(func() { m.showImported(nil, []error{err}) })
			return nil
		}
		do(func() { m.openWizard(path, p) })
		return nil
	}, m.showError)
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

func (m *mainScreen) openWizard(path string, p *importers.Preview) *importWizard {
	wz := &importWizard{m: m, path: path, p: p, detected: widget.NewLabel(""), missing: widget.NewLabel(""),
		fields: widget.NewForm(), selects: map[string]*widget.Select{}, mapped: !p.Sure}
	wz.detected.Wrapping = fyne.TextWrapWord
	wz.missing.Wrapping = fyne.TextWrapWord
	wz.missing.Importance = widget.DangerImportance
	wz.importBt = widget.NewButton("Import", wz.run)
	wz.importBt.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { wz.dlg.Hide() })
	wz.content = wz.layout()
	wz.refresh()
	wz.dlg = dialog.NewCustomWithoutButtons("Import "+p.File, wz.content, m.win)
	wz.dlg.SetButtons([]fyne.CanvasObject{cancel, wz.importBt})
	wz.dlg.Show()
	wz.dlg.Resize(fyne.NewSize(1100, 720))
	return wz
}

func (wz *importWizard) layout() fyne.CanvasObject {
	p := wz.p
	var preview fyne.CanvasObject
	if len(p.Header) > 0 {
		preview = previewTable(p)
	} else {
		text := widget.NewLabel(strings.Join(p.Text, "\n"))
		text.Wrapping = fyne.TextWrapWord
		preview = container.NewVScroll(text)
	}
	top := container.NewVBox(wz.detected, wz.missing)
	if len(p.Fields) == 0 {
		return container.NewBorder(top, nil, nil, nil, widget.NewCard("First records", "", preview))
	}
	var sources []string
	for _, c := range p.Candidates {
		sources = append(sources, c.Source)
	}
	if len(sources) == 0 {
		sources = []string{p.Source}
	}
	wz.source = widget.NewSelect(sources, func(s string) {
		if s != wz.p.Source {
			wz.apply(importers.Mapping{Source: s})
		}
	})
	wz.source.Selected = p.Source
	wz.buildFields()
	mapping := container.NewBorder(widget.NewForm(widget.NewFormItem("Format", wz.source)), nil, nil, nil,
		container.NewVScroll(wz.fields))
	split := container.NewHSplit(widget.NewCard("First rows", fmt.Sprintf("header on row %d", p.HeaderRow), preview),
		widget.NewCard("Columns", "which column holds each field; remembered for files with this header", mapping))
	split.Offset = 0.6
	return container.NewBorder(top, nil, nil, nil, split)
}

// buildFields makes one column choice per field of the preview's format.
func (wz *importWizard) buildFields() {
	opts := append([]string{notInFile}, columnNames(wz.p.Header)...)
	wz.fields.Items = nil
	wz.selects = map[string]*widget.Select{}
	for _, f := range wz.p.Fields {
		name := f.Name
		s := widget.NewSelect(opts, nil)
		s.Selected = opts[f.Column+1]
		s.OnChanged = func(choice string) { wz.choose(name, choice, opts) }
		wz.selects[name] = s
		label := f.Label
		if f.Required {
			label += " *"
		}
		wz.fields.Append(label, s)
	}
	wz.fields.Refresh()
}

// columnNames are the header cells as choices, numbered so that blank or
// repeated headers stay distinct.
func columnNames(header []string) []string {
	out := make([]string, len(header))
	for i, h := range header {
		if strings.TrimSpace(h) == "" {
			h = "(blank)"
		}
		out[i] = fmt.Sprintf("%d: %s", i+1, h)
	}
	return out
}

// choose maps field name to the chosen column.
func (wz *importWizard) choose(name, choice string, opts []string) {
	m := wz.p.Mapping()
	col := -1
	for i, o := range opts {
		if o == choice {
			col = i - 1
		}
	}
	m.Columns[name] = col
	wz.mapped = true
	wz.apply(m)
}

// apply shows the preview read with m, or why m does not fit.
func (wz *importWizard) apply(m importers.Mapping) {
	if err := wz.p.Apply(m); err != nil {
		wz.missing.SetText(err.Error())
		return
	}
	wz.mapped = true
	if wz.source != nil && wz.source.Selected != wz.p.Source {
		wz.source.SetSelected(wz.p.Source)
	}
	wz.buildFields()
	wz.refresh()
}

// refresh says what was detected and what is missing, and enables Import
// when nothing required is.
func (wz *importWizard) refresh() {
	p := wz.p
	switch {
	case p.Remembered:
		wz.detected.SetText(fmt.Sprintf("%s: %s (%s), read with the column mapping you chose before for this header.", p.File, p.Kind, describe(p)))
	case p.Sure:
		wz.detected.SetText(fmt.Sprintf("%s: detected %s (%s). Check the first rows, then import.", p.File, p.Kind, describe(p)))
	default:
		wz.detected.SetText(fmt.Sprintf("%s: not sure what this is. It looks most like %s (%s). Choose the column for each field marked *; the choice is remembered for files with the same header.", p.File, p.Kind, describe(p)))
	}
	if len(p.Missing) > 0 {
		wz.missing.SetText("Missing: " + strings.Join(p.Missing, "; "))
		wz.importBt.Disable()
	} else {
		wz.missing.SetText("")
		wz.importBt.Enable()
	}
}

func describe(p *importers.Preview) string {
	s := p.Source
	if p.Sheet != "" {
		s += ", sheet " + p.Sheet
	}
	return s + ", " + p.Format
}

// run imports the file as the wizard shows it, with progress and Cancel,
// then shows the report and analyses again.
func (wz *importWizard) run() {
	wz.dlg.Hide()
	m, path := wz.m, wz.path
	var mapping *importers.Mapping
	if wz.mapped && len(wz.p.Fields) > 0 {
		mp := wz.p.Mapping()
		mapping = &mp
	}
	ws := m.workspace()
	m.work.run("Importing "+wz.p.File, func(ctx context.Context, progress func(workspace.Progress)) error {
		var rep *workspace.ImportReport
		var err error
		if mapping != nil {
			rep, err = ws.ImportMapped(ctx, path, *mapping, progress)
		} else {
			rep, err = ws.Import(ctx, path, progress)
		}
		if errors.Is(err, context.Canceled) {
			return err
		}
		if err != nil {
			do(func() { m.showImported(nil, []error{err}) })
			return nil
		}
		do(func() { m.showImported([]*workspace.ImportReport{rep}, nil) })
		m.analyse()
		return nil
	}, m.showError)
}

// previewTable shows the header and first rows.
func previewTable(p *importers.Preview) fyne.CanvasObject {
	rows := append([][]string{p.Header}, p.Rows...)
	t := widget.NewTable(
		func() (int, int) { return len(rows), len(p.Header) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("template cell")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.TextStyle.Bold = id.Row == 0
			if id.Col < len(rows[id.Row]) {
				l.SetText(rows[id.Row][id.Col])
			} else {
				l.SetText("")
			}
		})
	for i := range p.Header {
		t.SetColumnWidth(i, 150)
	}
	return t
}
