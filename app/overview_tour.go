package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/search"
)

// tourPatterns is the screenshot tour's patterns scene: the "Linked cases"
// tab of the demo case that shares the most, the "Shared identifiers" view
// with a row selected, the "Possible duplicates" view and the "Overview".
func tourPatterns(u *UI, code string, shot func(name string) error) error {
	// finish waits for vault work, then paints the window twice: under
	// Xvfb the capture can return the frame before the last one.
	finish := func() {
		u.work.Wait()
		for range 2 {
			time.Sleep(600 * time.Millisecond)
			fyne.DoAndWait(func() {
				u.win.Content().Refresh()
				if top := u.win.Canvas().Overlays().Top(); top != nil {
					top.Refresh()
				}
			})
		}
	}
	v := u.Store()
	if v == nil {
		return fmt.Errorf("app: tour: the vault is locked")
	}
	// The case with the most linked cases.
	var caseID string
	best := 0
	for _, o := range v.Search(search.Query{}) {
		n := 0
		for _, l := range v.Identifiers().Links(o.ID) {
			n += l.Total
		}
		if n > best {
			caseID, best = o.ID, n
		}
	}
	if caseID == "" {
		return fmt.Errorf("app: tour: no demo case has links")
	}
	opened := false
	fyne.DoAndWait(func() {
		u.openCase(caseID)
		ed, ok := u.screen.(*editorScreen)
		if !ok {
			return
		}
		for _, item := range ed.extTabs {
			if item.Text == lang.L("patterns.links.tab") {
				ed.tabs.Select(item)
				opened = true
			}
		}
	})
	if !opened {
		return fmt.Errorf("app: tour: the linked cases tab did not open")
	}
	finish()
	if err := shot("links-" + code); err != nil {
		return err
	}

	var s *sharedView
	fyne.DoAndWait(func() { s = showSharedView(u) })
	if s == nil {
		return fmt.Errorf("app: tour: no shared identifiers view")
	}
	u.work.Wait() // the query runs off the UI goroutine
	fyne.DoAndWait(func() {
		if len(s.rows) > 0 {
			s.table.Select(widget.TableCellID{Row: 0, Col: colIdent})
		}
	})
	finish()
	if err := shot("shared-" + code); err != nil {
		return err
	}
	fyne.DoAndWait(s.dialog.Hide)

	var d *dupesView
	fyne.DoAndWait(func() { d = showDupesView(u) })
	finish()
	if err := shot("duplicates-" + code); err != nil {
		return err
	}
	if err := tourMerge(u, d, code, shot, finish); err != nil {
		return err
	}
	fyne.DoAndWait(d.dialog.Hide)

	var o *overviewView
	fyne.DoAndWait(func() { o = showOverview(u, time.Now()) })
	finish()
	if err := shot("overview-" + code); err != nil {
		return err
	}
	fyne.DoAndWait(o.dialog.Hide)
	return nil
}
