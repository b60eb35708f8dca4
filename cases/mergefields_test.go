package cases_test

import (
	"slices"
	"testing"
	"time"

	"kintrace/cases"
)

// olderFuller is a case worked on for weeks; newerEmpty a later report of
// the same man with little in it: the finding of issue 13.
func olderFuller() cases.Case {
	return cases.Case{ID: "01A", Number: "KT-2026-0001", Status: cases.StatusContactLost, Priority: cases.PriorityHigh,
		Tags: []string{"recruitment"}, AssignedTo: "Марина",
		Person: cases.Person{Name: "Сергей Павлович Лебедев", Aliases: []string{"Sergei Lebedev"}, BirthDate: "1987",
			Sex: cases.SexMale, Phones: []string{"+7 912 555-01-23"}, Facility: "IK-17, Mordovia", Region: "Mordovia"},
		Reporters: []cases.Reporter{{Name: "Оксана", Relation: "half-sister"}},
		Events: []cases.Event{{Date: "2026-03-02", Type: cases.EventRecruitmentVisit},
			{Date: "2026-04-11", Type: cases.EventMessageReceived}},
		Places:    []cases.Place{{Name: "IK-17"}},
		Notes:     "Oksana calls on Fridays.",
		CreatedAt: time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)}
}

func newerEmpty() cases.Case {
	return cases.Case{ID: "01B", Number: "KT-2026-0013", Status: cases.StatusOpen, Priority: cases.PriorityNormal,
		Person:    cases.Person{Name: "Лебедев Серёжа", BirthDate: "1987", Sex: cases.SexUnknown, Unit: "в/ч 12345"},
		CreatedAt: time.Date(2026, 5, 2, 10, 0, 0, 0, time.UTC)}
}

func TestKeepFirstKeepsTheFullerCase(t *testing.T) {
	old, young := olderFuller(), newerEmpty()
	if f, g := cases.Fullness(old, 0), cases.Fullness(young, 0); f <= g {
		t.Fatalf("fullness: older %d, newer %d", f, g)
	}
	if !cases.KeepFirst(old, young, 0, 0) || cases.KeepFirst(young, old, 0, 0) {
		t.Error("the fuller, older case is not kept")
	}
	// Attachments count: a newer case with many files is the fuller.
	if cases.KeepFirst(young, old, 0, 20) || !cases.KeepFirst(young, old, 30, 0) {
		t.Error("attachments do not count toward fullness")
	}
	// Equally full: the older is kept, whichever comes first.
	a, b := newerEmpty(), newerEmpty()
	b.ID, b.CreatedAt = "01C", b.CreatedAt.Add(time.Hour)
	if !cases.KeepFirst(a, b, 0, 0) || cases.KeepFirst(b, a, 0, 0) {
		t.Error("equally full: the older is not kept")
	}
	// A case not saved yet is newer than a saved one.
	n := newerEmpty()
	n.ID, n.CreatedAt = "", time.Time{}
	if cases.KeepFirst(n, a, 0, 0) || !cases.KeepFirst(a, n, 0, 0) {
		t.Error("equally full: an unsaved case is kept over a saved one")
	}
}

func TestFullnessCounts(t *testing.T) {
	c := cases.Case{Status: cases.StatusOpen, Priority: cases.PriorityNormal, Person: cases.Person{Sex: cases.SexUnknown}}
	if got := cases.Fullness(c, 0); got != 0 {
		t.Errorf("empty case: fullness %d, want 0", got)
	}
	c.Person.Name = "A B"
	c.Person.Phones = []string{"1", "2"}
	c.Events = make([]cases.Event, 3)
	c.Notes = "x"
	if got, want := cases.Fullness(c, 4), 1+2+3+1+4; got != want {
		t.Errorf("fullness %d, want %d", got, want)
	}
}

func TestMergeFieldsListEveryDifference(t *testing.T) {
	a, b := olderFuller(), newerEmpty()
	fields := cases.MergeFields(a, b)
	var differ []string
	for _, f := range fields {
		if f.Differs {
			differ = append(differ, f.Key)
		}
	}
	want := []string{"person.name", "person.aliases", "person.sex", "person.phones", "person.facility",
		"person.region", "person.unit", "status", "priority", "assigned_to", "tags", "reporters", "events", "places", "notes"}
	if !slices.Equal(differ, want) {
		t.Errorf("differing fields\n got %v\nwant %v", differ, want)
	}
	// Every field Diff reports (but bookkeeping and ids) has a row.
	rows := map[string]bool{}
	for _, f := range fields {
		rows[f.Key] = true
	}
	for _, u := range cases.ConflictFields(a, b) {
		switch u {
		case "id", "number", "created_at", "person.pseudonym":
			continue
		}
		if !rows[u] {
			t.Errorf("Diff's %q has no row in MergeFields", u)
		}
	}
	if fs := cases.MergeFields(a, a); slices.ContainsFunc(fs, func(f cases.MergeField) bool { return f.Differs }) {
		t.Error("a case differs from itself")
	}
	// The same number written another way is no difference.
	b.Person.Phones = []string{"8 (912) 555-01-23"}
	for _, f := range cases.MergeFields(a, b) {
		if f.Key == "person.phones" && f.Differs {
			t.Error("+7 912 555-01-23 and 8 (912) 555-01-23 differ")
		}
	}
}

func TestDefaultTakeAndApplyChoices(t *testing.T) {
	keep, other := olderFuller(), newerEmpty()
	for key, want := range map[string]bool{"person.name": false, "person.unit": true, "person.sex": false,
		"status": false, "person.facility": false, "events": false} {
		if got := cases.DefaultTake(keep, other, key); got != want {
			t.Errorf("DefaultTake(%s) = %v, want %v", key, got, want)
		}
	}
	// The merge so far holds other's unit (an empty field filled) and
	// other's name among the aliases.
	merged := keep
	merged.Person.Unit = other.Person.Unit
	merged.Person.Aliases = append(slices.Clone(keep.Person.Aliases), other.Person.Name)
	got := cases.ApplyMergeChoices(merged, other, keep, []string{"person.name", "status"})
	if got.Person.Name != other.Person.Name || got.Status != other.Status {
		t.Errorf("taken fields not other's: %q %q", got.Person.Name, got.Status)
	}
	if got.Person.Unit != "" || got.Person.Facility != keep.Person.Facility || got.Priority != keep.Priority {
		t.Errorf("fields not taken are not keep's: unit %q facility %q priority %q", got.Person.Unit, got.Person.Facility, got.Priority)
	}
	if want := []string{"Sergei Lebedev", keep.Person.Name}; !slices.Equal(got.Person.Aliases, want) {
		t.Errorf("aliases %q, want %q", got.Person.Aliases, want)
	}
	if !slices.Equal(keep.Person.Aliases, []string{"Sergei Lebedev"}) {
		t.Errorf("keep changed: %q", keep.Person.Aliases)
	}
	if got.Events == nil || len(got.Events) != len(keep.Events) {
		t.Error("united fields changed")
	}
}
