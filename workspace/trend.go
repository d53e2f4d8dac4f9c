package workspace

import (
	"context"
	"fmt"

	"github.com/multiplier/multiplier"
	"github.com/multiplier/multiplier/graph"
)

// QuarterResult is the analysis of one calendar quarter.
type QuarterResult struct {
	Label  string // "2026 Q3"
	Result *graph.Result
}

// MaxQuarters is the most quarters AnalyzeQuarters analyses: the latest
// ones of the span.
const MaxQuarters = 8

// AnalyzeQuarters analyses each calendar quarter that span touches (the
// last MaxQuarters of them), oldest first, for a quarter-over-quarter
// trend per person. Quarters without any interaction are left out.
// progress may be nil; its Stage names the quarter.
func (w *Workspace) AnalyzeQuarters(ctx context.Context, span multiplier.Period, s graph.Settings, progress func(Progress)) ([]QuarterResult, error) {
	qs := Quarters(span)
	if len(qs) > MaxQuarters {
		qs = qs[len(qs)-MaxQuarters:]
	}
	var out []QuarterResult
	for i, q := range qs {
		ins, err := w.st.Interactions(ctx, q.Period)
		if err != nil {
			return nil, err
		}
		if len(ins) == 0 {
			continue
		}
		step := func(p Progress) {
			if progress != nil {
				progress(Progress{Stage: fmt.Sprintf("analyse %s (%d of %d)", q.Label, i+1, len(qs)), Done: p.Done, Total: p.Total})
			}
		}
		res, err := w.Analyze(ctx, q.Period, s, step)
		if err != nil {
			return nil, err
		}
		out = append(out, QuarterResult{Label: q.Label, Result: res})
	}
	return out, nil
}

// LabelledPeriod is a period with a name for people.
type LabelledPeriod struct {
	Label  string
	Period multiplier.Period
}

// Quarters lists the calendar quarters that p touches, oldest first, as
// "2026 Q2"; none when p is open on either side.
func Quarters(p multiplier.Period) []LabelledPeriod {
	if p.From.IsZero() || p.To.IsZero() {
		return nil
	}
	var out []LabelledPeriod
	for y, q := p.From.Year(), int(p.From.Month()-1)/3+1; ; {
		qp := multiplier.Quarter(y, q)
		if qp.From.After(p.To) {
			break
		}
		out = append(out, LabelledPeriod{Label: fmt.Sprintf("%d Q%d", y, q), Period: qp})
		if q++; q > 4 {
			y, q = y+1, 1
		}
	}
	return out
}
