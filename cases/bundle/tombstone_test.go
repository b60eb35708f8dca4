package bundle_test

import (
	"errors"
	"testing"

	"kintrace/cases/bundle"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
)

// TestDeletedCaseStaysDeleted: a case deleted in the receiving vault is not
// brought back by the next bundle that carries it (review finding 10b);
// the plan names it, and RestoreDeleted brings it back with its history
// and attachment.
func TestDeletedCaseStaysDeleted(t *testing.T) {
	a, b := newPeer(t), newPeer(t)
	befriend(t, a, b)
	c, err := a.v.Add(ctx, fullCase("Сергей Лебедев"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.v.AddAttachment(ctx, c.ID, nil, "scan.pdf", vaulttest.NewPattern(100_000, 3), nil); err != nil {
		t.Fatal(err)
	}
	opt := bundle.ExportOptions{CaseIDs: []string{c.ID}, Recipients: []crypto.PublicKey{b.key}, Attachments: true}
	if _, err := bundle.Import(ctx, b.v, export(t, a, opt), bundle.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := b.v.Delete(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	ts, err := b.v.Tombstones(ctx)
	if err != nil || len(ts) != 1 || ts[0].CaseID != c.ID || ts[0].Version != c.Version {
		t.Fatalf("tombstones after Delete: %+v, %v", ts, err)
	}

	again := export(t, a, opt)
	info, err := bundle.Inspect(ctx, b.v, again, bundle.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Cases) != 1 || info.Cases[0].Action != bundle.PlanDeleted || info.Count(bundle.PlanNew) != 0 {
		t.Fatalf("plan for a deleted case: %+v", info.Cases)
	}
	res, err := bundle.Import(ctx, b.v, again, bundle.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 0 || res.Deleted != 1 || res.Restored != 0 {
		t.Errorf("import by default: %+v", res)
	}
	if _, err := b.v.Get(ctx, c.ID); !errors.Is(err, vault.ErrNotFound) || b.v.Index().Len() != 0 {
		t.Fatalf("the deleted case came back: %v", err)
	}
	if atts, err := b.v.ListRecords(ctx, "attachment"); err != nil || len(atts) != 0 {
		t.Fatalf("%d attachments of the deleted case stored, %v", len(atts), err)
	}

	// Chosen explicitly, it comes back, with its attachment, and its
	// tombstone goes.
	res, err = bundle.Import(ctx, b.v, export(t, a, opt), bundle.ImportOptions{RestoreDeleted: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Restored != 1 || res.Deleted != 0 || res.Attachments != 1 {
		t.Errorf("import with RestoreDeleted: %+v", res)
	}
	got, err := b.v.Get(ctx, c.ID)
	if err != nil || got.Version != c.Version || got.Person.Name != c.Person.Name {
		t.Fatalf("restored case: %+v, %v", got, err)
	}
	if ts, err := b.v.Tombstones(ctx); err != nil || len(ts) != 0 {
		t.Errorf("tombstones after restoring: %+v, %v", ts, err)
	}
	// The integrity head counted the tombstone's coming and going.
	b.v = vaulttest.Reopen(t, b.v, b.path)
	if _, err := b.v.Get(ctx, c.ID); err != nil {
		t.Errorf("after reopening: %v", err)
	}
}
