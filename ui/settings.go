package ui

import (
	"encoding/json"
	"fmt"
	"log"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/multiplier/multiplier/graph"
)

// viewSettings are the settings of what the screens show, beside the
// analysis settings.
type viewSettings struct {
	// SeniorLevels are the roster levels that count as senior, compared
	// case-insensitively; empty means everyone is in scope.
	SeniorLevels []string
	// MinGroupSize: teams with fewer people are not shown as aggregates
	// (the flows heatmap, team medians), so no one can be singled out
	// through a team total.
	MinGroupSize int
}

func defaultView() viewSettings { return viewSettings{MinGroupSize: 5} }

// senior reports whether level is in scope.
func (v viewSettings) senior(level string) bool {
	if len(v.SeniorLevels) == 0 {
		return true
	}
	return slices.ContainsFunc(v.SeniorLevels, func(l string) bool { return strings.EqualFold(l, strings.TrimSpace(level)) })
}

// Preference keys.
const (
	prefSettings = "analysis.settings"
	prefView     = "view.settings"
)

// loadSettings reads the saved settings, falling back to the defaults for
// anything missing or no longer valid.
func loadSettings(p fyne.Preferences) (graph.Settings, viewSettings) {
	s, v := graph.DefaultSettings(), defaultView()
	if raw := p.String(prefSettings); raw != "" {
		saved := graph.DefaultSettings()
		if err := json.Unmarshal([]byte(raw), &saved); err == nil && saved.Validate() == nil {
			s = saved
		} else {
			log.Printf("saved analysis settings ignored: %v", err)
		}
	}
	if raw := p.String(prefView); raw != "" {
		saved := defaultView()
		if err := json.Unmarshal([]byte(raw), &saved); err == nil && saved.MinGroupSize >= 1 {
			v = saved
		}
	}
	return s, v
}

func saveSettings(p fyne.Preferences, s graph.Settings, v viewSettings) {
	if b, err := json.Marshal(s); err == nil {
		p.SetString(prefSettings, string(b))
	}
	if b, err := json.Marshal(v); err == nil {
		p.SetString(prefView, string(b))
	}
}

// setting is one number on the settings screen.
type setting struct {
	group, label, help string
	integer            bool
	get                func(*graph.Settings) float64
	set                func(*graph.Settings, float64)
}

func floatSetting(group, label, help string, f func(*graph.Settings) *float64) setting {
	return setting{group: group, label: label, help: help,
		get: func(s *graph.Settings) float64 { return *f(s) },
		set: func(s *graph.Settings, x float64) { *f(s) = x }}
}

func intSetting(group, label, help string, f func(*graph.Settings) *int) setting {
	return setting{group: group, label: label, help: help, integer: true,
		get: func(s *graph.Settings) float64 { return float64(*f(s)) },
		set: func(s *graph.Settings, x float64) { *f(s) = int(x) }}
}

const (
	groupChannels = "Channel weights (a review is 1)"
	groupRoles    = "Role thresholds"
)

var settingsList = []setting{
	floatSetting(groupChannels, "Review comment", "added per comment, up to the cap", func(s *graph.Settings) *float64 { return &s.CommentWeight }),
	floatSetting(groupChannels, "Chat thread reply", "", func(s *graph.Settings) *float64 { return &s.ThreadWeight }),
	floatSetting(groupChannels, "Chat mention", "", func(s *graph.Settings) *float64 { return &s.MentionWeight }),
	floatSetting(groupChannels, "Meeting hour", "split over the others present", func(s *graph.Settings) *float64 { return &s.MeetingWeight }),
	floatSetting(groupChannels, "Other interactions", "generic sheets: pairing, mentoring", func(s *graph.Settings) *float64 { return &s.OtherWeight }),
	intSetting(groupChannels, "Largest meeting with a tie", "people; bigger meetings tie no one", func(s *graph.Settings) *int { return &s.MaxMeetingSize }),
	intSetting(groupRoles, "Active reviewer: reviews at least", "", func(s *graph.Settings) *int { return &s.MinReviews }),
	intSetting(groupRoles, "Multiplier: other teams helped", "each with enough reviews", func(s *graph.Settings) *int { return &s.MinTeamsHelped }),
	floatSetting(groupRoles, "Multiplier: cross-team share", "0–1", func(s *graph.Settings) *float64 { return &s.MinCrossTeamShare }),
	floatSetting(groupRoles, "Multiplier: cross-team volume", "× the median reviewer's load", func(s *graph.Settings) *float64 { return &s.CrossTeamVolume }),
	floatSetting(groupRoles, "Slow: turnaround", "× the organisation's median", func(s *graph.Settings) *float64 { return &s.SlowFactor }),
	floatSetting(groupRoles, "Slow: at least", "hours", func(s *graph.Settings) *float64 { return &s.MinSlowHours }),
	floatSetting(groupRoles, "Bottleneck: repository share", "0–1", func(s *graph.Settings) *float64 { return &s.GatekeeperShare }),
	floatSetting(groupRoles, "Bottleneck: team coverage", "0–1", func(s *graph.Settings) *float64 { return &s.TeamCoverage }),
	floatSetting(groupRoles, "Solo: output", "× the median author", func(s *graph.Settings) *float64 { return &s.SoloOutputFactor }),
	floatSetting(groupRoles, "Connector: betweenness percentile", "0–1", func(s *graph.Settings) *float64 { return &s.ConnectorPercentile }),
	intSetting(groupRoles, "Peripheral: ties at most", "people", func(s *graph.Settings) *int { return &s.PeripheralPartners }),
}

// settingsForm is the settings screen's widgets.
type settingsForm struct {
	entries []*widget.Entry
	senior  *widget.Entry
	group   *widget.Entry
	errLine *widget.Label
}

func newSettingsForm(s graph.Settings, v viewSettings) *settingsForm {
	f := &settingsForm{senior: widget.NewEntry(), group: widget.NewEntry(), errLine: widget.NewLabel("")}
	f.errLine.Importance = widget.DangerImportance
	f.errLine.Wrapping = fyne.TextWrapWord
	for range settingsList {
		f.entries = append(f.entries, widget.NewEntry())
	}
	f.fill(s, v)
	return f
}

func (f *settingsForm) fill(s graph.Settings, v viewSettings) {
	for i, st := range settingsList {
		f.entries[i].SetText(strconv.FormatFloat(st.get(&s), 'f', -1, 64))
	}
	f.senior.SetText(strings.Join(v.SeniorLevels, ", "))
	f.senior.SetPlaceHolder("all levels, e.g. L5, L6, Staff")
	f.group.SetText(strconv.Itoa(v.MinGroupSize))
}

// read parses the form; the error names the field.
func (f *settingsForm) read() (graph.Settings, viewSettings, error) {
	s := graph.DefaultSettings()
	for i, st := range settingsList {
		x, err := strconv.ParseFloat(strings.TrimSpace(f.entries[i].Text), 64)
		if err != nil || (st.integer && x != float64(int(x))) {
			return s, viewSettings{}, fmt.Errorf("%s: %q is not a %s", st.label, f.entries[i].Text, map[bool]string{true: "whole number", false: "number"}[st.integer])
		}
		st.set(&s, x)
	}
	if err := s.Validate(); err != nil {
		return s, viewSettings{}, err
	}
	v := viewSettings{}
	for _, l := range strings.Split(f.senior.Text, ",") {
		if l = strings.TrimSpace(l); l != "" {
			v.SeniorLevels = append(v.SeniorLevels, l)
		}
	}
	n, err := strconv.Atoi(strings.TrimSpace(f.group.Text))
	if err != nil || n < 1 {
		return s, v, fmt.Errorf("minimum group size: %q is not a whole number of at least 1", f.group.Text)
	}
	v.MinGroupSize = n
	return s, v, nil
}

func (f *settingsForm) content() fyne.CanvasObject {
	groups := map[string]*widget.Form{groupChannels: widget.NewForm(), groupRoles: widget.NewForm()}
	for i, st := range settingsList {
		item := widget.NewFormItem(st.label, f.entries[i])
		item.HintText = st.help
		groups[st.group].AppendItem(item)
	}
	scope := widget.NewForm(
		&widget.FormItem{Text: "Senior levels", Widget: f.senior, HintText: "comma-separated; the overview and filters count only these"},
		&widget.FormItem{Text: "Minimum group size", Widget: f.group, HintText: "smaller teams are hidden in team aggregates"},
	)
	card := func(title string, o fyne.CanvasObject) fyne.CanvasObject { return widget.NewCard(title, "", o) }
	left := container.NewVBox(card(groupChannels, groups[groupChannels]), card("Scope and privacy", scope))
	right := card(groupRoles, groups[groupRoles])
	return container.NewBorder(nil, f.errLine, nil, nil, container.NewGridWithColumns(2, left, right))
}

// showSettings opens the settings; Apply saves them and analyses again in
// the background.
func (m *mainScreen) showSettings() {
	m.mu.Lock()
	s, v := m.settings, m.view
	m.mu.Unlock()
	f := newSettingsForm(s, v)
	var d *dialog.CustomDialog
	apply := widget.NewButton("Apply and recompute", func() {
		s, v, err := f.read()
		if err != nil {
			f.errLine.SetText(err.Error())
			return
		}
		d.Hide()
		m.applySettings(s, v)
	})
	apply.Importance = widget.HighImportance
	reset := widget.NewButton("Defaults", func() { f.fill(graph.DefaultSettings(), defaultView()) })
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons("Settings", container.NewVScroll(f.content()), m.win)
	d.SetButtons([]fyne.CanvasObject{reset, cancel, apply})
	d.Show()
	d.Resize(fyne.NewSize(1060, 700))
}

func (m *mainScreen) applySettings(s graph.Settings, v viewSettings) {
	m.mu.Lock()
	m.settings, m.view = s, v
	m.mu.Unlock()
	saveSettings(m.app.Preferences(), s, v)
	m.analyse()
}
