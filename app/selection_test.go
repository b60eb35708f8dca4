package app

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/casegen"
)

// shownRows are the case list's rows on the window now, by list index.
func shownRows(h *harness) map[int]*caseRow {
	rows := map[int]*caseRow{}
	for _, o := range test.LaidOutObjects(h.win.Canvas().Content()) {
		if r, ok := o.(*caseRow); ok && r.Visible() && r.index >= 0 {
			rows[r.index] = r
		}
	}
	return rows
}

// tickRow taps the check box of the row showing list index i.
func tickRow(t *testing.T, h *harness, i int) {
	t.Helper()
	r := shownRows(h)[i]
	if r == nil {
		t.Fatalf("no row on the window shows list index %d", i)
	}
	test.Tap(r.check)
}

func TestSelectCasesAndExportTheirBundle(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	a, b := h.addCase(lebedev), h.addCase(sokolov)
	h.addCase(cases.Case{Status: cases.StatusOpen, Person: cases.Person{Name: "Олег Морозов"}})
	h.ui.showDesk()
	d := h.ui.desk
	if d.selBar.box.Visible() {
		t.Fatal("selection bar on show with nothing selected")
	}
	ia := slices.IndexFunc(d.results, func(o cases.Overview) bool { return o.ID == a.ID })
	ib := slices.IndexFunc(d.results, func(o cases.Overview) bool { return o.ID == b.ID })
	tickRow(t, h, ia)
	tickRow(t, h, ib)
	if !d.selBar.box.Visible() || d.selBar.count.Text != "2 selected" {
		t.Fatalf("after ticking two rows the bar shows %q (visible %v), want \"2 selected\"",
			d.selBar.count.Text, d.selBar.box.Visible())
	}
	if got := h.ui.SelectedCases(); !slices.Equal(got, []string{a.ID, b.ID}) {
		t.Fatalf("selected ids %v, want %v", got, []string{a.ID, b.ID})
	}

	// A search keeps the selection and says how much of it is hidden.
	test.Type(d.search, "Sokolov")
	if got := d.selBar.count.Text; got != "2 selected · 1 not in this list" {
		t.Errorf("bar during a search that hides one ticked case: %q", got)
	}
	if r := shownRows(h)[0]; r == nil || !r.check.Checked {
		t.Error("the ticked case found by the search shows no tick")
	}
	d.search.SetText("")

	// Opening a case and coming back keeps the ticks.
	h.ui.openCase(a.ID)
	h.ui.showDesk()
	d = h.ui.desk
	if d.selBar.count.Text != "2 selected" || !shownRows(h)[ia].check.Checked {
		t.Fatalf("after the editor: bar %q", d.selBar.count.Text)
	}

	test.Tap(d.selBar.export)
	f := d.exportForm
	if f == nil {
		t.Fatal("Export bundle… in the selection bar opened no form")
	}
	if f.scope.Selected != "Selected cases (2)" || f.count.Text != "2 cases chosen" || !f.query.Disabled() {
		t.Fatalf("export form scope %q, count %q", f.scope.Selected, f.count.Text)
	}
	path := filepath.Join(t.TempDir(), "selection.age")
	f.save(path)
	if err := recvUI(f.done); err != nil {
		t.Fatal(err)
	}
	info, err := bundle.Inspect(context.Background(), h.ui.Store(), path, bundle.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range info.Cases {
		got = append(got, c.ID)
	}
	slices.Sort(got)
	want := []string{a.ID, b.ID}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the bundle holds cases %v, want exactly the selected %v", got, want)
	}

	// The case file PDF form chooses the selection too.
	test.Tap(d.selBar.caseFile)
	rf := d.reportForm
	if rf == nil || rf.scope.Selected != "The cases selected in the list (2)" || rf.count.Text != "Cases chosen: 2" {
		t.Fatalf("case file form: %+v", rf)
	}
	if refs := rf.caseRefs(); !slices.Equal(refs, []string{a.ID, b.ID}) {
		t.Errorf("case file form chooses %v", refs)
	}
	rf.dialog.Hide()

	test.Tap(d.selBar.clear)
	if h.ui.selection.Len() != 0 || d.selBar.box.Visible() || shownRows(h)[ia].check.Checked {
		t.Error("Clear selection left ticks or the bar")
	}
	if f := showExport(h.ui); f.scope.Selected != "All cases" || len(f.scope.Options) != 3 {
		t.Errorf("export without a selection: scope %q of %v", f.scope.Selected, f.scope.Options)
	}
}

func TestSelectionClearedOnLock(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.addCase(lebedev)
	h.addCase(sokolov)
	h.ui.showDesk()
	tickRow(t, h, 0)
	tickRow(t, h, 1)
	if h.ui.selection.Len() != 2 {
		t.Fatalf("%d cases selected, want 2", h.ui.selection.Len())
	}
	h.ui.lockNow()
	if h.ui.selection.Len() != 0 || h.ui.SelectedCases() != nil {
		t.Fatal("the selection outlived the lock")
	}
	h.unlock(testPassphrase)
	d := h.ui.desk
	if d == nil {
		t.Fatal("desk not shown after unlocking")
	}
	if d.selBar.box.Visible() {
		t.Error("selection bar on show after locking and unlocking")
	}
	for i, r := range shownRows(h) {
		if r.check.Checked {
			t.Errorf("row %d ticked after locking and unlocking", i)
		}
	}
}

func TestSelectionSurvivesRowRecycling(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	if _, err := h.ui.vault.AddAll(context.Background(), casegen.Generate(120, 3)); err != nil {
		t.Fatal(err)
	}
	h.ui.showDesk()
	d := h.ui.desk
	tickRow(t, h, 1)
	ticked := d.results[1].ID
	d.list.ScrollToBottom()
	rows := shownRows(h)
	if _, ok := rows[1]; ok {
		t.Fatal("test is blind: row 1 still on the window after scrolling to the bottom")
	}
	for i, r := range rows {
		if r.check.Checked {
			t.Errorf("recycled row showing index %d is ticked", i)
		}
	}
	d.list.ScrollToTop()
	rows = shownRows(h)
	for i, r := range rows {
		if want := d.results[i].ID == ticked; r.check.Checked != want {
			t.Errorf("row %d ticked %v after scrolling back, want %v", i, r.check.Checked, want)
		}
	}
}

func TestCtrlAndShiftClickSelect(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	// Cases that share no phone number: opening one starts no links work
	// (the test driver runs its fyne.Do on the worker goroutine).
	var cs []cases.Case
	for _, name := range []string{"Anna", "Boris", "Vera", "Gleb", "Dina", "Egor", "Zoya", "Igor"} {
		cs = append(cs, cases.Case{Status: cases.StatusOpen, Person: cases.Person{Name: name}})
	}
	if _, err := h.ui.vault.AddAll(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	h.ui.showDesk()
	d := h.ui.desk
	mods := fyne.KeyModifier(0)
	d.modifiers = func() fyne.KeyModifier { return mods }

	mods = fyne.KeyModifierShortcutDefault
	d.list.Select(2)
	mods = fyne.KeyModifierShift
	d.list.Select(5)
	if h.ui.selection.Len() != 4 || d.selBar.count.Text != "4 selected" {
		t.Fatalf("Ctrl+click 2, Shift+click 5: %d selected, bar %q", h.ui.selection.Len(), d.selBar.count.Text)
	}
	for i := 2; i <= 5; i++ {
		if !h.ui.selection.Has(d.results[i].ID) || !shownRows(h)[i].check.Checked {
			t.Errorf("row %d not ticked after the Shift+click", i)
		}
	}
	mods = fyne.KeyModifierControl
	d.list.Select(3)
	if h.ui.selection.Has(d.results[3].ID) || h.ui.selection.Len() != 3 {
		t.Error("Ctrl+click on a ticked row did not untick it")
	}
	if h.ui.screen != nil {
		t.Fatal("a Ctrl/Shift+click opened the case")
	}
	mods = 0
	d.list.Select(0)
	if _, ok := h.ui.screen.(*editorScreen); !ok {
		t.Error("a plain click did not open the case")
	}
}
