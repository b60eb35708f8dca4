package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne moves the focus on Tab in the order of the objects in the widget
// tree, not in the order they appear on screen. The forms are therefore
// built so that the tree order is the reading order — top to bottom, and
// left to right within a line (taborder_test.go checks every form):
//
//   - fieldGrid lays label/field pairs out in rows of several columns and
//     keeps them in the tree row by row; two independent column grids side
//     by side would send Tab down the left column and then up to the top
//     of the right one.
//   - visualBorder is container.NewBorder with its children in reading
//     order; NewBorder puts the centre first, so a button left of a field,
//     or a header above the content, would be reached after it.

// visualBorder is container.NewBorder whose children are in reading order:
// top, left, the centre objects, right, bottom.
func visualBorder(top, bottom, left, right fyne.CanvasObject, center ...fyne.CanvasObject) *fyne.Container {
	var objs []fyne.CanvasObject
	add := func(o fyne.CanvasObject) {
		if o != nil {
			objs = append(objs, o)
		}
	}
	add(top)
	add(left)
	objs = append(objs, center...)
	add(right)
	add(bottom)
	return container.New(layout.NewBorderLayout(top, bottom, left, right), objs...)
}

// fieldGrid lays rows out as label/field pairs, cols pairs to a line, in
// the order given: the first cols rows make the first line. Labels sit
// right-aligned before their fields; the labels of one column share a
// width, the fields share the rest of the width equally.
func fieldGrid(cols int, rows ...formRow) *fyne.Container {
	objs := make([]fyne.CanvasObject, 0, 2*len(rows))
	for _, r := range rows {
		objs = append(objs, widget.NewLabelWithStyle(r.label, fyne.TextAlignTrailing, fyne.TextStyle{}), r.field)
	}
	return container.New(pairGrid{cols: max(cols, 1)}, objs...)
}

// fieldGrids returns a fieldGrid maker whose grids line their label
// columns up with each other (the sections of one tab).
func fieldGrids(cols int) func(rows ...formRow) *fyne.Container {
	g := &gridGroup{}
	return func(rows ...formRow) *fyne.Container {
		c := fieldGrid(cols, rows...)
		c.Layout = pairGrid{cols: max(cols, 1), group: g}
		g.members = append(g.members, c)
		return c
	}
}

// gridGroup is the grids whose label columns share their widths.
type gridGroup struct{ members []*fyne.Container }

// pairGrid is fieldGrid's layout: objects alternate label, field.
type pairGrid struct {
	cols  int
	group *gridGroup // nil: the grid's labels are measured alone
}

// labelWidths returns the width of each column's labels, over the group.
func (g pairGrid) labelWidths(objs []fyne.CanvasObject) []float32 {
	labelW := make([]float32, g.cols)
	measure := func(objs []fyne.CanvasObject) {
		for i := 0; 2*i+1 < len(objs); i++ {
			if label := objs[2*i]; label.Visible() {
				labelW[i%g.cols] = max(labelW[i%g.cols], label.MinSize().Width)
			}
		}
	}
	measure(objs)
	if g.group != nil {
		for _, m := range g.group.members {
			measure(m.Objects)
		}
	}
	return labelW
}

// measure returns the width of each column's labels, the widest field's
// minimum width and the height of each line.
func (g pairGrid) measure(objs []fyne.CanvasObject) (labelW []float32, fieldW float32, lineH []float32) {
	labelW = g.labelWidths(objs)
	pairs := len(objs) / 2
	lineH = make([]float32, (pairs+g.cols-1)/g.cols)
	for i := range pairs {
		label, field := objs[2*i], objs[2*i+1]
		line := i / g.cols
		lm, fm := label.MinSize(), field.MinSize()
		fieldW = max(fieldW, fm.Width)
		lineH[line] = max(lineH[line], lm.Height, fm.Height)
	}
	return labelW, fieldW, lineH
}

func (g pairGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	labelW, fieldW, lineH := g.measure(objs)
	var w, h float32
	for _, lw := range labelW {
		w += lw + fieldW
	}
	w += pad * float32(2*g.cols-1)
	for _, lh := range lineH {
		h += lh
	}
	if n := len(lineH); n > 1 {
		h += pad * float32(n-1)
	}
	return fyne.NewSize(w, h)
}

func (g pairGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	labelW, _, lineH := g.measure(objs)
	free := size.Width - pad*float32(2*g.cols-1)
	for _, lw := range labelW {
		free -= lw
	}
	fieldW := max(free/float32(g.cols), 0)
	y := float32(0)
	for line, lh := range lineH {
		x := float32(0)
		for col := range g.cols {
			i := line*g.cols + col
			if 2*i+1 >= len(objs) {
				break
			}
			label, field := objs[2*i], objs[2*i+1]
			label.Move(fyne.NewPos(x, y))
			label.Resize(fyne.NewSize(labelW[col], label.MinSize().Height))
			x += labelW[col] + pad
			field.Move(fyne.NewPos(x, y))
			field.Resize(fyne.NewSize(fieldW, field.MinSize().Height))
			x += fieldW + pad
		}
		y += lh + pad
	}
}
