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

// timelineSection is the Timeline tab: a form at the top that adds an event
// in a few keystrokes (type the date, Tab, a letter picks the type, Enter
// adds), and the events below it, newest first, each editable and
// removable.
type timelineSection struct {
	e *editorScreen

	formTitle                   *widget.Label
	date                        *dateField
	approx                      *widget.Check
	typ, channel, verification  *enumSelect
	from, place, source         *trackedEntry
	text                        *trackedEntry
	dateErr, typeErr, approxErr *fieldError
	add, cancel                 *widget.Button

	editing *eventItem // the event the form edits; nil when it adds one
	events  []*eventItem
	list    *fyne.Container
	count   *widget.Label

	content fyne.CanvasObject
}

// eventItem is one event of the timeline and its row.
type eventItem struct {
	e                      *editorScreen
	ev                     cases.Event
	head, text, meta, verf *widget.Label
	err                    *fieldError
	copyFrom, edit, remove *widget.Button
	box                    fyne.CanvasObject
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
	for _, sel := range []*enumSelect{s.typ, s.channel, s.verification} {
		sel.onSubmit = s.submit
	}
	s.dateErr = e.newFieldError(sectionTimeline)
	s.typeErr = e.newFieldError(sectionTimeline)
	s.approxErr = e.newFieldError(sectionTimeline)
	s.add = widget.NewButtonWithIcon(lang.L("editor.event.add"), theme.ContentAddIcon(), s.submit)
	s.add.Importance = widget.HighImportance
	s.cancel = widget.NewButton(lang.L("editor.event.cancel"), s.resetForm)
	s.cancel.Hide()
	s.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	dateRow := container.NewBorder(nil, nil, nil, s.approx, s.date.box)
	left := formGrid(
		formRow{lang.L("editor.field.date"), underField(dateRow, s.dateErr)},
		formRow{lang.L("editor.field.type"), underField(s.typ, s.typeErr)},
		formRow{lang.L("editor.field.channel"), s.channel},
		formRow{lang.L("editor.field.from"), s.from},
	)
	right := formGrid(
		formRow{lang.L("editor.field.place"), s.place},
		formRow{lang.L("editor.field.source"), s.source},
		formRow{lang.L("editor.field.verification"), s.verification},
		formRow{"", s.approxErr.label},
	)
	hint := widget.NewLabel(lang.L("editor.event.hint"))
	hint.TextStyle.Italic = true
	form := container.NewVBox(s.formTitle,
		container.NewGridWithColumns(2, left, right),
		formGrid(formRow{lang.L("editor.field.text"), s.text}),
		container.NewHBox(s.add, s.cancel, layout.NewSpacer(), hint))
	s.content = container.NewVBox(newPanel(form, theme.ColorNamePrimary, true), s.count, s.list)
	return s
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
	s.render()
	s.e.changed()
	s.e.ui.win.Canvas().Focus(s.date.entry)
}

// pending reports whether the form holds an event not yet in the timeline.
func (s *timelineSection) pending() bool {
	if s.editing != nil {
		ev, ok := s.formEvent(false)
		return !ok || ev != s.editing.ev
	}
	return trim(s.date.entry.Text) != "" || s.typ.Value() != "" || s.channel.Value() != "" ||
		trim(s.from.Text) != "" || trim(s.text.Text) != "" || trim(s.place.Text) != "" ||
		trim(s.source.Text) != "" || s.approx.Checked
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
	s.from.SetText("")
	s.text.SetText("")
	s.place.SetText("")
	s.source.SetText("")
	s.dateErr.clear()
	s.typeErr.clear()
	s.approxErr.clear()
	s.formTitle.SetText(lang.L("editor.event.new"))
	s.add.SetText(lang.L("editor.event.add"))
	s.cancel.Hide()
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
	s.from.SetText(ev.From)
	s.text.SetText(ev.Text)
	s.place.SetText(ev.Place)
	s.source.SetText(ev.Source)
	s.formTitle.SetText(lang.L("editor.event.editing"))
	s.add.SetText(lang.L("editor.event.update"))
	s.cancel.Show()
	s.e.loading = loading
	s.e.scrollToTop(sectionTimeline)
	s.e.ui.win.Canvas().Focus(s.date.entry)
}

func (s *timelineSection) appendEvent(ev cases.Event) *eventItem {
	e := s.e
	it := &eventItem{e: e, ev: ev, head: e.newLabel(), text: e.newLabel(), meta: e.newLabel(), verf: widget.NewLabel("")}
	it.head.TextStyle.Bold = true
	it.head.Wrapping = fyne.TextWrapWord
	it.text.Wrapping = fyne.TextWrapWord
	it.meta.Wrapping = fyne.TextWrapWord
	it.meta.TextStyle.Italic = true
	it.err = e.newFieldError(sectionTimeline)
	// Copying goes through the window's clipboard wiper, which clears the
	// number from the clipboard again after a while.
	it.copyFrom = widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() { e.ui.copyToClipboard(it.ev.From) })
	it.copyFrom.Importance = widget.LowImportance
	it.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { s.editItem(it) })
	it.edit.Importance = widget.LowImportance
	it.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		if s.editing == it {
			s.resetForm()
		}
		s.events = slices.DeleteFunc(s.events, func(x *eventItem) bool { return x == it })
		s.render()
		e.changed()
	})
	it.remove.Importance = widget.LowImportance
	body := container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(it.verf, it.copyFrom, it.edit, it.remove)),
		container.NewVBox(it.head, it.text, it.meta, it.err.label))
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
	if ev.Source != "" {
		meta = append(meta, lang.L("editor.event.meta.source", map[string]any{"Source": ev.Source}))
	}
	it.meta.SetText(strings.Join(meta, " · "))
	if len(meta) == 0 {
		it.meta.Hide()
	} else {
		it.meta.Show()
	}
	it.verf.SetText(enumLabel("verification", string(ev.Verification)))
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
}

func (s *timelineSection) load(evs []cases.Event) {
	s.events = nil
	for _, ev := range evs {
		s.appendEvent(ev)
	}
	s.resetForm()
	s.render()
}

func (s *timelineSection) collect(_ *cases.ValidationErrors, targets map[string]*fieldError) []cases.Event {
	var out []cases.Event
	for i, it := range s.ordered() {
		targets["events["+strconv.Itoa(i)+"]"] = it.err
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
