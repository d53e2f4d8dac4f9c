package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/store"
	"github.com/multiplier/multiplier/workspace"
)

// identitiesDialog lists the identities no roster person claims and merges
// one into a roster person.
type identitiesDialog struct {
	m        *mainScreen
	list     *widget.List
	items    []store.Unmatched
	picked   int
	person   *widget.SelectEntry
	info     *widget.Label
	merge    *widget.Button
	people   []string // "Name <email>", sorted
	content  fyne.CanvasObject
	dlg      dialog.Dialog
	onMerged func()
}

// showIdentities loads the unmatched identities in the background and
// opens the merge screen.
func (m *mainScreen) showIdentities() {
	ws := m.workspace()
	m.work.run("Finding unmatched identities", func(ctx context.Context, _ func(workspace.Progress)) error {
		items, err := ws.Unmatched(ctx)
		if err != nil {
			return err
		}
		do(func() { m.openIdentities(items) })
		return nil
	}, m.showError)
}

func (m *mainScreen) openIdentities(items []store.Unmatched) *identitiesDialog {
	d := &identitiesDialog{m: m, items: items, picked: -1, info: widget.NewLabel(""), person: widget.NewSelectEntry(nil)}
	m.mu.Lock()
	res := m.result
	m.mu.Unlock()
	if res != nil {
		for _, p := range res.People {
			d.people = append(d.people, fmt.Sprintf("%s <%s>", p.Person.Name, p.Person.Email))
		}
		slices.Sort(d.people)
	}
	d.person.SetOptions(d.people)
	d.person.SetPlaceHolder("Type a name or email of the roster person")
	d.person.OnChanged = d.filterPeople
	d.info.Wrapping = fyne.TextWrapWord
	d.list = widget.NewList(func() int { return len(d.items) },
		func() fyne.CanvasObject { return widget.NewLabel("template identity (000)") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(unmatchedText(d.items[i])) })
	d.list.OnSelected = func(i widget.ListItemID) {
		d.picked = i
		d.info.SetText(fmt.Sprintf("%s appears in %d records. Merge it into:", unmatchedText(d.items[i]), d.items[i].Count))
		d.merge.Enable()
	}
	d.merge = widget.NewButton("Merge", d.doMerge)
	d.merge.Importance = widget.HighImportance
	d.merge.Disable()
	head := widget.NewLabel(fmt.Sprintf("%d identities in the imported files match no one in the roster: guests, former staff, bots, or people spelled differently. "+
		"Merge the ones that are roster people; the merge is kept for future imports.", len(items)))
	head.Wrapping = fyne.TextWrapWord
	if len(items) == 0 {
		head.SetText("Every identity in the imported files matches a roster person.")
	}
	side := container.NewVBox(d.info, d.person, d.merge)
	split := container.NewHSplit(d.list, container.NewPadded(side))
	split.Offset = 0.5
	d.content = container.NewBorder(head, nil, nil, nil, split)
	d.dlg = dialog.NewCustom("Unmatched identities", "Close", d.content, m.win)
	d.dlg.Show()
	d.dlg.Resize(fyne.NewSize(980, 600))
	return d
}

func unmatchedText(u store.Unmatched) string {
	if u.Name != "" {
		return fmt.Sprintf("%s [%s] (%d)", u.Key, u.Name, u.Count)
	}
	return fmt.Sprintf("%s (%d)", u.Key, u.Count)
}

// filterPeople narrows the suggestions to those containing the text.
func (d *identitiesDialog) filterPeople(s string) {
	q := strings.ToLower(strings.TrimSpace(s))
	var opts []string
	for _, p := range d.people {
		if q == "" || strings.Contains(strings.ToLower(p), q) {
			opts = append(opts, p)
		}
		if len(opts) == 30 {
			break
		}
	}
	d.person.SetOptions(opts)
}

// email is the roster email in the entry: the part in <…>, or the text.
func (d *identitiesDialog) email() string {
	s := strings.TrimSpace(d.person.Text)
	if i, j := strings.LastIndex(s, "<"), strings.LastIndex(s, ">"); i >= 0 && j > i {
		s = s[i+1 : j]
	}
	return strings.ToLower(strings.TrimSpace(s))
}

// doMerge merges the picked identity into the person typed, then
// analyses again.
func (d *identitiesDialog) doMerge() {
	if d.picked < 0 || d.picked >= len(d.items) {
		return
	}
	email := d.email()
	if email == "" {
		d.info.SetText("Type the roster person to merge into.")
		return
	}
	item := d.items[d.picked]
	ws := d.m.workspace()
	d.m.work.run("Merging "+item.Key, func(ctx context.Context, _ func(workspace.Progress)) error {
		if err := ws.Merge(ctx, item.Key, email); err != nil {
			return err
		}
		do(func() {
			d.items = slices.DeleteFunc(d.items, func(u store.Unmatched) bool { return u.Key == item.Key })
			d.picked = -1
			d.list.UnselectAll()
			d.list.Refresh()
			d.merge.Disable()
			d.info.SetText(fmt.Sprintf("Merged %s into %s.", item.Key, email))
			d.person.SetText("")
			if d.onMerged != nil {
				d.onMerged()
			}
		})
		d.m.analyse()
		return nil
	}, d.m.showError)
}

// showSources lists the imported files with their counts.
func (m *mainScreen) showSources() {
	ws := m.workspace()
	m.work.run("Listing imported files", func(ctx context.Context, _ func(workspace.Progress)) error {
		srcs, err := ws.Sources(ctx)
		if err != nil {
			return err
		}
		do(func() {
			var b strings.Builder
			for _, s := range srcs {
				fmt.Fprintf(&b, "%s — %s (%s), imported %s: %d rows read, %d stored, %d already present, %d skipped\n",
					s.Name, s.Kind, s.Format, s.ImportedAt.Local().Format("2 Jan 2006 15:04"),
					s.Counts.Read, s.Counts.Imported, s.Counts.Duplicate, s.Counts.Skipped)
			}
			if len(srcs) == 0 {
				b.WriteString("Nothing imported yet.")
			}
			l := widget.NewLabel(strings.TrimSpace(b.String()))
			l.Wrapping = fyne.TextWrapWord
			scroll := container.NewVScroll(l)
			scroll.SetMinSize(fyne.NewSize(760, 360))
			dialog.ShowCustom(fmt.Sprintf("Imported files in %s", ws.Path()), "Close", scroll, m.win)
		})
		return nil
	}, m.showError)
}
