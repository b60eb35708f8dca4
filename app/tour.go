package app

import (
	"fmt"
	"image"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"kintrace/crypto"
)

// Tour runs the real GUI (it needs a display) through its screens for the
// documentation's screenshots and calls save with each captured window. It
// works in dir, where it creates a demo vault and a path for first run,
// never touching the user's vault or preferences. For each language it
// captures first run, the recovery key screen, the demo vault's unlock
// screen, the case list, a search, and the case editor when there is one.
// It blocks until done.
func Tour(dir string, languages []string, save func(name string, img image.Image) error) error {
	a := fyneapp.NewWithID(appID + ".tour")
	a.SetIcon(iconResource)
	w := a.NewWindow(windowTitle)
	w.Resize(fyne.NewSize(1120, 740))
	w.SetFixedSize(true)
	u := newUI(a, w, filepath.Join(dir, "vault.kintrace"), filepath.Join(dir, "demo.kintrace"), systemClock{})
	var result error
	go func() {
		defer fyne.Do(a.Quit)
		result = tour(u, languages, save)
		fyne.DoAndWait(u.shutdown)
	}()
	fyne.Do(u.start)
	w.ShowAndRun()
	return result
}

func tour(u *UI, languages []string, save func(string, image.Image) error) error {
	settle := func() { time.Sleep(900 * time.Millisecond) } // let the window paint
	shot := func(name string) error {
		settle()
		var img image.Image
		fyne.DoAndWait(func() { img = u.win.Canvas().Capture() })
		return save(name, img)
	}
	// finish waits for vault work and for what it queued with fyne.Do.
	finish := func() {
		u.work.Wait()
		fyne.DoAndWait(func() {})
	}
	// Create the demo vault once (its KDF is calibrated as for real use).
	fyne.DoAndWait(u.openDemo)
	finish()
	var err error
	fyne.DoAndWait(func() {
		if u.desk == nil {
			err = fmt.Errorf("app: tour: demo vault did not open")
		}
	})
	if err != nil {
		return err
	}
	for i, code := range languages {
		theme := themeLight
		if i%2 == 1 {
			theme = themeDark // show both looks
		}
		fyne.DoAndWait(func() {
			u.prefs.Language, u.prefs.Theme = code, theme
			u.app.Settings().SetTheme(newTheme(theme))
			err = applyLanguage(code)
			u.switchVault(u.mainPath)
			u.showFirstRun()
			u.firstRun.pass1.Set([]byte("маяк сосна облако"))
			u.firstRun.validate()
		})
		if err != nil {
			return err
		}
		if err := shot("firstrun-" + code); err != nil {
			return err
		}
		fyne.DoAndWait(func() {
			var key string
			key, err = sampleRecoveryKey()
			if err == nil {
				u.showRecovery(key)
			}
		})
		if err != nil {
			return err
		}
		if err := shot("recovery-" + code); err != nil {
			return err
		}
		fyne.DoAndWait(func() { u.switchVault(u.demoPath) })
		if err := shot("unlock-" + code); err != nil {
			return err
		}
		var about *aboutDialog
		fyne.DoAndWait(func() { about = u.openAbout() })
		if err := shot("about-" + code); err != nil {
			return err
		}
		fyne.DoAndWait(about.dialog.Hide)
		fyne.DoAndWait(u.unlock.submit)
		finish()
		fyne.DoAndWait(func() {
			if _, ok := u.screen.(*todayScreen); ok {
				u.showDesk() // Today comes first after unlock: tourCasework shows it
			}
		})
		// Two cases ticked, as for a bundle to a colleague.
		fyne.DoAndWait(func() { u.desk.tick(1, true); u.desk.tick(2, true) })
		if err := shot("cases-" + code); err != nil {
			return err
		}
		fyne.DoAndWait(u.desk.clearSelection)
		fyne.DoAndWait(func() { u.desk.search.SetText("ik-17") })
		if err := shot("search-" + code); err != nil {
			return err
		}
		if openEditor != nil {
			if err := tourEditor(u, code, shot); err != nil {
				return err
			}
		}
		for _, scene := range tourScenes {
			if err := scene(u, code, shot); err != nil {
				return err
			}
		}
		fyne.DoAndWait(u.lockNow)
	}
	return nil
}

// sampleRecoveryKey makes a recovery key for a throwaway master key, for the
// recovery screen's screenshot; it opens nothing.
func sampleRecoveryKey() (string, error) {
	master, err := crypto.NewKey()
	if err != nil {
		return "", err
	}
	defer master.Wipe()
	_, key, err := crypto.NewRecoverySlot([]byte("tour"), "recovery", master)
	return key, err
}
