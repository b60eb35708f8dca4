package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// fileDropTarget is a case editor tab that takes the files dropped onto the
// window (the Attachments tab).
type fileDropTarget interface {
	dropFiles(uris []fyne.URI)
}

// dropped is the window's one drop handler (newUI sets it; tabs never set
// their own, so none overwrites another): files dropped while a saved case
// is open in the editor go to that case's Attachments tab, which comes to
// the front and adds them as its "Add files…" does. Otherwise a toast says
// what to do first.
func (u *UI) dropped(_ fyne.Position, uris []fyne.URI) {
	u.touch()
	if len(uris) == 0 {
		return
	}
	if ed, ok := u.screen.(*editorScreen); ok && !ed.closed {
		if ed.dropFiles(uris) {
			return
		}
		if ed.saved.ID == "" {
			u.showToast(lang.L("desk.drop.save_first"))
			return
		}
	}
	u.showToast(lang.L("desk.drop.open_case"))
}

// dropFiles shows the first tab that takes dropped files and hands them to
// it; it reports whether there was one (a new case has no such tab until
// it is saved).
func (e *editorScreen) dropFiles(uris []fyne.URI) bool {
	for _, t := range e.extTabs {
		if target, ok := t.Content.(fileDropTarget); ok {
			e.tabs.Select(t)
			target.dropFiles(uris)
			return true
		}
	}
	return false
}
