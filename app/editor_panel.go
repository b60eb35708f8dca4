package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// panel is a rounded, tinted card around content: the editor's list items
// (reporters, events, places, promises) and the warning card of a
// reporter's consent and safety notes. Its colours follow the theme.
type panel struct {
	widget.BaseWidget
	content fyne.CanvasObject
	tint    fyne.ThemeColorName // fill colour, at low opacity
	stripe  bool                // a solid bar of the tint on the leading edge
}

func newPanel(content fyne.CanvasObject, tint fyne.ThemeColorName, stripe bool) *panel {
	p := &panel{content: content, tint: tint, stripe: stripe}
	p.ExtendBaseWidget(p)
	return p
}

func (p *panel) CreateRenderer() fyne.WidgetRenderer {
	r := &panelRenderer{p: p, bg: canvas.NewRectangle(color.Transparent), bar: canvas.NewRectangle(color.Transparent),
		inner: container.NewPadded(p.content)}
	r.Refresh()
	return r
}

type panelRenderer struct {
	p       *panel
	bg, bar *canvas.Rectangle
	inner   *fyne.Container
}

const panelStripe = 4

func (r *panelRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.bg.Move(fyne.NewPos(0, 0))
	r.bar.Resize(fyne.NewSize(panelStripe, size.Height))
	r.bar.Move(fyne.NewPos(0, 0))
	off := float32(0)
	if r.p.stripe {
		off = panelStripe
	}
	r.inner.Move(fyne.NewPos(off, 0))
	r.inner.Resize(fyne.NewSize(size.Width-off, size.Height))
}

func (r *panelRenderer) MinSize() fyne.Size {
	m := r.inner.MinSize()
	if r.p.stripe {
		m.Width += panelStripe
	}
	return m
}

func (r *panelRenderer) Refresh() {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := r.p.Theme()
	c := color.NRGBAModel.Convert(th.Color(r.p.tint, v)).(color.NRGBA)
	fill := c
	fill.A = 0x26
	if r.p.tint == theme.ColorNameInputBackground {
		fill.A = c.A
	}
	r.bg.FillColor = fill
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.bg.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	r.bg.StrokeWidth = 1
	r.bar.FillColor = c
	r.bar.Hidden = !r.p.stripe
	r.bg.Refresh()
	r.bar.Refresh()
	r.inner.Refresh()
}

func (r *panelRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.bar, r.inner}
}

func (r *panelRenderer) Destroy() {}
