package workspace

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/multiplier/multiplier/graph"
)

// Report is the analysis in the shape of the `analyze --json` contract
// (PRODUCT.md): the period, and every roster person once, keyed by the
// roster's lower-case email, with roles, scores and evidence.
type Report struct {
	Period ReportPeriod `json:"period"`
	// Previous is the period the trend compares with; absent when the
	// workspace holds nothing before Period.
	Previous *ReportPeriod  `json:"previous_period,omitempty"`
	People   []ReportPerson `json:"people"`
}

// ReportPeriod is the analysed period as two inclusive dates.
type ReportPeriod struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// ReportPerson is one person of the contract. Roles and Evidence are
// never null.
type ReportPerson struct {
	Email    string             `json:"email"`
	Name     string             `json:"name"`
	Team     string             `json:"team"`
	Level    string             `json:"level"`
	Roles    []string           `json:"roles"`
	Scores   map[string]float64 `json:"scores"`
	Evidence []string           `json:"evidence"`
	// Coverage counts the records of each source that name the person;
	// Confidence grades the data behind the roles (see graph.confidenceOf).
	Coverage   map[string]int   `json:"coverage"`
	Confidence ReportConfidence `json:"confidence"`
	// Trend is this period's score minus the previous period's, for the
	// scores in trendScores; PreviousRoles the roles then. Both absent
	// without a previous period.
	Trend         map[string]float64 `json:"trend,omitempty"`
	PreviousRoles []string           `json:"previous_roles,omitempty"`
}

// trendScores are the scores a trend compares.
var trendScores = []string{"reviews_given", "cross_team_share", "teams_helped", "median_turnaround_hours",
	"waiting_hours", "threads_answered", "betweenness", "pagerank"}

// ReportConfidence is a level ("high", "medium", "low") and its reason.
type ReportConfidence struct {
	Level string `json:"level"`
	Note  string `json:"note"`
}

// NewReport turns an analysis into the contract's shape; prev, when not
// nil, is the previous period's analysis for the trend.
func NewReport(res, prev *graph.Result) Report {
	r := Report{
		Period: ReportPeriod{From: day(res.Period.From), To: day(res.Period.To)},
		People: make([]ReportPerson, 0, len(res.People)),
	}
	for _, p := range res.People {
		rp := ReportPerson{
			Email: p.Person.Email, Name: p.Person.Name, Team: p.Person.Team, Level: p.Person.Level,
			Roles: []string{}, Scores: p.Metrics.Scores(), Evidence: []string{},
			Coverage: map[string]int{"reviews": p.Coverage.Reviews, "chat": p.Coverage.Chat,
				"meetings": p.Coverage.Meetings, "other": p.Coverage.Other},
			Confidence: ReportConfidence{Level: p.Confidence, Note: p.ConfidenceNote},
		}
		for _, role := range p.Roles {
			rp.Roles = append(rp.Roles, string(role))
		}
		for _, e := range p.Evidence {
			rp.Evidence = append(rp.Evidence, e.Text)
		}
		r.People = append(r.People, rp)
	}
	if prev != nil {
		addTrend(&r, prev)
	}
	return r
}

// addTrend fills the previous period and each person's trend from prev.
func addTrend(r *Report, prev *graph.Result) {
	r.Previous = &ReportPeriod{From: day(prev.Period.From), To: day(prev.Period.To)}
	before := make(map[string]*graph.PersonResult, len(prev.People))
	for i := range prev.People {
		before[prev.People[i].Person.Email] = &prev.People[i]
	}
	for i := range r.People {
		p := &r.People[i]
		b, ok := before[p.Email]
		if !ok {
			continue
		}
		old := b.Metrics.Scores()
		p.Trend = make(map[string]float64, len(trendScores))
		for _, k := range trendScores {
			p.Trend[k] = math.Round((p.Scores[k]-old[k])*1e6) / 1e6
		}
		p.PreviousRoles = []string{}
		for _, role := range b.Roles {
			p.PreviousRoles = append(p.PreviousRoles, string(role))
		}
	}
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// WriteJSON writes the analysis as the contract's JSON, indented; prev
// may be nil (no trend).
func WriteJSON(w io.Writer, res, prev *graph.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(NewReport(res, prev)); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
