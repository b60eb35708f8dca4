package app

import (
	"testing"
	"time"
)

// Every feature form opened from the window (bundle export, contacts,
// documents, patterns) closes when the window locks: none may stay on
// screen over the unlock screen.
func TestFeatureDialogsCloseOnLock(t *testing.T) {
	opens := map[string]func(h Host){
		"export bundle": func(h Host) { showExport(h) },
		"contacts":      func(h Host) { showContacts(h) },
		"case file":     func(h Host) { showReportForm(h, docCaseFile) },
		"overview":      func(h Host) { showOverview(h, time.Now()) },
	}
	for name, open := range opens {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			h.createVault()
			h.addCase(lebedev)
			h.ui.showDesk()
			open(h.ui)
			h.wait()
			if n := len(h.win.Canvas().Overlays().List()); n != 1 {
				t.Fatalf("%d overlays with the %s dialog open, want 1", n, name)
			}
			h.ui.lockNow()
			h.wait()
			if n := len(h.win.Canvas().Overlays().List()); n != 0 {
				t.Errorf("%d overlays after locking: the %s dialog stayed on screen", n, name)
			}
		})
	}
}
