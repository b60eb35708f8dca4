package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/casegen"
	"kintrace/cases/search"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// holdWork makes the next export or import stop in its first progress
// report with work left, until the window's work context is cancelled
// (lockNow cancels it before it waits for the work). It returns a channel
// closed once the work is held.
func holdWork(t *testing.T, u *UI) <-chan struct{} {
	t.Helper()
	u.workMu.Lock()
	ctx := u.workCtx
	u.workMu.Unlock()
	held := make(chan struct{})
	first := true
	reportHook = func(done, total int64) {
		if first && done < total {
			first = false
			close(held)
			<-ctx.Done()
		}
	}
	t.Cleanup(func() { reportHook = nil })
	return held
}

// caseCount is how many cases the unlocked vault of u lists.
func caseCount(t *testing.T, u *UI) int {
	t.Helper()
	v := u.Store()
	if v == nil {
		t.Fatal("the vault is not unlocked")
	}
	return len(v.Search(search.Query{}))
}

// TestLockCancelsBundleImport starts importing a bundle through the window,
// locks while the import is under way, and checks that the lock waited for
// the import to stop, that nothing of it was written, and that the vault
// unlocks as before and can still import the bundle.
func TestLockCancelsBundleImport(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.addCase(cases.Case{Status: "open", Person: cases.Person{Name: "Анна Смирнова"}})
	ctx := context.Background()
	self, err := h.ui.Store().PublicKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// A bundle from another vault, to this one.
	other, _, err := vault.Create(filepath.Join(t.TempDir(), "other.kintrace"), []byte(testPassphrase), vault.CreateOptions{Owner: "Boris"})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	sent, err := other.AddAll(ctx, casegen.Generate(200, 9))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range sent {
		ids = append(ids, c.ID)
	}
	path := filepath.Join(t.TempDir(), "b.age")
	if _, err := bundle.Export(ctx, other, path, bundle.ExportOptions{CaseIDs: ids, Recipients: []crypto.PublicKey{self}}); err != nil {
		t.Fatal(err)
	}
	info, err := bundle.Inspect(ctx, h.ui.Store(), path, bundle.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	before := caseCount(t, h.ui)

	held := holdWork(t, h.ui)
	iv := newImportView(h.ui, path, nil, info)
	iv.show()
	test.Tap(iv.trust)
	test.Tap(iv.importBt)
	recvUI(held)
	h.ui.lockNow()
	// The work has ended when the lock returns; its report back runs
	// after the lock, as on the real main goroutine.
	if n := h.ui.running.Load(); n != 0 {
		t.Fatalf("lock returned with %d pieces of work still running", n)
	}
	h.wait()
	select {
	case <-iv.done:
	default:
		t.Fatal("the import the lock cancelled never reported its end")
	}
	if iv.result != nil {
		t.Fatalf("the import completed despite the lock: %+v", iv.result)
	}
	if h.ui.unlock == nil || !h.ui.vault.Locked() {
		t.Fatal("the window did not lock")
	}

	h.unlock(testPassphrase)
	if h.ui.desk == nil {
		t.Fatal("the vault did not unlock after the cancelled import")
	}
	if got := caseCount(t, h.ui); got != before {
		t.Fatalf("%d cases after the cancelled import, want %d", got, before)
	}
	again, err := bundle.Inspect(ctx, h.ui.Store(), path, bundle.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.AlreadyImported || again.Count(bundle.PlanNew) != len(sent) {
		t.Fatalf("after the cancelled import the bundle plans %d new cases (already imported: %v), want %d",
			again.Count(bundle.PlanNew), again.AlreadyImported, len(sent))
	}
	conflicts, err := h.ui.Store().Conflicts(ctx)
	if err != nil || len(conflicts) != 0 {
		t.Fatalf("conflicts after the cancelled import: %v, %v", conflicts, err)
	}
	res, err := bundle.Import(ctx, h.ui.Store(), path, bundle.ImportOptions{Trust: again.Fingerprint})
	if err != nil || res.New != len(sent) {
		t.Fatalf("importing after the cancelled import: %+v, %v", res, err)
	}
}

// TestLockCancelsBundleExport starts exporting through the window, locks
// while the bundle is being written, and checks that the lock waited for
// the export to stop, that no bundle and no temporary file were left
// behind, and that the vault unlocks as before.
func TestLockCancelsBundleExport(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	ctx := context.Background()
	if _, err := h.ui.Store().AddAll(ctx, casegen.Generate(300, 4)); err != nil {
		t.Fatal(err)
	}
	before := caseCount(t, h.ui)
	dir := t.TempDir()
	path := filepath.Join(dir, "out.age")

	held := holdWork(t, h.ui)
	f := showExport(h.ui)
	if f == nil {
		t.Fatal("export form not shown")
	}
	test.Tap(f.usePass)
	f.save(path)
	recvUI(held)
	h.ui.lockNow()
	if n := h.ui.running.Load(); n != 0 {
		t.Fatalf("lock returned with %d pieces of work still running", n)
	}
	h.wait()
	var err error
	select {
	case err = <-f.done:
	default:
		t.Fatal("the export the lock cancelled never reported its end")
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("export ended with %v, want context.Canceled", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if len(left) != 0 {
		t.Fatalf("the cancelled export left %s in its folder", strings.Join(left, ", "))
	}
	if h.ui.unlock == nil || !h.ui.vault.Locked() {
		t.Fatal("the window did not lock")
	}

	h.unlock(testPassphrase)
	if h.ui.desk == nil {
		t.Fatal("the vault did not unlock after the cancelled export")
	}
	if got := caseCount(t, h.ui); got != before {
		t.Fatalf("%d cases after the cancelled export, want %d", got, before)
	}
}
