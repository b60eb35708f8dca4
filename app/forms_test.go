package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
)

// Tab and Shift+Tab leave a multi-line entry for the next and the previous
// field; Ctrl+Tab types a tab character into it.
func TestMultiLineEntryTabMovesFocus(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.ui.openCase("")
	ed := h.editor()
	c := h.win.Canvas()
	p := ed.person
	c.Focus(p.aliases)
	test.Type(p.aliases, "Серёжа")
	pressTab(c, false)
	if c.Focused() != p.sex {
		t.Errorf("Tab in the aliases went to %s, want the sex beside them", describeFocusable(c.Focused()))
	}
	pressTab(c, true)
	if c.Focused() != p.aliases {
		t.Errorf("Shift+Tab went to %s, want back to the aliases", describeFocusable(c.Focused()))
	}
	p.aliases.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl})
	if p.aliases.Text != "Серёжа\t" {
		t.Errorf("Ctrl+Tab left %q, want a tab typed", p.aliases.Text)
	}
	if p.aliases.AcceptsTab() || ed.notes.AcceptsTab() || ed.timeline.text.AcceptsTab() {
		t.Error("a multi-line entry of the editor takes Tab as a key")
	}
	ed.name.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl})
	if ed.name.Text != "" {
		t.Errorf("Ctrl+Tab typed into a single-line entry: %q", ed.name.Text)
	}
}

// The timeline keeps its events in view: the form is folded behind "New
// event" while there are events, opens on it, and folds again once the
// event is added. A place as long as a summary, or a date in the future,
// is warned about at the field; the event can still be added and saved.
func TestTimelineFormFoldsAndWarns(t *testing.T) {
	h := newHarness(t) // the clock says 1 March 2026
	h.createVault()
	saved := h.addCase(lebedev)
	h.ui.openCase(saved.ID)
	ed := h.editor()
	tl := ed.timeline
	ed.tabs.Select(ed.tabFor[sectionTimeline])
	if !tl.folded() || !tl.open.Visible() {
		t.Fatal("the new-event form is open on a case with events")
	}
	if h.win.Canvas().Focused() != tl.open {
		t.Errorf("the Timeline tab focuses %v, want the New event button", h.win.Canvas().Focused())
	}
	test.Tap(tl.open)
	if tl.folded() || tl.open.Visible() || h.win.Canvas().Focused() != tl.date.entry {
		t.Fatal("New event does not open the form with the cursor in the date")
	}
	summary := strings.Repeat("Звонил с незнакомого номера, просил денег ", 3)
	test.Type(tl.date.entry, "2026-04")
	tl.typ.SetValue(string(cases.EventCall))
	test.Type(tl.place, summary)
	if w := tl.formWarn["place"].label; !w.Visible() || w.Text != lang.L("forms.warn.too_long", map[string]any{"N": 80}) {
		t.Errorf("a 130-character place: warning %q (shown %v)", w.Text, w.Visible())
	}
	if w := tl.formWarn["date"].label; !w.Visible() || w.Text != "This date is in the future." {
		t.Errorf("a date next month: warning %q", w.Text)
	}
	enter(tl.place)
	if len(tl.events) != 2 || !tl.folded() || h.win.Canvas().Focused() != tl.open {
		t.Fatalf("after Enter: %d events, folded %v", len(tl.events), tl.folded())
	}
	row := tl.ordered()[1]
	if !row.warn.label.Visible() || !strings.Contains(row.warn.label.Text, "Place: Longer than 80 characters") ||
		!strings.Contains(row.warn.label.Text, "in the future") {
		t.Errorf("the new event's row warns %q", row.warn.label.Text)
	}
	test.Tap(ed.saveButton)
	h.wait()
	if got := h.getCase(saved.ID); len(got.Events) != 2 || got.Events[1].Place != strings.TrimSpace(summary) {
		t.Fatalf("warnings stopped the save: %+v (banner %q)", got.Events, ed.banner.Text)
	}
	// Editing an event opens the form; Cancel folds it.
	test.Tap(row.edit)
	if tl.folded() {
		t.Fatal("editing an event leaves the form folded")
	}
	test.Tap(tl.cancel)
	if !tl.folded() || tl.pending() {
		t.Error("Cancel leaves the form open or filled")
	}
}

// The person's birth date and long fields are warned about beside them.
func TestPersonWarnings(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.ui.openCase("")
	ed := h.editor()
	p := ed.person
	test.Type(ed.name, "Иван")
	test.Type(p.birth.entry, "2015") // 10 or 11 in March 2026
	if w := ed.staticWarn["person.birth_date"].label; !w.Visible() || w.Text != "By this birth date the person is under 14." {
		t.Errorf("birth in 2015: warning %q", w.Text)
	}
	p.birth.entry.SetText("1990")
	if w := ed.staticWarn["person.birth_date"].label; w.Visible() {
		t.Errorf("birth in 1990: warning %q", w.Text)
	}
	p.phones.SetText("+7 912 555-01-23\n" + strings.Repeat("1", 50))
	if w := ed.staticWarn["person.phones"].label; !w.Visible() || !strings.HasPrefix(w.Text, "Line 2: Longer than 40") {
		t.Errorf("a 50-digit phone on line 2: warning %q", w.Text)
	}
	test.Tap(ed.saveButton)
	h.wait()
	if ed.saved.ID == "" {
		t.Fatalf("warnings stopped the save (banner %q)", ed.banner.Text)
	}
}

// The calendar beside a date field fills it with the day picked, in the
// month and year chosen.
func TestDatePickerFillsFullDate(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.ui.openCase("")
	ed := h.editor()
	f := ed.person.birth
	test.Type(f.entry, "1987-05")
	test.Tap(f.pick)
	p := f.picker
	if p == nil || p.month.SelectedIndex() != 4 || p.year.Text != "1987" {
		t.Fatalf("the calendar opens elsewhere than May 1987")
	}
	if got := p.month.Options[0]; got != "January" {
		t.Errorf("first month %q", got)
	}
	p.year.SetText("1986")
	test.Tap(p.next)
	if len(p.dayButtons) != 30 { // June 1986
		t.Fatalf("June has %d day buttons", len(p.dayButtons))
	}
	if p.dayButtons[0].Importance != widget.LowImportance {
		t.Error("1 June 1986 stands out, though the field holds no day")
	}
	test.Tap(p.dayButtons[11])
	if f.entry.Text != "1986-06-12" || h.win.Canvas().Overlays().Top() != nil {
		t.Errorf("picked 12 June 1986: the field holds %q", f.entry.Text)
	}
	test.Tap(f.pick)
	if p = f.picker; p.dayButtons[11].Importance == widget.LowImportance || p.dayButtons[10].Importance != widget.LowImportance {
		t.Error("the calendar does not mark the field's day")
	}
}

// Every month and weekday the calendar names is translated.
func TestDatePickerNamesTranslated(t *testing.T) {
	for _, code := range appLanguages {
		m := mergedTranslations(t, code)
		for i := 1; i <= 12; i++ {
			if m[monthKey(i)] == "" {
				t.Errorf("%s lacks %s", code, monthKey(i))
			}
		}
		for i := 1; i <= 7; i++ {
			if m[weekdayKey(i)] == "" {
				t.Errorf("%s lacks %s", code, weekdayKey(i))
			}
		}
	}
}

// A new case's editor holds no example text: every entry is empty, and
// the hints are placeholders that do not read as values (a date field's
// hint does not start with a date).
func TestNewCaseHasNoExampleText(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.ui.openCase("")
	ed := h.editor()
	test.Tap(ed.places.add)
	test.Tap(ed.promises.add)
	for _, section := range []string{sectionPerson, sectionReporters, sectionTimeline, sectionPlaces, sectionPromises, sectionNotes} {
		ed.tabs.Select(ed.tabFor[section])
		for _, o := range test.LaidOutObjects(ed.content) {
			if en, ok := o.(*trackedEntry); ok && en.Visible() && en.Text != "" {
				t.Errorf("tab %s: an entry is filled with %q", section, en.Text)
			}
		}
	}
	for _, f := range []*dateField{ed.person.birth, ed.person.recruitedOn, ed.timeline.date, ed.places.items[0].date} {
		first, _, _ := strings.Cut(f.entry.PlaceHolder, ",")
		if _, err := parseUserDate(first); err == nil {
			t.Errorf("the date hint %q starts with a date, which reads as one typed", f.entry.PlaceHolder)
		}
	}
}
