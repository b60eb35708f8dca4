package app

import (
	"embed"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
)

// The messages of the forms' own parts: plausibility warnings, the
// timeline's collapsed form, the date picker.
//
//go:embed translations/forms/*.json
var formsTranslations embed.FS

func init() { registerTranslations(formsTranslations, "translations/forms") }

// warningMessage is a sentence for an implausible value cases.Warnings
// found.
func warningMessage(w cases.Warning) string {
	data := map[string]any{"N": w.N}
	switch w.Kind {
	case cases.WarnTooLong:
		return lang.L("forms.warn.too_long", data)
	case cases.WarnFuture:
		return lang.L("forms.warn.future")
	case cases.WarnTooYoung:
		return lang.L("forms.warn.too_young", data)
	case cases.WarnTooOld:
		return lang.L("forms.warn.too_old", data)
	case cases.WarnFarDeadline:
		return lang.L("casework.warn.far_deadline")
	}
	return ""
}

// newFieldWarning is the orange label under a field that says its value
// looks wrong; unlike an error it does not stop a save.
func newFieldWarning() *fieldError {
	fe := newFieldError()
	fe.label.Importance = widget.WarningImportance
	return fe
}

// newFieldWarning makes a warning label the editor clears and refills as
// the case changes; a path registers it for that field of the case.
func (e *editorScreen) newFieldWarning(path string) *fieldError {
	fw := newFieldWarning()
	e.allWarnings = append(e.allWarnings, fw)
	if path != "" {
		e.staticWarn[path] = fw
	}
	return fw
}

// showWarnings puts the warnings about c under their fields: at the
// field's own label, or at the label of the card or row holding it, named.
// The sections' collect registers the cards' labels in e.warnTargets.
func (e *editorScreen) showWarnings(c cases.Case) {
	for _, fw := range e.allWarnings {
		fw.clear()
	}
	for _, w := range cases.Warnings(c, e.ui.clock.Now()) {
		fw, pos, rest := findTarget(e.warnTargets, w.Path)
		if fw == nil {
			continue
		}
		msg := warningMessage(w)
		switch {
		case pos > 0:
			msg = lang.L("editor.err.line", map[string]any{"N": pos, "Msg": msg})
		case rest != "":
			msg = lang.L("editor.err.at", map[string]any{"Field": pathLabel(rest), "Msg": msg})
		}
		fw.show(msg)
	}
	e.timeline.showFormWarnings()
}

// refreshWarnings reads the widgets and shows what looks implausible.
func (e *editorScreen) refreshWarnings() {
	c, _ := e.collect()
	e.showWarnings(c)
}

// fieldWarnings are the warning labels of a card's fields (a reporter, a
// place, a promise), by the field's name in the case's JSON.
type fieldWarnings map[string]*fieldError

func (e *editorScreen) newFieldWarnings(fields ...string) fieldWarnings {
	ws := fieldWarnings{}
	for _, f := range fields {
		ws[f] = e.newFieldWarning("")
	}
	return ws
}

// register maps the fields under path (the card's path, "places[1]") to
// their labels.
func (ws fieldWarnings) register(targets map[string]*fieldError, path string) {
	for f, fw := range ws {
		targets[path+"."+f] = fw
	}
}
