package layout

// maxDepth bounds the quadtree: bodies that still share a cell this deep
// (coincident or nearly so) are kept in one leaf's list.
const maxDepth = 40

// quadtree is a Barnes–Hut quadtree over the node positions, rebuilt
// every step into the same slices.
type quadtree struct {
	cells []cell
	next  []int32   // per body: the next body of its leaf, −1 for none
	x, y  []float64 // the body positions of the last build
	order []int32   // the bodies leaf by leaf, depth first: near bodies together
	stack []int32
}

// cell is a square of the quadtree. A leaf holds a list of bodies
// (first, then next); an internal cell has up to four children, 0
// meaning none (the root, cell 0, is nobody's child).
type cell struct {
	cx, cy, half float64 // centre and half the side
	mx, my       float64 // centre of mass (sums while building)
	mass         float64 // number of bodies
	child        [4]int32
	first        int32
	leaf         bool
}

// contains reports whether (x, y) lies in c's square.
func (c *cell) contains(x, y float64) bool {
	return x >= c.cx-c.half && x <= c.cx+c.half && y >= c.cy-c.half && y <= c.cy+c.half
}

// quadrant returns the index of the child of c that (x, y) falls in.
func (c *cell) quadrant(x, y float64) int {
	q := 0
	if x >= c.cx {
		q |= 1
	}
	if y >= c.cy {
		q |= 2
	}
	return q
}

// build makes the tree of the bodies at (x[i], y[i]).
func (t *quadtree) build(x, y []float64) {
	t.cells = t.cells[:0]
	t.x, t.y = x, y
	if cap(t.next) < len(x) {
		t.next = make([]int32, len(x))
	}
	t.next = t.next[:len(x)]
	if len(x) == 0 {
		return
	}
	minX, maxX, minY, maxY := x[0], x[0], y[0], y[0]
	for i := range x {
		minX, maxX = min(minX, x[i]), max(maxX, x[i])
		minY, maxY = min(minY, y[i]), max(maxY, y[i])
	}
	half := max(maxX-minX, maxY-minY) / 2
	if !(half > 0) {
		half = 1
	}
	t.cells = append(t.cells, cell{cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, half: half, first: -1, leaf: true})
	for i := range x {
		t.insert(int32(i))
	}
	for i := range t.cells {
		c := &t.cells[i]
		c.mx /= c.mass
		c.my /= c.mass
	}
	t.order = t.order[:0]
	t.stack = append(t.stack[:0], 0)
	for len(t.stack) > 0 {
		c := &t.cells[t.stack[len(t.stack)-1]]
		t.stack = t.stack[:len(t.stack)-1]
		if c.leaf {
			for j := c.first; j >= 0; j = t.next[j] {
				t.order = append(t.order, j)
			}
			continue
		}
		for _, ch := range c.child {
			if ch > 0 {
				t.stack = append(t.stack, ch)
			}
		}
	}
}

// insert adds body b, adding its mass to every cell on the way down.
func (t *quadtree) insert(b int32) {
	x, y := t.x[b], t.y[b]
	c := int32(0)
	for depth := 0; ; depth++ {
		cl := &t.cells[c]
		cl.mass++
		cl.mx += x
		cl.my += y
		if cl.leaf {
			if cl.first < 0 || depth >= maxDepth {
				t.next[b] = cl.first
				cl.first = b
				return
			}
			// Split: the one body here moves to a child.
			o := cl.first
			cl.first, cl.leaf = -1, false
			ox, oy := t.x[o], t.y[o]
			q := cl.quadrant(ox, oy)
			ch := t.add(c, q)
			t.cells[ch].first, t.cells[ch].mass = o, 1
			t.cells[ch].mx, t.cells[ch].my = ox, oy
			t.next[o] = -1
			cl = &t.cells[c]
		}
		q := cl.quadrant(x, y)
		ch := cl.child[q]
		if ch == 0 {
			ch = t.add(c, q)
		}
		c = ch
	}
}

// add appends an empty leaf for quadrant q of cell c and returns it.
func (t *quadtree) add(c int32, q int) int32 {
	p := t.cells[c]
	h := p.half / 2
	cx, cy := p.cx-h, p.cy-h
	if q&1 != 0 {
		cx = p.cx + h
	}
	if q&2 != 0 {
		cy = p.cy + h
	}
	id := int32(len(t.cells))
	t.cells = append(t.cells, cell{cx: cx, cy: cy, half: h, first: -1, leaf: true})
	t.cells[c].child[q] = id
	return id
}
