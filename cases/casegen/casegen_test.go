package casegen_test

import (
	"slices"
	"testing"

	"kintrace/cases"
	"kintrace/cases/casegen"
)

func TestGenerateCases(t *testing.T) {
	a, b := casegen.Generate(300, 42), casegen.Generate(300, 42)
	if !slices.EqualFunc(a, b, func(x, y cases.Case) bool { return x.ID == y.ID && x.Person.Name == y.Person.Name }) {
		t.Fatal("same seed gave different cases")
	}
	if c := casegen.Generate(1, 43); c[0].Person.Name == a[0].Person.Name && c[0].Events[0].Text == a[0].Events[0].Text &&
		c[0].Person.Phones[0] == a[0].Person.Phones[0] {
		t.Error("another seed gave the same case")
	}
	var cyrillic, latin, facility, unit int
	for i, c := range a {
		if err := c.Validate(); err != nil {
			t.Fatalf("generated case %d invalid: %v", i, err)
		}
		if c.Person.Name[0] < 0x80 {
			latin++
		} else {
			cyrillic++
		}
		if c.Person.Facility != "" {
			facility++
		}
		if c.Person.Unit != "" {
			unit++
		}
	}
	if cyrillic < 100 || latin < 30 || facility < 100 || unit < 50 {
		t.Errorf("unrealistic mix: %d Cyrillic, %d Latin names, %d in colonies, %d in units", cyrillic, latin, facility, unit)
	}
	data, err := cases.EncodeCases(a)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cases.DecodeCases(data); err != nil {
		t.Fatalf("generated cases do not decode: %v", err)
	}
}
