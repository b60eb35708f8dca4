package search_test

import (
	"fmt"
	"slices"
	"testing"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/search"
)

// TestPutAllSameAsPut checks that PutAll builds exactly the index that Put
// builds for the same overviews one by one: words, posting lists, byte and
// byte-pair sets, entries and facets, also when it replaces cases already
// indexed, reuses the slots of removed ones and meets an id twice.
func TestPutAllSameAsPut(t *testing.T) {
	gen := casegen.Generate(3000, 11)
	os := make([]cases.Overview, len(gen))
	for i, c := range gen {
		os[i] = c.Overview()
	}
	edited := func(o cases.Overview, n int) cases.Overview {
		o.Version += int64(n)
		o.Name = fmt.Sprintf("Сергій Ткаченко %d", n)
		o.Texts = append(slices.Clone(o.Texts), "Serhiy 8 (912) 555-01-23", "")
		o.Tags = nil
		return o
	}
	type step struct {
		before []cases.Overview // Put first
		remove []string         // then removed
		batch  []cases.Overview // then PutAll or Put one by one
	}
	steps := map[string]step{
		"empty":      {batch: os},
		"small":      {batch: os[:3]},
		"one worker": {batch: os[:300]},
		"replace": {
			before: os[:1000],
			remove: []string{os[10].ID, os[500].ID, os[999].ID},
			batch:  append(append([]cases.Overview{edited(os[20], 1), edited(os[10], 1)}, os[1000:2500]...), edited(os[20], 2), edited(os[1200], 3), edited(os[1200], 4)),
		},
	}
	for name, s := range steps {
		t.Run(name, func(t *testing.T) {
			bulk, one := search.NewIndex(), search.NewIndex()
			for _, ix := range []*search.Index{bulk, one} {
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
			if err := bulk.SameAs(one); err != nil {
				t.Fatal(err)
			}
		})
	}
}
