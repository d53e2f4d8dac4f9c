package workspace

import (
	"context"
	"slices"

	"github.com/multiplier/multiplier/graph"
	"github.com/multiplier/multiplier/graph/layout"
)

// Point is a person's place on the network map, in [0, 1] × [0, 1].
type Point = layout.Point

// Layout lays out the network map of res: every roster person, pulled
// together by their ties on the help graph (Result.Edges between roster
// people) and toward their team. It depends only on res, so the desktop
// map and the exported chart of the same analysis are the same drawing.
// progress may be nil. The map is keyed by roster email.
func Layout(ctx context.Context, res *graph.Result, progress func(Progress)) (map[string]Point, error) {
	keys, g := layoutGraph(res)
	pts, err := layout.Force(ctx, g, layout.Options{}, func(done, total int) {
		if progress != nil {
			progress(Progress{Stage: "lay out the map", Done: int64(done), Total: int64(total)})
		}
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string]Point, len(keys))
	for i, k := range keys {
		out[k] = pts[i]
	}
	return out, nil
}

// layoutGraph numbers the roster people in email order, with their team
// index as the group.
func layoutGraph(res *graph.Result) ([]string, layout.Graph) {
	team := map[string]string{}
	for _, p := range res.People {
		if _, dup := team[p.Person.Email]; !dup {
			team[p.Person.Email] = p.Person.Team
		}
	}
	keys := make([]string, 0, len(team))
	for k := range team {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var teams []string
	for _, t := range team {
		if t != "" && !slices.Contains(teams, t) {
			teams = append(teams, t)
		}
	}
	slices.Sort(teams)
	index := make(map[string]int, len(keys))
	g := layout.Graph{N: len(keys), Group: make([]int, len(keys))}
	for i, k := range keys {
		index[k] = i
		g.Group[i] = slices.Index(teams, team[k])
	}
	for _, e := range res.Edges {
		a, okA := index[e.From]
		b, okB := index[e.To]
		if okA && okB && a != b {
			g.Edges = append(g.Edges, layout.Edge{A: a, B: b, W: e.Weight})
		}
	}
	return keys, g
}
