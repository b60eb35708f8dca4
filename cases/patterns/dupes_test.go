package patterns_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/patterns"
)

var ctx = context.Background()

func TestFindDuplicatesCancel(t *testing.T) {
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	var os []cases.Overview
	for _, c := range casegen.Generate(200, 3) {
		os = append(os, c.Overview())
	}
	if _, err := patterns.FindDuplicates(cctx, os, patterns.DupeOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	ds, err := patterns.FindDuplicates(ctx, os, patterns.DupeOptions{Limit: 5, MinScore: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 5 {
		t.Errorf("Limit 5: got %d", len(ds))
	}
	if !slices.IsSortedFunc(ds, func(a, b patterns.Duplicate) int { return b.Score - a.Score }) {
		t.Error("not best first")
	}
}

func FuzzFindDuplicates(f *testing.F) {
	f.Add("Сергей Павлович Лебедев", "Serhiy Lebedev", 1987, 1987, "+7 912 555-01-23")
	f.Add("S. Lebedev", "Лебедев Серёжа", 0, 1990, "@x")
	f.Add("", "a b c d e f", -1, 3000, "")
	f.Fuzz(func(t *testing.T, a, b string, ya, yb int, phone string) {
		os := []cases.Overview{
			{ID: "A", Number: "KT-1", Name: a, Aliases: []string{b}, BirthYear: ya, Phones: []string{phone}, Facility: a},
			{ID: "B", Number: "KT-2", Name: b, Aliases: []string{a}, BirthYear: yb, Phones: []string{phone}, Unit: b},
		}
		ds, err := patterns.FindDuplicates(ctx, os, patterns.DupeOptions{MinScore: -1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			if d.Score > 100 || d.A.ID == d.B.ID {
				t.Fatalf("bad suggestion %+v", d)
			}
		}
	})
}
