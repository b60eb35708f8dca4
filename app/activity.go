package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// trackedEntry is the entry every screen uses: typing into it counts as
// activity for the idle lock, Escape closes the topmost dialog, and the
// window's shortcuts (Ctrl+L, Ctrl+N, Ctrl+F…) work while it has focus — a
// plain widget.Entry swallows shortcuts it does not know.
type trackedEntry struct {
	widget.Entry
	ui *UI
}

// AcceptsTab is false for every tracked entry, multi-line ones included:
// Tab and Shift+Tab move to the next and the previous field (Fyne's
// multi-line entry would type a tab character and keep the focus, a trap
// for keyboard users). Ctrl+Tab types a tab into a multi-line entry.
func (e *trackedEntry) AcceptsTab() bool { return false }

// isLiteralTab reports whether s is Ctrl+Tab, the shortcut that types a tab
// character into a multi-line entry.
func isLiteralTab(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && cs.KeyName == fyne.KeyTab && cs.Modifier == fyne.KeyModifierControl
}

// newEntry returns a single-line tracked entry.
func (u *UI) newEntry() *trackedEntry {
	e := &trackedEntry{ui: u}
	e.ExtendBaseWidget(e)
	return e
}

// newMultiLineEntry returns a wrapping multi-line tracked entry.
func (u *UI) newMultiLineEntry() *trackedEntry {
	e := &trackedEntry{ui: u}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// hostEntry returns a single-line entry for a feature screen: tracked like
// every other entry when the host is the app's window (feature tests may
// use a host of their own, whose entries are plain).
func hostEntry(h Host) *trackedEntry {
	ui, _ := h.(*UI)
	e := &trackedEntry{ui: ui}
	e.ExtendBaseWidget(e)
	return e
}

// hostMultiLineEntry is hostEntry, multi-line and wrapping.
func hostMultiLineEntry(h Host) *trackedEntry {
	e := hostEntry(h)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

func (e *trackedEntry) TypedRune(r rune) {
	if e.ui != nil {
		e.ui.touch()
	}
	e.Entry.TypedRune(r)
}

func (e *trackedEntry) TypedKey(k *fyne.KeyEvent) {
	if e.ui != nil {
		e.ui.touch()
		if k.Name == fyne.KeyEscape && e.ui.escape() {
			return
		}
	}
	e.Entry.TypedKey(k)
}

func (e *trackedEntry) TypedShortcut(s fyne.Shortcut) {
	if isLiteralTab(s) {
		if e.ui != nil {
			e.ui.touch()
		}
		if e.MultiLine && !e.Disabled() {
			e.Entry.TypedRune('\t')
		}
		return
	}
	if e.ui != nil {
		e.ui.touch()
		if e.ui.runShortcut(s) {
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// activityLayer wraps each screen: pointer movement and taps that reach the
// window's background count as activity for the idle lock.
type activityLayer struct {
	widget.BaseWidget
	content fyne.CanvasObject
	touch   func()
}

var (
	_ desktop.Hoverable = (*activityLayer)(nil)
	_ fyne.Tappable     = (*activityLayer)(nil)
)

func newActivityLayer(content fyne.CanvasObject, touch func()) *activityLayer {
	l := &activityLayer{content: content, touch: touch}
	l.ExtendBaseWidget(l)
	return l
}

func (l *activityLayer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(l.content)
}

func (l *activityLayer) MouseIn(*desktop.MouseEvent)    { l.touch() }
func (l *activityLayer) MouseMoved(*desktop.MouseEvent) { l.touch() }
func (l *activityLayer) MouseOut()                      { l.touch() }
func (l *activityLayer) Tapped(*fyne.PointEvent)        { l.touch() }
