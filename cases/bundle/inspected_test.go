package bundle

import (
	"context"
	"path/filepath"
	"testing"

	"kintrace/cases"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// TestInspectedKeptOnce checks the bookkeeping of the JSON kept between
// inspecting and importing a bundle: it is found only for the same vault
// and the same signed manifest, only once, and Lock drops it.
func TestInspectedKeptOnce(t *testing.T) {
	defer crypto.UseInsecureKDFForTests()()
	ctx := context.Background()
	var vs [2]*vault.Vault
	for i := range vs {
		v, _, err := vault.Create(filepath.Join(t.TempDir(), "v.kintrace"), []byte("correct horse battery staple"), vault.CreateOptions{Owner: "test"})
		if err != nil {
			t.Fatal(err)
		}
		defer v.Close()
		vs[i] = v
	}
	c, err := vs[0].Add(ctx, cases.Case{Person: cases.Person{Name: "Иван Петров"}, Status: "open"})
	if err != nil {
		t.Fatal(err)
	}
	raw := []byte(`{"format":"kintrace-bundle/1"}`)
	// keep and take run keepInspected and takeInspected as Inspect and
	// Import do: inside a transaction of the vault.
	keep := func(v *vault.Vault, in *incoming) {
		t.Helper()
		if err := v.ReadTx(ctx, func(tx *vault.Tx) error { keepInspected(tx, in); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	take := func(v *vault.Vault, raw []byte) (got *incoming) {
		t.Helper()
		if err := v.ReadTx(ctx, func(tx *vault.Tx) error { got = takeInspected(tx, raw); return nil }); err != nil {
			t.Fatal(err)
		}
		return got
	}
	in := &incoming{ob: &Opened{Manifest: &Manifest{}, Raw: raw}, cases: []cases.Case{c}}
	keep(vs[0], in)
	if take(vs[1], raw) != nil {
		t.Error("another vault got the inspection")
	}
	if got := take(vs[0], raw); got == nil || len(got.cases) != 1 || got.cases[0].ID != c.ID {
		t.Fatalf("inspection not kept: %+v", got)
	}
	if take(vs[0], raw) != nil {
		t.Error("inspection used twice")
	}
	keep(vs[0], in)
	if take(vs[0], []byte(`{"format":"kintrace-bundle/1" }`)) != nil {
		t.Error("inspection used for another manifest")
	}
	if take(vs[0], raw) != nil {
		t.Error("a miss must forget the inspection")
	}
	keep(vs[0], in)
	vs[0].Lock()
	if err := vs[0].Unlock(ctx, []byte("correct horse battery staple"), nil); err != nil {
		t.Fatal(err)
	}
	if left := take(vs[0], raw); left != nil {
		t.Error("Lock left the inspected cases in memory")
	}
	// Too much JSON is not kept.
	big := &incoming{ob: &Opened{Raw: raw, Manifest: &Manifest{Entries: []ManifestEntry{
		{Name: entryCases, Size: maxInspectedJSON}, {Name: entryHistory, Size: 1}}}}}
	keep(vs[1], big)
	if take(vs[1], raw) != nil {
		t.Error("kept the decoding of more than maxInspectedJSON")
	}
}
