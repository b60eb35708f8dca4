package vault_test

import (
	"context"
	"testing"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/search"
	"kintrace/cases/vault/vaulttest"
)

// TestAddAllProgress: progress grows to the total, ends at it once the
// cases are stored, and hears nothing of a batch that fails.
func TestAddAllProgress(t *testing.T) {
	v, _, _ := vaulttest.New(t)
	cs := casegen.Generate(200, 5)
	var seen []int
	added, err := v.AddAllProgress(context.Background(), cs, func(done, total int) {
		if total != len(cs) || done > total || len(seen) > 0 && done < seen[len(seen)-1] {
			t.Errorf("progress %d of %d after %v", done, total, seen)
		}
		seen = append(seen, done)
	})
	if err != nil || len(added) != len(cs) {
		t.Fatalf("AddAllProgress: %v", err)
	}
	if len(seen) < 4 || seen[0] != 64 || seen[len(seen)-1] != len(cs) {
		t.Fatalf("progress calls: %v", seen)
	}
	if n := len(v.Search(search.Query{})); n != len(cs) {
		t.Fatalf("%d cases stored", n)
	}
	bad := append(casegen.Generate(100, 6), cases.Case{Person: cases.Person{Name: "no status"}})
	_, err = v.AddAllProgress(context.Background(), bad, func(done, total int) {
		if done == total {
			t.Errorf("a failing batch reported completion")
		}
	})
	if err == nil {
		t.Fatal("a batch with an invalid case was stored")
	}
}
