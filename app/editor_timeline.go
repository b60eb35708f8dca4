package app

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
)

// timelineSection is the Timeline tab: a form that adds an event in a few
// keystrokes (type the date, Tab, a letter picks the type, Enter adds), and
// the events below it, newest first, each editable and removable. The form
// stays folded behind a "New event" button while there are events, so
// that they stay in view; adding an event folds it again.
type timelineSection struct {
	e *editorScreen

	open                        *widget.Button // unfolds the form
	form                        fyne.CanvasObject
	formTitle                   *widget.Label
	date                        *dateField
	approx                      *widget.Check
	typ, channel, verification  *enumSelect
	origin, confirmedBy         *enumSelect
	from, place, source         *trackedEntry
	text                        *trackedEntry
	dateErr, typeErr, approxErr *fieldError
	formWarn                    fieldWarnings // by field of cases.EventWarnings
	add, cancel                 *widget.Button
	importChat                  *widget.Button // imports a chat export into the case

	editing *eventItem // the event the form edits; nil when it adds one
	events  []*eventItem
	list    *fyne.Container
	count   *widget.Label

	content fyne.CanvasObject
}

// eventItem is one event of the timeline and its row.
type eventItem struct {
	s                      *timelineSection
	e                      *editorScreen
	ev                     cases.Event
	head, text, meta, verf *widget.Label
	err, warn              *fieldError
	copyFrom, edit, remove *widget.Button
	// confirm marks a sign of life as a confirmed contact from the person.
	confirm *widget.Button
	box     fyne.CanvasObject
}

func newTimelineSection(e *editorScreen) *timelineSection {
	s := &timelineSection{e: e, list: container.NewVBox()}
	s.formTitle = sectionTitle(lang.L("editor.event.new"))
	s.date = e.newDateField()
	s.approx = e.newCheck(lang.L("editor.event.approx"))
	s.typ = e.newEnumSelect("event", false)
	s.channel = e.newEnumSelect("channel", true)
	s.verification = e.newEnumSelect("verification", true)
	s.verification.SetValue(string(cases.VerificationUnverified))
	s.origin = e.newEnumSelect("origin", true)
	s.confirmedBy = e.newEnumSelect("confirmed_by", true)
	s.from = e.newEntry()
	s.from.SetPlaceHolder(lang.L("editor.event.from.placeholder"))
	s.place = e.newEntry()
	s.source = e.newEntry()
	s.source.SetPlaceHolder(lang.L("editor.event.source.placeholder"))
	s.text = e.newMultiLineEntry(3)
	s.text.SetPlaceHolder(lang.L("editor.event.text.placeholder"))
	for _, en := range []*trackedEntry{s.date.entry, s.from, s.place, s.source} {
		en.OnSubmitted = func(string) { s.submit() }
	}
	for _, sel := range []*enumSelect{s.typ, s.channel, s.verification, s.origin, s.confirmedBy} {
		sel.onSubmit = s.submit
	}
	s.dateErr = e.newFieldError(sectionTimeline)
	s.typeErr = e.newFieldError(sectionTimeline)
	s.approxErr = e.newFieldError(sectionTimeline)
	s.formWarn = fieldWarnings{}
	for _, f := range []string{"date", "from", "place", "source"} {
		s.formWarn[f] = newFieldWarning()
	}
	s.add = widget.NewButtonWithIcon(lang.L("editor.event.add"), theme.ContentAddIcon(), s.submit)
	s.add.Importance = widget.HighImportance
	s.cancel = widget.NewButton(lang.L("editor.event.cancel"), func() {
		s.resetForm()
		s.fold()
	})
	s.open = widget.NewButtonWithIcon(lang.L("forms.event.open"), theme.ContentAddIcon(), s.unfold)
	s.open.Importance = widget.HighImportance
	s.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	dateRow := visualBorder(nil, nil, nil, s.approx, s.date.box)
	// The form's fields in reading (and Tab) order, two to a line: a new
	// field is one more row here.
	fields := fieldGrid(2,
		formRow{lang.L("editor.field.date"), underField(dateRow, s.dateErr, s.approxErr, s.formWarn["date"])},
		formRow{lang.L("editor.field.type"), underField(s.typ, s.typeErr)},
		formRow{lang.L("editor.field.channel"), s.channel},
		formRow{lang.L("editor.field.from"), underField(s.from, s.formWarn["from"])},
		formRow{lang.L("editor.field.origin"), s.origin},
		formRow{lang.L("editor.field.verification"), s.verification},
		formRow{lang.L("editor.field.confirmed_by"), s.confirmedBy},
		formRow{lang.L("editor.field.source"), underField(s.source, s.formWarn["source"])},
		formRow{lang.L("editor.field.place"), underField(s.place, s.formWarn["place"])},
	)
	hint := widget.NewLabel(lang.L("editor.event.hint"))
	hint.TextStyle.Italic = true
	form := container.NewVBox(s.formTitle, fields,
		formGrid(formRow{lang.L("editor.field.text"), s.text}),
		container.NewHBox(s.add, s.cancel, layout.NewSpacer(), hint))
	s.form = newPanel(form, theme.ColorNamePrimary, true)
	s.importChat = widget.NewButtonWithIcon(lang.L("chat.button"), theme.DownloadIcon(), e.askChatImport)
	s.content = container.NewVBox(container.NewHBox(s.open, s.importChat), s.form, s.count, s.list)
	return s
}

// unfold shows the form, ready for the date.
func (s *timelineSection) unfold() {
	s.e.ui.touch()
	s.unfoldQuietly()
	s.e.ui.win.Canvas().Focus(s.date.entry)
}

// fold hides the form behind the "New event" button.
func (s *timelineSection) fold() {
	s.form.Hide()
	s.open.Show()
	s.content.Refresh()
}

// folded reports whether the form is hidden.
func (s *timelineSection) folded() bool { return !s.form.Visible() }

// focusStart puts the focus where work on the tab starts: the date when
// the form is open, else the "New event" button.
func (s *timelineSection) focusStart() {
	if s.folded() {
		s.e.ui.win.Canvas().Focus(s.open)
	} else {
		s.e.ui.win.Canvas().Focus(s.date.entry)
	}
}

// showFormWarnings shows what looks implausible in the form's event.
func (s *timelineSection) showFormWarnings() {
	for _, fw := range s.formWarn {
		fw.clear()
	}
	ev, _ := s.formEvent(false)
	for _, w := range cases.EventWarnings(ev, "", s.e.ui.clock.Now()) {
		if fw := s.formWarn[w.Path]; fw != nil {
			fw.show(warningMessage(w))
		}
	}
}

// formEvent reads the form; ok is false (and the problems are shown) when
// it does not make an event.
func (s *timelineSection) formEvent(show bool) (cases.Event, bool) {
	var ps cases.ValidationErrors
	ev := cases.Event{
		Date:         s.date.Date("date", &ps),
		Approx:       s.approx.Checked,
		Type:         cases.EventType(s.typ.Value()),
		Channel:      cases.Channel(s.channel.Value()),
		From:         trim(s.from.Text),
		Text:         trimEnds(s.text.Text),
		Place:        trim(s.place.Text),
		Source:       trim(s.source.Text),
		Verification: cases.Verification(s.verification.Value()),
		Origin:       cases.Origin(s.origin.Value()),
		ConfirmedBy:  cases.ConfirmedBy(s.confirmedBy.Value()),
	}
	if ev.Type == "" {
		ps = append(ps, cases.ValidationError{Path: "type", Msg: "is required"})
	}
	if ev.Approx && ev.Date.IsZero() && len(ps) == 0 {
		ps = append(ps, cases.ValidationError{Path: "approx", Msg: "is set but the date is empty"})
	}
	if show {
		s.dateErr.clear()
		s.typeErr.clear()
		s.approxErr.clear()
		for _, p := range ps {
			switch p.Path {
			case "date":
				s.dateErr.show(validationMessage(p.Msg))
			case "type":
				s.typeErr.show(validationMessage(p.Msg))
			case "approx":
				s.approxErr.show(validationMessage(p.Msg))
			}
		}
	}
	return ev, len(ps) == 0
}

// submit adds the form's event to the timeline, or updates the event being
// edited, and clears the form for the next one.
func (s *timelineSection) submit() {
	s.e.ui.touch()
	ev, ok := s.formEvent(true)
	if !ok {
		return
	}
	if s.editing != nil {
		s.editing.ev = ev
		s.editing.refresh()
	} else {
		s.appendEvent(ev)
	}
	s.resetForm()
	s.fold()
	s.render()
	s.e.changed()
	s.e.ui.win.Canvas().Focus(s.open)
}

// pending reports whether the form holds an event not yet in the timeline.
func (s *timelineSection) pending() bool {
	if s.editing != nil {
		ev, ok := s.formEvent(false)
		return !ok || ev != s.editing.ev
	}
	return trim(s.date.entry.Text) != "" || s.typ.Value() != "" || s.channel.Value() != "" ||
		trim(s.from.Text) != "" || trim(s.text.Text) != "" || trim(s.place.Text) != "" ||
		trim(s.source.Text) != "" || s.approx.Checked || s.origin.Value() != "" || s.confirmedBy.Value() != ""
}

// commitPending adds what the form holds before a save, so typed events
// are not lost; it is false when the form's event is incomplete.
func (s *timelineSection) commitPending() bool {
	if !s.pending() {
		return true
	}
	if _, ok := s.formEvent(true); !ok {
		return false
	}
	s.submit()
	return true
}

// resetForm empties the form and leaves editing.
func (s *timelineSection) resetForm() {
	loading := s.e.loading
	s.e.loading = true
	s.editing = nil
	s.date.entry.SetText("")
	s.approx.SetChecked(false)
	s.typ.ClearSelected()
	s.channel.SetValue("")
	s.verification.SetValue(string(cases.VerificationUnverified))
	s.origin.SetValue("")
	s.confirmedBy.SetValue("")
	s.from.SetText("")
	s.text.SetText("")
	s.place.SetText("")
	s.source.SetText("")
	s.dateErr.clear()
	s.typeErr.clear()
	s.approxErr.clear()
	s.formTitle.SetText(lang.L("editor.event.new"))
	s.add.SetText(lang.L("editor.event.add"))
	s.e.loading = loading
	s.e.changed()
}

// editItem loads an event into the form.
func (s *timelineSection) editItem(it *eventItem) {
	s.resetForm()
	loading := s.e.loading
	s.e.loading = true
	s.editing = it
	ev := it.ev
	s.date.SetDate(ev.Date)
	s.approx.SetChecked(ev.Approx)
	s.typ.SetValue(string(ev.Type))
	s.channel.SetValue(string(ev.Channel))
	s.verification.SetValue(string(ev.Verification))
	s.origin.SetValue(string(ev.Origin))
	s.confirmedBy.SetValue(string(ev.ConfirmedBy))
	s.from.SetText(ev.From)
	s.text.SetText(ev.Text)
	s.place.SetText(ev.Place)
	s.source.SetText(ev.Source)
	s.formTitle.SetText(lang.L("editor.event.editing"))
	s.add.SetText(lang.L("editor.event.update"))
	s.e.loading = loading
	s.e.scrollToTop(sectionTimeline)
	s.unfold()
}

func (s *timelineSection) appendEvent(ev cases.Event) *eventItem {
	e := s.e
	it := &eventItem{s: s, e: e, ev: ev, head: e.newLabel(), text: e.newLabel(), meta: e.newLabel(), verf: widget.NewLabel("")}
	it.head.TextStyle.Bold = true
	it.head.Wrapping = fyne.TextWrapWord
	it.text.Wrapping = fyne.TextWrapWord
	it.meta.Wrapping = fyne.TextWrapWord
	it.meta.TextStyle.Italic = true
	it.err = e.newFieldError(sectionTimeline)
	it.warn = e.newFieldWarning("")
	// Copying goes through the window's clipboard wiper, which clears the
	// number from the clipboard again after a while.
	it.copyFrom = widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() { e.ui.copyToClipboard(it.ev.From) })
	it.copyFrom.Importance = widget.LowImportance
	it.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { s.editItem(it) })
	it.edit.Importance = widget.LowImportance
	it.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		if s.editing == it {
			s.resetForm()
			s.fold()
		}
		s.events = slices.DeleteFunc(s.events, func(x *eventItem) bool { return x == it })
		s.render()
		e.changed()
	})
	it.remove.Importance = widget.LowImportance
	it.confirm = widget.NewButton(lang.L("proof.confirm.button"), func() {
		confirmEvent(e.ui, &it.ev, func() {
			it.refresh()
			s.render()
			e.changed()
		})
	})
	it.confirm.Importance = widget.LowImportance
	body := container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(it.verf, it.copyFrom, it.edit, it.remove), it.confirm),
		container.NewVBox(it.head, it.text, it.meta, it.err.label, it.warn.label))
	it.box = newPanel(body, theme.ColorNameInputBackground, false)
	it.refresh()
	s.events = append(s.events, it)
	return it
}

// refresh shows the item's event in its row.
func (it *eventItem) refresh() {
	ev := it.ev
	date := showDate(ev.Date)
	if date == "" {
		date = lang.L("editor.event.undated")
	} else if ev.Approx {
		date = "≈ " + date
	}
	head := []string{date, enumLabel("event", string(ev.Type))}
	if ev.Channel != "" {
		head = append(head, enumLabel("channel", string(ev.Channel)))
	}
	if ev.From != "" {
		head = append(head, withIdentLabels(it.e.identLabels, ev.From))
		it.copyFrom.Show()
	} else {
		it.copyFrom.Hide()
	}
	it.head.SetText(strings.Join(head, " · "))
	it.text.SetText(ev.Text)
	if ev.Text == "" {
		it.text.Hide()
	} else {
		it.text.Show()
	}
	var meta []string
	if ev.Place != "" {
		meta = append(meta, lang.L("editor.event.meta.place", map[string]any{"Place": ev.Place}))
	}
	if o := originLabel(ev, &it.s.e.saved.Person); o != "" {
		meta = append(meta, o)
	}
	if ev.Source != "" {
		meta = append(meta, lang.L("editor.event.meta.source", map[string]any{"Source": ev.Source}))
	}
	it.meta.SetText(strings.Join(meta, " · "))
	if len(meta) == 0 {
		it.meta.Hide()
	} else {
		it.meta.Show()
	}
	verf := enumLabel("verification", string(ev.Verification))
	if ev.ConfirmedBy != "" {
		verf += " · " + enumLabel("confirmed_by", string(ev.ConfirmedBy))
	}
	it.verf.SetText(verf)
	if ev.IsSignOfLife() && !ev.IsConfirmedContactIn(&it.s.e.saved.Person) {
		it.confirm.Show()
	} else {
		it.confirm.Hide()
	}
	it.verf.Importance = verificationImportance(ev.Verification)
	if ev.Verification == "" {
		it.verf.Hide()
	} else {
		it.verf.Show()
	}
	it.verf.Refresh()
}

func verificationImportance(v cases.Verification) widget.Importance {
	switch v {
	case cases.VerificationConfirmed:
		return widget.SuccessImportance
	case cases.VerificationCorroborated:
		return widget.HighImportance
	case cases.VerificationDisputed:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// ordered returns the events oldest first (the stored order); events with
// equal dates keep the order they were added in.
func (s *timelineSection) ordered() []*eventItem {
	out := slices.Clone(s.events)
	slices.SortStableFunc(out, func(a, b *eventItem) int { return a.ev.Date.Compare(b.ev.Date) })
	return out
}

// render lists the events newest first.
func (s *timelineSection) render() {
	s.list.RemoveAll()
	ord := s.ordered()
	for i := len(ord) - 1; i >= 0; i-- {
		s.list.Add(ord[i].box)
	}
	switch n := len(ord); n {
	case 0:
		s.count.SetText(lang.L("editor.event.none"))
	default:
		s.count.SetText(lang.L("editor.event.count", map[string]any{"N": n}))
	}
	s.e.refreshProof()
}

func (s *timelineSection) load(evs []cases.Event) {
	s.events = nil
	for _, ev := range evs {
		s.appendEvent(ev)
	}
	s.resetForm()
	// Nothing to keep in view yet: a case without events starts with the
	// form open.
	if len(evs) == 0 {
		s.unfoldQuietly()
	} else {
		s.fold()
	}
	s.render()
}

// unfoldQuietly opens the form without moving the focus.
func (s *timelineSection) unfoldQuietly() {
	s.open.Hide()
	s.form.Show()
	s.content.Refresh() // lay the form out again at its full width
}

func (s *timelineSection) collect(_ *cases.ValidationErrors, targets map[string]*fieldError) []cases.Event {
	var out []cases.Event
	for i, it := range s.ordered() {
		targets["events["+strconv.Itoa(i)+"]"] = it.err
		s.e.warnTargets["events["+strconv.Itoa(i)+"]"] = it.warn
		out = append(out, it.ev)
	}
	return out
}

// wipe clears the rows' texts (the form's entries are wiped with the
// editor's other entries).
func (s *timelineSection) wipe() {
	for _, it := range s.events {
		it.ev = cases.Event{}
		it.verf.SetText("")
	}
	s.events = nil
	s.list.RemoveAll()
}
