package ui

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/graph"
)

// column is one column of the people table: its header, width, how it
// shows a person and how it sorts them.
type column struct {
	title string
	width float32
	text  func(*graph.PersonResult) string
	less  func(a, b *graph.PersonResult) int
}

func byText(f func(*graph.PersonResult) string) func(a, b *graph.PersonResult) int {
	return func(a, b *graph.PersonResult) int {
		return strings.Compare(strings.ToLower(f(a)), strings.ToLower(f(b)))
	}
}

func byNumber(f func(*graph.PersonResult) float64) func(a, b *graph.PersonResult) int {
	return func(a, b *graph.PersonResult) int { return cmp.Compare(f(a), f(b)) }
}

func roleText(p *graph.PersonResult) string {
	s := make([]string, len(p.Roles))
	for i, r := range p.Roles {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
}

func turnaround(p *graph.PersonResult) string {
	if p.Metrics.MedianTurnaroundHours < 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f h", p.Metrics.MedianTurnaroundHours)
}

// roleRank orders people by their most telling role: bottlenecks, then
// multipliers, then solo contributors, then everyone else.
func roleRank(p *graph.PersonResult) float64 {
	for i, r := range []graph.Role{graph.RoleBottleneck, graph.RoleMultiplier, graph.RoleConnector, graph.RoleSolo, graph.RolePeripheral} {
		if hasRole(p, r) {
			return float64(i)
		}
	}
	return 5
}

// rolesColumn is the column the table sorts by at first.
const rolesColumn = 3

var columns = []column{
	{"Name", 165, func(p *graph.PersonResult) string { return p.Person.Name }, nil},
	{"Team", 135, func(p *graph.PersonResult) string { return p.Person.Team }, nil},
	{"Level", 62, func(p *graph.PersonResult) string { return p.Person.Level }, nil},
	{"Roles", 200, roleText, byNumber(roleRank)},
	{"Reviews", 85, func(p *graph.PersonResult) string { return fmt.Sprint(p.Metrics.ReviewsGiven) },
		byNumber(func(p *graph.PersonResult) float64 { return float64(p.Metrics.ReviewsGiven) })},
	{"Cross-team", 100, func(p *graph.PersonResult) string { return pct(p.Metrics.CrossTeamShare) },
		byNumber(func(p *graph.PersonResult) float64 { return p.Metrics.CrossTeamShare })},
	{"Teams", 72, func(p *graph.PersonResult) string { return fmt.Sprint(p.Metrics.TeamsHelped) },
		byNumber(func(p *graph.PersonResult) float64 { return float64(p.Metrics.TeamsHelped) })},
	{"Turnaround", 108, turnaround,
		byNumber(func(p *graph.PersonResult) float64 { return p.Metrics.MedianTurnaroundHours })},
	{"Gatekeeper", 108, func(p *graph.PersonResult) string { return pct(p.Metrics.GatekeeperShare) },
		byNumber(func(p *graph.PersonResult) float64 { return p.Metrics.GatekeeperShare })},
	{"Authored", 95, func(p *graph.PersonResult) string { return fmt.Sprint(p.Metrics.ChangesAuthored) },
		byNumber(func(p *graph.PersonResult) float64 { return float64(p.Metrics.ChangesAuthored) })},
	{"PageRank", 100, func(p *graph.PersonResult) string { return fmt.Sprintf("%.4f", p.Metrics.PageRank) },
		byNumber(func(p *graph.PersonResult) float64 { return p.Metrics.PageRank })},
}

func init() {
	for i := range columns {
		if columns[i].less == nil {
			columns[i].less = byText(columns[i].text)
		}
	}
}

func pct(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

// peopleTable is the sortable, filterable table of people.
type peopleTable struct {
	table    *widget.Table
	search   *widget.Entry
	team     *widget.Select
	dept     *widget.Select
	level    *widget.Select
	role     *widget.Select
	count    *widget.Label
	content  fyne.CanvasObject
	onSelect func(*graph.PersonResult)

	all     []*graph.PersonResult
	shown   []*graph.PersonResult
	view    viewSettings
	sortCol int
	desc    bool
}

const (
	allTeams, allDepts, allLevels, allRoles = "All teams", "All departments", "All levels", "All roles"
	seniorLevels                            = "Senior levels"
)

func newPeopleTable(onSelect func(*graph.PersonResult)) *peopleTable {
	t := &peopleTable{onSelect: onSelect, sortCol: rolesColumn, count: widget.NewLabel("")}
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.shown), len(columns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Template text")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewStack(l, container.NewHBox())
		},
		t.updateCell)
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	t.table.UpdateHeader = t.updateHeader
	t.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(t.shown) {
			t.onSelect(t.shown[id.Row])
		}
	}
	for i, c := range columns {
		t.table.SetColumnWidth(i, c.width)
	}
	t.search = widget.NewEntry()
	t.search.SetPlaceHolder("Search name, team, email…  (Ctrl+F)")
	t.search.OnChanged = func(string) { t.apply() }
	t.team = filterSelect(allTeams, t.apply)
	t.dept = filterSelect(allDepts, t.apply)
	t.level = filterSelect(allLevels, t.apply)
	t.role = widget.NewSelect([]string{allRoles, string(graph.RoleMultiplier), string(graph.RoleBottleneck),
		string(graph.RoleConnector), string(graph.RoleSolo), string(graph.RolePeripheral), "no role"}, func(string) { t.apply() })
	t.role.SetSelected(allRoles)
	filters := container.NewGridWithColumns(4, t.team, t.dept, t.level, t.role)
	bar := container.NewVBox(container.NewBorder(nil, nil, nil, t.count, t.search), filters)
	t.content = container.NewBorder(container.NewPadded(bar), nil, nil, nil, t.table)
	return t
}

func filterSelect(all string, apply func()) *widget.Select {
	s := widget.NewSelect([]string{all}, func(string) { apply() })
	s.Selected = all // no callback yet: the screen is still being built
	return s
}

func (t *peopleTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	stack := o.(*fyne.Container)
	l, chips := stack.Objects[0].(*widget.Label), stack.Objects[1].(*fyne.Container)
	if id.Row >= len(t.shown) || id.Col >= len(columns) {
		l.SetText("")
		chips.Objects = nil
		chips.Refresh()
		return
	}
	p := t.shown[id.Row]
	if id.Col == rolesColumn {
		l.SetText("")
		chips.Objects = roleChips(p.Roles)
		chips.Refresh()
		return
	}
	if len(chips.Objects) > 0 {
		chips.Objects = nil
		chips.Refresh()
	}
	l.SetText(columns[id.Col].text(p))
}

func hasRole(p *graph.PersonResult, r graph.Role) bool { return slices.Contains(p.Roles, r) }

func (t *peopleTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(columns) {
		b.SetText("")
		b.OnTapped = nil
		return
	}
	col := id.Col
	b.SetText(columns[col].title)
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	b.SetIcon(nil)
	if col == t.sortCol {
		b.SetIcon(theme.MenuDropUpIcon())
		if t.desc {
			b.SetIcon(theme.MenuDropDownIcon())
		}
	}
	b.OnTapped = func() { t.sortBy(col) }
}

// sortBy sorts by column col; a second tap on the same column reverses.
// Numbers sort largest first on the first tap.
func (t *peopleTable) sortBy(col int) {
	if col == t.sortCol {
		t.desc = !t.desc
	} else {
		t.sortCol, t.desc = col, col > rolesColumn
	}
	t.apply()
}

// set shows a new analysis, keeping the sort and filters.
func (t *peopleTable) set(res *graph.Result, view viewSettings) {
	t.all = t.all[:0]
	t.view = view
	teams, depts, levels := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for i := range res.People {
		p := &res.People[i]
		t.all = append(t.all, p)
		teams[p.Person.Team] = true
		depts[p.Person.Department] = true
		levels[p.Person.Level] = true
	}
	setOptions(t.team, allTeams, teams)
	setOptions(t.dept, allDepts, depts)
	setOptions(t.level, allLevels, levels)
	if len(view.SeniorLevels) > 0 {
		t.level.SetOptions(append([]string{allLevels, seniorLevels}, t.level.Options[1:]...))
	}
	t.apply()
}

// setOptions offers the non-empty values, sorted, after all; a selection
// no longer offered goes back to all.
func setOptions(s *widget.Select, all string, values map[string]bool) {
	delete(values, "")
	opts := append([]string{all}, slices.Sorted(maps.Keys(values))...)
	s.SetOptions(opts)
	if !slices.Contains(opts, s.Selected) && s.Selected != seniorLevels {
		s.SetSelected(all)
	}
}

// reveal clears the filters when they hide the person with this key,
// selects them and scrolls to them. It reports whether they are in the
// table.
func (t *peopleTable) reveal(key string) bool {
	find := func() int {
		return slices.IndexFunc(t.shown, func(p *graph.PersonResult) bool { return p.Person.Email == key })
	}
	row := find()
	if row < 0 {
		t.search.SetText("")
		for _, s := range []*widget.Select{t.team, t.dept, t.level, t.role} {
			s.SetSelected(s.Options[0])
		}
		t.apply()
		row = find()
	}
	if row < 0 {
		return false
	}
	t.table.Select(widget.TableCellID{Row: row, Col: 0})
	t.table.ScrollTo(widget.TableCellID{Row: row, Col: 0})
	return true
}

// apply filters and sorts all into shown and refreshes the table.
func (t *peopleTable) apply() {
	q := strings.ToLower(strings.TrimSpace(t.search.Text))
	t.shown = t.shown[:0]
	for _, p := range t.all {
		if t.matches(p, q) {
			t.shown = append(t.shown, p)
		}
	}
	less := columns[t.sortCol].less
	slices.SortStableFunc(t.shown, func(a, b *graph.PersonResult) int {
		c := less(a, b)
		if t.desc {
			c = -c
		}
		if c == 0 {
			c = strings.Compare(a.Person.Name, b.Person.Name)
		}
		return c
	})
	t.table.UnselectAll()
	t.table.Refresh()
	t.count.SetText(fmt.Sprintf("%d of %d", len(t.shown), len(t.all)))
}

func (t *peopleTable) matches(p *graph.PersonResult, q string) bool {
	if team := t.team.Selected; team != "" && team != allTeams && p.Person.Team != team {
		return false
	}
	if dept := t.dept.Selected; dept != "" && dept != allDepts && p.Person.Department != dept {
		return false
	}
	switch level := t.level.Selected; level {
	case "", allLevels:
	case seniorLevels:
		if !t.view.senior(p.Person.Level) {
			return false
		}
	default:
		if p.Person.Level != level {
			return false
		}
	}
	switch role := t.role.Selected; role {
	case "", allRoles:
	case "no role":
		if len(p.Roles) > 0 {
			return false
		}
	default:
		if !hasRole(p, graph.Role(role)) {
			return false
		}
	}
	if q == "" {
		return true
	}
	hay := strings.ToLower(p.Person.Name + " " + p.Person.Email + " " + p.Person.Team + " " + p.Person.Title + " " + roleText(p))
	return strings.Contains(hay, q)
}

func (t *peopleTable) rows() int { return len(t.shown) }

// shownKeys are the emails of the people the filters show, in table order.
func (t *peopleTable) shownKeys() []string {
	keys := make([]string, len(t.shown))
	for i, p := range t.shown {
		keys[i] = p.Person.Email
	}
	return keys
}
