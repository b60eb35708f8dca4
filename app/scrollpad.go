package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// Fyne draws a scroll container's bar over the right edge of its content,
// so in a dialog that scrolls the last few pixels of every entry, select
// and button sit under the bar and cannot be clicked there.
// newPaddedVScroll keeps the content clear of the bar.

// newPaddedVScroll is a vertical scroll whose content stops short of the
// scroll bar.
func newPaddedVScroll(content fyne.CanvasObject) *container.Scroll {
	return container.NewVScroll(container.New(scrollBarGutter{}, content))
}

// scrollBarGutter lays its one object out leaving room at the right for a
// scroll bar and a little air.
type scrollBarGutter struct{}

func scrollBarGutterWidth() float32 {
	return theme.ScrollBarSize() + theme.Padding()
}

func (scrollBarGutter) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(max(size.Width-scrollBarGutterWidth(), 0), size.Height))
	}
}

func (scrollBarGutter) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return fyne.NewSize(m.Width+scrollBarGutterWidth(), m.Height)
}
