package app

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// wrapGrid lays its objects out in equal columns, as many to a row as fit
// at the width their text needs, and wraps the rest onto further rows: in a
// narrow window the case list's filters go onto two rows instead of
// cutting "All facilities" to "All facil…".
//
// A layout's MinSize is asked before it is given a width, so wrapGrid
// reckons its rows from the window's width less margin (what the window
// puts beside the grid: paddings, buttons) and lays them out in the width
// it then gets.
type wrapGrid struct {
	margin  func() float32 // the window's width not given to the grid
	maxCell float32        // a column needs at most this much
}

// naturalWidth is the width o needs to show its text whole.
func naturalWidth(o fyne.CanvasObject) float32 {
	s, ok := o.(*widget.Select)
	if !ok {
		return o.MinSize().Width
	}
	text := s.Selected
	if text == "" {
		text = s.PlaceHolder
	}
	pad := theme.InnerPadding()
	return max(fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width+pad*4+theme.IconInlineSize(), s.MinSize().Width)
}

func (g wrapGrid) cell(objs []fyne.CanvasObject) (w, h float32) {
	for _, o := range objs {
		w = max(w, naturalWidth(o))
		h = max(h, o.MinSize().Height)
	}
	if g.maxCell > 0 {
		w = min(w, g.maxCell)
	}
	return w, h
}

// rows is how many rows the objects take in width.
func (g wrapGrid) rows(objs []fyne.CanvasObject, width float32) int {
	if len(objs) == 0 {
		return 0
	}
	cw, _ := g.cell(objs)
	pad := theme.Padding()
	cols := int(math.Floor(float64((width + pad) / (cw + pad))))
	cols = min(max(cols, 1), len(objs))
	return (len(objs) + cols - 1) / cols
}

func (g wrapGrid) height(objs []fyne.CanvasObject, rows int) float32 {
	_, ch := g.cell(objs)
	return float32(rows)*ch + float32(max(rows-1, 0))*theme.Padding()
}

func (g wrapGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) == 0 {
		return fyne.Size{}
	}
	cw, _ := g.cell(objs)
	rows := 1
	if c := fyne.CurrentApp().Driver().CanvasForObject(objs[0]); c != nil {
		rows = g.rows(objs, c.Size().Width-g.margin())
	}
	return fyne.NewSize(cw, g.height(objs, rows))
}

func (g wrapGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	rows := g.rows(objs, size.Width)
	if rows == 0 {
		return
	}
	cols := (len(objs) + rows - 1) / rows
	pad := theme.Padding()
	cw := (size.Width - float32(cols-1)*pad) / float32(cols)
	_, ch := g.cell(objs)
	for i, o := range objs {
		r, c := i/cols, i%cols
		o.Move(fyne.NewPos(float32(c)*(cw+pad), float32(r)*(ch+pad)))
		o.Resize(fyne.NewSize(cw, ch))
	}
}
