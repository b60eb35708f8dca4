package app

import (
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// stateLog receives one line per state the window reaches, but only in a
// test binary that asked for it (ReportStatesForTests): the tests that
// drive the real process under Xvfb (main package: TestMemoryAfterLock,
// TestOfflineGUI) wait for these lines instead of sleeping, and learn from
// them where on the screen to click.
var stateLog struct {
	mu sync.Mutex
	w  io.Writer
}

// ReportStatesForTests makes the window write a line to w whenever it shows
// the unlock screen ("unlock"), the desk ("desk X Y W H ROW": the case
// list's place in the window and the distance between its rows), a screen the desk
// opened ("screen X Y": the middle of its Back button), and when a lock has
// finished dropping everything ("locked"). Places are in pixels. It panics
// outside a test binary.
func ReportStatesForTests(w io.Writer) {
	if !testing.Testing() {
		panic("app: ReportStatesForTests called outside a test binary")
	}
	stateLog.mu.Lock()
	stateLog.w = w
	stateLog.mu.Unlock()
}

// reporting tells whether a test asked for state lines.
func reporting() bool {
	stateLog.mu.Lock()
	defer stateLog.mu.Unlock()
	return stateLog.w != nil
}

// reportState writes a state line when a test asked for them.
func (u *UI) reportState(format string, args ...any) {
	stateLog.mu.Lock()
	defer stateLog.mu.Unlock()
	if stateLog.w != nil {
		fmt.Fprintf(stateLog.w, format+"\n", args...)
	}
}

// reportDesk reports the desk with the case list's place and row height.
func (u *UI) reportDesk() {
	if u.desk == nil || !reporting() {
		return
	}
	list := u.desk.list
	// a row's height and the padding between rows (widget.List's layout)
	row := newCaseRow(u.desk.rowLayout, func(int, bool) {}).MinSize().Height + list.Theme().Size(theme.SizeNamePadding)
	u.reportPlace(list, func() bool { return u.desk != nil && u.desk.list == list }, func(p fyne.Position, k float32) {
		s := list.Size()
		u.reportState("desk %.0f %.0f %.0f %.0f %.0f", p.X*k, p.Y*k, s.Width*k, s.Height*k, row*k)
	})
}

// reportScreen reports a screen the desk opened, with its Back button.
func (u *UI) reportScreen(o fyne.CanvasObject) {
	if !reporting() {
		return
	}
	e, ok := o.(*editorScreen)
	if !ok {
		u.reportState("screen")
		return
	}
	u.reportPlace(e.back, func() bool { return u.screen == o }, func(p fyne.Position, k float32) {
		s := e.back.Size()
		u.reportState("screen %.0f %.0f", (p.X+s.Width/2)*k, (p.Y+s.Height/2)*k)
	})
}

// reportPlace calls report with o's place in the window and the canvas
// scale once the window has drawn o (the driver knows where an object is
// only after drawing it) and no work started with Go runs (a screen has
// loaded all it loads), unless o's screen left first (onShow turns false).
// It checks every 10 ms off the UI goroutine.
func (u *UI) reportPlace(o fyne.CanvasObject, onShow func() bool, report func(p fyne.Position, scale float32)) {
	d := u.app.Driver()
	go func() {
		for {
			done := false
			fyne.DoAndWait(func() {
				switch {
				case !onShow():
					done = true
				case d.CanvasForObject(o) != nil && u.running.Load() == 0:
					done = true
					report(d.AbsolutePositionForObject(o), u.win.Canvas().Scale())
				}
			})
			if done {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
}
