package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
)

// tourLook is the screenshot tour's scene for the app's look: "Contacts &
// my key" with its QR code, the case list and a case's timeline, and the
// case list and a case in a 900 px window, each in the light and the dark
// theme.
func tourLook(u *UI, code string, shot func(name string) error) error {
	// finish waits for vault work, then paints twice: under Xvfb the
	// capture can return the frame before the last one.
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
	if u.Store() == nil {
		return fmt.Errorf("app: tour: the vault is locked")
	}
	var size fyne.Size
	fyne.DoAndWait(func() { size = u.win.Canvas().Size() })
	defer fyne.DoAndWait(func() {
		u.app.Settings().SetTheme(newTheme(u.prefs.Theme))
		u.win.Resize(size)
	})
	for _, th := range []string{themeLight, themeDark} {
		fyne.DoAndWait(func() {
			u.app.Settings().SetTheme(newTheme(th))
			u.win.Resize(size)
			u.showDesk()
		})
		var cv *contactsView
		fyne.DoAndWait(func() { cv = showContacts(u) })
		if cv == nil {
			return fmt.Errorf("app: tour: no contacts view")
		}
		finish()
		if err := shot("contacts-" + code + "-" + th); err != nil {
			return err
		}
		fyne.DoAndWait(cv.dialog.Hide)

		// The case list and a case's timeline at full size: proof of life
		// (days since the last confirmed contact, unconfirmed signs since).
		finish()
		if err := shot("list-" + code + "-" + th); err != nil {
			return err
		}
		if openEditor != nil {
			var ed *editorScreen
			fyne.DoAndWait(func() {
				if len(u.desk.results) > 0 {
					u.openCase(u.desk.results[0].ID)
				}
				ed, _ = u.screen.(*editorScreen)
				if ed != nil {
					ed.tabs.Select(ed.tabFor[sectionTimeline])
				}
			})
			finish()
			if ed != nil {
				if err := shot("timeline-" + code + "-" + th); err != nil {
					return err
				}
			}
			fyne.DoAndWait(u.showDesk)
		}

		fyne.DoAndWait(func() { u.win.Resize(fyne.NewSize(900, size.Height)) })
		finish()
		if err := shot("cases-900-" + code + "-" + th); err != nil {
			return err
		}
		if openEditor != nil {
			fyne.DoAndWait(func() {
				if len(u.desk.results) > 0 {
					u.openCase(u.desk.results[0].ID)
				}
			})
			finish()
			if err := shot("editor-900-" + code + "-" + th); err != nil {
				return err
			}
		}
	}
	fyne.DoAndWait(u.showDesk)
	return nil
}
