package app

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// tabCase has a value in every repeated part of the editor, so that each
// tab shows its rows.
var tabCase = cases.Case{
	Status: cases.StatusOpen,
	Person: cases.Person{
		Name:    "Сергей Лебедев",
		Handles: []cases.Handle{{Channel: cases.ChannelTelegram, Value: "@lebedev"}},
	},
	Reporters: []cases.Reporter{{Name: "Мария", Consent: cases.ConsentInternal}},
	Events:    []cases.Event{{Date: "2026-01-10", Type: cases.EventMessageReceived, Text: "Просил копию паспорта"}},
	Places:    []cases.Place{{Name: "ИК-17"}},
	Promises:  []cases.Promise{{What: "выплата"}},
}

// Every tab of the case editor, with the editor's header: Tab goes
// through the fields in the order they read.
func TestTabOrderEditor(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := h.addCase(tabCase)
	h.ui.openCase(c.ID)
	ed := h.editor()
	for _, section := range []string{sectionPerson, sectionReporters, sectionTimeline, sectionPlaces, sectionPromises, sectionNotes} {
		ed.tabs.Select(ed.tabFor[section])
		checkTabOrder(t, "editor, tab "+section, h.win.Canvas())
	}
	// History and the features' tabs (attachments, links, conflicts).
	for _, tab := range ed.tabs.Items[len(ed.tabFor):] {
		ed.tabs.Select(tab)
		h.wait()
		checkTabOrder(t, "editor, tab "+tab.Text, h.win.Canvas())
	}
	ed.tabs.Select(ed.tabFor[sectionTimeline])
	test.Tap(ed.timeline.open)
	checkTabOrder(t, "editor, new event", h.win.Canvas())
	test.Tap(ed.timeline.date.pick)
	checkTabOrder(t, "date picker", h.win.Canvas())
}

// closeDialogs closes what the window shows over its screen.
func closeDialogs(h *harness) {
	for _, d := range append([]dialog.Dialog(nil), h.ui.dialogs...) {
		d.Hide()
	}
	for h.win.Canvas().Overlays().Top() != nil {
		h.win.Canvas().Overlays().Remove(h.win.Canvas().Overlays().Top())
	}
}

// The screens shown while the vault is locked: creating it, its recovery
// key, unlocking it, recovering it, destroying it.
func TestTabOrderLockedScreens(t *testing.T) {
	h := newHarness(t)
	c := h.win.Canvas()
	checkTabOrder(t, "first run", c)
	key := h.createVault()
	h.ui.showRecovery(key)
	checkTabOrder(t, "recovery key", c)
	h.ui.lockNow()
	h.wait()
	checkTabOrder(t, "unlock", c)
	h.ui.unlock.showRecovery(true)
	checkTabOrder(t, "unlock with the recovery key", c)
	h.ui.unlock.showRecovery(false)
	h.ui.unlock.destroy.showExplain()
	checkTabOrder(t, "destroy: what it means", c)
	closeDialogs(h)
	h.ui.unlock.destroy.showConfirm()
	checkTabOrder(t, "destroy: type the word", c)
	closeDialogs(h)
	h.ui.openSettings()
	checkTabOrder(t, "settings", c)
	closeDialogs(h)
	h.ui.openAbout()
	checkTabOrder(t, "about", c)
}

// The desk and the dialogs and views opened from it.
func TestTabOrderDeskAndDialogs(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.addCase(lebedev)
	h.addCase(lebedev) // a duplicate, for the duplicates view
	h.addCase(sokolov)
	h.ui.showDesk()
	h.wait()
	c := h.win.Canvas()
	checkTabOrder(t, "case list", c)
	opens := []struct {
		name string
		open func()
	}{
		{"export bundle", func() { showExport(h.ui) }},
		{"contacts", func() { showContacts(h.ui) }},
		{"case file", func() { showReportForm(h.ui, docCaseFile) }},
		{"case summary", func() { showReportForm(h.ui, docSummary) }},
		{"case list document", func() { showReportForm(h.ui, docCaseList) }},
		{"statistics", func() { showReportForm(h.ui, docStatistics) }},
		{"PFIF", func() { showReportForm(h.ui, docPFIF) }},
		{"overview", func() { showOverview(h.ui, h.clock.Now()) }},
		{"duplicates", func() { showDupesView(h.ui) }},
		{"shared identifiers", func() { showSharedView(h.ui) }},
		{"import passphrase", func() { askBundlePassphrase(h.ui, filepath.Join(h.dir, "b.age")) }},
	}
	for _, o := range opens {
		o.open()
		h.wait()
		checkTabOrder(t, o.name, c)
		closeDialogs(h)
	}
}

// The import dialog of a bundle from an unknown sender.
func TestTabOrderImport(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	ctx := context.Background()
	from, _, err := vault.Create(filepath.Join(t.TempDir(), "from.kintrace"), []byte(testPassphrase), vault.CreateOptions{Owner: "Olga"})
	if err != nil {
		t.Fatal(err)
	}
	defer from.Close()
	c, err := from.Add(ctx, cases.Case{Status: "open", Person: cases.Person{Name: "Иван Петров"}})
	if err != nil {
		t.Fatal(err)
	}
	to := h.ui.Store()
	key, _ := to.PublicKey(ctx)
	path := filepath.Join(t.TempDir(), "b.age")
	if _, err := bundle.Export(ctx, from, path, bundle.ExportOptions{CaseIDs: []string{c.ID}, Recipients: []crypto.PublicKey{key}}); err != nil {
		t.Fatal(err)
	}
	info, err := bundle.Inspect(ctx, to, path, bundle.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	newImportView(h.ui, path, nil, info).show()
	checkTabOrder(t, "import", h.win.Canvas())
}
