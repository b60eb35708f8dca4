package assets_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"testing"
	"unicode"

	"kintrace/assets"
	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/search"
)

// The demo vault holds later, thinner reports of two of its people, so
// that "Possible duplicates" and the merge view have something to show;
// in each pair the case worked on longer is the fuller.
func TestDemoDuplicates(t *testing.T) {
	cs, err := cases.DecodeCases(assets.DemoCases)
	if err != nil {
		t.Fatal(err)
	}
	var os []cases.Overview
	for i, c := range cs {
		c.ID, c.Number = fmt.Sprintf("id%02d", i), fmt.Sprintf("KT-%02d", i)
		cs[i] = c
		os = append(os, c.Overview())
	}
	ds, err := patterns.FindDuplicates(context.Background(), os, patterns.DupeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) < 2 {
		t.Fatalf("the demo has %d likely duplicate pairs, want 2", len(ds))
	}
	byID := map[string]cases.Case{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	for _, d := range ds {
		older, newer := byID[d.A.ID], byID[d.B.ID] // A has the smaller number: added first
		if !cases.KeepFirst(older, newer, 0, 0) {
			t.Errorf("%s and %s: the later report is the fuller", older.Person.Name, newer.Person.Name)
		}
	}
}

func TestDemoCases(t *testing.T) {
	cs, err := cases.DecodeCases(assets.DemoCases)
	if err != nil {
		t.Fatalf("demo/cases.json does not decode: %v", err)
	}
	if len(cs) < 12 {
		t.Fatalf("demo has %d cases, want a dozen", len(cs))
	}
	accountant := map[string]int{} // normalised number -> cases mentioning it
	facilities := map[string]int{}
	for i, c := range cs {
		if c.ID != "" || c.Number != "" {
			t.Errorf("case %d sets id or number; the vault assigns them", i)
		}
		if !hasCyrillic(c.Person.Name) {
			t.Errorf("case %d: name %q is not in Cyrillic", i, c.Person.Name)
		}
		latin := false
		for _, a := range c.Person.Aliases {
			latin = latin || !hasCyrillic(a)
		}
		if !latin {
			t.Errorf("case %d: no Latin alias for %q", i, c.Person.Name)
		}
		seen := map[string]bool{}
		for _, e := range c.Events {
			if e.From != "" {
				seen[cases.NormalizePhone(e.From)] = true
			}
		}
		for n := range seen {
			accountant[n]++
		}
		facilities[search.Fold(c.Person.Facility)]++
	}
	shared, formats := 0, map[string]bool{}
	for n, k := range accountant {
		if k >= 3 {
			shared++
			for _, c := range cs {
				for _, e := range c.Events {
					if e.From != "" && cases.NormalizePhone(e.From) == n {
						formats[e.From] = true
					}
				}
			}
		}
	}
	if shared == 0 {
		t.Error("no phone number links three or more demo cases")
	}
	if len(formats) < 3 {
		t.Errorf("the shared numbers are written in %d ways, want several (%v)", len(formats), formats)
	}
	most := 0
	for f, k := range facilities {
		if f != "" {
			most = max(most, k)
		}
	}
	if most < 3 {
		t.Errorf("no colony is shared by three or more demo cases")
	}
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

func TestIcon(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(assets.Icon))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Errorf("icon is %v, want 512×512", b)
	}
}
