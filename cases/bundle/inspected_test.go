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
	in := &incoming{ob: &Opened{Manifest: &Manifest{}, Raw: raw}, cases: []cases.Case{c}}
	keepInspected(vs[0], in)
	if takeInspected(vs[1], raw) != nil {
		t.Error("another vault got the inspection")
	}
	if got := takeInspected(vs[0], raw); got == nil || len(got.cases) != 1 || got.cases[0].ID != c.ID {
		t.Fatalf("inspection not kept: %+v", got)
	}
	if takeInspected(vs[0], raw) != nil {
		t.Error("inspection used twice")
	}
	keepInspected(vs[0], in)
	if takeInspected(vs[0], []byte(`{"format":"kintrace-bundle/1" }`)) != nil {
		t.Error("inspection used for another manifest")
	}
	if takeInspected(vs[0], raw) != nil {
		t.Error("a miss must forget the inspection")
	}
	keepInspected(vs[0], in)
	vs[0].Lock()
	if left := vs[0].Recall(inspectedKey{}); left != nil {
		t.Error("Lock left the inspected cases in memory")
	}
	// Too much JSON is not kept.
	big := &incoming{ob: &Opened{Raw: raw, Manifest: &Manifest{Entries: []ManifestEntry{
		{Name: entryCases, Size: maxInspectedJSON}, {Name: entryHistory, Size: 1}}}}}
	keepInspected(vs[1], big)
	if takeInspected(vs[1], raw) != nil {
		t.Error("kept the decoding of more than maxInspectedJSON")
	}
}
