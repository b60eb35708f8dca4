package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/search"
)

// openedEditor returns the editor on show, failing the test when there is
// none.
func (h *harness) editor() *editorScreen {
	h.t.Helper()
	ed, ok := h.ui.screen.(*editorScreen)
	if !ok || ed == nil {
		h.t.Fatalf("the case editor is not on show (screen %T)", h.ui.screen)
	}
	return ed
}

// getCase reads a case straight from the vault.
func (h *harness) getCase(id string) cases.Case {
	h.t.Helper()
	c, err := h.ui.vault.Get(context.Background(), id)
	if err != nil {
		h.t.Fatalf("Get: %v", err)
	}
	return c
}

func enter(e *trackedEntry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

func TestEditorAddsCaseWithTwoEvents(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	if !h.ui.desk.newCase.Visible() {
		t.Fatal("the desk offers no New case button although the editor is registered")
	}
	test.Tap(h.ui.desk.newCase)
	ed := h.editor()
	h.checkTitle()
	if h.win.Canvas().Focused() != ed.name {
		t.Error("a new case does not start with the cursor in the name")
	}

	test.Type(ed.name, "Сергей Павлович Лебедев")
	test.Tap(ed.person.pseudonym)
	test.Type(ed.person.phones, "+7 912 555-01-23")
	test.Type(ed.person.facility, "ИК-17, Мордовия")
	test.Type(ed.person.birth.entry, "1987")
	if got := ed.person.birth.caption.Text; got != "year" {
		t.Errorf("birth date caption = %q, want the precision %q", got, "year")
	}
	ed.status.SetSelected(enumLabel("status", "contact_lost"))
	test.Type(ed.tags, "recruitment, new-number")

	rep := ed.reporters.items[0]
	test.Type(rep.name, "Оксана")
	test.Type(rep.relation, "сводная сестра")
	test.Type(rep.safety, "do not phone: the husband is hostile")
	if !strings.Contains(rep.safetyText.Text, "the husband is hostile") {
		t.Errorf("the warning card shows %q, not the safety notes", rep.safetyText.Text)
	}
	if rep.consent.Value() != string(cases.ConsentInternal) || !strings.Contains(rep.consentText.Text, "Internal only") {
		t.Errorf("a new reporter's consent is %q (card %q), want internal", rep.consent.Value(), rep.consentText.Text)
	}

	// First event: typed and picked with the mouse, added with the button.
	tl := ed.timeline
	ed.tabs.Select(ed.tabFor[sectionTimeline])
	if h.win.Canvas().Focused() != tl.date.entry {
		t.Error("opening the Timeline tab does not put the cursor in the event's date")
	}
	test.Type(tl.date.entry, "2022-07-10")
	tl.typ.SetSelected(enumLabel("event", "message_received"))
	tl.channel.SetSelected(enumLabel("channel", "whatsapp"))
	test.Type(tl.from, "+7 999 000-44-17")
	test.Type(tl.text, "Asked for a copy of mother's passport so that she can receive his wages.")
	test.Type(tl.place, "Rostov Oblast")
	test.Tap(tl.add)
	if !tl.folded() || h.win.Canvas().Focused() != tl.open {
		t.Error("the form stays open after adding an event, or the focus is not on New event")
	}
	// Second event from the keyboard: New event (Space), dotted date, a
	// letter picks the type, Enter adds.
	tl.open.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if h.win.Canvas().Focused() != tl.date.entry {
		t.Error("New event does not put the cursor in the date")
	}
	test.Type(tl.date.entry, "07.2022")
	test.Tap(tl.approx)
	tl.typ.TypedRune('c') // "Call"
	tl.typ.TypedRune('c') // "Contact lost"
	if got := tl.typ.Value(); got != string(cases.EventContactLost) {
		t.Fatalf("typing c twice picked %q, want contact_lost", got)
	}
	test.Type(tl.source, "reporter")
	tl.typ.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter on the type adds too
	if len(tl.events) != 2 {
		t.Fatalf("timeline holds %d events, want 2", len(tl.events))
	}
	if tl.pending() {
		t.Error("the event form still holds an event after adding it")
	}
	// Newest first: 2022-07-10 is after 2022-07.
	first := tl.list.Objects[0]
	if !slices.Contains(visibleTexts(first), "2022-07-10 · Message received · WhatsApp · +7 999 000-44-17") {
		t.Errorf("first row shows %q, want the 10 July message", visibleTexts(first))
	}
	if !ed.unsaved.Visible() {
		t.Error("no unsaved-changes mark after typing")
	}
	test.Tap(tl.ordered()[1].copyFrom)
	if got := h.app.Clipboard().Content(); got != "+7 999 000-44-17" {
		t.Errorf("copy button put %q on the clipboard", got)
	}
	if tl.ordered()[0].copyFrom.Visible() {
		t.Error("copy button shown for an event without a number")
	}

	test.Tap(ed.saveButton)
	h.wait()
	if ed.saved.ID == "" {
		t.Fatalf("case not saved; banner %q", ed.banner.Text)
	}
	if ed.unsaved.Visible() {
		t.Error("unsaved-changes mark still shown after saving")
	}
	got := h.getCase(ed.saved.ID)
	if got.Version != 1 || got.Person.Name != "Сергей Павлович Лебедев" || !got.Person.Pseudonym ||
		got.Status != cases.StatusContactLost || got.Person.BirthDate != "1987" ||
		!slices.Equal(got.Tags, []string{"recruitment", "new-number"}) ||
		!slices.Equal(got.Person.Phones, []string{"+7 912 555-01-23"}) {
		t.Errorf("stored case = %+v", got)
	}
	if len(got.Reporters) != 1 || got.Reporters[0].Name != "Оксана" || got.Reporters[0].Consent != cases.ConsentInternal {
		t.Errorf("stored reporters = %+v", got.Reporters)
	}
	want := []cases.Event{
		{Date: "2022-07", Approx: true, Type: cases.EventContactLost, Source: "reporter",
			Verification: cases.VerificationUnverified},
		{Date: "2022-07-10", Type: cases.EventMessageReceived, Channel: cases.ChannelWhatsApp,
			From: "+7 999 000-44-17", Text: "Asked for a copy of mother's passport so that she can receive his wages.",
			Place: "Rostov Oblast", Verification: cases.VerificationUnverified},
	}
	if !slices.Equal(got.Events, want) {
		t.Errorf("stored events =\n%+v\nwant\n%+v", got.Events, want)
	}
	if !strings.HasPrefix(ed.subtitle.Text, got.Number) {
		t.Errorf("header shows %q, want the new case number %s", ed.subtitle.Text, got.Number)
	}
	if ed.historyTab == nil {
		t.Error("no History tab after the first save")
	}
	h.checkTitle()
}

func TestEditorEditShowsVersion2InHistory(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := h.addCase(lebedev)
	h.ui.openCase(c.ID)
	ed := h.editor()
	if ed.name.Text != lebedev.Person.Name {
		t.Fatalf("editor shows name %q", ed.name.Text)
	}

	ed.name.SetText("")
	test.Type(ed.name, "Сергей Лебедев")
	ed.name.TypedShortcut(shortcut(fyne.KeyS)) // Ctrl+S while typing
	h.wait()
	if ed.saved.Version != 2 {
		t.Fatalf("after Ctrl+S the editor holds version %d (banner %q), want 2", ed.saved.Version, ed.banner.Text)
	}
	if got := h.getCase(c.ID); got.Person.Name != "Сергей Лебедев" || got.Version != 2 {
		t.Fatalf("stored case: name %q version %d", got.Person.Name, got.Version)
	}

	ed.tabs.Select(ed.historyTab)
	h.wait()
	hv := ed.history
	if len(hv.revisions) != 2 || hv.revisions[0].Version != 2 || hv.revisions[1].Version != 1 {
		t.Fatalf("history lists %+v, want versions 2 and 1", hv.revisions)
	}
	if !slices.Contains(hv.revisions[0].Changed, "person.name") {
		t.Errorf("version 2 changed %v, want person.name", hv.revisions[0].Changed)
	}
	title, changed := hv.rowText(0)
	if !strings.HasPrefix(title, "Version 2 · ") {
		t.Errorf("row title %q", title)
	}
	if !strings.Contains(changed, "Person › Name") || strings.Contains(changed, "person.name") {
		t.Errorf("row says %q, want the translated field Person › Name", changed)
	}
	if _, first := hv.rowText(1); first != "Case created" {
		t.Errorf("version 1 row says %q", first)
	}

	// Version 2 says what it changed: the name, before and after.
	hv.list.Select(0)
	h.wait()
	if text := hv.detail.String(); !strings.Contains(text, "What this version changed") ||
		!strings.Contains(text, "Person › Name") || !strings.Contains(text, "Before: "+lebedev.Person.Name) ||
		!strings.Contains(text, "After: Сергей Лебедев") {
		t.Errorf("version 2 shows no diff of the name:\n%s", text)
	}
	hv.list.Select(1) // version 1, read-only
	h.wait()
	if text := hv.detail.String(); strings.Contains(text, "What this version changed") {
		t.Errorf("the first version shows a diff:\n%s", text)
	}
	if hv.shownVersion != 1 || !strings.Contains(hv.detailTitle.Text, "Version 1") {
		t.Fatalf("showing version %d titled %q", hv.shownVersion, hv.detailTitle.Text)
	}
	if text := hv.detail.String(); !strings.Contains(text, "Сергей Павлович Лебедев") || !strings.Contains(text, "ИК-17, Мордовия") {
		t.Errorf("version 1 shows %q, want the old name and facility", text)
	}
	for _, o := range test.LaidOutObjects(hv.content) {
		if _, ok := o.(*widget.Entry); ok {
			t.Fatal("the past version is shown in an editable entry")
		}
	}

	// Restoring version 1 copies it into the editor as an unsaved change;
	// saving makes it version 3.
	if !hv.restore.Visible() {
		t.Fatal("no Restore button for a past version")
	}
	test.Tap(hv.restore)
	if ed.name.Text != lebedev.Person.Name || !ed.unsaved.Visible() || ed.saved.Version != 2 {
		t.Fatalf("after Restore: name %q, unsaved %v, version %d", ed.name.Text, ed.unsaved.Visible(), ed.saved.Version)
	}
	test.Tap(ed.saveButton)
	h.wait()
	if got := h.getCase(c.ID); got.Version != 3 || got.Person.Name != lebedev.Person.Name {
		t.Errorf("saved restore: version %d name %q", got.Version, got.Person.Name)
	}
	ed.tabs.Select(ed.historyTab) // reads the history again
	h.wait()
	if len(hv.revisions) != 3 {
		t.Fatalf("history lists %d versions after the restore, want 3", len(hv.revisions))
	}
	hv.list.Select(0)
	h.wait()
	if hv.shownVersion != 3 || hv.restore.Visible() {
		t.Errorf("newest version %d shown with a Restore button", hv.shownVersion)
	}
}

func TestEditorValidationAtFieldsSavesNothing(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.ui.openCase("")
	ed := h.editor()

	test.Type(ed.person.phones, "+7 912 555-01-23\nno number")
	test.Type(ed.person.birth.entry, "31.02.1990")
	test.Tap(ed.places.add)
	pl := ed.places.items[0]
	test.Type(pl.name, "госпиталь")
	test.Type(pl.lat, "47,2")
	test.Tap(ed.promises.add)
	test.Type(ed.promises.items[0].what, "monthly pay")
	test.Type(ed.promises.items[0].currency, "rubles")
	ed.tabs.Select(ed.tabFor[sectionNotes])

	test.Tap(ed.saveButton)
	h.wait()
	if ed.saved.ID != "" || h.ui.vault.Index().Len() != 0 {
		t.Fatal("a case with problems was saved")
	}
	checks := []struct {
		name string
		fe   *fieldError
		want string
	}{
		{"name", ed.static["person.name"], "Required."},
		{"phones", ed.static["person.phones"], "Line 2: A phone number needs digits."},
		{"birth date", ed.static["person.birth_date"], "Type a date as"},
		{"place coordinates", pl.general, "Give both latitude and longitude"},
		{"currency", ed.promises.items[0].currencyErr, "three-letter currency code"},
	}
	for _, c := range checks {
		if !c.fe.label.Visible() || !strings.Contains(c.fe.label.Text, c.want) {
			t.Errorf("%s: error label %q (visible %v), want %q", c.name, c.fe.label.Text, c.fe.label.Visible(), c.want)
		}
	}
	if ed.static["person.sex"].label.Visible() {
		t.Error("an error is shown at a field without a problem")
	}
	if ed.tabs.Selected() != ed.tabFor[sectionPerson] {
		t.Error("the editor did not switch to the tab of the first problem")
	}
	if !ed.banner.Visible() || !strings.Contains(ed.banner.Text, "Not saved") {
		t.Errorf("banner %q", ed.banner.Text)
	}

	// Fixing a field clears its error as the user types.
	test.Type(ed.name, "Иван")
	if ed.static["person.name"].label.Visible() {
		t.Error("the name's error stays after typing a name")
	}
	if !ed.static["person.phones"].label.Visible() {
		t.Error("the phone's error went away although the phone is still wrong")
	}
}

func TestEditorProblemInEventShownOnItsRow(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.ui.openCase("")
	ed := h.editor()
	test.Type(ed.name, "Иван")
	tl := ed.timeline
	// The form refuses an event without a type, at the type.
	test.Type(tl.date.entry, "2023-01-05")
	test.Tap(tl.add)
	if len(tl.events) != 0 || !strings.Contains(tl.typeErr.label.Text, "Required.") {
		t.Fatalf("event without a type: %d events, type error %q", len(tl.events), tl.typeErr.label.Text)
	}
	// Save with the incomplete form: nothing is saved, the banner says why.
	test.Tap(ed.saveButton)
	h.wait()
	if ed.saved.ID != "" || ed.tabs.Selected() != ed.tabFor[sectionTimeline] {
		t.Fatalf("saved with an incomplete event in the form (banner %q)", ed.banner.Text)
	}
	// A problem Validate finds in a stored event goes to its row.
	tl.typ.SetSelected(enumLabel("event", "note"))
	enter(tl.from) // Enter in the number adds the event
	tl.events[0].ev.Type = "calll"
	test.Tap(ed.saveButton)
	h.wait()
	if ed.saved.ID != "" {
		t.Fatal("saved a case with an unknown event type")
	}
	if got := tl.events[0].err.label.Text; got != "Type: Choose one of the listed values." {
		t.Errorf("event row error %q", got)
	}
	// A problem at a field the editor has no widget for is named in the
	// banner.
	tl.events[0].ev.Type = cases.EventNote
	ed.saved.Number = strings.Repeat("7", 70)
	test.Tap(ed.saveButton)
	h.wait()
	if ed.saved.ID != "" || !strings.Contains(ed.banner.Text, "Case number: This value is not valid.") {
		t.Errorf("banner %q does not name the case number's problem", ed.banner.Text)
	}
}

func TestEditorGuardsUnsavedChanges(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := h.addCase(lebedev)
	h.ui.showDesk()

	// Unchanged: Back leaves without asking.
	h.ui.openCase(c.ID)
	test.Tap(h.editor().back)
	if h.ui.desk == nil {
		t.Fatal("Back on an unchanged case did not return to the list")
	}

	h.ui.openCase(c.ID)
	ed := h.editor()
	test.Type(ed.person.features, "scar over the left eyebrow")
	test.Tap(ed.back)
	if ed.guard == nil || h.ui.desk != nil {
		t.Fatal("Back with unsaved changes left without asking")
	}
	test.Tap(ed.guardCancel)
	if h.editor() != ed || ed.person.features.Text != "scar over the left eyebrow" {
		t.Fatal("Cancel did not keep the editor and its text")
	}

	// Opening another case through the Host asks too; Discard drops the edit.
	other := h.addCase(cases.Case{Status: cases.StatusOpen, Person: cases.Person{Name: "Пётр Иванов"}})
	h.ui.OpenCase(other.ID)
	if h.editor() != ed {
		t.Fatal("OpenCase replaced an editor holding unsaved changes without asking")
	}
	test.Tap(ed.guardDiscard)
	if got := h.editor(); got.saved.ID != other.ID {
		t.Fatalf("after Discard the editor shows case %q, want %q", got.saved.ID, other.ID)
	}
	if got := h.getCase(c.ID); got.Version != 1 || got.Person.Features != "" {
		t.Errorf("Discard changed the stored case: %+v", got)
	}
	if ed.name.Text != "" {
		t.Error("the left editor still holds the case's text")
	}

	// Save in the guard saves, then leaves.
	ed = h.editor()
	test.Type(ed.person.unit, "Storm-Z")
	test.Tap(ed.back)
	test.Tap(ed.guardSave)
	h.wait()
	if h.ui.desk == nil {
		t.Fatal("Save in the guard did not return to the list")
	}
	if got := h.getCase(other.ID); got.Version != 2 || got.Person.Unit != "Storm-Z" {
		t.Errorf("Save in the guard stored %+v", got)
	}

	// A save refused for a problem keeps the editor open.
	h.ui.openCase(other.ID)
	ed = h.editor()
	ed.name.SetText("")
	test.Tap(ed.back)
	test.Tap(ed.guardSave)
	h.wait()
	if h.ui.desk != nil || h.editor() != ed || !ed.static["person.name"].label.Visible() {
		t.Error("a refused save in the guard left the editor")
	}
}

func TestEditorConflictOffersReload(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := h.addCase(lebedev)
	h.ui.openCase(c.ID)
	ed := h.editor()

	// Someone else saves version 2 meanwhile (an import, another window).
	theirs := c
	theirs.Person.Unit = "Storm-V"
	if _, err := h.ui.vault.Update(context.Background(), theirs); err != nil {
		t.Fatal(err)
	}
	test.Type(ed.person.features, "tattoo of an anchor")
	ed.person.features.TypedShortcut(shortcut(fyne.KeyS))
	h.wait()
	if ed.conflict == nil || !strings.Contains(ed.banner.Text, "Someone saved this case") {
		t.Fatalf("no conflict message; banner %q", ed.banner.Text)
	}
	if got := h.getCase(c.ID); got.Version != 2 || got.Person.Features != "" {
		t.Fatalf("the conflicting save wrote %+v", got)
	}
	ed.conflict.Confirm() // Reload
	h.wait()
	if ed.saved.Version != 2 || ed.person.unit.Text != "Storm-V" || ed.person.features.Text != "" || ed.dirty() {
		t.Errorf("after Reload: version %d unit %q features %q", ed.saved.Version, ed.person.unit.Text, ed.person.features.Text)
	}
}

func TestEditorLockWipesIt(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := h.addCase(lebedev)
	h.ui.openCase(c.ID)
	ed := h.editor()
	ed.tabs.Select(ed.historyTab)
	h.wait()
	ed.history.list.Select(0)
	h.wait()
	test.Type(ed.timeline.text, "typed but not added")

	ed.name.TypedShortcut(shortcut(fyne.KeyL))
	if h.ui.unlock == nil {
		t.Fatal("Ctrl+L in the editor did not lock")
	}
	secrets := []string{"Лебедев", "ИК-17", "912", "typed but not added"}
	for _, s := range append(visibleTexts(h.win.Content()), visibleTexts(test.LaidOutObjects(ed.content)...)...) {
		for _, secret := range secrets {
			if strings.Contains(s, secret) {
				t.Errorf("after lock a widget still shows %q", s)
			}
		}
	}
	if ed.saved.ID != "" || ed.history.detail.String() != "" {
		t.Error("the editor kept the case after lock")
	}
}

func TestEditorShowsFeatureTabsAndHostActions(t *testing.T) {
	savedTabs, savedActions := caseTabs, actions
	t.Cleanup(func() { caseTabs, actions = savedTabs, savedActions })
	var built []cases.Case
	var host Host
	caseTabs = append(slices.Clip(caseTabs), CaseTab{Label: "editor.tab.notes", Build: func(h Host, c cases.Case) fyne.CanvasObject {
		host = h
		built = append(built, c)
		return widget.NewLabel("feature tab of " + c.Number)
	}})
	var ran Host
	actions = append(slices.Clip(actions), Action{Label: "editor.more", Run: func(h Host) { ran = h }})

	h := newHarness(t)
	h.createVault()
	c := h.addCase(lebedev)

	h.ui.openCase("")
	ed := h.editor()
	if len(built) != 0 || len(ed.extTabs) != 0 {
		t.Fatal("a feature tab was built for a case not saved yet")
	}
	test.Tap(ed.back)

	h.ui.openCase(c.ID)
	ed = h.editor()
	mine := len(savedTabs) // the app's own feature tabs come first
	if len(ed.extTabs) != mine+1 || len(built) != 1 || built[0].ID != c.ID || host != Host(h.ui) {
		t.Fatalf("feature tabs %d, built with %+v", len(ed.extTabs), built)
	}
	if !slices.Contains(ed.tabs.Items, ed.extTabs[mine]) || ed.extTabs[mine].Text != "Notes" {
		t.Fatal("the registered tab is not among the editor's tabs")
	}
	test.Type(ed.person.unit, "Storm-Z")
	test.Tap(ed.saveButton)
	h.wait()
	if len(built) != 2 || built[1].Version != 2 || len(ed.tabs.Items) != 9+mine+1 { // 9: with Requests and Follow-ups
		t.Errorf("after saving: builds %d (last version %d), tabs %d", len(built), built[len(built)-1].Version, len(ed.tabs.Items))
	}

	if h.ui.Store() == nil || h.ui.Window() != h.win {
		t.Fatal("Host gives no store or the wrong window")
	}
	h.ui.ShowCases(search.Query{Text: "lebedev", Status: cases.StatusContactLost})
	d := h.ui.desk
	if d == nil || d.search.Text != "lebedev" || d.query.Status != cases.StatusContactLost || len(d.results) != 1 {
		t.Fatalf("ShowCases: desk %v", d != nil)
	}
	menu := h.ui.actionsMenu()
	if len(menu.Items) != len(savedActions)+1 || menu.Items[len(savedActions)].Label != "More" {
		t.Fatalf("actions menu %+v", menu.Items)
	}
	menu.Items[len(savedActions)].Action()
	if ran != Host(h.ui) {
		t.Error("the action did not run with the window as its Host")
	}
	more := findButton(h.win.Content(), "More")
	if more == nil || !more.Visible() {
		t.Error("the desk shows no More button although an action is registered")
	}
}

func findButton(root fyne.CanvasObject, text string) *widget.Button {
	for _, o := range test.LaidOutObjects(root) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	return nil
}
