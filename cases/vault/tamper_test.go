package vault_test

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
)

// tamperFixture is a closed vault with two cases, one edited twice.
func tamperFixture(t *testing.T) (path string, ids []string) {
	t.Helper()
	v, path, _ := vaulttest.New(t)
	a, err := v.Add(ctx, vaulttest.SampleCase("Олег Морозов"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := v.Add(ctx, vaulttest.SampleCase("Анна Смирнова"))
	if err != nil {
		t.Fatal(err)
	}
	a.Notes = "first edit"
	if a, err = v.Update(ctx, a); err != nil {
		t.Fatal(err)
	}
	a.Notes = "second edit"
	if _, err = v.Update(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	return path, []string{a.ID, b.ID}
}

func rawDB(t *testing.T, path string, fn func(db *sql.DB)) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	fn(db)
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// readEverything opens the vault and reads every case, version and history;
// it returns the first error met.
func readEverything(path string, ids []string) error {
	v, err := vault.Open(path)
	if err != nil {
		return err
	}
	defer v.Close()
	if err := v.Unlock(ctx, []byte(vaulttest.Passphrase), nil); err != nil {
		return err
	}
	for _, id := range ids {
		c, err := v.Get(ctx, id)
		if err != nil {
			return err
		}
		if _, err := v.History(ctx, id); err != nil {
			return err
		}
		for ver := int64(1); ver <= c.Version; ver++ {
			if _, err := v.Revision(ctx, id, ver); err != nil {
				return err
			}
		}
	}
	return nil
}

// expectRefused checks that reading the tampered vault fails with a
// recognised error and leaves the file byte for byte as it was.
func expectRefused(t *testing.T, path string, ids []string, what string) {
	t.Helper()
	before := fileHash(t, path)
	err := readEverything(path, ids)
	if err == nil {
		t.Fatalf("%s: tampering went unnoticed", what)
	}
	if !errors.Is(err, crypto.ErrCorrupt) && !errors.Is(err, vault.ErrTampered) &&
		!errors.Is(err, crypto.ErrWrongPassphrase) && !errors.Is(err, crypto.ErrUnsupported) {
		t.Fatalf("%s: unclear error %v", what, err)
	}
	if fileHash(t, path) != before {
		t.Fatalf("%s: the vault file changed while refusing it", what)
	}
}

func TestFixtureReadsClean(t *testing.T) {
	path, ids := tamperFixture(t)
	if err := readEverything(path, ids); err != nil {
		t.Fatalf("untouched vault: %v", err)
	}
}

func TestFlippedByteInAnyBlobIsDetected(t *testing.T) {
	blobs := []struct{ table, column, key string }{
		{"records", "overview", "id"},
		{"records", "details", "id"},
		{"revisions", "data", "id"},
		{"head", "state", "id"},
		{"slots", "data", "id"},
	}
	for _, b := range blobs {
		// Flip bytes spread over the whole blob, in the first row of each.
		for i := range 8 {
			p2, ids2 := tamperFixture(t)
			var pos int
			rawDB(t, p2, func(db *sql.DB) {
				var blob []byte
				db.QueryRow(fmt.Sprintf(`SELECT %s FROM %s WHERE %s IS NOT NULL ORDER BY %s LIMIT 1`, b.column, b.table, b.column, b.key)).Scan(&blob)
				if len(blob) < 64 {
					t.Fatalf("%s.%s: blob of %d bytes", b.table, b.column, len(blob))
				}
				pos = []int{0, 1, 5, 24, 30, len(blob) / 2, len(blob) - 17, len(blob) - 1}[i]
				blob[pos] ^= 0x01
				var k string
				db.QueryRow(fmt.Sprintf(`SELECT %s FROM %s WHERE %s IS NOT NULL ORDER BY %s LIMIT 1`, b.key, b.table, b.column, b.key)).Scan(&k)
				if _, err := db.Exec(fmt.Sprintf(`UPDATE %s SET %s = ? WHERE %s = ? AND %s IS NOT NULL`, b.table, b.column, b.key, b.column), blob, k); err != nil {
					t.Fatal(err)
				}
			})
			expectRefused(t, p2, ids2, fmt.Sprintf("%s.%s byte %d", b.table, b.column, pos))
		}
	}
}

func TestSwappedRowsAreDetected(t *testing.T) {
	for _, column := range []string{"overview", "details"} {
		path, ids := tamperFixture(t)
		rawDB(t, path, func(db *sql.DB) {
			var a, b string
			var ba, bb []byte
			rows, _ := db.Query(`SELECT id, ` + column + ` FROM records ORDER BY id`)
			rows.Next()
			rows.Scan(&a, &ba)
			rows.Next()
			rows.Scan(&b, &bb)
			rows.Close()
			db.Exec(`UPDATE records SET `+column+` = ? WHERE id = ?`, bb, a)
			db.Exec(`UPDATE records SET `+column+` = ? WHERE id = ?`, ba, b)
		})
		expectRefused(t, path, ids, "swapped "+column)
	}
}

func TestDeletedOrRolledBackRowsAreDetected(t *testing.T) {
	path, ids := tamperFixture(t)
	rawDB(t, path, func(db *sql.DB) {
		db.Exec(`DELETE FROM records WHERE id = (SELECT id FROM records ORDER BY length(details) DESC LIMIT 1)`)
	})
	expectRefused(t, path, ids, "deleted row")

	// Roll one case back to its first version, blobs and all: each blob
	// still opens, but the set no longer matches the integrity head.
	v, path2, _ := vaulttest.New(t)
	c, err := v.Add(ctx, vaulttest.SampleCase("Олег Морозов"))
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	type blobs struct{ ov, det []byte }
	before := map[string]blobs{}
	rawDB(t, path2, func(db *sql.DB) {
		rows, err := db.Query(`SELECT id, overview, details FROM records`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var b blobs
			rows.Scan(&id, &b.ov, &b.det)
			before[id] = b
		}
	})
	v, err = vault.Open(path2)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Unlock(ctx, []byte(vaulttest.Passphrase), nil); err != nil {
		t.Fatal(err)
	}
	c.Notes = "edited"
	if _, err := v.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	v.Close()
	rawDB(t, path2, func(db *sql.DB) {
		for id, b := range before {
			db.Exec(`UPDATE records SET overview = ?, details = ? WHERE id = ? AND details != ?`, b.ov, b.det, id, b.det)
		}
	})
	expectRefused(t, path2, []string{c.ID}, "rolled-back row")
}

func TestNotAVault(t *testing.T) {
	dir := t.TempDir()
	junk := dir + "/junk.kintrace"
	os.WriteFile(junk, bytes.Repeat([]byte("not sqlite "), 100), 0o600)
	if _, err := vault.Open(junk); !errors.Is(err, vault.ErrNotVault) {
		t.Fatalf("junk file: %v", err)
	}
	if _, err := vault.Open(dir + "/missing.kintrace"); !errors.Is(err, vault.ErrNotFound) {
		t.Fatalf("missing file: %v", err)
	}
}
