package app

import (
	"context"
	"errors"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kintrace/cases/vault"
)

// lockedHarness creates a vault with a case and locks it: the lock screen.
func lockedHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	h.createVault()
	h.addCase(lebedev)
	h.ui.lockNow()
	if h.ui.unlock == nil {
		t.Fatal("lock screen not shown after locking")
	}
	return h
}

// fileExists reports whether the vault file is still there.
func (h *harness) fileExists() bool {
	_, err := os.Stat(h.ui.path)
	return err == nil
}

func TestDestroyCancelAtEachStepChangesNothing(t *testing.T) {
	h := lockedHarness(t)
	c := h.ui.unlock.destroy
	if !c.button.Visible() || c.button.Disabled() {
		t.Fatal("no Destroy vault… button on the lock screen")
	}
	// Step one, cancelled.
	test.Tap(c.button)
	if c.explain == nil {
		t.Fatal("no explanation after Destroy vault…")
	}
	c.explain.Dismiss()
	if c.confirm != nil || !h.fileExists() || h.ui.unlock == nil {
		t.Fatal("cancelling the explanation changed something")
	}
	// Step two, with a wrong word, then cancelled.
	test.Tap(c.button)
	c.explain.Confirm()
	if c.confirm == nil {
		t.Fatal("no confirmation after Continue")
	}
	test.Type(c.word, "yes")
	if !c.destroy.Disabled() {
		t.Error("Destroy enabled before the word was typed")
	}
	test.Tap(c.destroy)
	c.word.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Tap(c.cancel)
	h.wait()
	if !h.fileExists() || h.ui.unlock == nil || h.ui.firstRun != nil {
		t.Fatal("cancelling the confirmation changed something")
	}
	// The vault still opens.
	h.unlock(testPassphrase)
	if h.ui.desk == nil {
		t.Fatalf("unlock after cancelling failed: %q", h.ui.unlock.status.Text)
	}
}

func TestDestroyFromLockScreen(t *testing.T) {
	h := lockedHarness(t)
	v := h.ui.vault.(*vault.Vault)
	path := h.ui.path
	c := h.ui.unlock.destroy
	test.Tap(c.button)
	c.explain.Confirm()
	test.Type(c.word, "Destroy")
	if c.destroy.Disabled() {
		t.Fatal("Destroy disabled after the word was typed")
	}
	test.Tap(c.destroy)
	h.wait()
	if h.ui.firstRun == nil {
		t.Fatal("the first-run screen is not shown after the wipe")
	}
	if h.ui.vault != nil || !v.Locked() {
		t.Error("the destroyed vault is still held, or holds keys")
	}
	if h.fileExists() {
		t.Error("the vault file is still there")
	}
	entries, _ := os.ReadDir(h.dir)
	for _, e := range entries {
		if e.Name() != "demo.kintrace" {
			t.Errorf("left in the vault's folder: %s", e.Name())
		}
	}
	if _, err := vault.Open(path); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("Open after the wipe: %v", err)
	}
}

// TestDestroyWhileUnlocking destroys while an unlock is under way: the
// unlock is cancelled and waited for, and the vault goes.
func TestDestroyWhileUnlocking(t *testing.T) {
	h := lockedHarness(t)
	s := h.ui.unlock
	v := h.ui.vault
	cancelled := false
	// An unlock that is still deriving its key when Destroy is tapped.
	s.run("", func(ctx context.Context, progress func(done, total int)) error {
		<-ctx.Done()
		cancelled = true
		return ctx.Err()
	}, h.ui.showDesk)
	c := s.destroy
	test.Tap(c.button)
	c.explain.Confirm()
	test.Type(c.word, "destroy")
	test.Tap(c.destroy)
	h.wait()
	if !cancelled {
		t.Error("the unlock under way was not cancelled")
	}
	if h.ui.firstRun == nil || h.fileExists() || !v.Locked() {
		t.Fatalf("after destroying during an unlock: first run %v, file %v, locked %v",
			h.ui.firstRun != nil, h.fileExists(), v.Locked())
	}
}

func TestDestroyWordInRussian(t *testing.T) {
	h := lockedHarness(t)
	if err := applyLanguage("ru"); err != nil {
		t.Fatal(err)
	}
	h.ui.showUnlock()
	c := h.ui.unlock.destroy
	test.Tap(c.button)
	c.explain.Confirm()
	test.Type(c.word, "уничтожить")
	if c.destroy.Disabled() {
		t.Fatal("the Russian word does not enable Destroy")
	}
	test.Tap(c.destroy)
	h.wait()
	if h.fileExists() || h.ui.firstRun == nil {
		t.Error("the Russian word did not destroy the vault")
	}
}
