package ui

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/internal/orggen"
	"github.com/multiplier/multiplier/workspace"
)

// newTestScreen opens a real workspace holding a generated organisation,
// builds the main screen in a test window and waits for its first analysis.
func newTestScreen(t *testing.T) (*mainScreen, *orggen.Org, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	dir := t.TempDir()
	o := orggen.Generate(orggen.DefaultConfig())
	ws, err := workspace.Open(filepath.Join(dir, "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	for name, write := range map[string]func(*bytes.Buffer) error{
		"roster.xlsx":  func(b *bytes.Buffer) error { return o.WriteRosterXLSX(b) },
		"reviews.xlsx": func(b *bytes.Buffer) error { return o.WriteReviewsXLSX(b) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ws.Import(context.Background(), path, nil); err != nil {
			t.Fatal(err)
		}
	}
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1400, 860))
	return analysed(t, a, w, ws), o, w
}

// analysed builds the main screen for ws in w and waits for its first
// analysis to be shown.
func analysed(t *testing.T, a fyne.App, w fyne.Window, ws *workspace.Workspace) *mainScreen {
	t.Helper()
	m := newMain(a, w, ws)
	w.SetContent(m.content)
	m.mu.Lock()
	done := m.analysed
	m.mu.Unlock()
	m.analyse()
	wait(t, done)
	waitIdle(t, m)
	return m
}

func wait(t *testing.T, done chan struct{}) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("analysis did not finish")
	}
}

// waitIdle waits until no background work is queued or running, and for
// the last widget update to finish, so the test may read widgets.
func waitIdle(t *testing.T, m *mainScreen) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		m.work.mu.Lock()
		busy := m.work.pending > 0
		m.work.mu.Unlock()
		if !busy {
			do(func() {}) // waits for the update in flight: do takes doMu
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("background work did not finish")
}

func cellText(m *mainScreen, row, col int) string {
	return columns[col].text(m.people.shown[row])
}

func TestTableShowsEveryoneRolesFirst(t *testing.T) {
	m, o, _ := newTestScreen(t)
	if got := m.people.rows(); got != len(o.People) {
		t.Fatalf("table has %d rows, roster has %d people", got, len(o.People))
	}
	// Sorted by role first: the first row has a role, the last has none.
	if first := m.people.shown[0]; len(first.Roles) == 0 {
		t.Errorf("first row %s has no role", first.Person.Name)
	}
	if last := m.people.shown[m.people.rows()-1]; len(last.Roles) != 0 {
		t.Errorf("last row %s has roles %v", last.Person.Name, last.Roles)
	}
	if !strings.Contains(m.status.Text, "multipliers") || !strings.Contains(m.status.Text, "2026-04-01") {
		t.Errorf("status line %q", m.status.Text)
	}
}

func TestTapHeaderSorts(t *testing.T) {
	m, _, _ := newTestScreen(t)
	reviews := 4
	m.people.sortBy(reviews) // a number column sorts largest first
	given := func(i int) int { return m.people.shown[i].Metrics.ReviewsGiven }
	for i := 1; i < m.people.rows(); i++ {
		if given(i) > given(i-1) {
			t.Fatalf("row %d gave %d reviews, more than row %d's %d", i, given(i), i-1, given(i-1))
		}
	}
	m.people.sortBy(reviews) // a second tap reverses
	if given(0) > given(m.people.rows()-1) {
		t.Fatal("second tap did not reverse the order")
	}
	// The header buttons are what the user taps.
	hdr := m.people.table.CreateHeader().(*widget.Button)
	m.people.updateHeader(widget.TableCellID{Row: -1, Col: 0}, hdr)
	test.Tap(hdr)
	names := make([]string, m.people.rows())
	for i := range names {
		names[i] = strings.ToLower(cellText(m, i, 0))
	}
	if !slices.IsSorted(names) {
		t.Fatal("tapping the Name header did not sort by name")
	}
}

func TestFilterAndSearch(t *testing.T) {
	m, o, _ := newTestScreen(t)
	m.people.role.SetSelected(string(graph.RoleMultiplier))
	if m.people.rows() == 0 {
		t.Fatal("no multipliers shown")
	}
	for _, p := range m.people.shown {
		if !hasRole(p, graph.RoleMultiplier) {
			t.Fatalf("%s shown under the multiplier filter", p.Person.Name)
		}
	}
	m.people.role.SetSelected(allRoles)
	target := o.People[5]
	test.Type(m.people.search, target.Email)
	if m.people.rows() != 1 || m.people.shown[0].Person.Email != target.Email {
		t.Fatalf("search for %s shows %d rows", target.Email, m.people.rows())
	}
	m.people.search.SetText("")
	m.people.team.SetSelected(target.Team)
	for _, p := range m.people.shown {
		if p.Person.Team != target.Team {
			t.Fatalf("%s of %s shown under team %s", p.Person.Name, p.Person.Team, target.Team)
		}
	}
}

func TestSelectShowsEvidence(t *testing.T) {
	m, _, _ := newTestScreen(t)
	m.people.table.Select(widget.TableCellID{Row: 0, Col: 0})
	p := m.people.shown[0]
	if m.person.name.Text != p.Person.Name {
		t.Fatalf("person pane shows %q, want %q", m.person.name.Text, p.Person.Name)
	}
	text := richText(m.person.evidence)
	for _, e := range p.Evidence {
		if !strings.Contains(text, e.Text) {
			t.Errorf("evidence %q not shown", e.Text)
		}
	}
	if !strings.Contains(text, roleTitle(p.Roles[0])) {
		t.Errorf("role heading %q not shown in %q", roleTitle(p.Roles[0]), text)
	}
}

func richText(r *widget.RichText) string {
	var b strings.Builder
	var walk func([]widget.RichTextSegment)
	walk = func(segs []widget.RichTextSegment) {
		for _, s := range segs {
			switch s := s.(type) {
			case *widget.ListSegment:
				walk(s.Items)
			default:
				b.WriteString(s.Textual())
				b.WriteString("\n")
			}
		}
	}
	walk(r.Segments)
	return b.String()
}

func TestImportReportsAndErrors(t *testing.T) {
	m, _, w := newTestScreen(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "notes.csv")
	if err := os.WriteFile(bad, []byte("Meeting,Notes\nstandup,fine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m.importPaths([]string{bad})
	waitIdle(t, m)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog after a rejected import")
	}
	if !strings.Contains(overlayText(top), "notes.csv") {
		t.Errorf("dialog does not name the rejected file: %q", overlayText(top))
	}
}

func TestShowError(t *testing.T) {
	m, _, w := newTestScreen(t)
	m.showError(nil) // nothing to show, and no panic
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("a nil error opened a dialog")
	}
	m.showError(errors.New("reviews.xlsx, sheet Reviews, row 12, column 'Reviewer': missing value"))
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(overlayText(top), "row 12") {
		t.Fatal("the error dialog does not show the error")
	}
}

// overlayText collects the text of every label and rich text in o.
func overlayText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			b.WriteString(o.Text + "\n")
		case *widget.RichText:
			b.WriteString(richText(o))
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case fyne.Widget:
			r := test.WidgetRenderer(o)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func TestPeriodNarrowsAnalysis(t *testing.T) {
	m, _, _ := newTestScreen(t)
	if m.periods.from.Text != "2026-04-01" {
		t.Fatalf("period entry shows %q, want the data's first day", m.periods.from.Text)
	}
	before := m.result.Org.Reviews
	m.periods.from.SetText("2026-07-01")
	m.mu.Lock()
	done := m.analysed
	m.mu.Unlock()
	test.Tap(m.periods.apply)
	wait(t, done)
	waitIdle(t, m)
	if got := m.result.Period.String(); !strings.HasPrefix(got, "2026-07-01") {
		t.Fatalf("analysed %s, want from 2026-07-01", got)
	}
	if m.result.Org.Reviews >= before {
		t.Fatalf("a quarter has %d reviews, the half-year %d", m.result.Org.Reviews, before)
	}
	m.periods.to.SetText("July")
	test.Tap(m.periods.apply)
	if m.periods.apply.Text != "Use YYYY-MM-DD" {
		t.Errorf("a bad date gives button text %q", m.periods.apply.Text)
	}
}

func TestEmptyWorkspaceSaysWhatToDo(t *testing.T) {
	a := test.NewTempApp(t)
	ws, err := workspace.Open(filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	m := analysed(t, a, test.NewTempWindow(t, nil), ws)
	if !m.empty.Visible() || !strings.Contains(m.empty.Text, "Import") {
		t.Fatalf("empty workspace hint visible=%v %q", m.empty.Visible(), m.empty.Text)
	}
}

func TestQuarterPicker(t *testing.T) {
	m, _, _ := newTestScreen(t)
	opts := m.periods.quarter.Options
	if !slices.Equal(opts, []string{customPeriod, "2026 Q2", "2026 Q3"}) {
		t.Fatalf("quarter options %v, want Custom and the data's two quarters", opts)
	}
	m.mu.Lock()
	done := m.analysed
	m.mu.Unlock()
	// The select's own callback, as a tap on "2026 Q3" runs it. (Not
	// SetSelected: Fyne's test driver renders the select on this
	// goroutine while the analysis it starts updates widgets on another.)
	m.periods.quarter.OnChanged("2026 Q3")
	wait(t, done)
	waitIdle(t, m)
	if got := m.result.Period.String(); got != "2026-07-01 – 2026-09-30" {
		t.Fatalf("analysed %s after picking 2026 Q3", got)
	}
}
