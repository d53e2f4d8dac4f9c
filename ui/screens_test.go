package ui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/store"
	"github.com/multiplier/multiplier/workspace"
)

// reanalysed waits for the analysis that fn starts.
func reanalysed(t *testing.T, m *mainScreen, fn func()) {
	t.Helper()
	m.mu.Lock()
	done := m.analysed
	m.mu.Unlock()
	fn()
	wait(t, done)
	waitIdle(t, m)
}

func shownPerson(m *mainScreen) string { return m.person.name.Text }

func TestOverviewOpensPeople(t *testing.T) {
	m, _, _ := newTestScreen(t)
	if !strings.Contains(m.overview.concentration.Text, "top 5%") || !strings.Contains(m.overview.concentration.Text, "20–35%") {
		t.Fatalf("concentration figure %q", m.overview.concentration.Text)
	}
	if !strings.Contains(m.overview.coverage.Text, "Code review sees") {
		t.Fatalf("coverage %q", m.overview.coverage.Text)
	}
	var first *widget.Button
	for _, o := range m.overview.multipliers.Objects {
		if b, ok := o.(*widget.Button); ok {
			first = b
			break
		}
	}
	if first == nil {
		t.Fatal("no multiplier listed on the overview")
	}
	test.Tap(first)
	if m.tabs.SelectedIndex() != 1 {
		t.Fatalf("tapping a multiplier shows tab %d, want People", m.tabs.SelectedIndex())
	}
	if name := shownPerson(m); !strings.HasPrefix(first.Text, name) {
		t.Fatalf("person page shows %q after tapping %q", name, first.Text)
	}
}

func TestPeopleFiltersAndChips(t *testing.T) {
	m, o, _ := newTestScreen(t)
	level := o.People[3].Level
	m.people.level.SetSelected(level)
	for _, p := range m.people.shown {
		if p.Person.Level != level {
			t.Fatalf("%s (%s) shown under level %s", p.Person.Name, p.Person.Level, level)
		}
	}
	if !strings.Contains(m.people.count.Text, fmt.Sprintf("%d of %d", m.people.rows(), len(o.People))) {
		t.Errorf("count says %q", m.people.count.Text)
	}
	m.people.level.SetSelected(allLevels)
	dept := o.People[3].Department
	m.people.dept.SetSelected(dept)
	if m.people.rows() == 0 {
		t.Fatalf("no one in department %s", dept)
	}
	for _, p := range m.people.shown {
		if p.Person.Department != dept {
			t.Fatalf("%s of %s shown under %s", p.Person.Name, p.Person.Department, dept)
		}
	}
	m.people.dept.SetSelected(allDepts)
	// The roles column shows one chip per role.
	cell := m.people.table.CreateCell()
	m.people.updateCell(widget.TableCellID{Row: 0, Col: rolesColumn}, cell)
	chips := cell.(*fyne.Container).Objects[1].(*fyne.Container)
	if len(chips.Objects) != len(m.people.shown[0].Roles) || len(chips.Objects) == 0 {
		t.Fatalf("%d chips for roles %v", len(chips.Objects), m.people.shown[0].Roles)
	}
}

func TestPersonPage(t *testing.T) {
	m, _, _ := newTestScreen(t)
	m.people.role.SetSelected(string(graph.RoleMultiplier))
	m.people.table.Select(widget.TableCellID{Row: 0, Col: 0})
	p := m.people.shown[0]
	if got := len(m.person.keys.Objects); got != 5*(1+len(workspace.KeyMetrics)) {
		t.Fatalf("key numbers grid has %d cells", got)
	}
	if len(m.person.ego.nodes) < 3 || m.person.ego.nodes[0].Key != p.Person.Email {
		t.Fatalf("ego network of %s has %d nodes", p.Person.Name, len(m.person.ego.nodes))
	}
	if !strings.Contains(m.person.whatIf.Text, "team") {
		t.Errorf("what-if text %q", m.person.whatIf.Text)
	}
	// Tapping a neighbour in the ego network opens them.
	m.person.ego.Resize(fyne.NewSize(480, 300))
	n := m.person.ego.nodes[1]
	x, y := m.person.ego.toScreen(n.X, n.Y, m.person.ego.Size())
	test.TapAt(m.person.ego, fyne.NewPos(x, y))
	if want := m.shown.byKey[n.Key]; want != nil && shownPerson(m) != want.Person.Name {
		t.Fatalf("tapping %s in the ego network shows %s", want.Person.Name, shownPerson(m))
	}
}

func TestNetworkMapLaysOutFiltersAndOpens(t *testing.T) {
	m, o, _ := newTestScreen(t)
	if len(m.network.view.nodes) != 0 {
		t.Fatal("the map was laid out before its tab was opened")
	}
	m.tabs.SelectIndex(2)
	waitIdle(t, m)
	if got := len(m.network.view.nodes); got != len(o.People) {
		t.Fatalf("map has %d points, roster %d people", got, len(o.People))
	}
	if len(m.network.view.edges) == 0 {
		t.Fatal("map has no ties")
	}
	team := o.People[0].Team
	m.network.team.SetSelected(team)
	for _, n := range m.network.view.nodes {
		if p := m.shown.byKey[n.Key]; (p.Person.Team == team) == n.Dim {
			t.Fatalf("%s of %s dim=%v under team %s", p.Person.Name, p.Person.Team, n.Dim, team)
		}
	}
	var target mapNode
	for _, n := range m.network.view.nodes {
		if !n.Dim {
			target = n
			break
		}
	}
	x, y := m.network.view.toScreen(target.X, target.Y, m.network.view.Size())
	test.TapAt(m.network.view, fyne.NewPos(x, y))
	if m.tabs.SelectedIndex() != 1 || shownPerson(m) != m.shown.byKey[target.Key].Person.Name {
		t.Fatalf("tapping %s on the map shows tab %d, person %q", target.Key, m.tabs.SelectedIndex(), shownPerson(m))
	}
	// The layout is cached per period: showing the tab again computes nothing.
	if len(m.network.cache) != 1 {
		t.Fatalf("%d layouts cached", len(m.network.cache))
	}
}

func TestFlowsCellListsCarriers(t *testing.T) {
	m, _, _ := newTestScreen(t)
	var cell *heatCell
	for _, o := range m.flows.grid.Objects {
		if c, ok := o.(*heatCell); ok && !c.diagonal && c.value > 0 {
			cell = c
			break
		}
	}
	if cell == nil {
		t.Fatal("no flow between teams on the heatmap")
	}
	test.Tap(cell)
	if len(m.flows.carriers.Objects) == 0 || !strings.Contains(m.flows.title.Text, "→") {
		t.Fatalf("tapping a cell lists %d carriers, title %q", len(m.flows.carriers.Objects), m.flows.title.Text)
	}
	b, ok := m.flows.carriers.Objects[0].(*widget.Button)
	if !ok {
		t.Fatal("carrier is not a button")
	}
	test.Tap(b)
	if !strings.HasPrefix(b.Text, shownPerson(m)) {
		t.Fatalf("tapping carrier %q shows %q", b.Text, shownPerson(m))
	}
}

func TestQuadrantLabelsRolesAndOpens(t *testing.T) {
	m, _, _ := newTestScreen(t)
	var labelled []mapNode
	for _, n := range m.quadrant.view.nodes {
		if n.Label {
			labelled = append(labelled, n)
		}
	}
	if len(labelled) == 0 {
		t.Fatal("no labelled points on the quadrant")
	}
	for _, n := range labelled {
		if quadrantRole(m.shown.byKey[n.Key]) == "" {
			t.Fatalf("%s labelled without a role", n.Key)
		}
	}
	m.tabs.SelectIndex(4)
	v := m.quadrant.view
	n := labelled[len(labelled)-1]
	x, y := v.toScreen(n.X, n.Y, v.Size())
	test.TapAt(v, fyne.NewPos(x, y))
	if shownPerson(m) != m.shown.byKey[n.Key].Person.Name {
		t.Fatalf("tapping %s shows %q", n.Key, shownPerson(m))
	}
}

func TestAreasListReviewers(t *testing.T) {
	m, _, _ := newTestScreen(t)
	if len(m.areas.repos) == 0 {
		t.Fatal("no areas")
	}
	m.areas.table.Select(widget.TableCellID{Row: 0, Col: 0})
	r := m.areas.repos[0]
	if got := len(m.areas.reviewers.Objects); got != 2*len(r.Shares) {
		t.Fatalf("%d objects for %d reviewers", got, len(r.Shares))
	}
	if !strings.Contains(m.areas.title.Text, fmt.Sprintf("bus factor %d", r.BusFactor)) {
		t.Errorf("title %q", m.areas.title.Text)
	}
}

func TestSettingsRecompute(t *testing.T) {
	m, _, _ := newTestScreen(t)
	f := newSettingsForm(m.settings, m.view)
	i := slices.IndexFunc(settingsList, func(s setting) bool { return strings.HasPrefix(s.label, "Multiplier: other teams") })
	f.entries[i].SetText("many")
	if _, _, err := f.read(); err == nil || !strings.Contains(err.Error(), "other teams helped") {
		t.Fatalf("a bad number gives %v", err)
	}
	f.entries[i].SetText("99")
	s, v, err := f.read()
	if err != nil {
		t.Fatal(err)
	}
	reanalysed(t, m, func() { m.applySettings(s, v) })
	for _, p := range m.result.People {
		if hasRole(&p, graph.RoleMultiplier) {
			t.Fatalf("%s is a multiplier with 99 teams required", p.Person.Name)
		}
	}
	// The settings are saved and read back at the next start.
	saved, _ := loadSettings(m.app.Preferences())
	if saved.MinTeamsHelped != 99 {
		t.Fatalf("saved MinTeamsHelped %d", saved.MinTeamsHelped)
	}
}

func TestWizardMapsUnsureColumns(t *testing.T) {
	m, _, _ := newTestScreen(t)
	path := filepath.Join(t.TempDir(), "contractors.csv")
	csv := "Employee Name,Contact,Team\nAda Quist,ada.quist@example.com,Platform\nBo Rand,bo.rand@example.com,Platform\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := m.workspace().Preview(path)
	if err != nil {
		t.Fatal(err)
	}
	wz := m.openWizard(path, p)
	if wz.importBt.Disabled() == false || !strings.Contains(wz.missing.Text, "email") {
		t.Fatalf("unsure roster: import enabled=%v, missing %q", !wz.importBt.Disabled(), wz.missing.Text)
	}
	wz.selects["email"].SetSelected("2: Contact")
	if wz.importBt.Disabled() {
		t.Fatalf("mapping the email column left: %q", wz.missing.Text)
	}
	before := len(m.result.People)
	reanalysed(t, m, func() { test.Tap(wz.importBt) })
	if got := len(m.result.People); got != before+2 {
		t.Fatalf("%d people after importing 2 more, had %d", got, before)
	}
	// The mapping is remembered: a second file with this header is sure.
	again := filepath.Join(t.TempDir(), "more.csv")
	os.WriteFile(again, []byte("Employee Name,Contact,Team\nCy Dunn,cy.dunn@example.com,Platform\n"), 0o644)
	p2, err := m.workspace().Preview(again)
	if err != nil || !p2.Remembered {
		t.Fatalf("second file: remembered=%v err=%v", p2 != nil && p2.Remembered, err)
	}
}

func TestIdentitiesMerge(t *testing.T) {
	m, o, _ := newTestScreen(t)
	items, err := m.workspace().Unmatched(context.Background())
	if err != nil || len(items) == 0 {
		t.Fatalf("unmatched %d, %v", len(items), err)
	}
	d := m.openIdentities(items)
	d.list.Select(0)
	key := d.items[0].Key
	d.person.SetText(fmt.Sprintf("%s <%s>", o.People[0].Name, o.People[0].Email))
	reanalysed(t, m, d.doMerge)
	if slices.ContainsFunc(d.items, func(u store.Unmatched) bool { return u.Key == key }) {
		t.Fatalf("%s still listed after the merge", key)
	}
	left, _ := m.workspace().Unmatched(context.Background())
	if slices.ContainsFunc(left, func(u store.Unmatched) bool { return u.Key == key }) {
		t.Fatalf("%s still unmatched in the workspace", key)
	}
}

func TestMenuShortcutsAbout(t *testing.T) {
	m, _, w := newTestScreen(t)
	m.installMenu()
	menu := w.MainMenu()
	if menu == nil || len(menu.Items) != 4 {
		t.Fatal("no File, View, Analysis, Help menu")
	}
	keys := map[fyne.KeyName]bool{}
	for _, mn := range menu.Items {
		for _, it := range mn.Items {
			if sc, ok := it.Shortcut.(interface{ Key() fyne.KeyName }); ok {
				keys[sc.Key()] = true
			}
		}
	}
	for _, k := range []fyne.KeyName{fyne.KeyO, fyne.KeyE, fyne.KeyF} {
		if !keys[k] {
			t.Errorf("no menu shortcut for Ctrl+%s", k)
		}
	}
	m.focusSearch()
	if w.Canvas().Focused() != m.people.search {
		t.Error("Ctrl+F does not focus the search")
	}
	m.opts.Version = "v9.9.9"
	m.showAbout()
	if !strings.Contains(overlayText(w.Canvas().Overlays().Top()), "v9.9.9") {
		t.Error("the about dialog does not show the version")
	}
}

func TestOpenWorkspaceRemembers(t *testing.T) {
	m, _, _ := newTestScreen(t)
	path := filepath.Join(t.TempDir(), "team.db")
	reanalysed(t, m, func() { m.openWorkspace(path) })
	if m.workspace().Path() != path || len(m.result.People) != 0 {
		t.Fatalf("open shows %s with %d people", m.workspace().Path(), len(m.result.People))
	}
	if LastWorkspace(m.app) != path || m.app.Preferences().StringList(prefRecent)[0] != path {
		t.Fatalf("last %q, recent %v", LastWorkspace(m.app), m.app.Preferences().StringList(prefRecent))
	}
	if !m.empty.Visible() {
		t.Error("an empty workspace does not say what to do")
	}
}

func TestExportFromWindow(t *testing.T) {
	m, o, w := newTestScreen(t)
	dir := t.TempDir()
	m.export(dir, workspace.ExportOptions{Formats: []string{"csv"}})
	waitIdle(t, m)
	b, err := os.ReadFile(filepath.Join(dir, "people.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if lines := bytes.Count(b, []byte("\n")); lines != len(o.People)+1 {
		t.Fatalf("people.csv has %d lines for %d people", lines, len(o.People))
	}
	if !strings.Contains(overlayText(w.Canvas().Overlays().Top()), "people.csv") {
		t.Error("no dialog lists the exported files")
	}
}

// TestExportIntoForeignFolder: a folder of other files is refused by the
// export, and the app offers a new folder inside it, which works.
func TestExportIntoForeignFolder(t *testing.T) {
	m, _, w := newTestScreen(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "plan.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	m.export(dir, workspace.ExportOptions{Formats: []string{"csv"}})
	waitIdle(t, m)
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(overlayText(top), "holds files Multiplier did not write") {
		t.Fatalf("no offer of a new folder: %q", overlayText(top))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("the refused folder holds %d entries", len(entries))
	}
	there := buttonLabelled(top, "Export there")
	if there == nil {
		t.Fatal("no Export there button")
	}
	test.Tap(there)
	waitIdle(t, m)
	sub := filepath.Join(dir, filepath.Base(defaultExportDir(m.ws.Path())))
	if _, err := os.Stat(filepath.Join(sub, "people.csv")); err != nil {
		t.Fatalf("no export in the offered folder: %v", err)
	}
}

// buttonLabelled finds the button with this text in o.
func buttonLabelled(o fyne.CanvasObject, text string) *widget.Button {
	switch o := o.(type) {
	case *widget.Button:
		if o.Text == text {
			return o
		}
	case *fyne.Container:
		for _, c := range o.Objects {
			if b := buttonLabelled(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(o).Objects() {
			if b := buttonLabelled(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}
