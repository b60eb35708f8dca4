package cases_test

import (
	"reflect"
	"testing"

	"kintrace/cases"
)

func TestChangesGiveValues(t *testing.T) {
	before := validCase()
	before.Person.Name = "Сергей Лебедев"
	before.Tags = []string{"recruitment"}
	before.Events = []cases.Event{{Date: "2022-07-10", Type: cases.EventCall, Text: "short call"}}
	after := before
	after.Person.Name = "Сергей Павлович Лебедев"
	after.Tags = []string{"recruitment", "new-number"}
	after.Events = []cases.Event{
		{Date: "2022-07-10", Type: cases.EventCall, Text: "short call", Verification: cases.VerificationConfirmed},
		{Date: "2022-08", Type: cases.EventContactLost},
	}
	got := cases.Changes(before, after)
	want := []cases.Change{
		{Path: "events[0].verification", Old: "", New: "confirmed"},
		{Path: "events[1]", Old: "", New: "date: 2022-08; type: contact_lost"},
		{Path: "person.name", Old: "Сергей Лебедев", New: "Сергей Павлович Лебедев"},
		{Path: "tags", Old: "recruitment", New: "recruitment, new-number"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Changes =\n%+v\nwant\n%+v", got, want)
	}
	if got := cases.Changes(after, after); len(got) != 0 {
		t.Errorf("no change gives %+v", got)
	}
}
