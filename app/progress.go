package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// progressDialog shows a bar and a Cancel button while work runs off the
// UI goroutine (an export, an import, a document); report and close may be
// called from any goroutine: they go through fyne.Do.
type progressDialog struct {
	bar    *widget.ProgressBar
	cancel *widget.Button
	d      dialog.Dialog
}

func newProgressDialog(h Host, title, cancelLabel string, stop context.CancelFunc) *progressDialog {
	p := &progressDialog{bar: widget.NewProgressBar()}
	p.cancel = widget.NewButtonWithIcon(cancelLabel, theme.CancelIcon(), func() {
		stop()
		p.cancel.Disable()
	})
	p.d = dialog.NewCustomWithoutButtons(title, container.NewVBox(p.bar, p.cancel), h.Window())
	p.d.Show()
	return p
}

// reportHook, set only by tests, runs first in every report, on the
// goroutine doing the work: tests hold an export or import there.
var reportHook func(done, total int64)

// report is a progress callback safe to call from any goroutine.
func (p *progressDialog) report(done, total int64) {
	if reportHook != nil {
		reportHook(done, total)
	}
	if total <= 0 {
		return
	}
	fyne.Do(func() { p.bar.SetValue(float64(done) / float64(total)) })
}

func (p *progressDialog) close() { fyne.Do(p.d.Hide) }
