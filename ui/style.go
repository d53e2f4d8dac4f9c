package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"github.com/multiplier/multiplier/graph"
)

// roleColor is the colour of a role's chip and marker; it reads on light
// and dark themes.
func roleColor(r graph.Role) color.NRGBA {
	switch r {
	case graph.RoleMultiplier:
		return color.NRGBA{0x2e, 0x7d, 0x32, 0xff}
	case graph.RoleBottleneck:
		return color.NRGBA{0xc6, 0x28, 0x28, 0xff}
	case graph.RoleConnector:
		return color.NRGBA{0x15, 0x65, 0xc0, 0xff}
	case graph.RoleSolo:
		return color.NRGBA{0xe6, 0x5c, 0x00, 0xff}
	case graph.RolePeripheral:
		return color.NRGBA{0x75, 0x75, 0x75, 0xff}
	}
	return color.NRGBA{0x9e, 0x9e, 0x9e, 0xff}
}

// teamPalette colours teams on the network map and heatmap: Tableau's
// ten, then eight more, distinct on white and on dark grey.
var teamPalette = []color.NRGBA{
	{0x4e, 0x79, 0xa7, 0xff}, {0xf2, 0x8e, 0x2b, 0xff}, {0xe1, 0x57, 0x59, 0xff}, {0x76, 0xb7, 0xb2, 0xff},
	{0x59, 0xa1, 0x4f, 0xff}, {0xed, 0xc9, 0x48, 0xff}, {0xb0, 0x7a, 0xa1, 0xff}, {0xff, 0x9d, 0xa7, 0xff},
	{0x9c, 0x75, 0x5f, 0xff}, {0xba, 0xb0, 0xac, 0xff}, {0x1f, 0x77, 0xb4, 0xff}, {0x2c, 0xa0, 0x2c, 0xff},
	{0x94, 0x67, 0xbd, 0xff}, {0x8c, 0x56, 0x4b, 0xff}, {0x17, 0xbe, 0xcf, 0xff}, {0xbc, 0xbd, 0x22, 0xff},
	{0xd6, 0x27, 0x28, 0xff}, {0x7f, 0x7f, 0x7f, 0xff},
}

// teamColor is the colour of the i-th team in sort order; -1 (no team)
// is grey.
func teamColor(i int) color.NRGBA {
	if i < 0 {
		return color.NRGBA{0xa0, 0xa0, 0xa0, 0xff}
	}
	return teamPalette[i%len(teamPalette)]
}

// chip is a small rounded label in colour c, for a role.
func chip(text string, c color.Color) fyne.CanvasObject {
	bg := canvas.NewRectangle(c)
	bg.CornerRadius = 9
	t := canvas.NewText(text, color.White)
	t.TextSize = theme.CaptionTextSize() + 1
	t.TextStyle = fyne.TextStyle{Bold: true}
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(2, 2, 8, 8), t))
}

// roleChips lays out one chip per role.
func roleChips(roles []graph.Role) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, r := range roles {
		out = append(out, chip(string(r), roleColor(r)))
	}
	return out
}

// columnsLayout lays its objects out row by row in columns of fixed
// widths; a row is as tall as its tallest object.
type columnsLayout struct{ widths []float32 }

func (l *columnsLayout) rowHeights(objs []fyne.CanvasObject) []float32 {
	n := len(l.widths)
	var hs []float32
	for i, o := range objs {
		if i%n == 0 {
			hs = append(hs, 0)
		}
		hs[len(hs)-1] = max(hs[len(hs)-1], o.MinSize().Height)
	}
	return hs
}

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	n := len(l.widths)
	y := float32(0)
	for r, h := range l.rowHeights(objs) {
		x := float32(0)
		for c := 0; c < n && r*n+c < len(objs); c++ {
			o := objs[r*n+c]
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(l.widths[c], h))
			x += l.widths[c]
		}
		y += h
	}
}

func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, x := range l.widths {
		w += x
	}
	for _, rh := range l.rowHeights(objs) {
		h += rh
	}
	return fyne.NewSize(w, h)
}
