package app

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/exchange"
	"kintrace/crypto"
)

// exchangeTexts joins the texts of the labels under o.
func exchangeTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// deliverAll copies every outbox file of from into the inbox of to, as a
// finished sync leaves them.
func deliverAll(t *testing.T, from, to exchange.Folder) {
	t.Helper()
	ents, err := os.ReadDir(from.Outbox())
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Minute)
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(from.Outbox(), e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(to.Inbox(), e.Name())
		if err := os.WriteFile(dst, data, 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(dst, old, old)
	}
}

// TestExchangeView: the exchange folder chosen in the view, "Send
// changes" on a contact, the inbox's line for the bundle at the other end,
// its import through the usual import view, the receipt taken in at once
// and shown as "has everything up to", a stray file dismissed, and the
// sharing rules saved.
func TestExchangeView(t *testing.T) {
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	if err := applyLanguage("en"); err != nil {
		t.Fatal(err)
	}
	ha, hc := newBundleHost(t, a), newBundleHost(t, a)
	ha.inline, hc.inline = true, true
	ctx := context.Background()
	ka, _ := ha.v.PublicKey(ctx)
	kc, _ := hc.v.PublicKey(ctx)
	if _, err := ha.v.AddContact(ctx, "Coordinator", kc); err != nil {
		t.Fatal(err)
	}
	ha.v.SetContactVerified(ctx, "Coordinator", true)
	if _, err := hc.v.AddContact(ctx, "Anna", ka); err != nil {
		t.Fatal(err)
	}
	if _, err := ha.v.Add(ctx, cases.Case{Status: "open", Person: cases.Person{Name: "Иван Петров"}}); err != nil {
		t.Fatal(err)
	}

	ea, err := newExchangeView(ha)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ea.folderInfo.Text, "No exchange folder") {
		t.Fatalf("before a folder is set: %q", ea.folderInfo.Text)
	}
	test.Tap(ea.sendBt["Coordinator"])
	if ea.status.Text != "Choose an exchange folder first." {
		t.Fatalf("send without a folder: %q", ea.status.Text)
	}
	dirA := filepath.Join(t.TempDir(), "exchange")
	test.Type(ea.folder, dirA)
	test.Tap(ea.setFolder)
	fa, err := exchange.GetFolder(ctx, ha.v)
	if err != nil || fa.Path != dirA || !strings.Contains(ea.folderInfo.Text, fa.Outbox()) {
		t.Fatalf("folder set: %+v, %v; %q", fa, err, ea.folderInfo.Text)
	}
	test.Tap(ea.sendBt["Coordinator"])
	if !strings.Contains(ea.status.Text, "Written for Coordinator: cases 1") {
		t.Fatalf("send: %q", ea.status.Text)
	}
	if got := exchangeTexts(ea.contacts); !strings.Contains(got, "Sent and not yet acknowledged: 1") {
		t.Fatalf("contact row after sending:\n%s", got)
	}

	fc, err := exchange.SetFolder(ctx, hc.v, filepath.Join(t.TempDir(), "exchange-c"))
	if err != nil {
		t.Fatal(err)
	}
	deliverAll(t, fa, fc)
	stray := filepath.Join(fc.Inbox(), "holiday.jpg")
	os.WriteFile(stray, []byte("not a bundle"), 0o600)
	old := time.Now().Add(-time.Minute)
	os.Chtimes(stray, old, old)
	ec, err := newExchangeView(hc)
	if err != nil {
		t.Fatal(err)
	}
	ec.scan()
	inbox := exchangeTexts(ec.inbox)
	if len(ec.rows) != 2 || !strings.Contains(inbox, "Bundle from Anna: new 1") || !strings.Contains(inbox, "Not a Kintrace file") {
		t.Fatalf("C's inbox:\n%s", inbox)
	}
	w := hc.win
	w.SetContent(newPaddedVScroll(ec.root))
	w.Resize(fyne.NewSize(820, 640))
	if dir := os.Getenv("KINTRACE_SHOT_DIR"); dir != "" {
		writeShot(t, w, filepath.Join(dir, "exchange-inbox.png"))
	}
	// The bundle: the usual import view, taken in through the exchange.
	test.Tap(ec.rows[0].action)
	if ec.lastImport == nil {
		t.Fatal("no import view")
	}
	test.Tap(ec.lastImport.importBt)
	<-ec.lastImport.done
	if hc.v.Index().Len() != 1 {
		t.Fatal("the bundle was not imported")
	}
	// The stray file, dismissed.
	if len(ec.rows) != 1 || ec.rows[0].item.Status != exchange.StatusNotBundle {
		t.Fatalf("after the import: %d rows", len(ec.rows))
	}
	test.Tap(ec.rows[0].action)
	if got := exchangeTexts(ec.inbox); !strings.Contains(got, "Nothing new") || !strings.Contains(got, "taken in before: 2") {
		t.Fatalf("after dismissing:\n%s", got)
	}

	// C's receipt reaches A; A's view takes it in at once.
	deliverAll(t, fc, fa)
	ea.scan()
	if got := exchangeTexts(ea.contacts); !strings.Contains(got, "Has everything up to") {
		t.Fatalf("A's contact row after the receipt:\n%s", got)
	}
	if dir := os.Getenv("KINTRACE_SHOT_DIR"); dir != "" {
		ha.win.SetContent(newPaddedVScroll(ea.root))
		ha.win.Resize(fyne.NewSize(820, 640))
		writeShot(t, ha.win, filepath.Join(dir, "exchange-sent.png"))
	}

	// Sharing rules: cases with a tag, without reporters' identity.
	test.Tap(ea.rulesBt["Coordinator"])
	rf := ea.lastRules
	rf.scope.SetSelected(rf.scopeLabel(exchange.ScopeTag))
	test.Type(rf.value, "mordovia")
	rf.redaction.SetSelectedIndex(1)
	rf.auto.SetChecked(true)
	rf.save()
	c, _ := ha.v.FindContact(ctx, "Coordinator")
	r, err := exchange.GetRules(ctx, ha.v, c)
	if err != nil || r.Scope != exchange.ScopeTag || r.Tag != "mordovia" || r.Redaction != cases.RedactReporterIdentity || !r.AutoImport {
		t.Fatalf("rules saved: %+v, %v", r, err)
	}
	if got := exchangeTexts(ea.contacts); !strings.Contains(got, "cases tagged mordovia") {
		t.Fatalf("rules shown:\n%s", got)
	}
}

// writeShot saves the window as a PNG (KINTRACE_SHOT_DIR, to look at).
func writeShot(t *testing.T, w fyne.Window, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// TestExchangeAutoImport: what the watcher takes in without asking: the
// bundles of a verified contact who opted in, never those of an unverified
// one, whatever its rules say.
func TestExchangeAutoImport(t *testing.T) {
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	ha, hb, hc := newBundleHost(t, a), newBundleHost(t, a), newBundleHost(t, a)
	ctx := context.Background()
	ka, _ := ha.v.PublicKey(ctx)
	kb, _ := hb.v.PublicKey(ctx)
	kc, _ := hc.v.PublicKey(ctx)
	ha.v.AddContact(ctx, "C", kc)
	hb.v.AddContact(ctx, "C", kc)
	verified, _ := hc.v.AddContact(ctx, "A", ka)
	hc.v.SetContactVerified(ctx, "A", true)
	verified.Verified = true
	unverified, _ := hc.v.AddContact(ctx, "B", kb)
	fc, _ := exchange.SetFolder(ctx, hc.v, filepath.Join(t.TempDir(), "c"))
	for _, c := range []struct {
		h    *testHost
		from string
	}{{ha, "A"}, {hb, "B"}} {
		rules := exchange.DefaultRules()
		rules.AutoImport = true
		contact := verified
		if c.from == "B" {
			contact = unverified
		}
		if err := exchange.SetRules(ctx, hc.v, contact, rules); err != nil {
			t.Fatal(err)
		}
		f, _ := exchange.SetFolder(ctx, c.h.v, filepath.Join(t.TempDir(), c.from))
		c.h.v.Add(ctx, cases.Case{Status: "open", Person: cases.Person{Name: "Дело от " + c.from}})
		to, _ := c.h.v.FindContact(ctx, "C")
		if _, err := exchange.Send(ctx, c.h.v, to, exchange.SendOptions{}); err != nil {
			t.Fatal(err)
		}
		deliverAll(t, f, fc)
	}
	items, taken, err := inboxScan(ctx, hc.v)
	if err != nil || taken != 1 || hc.v.Index().Len() != 1 {
		t.Fatalf("auto-import: %d taken, %d cases, %v", taken, hc.v.Index().Len(), err)
	}
	if waitingForUser(items) != 1 {
		t.Fatalf("left for the user: %d", waitingForUser(items))
	}
	for _, it := range items {
		if it.Status == exchange.StatusReady && it.SenderName != "B" {
			t.Fatalf("waiting: %s from %s", it.Status, it.SenderName)
		}
	}
}

// TestConflictTakeTheirs: a conflict whose incoming version is newer
// offers "Take their version", which replaces the local case by it; one
// whose incoming version is not newer does not.
func TestConflictTakeTheirs(t *testing.T) {
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	from, to := newBundleHost(t, a), newBundleHost(t, a)
	ctx := context.Background()
	fromKey, _ := from.v.PublicKey(ctx)
	toKey, _ := to.v.PublicKey(ctx)
	to.v.AddContact(ctx, "Coordinator", fromKey)
	c, _ := from.v.Add(ctx, cases.Case{Status: "open", Priority: "normal", Person: cases.Person{Name: "Иван Петров"}})
	send := func() {
		path := filepath.Join(t.TempDir(), "b.age")
		if _, err := bundle.Export(ctx, from.v, path, bundle.ExportOptions{CaseIDs: []string{c.ID}, Recipients: []crypto.PublicKey{toKey}}); err != nil {
			t.Fatal(err)
		}
		if _, err := bundle.Import(ctx, to.v, path, bundle.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	send()
	local, _ := to.v.Get(ctx, c.ID)
	local.Priority = "urgent"
	local, _ = to.v.Update(ctx, local)
	c.Status = "located"
	c, _ = from.v.Update(ctx, c)
	c.Priority = "urgent"
	c, _ = from.v.Update(ctx, c)
	send()
	tab := newConflictTab(to, local)
	cfs, _ := to.v.Conflicts(ctx)
	if len(cfs) != 1 || takeTheirsButton(tab, cfs[0]) == nil {
		t.Fatalf("conflicts %d, no Take their version", len(cfs))
	}
	tab.takeTheirs(cfs[0])
	got, _ := to.v.Get(ctx, c.ID)
	if got.Version != c.Version || bundle.CaseHash(got) != bundle.CaseHash(c) {
		t.Fatalf("after taking theirs: version %d", got.Version)
	}
	if cfs, _ := to.v.Conflicts(ctx); len(cfs) != 0 {
		t.Fatal("conflict still open")
	}
	// Version 2 is theirs now, not the local edit it replaced.
	mine2, _ := to.v.Revision(ctx, c.ID, 2)
	theirs2, _ := from.v.Revision(ctx, c.ID, 2)
	if bundle.CaseHash(mine2) != bundle.CaseHash(theirs2) {
		t.Fatalf("history after taking theirs: version 2 is %s, %s", mine2.Status, mine2.Priority)
	}

	// Not newer: not offered.
	local, _ = to.v.Get(ctx, c.ID)
	local.Notes = "mine"
	local, _ = to.v.Update(ctx, local)
	c.Notes = "theirs"
	c, _ = from.v.Update(ctx, c)
	send()
	cfs, _ = to.v.Conflicts(ctx)
	if len(cfs) != 1 || takeTheirsButton(newConflictTab(to, local), cfs[0]) != nil {
		t.Fatalf("an incoming version as old as ours offered to be taken: %d conflicts", len(cfs))
	}
}

// TestExchangeWatchStopsOnLock: the inbox watcher starts when the desk
// shows a vault that has an exchange folder, and locking stops it (and
// closes the Team exchange view) before the vault locks.
func TestExchangeWatchStopsOnLock(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	if _, err := exchange.SetFolder(context.Background(), h.ui.Store(), filepath.Join(t.TempDir(), "x")); err != nil {
		t.Fatal(err)
	}
	h.ui.showDesk()
	if _, ok := exchangeWatchers.Load(h.ui); !ok {
		t.Fatal("no inbox watcher after unlocking")
	}
	showExchange(h.ui)
	h.wait()
	if n := len(h.win.Canvas().Overlays().List()); n != 1 {
		t.Fatalf("%d overlays with the exchange view open", n)
	}
	h.ui.lockNow()
	h.wait()
	if _, ok := exchangeWatchers.Load(h.ui); ok {
		t.Error("the inbox watcher outlived the lock")
	}
	if n := len(h.win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("%d overlays after locking", n)
	}
}
