package search

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
)

// Check rebuilds the index one Put at a time from the overviews it holds,
// in its own slot order, and reports the first way ix differs from the
// rebuilt index: words, posting lists, byte and byte-pair sets, entries,
// facets and search results. The bulk paths (PutAll, PutBatch, PutOwned)
// must build exactly what Put builds; tests use Check to hold them to it.
// It must not run concurrently with a write to ix.
func (ix *Index) Check() error {
	want := NewIndex()
	for _, e := range ix.entries {
		want.Put(*e.o)
	}
	return ix.SameAs(want)
}

// SameAs reports the first way ix differs from want (see Check), or nil
// when the two hold the same cases in the same slots the same way. It must
// not run concurrently with a write to either.
func (a *Index) SameAs(b *Index) error {
	if a.live != b.live || len(a.entries) != len(b.entries) || !reflect.DeepEqual(a.byID, b.byID) {
		return fmt.Errorf("live %d/%d, slots %d/%d", a.live, b.live, len(a.entries), len(b.entries))
	}
	for i := range a.entries {
		if !reflect.DeepEqual(a.entries[i], b.entries[i]) {
			return fmt.Errorf("slot %d differs:\n%+v\n%+v", i, a.entries[i], b.entries[i])
		}
	}
	postings := func(ix *Index) (map[string][]int32, error) {
		m := map[string][]int32{}
		for w, id := range ix.words {
			if len(ix.postings[id]) > 0 {
				m[w] = slices.Clone(ix.postings[id])
			}
			if got := string(ix.dict[ix.starts[id] : int(ix.starts[id])+len(w)]); got != w {
				return nil, fmt.Errorf("dict holds %q for %q", got, w)
			}
		}
		return m, nil
	}
	pa, err := postings(a)
	if err != nil {
		return err
	}
	pb, err := postings(b)
	if err != nil {
		return err
	}
	if len(pa) != len(pb) {
		return fmt.Errorf("%d words with cases, want %d", len(pa), len(pb))
	}
	for w, s := range pb {
		if !slices.Equal(pa[w], s) {
			return fmt.Errorf("word %q: cases %v, want %v", w, pa[w], s)
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
			return fmt.Errorf("byte %q set differs", rune(i))
		}
	}
	for i := range a.grams2 {
		if !same(a.grams2[i], b.grams2[i]) {
			return fmt.Errorf("byte pair %q set differs", []byte{byte(i >> 8), byte(i)})
		}
	}
	if !same(a.merged, b.merged) {
		return errors.New("merged set differs")
	}
	if !reflect.DeepEqual(a.Facets(), b.Facets()) {
		return errors.New("facets differ")
	}
	for _, q := range []Query{{Text: "серг"}, {Text: "ik 17"}, {Text: "555"}, {Text: "a"}, {Limit: 50, Sort: SortUpdated}} {
		if !reflect.DeepEqual(a.Search(q), b.Search(q)) {
			return fmt.Errorf("%+v: results differ", q)
		}
	}
	return nil
}
