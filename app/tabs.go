package app

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// wrapTabs is a row of tabs over the selected tab's content, like Fyne's
// AppTabs, except that tabs that do not fit on one line wrap onto the
// next instead of hiding behind a "…" menu: in a 900 px window the case
// editor's ten tabs would otherwise lose the last three. Its API is the
// part of AppTabs the app uses (Items, OnSelected, Append, Remove, Select,
// Selected), with the same rules: the first item is selected at start,
// selecting the selected item does nothing, removing an item keeps the
// selection where it can.
//
// The tabs are not focusable, as AppTabs' are not, so they do not join
// the forms' keyboard order.
type wrapTabs struct {
	widget.BaseWidget
	Items      []*container.TabItem
	OnSelected func(*container.TabItem)
	current    int
}

func newWrapTabs(items ...*container.TabItem) *wrapTabs {
	t := &wrapTabs{Items: items, current: -1}
	if len(items) > 0 {
		t.current = 0
	}
	t.ExtendBaseWidget(t)
	return t
}

// Selected is the selected item, nil when there is none.
func (t *wrapTabs) Selected() *container.TabItem {
	if t.current < 0 || t.current >= len(t.Items) {
		return nil
	}
	return t.Items[t.current]
}

// Select shows item and calls OnSelected, unless it is already shown.
func (t *wrapTabs) Select(item *container.TabItem) {
	i := slices.Index(t.Items, item)
	if i < 0 || i == t.current {
		return
	}
	t.current = i
	t.Refresh()
	if t.OnSelected != nil {
		t.OnSelected(item)
	}
}

// Append adds item at the end.
func (t *wrapTabs) Append(item *container.TabItem) {
	t.Items = append(t.Items, item)
	if t.current < 0 {
		t.current = 0
	}
	t.Refresh()
}

// Remove takes item out; the selection follows its item, or moves to the
// last one when the selected item was the last.
func (t *wrapTabs) Remove(item *container.TabItem) {
	i := slices.Index(t.Items, item)
	if i < 0 {
		return
	}
	t.Items = slices.Delete(t.Items, i, i+1)
	switch {
	case len(t.Items) == 0:
		t.current = -1
	case i < t.current:
		t.current--
	case t.current >= len(t.Items):
		t.current = -1
		t.Refresh()
		t.Select(t.Items[len(t.Items)-1])
		return
	}
	t.Refresh()
}

func (t *wrapTabs) CreateRenderer() fyne.WidgetRenderer {
	r := &wrapTabsRenderer{t: t, indicator: canvas.NewRectangle(color.Transparent), line: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

type wrapTabsRenderer struct {
	t         *wrapTabs
	buttons   []*tabButton
	indicator *canvas.Rectangle
	line      *canvas.Rectangle
	objects   []fyne.CanvasObject
}

// barRows places the buttons in rows within width and returns the bar's
// height; with place false it only measures.
func (r *wrapTabsRenderer) barRows(width float32, place bool) float32 {
	var x, y, rowH float32
	for _, b := range r.buttons {
		m := b.MinSize()
		if x > 0 && x+m.Width > width {
			x, y = 0, y+rowH
		}
		rowH = max(rowH, m.Height)
		if place {
			b.Move(fyne.NewPos(x, y))
			b.Resize(m)
		}
		x += m.Width
	}
	return y + rowH
}

func (r *wrapTabsRenderer) Layout(size fyne.Size) {
	th := r.t.Theme()
	bar := r.barRows(size.Width, true)
	lineH := th.Size(theme.SizeNameSeparatorThickness)
	r.line.Move(fyne.NewPos(0, bar))
	r.line.Resize(fyne.NewSize(size.Width, lineH))
	if sel := r.t.current; sel >= 0 && sel < len(r.buttons) {
		b := r.buttons[sel]
		h := th.Size(theme.SizeNameSelectionRadius)/2 + 2
		r.indicator.Move(fyne.NewPos(b.Position().X, b.Position().Y+b.Size().Height-h))
		r.indicator.Resize(fyne.NewSize(b.Size().Width, h))
	}
	top := bar + lineH + th.Size(theme.SizeNamePadding)
	for i, it := range r.t.Items {
		if i == r.t.current {
			it.Content.Move(fyne.NewPos(0, top))
			it.Content.Resize(fyne.NewSize(size.Width, max(size.Height-top, 0)))
		}
	}
}

// MinSize is one row of tabs as wide as the widest tab (they wrap below
// that), over the largest content.
func (r *wrapTabsRenderer) MinSize() fyne.Size {
	th := r.t.Theme()
	var w, rowH float32
	for _, b := range r.buttons {
		m := b.MinSize()
		w, rowH = max(w, m.Width), max(rowH, m.Height)
	}
	var content fyne.Size
	for _, it := range r.t.Items {
		content = content.Max(it.Content.MinSize())
	}
	return fyne.NewSize(max(w, content.Width), rowH+th.Size(theme.SizeNameSeparatorThickness)+th.Size(theme.SizeNamePadding)+content.Height)
}

func (r *wrapTabsRenderer) Refresh() {
	th := r.t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	for len(r.buttons) < len(r.t.Items) {
		r.buttons = append(r.buttons, newTabButton(r.t))
	}
	r.buttons = r.buttons[:len(r.t.Items)]
	r.objects = r.objects[:0]
	for i, it := range r.t.Items {
		b := r.buttons[i]
		b.item = it
		b.selected = i == r.t.current
		b.Refresh()
		r.objects = append(r.objects, b)
		if i == r.t.current {
			it.Content.Show()
		} else {
			it.Content.Hide()
		}
		r.objects = append(r.objects, it.Content)
	}
	r.line.FillColor = th.Color(theme.ColorNameSeparator, v)
	r.indicator.FillColor = th.Color(theme.ColorNamePrimary, v)
	r.indicator.Hidden = r.t.current < 0
	r.objects = append(r.objects, r.line, r.indicator)
	r.Layout(r.t.Size())
	if it := r.t.Selected(); it != nil {
		it.Content.Refresh()
	}
	r.line.Refresh()
	r.indicator.Refresh()
}

func (r *wrapTabsRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *wrapTabsRenderer) Destroy()                     {}

// tabButton is one tab's label: tapping selects it.
type tabButton struct {
	widget.BaseWidget
	tabs     *wrapTabs
	item     *container.TabItem
	selected bool
	hovered  bool
	bg       *canvas.Rectangle
	text     *canvas.Text
}

var (
	_ fyne.Tappable      = (*tabButton)(nil)
	_ desktop.Hoverable  = (*tabButton)(nil)
	_ desktop.Cursorable = (*tabButton)(nil)
)

func newTabButton(t *wrapTabs) *tabButton {
	b := &tabButton{tabs: t, bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.Transparent)}
	b.ExtendBaseWidget(b)
	return b
}

func (b *tabButton) Tapped(*fyne.PointEvent) {
	if b.item != nil {
		b.tabs.Select(b.item)
	}
}

func (b *tabButton) MouseIn(*desktop.MouseEvent)    { b.hovered = true; b.Refresh() }
func (b *tabButton) MouseMoved(*desktop.MouseEvent) {}
func (b *tabButton) MouseOut()                      { b.hovered = false; b.Refresh() }
func (b *tabButton) Cursor() desktop.Cursor         { return desktop.PointerCursor }

func (b *tabButton) CreateRenderer() fyne.WidgetRenderer { return &tabButtonRenderer{b: b} }

type tabButtonRenderer struct{ b *tabButton }

func (r *tabButtonRenderer) pad() fyne.Size {
	th := r.b.Theme()
	p := th.Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(p*2, p*2)
}

func (r *tabButtonRenderer) Layout(size fyne.Size) {
	r.b.bg.Resize(size)
	m := r.b.text.MinSize()
	r.b.text.Move(fyne.NewPos((size.Width-m.Width)/2, (size.Height-m.Height)/2))
	r.b.text.Resize(m)
}

func (r *tabButtonRenderer) MinSize() fyne.Size {
	return r.b.text.MinSize().Add(r.pad())
}

func (r *tabButtonRenderer) Refresh() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if r.b.item != nil {
		r.b.text.Text = r.b.item.Text
	}
	r.b.text.TextSize = th.Size(theme.SizeNameText)
	r.b.text.Color = th.Color(theme.ColorNameForeground, v)
	if r.b.selected {
		r.b.text.Color = th.Color(theme.ColorNamePrimary, v)
	}
	r.b.bg.FillColor = color.Transparent
	if r.b.hovered {
		r.b.bg.FillColor = th.Color(theme.ColorNameHover, v)
	}
	r.Layout(r.b.Size())
	r.b.text.Refresh()
	r.b.bg.Refresh()
}

func (r *tabButtonRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.b.bg, r.b.text}
}
func (r *tabButtonRenderer) Destroy() {}
