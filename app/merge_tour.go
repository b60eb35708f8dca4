package app

import (
	"fmt"

	"fyne.io/fyne/v2"
)

// tourMerge captures the side-by-side merge view of the first pair the
// duplicates view d shows, in both themes: merge-<code>-light and
// merge-<code>-dark. finish waits for vault work and repaints.
func tourMerge(u *UI, d *dupesView, code string, shot func(name string) error, finish func()) error {
	var ok bool
	fyne.DoAndWait(func() {
		if ok = len(d.rows) > 0; ok {
			d.confirmMerge(d.rows[0])
		}
	})
	if !ok {
		return fmt.Errorf("app: tour: the demo vault has no duplicates to merge")
	}
	finish()
	if d.confirm == nil {
		return fmt.Errorf("app: tour: the merge view did not open")
	}
	was := u.prefs.Theme
	for _, th := range []string{themeLight, themeDark} {
		fyne.DoAndWait(func() { u.app.Settings().SetTheme(newTheme(th)) })
		finish()
		if err := shot("merge-" + code + "-" + th); err != nil {
			return err
		}
	}
	fyne.DoAndWait(func() {
		u.app.Settings().SetTheme(newTheme(was))
		d.confirm.Hide()
	})
	return nil
}
