package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/search"
	"kintrace/cases/vault"
)

// The window is the Host of feature screens: their actions run from the
// desk's "More" menu and their tabs sit in the case editor.
var _ Host = (*UI)(nil)

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// Store is the unlocked vault, or nil while there is none or it is locked.
func (u *UI) Store() *vault.Vault {
	v, ok := u.vault.(*vault.Vault)
	if !ok || v == nil || v.Locked() {
		return nil
	}
	return v
}

// OpenCase opens a case in the editor, asking first about unsaved changes
// in the case on show.
func (u *UI) OpenCase(id string) {
	u.leaveScreen(func() { u.openCase(id) })
}

// ShowCases shows the case list with q's search text, filters and sort.
func (u *UI) ShowCases(q search.Query) {
	u.leaveScreen(func() {
		if u.vault == nil || u.vault.Locked() {
			return
		}
		if u.desk == nil {
			u.showDesk()
		}
		u.desk.showQuery(q)
	})
}

// Refresh reloads the case list and its filter menus after cases changed
// outside the editor.
func (u *UI) Refresh() {
	if u.desk != nil {
		u.desk.fillFilters()
		u.desk.refresh()
	}
}

// leaveScreen runs then once the screen on show may be left: the editor
// asks about unsaved changes first.
func (u *UI) leaveScreen(then func()) {
	if ed, ok := u.screen.(*editorScreen); ok {
		ed.leave(then)
		return
	}
	then()
}

// showQuery sets the desk's search box, filters and sort to q.
func (d *deskScreen) showQuery(q search.Query) {
	d.search.SetText(q.Text)
	pick := func(s *widget.Select, values []string, v string) {
		if i := slices.Index(values, v); i >= 0 && i < len(s.Options) {
			s.SetSelectedIndex(i)
		} else if len(s.Options) > 0 {
			s.SetSelectedIndex(0)
		}
	}
	pick(d.status, d.statusValues, string(q.Status))
	pick(d.facility, d.facilityValues, q.Facility)
	pick(d.region, d.regionValues, q.Region)
	pick(d.tag, d.tagValues, q.Tag)
	pick(d.verification, d.verificationValues, string(q.Verification))
	if i := slices.Index(sortChoices, q.Sort); i >= 0 {
		d.sort.SetSelectedIndex(i)
	}
	d.query = q
	d.refresh()
}

// actionsMenu is the menu of the features' registered actions.
func (u *UI) actionsMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, a := range Actions() {
		item := fyne.NewMenuItem(lang.L(a.Label), func() {
			u.touch()
			a.Run(u)
		})
		item.Icon = a.Icon
		items = append(items, item)
	}
	return fyne.NewMenu(lang.L("editor.more"), items...)
}

// newMoreButton is the desk's "More" button: it opens the actions menu. It
// is hidden while no feature registered an action.
func (u *UI) newMoreButton() *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon(lang.L("editor.more"), theme.MoreVerticalIcon(), func() {
		u.touch()
		widget.ShowPopUpMenuAtRelativePosition(u.actionsMenu(), u.win.Canvas(), fyne.NewPos(0, b.Size().Height), b)
	})
	if len(Actions()) == 0 {
		b.Hide()
	}
	return b
}
