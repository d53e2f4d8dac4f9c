package ui

import (
	"context"
	"fmt"
	"log"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/workspace"
)

// Options tunes New. The zero value is fine.
type Options struct {
	// OnAnalysed, when set, is called on the UI goroutine each time an
	// analysis has been shown in the people table, with its row count.
	OnAnalysed func(rows int)
}

// New builds the main window's content for the open workspace ws and
// starts its first analysis in the background.
func New(a fyne.App, w fyne.Window, ws *workspace.Workspace, opts ...Options) fyne.CanvasObject {
	m := newMain(a, w, ws, opts...)
	m.analyse()
	return m.content
}

// mainScreen is the window's one screen: toolbar, people table, person
// pane, status line, and the work that feeds them.
type mainScreen struct {
	app  fyne.App
	win  fyne.Window
	ws   *workspace.Workspace
	opts Options

	people  *peopleTable
	person  *personPane
	periods *periodBar
	empty   *widget.Label
	work    *workBar
	status  *widget.Label
	content fyne.CanvasObject

	mu       sync.Mutex
	settings graph.Settings
	period   multiplier.Period
	result   *graph.Result
	analysed chan struct{} // closed and replaced after each analysis; for tests
}

func newMain(a fyne.App, w fyne.Window, ws *workspace.Workspace, opts ...Options) *mainScreen {
	m := &mainScreen{app: a, win: w, ws: ws, settings: graph.DefaultSettings(),
		analysed: make(chan struct{})}
	if len(opts) > 0 {
		m.opts = opts[0]
	}
	m.person = newPersonPane()
	m.people = newPeopleTable(m.person.show)
	m.work = newWorkBar()
	m.periods = newPeriodBar(m.setPeriod)
	m.empty = widget.NewLabelWithStyle("This workspace has no people yet.\n\n"+
		"Import an HR roster, review exports, calendars and a Slack export with Import files…,\n"+
		"or drop the files on this window.", fyne.TextAlignCenter, fyne.TextStyle{})
	m.empty.Hide()
	m.status = widget.NewLabel("")
	m.status.Truncation = fyne.TextTruncateEllipsis
	m.content = m.layout()
	w.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { m.importURIs(uris) })
	return m
}

func (m *mainScreen) layout() fyne.CanvasObject {
	importBtn := widget.NewButtonWithIcon("Import files…", importIcon(), m.chooseFiles)
	importBtn.Importance = widget.HighImportance
	title := widget.NewLabelWithStyle("Multiplier", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewBorder(nil, nil, container.NewHBox(title, m.people.filterBar()),
		container.NewHBox(m.periods.content, importBtn), nil)
	split := container.NewHSplit(container.NewStack(m.people.table, container.NewCenter(m.empty)), m.person.content)
	split.Offset = 0.64
	bottom := container.NewBorder(nil, nil, nil, m.work.content, m.status)
	return container.NewBorder(container.NewVBox(top, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), bottom), nil, nil, split)
}

// setPeriod analyses again for period p.
func (m *mainScreen) setPeriod(p multiplier.Period) {
	m.mu.Lock()
	m.period = p
	m.mu.Unlock()
	m.analyse()
}

// analyse runs the analysis in the background and shows its result.
func (m *mainScreen) analyse() {
	m.mu.Lock()
	period, settings := m.period, m.settings
	m.mu.Unlock()
	m.work.run("Analysing", func(ctx context.Context, progress func(workspace.Progress)) error {
		res, err := m.ws.Analyze(ctx, period, settings, progress)
		if err != nil {
			return err
		}
		do(func() { m.show(res) })
		return nil
	}, m.showError)
}

func (m *mainScreen) show(res *graph.Result) {
	m.mu.Lock()
	m.result = res
	done := m.analysed
	m.analysed = make(chan struct{})
	m.mu.Unlock()
	m.people.set(res)
	m.periods.show(res.Period)
	m.status.SetText(summary(res))
	if len(res.People) == 0 {
		m.empty.Show()
	} else {
		m.empty.Hide()
	}
	m.person.show(nil)
	if rows := m.people.rows(); rows > 0 {
		m.people.table.Select(widget.TableCellID{Row: 0, Col: 0})
	}
	if m.opts.OnAnalysed != nil {
		m.opts.OnAnalysed(m.people.rows())
	}
	close(done)
}

func summary(res *graph.Result) string {
	count := map[graph.Role]int{}
	for _, p := range res.People {
		for _, r := range p.Roles {
			count[r]++
		}
	}
	return fmt.Sprintf("Period %s · %d people · %d reviews · %d teams · %d multipliers · %d bottlenecks · %d solo contributors — signals for a conversation, not ratings",
		res.Period, res.Org.People, res.Org.Reviews, res.Org.Teams,
		count[graph.RoleMultiplier], count[graph.RoleBottleneck], count[graph.RoleSolo])
}

// showError logs err and shows it in a dialog. A nil err shows nothing.
func (m *mainScreen) showError(err error) {
	if err == nil {
		return
	}
	log.Print(err)
	do(func() { dialog.ShowError(err, m.win) })
}
