package vault_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/search"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
)

// content is a case without its bookkeeping (version, save time and
// author), the part a merge followed by an undo must restore exactly.
func content(c cases.Case) cases.Case {
	c.Version, c.UpdatedAt, c.UpdatedBy = 0, time.Time{}, ""
	return c
}

func mergePair() (cases.Case, cases.Case) {
	a := vaulttest.SampleCase("Серёжа Лебедев")
	a.Person.Aliases = []string{"Seryozha"}
	a.Person.BirthDate = "1987"
	a.Person.Phones = []string{"8 (912) 555-01-23", "+7 900 111-22-33"}
	a.Person.Handles = []cases.Handle{{Channel: "telegram", Value: "@Lebedev87"}}
	a.Tags = []string{"recruitment", "new-number"}
	a.Reporters = []cases.Reporter{{Name: "Оксана", Relation: "half-sister", Consent: "internal"}}
	a.Events = append(a.Events, cases.Event{Date: "2022-06-01", Type: "recruitment_visit", Source: "reporter", Verification: "corroborated"})
	a.Promises = []cases.Promise{{What: "pardon after six months", By: "recruiters"}}
	a.Notes = "Sister reported first."

	b := vaulttest.SampleCase("Sergei Lebedev")
	b.Person.Aliases = nil
	b.Person.Features = "tattoo of an anchor"
	b.Reporters = []cases.Reporter{{Name: "Мать", Relation: "mother", Consent: "partners"}}
	b.Places = []cases.Place{{Date: "2022-07-10", Name: "training ground, Rostov Oblast", Kind: "training_ground"}}
	b.Notes = "Mother reported later."
	return a, b
}

func TestMergeThenUndoRestoresBoth(t *testing.T) {
	v, path, _ := vaulttest.New(t)
	a0, b0 := mergePair()
	added, err := v.AddAll(ctx, []cases.Case{a0, b0})
	if err != nil {
		t.Fatal(err)
	}
	a1, b1 := added[0], added[1]

	fromCase, intoCase, err := v.Merge(ctx, a1.Number, b1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if fromCase.Version != a1.Version+1 || intoCase.Version != b1.Version+1 {
		t.Errorf("versions after merge: %d, %d", fromCase.Version, intoCase.Version)
	}
	// A is unchanged but marked.
	if fromCase.MergedInto != b1.ID {
		t.Errorf("A.MergedInto = %q", fromCase.MergedInto)
	}
	marked := content(a1)
	marked.MergedInto = b1.ID
	if !reflect.DeepEqual(content(fromCase), marked) {
		t.Errorf("A changed beyond merged_into:\n%+v\n%+v", content(fromCase), marked)
	}
	// B holds the union.
	p := intoCase.Person
	if !slices.Equal(p.Aliases, []string{"Серёжа Лебедев", "Seryozha"}) {
		t.Errorf("aliases %q", p.Aliases)
	}
	if !slices.Equal(p.Phones, []string{"+7 912 555-01-23", "+7 900 111-22-33"}) {
		t.Errorf("phones %q (the same number written twice must appear once)", p.Phones)
	}
	if len(p.Handles) != 1 || p.BirthDate != "1987" || p.Features != "tattoo of an anchor" {
		t.Errorf("person %+v", p)
	}
	if len(intoCase.Reporters) != 2 || len(intoCase.Events) != 2 || len(intoCase.Places) != 1 || len(intoCase.Promises) != 1 {
		t.Errorf("reporters %d events %d places %d promises %d, want 2 2 1 1",
			len(intoCase.Reporters), len(intoCase.Events), len(intoCase.Places), len(intoCase.Promises))
	}
	if intoCase.Events[0].Date != "2022-06-01" {
		t.Errorf("events not in date order: %v", intoCase.Events)
	}
	if !slices.Equal(intoCase.Tags, []string{"recruitment", "new-number"}) || !slices.Equal(intoCase.MergedFrom, []string{a1.ID}) {
		t.Errorf("tags %q merged_from %q", intoCase.Tags, intoCase.MergedFrom)
	}
	if intoCase.Notes != "Mother reported later.\n\nSister reported first." {
		t.Errorf("notes %q", intoCase.Notes)
	}
	// A leaves the default list, and the merge is in both histories.
	for _, o := range v.Search(search.Query{}) {
		if o.ID == a1.ID {
			t.Error("merged case still in the default list")
		}
	}
	if n := len(v.Search(search.Query{Merged: true})); n != 2 {
		t.Errorf("list with merged cases: %d, want 2", n)
	}
	hist, err := v.History(ctx, b1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := hist[len(hist)-1]; !slices.Contains(last.Changed, "merged_from") {
		t.Errorf("B's history does not show the merge: %v", last.Changed)
	}
	if _, _, err := v.Merge(ctx, a1.ID, b1.ID); !errors.Is(err, vault.ErrAlreadyMerged) {
		t.Errorf("merging again: %v", err)
	}

	// Undo, after a reopen: both come back exactly, as new versions.
	v = vaulttest.Reopen(t, v, path)
	ra, rb, err := v.UndoMerge(ctx, b1.Number)
	if err != nil {
		t.Fatal(err)
	}
	if ra.Version != a1.Version+2 || rb.Version != b1.Version+2 {
		t.Errorf("versions after undo: %d, %d", ra.Version, rb.Version)
	}
	for _, tc := range []struct {
		name      string
		got, want cases.Case
	}{{"A", ra, a1}, {"B", rb, b1}} {
		stored, err := v.Get(ctx, tc.want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(content(tc.got), content(tc.want)) || !reflect.DeepEqual(content(stored), content(tc.want)) {
			t.Errorf("%s after undo:\n got %+v\nwant %+v", tc.name, content(stored), content(tc.want))
		}
	}
	if n := len(v.Search(search.Query{})); n != 2 {
		t.Errorf("after undo the list shows %d cases, want 2", n)
	}
	if _, _, err := v.UndoMerge(ctx, b1.ID); !errors.Is(err, vault.ErrNoMerge) {
		t.Errorf("second undo: %v", err)
	}
	merges, err := v.Merges(ctx)
	if err != nil || len(merges) != 1 || merges[0].UndoneAt.IsZero() {
		t.Errorf("merge records %+v, %v", merges, err)
	}
}

func TestUndoMergeRefusesAfterEdit(t *testing.T) {
	v, _, _ := vaulttest.New(t)
	a0, b0 := mergePair()
	added, err := v.AddAll(ctx, []cases.Case{a0, b0})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.Merge(ctx, added[0].ID, added[0].ID); !errors.Is(err, vault.ErrSameCase) {
		t.Errorf("merge with itself: %v", err)
	}
	_, b, err := v.Merge(ctx, added[0].ID, added[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	b.Notes = "edited after the merge"
	if _, err := v.Update(ctx, b); err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.UndoMerge(ctx, added[0].ID); !errors.Is(err, vault.ErrConflict) {
		t.Errorf("undo after an edit: %v, want ErrConflict", err)
	}
}

func TestMergedCaseLeavesLinks(t *testing.T) {
	v, _, _ := vaulttest.New(t)
	a0, b0 := mergePair()
	c0 := vaulttest.SampleCase("Иван Петров") // shares IK-17, Mordovia and the numbers
	added, err := v.AddAll(ctx, []cases.Case{a0, b0, c0})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.Merge(ctx, added[0].ID, added[1].ID); err != nil {
		t.Fatal(err)
	}
	for _, l := range v.Identifiers().Links(added[2].ID) {
		for _, c := range l.Cases {
			if c.ID == added[0].ID {
				t.Errorf("link by %s to the merged case", l.Ident.Kind)
			}
		}
	}
	for _, s := range v.Identifiers().Shared(patterns.SharedQuery{}) {
		if s.Count > 2 {
			t.Errorf("%s counted %d cases, merged one included", s.Ident.Kind, s.Count)
		}
	}
}

func TestUndoTwoMergesLatestFirst(t *testing.T) {
	v, _, _ := vaulttest.New(t)
	a0, b0 := mergePair()
	c0 := vaulttest.SampleCase("Сергей Лебедев")
	c0.Notes = "a third report"
	added, err := v.AddAll(ctx, []cases.Case{a0, b0, c0})
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := added[0], added[1], added[2]
	if _, _, err := v.Merge(ctx, a.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.Merge(ctx, c.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	from, _, err := v.UndoMerge(ctx, b.ID)
	if err != nil || from.ID != c.ID {
		t.Fatalf("first undo restored %q, %v; want the later merge (C)", from.ID, err)
	}
	if from, _, err = v.UndoMerge(ctx, b.ID); err != nil || from.ID != a.ID {
		t.Fatalf("second undo restored %q, %v; want A", from.ID, err)
	}
	for _, want := range []cases.Case{a, b, c} {
		got, err := v.Get(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(content(got), content(want)) {
			t.Errorf("%s not restored:\n got %+v\nwant %+v", want.Number, content(got), content(want))
		}
	}
}

// MergeChoosing keeps the chosen single values, unites the lists, and
// undoes like Merge.
func TestMergeChoosingThenUndo(t *testing.T) {
	v, _, _ := vaulttest.New(t)
	a0, b0 := mergePair()
	b0.Status = cases.StatusOpen
	a0.Status = cases.StatusContactLost
	added, err := v.AddAll(ctx, []cases.Case{a0, b0})
	if err != nil {
		t.Fatal(err)
	}
	a1, b1 := added[0], added[1]
	// Keep A (the fuller), but take B's name; A's status stays.
	_, into, err := v.MergeChoosing(ctx, b1.ID, a1.ID, []string{"person.name"})
	if err != nil {
		t.Fatal(err)
	}
	p := into.Person
	if into.ID != a1.ID || p.Name != "Sergei Lebedev" || into.Status != cases.StatusContactLost {
		t.Errorf("merged: id %s name %q status %q", into.ID, p.Name, into.Status)
	}
	if !slices.Contains(p.Aliases, "Серёжа Лебедев") || slices.Contains(p.Aliases, "Sergei Lebedev") {
		t.Errorf("aliases %q: the name not kept should be an alias, the kept one not", p.Aliases)
	}
	if len(into.Reporters) != 2 || len(into.Places) != 1 || p.Features != "tattoo of an anchor" {
		t.Errorf("lists not united: %d reporters, %d places, features %q", len(into.Reporters), len(into.Places), p.Features)
	}
	from, to, err := v.UndoMerge(ctx, a1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(content(to), content(a1)) || !reflect.DeepEqual(content(from), content(b1)) {
		t.Error("undo did not restore both cases")
	}
}

func TestDuplicatesOfUnsavedCase(t *testing.T) {
	v, _, _ := vaulttest.New(t)
	a0, _ := mergePair()
	a0.Person.Facility = "ИК-17, Мордовия"
	added, err := v.AddAll(ctx, []cases.Case{a0})
	if err != nil {
		t.Fatal(err)
	}
	n := cases.Case{Status: cases.StatusOpen, Person: cases.Person{Name: "Sergei Lebedev", BirthDate: "1987", Facility: "IK-17"}}
	ds, err := v.DuplicatesOf(ctx, n, patterns.DupeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].B.ID != added[0].ID {
		t.Fatalf("duplicates of the new case: %+v", ds)
	}
	// The saved case itself is not its own duplicate.
	if ds, _ := v.DuplicatesOf(ctx, added[0], patterns.DupeOptions{}); len(ds) != 0 {
		t.Errorf("a saved case is its own duplicate: %+v", ds)
	}
}
