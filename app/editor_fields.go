package app

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
)

// The editor's building blocks: selects of translated enumeration labels,
// date entries that accept the forms people type, and the red label under
// a field that shows its validation error.

// enumLabel is an enumeration value in the user's language; kind is the
// enumeration's name in the translation keys ("status", "event",
// "channel"…).
func enumLabel(kind, value string) string {
	if value == "" {
		return lang.L("editor.not_given")
	}
	key := "enum." + kind + "." + value
	return lang.L(key)
}

// enumKinds lists every enumeration the editor shows with its values, for
// building selects and for the test that every label is translated.
var enumKinds = map[string][]string{
	"status":       words(cases.AllStatuses),
	"priority":     words(cases.AllPriorities),
	"event":        words(cases.AllEventTypes),
	"channel":      words(cases.AllChannels),
	"verification": words(cases.AllVerifications),
	"origin":       words(cases.AllOrigins),
	"confirmed_by": words(cases.AllConfirmedBy),
	"consent":      words(cases.AllConsents),
	"place":        words(cases.AllPlaceKinds),
	"confidence":   words(cases.AllConfidences),
	"sex":          words(cases.AllSexes),
}

func words[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// enumSelect is a Select of an enumeration's translated labels that knows
// the underlying values. Typing a letter while it has focus picks the next
// option starting with it, so a form can be filled from the keyboard.
type enumSelect struct {
	widget.Select
	ui       *UI
	values   []string // index-aligned with Options
	onSubmit func()   // Enter, when set (the timeline form adds its event)
}

// newEnumSelect returns a select over the values of kind; an optional one
// starts with a "not given" choice.
func (e *editorScreen) newEnumSelect(kind string, optional bool) *enumSelect {
	return e.newSelectOf(kind, enumKinds[kind], optional)
}

// newSelectOf returns a select over values, labelled as enumLabel labels
// kind's values.
func (e *editorScreen) newSelectOf(kind string, values []string, optional bool) *enumSelect {
	s := &enumSelect{ui: e.ui}
	if optional {
		s.values = append(s.values, "")
	}
	s.values = append(s.values, values...)
	for _, v := range s.values {
		s.Options = append(s.Options, enumLabel(kind, v))
	}
	s.PlaceHolder = lang.L("editor.choose")
	s.OnChanged = func(string) { e.changed() }
	s.ExtendBaseWidget(s)
	return s
}

// Value is the selected enumeration value, "" when none is.
func (s *enumSelect) Value() string {
	i := s.SelectedIndex()
	if i < 0 || i >= len(s.values) {
		return ""
	}
	return s.values[i]
}

// SetValue selects v; "" selects "not given" or clears the selection.
func (s *enumSelect) SetValue(v string) {
	for i, x := range s.values {
		if x == v {
			s.SetSelectedIndex(i)
			return
		}
	}
	s.ClearSelected()
}

// TypedRune picks the next option whose label starts with r.
func (s *enumSelect) TypedRune(r rune) {
	s.ui.touch()
	r = unicode.ToLower(r)
	n := len(s.Options)
	start := s.SelectedIndex()
	for step := 1; step <= n; step++ {
		i := (start + step + n) % n
		if first, ok := firstRune(s.Options[i]); ok && unicode.ToLower(first) == r {
			s.SetSelectedIndex(i)
			return
		}
	}
}

func (s *enumSelect) TypedKey(k *fyne.KeyEvent) {
	s.ui.touch()
	if (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && s.onSubmit != nil {
		s.onSubmit()
		return
	}
	s.Select.TypedKey(k)
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

// parseUserDate reads a date as people type it, ISO or day first
// ("2022-07-10", "10.07.2022", "07.2022"): see cases.ParseLocalDate.
func parseUserDate(s string) (cases.Date, error) { return cases.ParseLocalDate(s) }

// precisionLabel says how much of a date is known.
func precisionLabel(d cases.Date) string {
	switch d.Precision() {
	case cases.PrecisionYear:
		return lang.L("editor.precision.year")
	case cases.PrecisionMonth:
		return lang.L("editor.precision.month")
	case cases.PrecisionDay:
		return lang.L("editor.precision.day")
	case cases.PrecisionTime:
		return lang.L("editor.precision.time")
	}
	return ""
}

// dateField is an entry for a partial date with a caption that shows the
// precision it read, or that it cannot read the text, and a button that
// opens a calendar to pick a full date.
type dateField struct {
	entry   *trackedEntry
	caption *widget.Label
	pick    *widget.Button
	picker  *datePicker // the calendar last opened (tests)
	box     fyne.CanvasObject
}

func (e *editorScreen) newDateField() *dateField {
	f := &dateField{entry: e.newEntry(), caption: widget.NewLabel("")}
	f.entry.SetPlaceHolder(lang.L("editor.date.placeholder"))
	f.caption.TextStyle.Italic = true
	f.entry.OnChanged = func(string) {
		f.updateCaption()
		e.changed()
	}
	f.pick = widget.NewButtonWithIcon("", theme.CalendarIcon(), func() {
		e.ui.touch()
		start := e.ui.clock.Now()
		mark := start
		if d, err := parseUserDate(f.entry.Text); err == nil && !d.IsZero() {
			start = d.Time()
			if d.Precision() >= cases.PrecisionDay {
				mark = start
			}
		}
		f.picker = showDatePicker(e.ui, start, mark, func(d cases.Date) {
			f.SetDate(d)
			e.ui.win.Canvas().Focus(f.entry)
		})
	})
	f.pick.Importance = widget.LowImportance
	f.box = visualBorder(nil, nil, nil, container.NewHBox(f.caption, f.pick), f.entry)
	return f
}

func (f *dateField) updateCaption() {
	if strings.TrimSpace(f.entry.Text) == "" {
		f.caption.SetText("")
		return
	}
	d, err := parseUserDate(f.entry.Text)
	if err != nil {
		f.caption.SetText(lang.L("editor.date.unreadable"))
		f.caption.Importance = widget.DangerImportance
	} else {
		f.caption.SetText(precisionLabel(d))
		f.caption.Importance = widget.MediumImportance
	}
	f.caption.Refresh()
}

// Date reads the field; problems are reported at path.
func (f *dateField) Date(path string, p *cases.ValidationErrors) cases.Date {
	d, err := parseUserDate(f.entry.Text)
	if err != nil {
		*p = append(*p, cases.ValidationError{Path: path, Msg: msgUnreadableDate})
	}
	return d
}

// SetDate shows d in the order of the GUI's language; a full timestamp as
// written, so that saving keeps it to the second.
func (f *dateField) SetDate(d cases.Date) {
	text := showDate(d)
	if d.Precision() == cases.PrecisionTime || d.Precision() == cases.PrecisionNone {
		text = d.String()
	}
	f.entry.SetText(text)
	f.updateCaption()
}

// fieldError is the red label under a field showing its validation error,
// and the section (tab) the field sits on.
type fieldError struct {
	label   *widget.Label
	section string
}

func newFieldError() *fieldError {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return &fieldError{label: l}
}

func (f *fieldError) show(msg string) {
	if f.label.Visible() && f.label.Text != "" {
		msg = f.label.Text + "\n" + msg
	}
	f.label.SetText(msg)
	f.label.Show()
}

func (f *fieldError) clear() {
	f.label.SetText("")
	f.label.Hide()
}

// underField stacks a field and its error (and warning) labels.
func underField(field fyne.CanvasObject, fes ...*fieldError) fyne.CanvasObject {
	objs := []fyne.CanvasObject{field}
	for _, fe := range fes {
		objs = append(objs, fe.label)
	}
	return container.NewVBox(objs...)
}

// formRow is one labelled row of a form grid.
type formRow struct {
	label string
	field fyne.CanvasObject
}

// formGrid lays rows out as a two-column form: labels on the left, fields
// taking the rest of the width (fieldGrid with one pair to a line).
func formGrid(rows ...formRow) *fyne.Container { return fieldGrid(1, rows...) }

// lines splits a multi-line entry into its non-blank, trimmed lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// commaList splits "a, b ,c" into its non-blank, trimmed items.
func commaList(s string) []string {
	var out []string
	for _, l := range strings.Split(s, ",") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// sectionTitle is a bold caption over a group of fields.
func sectionTitle(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// trim removes surrounding white space from a single-line value.
func trim(s string) string { return strings.TrimSpace(s) }

// trimEnds removes blank lines and spaces around a multi-line text.
func trimEnds(s string) string { return strings.TrimSpace(s) }
