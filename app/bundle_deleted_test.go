package app

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// TestImportPlanLeavesDeletedCaseOut: the import plan names a case deleted
// in this vault, leaves it out by default, and restores it when the check
// box is ticked.
func TestImportPlanLeavesDeletedCaseOut(t *testing.T) {
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	h := newBundleHost(t, a)
	ctx := context.Background()
	c, err := h.v.Add(ctx, cases.Case{Status: "open", Person: cases.Person{Name: "Иван Петров"}})
	if err != nil {
		t.Fatal(err)
	}
	key, _ := h.v.PublicKey(ctx)
	backup := func(name string) string {
		path := filepath.Join(t.TempDir(), name)
		if _, err := bundle.Export(ctx, h.v, path, bundle.ExportOptions{CaseIDs: []string{c.ID}, Recipients: []crypto.PublicKey{key}}); err != nil {
			t.Fatal(err)
		}
		return path
	}
	first, second := backup("1.age"), backup("2.age")
	if err := h.v.Delete(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	importWith := func(path string, restore bool) *bundle.ImportResult {
		t.Helper()
		info, err := bundle.Inspect(ctx, h.v, path, bundle.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		iv := newImportView(h, path, nil, info)
		iv.show()
		if iv.restoreDeleted == nil || iv.restoreDeleted.Checked {
			t.Fatal("no unticked Restore check box for a deleted case")
		}
		if restore {
			test.Tap(iv.restoreDeleted)
		}
		test.Tap(iv.importBt)
		recvUI(iv.done)
		if iv.result == nil {
			t.Fatal("the import failed")
		}
		return iv.result
	}
	if res := importWith(first, false); res.New != 0 || res.Deleted != 1 {
		t.Fatalf("default import: %+v", res)
	}
	if _, err := h.v.Get(ctx, c.ID); !errors.Is(err, vault.ErrNotFound) {
		t.Fatalf("the deleted case came back: %v", err)
	}
	if res := importWith(second, true); res.Restored != 1 {
		t.Fatalf("import with Restore ticked: %+v", res)
	}
	if _, err := h.v.Get(ctx, c.ID); err != nil {
		t.Fatalf("the case was not restored: %v", err)
	}
}
