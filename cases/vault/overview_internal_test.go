package vault

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/search"
	"kintrace/crypto"
)

// EncodeOverview and DecodeOverview expose the sealed overview's plaintext
// encoding to the external tests.
func EncodeOverview(o cases.Overview) ([]byte, error) { return appendOverview(nil, &o) }
func DecodeOverview(b []byte) (cases.Overview, error) { return decodeOverview(b, make(interner)) }

// TestUnlockReadsJSONOverviews rewrites a vault's overviews in the JSON
// encoding of vaults written before the binary one (updating the integrity
// head as a save would), with LastContact as it was then (any sign of life),
// and checks that unlock indexes the overviews as the cases give them now
// and stores them in the current encoding.
func TestUnlockReadsJSONOverviews(t *testing.T) {
	defer crypto.UseInsecureKDFForTests()()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.kintrace")
	pass := []byte("correct horse battery staple")
	v, _, err := Create(path, pass, CreateOptions{Owner: "test"})
	if err != nil {
		t.Fatal(err)
	}
	added, err := v.AddAll(ctx, casegen.Generate(50, 3))
	if err != nil {
		t.Fatal(err)
	}
	err = v.withKeys(func(k *keyring) error {
		return v.write(ctx, func(tx *sql.Tx) error {
			var d headDelta
			for _, c := range added {
				row := rowID(k, kindCase, c.ID)
				prev, err := v.readRow(tx, ctx, k, row)
				if err != nil {
					return err
				}
				_, _, pt, _, err := v.openHeader(k, row, prev.overview)
				if err != nil {
					return err
				}
				if pt[0] != overviewBinaryV3 {
					t.Fatalf("new overview starts with %#x, want the binary format byte", pt[0])
				}
				old := c.Overview()
				old.LastContact = old.LastSign // what LastContact meant then
				js, err := json.Marshal(old)
				if err != nil {
					return err
				}
				next := storedRow{version: prev.version, details: prev.details}
				if next.overview, err = v.sealHeader(k, row, kindCase, prev.version, js); err != nil {
					return err
				}
				if _, err := tx.Exec(`UPDATE records SET overview = ? WHERE id = ?`, next.overview, row); err != nil {
					return err
				}
				d.remove(prev.term(k, row, kindCase))
				d.add(next.term(k, row, kindCase))
			}
			return v.applyHead(tx, k, d)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	v, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if err := v.Unlock(ctx, pass, nil); err != nil {
		t.Fatal(err)
	}
	if v.Index().Len() != len(added) {
		t.Fatalf("index holds %d cases, want %d", v.Index().Len(), len(added))
	}
	checkIndex := func() {
		t.Helper()
		for _, c := range added {
			got, ok := v.Index().Get(c.ID)
			if !ok || !reflect.DeepEqual(jsonRoundTrip(t, got), jsonRoundTrip(t, c.Overview())) {
				t.Fatalf("case %s: index holds %+v\nwant %+v", c.Number, got, c.Overview())
			}
		}
	}
	checkIndex()
	// Unlock stored the overviews anew: every one is of the current encoding.
	err = v.withKeys(func(k *keyring) error {
		for _, c := range added {
			row := rowID(k, kindCase, c.ID)
			r, err := v.readRow(v.db, ctx, k, row)
			if err != nil {
				return err
			}
			_, _, pt, _, err := v.openHeader(k, row, r.overview)
			if err != nil {
				return err
			}
			if pt[0] != overviewBinaryV3 {
				t.Fatalf("case %s: stored overview still of encoding %#x", c.Number, pt[0])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// And the integrity head agrees: the vault unlocks again.
	if err := v.Lock(); err != nil {
		t.Fatal(err)
	}
	if err := v.Unlock(ctx, pass, nil); err != nil {
		t.Fatalf("second unlock: %v", err)
	}
	checkIndex()
	if hits := v.Search(search.Query{Text: added[0].Number}); len(hits) != 1 || hits[0].ID != added[0].ID {
		t.Fatalf("search by number found %d cases", len(hits))
	}
}

func jsonRoundTrip(t *testing.T, o cases.Overview) cases.Overview {
	t.Helper()
	js, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	var out cases.Overview
	if err := json.Unmarshal(js, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDecodeOverviewVersionByte(t *testing.T) {
	b, err := EncodeOverview(cases.Overview{ID: "x", Version: 1})
	if err != nil {
		t.Fatal(err)
	}
	b[0] = 0x04
	if _, err := DecodeOverview(b); !errors.Is(err, crypto.ErrUnsupported) {
		t.Fatalf("format byte 4: %v, want ErrUnsupported", err)
	}
	if _, err := DecodeOverview(nil); !errors.Is(err, crypto.ErrCorrupt) {
		t.Fatalf("empty: %v, want ErrCorrupt", err)
	}
}
