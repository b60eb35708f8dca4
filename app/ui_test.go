package app

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/search"
	"kintrace/crypto"
)

const testPassphrase = "violet harbour cinnamon ladder"

// harness is a UI on a test app with a real vault in a temporary folder.
type harness struct {
	t     *testing.T
	app   fyne.App
	win   fyne.Window
	ui    *UI
	clock *fakeClock
	dir   string
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	w := a.NewWindow("")
	w.Resize(fyne.NewSize(1100, 720))
	dir := t.TempDir()
	h := &harness{t: t, app: a, win: w, clock: newFakeClock(), dir: dir}
	h.ui = newUI(a, w, filepath.Join(dir, "vault.kintrace"), filepath.Join(dir, "demo.kintrace"), h.clock)
	t.Cleanup(func() {
		h.ui.shutdown()
		w.Close()
		applyLanguage("en")
	})
	h.ui.start()
	return h
}

// wait lets the vault work a screen started finish (fyne.Do runs inline
// in the test driver).
func (h *harness) wait() { waitUI(&h.ui.work) }

// createVault goes through first run and the recovery key screen and
// returns the recovery key.
func (h *harness) createVault() string {
	h.t.Helper()
	fr := h.ui.firstRun
	if fr == nil {
		h.t.Fatal("first run screen not shown for a missing vault")
	}
	test.Type(fr.pass1, testPassphrase)
	test.Type(fr.pass2, testPassphrase)
	if fr.create.Disabled() {
		h.t.Fatalf("Create disabled for a strong passphrase typed twice (meter says %q)", fr.meter.message.Text)
	}
	test.Tap(fr.create)
	h.wait()
	rs := h.ui.recovery
	if rs == nil {
		h.t.Fatalf("recovery key screen not shown after Create (status %q)", fr.status.Text)
	}
	key := rs.key
	if got := strings.ReplaceAll(rs.keyLabel.Text, "\n", "-"); got != key {
		h.t.Fatalf("recovery key shown as %q, want %q in lines", rs.keyLabel.Text, key)
	}
	if len(key) < 20 {
		h.t.Fatalf("recovery key shown as %q", key)
	}
	if rs.keyLabel.Selectable {
		h.t.Error("the recovery key can be selected and copied")
	}
	if !rs.next.Disabled() {
		h.t.Fatal("Continue enabled before the user confirmed writing the key down")
	}
	test.Tap(rs.written)
	test.Tap(rs.next)
	if h.ui.desk == nil {
		h.t.Fatal("desk not shown after the recovery key screen")
	}
	return key
}

func (h *harness) addCase(c cases.Case) cases.Case {
	h.t.Helper()
	saved, err := h.ui.vault.Add(context.Background(), c)
	if err != nil {
		h.t.Fatalf("Add: %v", err)
	}
	return saved
}

// unlock types the passphrase on the unlock screen and waits.
func (h *harness) unlock(pass string) {
	h.t.Helper()
	s := h.ui.unlock
	if s == nil {
		h.t.Fatal("unlock screen not shown")
	}
	s.passphrase.Wipe()
	test.Type(s.passphrase, pass)
	test.Tap(s.unlock)
	h.wait()
	// The Today view comes first after unlock (today.go); the tests of
	// the case list go on to it as a user would.
	if t, ok := h.ui.screen.(*todayScreen); ok {
		test.Tap(t.toDesk)
	}
}

func (h *harness) checkTitle() {
	h.t.Helper()
	if got := h.win.Title(); got != windowTitle {
		h.t.Errorf("window title = %q, want %q", got, windowTitle)
	}
}

var ctrl = fyne.KeyModifierShortcutDefault

func shortcut(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: ctrl}
}

var lebedev = cases.Case{
	Status: cases.StatusContactLost,
	Tags:   []string{"recruitment"},
	Person: cases.Person{
		Name:     "Сергей Павлович Лебедев",
		Phones:   []string{"+7 912 555-01-23"},
		Facility: "ИК-17, Мордовия",
		Region:   "Республика Мордовия",
	},
	Events: []cases.Event{{Date: "2026-01-10", Type: cases.EventMessageReceived, Text: "Просил копию паспорта матери"}},
}

var sokolov = cases.Case{
	Status: cases.StatusOpen,
	Person: cases.Person{Name: "Andrei Sokolov", Facility: "IK-2, Chuvashia"},
}

func TestCreateAndUnlockVault(t *testing.T) {
	h := newHarness(t)
	h.checkTitle()

	fr := h.ui.firstRun
	test.Type(fr.pass1, "qwerty123456")
	test.Type(fr.pass2, "qwerty123456")
	if !fr.create.Disabled() {
		t.Error("Create enabled for a common password")
	}
	if !strings.Contains(fr.meter.message.Text, "common password") {
		t.Errorf("meter says %q for a common password, want the reason", fr.meter.message.Text)
	}
	fr.pass1.Wipe()
	fr.pass2.Wipe()
	h.createVault()
	h.checkTitle()
	saved := h.addCase(lebedev)

	h.ui.lockNow()
	if !h.ui.vault.Locked() || h.ui.unlock == nil {
		t.Fatal("lockNow did not lock and show the unlock screen")
	}
	if h.ui.unlock.lastSaved.Text == "" {
		t.Error("unlock screen does not say when the vault was last saved")
	}
	h.unlock(testPassphrase)
	if h.ui.desk == nil {
		t.Fatalf("desk not shown after unlocking (status %q)", h.ui.unlock.status.Text)
	}
	if got := h.ui.desk.results; len(got) != 1 || got[0].Number != saved.Number {
		t.Errorf("desk lists %d cases after unlock, want the one saved (%s)", len(got), saved.Number)
	}
	h.checkTitle()
}

func TestUnlockWrongPassphraseThenRetry(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.ui.lockNow()

	h.unlock("not the passphrase at all")
	s := h.ui.unlock
	if s == nil || h.ui.desk != nil {
		t.Fatal("a wrong passphrase unlocked the vault")
	}
	if !strings.Contains(s.status.Text, "Wrong passphrase") {
		t.Errorf("status after a wrong passphrase = %q, want it to say so", s.status.Text)
	}
	if !s.passphrase.Empty() || s.passphrase.Disabled() || s.unlock.Disabled() {
		t.Error("after a wrong passphrase the entry is not cleared and ready for another try")
	}
	if s.progressWait.Visible() || s.cancel.Visible() {
		t.Error("progress still shown after the attempt finished")
	}

	h.unlock(testPassphrase)
	if h.ui.desk == nil {
		t.Fatalf("retry with the right passphrase failed (status %q)", h.ui.unlock.status.Text)
	}
}

func TestForgotPassphraseUsesRecoveryKey(t *testing.T) {
	h := newHarness(t)
	key := h.createVault()
	h.ui.lockNow()

	s := h.ui.unlock
	test.Tap(s.forgot)
	if !s.recoveryBox.Visible() || s.passBox.Visible() {
		t.Fatal("Forgot passphrase? did not show the recovery form")
	}
	const newPass = "amber lantern seventeen quietly"
	test.Type(s.recoveryKey, strings.ToLower(key)) // the key is accepted in any case
	test.Type(s.newPass1, newPass)
	test.Type(s.newPass2, newPass)
	if s.recoverButton.Disabled() {
		t.Fatalf("recover button disabled (meter %q, status %q)", s.meter.message.Text, s.status.Text)
	}
	test.Tap(s.recoverButton)
	h.wait()
	if h.ui.desk == nil {
		t.Fatalf("recovery key did not unlock (status %q)", s.status.Text)
	}

	h.ui.lockNow()
	h.unlock(testPassphrase)
	if h.ui.desk != nil {
		t.Fatal("the old passphrase still unlocks after it was replaced")
	}
	h.unlock(newPass)
	if h.ui.desk == nil {
		t.Fatalf("the new passphrase does not unlock (status %q)", h.ui.unlock.status.Text)
	}
}

func TestSearchLatinFindsCyrillic(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.addCase(lebedev)
	h.addCase(sokolov)
	h.ui.showDesk()
	d := h.ui.desk

	tests := []struct {
		query string
		want  string // name expected as the only result
	}{
		{"lebedev", lebedev.Person.Name},
		{"Соколов", sokolov.Person.Name},
		{"ik-17", lebedev.Person.Name},
		{"8 (912) 555-01-23", lebedev.Person.Name},
	}
	for _, tt := range tests {
		d.search.SetText("")
		test.Type(d.search, tt.query)
		if got := d.list.Length(); got != 1 {
			t.Errorf("search %q: list has %d rows, want 1", tt.query, got)
			continue
		}
		if got := d.results[0].Name; got != tt.want {
			t.Errorf("search %q found %q, want %q", tt.query, got, tt.want)
		}
	}
	d.search.SetText("")
	if got := d.list.Length(); got != 2 {
		t.Errorf("empty search lists %d cases, want 2", got)
	}
	if !strings.Contains(d.count.Text, "2") {
		t.Errorf("count label = %q", d.count.Text)
	}
}

func TestFiltersAndSort(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.addCase(lebedev)
	h.addCase(sokolov)
	h.ui.showDesk()
	d := h.ui.desk

	d.status.SetSelectedIndex(1 + indexOf(cases.AllStatuses, cases.StatusContactLost))
	if len(d.results) != 1 || d.results[0].Name != lebedev.Person.Name {
		t.Errorf("status filter contact_lost gives %d results", len(d.results))
	}
	test.Tap(d.clearFilters)
	if len(d.results) != 2 {
		t.Errorf("after Clear: %d results, want 2", len(d.results))
	}
	if len(d.facility.Options) != 3 { // any + two facilities
		t.Errorf("facility filter options = %q, want any + 2", d.facility.Options)
	}
	d.facility.SetSelectedIndex(1)
	if len(d.results) != 1 {
		t.Errorf("facility filter gives %d results, want 1", len(d.results))
	}
	test.Tap(d.clearFilters)
	d.sort.SetSelectedIndex(2)
	if d.query.Sort != search.SortNumber {
		t.Errorf("sort select sets %v, want SortNumber", d.query.Sort)
	}
}

func indexOf[T comparable](s []T, v T) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

// visibleTexts returns every string shown by labels, entries, rich text,
// canvas text, selects and buttons under o, and in the canvas's overlays.
func visibleTexts(objs ...fyne.CanvasObject) []string {
	var out []string
	for _, root := range objs {
		for _, o := range test.LaidOutObjects(root) {
			switch w := o.(type) {
			case *widget.Label:
				out = append(out, w.Text)
			case *widget.Entry:
				out = append(out, w.Text, w.PlaceHolder)
			case *trackedEntry:
				out = append(out, w.Text, w.PlaceHolder)
			case *widget.RichText:
				out = append(out, w.String())
			case *canvas.Text:
				out = append(out, w.Text)
			case *widget.Select:
				out = append(out, w.Selected)
				out = append(out, w.Options...)
			case *widget.Button:
				out = append(out, w.Text)
			}
		}
	}
	return out
}

func TestLockLeavesNoDecryptedText(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	a := h.addCase(lebedev)
	b := h.addCase(sokolov)
	h.ui.showDesk()
	d := h.ui.desk
	test.Type(d.search, "Лебедев")
	h.ui.openSettings()
	h.ui.copyToClipboard(lebedev.Person.Phones[0])

	secrets := []string{"Лебедев", "Lebedev", "Sokolov", "ИК-17", "IK-2", "Мордови", "555-01-23", a.Number, b.Number}
	before := strings.Join(visibleTexts(h.win.Canvas().Content()), "\n")
	for _, s := range []string{"Лебедев", a.Number, "ИК-17"} {
		if !strings.Contains(before, s) {
			t.Fatalf("test is blind: %q not on screen before locking", s)
		}
	}

	// Ctrl+L while the search entry has focus.
	h.win.Canvas().Focus(d.search)
	d.search.TypedShortcut(shortcut(fyne.KeyL))
	if h.ui.desk != nil || h.ui.unlock == nil || !h.ui.vault.Locked() {
		t.Fatal("Ctrl+L did not lock")
	}
	if len(h.ui.dialogs) != 0 {
		t.Errorf("%d dialogs left open after locking", len(h.ui.dialogs))
	}
	var roots []fyne.CanvasObject
	roots = append(roots, h.win.Canvas().Content(), d) // the dropped desk too
	roots = append(roots, h.win.Canvas().Overlays().List()...)
	for _, text := range visibleTexts(roots...) {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("after locking, a widget still shows %q (in %q)", s, text)
			}
		}
	}
	if got := h.app.Clipboard().Content(); got != "" {
		t.Errorf("clipboard after locking = %q, want it cleared", got)
	}
	if n := h.ui.vault.Index().Len(); n != 0 {
		t.Errorf("index holds %d cases after locking", n)
	}
	h.checkTitle()
}

func TestIdleLock(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	d := h.ui.desk

	h.clock.Advance(4 * time.Minute)
	test.Type(d.search, "x") // activity
	h.clock.Advance(4 * time.Minute)
	if h.ui.desk == nil {
		t.Fatal("locked although the user typed 4 minutes ago")
	}
	h.clock.Advance(time.Minute)
	if h.ui.desk != nil || !h.ui.vault.Locked() {
		t.Fatal("not locked after 5 idle minutes (the default)")
	}

	// A shorter idle time from the settings takes effect at once.
	h.unlock(testPassphrase)
	h.ui.applySettings(settings{IdleMinutes: 1, Language: "", Theme: themeSystem})
	h.clock.Advance(time.Minute)
	if !h.ui.vault.Locked() {
		t.Error("not locked after the 1 idle minute set in settings")
	}
	if got := h.app.Preferences().Int(prefIdleMinutes); got != 1 {
		t.Errorf("idle minutes preference = %d, want 1", got)
	}
}

func TestShortcutsAndEscape(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	d := h.ui.desk
	h.win.Canvas().Focus(nil)

	d.search.TypedShortcut(shortcut(fyne.KeyF))
	if h.win.Canvas().Focused() != d.search {
		t.Error("Ctrl+F did not focus the search box")
	}
	h.ui.openSettings()
	if len(h.ui.dialogs) != 1 {
		t.Fatalf("settings dialog not tracked: %d dialogs", len(h.ui.dialogs))
	}
	d.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(h.ui.dialogs) != 0 {
		t.Error("Escape did not close the settings dialog")
	}
	h.ui.openSettings()
	h.win.Canvas().Focus(nil)
	h.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(h.ui.dialogs) != 0 {
		t.Error("Escape with nothing focused did not close the settings dialog")
	}

	called := ""
	saved := openEditor
	t.Cleanup(func() { openEditor = saved })
	openEditor = func(u *UI, id string) fyne.CanvasObject {
		called = "new:" + id
		return widget.NewLabel("editor")
	}
	h.ui.showDesk()
	h.ui.desk.search.TypedShortcut(shortcut(fyne.KeyN))
	if called != "new:" || h.ui.screen == nil {
		t.Errorf("Ctrl+N: openEditor called with %q, screen %v", called, h.ui.screen)
	}
	h.ui.lockNow()
	if h.ui.screen != nil {
		t.Error("the editor screen survived locking")
	}
}

func TestSettingsSwitchLanguage(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	sd := h.ui.openSettings()
	sd.language.SetSelectedIndex(2) // Русский
	sd.theme.SetSelectedIndex(2)    // dark
	sd.dialog.Submit()
	if got := h.app.Preferences().String(prefLanguage); got != "ru" {
		t.Errorf("language preference = %q, want ru", got)
	}
	if got := h.app.Preferences().String(prefTheme); got != themeDark {
		t.Errorf("theme preference = %q, want dark", got)
	}
	if h.ui.desk == nil {
		t.Fatal("desk gone after changing the language")
	}
	if got := h.ui.desk.lock.Text; got != "Заблокировать" {
		t.Errorf("lock button after switching to Russian = %q", got)
	}
	h.ui.lockNow()
	if got := h.ui.unlock.unlock.Text; got != "Открыть" {
		t.Errorf("unlock button in Russian = %q", got)
	}
}

func TestDemoVault(t *testing.T) {
	h := newHarness(t)
	test.Tap(h.ui.firstRun.demo)
	h.wait()
	if h.ui.desk == nil {
		t.Fatalf("demo vault not opened (status %q)", h.ui.unlock.status.Text)
	}
	if got := len(h.ui.desk.results); got < 12 {
		t.Errorf("demo vault lists %d cases, want at least 12", got)
	}
	overdue, confirmed, unconfirmed := 0, 0, 0
	for _, o := range h.ui.desk.results {
		if o.LastContact.IsZero() || h.clock.Now().Sub(o.LastContact) > overdueDays*24*time.Hour {
			overdue++
		}
		if !o.LastContact.IsZero() {
			confirmed++
		}
		if o.UnconfirmedSince() {
			unconfirmed++
		}
	}
	if overdue == 0 {
		t.Error("no demo case is overdue: the silence badge is never shown red")
	}
	if confirmed == 0 || unconfirmed == 0 {
		t.Errorf("demo cases: %d with a confirmed contact, %d with an unconfirmed sign of life since; want both", confirmed, unconfirmed)
	}

	// Second time: the demo vault exists and is unlocked with its passphrase.
	h.ui.lockNow()
	if !strings.Contains(h.ui.unlock.demoNote.Text, demoPassphrase) || !h.ui.unlock.demoNote.Visible() {
		t.Error("unlock screen of the demo vault does not show its passphrase")
	}
	test.Tap(h.ui.unlock.demo) // back to my vault: none yet, so first run
	if h.ui.firstRun == nil {
		t.Fatal("Back to my vault did not show first run")
	}
	test.Tap(h.ui.firstRun.demo)
	h.wait()
	if t, ok := h.ui.screen.(*todayScreen); ok { // unlocked: Today first
		test.Tap(t.toDesk)
	}
	if h.ui.desk == nil || len(h.ui.desk.results) < 12 {
		t.Fatal("existing demo vault not reopened")
	}
}

func TestDeskShowsFirstPageThenEverything(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	const n = firstPage + 50
	if _, err := h.ui.vault.AddAll(context.Background(), casegen.Generate(n, 7)); err != nil {
		t.Fatal(err)
	}
	h.ui.showDesk()
	d := h.ui.desk
	if got := d.list.Length(); got != n {
		t.Fatalf("list length %d before the complete result, want the count %d", got, n)
	}
	if len(d.results) != firstPage || d.complete {
		t.Fatalf("first step fetched %d results (complete %v), want the first page of %d", len(d.results), d.complete, firstPage)
	}
	if !strings.Contains(d.count.Text, strconv.Itoa(n)) {
		t.Errorf("count label %q does not give the total at once", d.count.Text)
	}

	// Typing again before the pause drops the first query's complete search.
	test.Type(d.search, "a")
	h.clock.Advance(completeDelay - time.Millisecond)
	if d.searching {
		t.Fatal("complete search started before typing paused")
	}
	h.clock.Advance(time.Millisecond)
	h.wait()
	want := h.ui.vault.Index().Count(search.Query{Text: "a"})
	if !d.complete || len(d.results) != want || d.list.Length() != want {
		t.Errorf("after the pause: %d results, length %d, complete %v; want all %d", len(d.results), d.list.Length(), d.complete, want)
	}
}

func TestCopyToClipboard(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.ui.copyToClipboard("+7 912 555-01-23")
	if got := h.app.Clipboard().Content(); got != "+7 912 555-01-23" {
		t.Fatalf("clipboard = %q", got)
	}
	if !h.ui.toast.Visible() || !strings.Contains(h.ui.toast.label.Text, "30") {
		t.Fatal("no toast tells that the clipboard will be cleared")
	}
	if strings.Contains(h.ui.toast.label.Text, "555") {
		t.Error("the toast shows the copied text")
	}
	h.clock.Advance(toastLifetime)
	if h.ui.toast.Visible() {
		t.Error("toast still on show after its lifetime")
	}
	h.clock.Advance(clipboardLifetime - toastLifetime)
	if got := h.app.Clipboard().Content(); got != "" {
		t.Errorf("clipboard after %v = %q, want it cleared", clipboardLifetime, got)
	}
}

// TestShortcutCopyIsWiped: text copied from an entry with Ctrl+C or Ctrl+X
// (Fyne puts it straight on the clipboard) is wiped after clipboardLifetime
// and at lock, but text another program put there while Kintrace had no
// focus is left alone.
func TestShortcutCopyIsWiped(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	cb := h.app.Clipboard()
	copyFrom := func(text string, sc func(fyne.Clipboard) fyne.Shortcut) {
		t.Helper()
		e := widget.NewEntry()
		h.win.SetContent(e) // the desk stays the UI's screen
		h.win.Canvas().Focus(e)
		test.Type(e, text)
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
		e.TypedShortcut(sc(cb))
		if got := cb.Content(); got != text {
			t.Fatalf("clipboard = %q after copying %q", got, text)
		}
	}
	copyShortcut := func(c fyne.Clipboard) fyne.Shortcut { return &fyne.ShortcutCopy{Clipboard: c} }
	cutShortcut := func(c fyne.Clipboard) fyne.Shortcut { return &fyne.ShortcutCut{Clipboard: c} }

	copyFrom("Лебедев Павел, +7 912 555-01-23", copyShortcut)
	h.clock.Advance(time.Second)
	h.clock.Advance(clipboardLifetime - 2*time.Second)
	if cb.Content() == "" {
		t.Fatal("clipboard wiped before its lifetime")
	}
	h.clock.Advance(2 * time.Second)
	if got := cb.Content(); got != "" {
		t.Errorf("clipboard after %v = %q, want it cleared", clipboardLifetime, got)
	}

	copyFrom("Lebedev evidence folder", cutShortcut)
	h.ui.lockNow() // before the next check
	if got := cb.Content(); got != "" {
		t.Errorf("clipboard after lock = %q, want it cleared", got)
	}

	h.ui.clip.SetFocused(false)
	cb.SetContent("a colleague's note from another program")
	h.clock.Advance(time.Second)
	h.ui.clip.SetFocused(true)
	h.clock.Advance(2 * clipboardLifetime)
	if got := cb.Content(); got != "a colleague's note from another program" {
		t.Errorf("text another program copied was wiped: clipboard = %q", got)
	}
}
