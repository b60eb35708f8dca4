package patterns_test

import (
	"strings"
	"testing"

	"kintrace/cases"
	"kintrace/cases/patterns"
)

// TestFindDuplicatesInvolving: with Involving, only the pairs that hold an
// involved case are suggested (a sheet's rows, not the vault's own pairs).
func TestFindDuplicatesInvolving(t *testing.T) {
	o := func(id, name string) cases.Overview {
		return cases.Overview{ID: id, Number: id, Name: name, BirthYear: 1980, Facility: "ИК-2"}
	}
	os := []cases.Overview{
		o("A", "Морозов Юрий Петрович"), o("B", "Morozov Yuri"), // a stored pair
		o("C", "Шевчук Ігор"), o("row:0", "Shevchuk Ihor"), // a row and a stored case
		o("row:1", "Морозов Юрий"),
	}
	all, err := patterns.FindDuplicates(ctx, os, patterns.DupeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	only, err := patterns.FindDuplicates(ctx, os, patterns.DupeOptions{Involving: func(id string) bool { return strings.HasPrefix(id, "row:") }})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(only)+1 {
		t.Fatalf("without Involving %d pairs, with it %d; want one fewer", len(all), len(only))
	}
	for _, d := range only {
		if !strings.HasPrefix(d.A.ID, "row:") && !strings.HasPrefix(d.B.ID, "row:") {
			t.Errorf("a pair without a row: %s %s", d.A.ID, d.B.ID)
		}
	}
}
