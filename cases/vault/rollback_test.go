package vault_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
)

// copyFile copies a closed vault's file.
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// rollBackRows puts back, in the vault file at path, every records row that
// differs from the older copy at old, and the older copy's integrity head:
// review finding 6, a partial rollback of one case.
func rollBackRows(t *testing.T, path, old string) {
	t.Helper()
	vaulttest.Raw(t, path, func(db *sql.DB) {
		for _, q := range []string{
			`ATTACH DATABASE 'file:` + old + `' AS old`,
			`INSERT OR REPLACE INTO main.records SELECT * FROM old.records WHERE id IN
				(SELECT o.id FROM old.records o JOIN main.records m ON m.id = o.id WHERE m.details != o.details)`,
			`INSERT OR REPLACE INTO main.head SELECT * FROM old.head`,
			`DETACH DATABASE old`,
		} {
			if _, err := db.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	})
}

// TestPartialRollbackDetected is review finding 6: restoring one case's row
// and the integrity head from an older copy of the vault must not unlock as
// a vault last saved now.
func TestPartialRollbackDetected(t *testing.T) {
	defer crypto.UseInsecureKDFForTests()()
	ctx := context.Background()
	v, path, _ := vaulttest.New(t)
	c, err := v.Add(ctx, vaulttest.SampleCase("Ирина Откатова"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Add(ctx, vaulttest.SampleCase("Other Person")); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(t.TempDir(), "old.kintrace")
	copyFile(t, path, old)

	v = vaulttest.OpenUnlocked(t, path)
	c.Notes = "Released on 3 March"
	if _, err := v.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	rollBackRows(t, path, old)

	v, err = vault.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	err = v.Unlock(ctx, []byte(vaulttest.Passphrase), nil)
	if !errors.Is(err, vault.ErrTampered) {
		got, _ := v.Get(ctx, c.ID)
		t.Fatalf("unlock after a partial rollback: %v (notes %q, last saved %v), want ErrTampered", err, got.Notes, v.Info().LastSaved)
	}
}

// TestRollbackShowsOldSave removes, in addition, the rows the newer save
// added elsewhere (the archived version): the file is then the older
// vault in everything that counts, which is a whole-file rollback and
// cannot be detected; the vault must show the older save time and counter.
func TestRollbackShowsOldSave(t *testing.T) {
	defer crypto.UseInsecureKDFForTests()()
	ctx := context.Background()
	v, path, _ := vaulttest.New(t)
	c, err := v.Add(ctx, vaulttest.SampleCase("Ирина Откатова"))
	if err != nil {
		t.Fatal(err)
	}
	before := v.Info()
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(t.TempDir(), "old.kintrace")
	copyFile(t, path, old)

	v = vaulttest.OpenUnlocked(t, path)
	c.Notes = "Released on 3 March"
	if _, err := v.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	rollBackRows(t, path, old)
	vaulttest.Raw(t, path, func(db *sql.DB) {
		db.Exec(`ATTACH DATABASE 'file:` + old + `' AS old`)
		if _, err := db.Exec(`DELETE FROM main.revisions WHERE id NOT IN (SELECT id FROM old.revisions)`); err != nil {
			t.Fatal(err)
		}
		db.Exec(`DETACH DATABASE old`)
	})
	v = vaulttest.OpenUnlocked(t, path)
	after := v.Info()
	if !after.LastSaved.Equal(before.LastSaved) || after.Saves != before.Saves {
		t.Errorf("after a rollback: last saved %v, save %d; want the older %v, %d", after.LastSaved, after.Saves, before.LastSaved, before.Saves)
	}
	got, err := v.Get(ctx, c.ID)
	if err != nil || got.Notes != "" {
		t.Errorf("case after rollback: %q, %v", got.Notes, err)
	}
}
