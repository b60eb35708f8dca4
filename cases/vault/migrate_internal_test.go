package vault

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/search"
	"kintrace/crypto"
)

const migratePass = "correct horse battery staple"

// format2Vault makes a vault of n generated cases as the release before
// casework left it: case overviews sealed in encoding 0x02 and meta.format
// "2". It returns the vault's path, closed.
func format2Vault(tb testing.TB, n int) string {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "v.kintrace")
	v, _, err := Create(path, []byte(migratePass), CreateOptions{Owner: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	defer v.Close()
	if _, err := v.AddAll(ctx, casegen.Generate(n, 9)); err != nil {
		tb.Fatal(err)
	}
	err = v.withKeys(func(k *keyring) error {
		return v.write(ctx, func(tx *sql.Tx) error {
			rows, err := tx.QueryContext(ctx, `SELECT id, overview, details FROM records`)
			if err != nil {
				return err
			}
			var all []storedRow
			var ids []string
			for rows.Next() {
				var r storedRow
				var id string
				if err := rows.Scan(&id, &r.overview, &r.details); err != nil {
					return err
				}
				all, ids = append(all, r), append(ids, id)
			}
			if err := rows.Close(); err != nil {
				return err
			}
			var d headDelta
			for i, prev := range all {
				kind, version, body, pt, err := v.openHeader(k, ids[i], prev.overview)
				if err != nil {
					return err
				}
				if kind != kindCase {
					crypto.Wipe(pt)
					continue
				}
				// 0x02 is 0x03 without the two item lists, each a 0
				// byte when empty, as no generated case has them.
				if body[0] != overviewBinaryV3 || !bytes.HasSuffix(body, []byte{0, 0}) {
					return fmt.Errorf("row %s: overview %#x…%x", ids[i], body[0], body[len(body)-2:])
				}
				old := append([]byte{overviewBinaryV2}, body[1:len(body)-2]...)
				crypto.Wipe(pt)
				prev.kind, prev.version = kind, version
				next := prev
				if next.overview, err = v.sealHeader(k, ids[i], kindCase, version, old); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE records SET overview = ? WHERE id = ?`, next.overview, ids[i]); err != nil {
					return err
				}
				d.remove(prev.term(k, ids[i], kindCase))
				d.add(next.term(k, ids[i], kindCase))
			}
			if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'format'`, []byte(formatV2)); err != nil {
				return err
			}
			return v.applyHead(tx, k, d)
		})
	})
	if err != nil {
		tb.Fatal(err)
	}
	return path
}

// unlockFormat2 opens and unlocks the vault at path, migrating it.
func unlockFormat2(tb testing.TB, path string) *Vault {
	tb.Helper()
	v, err := Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := v.Unlock(context.Background(), []byte(migratePass), nil); err != nil {
		tb.Fatal(err)
	}
	return v
}

// TestMigrateReencodesOverviews: a format 2 vault's overviews of encoding
// 0x02 are sealed again as 0x03 at the first unlock without opening the
// cases, and they are exactly the overviews computed from the cases, then
// and after reopening.
func TestMigrateReencodesOverviews(t *testing.T) {
	defer crypto.UseInsecureKDFForTests()()
	ctx := context.Background()
	path := format2Vault(t, 300)
	for range 2 {
		v := unlockFormat2(t, path)
		if v.format != FormatVersion {
			t.Fatalf("format %q after unlock", v.format)
		}
		list := v.Search(search.Query{})
		if len(list) != 300 {
			t.Fatalf("%d cases", len(list))
		}
		for _, got := range list {
			c, err := v.Get(ctx, got.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := sameOverview(got, c.Overview()); err != nil {
				t.Fatalf("case %s: %v", c.Number, err)
			}
		}
		v.Close()
	}
}

// sameOverview compares two overviews field by field through their
// encoding.
func sameOverview(a, b cases.Overview) error {
	ea, err := appendOverview(nil, &a)
	if err != nil {
		return err
	}
	eb, err := appendOverview(nil, &b)
	if err != nil {
		return err
	}
	if !bytes.Equal(ea, eb) {
		return fmt.Errorf("overview %+v, want %+v", a, b)
	}
	return nil
}

// BenchmarkFirstUnlockAfterUpgrade measures the first unlock of a vault
// the release before casework wrote (format 2, overviews of encoding
// 0x02): loading, then migrating it to format 3 in one transaction, every
// overview sealed again. migrate-s is the unlock's time beyond a second,
// already migrated one of the same vault.
func BenchmarkFirstUnlockAfterUpgrade(b *testing.B) {
	defer crypto.UseInsecureKDFForTests()()
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var first, again time.Duration
			for b.Loop() {
				b.StopTimer()
				path := format2Vault(b, n)
				b.StartTimer()
				start := time.Now()
				v := unlockFormat2(b, path)
				first += time.Since(start)
				b.StopTimer()
				v.Close()
				start = time.Now()
				v = unlockFormat2(b, path)
				again += time.Since(start)
				v.Close()
				b.StartTimer()
			}
			b.ReportMetric((first-again).Seconds()/float64(b.N), "migrate-s")
		})
	}
}
