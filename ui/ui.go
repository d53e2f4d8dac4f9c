package ui

import (
	"context"
	"fmt"
	"image/color"
	"log"
	"path/filepath"
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/store"
	"github.com/multiplier/multiplier/workspace"
)

// Options tunes New. The zero value is fine.
type Options struct {
	// OnAnalysed, when set, is called on the UI goroutine each time an
	// analysis has been shown in the people table, with its row count.
	OnAnalysed func(rows int)
	// Version is shown in the about dialog.
	Version string
	// Screen, when set, is shown once the first analysis is: a tab
	// (overview, people, network, flows, quadrant, areas) or a dialog
	// (settings, import, wizard, identities, export, about). For
	// screenshots.
	Screen string
}

// New builds the main window's content for the open workspace ws, sets
// the window's menu and shortcuts, and starts the first analysis in the
// background.
func New(a fyne.App, w fyne.Window, ws *workspace.Workspace, opts ...Options) fyne.CanvasObject {
	m := newMain(a, w, ws, opts...)
	m.waitWhenBusy(ws)
	m.installMenu()
	m.analyse()
	return m.content
}

// Tab names, in the order of the window's tabs.
const (
	tabOverview = "Overview"
	tabPeople   = "People"
	tabNetwork  = "Network map"
	tabFlows    = "Team flows"
	tabQuadrant = "Output vs leverage"
	tabAreas    = "Areas"
)

// analysis is one shown analysis: the period's result, the period before
// it (nil when there is no data there), and every person by email.
type analysis struct {
	res   *graph.Result
	prev  *graph.Result
	byKey map[string]*graph.PersonResult
	// names gives a display name for any key on the graph: the roster
	// name, or the key itself for someone outside the roster.
	names map[string]string
	// teams is the roster teams' colour index, in sort order.
	teams map[string]int
	// medians caches graph.Result.Medians per team ("" for everyone).
	medians map[string]map[string]float64
	// flows is the team × team help, computed off the UI goroutine.
	flows graph.Flows
	// sources are the imported files.
	sources []store.Source
	// quarters are the calendar quarters of the data, analysed after the
	// period itself for the trend; nil until then.
	quarters []workspace.QuarterResult
}

func newAnalysis(res, prev *graph.Result) *analysis {
	a := &analysis{res: res, prev: prev, byKey: map[string]*graph.PersonResult{}, names: map[string]string{},
		teams: map[string]int{}, medians: map[string]map[string]float64{}}
	var teams []string
	for i := range res.People {
		p := &res.People[i]
		if _, ok := a.teams[p.Person.Team]; !ok && p.Person.Team != "" {
			a.teams[p.Person.Team] = 0
			teams = append(teams, p.Person.Team)
		}
		if _, dup := a.byKey[p.Person.Email]; !dup {
			a.byKey[p.Person.Email] = p
			a.names[p.Person.Email] = p.Person.Name
		}
	}
	slices.Sort(teams)
	for i, t := range teams {
		a.teams[t] = i
	}
	a.flows = res.TeamFlows()
	a.medians[""] = res.Medians("")
	return a
}

// teamColor is the colour of a team; grey for none.
func (a *analysis) teamColor(team string) color.NRGBA {
	if i, ok := a.teams[team]; ok {
		return teamColor(i)
	}
	return teamColor(-1)
}

// median is the median of a score over a team ("" for everyone).
func (a *analysis) median(team, key string) float64 {
	m, ok := a.medians[team]
	if !ok {
		m = a.res.Medians(team)
		a.medians[team] = m
	}
	return m[key]
}

// name is the display name of key.
func (a *analysis) name(key string) string {
	if n, ok := a.names[key]; ok && n != "" {
		return n
	}
	return key
}

// mainScreen is the window: menu, toolbar, the tabs of screens, status
// line and the background work that feeds them.
type mainScreen struct {
	app  fyne.App
	win  fyne.Window
	opts Options

	tabs     *container.AppTabs
	overview *overviewScreen
	people   *peopleTable
	person   *personPane
	network  *networkScreen
	flows    *flowsScreen
	quadrant *quadrantScreen
	areas    *areasScreen
	periods  *periodBar
	empty    *widget.Label
	work     *workBar
	status   *widget.Label
	content  fyne.CanvasObject

	mu       sync.Mutex
	ws       *workspace.Workspace
	settings graph.Settings
	view     viewSettings
	period   multiplier.Period
	result   *graph.Result
	shown    *analysis
	analysed chan struct{} // closed and replaced after each analysis; for tests
}

func newMain(a fyne.App, w fyne.Window, ws *workspace.Workspace, opts ...Options) *mainScreen {
	m := &mainScreen{app: a, win: w, ws: ws, analysed: make(chan struct{})}
	if len(opts) > 0 {
		m.opts = opts[0]
	}
	m.settings, m.view = loadSettings(a.Preferences())
	m.person = newPersonPane(m.openPerson)
	m.people = newPeopleTable(m.person.show)
	m.overview = newOverviewScreen(m.openPerson)
	m.network = newNetworkScreen(m.openPerson, m.layoutGraph)
	m.flows = newFlowsScreen(m.openPerson)
	m.quadrant = newQuadrantScreen(m.openPerson)
	m.areas = newAreasScreen(m.openPerson)
	m.work = newWorkBar()
	m.periods = newPeriodBar(m.setPeriod)
	m.empty = widget.NewLabelWithStyle("This workspace has no people yet.\n\n"+
		"Import an HR roster, review exports, calendars and a Slack export with File ▸ Import files… (Ctrl+O),\n"+
		"or drop the files on this window.", fyne.TextAlignCenter, fyne.TextStyle{})
	m.empty.Hide()
	m.status = widget.NewLabel("")
	m.status.Truncation = fyne.TextTruncateEllipsis
	m.content = m.layout()
	w.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { m.importURIs(uris) })
	return m
}

func (m *mainScreen) layout() fyne.CanvasObject {
	importBtn := widget.NewButtonWithIcon("Import…", importIcon(), m.chooseFiles)
	importBtn.Importance = widget.HighImportance
	exportBtn := widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), m.chooseExport)
	settingsBtn := widget.NewButtonWithIcon("", theme.SettingsIcon(), m.showSettings)
	top := container.NewBorder(nil, nil, m.periods.content,
		container.NewHBox(settingsBtn, exportBtn, importBtn), nil)

	split := container.NewHSplit(container.NewStack(m.people.content, container.NewCenter(m.empty)), m.person.content)
	split.Offset = 0.58
	m.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(tabOverview, theme.HomeIcon(), m.overview.content),
		container.NewTabItemWithIcon(tabPeople, theme.AccountIcon(), split),
		container.NewTabItemWithIcon(tabNetwork, theme.GridIcon(), m.network.content),
		container.NewTabItemWithIcon(tabFlows, theme.ViewFullScreenIcon(), m.flows.content),
		container.NewTabItemWithIcon(tabQuadrant, theme.VisibilityIcon(), m.quadrant.content),
		container.NewTabItemWithIcon(tabAreas, theme.StorageIcon(), m.areas.content),
	)
	m.tabs.OnSelected = func(ti *container.TabItem) {
		if ti.Text == tabNetwork {
			m.network.visible()
		}
	}
	bottom := container.NewBorder(nil, nil, nil, m.work.content, m.status)
	return container.NewBorder(container.NewVBox(container.NewPadded(top), widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), bottom), nil, nil, m.tabs)
}

// workspace returns the open workspace.
func (m *mainScreen) workspace() *workspace.Workspace {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.ws
}

// setPeriod analyses again for period p.
func (m *mainScreen) setPeriod(p multiplier.Period) {
	m.mu.Lock()
	m.period = p
	m.mu.Unlock()
	m.analyse()
}

// analyse runs the analysis of the period and the one before it in the
// background and shows the result on every screen.
func (m *mainScreen) analyse() {
	m.mu.Lock()
	period, settings, ws := m.period, m.settings, m.ws
	m.mu.Unlock()
	m.work.run("Analysing", func(ctx context.Context, progress func(workspace.Progress)) error {
		res, prev, err := ws.AnalyzeTrend(ctx, period, settings, progress)
		if err != nil {
			return err
		}
		a := newAnalysis(res, prev)
		if a.sources, err = ws.Sources(ctx); err != nil {
			return err
		}
		do(func() { m.show(a) })
		qs, err := ws.AnalyzeQuarters(ctx, res.Period, settings, progress)
		if err != nil {
			return err
		}
		do(func() { m.showQuarters(a, qs) })
		return nil
	}, m.showError)
}

func (m *mainScreen) show(a *analysis) {
	res := a.res
	m.mu.Lock()
	m.result = res
	m.shown = a
	view := m.view
	done := m.analysed
	m.analysed = make(chan struct{})
	m.mu.Unlock()
	m.people.set(res, view)
	m.overview.set(a, view)
	m.network.set(a)
	m.flows.set(a, view)
	m.quadrant.set(a)
	m.areas.set(a)
	m.periods.show(res.Period)
	m.status.SetText(summary(res))
	if len(res.People) == 0 {
		m.empty.Show()
	} else {
		m.empty.Hide()
	}
	m.person.set(a)
	m.person.show(nil)
	if rows := m.people.rows(); rows > 0 {
		m.people.table.Select(widget.TableCellID{Row: 0, Col: 0})
		m.people.table.ScrollToTop()
		m.people.table.ScrollToLeading()
	}
	if m.tabs.Selected() != nil && m.tabs.Selected().Text == tabNetwork {
		m.network.visible()
	}
	if m.opts.Screen != "" {
		m.showScreen(m.opts.Screen)
		m.opts.Screen = ""
	}
	if m.opts.OnAnalysed != nil {
		m.opts.OnAnalysed(m.people.rows())
	}
	close(done)
}

// showQuarters adds the quarterly results to a, if it is still shown.
func (m *mainScreen) showQuarters(a *analysis, qs []workspace.QuarterResult) {
	m.mu.Lock()
	current := m.shown == a
	m.mu.Unlock()
	if !current {
		return
	}
	a.quarters = qs
	m.person.set(a)
}

// showScreen selects a tab or opens a dialog by name (see Options.Screen).
func (m *mainScreen) showScreen(name string) {
	tabs := []string{"overview", "people", "network", "flows", "quadrant", "areas"}
	if i := slices.Index(tabs, name); i >= 0 {
		m.tabs.SelectIndex(i)
		return
	}
	switch name {
	case "settings":
		m.showSettings()
	case "import":
		m.chooseFiles()
	case "person": // the first multiplier's page, scrolled to the numbers
		for _, p := range m.result.People {
			if hasRole(&p, graph.RoleMultiplier) {
				m.openPerson(p.Person.Email)
				m.person.scroll.Offset = fyne.NewPos(0, 900)
				m.person.scroll.Refresh()
				break
			}
		}
	case "wizard": // the import wizard on the sample's review export
		m.previewThen(filepath.Join(workspace.SampleDir(), "reviews.xlsx"))
	case "identities":
		m.showIdentities()
	case "export":
		m.chooseExport()
	case "about":
		m.showAbout()
	}
}

// openPerson shows the person with this key on the People tab. Keys of
// people outside the roster are ignored.
func (m *mainScreen) openPerson(key string) {
	if !m.people.reveal(key) {
		return
	}
	m.tabs.SelectIndex(1)
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
