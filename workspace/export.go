package workspace

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/export"
	"github.com/multiplier/multiplier/graph"
)

// ErrForeignFolder is returned by Export for a folder that holds files
// Multiplier did not write; it writes nothing there (export.ErrForeignFolder).
var ErrForeignFolder = export.ErrForeignFolder

// ExportOptions choose what Export writes.
type ExportOptions struct {
	// Formats lists png, svg, pdf, xlsx and csv; nil means all.
	Formats []string
	// Anonymize writes pseudonyms ("Engineer 017", kept in the workspace
	// so they stay the same in every export) instead of names and
	// emails, and hides team aggregates under MinGroupSize people.
	// PseudonymTeams also replaces team names.
	Anonymize, PseudonymTeams bool
	// MinGroupSize is the smallest team whose aggregates the anonymised
	// variant shows; 0 means export's default.
	MinGroupSize int
	// People, when not nil, are the emails that get a person page and a
	// trend chart; nil means everyone.
	People []string
}

// Export analyses period p (the whole span when zero) with settings s and
// writes the calibration files into dir: charts, person PDFs, the
// workbook and the people CSV (see export.Write). It returns the files
// written. The network map uses Layout, so it is the drawing the desktop
// app shows. progress may be nil; ctx cancels between files.
func (w *Workspace) Export(ctx context.Context, dir string, p multiplier.Period, s graph.Settings, opt ExportOptions, progress func(Progress)) ([]string, error) {
	res, err := w.Analyze(ctx, p, s, progress)
	if err != nil {
		return nil, err
	}
	quarters, err := w.AnalyzeQuarters(ctx, res.Period, s, progress)
	if err != nil {
		return nil, err
	}
	pos, err := Layout(ctx, res, progress)
	if err != nil {
		return nil, err
	}
	r := BuildReport(res, quarters, pos)
	r.Title = "Multiplier — " + strings.TrimSuffix(filepath.Base(w.Path()), filepath.Ext(w.Path()))
	r.MinGroupSize = opt.MinGroupSize
	eo := export.Options{Formats: opt.Formats, Anonymize: opt.Anonymize, PseudonymTeams: opt.PseudonymTeams}
	if opt.Anonymize {
		r.Title = "Multiplier — calibration pack"
		emails := make([]string, len(r.People))
		for i, person := range r.People {
			emails[i] = person.Email
		}
		numbers, err := w.st.Pseudonyms(ctx, emails)
		if err != nil {
			return nil, err
		}
		width := max(3, len(fmt.Sprint(slices.Max(append(mapValues(numbers), 0)))))
		eo.Pseudonyms = func(email string) string {
			return fmt.Sprintf("Engineer %0*d", width, numbers[strings.ToLower(email)])
		}
	}
	if opt.People != nil {
		eo.People = []int{}
		for i, person := range r.People {
			if slices.Contains(opt.People, person.Email) {
				eo.People = append(eo.People, i)
			}
		}
	}
	files, err := export.Write(ctx, dir, r, eo, func(done, total int) {
		if progress != nil {
			progress(Progress{Stage: "export", Done: int64(done), Total: int64(total)})
		}
	})
	if err != nil {
		return files, fmt.Errorf("export to %s: %w", dir, err)
	}
	return files, nil
}

func mapValues(m map[string]int) []int {
	out := make([]int, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// MetricInfo names one key metric of the person page and the exports: a
// key of graph.Metrics.Scores, a label and a unit ("%" for fractions
// shown as percentages).
type MetricInfo struct {
	Key, Label, Unit string
}

// KeyMetrics are the numbers a person page and a person PDF show against
// the team and organisation medians, in display order.
var KeyMetrics = []MetricInfo{
	{"reviews_given", "Reviews given", "reviews"},
	{"cross_team_share", "Share to other teams", "%"},
	{"teams_helped", "Other teams helped", "teams"},
	{"median_turnaround_hours", "Median turnaround", "hours"},
	{"waiting_hours", "Review waiting caused", "hours"},
	{"max_queue", "Most reviews pending at once", "reviews"},
	{"changes_authored", "Changes authored", "changes"},
	{"threads_answered", "Chat threads answered", "threads"},
	{"meeting_hours_per_week", "Meeting hours a week", "hours"},
	{"betweenness", "Betweenness", "score"},
	{"constraint", "Constraint (low = broker)", "score"},
	{"pagerank", "PageRank", "score"},
}

// unknown reports whether a score is a "not known" placeholder: a
// turnaround without request times, a constraint without ties.
func unknown(key string, v float64) bool {
	switch key {
	case "median_turnaround_hours", "turnaround_vs_org", "turnaround_vs_team", "constraint", "effective_size":
		return v < 0
	}
	return false
}

// BuildReport turns an analysis, its quarters and the map layout into
// what export draws. Title and MinGroupSize are left for the caller.
func BuildReport(res *graph.Result, quarters []QuarterResult, pos map[string]Point) export.Report {
	r := export.Report{Period: res.Period.String(),
		OutputLabel:   "Own output (changes authored and reviewed)",
		LeverageLabel: "Leverage (help given; help to other teams counts double)"}
	index := map[string]int{}
	org := res.Medians("")
	teamMedians := map[string]map[string]float64{}
	for _, pr := range res.People {
		if _, dup := index[pr.Person.Email]; dup {
			continue
		}
		index[pr.Person.Email] = len(r.People)
		if _, ok := teamMedians[pr.Person.Team]; !ok && pr.Person.Team != "" {
			teamMedians[pr.Person.Team] = res.Medians(pr.Person.Team)
		}
		r.People = append(r.People, exportPerson(pr, org, teamMedians[pr.Person.Team], quarters, pos))
	}
	f := res.TeamFlows()
	r.Flows = export.Flows{Teams: f.Teams, Weight: f.Weight, Unit: "weighted help (a review = 1)"}
	for _, e := range res.Edges {
		a, okA := index[e.From]
		b, okB := index[e.To]
		if okA && okB && a != b {
			r.Edges = append(r.Edges, export.Edge{From: a, To: b, Weight: e.Weight})
		}
	}
	return r
}

func exportPerson(pr graph.PersonResult, org, team map[string]float64, quarters []QuarterResult, pos map[string]Point) export.Person {
	p := pr.Person
	out := export.Person{Email: p.Email, Name: p.Name, Team: p.Team, Department: p.Department, Level: p.Level, Title: p.Title,
		Confidence: pr.Confidence, ConfidenceNote: pr.ConfidenceNote,
		Coverage: fmt.Sprintf("reviews %d · chat %d · meetings %d", pr.Coverage.Reviews, pr.Coverage.Chat, pr.Coverage.Meetings),
		Output:   Output(pr), Leverage: Leverage(pr), X: 0.5, Y: 0.5}
	for _, a := range []string{p.GitHub, p.SlackID, strings.SplitN(p.Email, "@", 2)[0]} {
		if a != "" {
			out.Aliases = append(out.Aliases, a)
		}
	}
	for _, role := range pr.Roles {
		out.Roles = append(out.Roles, string(role))
	}
	for _, e := range pr.Evidence {
		out.Evidence = append(out.Evidence, export.Evidence{Role: string(e.Role), Text: e.Text})
	}
	scores := pr.Metrics.Scores()
	nan := math.NaN()
	for _, k := range KeyMetrics {
		m := export.Metric{Key: k.Key, Label: k.Label, Unit: k.Unit, Value: scores[k.Key], TeamMedian: nan, OrgMedian: nan}
		if unknown(k.Key, m.Value) {
			m.Value = nan
		}
		if v, ok := team[k.Key]; ok {
			m.TeamMedian = v
		}
		if v, ok := org[k.Key]; ok {
			m.OrgMedian = v
		}
		out.Metrics = append(out.Metrics, m)
	}
	if pt, ok := pos[p.Email]; ok {
		out.X, out.Y = pt.X, pt.Y
	}
	for _, q := range quarters {
		for _, qp := range q.Result.People {
			if qp.Person.Email == p.Email {
				out.Trend = append(out.Trend, export.TrendPoint{Label: q.Label, Values: qp.Metrics.Scores()})
				break
			}
		}
	}
	return out
}
