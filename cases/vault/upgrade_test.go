package vault_test

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"path/filepath"
	"testing"

	"kintrace/cases/search"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
)

const fixturePassphrase = "copper lantern fjord tulip 7"

// TestUpgradeFormat1 opens a copy of a vault written in format 1 (see
// testdata/README.md) with today's code: the first unlock upgrades it, in
// one transaction, and everything it held reads as before.
func TestUpgradeFormat1(t *testing.T) {
	defer crypto.UseInsecureKDFForTests()()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.kintrace")
	copyFile(t, "testdata/format1.kintrace", path)

	v, err := vault.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Unlock(ctx, []byte(fixturePassphrase), nil); err != nil {
		t.Fatalf("unlock of a format 1 vault: %v", err)
	}
	checkFormat1Contents(t, v)
	info := v.Info()
	if info.Prefix != "4Z5" || info.CreatedAt.IsZero() || info.LastSaved.IsZero() || info.Cases != 2 {
		t.Errorf("info after upgrade: %+v", info)
	}
	// A new case gets the next number of the old counter.
	c, err := v.Add(ctx, vaulttest.SampleCase("Third Person"))
	if err != nil || c.Number != "KT-4Z5-0003" {
		t.Errorf("new case after upgrade: %q, %v", c.Number, err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	vaulttest.Raw(t, path, func(db *sql.DB) {
		var format string
		var metaRows int
		db.QueryRow(`SELECT value FROM meta WHERE key = 'format'`).Scan(&format)
		db.QueryRow(`SELECT count(*) FROM meta`).Scan(&metaRows)
		if format != vault.FormatVersion || metaRows != 2 {
			t.Errorf("meta after upgrade: format %q, %d rows", format, metaRows)
		}
		for _, col := range []string{"kind", "version"} {
			if _, err := db.Exec(`SELECT ` + col + ` FROM records`); err == nil {
				t.Errorf("records still has a %s column", col)
			}
		}
	})
	// And it opens again, now in format 2, with the recovery key too.
	v, err = vault.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if err := v.UnlockWithRecoveryKey(ctx, "JT28-6B23-THXS-4GTB-F3HQ-H7C3-P14B-486V-9484-VYMQ-2PRY-H3RG-62J0-ZE51", nil); err != nil {
		t.Fatal(err)
	}
	checkFormat1Contents(t, v)
}

// checkFormat1Contents checks what the fixture holds (testdata/README.md).
func checkFormat1Contents(t *testing.T, v *vault.Vault) {
	t.Helper()
	ctx := context.Background()
	if v.Owner() != "Fixture Owner" {
		t.Errorf("owner %q", v.Owner())
	}
	a, err := v.Get(ctx, "KT-4Z5-0001")
	if err != nil || a.Person.Name != "Zlatoslava Fixturova" || a.Version != 3 || a.Notes != "Fixture note edit two" {
		t.Fatalf("case 1: %+v, %v", a, err)
	}
	hist, err := v.History(ctx, a.ID)
	if err != nil || len(hist) != 3 {
		t.Fatalf("history: %d versions, %v", len(hist), err)
	}
	old, err := v.Revision(ctx, a.ID, 2)
	if err != nil || old.Notes != "Fixture note edit one" {
		t.Errorf("version 2: %q, %v", old.Notes, err)
	}
	b, err := v.Get(ctx, "KT-4Z5-0002")
	if err != nil || b.Person.Name != "Quentin Markerfield" {
		t.Fatalf("case 2: %+v, %v", b, err)
	}
	if got := v.Search(search.Query{Text: "Fixturova"}); len(got) != 1 {
		t.Errorf("search finds %d cases", len(got))
	}
	for _, tc := range []struct {
		caseID, name string
		want         func([]byte) bool
	}{
		{a.ID, "small-fixture.txt", func(b []byte) bool { return string(b) == "fixture attachment text" }},
		{b.ID, "two-chunks.bin", func(b []byte) bool {
			p := vaulttest.NewPattern(70000, 3)
			want, _ := io.ReadAll(p)
			return string(b) == string(want)
		}},
	} {
		list, err := v.Attachments(ctx, tc.caseID)
		if err != nil || len(list) != 1 || list[0].Name != tc.name {
			t.Fatalf("attachments of %s: %+v, %v", tc.name, list, err)
		}
		data, _, err := vaulttest.ReadAttachment(t, v, list[0].ID)
		if err != nil || !tc.want(data) {
			t.Errorf("attachment %s: %d bytes, %v", tc.name, len(data), err)
		}
	}
	contacts, err := v.Contacts(ctx)
	if err != nil || len(contacts) != 1 || contacts[0].Name != "Fixture Colleague" {
		t.Errorf("contacts: %+v, %v", contacts, err)
	}
	if _, err := v.Identity(ctx); err != nil {
		t.Errorf("identity: %v", err)
	}
}

// TestUpgradeIsAllOrNothing damages the last revision of a format 1 vault,
// so that the upgrade fails after it has rewritten every record: the
// transaction leaves the file in format 1 with every old row, and nothing
// of format 2.
func TestUpgradeIsAllOrNothing(t *testing.T) {
	defer crypto.UseInsecureKDFForTests()()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.kintrace")
	copyFile(t, "testdata/format1.kintrace", path)
	count := func(db *sql.DB, q string) (n int) {
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	var records, revisions, chunks int
	vaulttest.Raw(t, path, func(db *sql.DB) {
		records, revisions, chunks = count(db, `SELECT count(*) FROM records`), count(db, `SELECT count(*) FROM revisions`),
			count(db, `SELECT count(*) FROM attachment_chunks`)
		if _, err := db.Exec(`UPDATE revisions SET data = substr(data, 1, 49) ||
			CASE WHEN substr(data, 50, 1) = x'00' THEN x'01' ELSE x'00' END || substr(data, 51)
			WHERE (record_id, version) = (SELECT record_id, max(version) FROM revisions)`); err != nil {
			t.Fatal(err)
		}
	})
	v, err := vault.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Unlock(ctx, []byte(fixturePassphrase), nil); !errors.Is(err, crypto.ErrCorrupt) {
		t.Errorf("unlock with a damaged revision: %v, want ErrCorrupt", err)
	}
	v.Close()
	vaulttest.Raw(t, path, func(db *sql.DB) {
		var format string
		db.QueryRow(`SELECT value FROM meta WHERE key = 'format'`).Scan(&format)
		if format != "1" || count(db, `SELECT count(*) FROM meta`) != 6 {
			t.Errorf("after a failed upgrade: format %q", format)
		}
		if got := count(db, `SELECT count(*) FROM records WHERE kind != ''`); got != records {
			t.Errorf("%d records rows, want %d", got, records)
		}
		if count(db, `SELECT count(*) FROM revisions WHERE version > 0`) != revisions ||
			count(db, `SELECT count(*) FROM attachment_chunks WHERE seq >= 0`) != chunks {
			t.Error("revisions or chunks changed")
		}
		if n := count(db, `SELECT count(*) FROM sqlite_master WHERE name LIKE '%_v2'`); n != 0 {
			t.Errorf("%d tables of format 2 left behind", n)
		}
	})
}
