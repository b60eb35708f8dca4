package exchange

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
)

// TestDeletionOfCaseNeverShared: a contact's notice naming a case this
// vault never exchanged with it deletes nothing, even confirmed.
func TestDeletionOfCaseNeverShared(t *testing.T) {
	t.Cleanup(crypto.UseInsecureKDFForTests())
	ctx := context.Background()
	a, _, _ := vaulttest.New(t)
	c, _, _ := vaulttest.New(t)
	ka, _ := a.PublicKey(ctx)
	kc, _ := c.PublicKey(ctx)
	a.AddContact(ctx, "C", kc)
	c.AddContact(ctx, "A", ka)
	fa, err := SetFolder(ctx, a, filepath.Join(t.TempDir(), "a"))
	if err != nil {
		t.Fatal(err)
	}
	fc, _ := SetFolder(ctx, c, filepath.Join(t.TempDir(), "c"))
	mine, err := c.Add(ctx, vaulttest.SampleCase("Сергей Лебедев"))
	if err != nil {
		t.Fatal(err)
	}
	// A knows the id somehow and sends a notice deleting it.
	path, _, _, err := writeMessage(ctx, a, fa, kc, &Message{Format: recordFormat, Kind: KindDeletions,
		Deletions: []Deletion{{ID: mine.ID, Version: 99}}})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	dst := filepath.Join(fc.Inbox(), filepath.Base(path))
	os.WriteFile(dst, data, 0o600)
	old := time.Now().Add(-time.Minute)
	os.Chtimes(dst, old, old)
	items, err := Scan(ctx, c, ScanOptions{})
	if err != nil || len(items) != 1 || items[0].Status != StatusDeletions {
		t.Fatalf("scan: %+v, %v", items, err)
	}
	res, err := Receive(ctx, c, items[0], ReceiveOptions{ConfirmDeletions: true})
	if err != nil || res.Deleted != 0 || res.Kept != 1 {
		t.Fatalf("receive: %+v, %v", res, err)
	}
	if _, err := c.Get(ctx, mine.ID); err != nil {
		t.Fatalf("a case never shared was deleted: %v", err)
	}
}
