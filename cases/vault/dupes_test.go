package vault_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
)

// dupeCase is a bare case with a name, birth year and facility.
func dupeCase(name string, year int, facility string, phones ...string) cases.Case {
	c := cases.Case{Status: "open", Person: cases.Person{Name: name, Facility: facility, Phones: phones}}
	if year > 0 {
		c.Person.BirthDate = cases.YearDate(year)
	}
	return c
}

func reasonKinds(rs []patterns.Reason) string {
	var out []string
	for _, r := range rs {
		out = append(out, string(r.Kind))
	}
	return strings.Join(out, ",")
}

func TestDuplicatesAcrossScripts(t *testing.T) {
	v, path, _ := vaulttest.New(t)
	in := []cases.Case{
		0:  dupeCase("Сергей Павлович Лебедев", 1987, "ИК-17, Мордовия"),
		1:  dupeCase("Serhiy Lebedev", 1987, "IK17"),
		2:  dupeCase("Саша Коваленко", 1990, ""),
		3:  dupeCase("Kovalenko Oleksandr", 1990, ""),
		4:  dupeCase("Андрей Лебедев", 1987, "ИК-17, Мордовия"),     // another first name
		5:  dupeCase("Павел Морозов", 1980, "", "+7 912 555-01-23"), // a birth year too far
		6:  dupeCase("Pavel Morozov", 1991, "", "8 (912) 555-01-23"),
		7:  dupeCase("Лебедев Серёжа", 0, "", "+380 67 123 4567"), // short form, word order, shared number
		8:  dupeCase("S. Lebedev", 0, "", "067 123 45 67"),
		9:  dupeCase("Тарас Шевчук", 0, "IK-17 Mordovia"), // name alone is not enough
		10: dupeCase("Taras Shevchuk", 0, ""),
	}
	added, err := v.AddAll(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]int{}
	for i, c := range added {
		idx[c.ID] = i
	}
	pairs := func(ds []patterns.Duplicate) map[string]string {
		out := map[string]string{}
		for _, d := range ds {
			a, b := idx[d.A.ID], idx[d.B.ID]
			if a > b {
				a, b = b, a
			}
			out[fmt.Sprintf("%d-%d", a, b)] = fmt.Sprintf("%d:%s", d.Score, reasonKinds(d.Reasons))
		}
		return out
	}
	var progressed bool
	ds, err := v.Duplicates(ctx, patterns.DupeOptions{Progress: func(done, total int) { progressed = done == total }})
	if err != nil {
		t.Fatal(err)
	}
	if !progressed {
		t.Error("progress never reported the end")
	}
	got := pairs(ds)
	// Only these pairs are suggested. Not suggested: 0-7 and 1-7 (name
	// only), 0-4 (Андрей is not Сергей), 5-6 (same name and number but
	// eleven years apart: 45), 9-10 (name only: 50).
	want := map[string]string{
		"0-1": "90:short_form,same_birth_year,same_facility", // Сергей = Serhiy
		"2-3": "75:short_form,same_birth_year",               // Саша = Oleksandr
		"7-8": "65:initial,shared_phone",                     // S. = Серёжа, +380…
	}
	if len(got) != len(want) {
		t.Errorf("suggested %v, want %v", got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("pair %s: got %q, want %q", k, got[k], w)
		}
	}
	// Best first.
	for i := 1; i < len(ds); i++ {
		if ds[i].Score > ds[i-1].Score {
			t.Errorf("suggestion %d scores %d after %d", i, ds[i].Score, ds[i-1].Score)
		}
	}

	// "Not the same person" is remembered, across unlocks.
	if err := v.MarkNotSame(ctx, added[2].Number, added[3].ID); err != nil {
		t.Fatal(err)
	}
	v = vaulttest.Reopen(t, v, path)
	ds, err = v.Duplicates(ctx, patterns.DupeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := pairs(ds)["2-3"]; ok {
		t.Error("a pair marked not the same person is suggested again")
	}
	if err := v.UnmarkNotSame(ctx, added[3].ID, added[2].ID); err != nil {
		t.Fatal(err)
	}
	ds, _ = v.Duplicates(ctx, patterns.DupeOptions{})
	if _, ok := pairs(ds)["2-3"]; !ok {
		t.Error("after unmarking, the pair is not suggested")
	}
	if err := v.MarkNotSame(ctx, added[2].ID, added[2].Number); !errors.Is(err, vault.ErrSameCase) {
		t.Errorf("MarkNotSame of a case with itself: %v", err)
	}

	// A merged case is no longer suggested.
	if _, _, err := v.Merge(ctx, added[1].ID, added[0].ID); err != nil {
		t.Fatal(err)
	}
	ds, _ = v.Duplicates(ctx, patterns.DupeOptions{})
	if _, ok := pairs(ds)["0-1"]; ok {
		t.Error("a merged pair is still suggested")
	}
}
