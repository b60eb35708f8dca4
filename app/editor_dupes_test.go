package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintrace/cases"
	"kintrace/cases/search"
)

// olderReport is a case worked on for a while, which a new report of the
// same man written another way duplicates.
func olderReport() cases.Case {
	return cases.Case{Status: cases.StatusContactLost, Priority: cases.PriorityHigh,
		Person: cases.Person{Name: "Сергей Павлович Лебедев", BirthDate: "1987", Facility: "ИК-17, Мордовия",
			Phones: []string{"+7 912 555-01-23"}, Region: "Мордовия"},
		Reporters: []cases.Reporter{{Name: "Оксана", Relation: "half-sister", Consent: cases.ConsentInternal}},
		Events: []cases.Event{{Date: "2026-03-02", Type: cases.EventRecruitmentVisit, Source: "reporter",
			Verification: cases.VerificationUnverified}}}
}

// typeDuplicate starts a new case that scores as a duplicate of
// olderReport and taps Save.
func typeDuplicate(h *harness) *editorScreen {
	h.t.Helper()
	test.Tap(h.ui.desk.newCase)
	ed := h.editor()
	test.Type(ed.name, "Serhiy Lebedev")
	test.Type(ed.person.birth.entry, "1987")
	test.Type(ed.person.facility, "IK-17")
	test.Tap(ed.saveButton)
	h.wait()
	return ed
}

func storedCases(h *harness) int { return len(h.ui.vault.Search(search.Query{Merged: true})) }

func TestSaveWarnsOfLikelyDuplicate(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	old := h.addCase(olderReport())
	ed := typeDuplicate(h)
	w := ed.dupes
	if w == nil || w.dialog == nil {
		t.Fatalf("no warning on saving a likely duplicate (banner %q)", ed.banner.Text)
	}
	if !strings.Contains(w.message.Text, old.Number) || !strings.Contains(w.message.Text, "Сергей Павлович Лебедев") {
		t.Errorf("the warning does not name the other case: %q", w.message.Text)
	}
	if got := []string{w.cancel.Text, w.compare.Text, w.save.Text}; strings.Join(got, "|") != "Back to editing|Compare…|Save anyway" {
		t.Errorf("buttons %q", got)
	}
	if storedCases(h) != 1 || ed.saved.ID != "" {
		t.Fatal("the case was saved before the person chose")
	}
	// Cancel: nothing saved, the edits stay.
	first := w.dialog
	test.Tap(w.cancel)
	if storedCases(h) != 1 || ed.name.Text != "Serhiy Lebedev" {
		t.Fatalf("after cancel: %d cases, name %q", storedCases(h), ed.name.Text)
	}
	// Save anyway: saved; saving again asks no more.
	test.Tap(ed.saveButton)
	h.wait()
	if ed.dupes.dialog == first {
		t.Fatal("no warning on the second save")
	}
	test.Tap(ed.dupes.save)
	h.wait()
	if storedCases(h) != 2 || ed.saved.ID == "" {
		t.Fatalf("Save anyway did not save: %d cases", storedCases(h))
	}
	asked := ed.dupes.dialog
	test.Type(ed.person.unit, "в/ч 12345")
	test.Tap(ed.saveButton)
	h.wait()
	if ed.dupes.dialog != asked || ed.saved.Person.Unit != "в/ч 12345" {
		t.Errorf("an accepted duplicate is asked about again, or the edit not saved (unit %q)", ed.saved.Person.Unit)
	}
}

// An unrelated case is saved without a question.
func TestSaveWithoutDuplicateAsksNothing(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.addCase(olderReport())
	test.Tap(h.ui.desk.newCase)
	ed := h.editor()
	test.Type(ed.name, "Иван Петрович Сидоров")
	test.Type(ed.person.birth.entry, "1990")
	test.Tap(ed.saveButton)
	h.wait()
	if ed.dupes != nil && ed.dupes.dialog != nil || ed.saved.ID == "" {
		t.Errorf("an unrelated case: warned %v, saved %v", ed.dupes != nil && ed.dupes.dialog != nil, ed.saved.ID != "")
	}
}

// Compare shows the side-by-side view; merging there saves the new case
// and merges it into the fuller case, which the editor then shows.
func TestSaveWarningCompareAndMerge(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	old := h.addCase(olderReport())
	ed := typeDuplicate(h)
	if ed.dupes == nil || ed.dupes.dialog == nil {
		t.Fatal("no warning")
	}
	test.Tap(ed.dupes.compare)
	h.wait()
	m := ed.dupes.merge
	if m == nil || ed.dupes.mergeDialog == nil {
		t.Fatal("Compare did not show the side-by-side view")
	}
	if m.keep.Selected != old.Number {
		t.Errorf("kept by default: %q, want the fuller %s", m.keep.Selected, old.Number)
	}
	if d := m.differing(); !strings.Contains(strings.Join(d, " "), "person.name") || !strings.Contains(strings.Join(d, " "), "person.facility") {
		t.Errorf("differing fields %v", d)
	}
	ed.dupes.mergeDialog.Confirm()
	h.wait()
	if storedCases(h) != 2 {
		t.Fatalf("%d cases after save and merge, want 2 (one merged)", storedCases(h))
	}
	kept := h.getCase(old.ID)
	if !strings.Contains(strings.Join(kept.Person.Aliases, "|"), "Serhiy Lebedev") || len(kept.MergedFrom) != 1 {
		t.Errorf("kept case: aliases %q, merged from %v", kept.Person.Aliases, kept.MergedFrom)
	}
	if now := h.editor(); now.saved.ID != old.ID {
		t.Errorf("the editor shows %q, want the kept case", now.saved.Number)
	}
}

// A case that already was a likely duplicate when last saved is not asked
// about again, whether the edit touches its identity or not.
func TestSaveEditOfKnownDuplicateAsksNothing(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.addCase(olderReport())
	dup := h.addCase(cases.Case{Status: cases.StatusOpen,
		Person: cases.Person{Name: "Serhiy Lebedev", BirthDate: "1987", Facility: "IK-17"}})
	h.ui.openCase(dup.ID)
	ed := h.editor()
	ed.notes.SetText("The aunt called again.")
	test.Tap(ed.saveButton)
	h.wait()
	test.Type(ed.person.unit, "в/ч 12345")
	test.Tap(ed.saveButton)
	h.wait()
	if ed.dupes != nil && ed.dupes.dialog != nil {
		t.Fatalf("warned about a known duplicate: %q", ed.dupes.message.Text)
	}
	if got := h.getCase(dup.ID); got.Notes != "The aunt called again." || got.Person.Unit != "в/ч 12345" {
		t.Errorf("edits not saved: notes %q unit %q", got.Notes, got.Person.Unit)
	}
}
