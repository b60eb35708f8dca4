package patterns_test

import (
	"context"
	"errors"
	"testing"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/patterns"
)

// DuplicatesOf finds for one case the pairs FindDuplicates finds over all,
// with the same scores.
func TestDuplicatesOfAgreesWithFindDuplicates(t *testing.T) {
	var os []cases.Overview
	for _, c := range casegen.Generate(400, 7) {
		os = append(os, c.Overview())
	}
	all, err := patterns.FindDuplicates(ctx, os, patterns.DupeOptions{MinScore: 40})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("no pairs in the generated cases")
	}
	byID := map[string]cases.Overview{}
	for _, o := range os {
		byID[o.ID] = o
	}
	for _, d := range all[:min(len(all), 40)] {
		ds, err := patterns.DuplicatesOf(ctx, byID[d.A.ID], os, patterns.DupeOptions{MinScore: 40})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, x := range ds {
			if x.A.ID != d.A.ID || x.B.ID == d.A.ID {
				t.Fatalf("pair %+v of %s", x, d.A.ID)
			}
			if x.B.ID == d.B.ID {
				found = true
				if x.Score != d.Score {
					t.Errorf("%s+%s: score %d, FindDuplicates %d", d.A.Number, d.B.Number, x.Score, d.Score)
				}
			}
		}
		if !found {
			t.Errorf("DuplicatesOf(%s) lacks %s (score %d)", d.A.Number, d.B.Number, d.Score)
		}
	}
}

func TestDuplicatesOfNewCase(t *testing.T) {
	os := []cases.Overview{
		{ID: "A", Number: "KT-1", Name: "Сергей Павлович Лебедев", BirthYear: 1987, Facility: "ИК-17, Мордовия"},
		{ID: "B", Number: "KT-2", Name: "Иван Петров", BirthYear: 1990},
		{ID: "C", Number: "KT-3", Name: "Serhiy Lebedev", BirthYear: 1987, MergedInto: "A"},
	}
	c := cases.Case{Person: cases.Person{Name: "Lebedev Seryozha", BirthDate: "1987"}}.Overview()
	ds, err := patterns.DuplicatesOf(ctx, c, os, patterns.DupeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].B.Number != "KT-1" || ds[0].Score < patterns.DefaultMinScore {
		t.Fatalf("got %+v, want KT-1 only", ds)
	}
	// Its own saved version is no duplicate; a pair marked not the same is left out.
	if ds, _ := patterns.DuplicatesOf(ctx, os[0], os, patterns.DupeOptions{}); len(ds) != 0 {
		t.Errorf("KT-1 against the vault: %+v", ds)
	}
	c.ID = "N"
	if ds, _ := patterns.DuplicatesOf(ctx, c, os, patterns.DupeOptions{NotSame: map[string]bool{patterns.PairKey("N", "A"): true}}); len(ds) != 0 {
		t.Errorf("not-same pair suggested: %+v", ds)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := patterns.DuplicatesOf(cctx, c, os, patterns.DupeOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
