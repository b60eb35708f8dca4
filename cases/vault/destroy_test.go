package vault_test

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kintrace/cases/casegen"
	"kintrace/cases/search"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
)

const destroyPassphrase = "copper lantern fjord tulip 7"

// newDestroyable creates a vault with cases and an attachment in its own
// folder, closes it and returns its path and the raw bytes of its key slots.
func newDestroyable(t *testing.T) (path string, slots [][]byte) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "vault", "v.kintrace")
	v, _, err := vault.Create(path, []byte(destroyPassphrase), vault.CreateOptions{Owner: "Marina"})
	if err != nil {
		t.Fatal(err)
	}
	added, err := v.AddAll(ctx, casegen.Generate(200, 7))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.AddAttachment(ctx, added[0].ID, nil, "scan.bin", vaulttest.NewPattern(3<<20, 1), nil); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	vaulttest.Raw(t, path, func(db *sql.DB) {
		rows, err := db.Query(`SELECT data FROM slots`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var b []byte
			rows.Scan(&b)
			slots = append(slots, b)
		}
	})
	if len(slots) != 2 {
		t.Fatalf("%d slots, want 2", len(slots))
	}
	return path, slots
}

// folderHolds lists the files under dir that contain any of needles.
func folderHolds(t *testing.T, dir string, needles [][]byte) (found []string, files int) {
	t.Helper()
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		files++
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range needles {
			if bytes.Contains(data, n) {
				found = append(found, filepath.Base(p))
			}
		}
		return nil
	})
	return found, files
}

func TestDestroyWithoutPassphrase(t *testing.T) {
	path, slots := newDestroyable(t)
	dir := filepath.Dir(path)
	if found, _ := folderHolds(t, dir, slots); len(found) == 0 {
		t.Fatal("the slots are not in the folder before the wipe: the test would prove nothing")
	}
	start := time.Now()
	if err := vault.Destroy(path); err != nil {
		t.Fatalf("Destroy: %v", err)
	}
	t.Logf("Destroy took %v", time.Since(start))
	if found, files := folderHolds(t, dir, slots); len(found) > 0 || files > 0 {
		t.Errorf("after the wipe %d files are left, %v hold slot bytes", files, found)
	}
	if _, err := vault.Open(path); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("Open after Destroy: %v, want ErrNotFound", err)
	}
}

func TestDestroyUnlocked(t *testing.T) {
	path, slots := newDestroyable(t)
	v, err := vault.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Unlock(ctx, []byte(destroyPassphrase), nil); err != nil {
		t.Fatal(err)
	}
	first := v.Search(search.Query{})[0].ID
	if err := v.Destroy(); err != nil {
		t.Fatalf("Destroy: %v", err)
	}
	if !v.Locked() || len(v.Search(search.Query{})) != 0 {
		t.Error("a destroyed vault still holds keys or its index")
	}
	if _, err := v.Get(ctx, first); !errors.Is(err, vault.ErrLocked) {
		t.Errorf("Get after Destroy: %v, want ErrLocked", err)
	}
	if found, files := folderHolds(t, filepath.Dir(path), slots); len(found) > 0 || files > 0 {
		t.Errorf("after the wipe %d files are left, %v hold slot bytes", files, found)
	}
}

func TestDestroyRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "notes.txt")
	os.WriteFile(other, []byte("not a vault"), 0o600)
	if err := vault.Destroy(other); !errors.Is(err, vault.ErrNotVault) {
		t.Errorf("Destroy of a text file: %v, want ErrNotVault", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("the text file is gone: %v", err)
	}
	if err := vault.Destroy(filepath.Join(dir, "none.kintrace")); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("Destroy of no file: %v, want ErrNotFound", err)
	}
}
