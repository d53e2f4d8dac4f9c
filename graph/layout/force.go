package layout

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
)

// Graph is what Force lays out: N nodes with ids 0..N-1 and undirected
// edges between them.
type Graph struct {
	// N is the number of nodes, ≥ 0.
	N int
	// Edges pull their ends together in proportion to W. A directed
	// graph can be passed as it is: A→B and B→A add up. Edges with
	// A == B, or whose W is not a finite number > 0, carry no pull.
	Edges []Edge
	// Group is nil or has one entry per node: the node's group (a team
	// index, any value ≥ 0), or −1 (any negative value) for none. Nodes
	// of one group start together and are pulled toward the group's
	// centroid.
	Group []int
}

// Edge is an undirected tie between nodes A and B of weight W.
type Edge struct {
	A, B int
	W    float64
}

// Point is a node's position.
type Point struct{ X, Y float64 }

// Options tune Force. The zero Options gives the defaults; a field left
// at zero takes its default.
type Options struct {
	// Iterations is the number of force steps. Default 200: from the
	// grouped start, teams are as compact after 100–150 steps as after
	// 600 on a synthetic organisation of 2 000 or 10 000 people.
	Iterations int
	// Theta is the Barnes–Hut opening criterion: a quadtree cell of side
	// s whose centre of mass is at distance d from a node, the node
	// outside it, acts as one body when s/d < Theta. Larger is faster
	// and coarser. Default 0.9.
	Theta float64
	// Gravity is the stiffness of a spring pulling every node toward the
	// centre of the drawing. It keeps separate components in view.
	// Default 1.
	Gravity float64
	// GroupPull is the weight of a virtual edge from each node to its
	// group's centroid (an attraction GroupPull·d²/k, as for an edge).
	// Default 1; to turn it off, give no groups.
	GroupPull float64
	// Seed picks the random start inside each group's disc. Default 1.
	Seed uint64
	// Start, when not nil, has one finite position per node to start
	// from instead of the seeded placement: to refine a previous layout
	// (with fewer Iterations). Only its shape counts: it is scaled and
	// centred first, so a previous output serves as it is.
	Start []Point
}

// The defaults of Options.
const (
	defaultIterations = 200
	defaultTheta      = 0.9
	defaultGravity    = 1
	defaultGroupPull  = 1
	defaultSeed       = 1
)

// maxPull caps an edge's weight relative to the mean weight, so one very
// heavy tie cannot swamp the layout.
const maxPull = 10

// Force lays g out in the plane by force-directed placement and returns
// one position per node, scaled uniformly (aspect ratio kept) and
// centred so the drawing spans [0, 1] on its longer side and lies within
// [0, 1] × [0, 1]. A single node is at (0.5, 0.5); N = 0 gives an empty
// slice.
//
// The forces are Fruchterman & Reingold's (1991), with ideal edge length
// k = √(1/N) in a drawing about 2 across:
//
//   - every pair of nodes repels with k²/d, approximated with a
//     Barnes–Hut quadtree (Barnes & Hut 1986; opt.Theta);
//   - an edge attracts its ends with w·d²/k, where w is its W over the
//     mean W (at most 10), divided by the smaller degree of its ends (as
//     d3-force's link strength 1/min(degree) weakens the links of hubs),
//     so that dense graphs keep their size;
//   - each node is attracted to its group's centroid like an edge of
//     weight opt.GroupPull, so teams gather;
//   - a spring of stiffness opt.Gravity pulls each node toward the
//     centroid of the nodes with edges; nodes without edges get a
//     stiffer one, which holds them on a ring just outside the rest
//     instead of far away.
//
// Each step moves a node by its net force over twice the stiffness of
// the springs and edges on it (a damped Newton-like step: nodes with
// many edges do not oscillate, and two nodes moving toward each other at
// once do not overshoot), but at most by a temperature that cools
// linearly from 0.1 to 0.1/opt.Iterations. Coincident nodes are pushed
// apart in a direction hashed from their ids.
//
// Nodes start, unless opt.Start is given, with the groups' discs evenly
// spaced on a circle in order of group value, each disc's area in
// proportion to the group's size, and the nodes of a group drawn at
// random inside its disc from a PCG generator seeded with opt.Seed;
// nodes without a group go at random inside the circle when they have
// edges, and on a circle just outside it when they have none. The output
// depends only on g and opt: the same input gives identical floats on
// one machine, whatever GOMAXPROCS is.
//
// Force checks ctx before every iteration and returns nil and ctx.Err()
// when it is done. progress, when not nil, is called after every
// iteration with the number done and opt.Iterations, from the goroutine
// that called Force, the last call with done == total. Repulsion runs on
// up to runtime.GOMAXPROCS(0) goroutines. Work is O(N log N + E) per
// iteration.
//
// Force panics with a "layout: " message when g or opt is malformed: N <
// 0, an edge end outside 0..N−1, len(Group) neither 0 nor N, a negative,
// NaN or infinite option, or a Start of the wrong length or not finite.
func Force(ctx context.Context, g Graph, opt Options, progress func(done, total int)) ([]Point, error) {
	opt = opt.withDefaults()
	check(g, opt)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := newSim(g, opt)
	for it := range opt.Iterations {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s.step(temperature(it, opt.Iterations))
		if progress != nil {
			progress(it+1, opt.Iterations)
		}
	}
	return s.points(), nil
}

// temperature is the most a node may move in iteration it of n: it
// cools linearly from 0.1 to 0.1/n.
func temperature(it, n int) float64 {
	return 0.1 * float64(n-it) / float64(n)
}

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	if o.Iterations == 0 {
		o.Iterations = defaultIterations
	}
	if o.Theta == 0 {
		o.Theta = defaultTheta
	}
	if o.Gravity == 0 {
		o.Gravity = defaultGravity
	}
	if o.GroupPull == 0 {
		o.GroupPull = defaultGroupPull
	}
	if o.Seed == 0 {
		o.Seed = defaultSeed
	}
	return o
}

// check panics when g or o is malformed (see Force).
func check(g Graph, o Options) {
	if g.N < 0 || g.N > math.MaxInt32 {
		panic(fmt.Sprintf("layout: %d nodes", g.N))
	}
	for i, e := range g.Edges {
		if e.A < 0 || e.A >= g.N || e.B < 0 || e.B >= g.N {
			panic(fmt.Sprintf("layout: edge %d (%d, %d) outside nodes 0..%d", i, e.A, e.B, g.N-1))
		}
	}
	if len(g.Group) != 0 && len(g.Group) != g.N {
		panic(fmt.Sprintf("layout: %d groups for %d nodes", len(g.Group), g.N))
	}
	if o.Iterations < 0 || !(o.Theta > 0) || !(o.Gravity > 0) || !(o.GroupPull > 0) ||
		math.IsInf(o.Theta+o.Gravity+o.GroupPull, 0) {
		panic(fmt.Sprintf("layout: invalid options %+v", o))
	}
	if o.Start != nil {
		if len(o.Start) != g.N {
			panic(fmt.Sprintf("layout: %d start points for %d nodes", len(o.Start), g.N))
		}
		for i, p := range o.Start {
			if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0) {
				panic(fmt.Sprintf("layout: start point %d is %v", i, p))
			}
		}
	}
}

// pull is an edge with its relative weight.
type pull struct {
	a, b int32
	w    float64
}

// sim is the state of one layout.
type sim struct {
	n       int
	x, y    []float64 // positions
	fx, fy  []float64 // net force of the step
	stiff   []float64 // Σ of spring and edge stiffness of the step
	k, k2   float64   // ideal edge length and its square
	minD2   float64   // squared distance below which two nodes count as coincident
	theta2  float64
	gravity float64
	pullG   float64
	edges   []pull
	deg     []int32 // per node: edges with pull
	group   []int32 // dense group per node, −1 for none
	groups  int
	gx, gy  []float64 // group centroids
	gn      []float64 // group sizes
	tree    quadtree
	workers int
	stacks  [][]int32 // per worker: traversal stack
}

// newSim prepares the layout of g: edges with relative weights, dense
// groups and the start positions.
func newSim(g Graph, o Options) *sim {
	n := g.N
	s := &sim{
		n:       n,
		x:       make([]float64, n),
		y:       make([]float64, n),
		fx:      make([]float64, n),
		fy:      make([]float64, n),
		stiff:   make([]float64, n),
		k:       math.Sqrt(1 / float64(max(n, 1))),
		theta2:  o.Theta * o.Theta,
		gravity: o.Gravity,
		pullG:   o.GroupPull,
		group:   make([]int32, n),
		deg:     make([]int32, n),
	}
	s.k2 = s.k * s.k
	s.minD2 = 1e-4 * s.k2
	var total float64
	for _, e := range g.Edges {
		if e.A != e.B && e.W > 0 && !math.IsInf(e.W, 1) {
			s.edges = append(s.edges, pull{int32(e.A), int32(e.B), e.W})
			total += e.W
		}
	}
	if len(s.edges) > 0 {
		mean := total / float64(len(s.edges))
		if math.IsInf(mean, 0) { // the sum overflowed: against the heaviest
			mean = 1
			for _, e := range s.edges {
				mean = max(mean, e.w)
			}
		}
		for _, e := range s.edges {
			s.deg[e.a]++
			s.deg[e.b]++
		}
		for i, e := range s.edges {
			s.edges[i].w = min(e.w/mean, maxPull) / float64(min(s.deg[e.a], s.deg[e.b]))
		}
	}
	s.denseGroups(g.Group)
	s.gx, s.gy, s.gn = make([]float64, s.groups), make([]float64, s.groups), make([]float64, s.groups)
	if o.Start != nil {
		s.start(o.Start)
	} else {
		s.place(o.Seed)
	}
	s.workers = 1
	if n >= 1024 {
		s.workers = min(runtime.GOMAXPROCS(0), n/512)
	}
	s.stacks = make([][]int32, s.workers)
	return s
}

// denseGroups numbers the distinct group values ≥ 0 from 0 in
// increasing order of value.
func (s *sim) denseGroups(group []int) {
	for i := range s.group {
		s.group[i] = -1
	}
	if len(group) == 0 {
		return
	}
	values := make([]int, 0)
	for _, v := range group {
		if v >= 0 {
			values = append(values, v)
		}
	}
	slices.Sort(values)
	values = slices.Compact(values)
	s.groups = len(values)
	for i, v := range group {
		if v >= 0 {
			j, _ := slices.BinarySearch(values, v)
			s.group[i] = int32(j)
		}
	}
}

// start copies the start points, scaled uniformly to span 1 across
// their longer side and centred on the origin, the size place gives:
// any finite points do, and a previous output ([0, 1]²) as well as its
// original units. Coordinates are halved before subtracting, so that
// no difference overflows.
func (s *sim) start(pts []Point) {
	if len(pts) == 0 {
		return
	}
	minX, maxX, minY, maxY := pts[0].X, pts[0].X, pts[0].Y, pts[0].Y
	for _, p := range pts {
		minX, maxX = min(minX, p.X), max(maxX, p.X)
		minY, maxY = min(minY, p.Y), max(maxY, p.Y)
	}
	midX, midY := minX/2+maxX/2, minY/2+maxY/2
	h := max(maxX/2-minX/2, maxY/2-minY/2)
	if !(h > 0) {
		return // all at one point: leave them at the origin
	}
	for i, p := range pts {
		s.x[i] = (p.X/2 - midX/2) / h
		s.y[i] = (p.Y/2 - midY/2) / h
	}
}

// place puts the groups' discs on a circle of radius 0.5 around the
// origin, each of an area in proportion to its size, and every node at
// random in its group's disc; a node without a group goes at random in
// the disc of radius 0.5 when it has edges, else on the circle of
// radius 0.6, outside the rest, where it will settle.
func (s *sim) place(seed uint64) {
	r := rand.New(rand.NewPCG(seed, 0x6c61796f7574)) // "layout"
	size := make([]int, s.groups)
	for _, gr := range s.group {
		if gr >= 0 {
			size[gr]++
		}
	}
	const ring = 0.5
	for i, gr := range s.group {
		cx, cy, radius := 0.0, 0.0, ring
		if gr >= 0 {
			if s.groups > 1 {
				a := 2 * math.Pi * float64(gr) / float64(s.groups)
				cx, cy = ring*math.Cos(a), ring*math.Sin(a)
			}
			radius = ring * math.Sqrt(float64(size[gr])/float64(s.n))
		}
		// Uniform in the disc: radius ∝ √u.
		d, a := radius*math.Sqrt(r.Float64()), 2*math.Pi*r.Float64()
		if gr < 0 && s.deg[i] == 0 {
			d = 1.2 * ring
		}
		s.x[i], s.y[i] = cx+d*math.Cos(a), cy+d*math.Sin(a)
	}
}

// step computes every force and moves each node by its net force over
// twice its stiffness, at most temp.
func (s *sim) step(temp float64) {
	s.centre()
	clear(s.fx)
	clear(s.fy)
	for i := range s.stiff {
		s.stiff[i] = s.gravity
	}
	s.repel()
	s.attract()
	s.pullIn()
	for i := range s.n {
		dx, dy := s.fx[i]/(2*s.stiff[i]), s.fy[i]/(2*s.stiff[i])
		d := math.Hypot(dx, dy)
		if d > temp {
			dx, dy = dx*temp/d, dy*temp/d
		}
		s.x[i] += dx
		s.y[i] += dy
	}
}

// centre moves the drawing so that the centroid of the nodes with
// edges (of all nodes, when none has one) is at the origin, where
// gravity pulls: the drawing does not drift, and nodes without edges
// spread all around it rather than gather on the side it drifted from.
func (s *sim) centre() {
	var cx, cy, n float64
	for i := range s.n {
		if s.deg[i] > 0 || len(s.edges) == 0 {
			cx += s.x[i]
			cy += s.y[i]
			n++
		}
	}
	if n == 0 {
		return
	}
	cx, cy = cx/n, cy/n
	for i := range s.n {
		s.x[i] -= cx
		s.y[i] -= cy
	}
}

// attract adds the pull of every edge, w·d²/k along it, and its
// stiffness 2·w·d/k to both ends.
func (s *sim) attract() {
	for _, e := range s.edges {
		dx, dy := s.x[e.a]-s.x[e.b], s.y[e.a]-s.y[e.b]
		d := math.Sqrt(dx*dx + dy*dy)
		f := e.w * d / s.k // force / distance
		s.fx[e.a] -= dx * f
		s.fy[e.a] -= dy * f
		s.fx[e.b] += dx * f
		s.fy[e.b] += dy * f
		s.stiff[e.a] += 2 * f
		s.stiff[e.b] += 2 * f
	}
}

// pullIn adds the springs toward the centre and toward each node's group
// centroid.
func (s *sim) pullIn() {
	clear(s.gx)
	clear(s.gy)
	clear(s.gn)
	for i, gr := range s.group {
		if gr >= 0 {
			s.gx[gr] += s.x[i]
			s.gy[gr] += s.y[i]
			s.gn[gr]++
		}
	}
	for gr := range s.groups {
		s.gx[gr] /= s.gn[gr]
		s.gy[gr] /= s.gn[gr]
	}
	lone := s.loneGravity()
	for i, gr := range s.group {
		g := s.gravity
		if s.deg[i] == 0 {
			g = lone
			s.stiff[i] += lone - s.gravity
		}
		s.fx[i] -= g * s.x[i]
		s.fy[i] -= g * s.y[i]
		if gr >= 0 {
			dx, dy := s.gx[gr]-s.x[i], s.gy[gr]-s.y[i]
			f := s.pullG * math.Sqrt(dx*dx+dy*dy) / s.k
			s.fx[i] += dx * f
			s.fy[i] += dy * f
			s.stiff[i] += 2 * f
		}
	}
}

// loneGravity returns the gravity on nodes without edges. Under the
// common gravity they would settle where the repulsion of the whole
// drawing, about 1/d at distance d, meets it: at 1/√Gravity, far
// outside the drawing that edges pull together, leaving most of the
// canvas to them. So their gravity is raised until that distance is
// 1.1 times the radius of the nodes with edges (√2 times their root
// mean square distance from the centre, exact for a uniform disc).
func (s *sim) loneGravity() float64 {
	var r2 float64
	var n int
	for i, d := range s.deg {
		if d > 0 {
			r2 += s.x[i]*s.x[i] + s.y[i]*s.y[i]
			n++
		}
	}
	if n == 0 || !(r2 > 0) {
		return s.gravity
	}
	radius := 1.1 * math.Sqrt(2*r2/float64(n))
	return max(s.gravity, 1/(radius*radius))
}

// repel adds the Barnes–Hut approximation of the repulsion k²/d of every
// other node, on s.workers goroutines over contiguous ranges of nodes;
// each node's sum is computed by one goroutine in a fixed order, so the
// result does not depend on their number.
func (s *sim) repel() {
	s.tree.build(s.x, s.y)
	if s.workers == 1 {
		s.repelRange(0, s.n, 0)
		return
	}
	var wg sync.WaitGroup
	chunk := (s.n + s.workers - 1) / s.workers
	for w := range s.workers {
		lo, hi := w*chunk, min((w+1)*chunk, s.n)
		wg.Go(func() { s.repelRange(lo, hi, w) })
	}
	wg.Wait()
}

// repelRange adds the repulsion on nodes lo..hi−1, with worker w's
// scratch stack.
func (s *sim) repelRange(lo, hi, w int) {
	t := &s.tree
	stack := s.stacks[w]
	for _, b := range t.order[lo:hi] {
		i := int(b)
		xi, yi := s.x[i], s.y[i]
		var fx, fy float64
		stack = append(stack[:0], 0)
		for len(stack) > 0 {
			c := &t.cells[stack[len(stack)-1]]
			stack = stack[:len(stack)-1]
			if c.leaf {
				for j := c.first; j >= 0; j = t.next[j] {
					if int(j) == i {
						continue
					}
					dx, dy := xi-s.x[j], yi-s.y[j]
					d2 := dx*dx + dy*dy
					if d2 < s.minD2 {
						dx, dy = apart(i, int(j), math.Sqrt(s.minD2))
						d2 = s.minD2
					}
					f := s.k2 / d2
					fx += dx * f
					fy += dy * f
				}
				continue
			}
			dx, dy := xi-c.mx, yi-c.my
			d2 := dx*dx + dy*dy
			side := 2 * c.half
			if side*side < s.theta2*d2 && !c.contains(xi, yi) {
				f := s.k2 * c.mass / max(d2, s.minD2)
				fx += dx * f
				fy += dy * f
				continue
			}
			for _, ch := range c.child {
				if ch > 0 {
					stack = append(stack, ch)
				}
			}
		}
		s.fx[i] += fx
		s.fy[i] += fy
	}
	s.stacks[w] = stack
}

// apart returns a vector of length d from node j toward node i for two
// nodes at the same place: its direction is a hash of the pair, and the
// opposite for j, so the two are pushed apart and the same way every
// run.
func apart(i, j int, d float64) (float64, float64) {
	lo, hi, sign := i, j, 1.0
	if i > j {
		lo, hi, sign = j, i, -1
	}
	h := uint64(lo)*0x9e3779b97f4a7c15 ^ uint64(hi)*0xc2b2ae3d27d4eb4f
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 32
	a := 2 * math.Pi * float64(h>>11) / (1 << 53)
	return sign * d * math.Cos(a), sign * d * math.Sin(a)
}

// points returns the positions scaled into the unit square, centred.
func (s *sim) points() []Point {
	out := make([]Point, s.n)
	if s.n == 0 {
		return out
	}
	minX, maxX, minY, maxY := s.x[0], s.x[0], s.y[0], s.y[0]
	for i := range s.n {
		minX, maxX = min(minX, s.x[i]), max(maxX, s.x[i])
		minY, maxY = min(minY, s.y[i]), max(maxY, s.y[i])
	}
	span := max(maxX-minX, maxY-minY)
	cx, cy := (minX+maxX)/2, (minY+maxY)/2
	for i := range out {
		if span > 0 {
			out[i] = Point{0.5 + (s.x[i]-cx)/span, 0.5 + (s.y[i]-cy)/span}
			// Rounding may put an extreme a hair outside [0, 1].
			out[i].X = min(max(out[i].X, 0), 1)
			out[i].Y = min(max(out[i].Y, 0), 1)
		} else {
			out[i] = Point{0.5, 0.5}
		}
	}
	return out
}
