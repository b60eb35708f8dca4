package app

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

func newBundleHost(t *testing.T, a fyne.App) *bundleHost {
	t.Helper()
	v, _, err := vault.Create(filepath.Join(t.TempDir(), "v.kintrace"), []byte(testPassphrase), vault.CreateOptions{Owner: "Marina"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	w := a.NewWindow("")
	w.Resize(fyne.NewSize(900, 700))
	return &bundleHost{win: w, v: v}
}

func TestContactsViewAddVerifyRemove(t *testing.T) {
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	h := newBundleHost(t, a)
	other, _ := crypto.NewIdentity()
	cv, err := newContactsView(h)
	if err != nil {
		t.Fatal(err)
	}
	if cv.qrImage == nil || cv.keyText.Text == "" {
		t.Fatal("own key not shown as text and QR code")
	}
	test.Type(cv.key, "not a key")
	test.Type(cv.name, "Anna")
	test.Tap(cv.add)
	if cv.status.Text != bundleErrorMessage(crypto.ErrBadKey) {
		t.Fatalf("bad key: status %q", cv.status.Text)
	}
	cv.key.SetText(other.Public().String())
	test.Tap(cv.add)
	list, _ := h.v.Contacts(context.Background())
	if len(list) != 1 || list[0].Name != "Anna" || list[0].Verified {
		t.Fatalf("contacts after add: %+v", list)
	}
	cv.verify(list[0])
	if list, _ = h.v.Contacts(context.Background()); !list[0].Verified {
		t.Fatal("verify did not mark the contact")
	}
	cv.remove(list[0])
	if list, _ = h.v.Contacts(context.Background()); len(list) != 0 {
		t.Fatal("remove left the contact")
	}
}

func TestImportViewNeedsTrustForUnknownSender(t *testing.T) {
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	from, to := newBundleHost(t, a), newBundleHost(t, a)
	ctx := context.Background()
	c, err := from.v.Add(ctx, cases.Case{Status: "open", Person: cases.Person{Name: "Иван Петров"}})
	if err != nil {
		t.Fatal(err)
	}
	key, _ := to.v.PublicKey(ctx)
	path := filepath.Join(t.TempDir(), "b.age")
	if _, err := bundle.Export(ctx, from.v, path, bundle.ExportOptions{CaseIDs: []string{c.ID}, Recipients: []crypto.PublicKey{key}}); err != nil {
		t.Fatal(err)
	}
	info, err := bundle.Inspect(ctx, to.v, path, bundle.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	iv := newImportView(to, path, nil, info)
	iv.show()
	if !iv.importBt.Disabled() {
		t.Fatal("import enabled before the unknown sender was trusted")
	}
	test.Tap(iv.trust)
	iv.saveAs.SetText("Olga")
	test.Tap(iv.importBt)
	recvUI(iv.done)
	if iv.result == nil || iv.result.New != 1 || to.refreshed == 0 {
		t.Fatalf("import result %+v", iv.result)
	}
	if _, err := to.v.FindContact(ctx, "Olga"); err != nil {
		t.Fatalf("sender not saved as contact: %v", err)
	}
}

func TestConflictTabChoosesPerField(t *testing.T) {
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	from, to := newBundleHost(t, a), newBundleHost(t, a)
	ctx := context.Background()
	fromKey, _ := from.v.PublicKey(ctx)
	toKey, _ := to.v.PublicKey(ctx)
	to.v.AddContact(ctx, "Sender", fromKey)
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
	c.Status = "located"
	c, _ = from.v.Update(ctx, c)
	local, _ := to.v.Get(ctx, c.ID)
	local.Priority = "urgent"
	local, _ = to.v.Update(ctx, local)
	send()

	tab := newConflictTab(to, local)
	if len(tab.choices) != 1 {
		t.Fatalf("conflicts shown: %d", len(tab.choices))
	}
	for id, radios := range tab.choices {
		if len(radios) != 2 || radios["status"] == nil || radios["priority"] == nil {
			t.Fatalf("fields offered: %v", radios)
		}
		radios["status"].SetSelected(tab.theirsLabel())
		test.Tap(tab.save[id])
	}
	got, _ := to.v.Get(ctx, c.ID)
	if got.Status != "located" || got.Priority != "urgent" || !slices.Equal(to.opened, []string{c.ID}) {
		t.Fatalf("after resolving: status %s priority %s (opened %v)", got.Status, got.Priority, to.opened)
	}
	if cfs, _ := to.v.Conflicts(ctx); len(cfs) != 0 {
		t.Fatal("conflict still open")
	}
}

func TestExportFormToContactAndPassphrase(t *testing.T) {
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	from, to := newBundleHost(t, a), newBundleHost(t, a)
	ctx := context.Background()
	toKey, _ := to.v.PublicKey(ctx)
	fromKey, _ := from.v.PublicKey(ctx)
	from.v.AddContact(ctx, "Boris", toKey)
	to.v.AddContact(ctx, "Alla", fromKey)
	for _, name := range []string{"Иван Петров", "Олег Морозов"} {
		if _, err := from.v.Add(ctx, cases.Case{Status: "open", Person: cases.Person{Name: name}}); err != nil {
			t.Fatal(err)
		}
	}
	f := showExport(from)
	if f == nil || f.count.Text != "2 cases chosen" {
		t.Fatalf("export form: %+v", f)
	}
	f.scope.SetSelected(f.scope.Options[1])
	test.Type(f.query, "Морозов")
	if f.count.Text != "1 case chosen" {
		t.Fatalf("search scope count: %q", f.count.Text)
	}
	f.recipients.SetSelected(f.recipients.Options)
	path := filepath.Join(t.TempDir(), "b.age")
	f.save(path)
	if err := recvUI(f.done); err != nil {
		t.Fatal(err)
	}
	res, err := bundle.Import(ctx, to.v, path, bundle.ImportOptions{})
	if err != nil || res.New != 1 {
		t.Fatalf("import of the form's bundle: %+v %v", res, err)
	}

	// With a passphrase: the generated one opens it.
	test.Tap(f.usePass)
	pass := f.passphrase.Text
	if len(pass) < 30 || !f.recipients.Disabled() {
		t.Fatalf("passphrase %q; recipients disabled %v", pass, f.recipients.Disabled())
	}
	f.save(path)
	if err := recvUI(f.done); err != nil {
		t.Fatal(err)
	}
	info, err := bundle.Inspect(ctx, to.v, path, bundle.ImportOptions{Passphrase: []byte(pass)})
	if err != nil || !info.Passphrase || len(info.Cases) != 1 {
		t.Fatalf("passphrase bundle: %+v %v", info, err)
	}
}

// TestUnverifiedContactsWarned: the export form names the chosen contacts
// whose fingerprint was not verified, and the import plan warns about a
// bundle from such a contact.
func TestUnverifiedContactsWarned(t *testing.T) {
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	from, to := newBundleHost(t, a), newBundleHost(t, a)
	ctx := context.Background()
	toKey, _ := to.v.PublicKey(ctx)
	fromKey, _ := from.v.PublicKey(ctx)
	from.v.AddContact(ctx, "Boris", toKey)
	to.v.AddContact(ctx, "Alla", fromKey)
	if _, err := from.v.Add(ctx, cases.Case{Status: "open", Person: cases.Person{Name: "Иван Петров"}}); err != nil {
		t.Fatal(err)
	}
	f := showExport(from)
	if f.unverified.Visible() {
		t.Fatal("unverified warning shown before any recipient was chosen")
	}
	f.recipients.SetSelected(f.recipients.Options)
	if !f.unverified.Visible() || !strings.Contains(f.unverified.Text, "Boris") {
		t.Fatalf("export to an unverified contact: warning visible %v, %q", f.unverified.Visible(), f.unverified.Text)
	}
	path := filepath.Join(t.TempDir(), "b.age")
	f.save(path)
	if err := recvUI(f.done); err != nil {
		t.Fatal(err)
	}
	test.Tap(f.usePass)
	if f.unverified.Visible() {
		t.Error("unverified warning shown for a passphrase bundle")
	}

	info, err := bundle.Inspect(ctx, to.v, path, bundle.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	iv := newImportView(to, path, nil, info)
	iv.show()
	if iv.unverified == nil || !strings.Contains(iv.unverified.Text, "Alla") {
		t.Fatalf("import from an unverified contact: no warning naming Alla (%v)", iv.unverified)
	}

	if _, err := to.v.SetContactVerified(ctx, "Alla", true); err != nil {
		t.Fatal(err)
	}
	if info, err = bundle.Inspect(ctx, to.v, path, bundle.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	iv = newImportView(to, path, nil, info)
	iv.show()
	if iv.unverified != nil {
		t.Errorf("import from a verified contact warns: %q", iv.unverified.Text)
	}
}
