package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
)

// reporterSection is the Reporters tab: the relatives and contacts who
// reported the case. Each reporter's consent level and safety notes sit in
// a warning-coloured card at the top of their entry, since getting them
// wrong can endanger the reporter.
type reporterSection struct {
	e     *editorScreen
	items []*reporterItem
	box   *fyne.Container
	add   *widget.Button

	content fyne.CanvasObject
}

type reporterItem struct {
	name, relation, contact, language *trackedEntry
	pseudonym                         *widget.Check
	safety                            *trackedEntry
	consent                           *enumSelect
	remove                            *widget.Button
	consentErr                        *fieldError
	warns                             fieldWarnings

	// the warning card
	consentText, safetyText *widget.Label

	box fyne.CanvasObject
}

func newReporterSection(e *editorScreen) *reporterSection {
	s := &reporterSection{e: e, box: container.NewVBox()}
	s.add = widget.NewButtonWithIcon(lang.L("editor.reporter.add"), theme.ContentAddIcon(), func() {
		it := s.append(cases.Reporter{Consent: cases.ConsentInternal})
		e.changed()
		e.ui.win.Canvas().Focus(it.name)
	})
	intro := widget.NewLabel(lang.L("editor.reporter.intro"))
	intro.Wrapping = fyne.TextWrapWord
	intro.TextStyle.Italic = true
	s.content = container.NewVBox(intro, s.box, container.NewHBox(s.add))
	return s
}

func (s *reporterSection) append(r cases.Reporter) *reporterItem {
	e := s.e
	it := &reporterItem{
		name: e.newEntry(), relation: e.newEntry(), contact: e.newEntry(), language: e.newEntry(),
		pseudonym: e.newCheck(lang.L("editor.person.pseudonym")),
		safety:    e.newMultiLineEntry(2),
		consent:   e.newEnumSelect("consent", true),
	}
	it.relation.SetPlaceHolder(lang.L("editor.reporter.relation.placeholder"))
	it.contact.SetPlaceHolder(lang.L("editor.reporter.contact.placeholder"))
	it.safety.SetPlaceHolder(lang.L("editor.reporter.safety.placeholder"))
	it.language.SetPlaceHolder(lang.L("editor.reporter.language.placeholder"))
	it.consentErr = e.newFieldError(sectionReporters)
	it.warns = e.newFieldWarnings("name", "relation", "contact", "language")

	it.consentText = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	it.consentText.Wrapping = fyne.TextWrapWord
	it.safetyText = e.newLabel()
	it.safetyText.Wrapping = fyne.TextWrapWord
	// The card follows the fields as they are typed.
	it.consent.OnChanged = func(string) { it.updateCard(); e.changed() }
	it.safety.OnChanged = func(string) { it.updateCard(); e.changed() }

	it.name.SetText(r.Name)
	it.pseudonym.SetChecked(r.Pseudonym)
	it.relation.SetText(r.Relation)
	it.contact.SetText(r.Contact)
	it.safety.SetText(r.Safety)
	it.consent.SetValue(string(r.Consent))
	it.language.SetText(r.Language)
	it.updateCard()

	it.remove = widget.NewButtonWithIcon(lang.L("editor.reporter.remove"), theme.DeleteIcon(), func() {
		s.removeItem(it)
		e.changed()
	})
	it.remove.Importance = widget.LowImportance

	card := newPanel(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil,
		container.NewVBox(it.consentText, it.safetyText)), theme.ColorNameWarning, true)
	fields := fieldGrid(2,
		formRow{lang.L("editor.field.name"), underField(visualBorder(nil, nil, nil, it.pseudonym, it.name), it.warns["name"])},
		formRow{lang.L("editor.field.consent"), underField(it.consent, it.consentErr)},
		formRow{lang.L("editor.field.relation"), underField(it.relation, it.warns["relation"])},
		formRow{lang.L("editor.field.safety"), it.safety},
		formRow{lang.L("editor.field.contact"), underField(it.contact, it.warns["contact"])},
		formRow{lang.L("editor.field.language"), underField(it.language, it.warns["language"])},
	)
	body := container.NewVBox(card, fields,
		container.NewHBox(layout.NewSpacer(), it.remove))
	it.box = newPanel(body, theme.ColorNameInputBackground, false)
	s.items = append(s.items, it)
	s.box.Add(it.box)
	return it
}

// updateCard restates the consent level as what may be done with the
// reporter's identity, and repeats the safety notes.
func (it *reporterItem) updateCard() {
	var text string
	switch cases.Consent(it.consent.Value()) {
	case cases.ConsentInternal:
		text = lang.L("editor.reporter.consent.internal")
	case cases.ConsentPartners:
		text = lang.L("editor.reporter.consent.partners")
	case cases.ConsentPublic:
		text = lang.L("editor.reporter.consent.public")
	default:
		text = lang.L("editor.reporter.consent.none")
	}
	it.consentText.SetText(text)
	if safety := trimEnds(it.safety.Text); safety != "" {
		it.safetyText.SetText(lang.L("editor.reporter.safety.card", map[string]any{"Notes": safety}))
	} else {
		it.safetyText.SetText(lang.L("editor.reporter.safety.none"))
	}
}

func (s *reporterSection) removeItem(it *reporterItem) {
	for i, x := range s.items {
		if x == it {
			s.items = append(s.items[:i], s.items[i+1:]...)
			break
		}
	}
	s.box.Remove(it.box)
}

func (s *reporterSection) load(rs []cases.Reporter) {
	s.items = nil
	s.box.RemoveAll()
	for _, r := range rs {
		s.append(r)
	}
	if len(rs) == 0 {
		// A new case usually starts on the phone with a relative: offer an
		// empty reporter at once. Left blank, it is not saved.
		s.append(cases.Reporter{Consent: cases.ConsentInternal})
	}
}

func (s *reporterSection) collect(ps *cases.ValidationErrors, targets map[string]*fieldError) []cases.Reporter {
	var out []cases.Reporter
	for _, it := range s.items {
		r := cases.Reporter{
			Name: trim(it.name.Text), Pseudonym: it.pseudonym.Checked, Relation: trim(it.relation.Text),
			Contact: trim(it.contact.Text), Safety: trimEnds(it.safety.Text),
			Consent: cases.Consent(it.consent.Value()), Language: trim(it.language.Text),
		}
		if r.Name == "" && r.Relation == "" && r.Contact == "" && r.Safety == "" && r.Language == "" {
			continue // an empty card
		}
		path := "reporters[" + strconv.Itoa(len(out)) + "]"
		targets[path+".consent"] = it.consentErr
		it.warns.register(s.e.warnTargets, path)
		out = append(out, r)
	}
	return out
}
