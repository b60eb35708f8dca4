package app

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/search"
	"kintrace/cases/vault"
)

// Saved views and the choice of columns belong to the vault, not to the
// computer: they are kept sealed in it as one record (kind deskRecordKind),
// so a view named after a case ("Wagner accountant") is never in Fyne's
// preferences file, and each vault has its own.

const (
	deskRecordKind = "desk"
	deskRecordID   = "settings"
)

// deskSettings is what the record holds.
type deskSettings struct {
	Columns []string    `json:"columns,omitempty"`
	Views   []savedView `json:"views,omitempty"`
	// LastFolder is where a file was last chosen in a file dialog, so the
	// next dialog of this vault opens there.
	LastFolder string `json:"last_folder,omitempty"`
	// NoToday switches off the Today view after unlock (today.go).
	NoToday bool `json:"no_today,omitempty"`
}

// savedView is a named search: text, filters and sort.
type savedView struct {
	Name  string       `json:"name"`
	Query search.Query `json:"query"`
}

// deskViews is the desk's "Views" menu, its "Columns" menu, and the
// settings behind them.
type deskViews struct {
	d        *deskScreen
	settings deskSettings
	views    *widget.Select
	save     *widget.Button
	remove   *widget.Button
	columns  *widget.Button
	box      *fyne.Container
}

func newDeskViews(d *deskScreen) *deskViews {
	v := &deskViews{d: d}
	v.views = widget.NewSelect(nil, func(string) { v.apply() })
	v.views.PlaceHolder = lang.L("views.placeholder")
	v.save = widget.NewButtonWithIcon("", theme.DocumentSaveIcon(), v.askSave)
	v.save.Importance = widget.LowImportance
	v.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), v.askRemove)
	v.remove.Importance = widget.LowImportance
	v.remove.Disable()
	v.columns = widget.NewButtonWithIcon(lang.L("columns.button"), theme.ListIcon(), v.showColumnsMenu)
	v.columns.Importance = widget.LowImportance
	v.box = container.NewHBox(container.New(fixedWidth{width: 180}, v.views), v.save, v.remove, v.columns)
	v.load()
	return v
}

// store is the sealed record store: the real vault, unlocked.
func (v *deskViews) store() *vault.Vault { return v.d.ui.Store() }

// load reads the vault's desk settings and shows them.
func (v *deskViews) load() {
	v.settings = deskSettings{}
	if st := v.store(); st != nil {
		data, err := st.GetRecord(context.Background(), deskRecordKind, deskRecordID)
		switch {
		case err == nil:
			if json.Unmarshal(data, &v.settings) != nil {
				v.settings = deskSettings{} // unreadable: start afresh
			}
		case !errors.Is(err, vault.ErrNotFound):
			v.d.ui.showError(err)
		}
	}
	v.fill()
	v.d.showColumns(v.settings.Columns)
	if v.store() != nil {
		chooserLast = v.settings.LastFolder
		chooserRemember = v.rememberFolder
	}
}

// rememberFolder keeps the folder a file dialog chose a file in.
func (v *deskViews) rememberFolder(dir string) {
	if dir == v.settings.LastFolder {
		return
	}
	v.settings.LastFolder = dir
	v.persist()
}

// persist writes the settings back to the vault.
func (v *deskViews) persist() {
	st := v.store()
	if st == nil {
		return
	}
	data, err := json.Marshal(v.settings)
	if err != nil {
		return
	}
	if err := st.PutRecord(context.Background(), deskRecordKind, deskRecordID, data); err != nil {
		v.d.ui.showError(err)
	}
}

func (v *deskViews) fill() {
	changed := v.views.OnChanged
	v.views.OnChanged = nil
	v.views.Options = nil
	for _, sv := range v.settings.Views {
		v.views.Options = append(v.views.Options, sv.Name)
	}
	v.views.ClearSelected()
	v.views.OnChanged = changed
	v.remove.Disable()
}

// apply shows the chosen view's search.
func (v *deskViews) apply() {
	i := v.views.SelectedIndex()
	if i < 0 || i >= len(v.settings.Views) {
		v.remove.Disable()
		return
	}
	v.remove.Enable()
	v.d.showQuery(v.settings.Views[i].Query)
}

// askSave asks for a name and saves the current search under it; a name in
// use is replaced.
func (v *deskViews) askSave() {
	name := v.d.ui.newEntry()
	name.SetPlaceHolder(lang.L("views.name.placeholder"))
	if i := v.views.SelectedIndex(); i >= 0 {
		name.SetText(v.settings.Views[i].Name)
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.L("views.name"), name)}
	d := dialog.NewForm(lang.L("views.save.title"), lang.L("views.save.ok"), lang.L("views.cancel"), items, func(ok bool) {
		if ok {
			v.saveAs(name.Text)
		}
	}, v.d.ui.win)
	d.Resize(fyne.NewSize(420, 0))
	v.d.ui.showDialog(d)
	v.d.ui.win.Canvas().Focus(name)
}

// saveAs saves the current search as the view name.
func (v *deskViews) saveAs(name string) {
	name = strings.TrimSpace(name)
	if name == "" {
		return
	}
	q := v.d.query
	q.Limit = 0
	sv := savedView{Name: name, Query: q}
	if i := slices.IndexFunc(v.settings.Views, func(x savedView) bool { return x.Name == name }); i >= 0 {
		v.settings.Views[i] = sv
	} else {
		v.settings.Views = append(v.settings.Views, sv)
	}
	v.persist()
	v.fill()
	v.selectQuietly(name)
}

func (v *deskViews) selectQuietly(name string) {
	changed := v.views.OnChanged
	v.views.OnChanged = nil
	v.views.SetSelected(name)
	v.views.OnChanged = changed
	v.remove.Enable()
}

// askRemove deletes the chosen view after a confirmation.
func (v *deskViews) askRemove() {
	i := v.views.SelectedIndex()
	if i < 0 || i >= len(v.settings.Views) {
		return
	}
	name := v.settings.Views[i].Name
	v.d.ui.showDialog(dialog.NewConfirm(lang.L("views.remove.title"), lang.L("views.remove.confirm", map[string]any{"Name": name}),
		func(ok bool) {
			if ok {
				v.removeView(name)
			}
		}, v.d.ui.win))
}

func (v *deskViews) removeView(name string) {
	v.settings.Views = slices.DeleteFunc(v.settings.Views, func(x savedView) bool { return x.Name == name })
	v.persist()
	v.fill()
}

// showColumnsMenu pops up the optional columns with check marks.
func (v *deskViews) showColumnsMenu() {
	var items []*fyne.MenuItem
	for _, c := range listColumns {
		if !c.optional {
			continue
		}
		item := fyne.NewMenuItem(lang.L(c.title), func() { v.toggleColumn(c.key) })
		item.Checked = slices.Contains(v.settings.Columns, c.key)
		items = append(items, item)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(v.columns)
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), v.d.ui.win.Canvas(),
		pos.Add(fyne.NewPos(0, v.columns.Size().Height)))
}

// toggleColumn shows or hides an optional column and keeps the choice.
func (v *deskViews) toggleColumn(key string) {
	if slices.Contains(v.settings.Columns, key) {
		v.settings.Columns = slices.DeleteFunc(v.settings.Columns, func(k string) bool { return k == key })
	} else {
		v.settings.Columns = append(v.settings.Columns, key)
	}
	v.persist()
	v.d.showColumns(v.settings.Columns)
}

// wipe forgets the views' names (on lock).
func (v *deskViews) wipe() {
	v.settings = deskSettings{}
	chooserLast, chooserRemember = "", nil
	v.views.OnChanged = nil
	v.views.Options = nil
	v.views.ClearSelected()
}
