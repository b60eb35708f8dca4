package app

import (
	"context"
	"encoding/json"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/vault"
)

// conflictTab is the case editor's "Conflicts" tab: for each incoming
// version that diverged from this case, the differing fields side by side
// (mine, theirs) with a choice per field, and three ways out: save the
// chosen mix as the next version, keep both as separate cases, or keep
// mine and drop theirs.
type conflictTab struct {
	host  Host
	local cases.Case
	root  *fyne.Container

	// choices holds, per conflict id, the radio of each field.
	choices map[string]map[string]*widget.RadioGroup
	save    map[string]*widget.Button
}

func newConflictTab(h Host, c cases.Case) *conflictTab {
	t := &conflictTab{host: h, local: c, root: container.NewVBox(),
		choices: map[string]map[string]*widget.RadioGroup{}, save: map[string]*widget.Button{}}
	t.reload()
	return t
}

func (t *conflictTab) reload() {
	t.root.RemoveAll()
	v := t.host.Store()
	if v == nil {
		return
	}
	list, err := v.CaseConflicts(context.Background(), t.local.ID)
	if err != nil {
		t.root.Add(widget.NewLabel(bundleErrorMessage(err)))
		return
	}
	if len(list) == 0 {
		t.root.Add(widget.NewLabel(lang.L("bundle.conflict.none")))
		return
	}
	for _, cf := range list {
		t.root.Add(t.conflictBox(cf))
	}
}

// fieldValue is a field of a case as compact text, for showing side by
// side.
func fieldValue(c cases.Case, unit string) string {
	var m map[string]any
	b, _ := json.Marshal(c)
	json.Unmarshal(b, &m)
	var val any
	if rest, ok := strings.CutPrefix(unit, "person."); ok {
		if p, ok := m["person"].(map[string]any); ok {
			val = p[rest]
		}
	} else {
		val = m[unit]
	}
	switch x := val.(type) {
	case nil:
		return "—"
	case string:
		return x
	}
	out, _ := json.MarshalIndent(val, "", " ")
	return string(out)
}

func (t *conflictTab) conflictBox(cf vault.Conflict) fyne.CanvasObject {
	from := cf.SenderName
	if from == "" {
		from = cf.Sender
	}
	head := widget.NewLabelWithStyle(lang.X("bundle.conflict.from", "Version {{.Version}} from {{.From}}, received {{.When}}",
		map[string]any{"Version": cf.Incoming.Version, "From": from, "When": formatTime(cf.ReceivedAt)}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	mine, theirs := lang.L("bundle.conflict.mine"), lang.L("bundle.conflict.theirs")
	grid := container.NewGridWithColumns(4,
		widget.NewLabelWithStyle(lang.L("bundle.conflict.field"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(mine, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(theirs, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(""))
	radios := map[string]*widget.RadioGroup{}
	for _, f := range cases.ConflictFields(t.local, cf.Incoming) {
		a := widget.NewLabel(fieldValue(t.local, f))
		a.Wrapping = fyne.TextWrapWord
		b := widget.NewLabel(fieldValue(cf.Incoming, f))
		b.Wrapping = fyne.TextWrapWord
		r := widget.NewRadioGroup([]string{mine, theirs}, nil)
		r.SetSelected(mine)
		r.Required = true
		radios[f] = r
		grid.Add(widget.NewLabel(f))
		grid.Add(a)
		grid.Add(b)
		grid.Add(r)
	}
	t.choices[cf.ID] = radios
	save := widget.NewButton(lang.L("bundle.conflict.save"), func() { t.resolve(cf) })
	save.Importance = widget.HighImportance
	t.save[cf.ID] = save
	both := widget.NewButton(lang.L("bundle.conflict.keep_both"), func() { t.keepBoth(cf) })
	dismiss := widget.NewButton(lang.L("bundle.conflict.keep_mine"), func() {
		dialog.ShowConfirm(lang.L("bundle.conflict.keep_mine"), lang.L("bundle.conflict.keep_mine_question"), func(ok bool) {
			if ok {
				t.dismiss(cf)
			}
		}, t.host.Window())
	})
	buttons := container.NewHBox(save, both, dismiss)
	if take := takeTheirsButton(t, cf); take != nil {
		buttons.Add(take) // exchange_conflict.go
	}
	return container.NewVBox(head, grid, buttons, widget.NewSeparator())
}

func (t *conflictTab) theirsLabel() string { return lang.L("bundle.conflict.theirs") }

// taken lists the fields set to "theirs" for a conflict.
func (t *conflictTab) taken(id string) []string {
	var out []string
	for f, r := range t.choices[id] {
		if r.Selected == t.theirsLabel() {
			out = append(out, f)
		}
	}
	return out
}

func (t *conflictTab) resolve(cf vault.Conflict) {
	merged, err := cases.MergeCase(t.local, cf.Incoming, t.taken(cf.ID))
	if err != nil {
		showBundleError(t.host, err)
		return
	}
	if _, err := t.host.Store().ResolveConflict(context.Background(), cf.ID, merged); err != nil {
		showBundleError(t.host, err)
		return
	}
	t.host.Refresh()
	t.host.OpenCase(t.local.ID)
}

func (t *conflictTab) keepBoth(cf vault.Conflict) {
	c, err := t.host.Store().KeepBothConflict(context.Background(), cf.ID)
	if err != nil {
		showBundleError(t.host, err)
		return
	}
	t.host.Refresh()
	dialog.ShowInformation(lang.L("bundle.conflict.keep_both"), lang.X("bundle.conflict.kept_both", "Their version is now case {{.Number}}.",
		map[string]any{"Number": c.Number}), t.host.Window())
	t.reload()
}

func (t *conflictTab) dismiss(cf vault.Conflict) {
	if err := t.host.Store().DismissConflict(context.Background(), cf.ID); err != nil {
		showBundleError(t.host, err)
		return
	}
	t.reload()
}
