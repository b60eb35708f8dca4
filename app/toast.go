package app

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// toastLifetime is how long a toast stays on screen.
const toastLifetime = 3 * time.Second

// toast is a short message at the bottom of the window that goes away by
// itself ("Copied: the clipboard is cleared in 30 seconds"). It never holds
// case content. It is drawn over the screen but catches no taps, so the
// window stays usable while it shows.
type toast struct {
	box    *fyne.Container
	label  *widget.Label
	timer  stopper
	layers []*fyne.Container // the containers holding box, relaid out when it changes
}

func newToast() *toast {
	t := &toast{label: widget.NewLabel("")}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	bg.StrokeWidth = 1
	t.box = container.NewStack(bg, container.NewPadded(t.label))
	t.box.Hide()
	return t
}

// layer returns the toast placed at the bottom centre of a full-window
// stack, above the screen's footer.
func (t *toast) layer() fyne.CanvasObject {
	center := container.NewCenter(t.box)
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(0, 48))
	outer := container.NewVBox(layout.NewSpacer(), center, gap)
	t.layers = []*fyne.Container{center, outer}
	return outer
}

// relayout makes the layers fit the box's new size.
func (t *toast) relayout() {
	for _, c := range t.layers {
		c.Refresh()
	}
}

// Visible reports whether the toast is on show.
func (t *toast) Visible() bool { return t.box.Visible() }

// showToast shows message at the bottom of the window for toastLifetime,
// replacing any message on show.
func (u *UI) showToast(message string) {
	t := u.toast
	if t.timer != nil {
		t.timer.Stop()
	}
	t.label.SetText(message)
	t.box.Show()
	t.relayout()
	var timer stopper
	timer = u.clock.AfterFunc(toastLifetime, func() {
		fyne.Do(func() {
			if t.timer == timer {
				u.hideToast()
			}
		})
	})
	t.timer = timer
}

// hideToast removes the toast.
func (u *UI) hideToast() {
	t := u.toast
	if t.timer != nil {
		t.timer.Stop()
		t.timer = nil
	}
	t.label.SetText("")
	t.box.Hide()
	t.relayout()
}
