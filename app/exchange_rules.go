package app

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/exchange"
	"kintrace/cases/vault"
)

// rulesForm is "What to share with NAME": which cases (all, a tag, a
// search, the cases ticked in the list), the redaction profile, whether
// attachments go along, and whether this contact's bundles are imported
// without asking (only for a verified contact).
type rulesForm struct {
	ev      *exchangeView
	contact vault.Contact
	rules   exchange.Rules

	scope       *widget.RadioGroup
	value       *trackedEntry
	redaction   *widget.Select
	attachments *widget.Check
	auto        *widget.Check
	ticked      []string
	dialog      dialog.Dialog
}

func showRulesDialog(ev *exchangeView, c vault.Contact, r exchange.Rules) *rulesForm {
	rf := &rulesForm{ev: ev, contact: c, rules: r, ticked: ev.host.SelectedCases()}
	labels := make([]string, len(exchange.Scopes))
	for i, s := range exchange.Scopes {
		labels[i] = rf.scopeLabel(s)
	}
	rf.value = hostEntry(ev.host)
	rf.scope = widget.NewRadioGroup(labels, func(string) { rf.updateValue() })
	rf.scope.Required = true
	rf.scope.SetSelected(rf.scopeLabel(r.Scope))
	switch r.Scope {
	case exchange.ScopeTag:
		rf.value.SetText(r.Tag)
	case exchange.ScopeQuery:
		rf.value.SetText(r.Query)
	}
	redactions := make([]string, len(cases.Redactions))
	for i, red := range cases.Redactions {
		redactions[i] = lang.L(redactionKeys[red])
	}
	rf.redaction = widget.NewSelect(redactions, nil)
	rf.redaction.SetSelectedIndex(max(0, slices.Index(cases.Redactions, r.Redaction)))
	rf.attachments = widget.NewCheck(lang.L("exchange.rules.attachments"), nil)
	rf.attachments.SetChecked(r.Attachments)
	rf.auto = widget.NewCheck(lang.L("exchange.rules.auto"), nil)
	rf.auto.SetChecked(r.AutoImport && c.Verified)
	if !c.Verified {
		rf.auto.Disable()
	}
	rf.updateValue()
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("exchange.rules.cases"), rf.scope),
		widget.NewFormItem(lang.L("exchange.rules.value"), rf.value),
		widget.NewFormItem(lang.L("bundle.export.redaction"), rf.redaction),
		widget.NewFormItem("", rf.attachments),
		widget.NewFormItem("", rf.auto),
	}
	rf.dialog = dialog.NewForm(lang.X("exchange.rules.title", "What to share with {{.Name}}", map[string]any{"Name": c.Name}),
		lang.L("exchange.rules.save"), lang.L("bundle.cancel"), items, func(ok bool) {
			if ok {
				rf.save()
			}
		}, ev.host.Window())
	rf.dialog.Resize(fyne.NewSize(560, 420))
	showHostDialog(ev.host, rf.dialog, nil)
	return rf
}

func (rf *rulesForm) scopeLabel(s exchange.Scope) string {
	if s == exchange.ScopeCases {
		n := len(rf.ticked)
		if n == 0 && rf.rules.Scope == exchange.ScopeCases {
			n = len(rf.rules.Cases)
		}
		return lang.X("exchange.scope.cases_ticked", "the cases ticked in the list ({{.Count}})", map[string]any{"Count": n})
	}
	return lang.L(scopeKeys[s])
}

// scopeKeys name the scopes in menus and summaries.
var scopeKeys = map[exchange.Scope]string{
	exchange.ScopeAll:   "exchange.scope.all",
	exchange.ScopeTag:   "exchange.scope.tag",
	exchange.ScopeQuery: "exchange.scope.query",
	exchange.ScopeCases: "exchange.scope.cases",
}

// chosenScope is the scope whose label is selected.
func (rf *rulesForm) chosenScope() exchange.Scope {
	for _, s := range exchange.Scopes {
		if rf.scopeLabel(s) == rf.scope.Selected {
			return s
		}
	}
	return exchange.ScopeAll
}

// updateValue enables the tag or search field for the scopes that need it.
func (rf *rulesForm) updateValue() {
	switch rf.chosenScope() {
	case exchange.ScopeTag:
		rf.value.SetPlaceHolder(lang.L("exchange.rules.tag"))
		rf.value.Enable()
	case exchange.ScopeQuery:
		rf.value.SetPlaceHolder(lang.L("exchange.rules.query"))
		rf.value.Enable()
	default:
		rf.value.SetPlaceHolder("")
		rf.value.Disable()
	}
}

func (rf *rulesForm) save() {
	v := rf.ev.host.Store()
	if v == nil {
		return
	}
	r := exchange.Rules{Scope: rf.chosenScope(), Attachments: rf.attachments.Checked, AutoImport: rf.auto.Checked && rf.contact.Verified,
		Redaction: cases.Redactions[max(0, rf.redaction.SelectedIndex())]}
	switch r.Scope {
	case exchange.ScopeTag:
		r.Tag = rf.value.Text
	case exchange.ScopeQuery:
		r.Query = rf.value.Text
	case exchange.ScopeCases:
		r.Cases = rf.ticked
		if len(r.Cases) == 0 {
			r.Cases = rf.rules.Cases
		}
	}
	if err := exchange.SetRules(context.Background(), v, rf.contact, r); err != nil {
		rf.ev.status.SetText(lang.L("exchange.rules.invalid"))
		return
	}
	rf.ev.status.SetText("")
	rf.ev.reloadContacts()
}
