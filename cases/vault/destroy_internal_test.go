package vault

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"kintrace/cases/casegen"
	"kintrace/crypto"
)

// slotBytes reads every key slot of v as stored.
func slotBytes(t *testing.T, v *Vault) [][]byte {
	t.Helper()
	rows, err := v.db.Query(`SELECT data FROM slots`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]byte
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// rawHolds lists the files of the vault at path (database, WAL, journal)
// that contain any of needles.
func rawHolds(t *testing.T, path string, needles [][]byte) []string {
	t.Helper()
	var found []string
	for _, p := range vaultFiles(path) {
		data, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for i, n := range needles {
			if bytes.Contains(data, n) {
				found = append(found, filepath.Base(p)+": slot "+string(rune('0'+i)))
			}
		}
	}
	return found
}

// TestEraseSlotsLeavesNoSlotBytes checks destroying's steps before the
// files are deleted: no key slot, current or replaced, is left in the
// database file or its WAL, nothing unlocks what remains, and the keys in
// memory are zeroed.
func TestEraseSlotsLeavesNoSlotBytes(t *testing.T) {
	defer crypto.UseInsecureKDFForTests()()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.kintrace")
	first := []byte("copper lantern fjord tulip 7")
	v, recovery, err := Create(path, first, CreateOptions{Owner: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.AddAll(ctx, casegen.Generate(30, 1)); err != nil {
		t.Fatal(err)
	}
	// The first slots go into the database file; the new passphrase slot
	// stays in the WAL, beside frames that hold the first one.
	if err := v.checkpoint(); err != nil {
		t.Fatal(err)
	}
	needles := slotBytes(t, v)
	second := []byte("second passphrase for the wal frames")
	if err := v.ChangePassphrase(second); err != nil {
		t.Fatal(err)
	}
	needles = append(needles, slotBytes(t, v)...)
	if len(needles) != 4 {
		t.Fatalf("read %d slots, want 4 (two before and two after the change)", len(needles))
	}
	if found := rawHolds(t, path, needles); len(found) < 3 {
		t.Fatalf("before the wipe the raw files hold only %v: the test would prove nothing", found)
	}
	keys := v.keys
	v.mu.Lock()
	v.keys.wipe()
	v.keys = nil
	err = v.eraseSlots()
	v.mu.Unlock()
	if err != nil {
		t.Fatalf("eraseSlots: %v", err)
	}
	if found := rawHolds(t, path, needles); len(found) > 0 {
		t.Errorf("slot bytes left after the wipe: %v", found)
	}
	for _, k := range []crypto.Key{keys.master, keys.records, keys.head, keys.rows} {
		if !bytes.Equal(k, make([]byte, len(k))) {
			t.Errorf("a key in memory was not zeroed")
		}
	}
	if err := v.db.Close(); err != nil {
		t.Fatal(err)
	}
	// What remains of the file opens, but nothing unlocks it.
	left, err := Open(path)
	if err != nil {
		t.Fatalf("Open what remains: %v", err)
	}
	defer left.Close()
	for _, pass := range [][]byte{first, second} {
		if err := left.Unlock(ctx, pass, nil); !errors.Is(err, crypto.ErrWrongPassphrase) {
			t.Errorf("Unlock with a passphrase after the wipe: %v, want ErrWrongPassphrase", err)
		}
	}
	if err := left.UnlockWithRecoveryKey(ctx, recovery, nil); !errors.Is(err, crypto.ErrWrongPassphrase) {
		t.Errorf("Unlock with the recovery key after the wipe: %v, want ErrWrongPassphrase", err)
	}
}

func TestFindSlotBytesAcrossChunks(t *testing.T) {
	slot := []byte(`{"id":"passphrase","kind":"passphrase","kdf":{"t":3,"m":65536,"p":4},"salt":"c2FsdA==","wrapped":"d3JhcHBlZA=="}`)
	data := make([]byte, 2*slotScanChunk+500)
	at := []int64{10, slotScanChunk - 20, 2*slotScanChunk + 300}
	for _, a := range at {
		copy(data[a:], slot)
	}
	spans, err := findSlotBytes(bytes.NewReader(data), [][]byte{slot})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]int{}
	for _, s := range spans {
		if s.n != len(slot) {
			t.Errorf("span at %d is %d bytes, want %d", s.off, s.n, len(slot))
		}
		got[s.off]++
	}
	for _, a := range at {
		if got[a] != 2 { // once as a known slot, once by its shape
			t.Errorf("slot at %d found %d times, want 2", a, got[a])
		}
	}
	if len(got) != len(at) {
		t.Errorf("spans at %v, want %v", got, at)
	}
}
