package vault_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"kintrace/cases"
	"kintrace/cases/search"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
)

var ctx = context.Background()

func TestMain(m *testing.M) {
	restore := crypto.UseInsecureKDFForTests()
	if os.Getenv(crashChildEnv) != "" {
		crashChild()
		return
	}
	if os.Getenv(migrateChildEnv) != "" {
		migrateChild()
		return
	}
	code := m.Run()
	restore()
	os.Exit(code)
}

func TestCaseLifecycle(t *testing.T) {
	v, path, _ := vaulttest.New(t)
	c, err := v.Add(ctx, vaulttest.SampleCase("Сергей Лебедев"))
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	if c.ID == "" || c.Version != 1 || c.Number == "" || c.UpdatedBy != "Marina" {
		t.Fatalf("Add assigned id=%q version=%d number=%q by=%q", c.ID, c.Version, c.Number, c.UpdatedBy)
	}
	c.Person.Name = "Сергей Павлович Лебедев"
	c.Events = append(c.Events, cases.Event{Date: "2022-07", Approx: true, Type: "contact_lost",
		Source: "reporter", Verification: "corroborated"})
	c2, err := v.Update(ctx, c)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if c2.Version != 2 {
		t.Fatalf("Update version = %d, want 2", c2.Version)
	}
	// A save from the stale version 1 is refused.
	if _, err := v.Update(ctx, c); !errors.Is(err, vault.ErrConflict) {
		t.Fatalf("stale Update: got %v, want ErrConflict", err)
	}

	v = vaulttest.Reopen(t, v, path)
	got, err := v.Get(ctx, c.Number)
	if err != nil {
		t.Fatalf("Get by number: %v", err)
	}
	if got.Person.Name != "Сергей Павлович Лебедев" || got.Version != 2 || len(got.Events) != 2 {
		t.Fatalf("Get after reopen: name=%q version=%d events=%d", got.Person.Name, got.Version, len(got.Events))
	}
	hist, err := v.History(ctx, c.ID)
	if err != nil {
		t.Fatalf("History: %v", err)
	}
	if len(hist) != 2 || hist[1].Version != 2 || !slices.Contains(hist[1].Changed, "person.name") ||
		!slices.Contains(hist[1].Changed, "events[1]") || hist[1].SavedBy != "Marina" {
		t.Fatalf("History = %+v", hist)
	}
	old, err := v.Revision(ctx, c.ID, 1)
	if err != nil || old.Person.Name != "Сергей Лебедев" {
		t.Fatalf("Revision 1 = %q, %v", old.Person.Name, err)
	}
	if found := v.Search(search.Query{Text: "lebedev"}); len(found) != 1 {
		t.Fatalf("Search lebedev found %d", len(found))
	}
	if err := v.Delete(ctx, c.ID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := v.Get(ctx, c.ID); !errors.Is(err, vault.ErrNotFound) {
		t.Fatalf("Get deleted: %v", err)
	}
	v = vaulttest.Reopen(t, v, path)
	if n := v.Index().Len(); n != 0 {
		t.Fatalf("index after delete and reopen has %d cases", n)
	}
}

func TestAddAllIsAllOrNothing(t *testing.T) {
	v, _, _ := vaulttest.New(t)
	a := vaulttest.SampleCase("Иван Петров")
	b := vaulttest.SampleCase("Пётр Иванов")
	b.Status = "lost" // invalid
	if _, err := v.AddAll(ctx, []cases.Case{a, b}); err == nil {
		t.Fatal("AddAll with an invalid case succeeded")
	}
	if n := v.Info().Cases; n != 0 {
		t.Fatalf("after a failed AddAll the vault holds %d cases", n)
	}
	b.Status = "open"
	added, err := v.AddAll(ctx, []cases.Case{a, b})
	if err != nil || len(added) != 2 || added[0].Number == added[1].Number {
		t.Fatalf("AddAll: %v %+v", err, added)
	}
	dup := a
	dup.Number = added[0].Number
	if _, err := v.Add(ctx, dup); !errors.Is(err, vault.ErrExists) {
		t.Fatalf("Add with a taken number: %v", err)
	}
}

func TestUnlockWrongPassphraseAndRecovery(t *testing.T) {
	v, path, recovery := vaulttest.New(t)
	if _, err := v.Add(ctx, vaulttest.SampleCase("Олег Морозов")); err != nil {
		t.Fatal(err)
	}
	v.Close()
	v, err := vault.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if err := v.Unlock(ctx, []byte("wrong"), nil); !errors.Is(err, crypto.ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: got %v", err)
	}
	if !v.Locked() {
		t.Fatal("vault unlocked by a wrong passphrase")
	}
	if _, err := v.Get(ctx, "x"); !errors.Is(err, vault.ErrLocked) {
		t.Fatalf("Get while locked: %v", err)
	}
	if err := v.UnlockWithRecoveryKey(ctx, recovery, nil); err != nil {
		t.Fatalf("recovery key: %v", err)
	}
	if err := v.ChangePassphrase([]byte("a new passphrase")); err != nil {
		t.Fatalf("ChangePassphrase: %v", err)
	}
	v.Lock()
	if err := v.Unlock(ctx, []byte(vaulttest.Passphrase), nil); !errors.Is(err, crypto.ErrWrongPassphrase) {
		t.Fatalf("old passphrase after change: %v", err)
	}
	var calls int
	if err := v.Unlock(ctx, []byte("a new passphrase"), func(done, total int) { calls++ }); err != nil {
		t.Fatalf("new passphrase: %v", err)
	}
	if calls == 0 || v.Index().Len() != 1 {
		t.Fatalf("progress calls %d, index %d", calls, v.Index().Len())
	}
}

func TestVaultFilePermissions(t *testing.T) {
	v, path, _ := vaulttest.New(t)
	if _, err := v.Add(ctx, vaulttest.SampleCase("Олег Морозов")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(p)
		if err != nil {
			continue
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %o, want 600", filepath.Base(p), st.Mode().Perm())
		}
	}
	st, _ := os.Stat(filepath.Dir(path))
	if st.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %o, want 700", st.Mode().Perm())
	}
}

func TestGenericRecords(t *testing.T) {
	v, path, _ := vaulttest.New(t)
	if err := v.PutRecord(ctx, "contact", "anna", []byte("age1example")); err != nil {
		t.Fatal(err)
	}
	if err := v.PutRecord(ctx, "contact", "anna", []byte("age1changed")); err != nil {
		t.Fatal(err)
	}
	if err := v.PutRecord(ctx, "contact", "boris", []byte("age1boris")); err != nil {
		t.Fatal(err)
	}
	v = vaulttest.Reopen(t, v, path)
	all, err := v.ListRecords(ctx, "contact")
	if err != nil || len(all) != 2 || string(all["anna"]) != "age1changed" {
		t.Fatalf("ListRecords = %q, %v", all, err)
	}
	if err := v.DeleteRecord(ctx, "contact", "anna"); err != nil {
		t.Fatal(err)
	}
	if _, err := v.GetRecord(ctx, "contact", "anna"); !errors.Is(err, vault.ErrNotFound) {
		t.Fatalf("GetRecord deleted: %v", err)
	}
	vaulttest.Reopen(t, v, path)
}

// TestAddAllReportsErrorsAsBefore checks which error a batch with several
// problems reports: a case that does not validate wins over a taken id or
// number, in the vault or in the batch, and nothing is written.
func TestAddAllReportsErrorsAsBefore(t *testing.T) {
	v, _, _ := vaulttest.New(t)
	old, err := v.Add(ctx, vaulttest.SampleCase("Олег Морозов"))
	if err != nil {
		t.Fatal(err)
	}
	var batch []cases.Case
	for i := range 200 { // more than one worker's run
		c := vaulttest.SampleCase(fmt.Sprintf("Иван Петров %d", i))
		c.ID = cases.NewID()
		batch = append(batch, c)
	}
	invalid := vaulttest.SampleCase("Пётр Иванов")
	invalid.Status = "lost"
	takenID := vaulttest.SampleCase("Анна Смирнова")
	takenID.ID = old.ID
	takenNumber := vaulttest.SampleCase("Анна Смирнова")
	takenNumber.Number = old.Number
	tests := []struct {
		name    string
		cases   []cases.Case
		invalid bool // else ErrExists
	}{
		{"id in the vault", append(slices.Clone(batch[:150]), takenID), false},
		{"number in the vault", append(slices.Clone(batch[:150]), takenNumber), false},
		{"id in the vault, then invalid", append(append(slices.Clone(batch[:10]), takenID), append(slices.Clone(batch[10:150]), invalid)...), true},
		{"invalid, then number in the vault", append(append(slices.Clone(batch[:150]), invalid), takenNumber), true},
		{"invalid, then id twice", append(append(slices.Clone(batch[:100]), invalid), batch[:100]...), true},
		{"id twice", append(slices.Clone(batch[:100]), batch[50]), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := v.AddAll(ctx, tt.cases)
			if got := err != nil && !errors.Is(err, vault.ErrExists); got != tt.invalid || err == nil {
				t.Fatalf("got %v, want invalid %v", err, tt.invalid)
			}
			if n := v.Info().Cases; n != 1 {
				t.Fatalf("vault holds %d cases, want 1", n)
			}
			if n := v.Index().Len(); n != 1 {
				t.Fatalf("index holds %d cases, want 1", n)
			}
		})
	}
}
