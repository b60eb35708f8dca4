package cases

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"kintrace/crypto"
)

// TestPutAllSameAsPut checks that PutAll builds exactly the index that Put
// builds for the same overviews one by one: words, posting lists, byte and
// byte-pair sets, entries and facets, also when it replaces cases already
// indexed, reuses the slots of removed ones and meets an id twice.
func TestPutAllSameAsPut(t *testing.T) {
	gen := GenerateCases(3000, 11)
	os := make([]Overview, len(gen))
	for i, c := range gen {
		os[i] = c.Overview()
	}
	edited := func(o Overview, n int) Overview {
		o.Version += int64(n)
		o.Name = fmt.Sprintf("Сергій Ткаченко %d", n)
		o.Texts = append(slices.Clone(o.Texts), "Serhiy 8 (912) 555-01-23", "")
		o.Tags = nil
		return o
	}
	type step struct {
		before []Overview // Put first
		remove []string   // then removed
		batch  []Overview // then PutAll or Put one by one
	}
	steps := map[string]step{
		"empty":      {batch: os},
		"small":      {batch: os[:3]},
		"one worker": {batch: os[:300]},
		"replace": {
			before: os[:1000],
			remove: []string{os[10].ID, os[500].ID, os[999].ID},
			batch:  append(append([]Overview{edited(os[20], 1), edited(os[10], 1)}, os[1000:2500]...), edited(os[20], 2), edited(os[1200], 3), edited(os[1200], 4)),
		},
	}
	for name, s := range steps {
		t.Run(name, func(t *testing.T) {
			bulk, one := NewIndex(), NewIndex()
			for _, ix := range []*Index{bulk, one} {
				for _, o := range s.before {
					ix.Put(o)
				}
				for _, id := range s.remove {
					ix.Remove(id)
				}
			}
			bulk.PutAll(s.batch)
			for _, o := range s.batch {
				one.Put(o)
			}
			compareIndexes(t, bulk, one)
		})
	}
}

func compareIndexes(t *testing.T, a, b *Index) {
	t.Helper()
	if a.live != b.live || len(a.entries) != len(b.entries) || !reflect.DeepEqual(a.byID, b.byID) {
		t.Fatalf("live %d/%d, slots %d/%d", a.live, b.live, len(a.entries), len(b.entries))
	}
	for i := range a.entries {
		if !reflect.DeepEqual(a.entries[i], b.entries[i]) {
			t.Fatalf("slot %d differs:\n%+v\n%+v", i, a.entries[i], b.entries[i])
		}
	}
	postings := func(ix *Index) map[string][]int32 {
		m := map[string][]int32{}
		for w, id := range ix.words {
			if len(ix.postings[id]) > 0 {
				m[w] = slices.Clone(ix.postings[id])
			}
			if got := string(ix.dict[ix.starts[id] : int(ix.starts[id])+len(w)]); got != w {
				t.Fatalf("dict holds %q for %q", got, w)
			}
		}
		return m
	}
	pa, pb := postings(a), postings(b)
	if len(pa) != len(pb) {
		t.Fatalf("%d words with cases, want %d", len(pa), len(pb))
	}
	for w, s := range pb {
		if !slices.Equal(pa[w], s) {
			t.Fatalf("word %q: cases %v, want %v", w, pa[w], s)
		}
	}
	same := func(x, y bitset) bool {
		n := max(len(x), len(y))
		for i := range n {
			var u, v uint64
			if i < len(x) {
				u = x[i]
			}
			if i < len(y) {
				v = y[i]
			}
			if u != v {
				return false
			}
		}
		return true
	}
	for i := range a.grams1 {
		if !same(a.grams1[i], b.grams1[i]) {
			t.Fatalf("byte %q set differs", rune(i))
		}
	}
	for i := range a.grams2 {
		if !same(a.grams2[i], b.grams2[i]) {
			t.Fatalf("byte pair %q set differs", []byte{byte(i >> 8), byte(i)})
		}
	}
	if !same(a.merged, b.merged) {
		t.Fatal("merged set differs")
	}
	if !reflect.DeepEqual(a.Facets(), b.Facets()) {
		t.Fatal("facets differ")
	}
	for _, q := range []Query{{Text: "серг"}, {Text: "ik 17"}, {Text: "555"}, {Text: "a"}, {Limit: 50, Sort: SortUpdated}} {
		if !reflect.DeepEqual(a.Search(q), b.Search(q)) {
			t.Fatalf("%+v: results differ", q)
		}
	}
}

// TestUnlockBuildsSameIndexAsPut unlocks a vault and checks its index
// against one built by Put from the same overviews in the same slots, and
// every overview against the case it came from.
func TestUnlockBuildsSameIndexAsPut(t *testing.T) {
	defer crypto.UseInsecureKDFForTests()()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.kintrace")
	pass := []byte("correct horse battery staple")
	v, _, err := CreateVault(path, pass, CreateOptions{Owner: "test"})
	if err != nil {
		t.Fatal(err)
	}
	added, err := v.AddAll(ctx, GenerateCases(1500, 7))
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
	want := NewIndex()
	for _, e := range v.index.entries {
		want.Put(*e.o)
	}
	compareIndexes(t, v.index, want)
}
