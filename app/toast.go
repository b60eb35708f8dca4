package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// toastLifetime is how long a toast stays on screen.
const toastLifetime = 3 * time.Second

// toast is a short message at the bottom of the window that goes away by
// itself ("Copied: the clipboard is cleared in 30 seconds"). It never holds
// case content.
type toast struct {
	popup *widget.PopUp
	label *widget.Label
	timer stopper
}

// showToast shows message at the bottom of the window for toastLifetime,
// replacing any toast on show.
func (u *UI) showToast(message string) {
	u.hideToast()
	label := widget.NewLabel(message)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	bg.StrokeWidth = 1
	content := container.NewStack(bg, container.NewPadded(label))
	p := widget.NewPopUp(content, u.win.Canvas())
	size := content.MinSize()
	c := u.win.Canvas().Size()
	p.ShowAtPosition(fyne.NewPos((c.Width-size.Width)/2, c.Height-size.Height-3*theme.Padding()))
	t := &toast{popup: p, label: label}
	t.timer = u.clock.AfterFunc(toastLifetime, func() {
		fyne.Do(func() {
			if u.toast == t {
				u.hideToast()
			}
		})
	})
	u.toast = t
}

// hideToast removes the toast on show, if any.
func (u *UI) hideToast() {
	if u.toast == nil {
		return
	}
	u.toast.timer.Stop()
	u.toast.popup.Hide()
	u.toast = nil
}
