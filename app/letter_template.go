package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/letter"
)

// templateEditor edits the template of the letter dialog's kind and
// language: the user's own, or the default to start from. Saving checks
// the template first (a fault is shown with its line and nothing is
// saved) and keeps it sealed in the vault; "Restore default" removes it.
type templateEditor struct {
	d       *letterDialog
	kind    letter.Kind
	lang    letter.Lang
	text    *trackedEntry
	problem *widget.Label
	saveBtn *widget.Button
	reset   *widget.Button
	cancel  *widget.Button
	dialog  *dialog.CustomDialog
}

func (d *letterDialog) openTemplateEditor() {
	v := d.host.Store()
	if v == nil {
		return
	}
	k, l := d.chosen()
	src, err := v.Template(context.Background(), string(k), string(l))
	if err != nil {
		if src, err = letter.Default(k, l); err != nil {
			dialog.ShowError(err, d.host.Window())
			return
		}
	}
	e := &templateEditor{d: d, kind: k, lang: l}
	e.text = hostMultiLineEntry(d.host)
	e.text.Wrapping = fyne.TextWrapWord
	e.text.TextStyle = fyne.TextStyle{Monospace: true}
	e.text.SetText(string(src))
	e.problem = widget.NewLabel("")
	e.problem.Importance = widget.DangerImportance
	e.problem.Wrapping = fyne.TextWrapWord
	e.problem.Hide()
	help := widget.NewLabel(lang.L("letter.template.help"))
	help.Wrapping = fyne.TextWrapWord
	help.Importance = widget.LowImportance
	e.saveBtn = widget.NewButtonWithIcon(lang.L("letter.template.save"), theme.DocumentSaveIcon(), e.save)
	e.saveBtn.Importance = widget.HighImportance
	e.reset = widget.NewButtonWithIcon(lang.L("letter.template.reset"), theme.HistoryIcon(), e.restoreDefault)
	e.cancel = widget.NewButtonWithIcon(lang.L("letter.template.cancel"), theme.CancelIcon(), func() { e.dialog.Hide() })
	title := lang.X("letter.template.title", "Template: {{.Kind}}, {{.Lang}}",
		map[string]any{"Kind": lang.L(letterKindKeys[k]), "Lang": lang.L(letterLangKeys[l])})
	body := visualBorder(container.NewVBox(help, e.problem),
		container.NewHBox(e.reset, layout.NewSpacer(), e.cancel, e.saveBtn), nil, nil, e.text)
	e.dialog = dialog.NewCustomWithoutButtons(title, body, d.host.Window())
	e.dialog.Resize(fyne.NewSize(900, 640))
	d.editor = e
	showHostDialog(d.host, e.dialog, func() {
		if d.editor == e {
			d.editor = nil
		}
	})
}

// save checks the template and keeps it in the vault.
func (e *templateEditor) save() {
	src := []byte(e.text.Text)
	tpl, err := letter.Parse(src)
	if err != nil {
		e.problem.SetText(letterErrorMessage(err))
		e.problem.Show()
		return
	}
	v := e.d.host.Store()
	if v == nil {
		return
	}
	if err := v.SetTemplate(context.Background(), string(e.kind), string(e.lang), src); err != nil {
		e.problem.SetText(letterErrorMessage(err))
		e.problem.Show()
		return
	}
	if k, l := e.d.chosen(); k == e.kind && l == e.lang {
		e.d.custom = tpl
		e.d.refresh()
	}
	e.dialog.Hide()
}

// restoreDefault removes the user's template: the default applies again.
func (e *templateEditor) restoreDefault() {
	v := e.d.host.Store()
	if v == nil {
		return
	}
	if err := v.SetTemplate(context.Background(), string(e.kind), string(e.lang), nil); err != nil {
		e.problem.SetText(letterErrorMessage(err))
		e.problem.Show()
		return
	}
	if src, err := letter.Default(e.kind, e.lang); err == nil {
		e.text.SetText(string(src))
	}
	e.problem.Hide()
	if k, l := e.d.chosen(); k == e.kind && l == e.lang {
		e.d.custom = nil
		e.d.refresh()
	}
}
