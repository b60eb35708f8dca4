package patterns_test

import (
	"strings"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/patterns"
)

func TestSeenUsesEventDates(t *testing.T) {
	var s patterns.Seen
	a := cases.Case{Events: []cases.Event{
		{Date: "2022-07-10", Type: cases.EventCall, From: "8 (912) 555-01-23", Text: "«бухгалтер» обещал выплату"},
		{Date: "2022-09", Type: cases.EventMessageReceived, Text: "писал с +7 912 555-01-23 и @vagner_buh"},
		{Type: cases.EventNote, Text: "без даты: +7 912 555 01 23"}, // undated: not a sighting
	}}
	b := cases.Case{Events: []cases.Event{{Date: "2023-01-05", Type: cases.EventCall, From: "+79125550123"}}, MergedInto: "x"}
	s.Add(&a)
	s.Add(&b) // merged away: left out
	phone := patterns.Identifier{Kind: patterns.IdentPhone, Key: "79125550123"}
	first, last, ok := s.Span(phone)
	if !ok || !first.Equal(time.Date(2022, 7, 10, 0, 0, 0, 0, time.UTC)) || !last.Equal(time.Date(2022, 9, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("phone seen %v – %v (%v), want 2022-07-10 – 2022-09-01", first, last, ok)
	}
	if _, last, ok := s.Span(patterns.Identifier{Kind: patterns.IdentHandle, Key: "vagner_buh"}); !ok || last.Month() != time.September {
		t.Errorf("handle seen %v (%v)", last, ok)
	}
	if _, _, ok := s.Span(patterns.Identifier{Kind: patterns.IdentPhone, Key: "70000000000"}); ok {
		t.Error("an identifier in no event was seen")
	}
}

func TestSeenDated(t *testing.T) {
	var s patterns.Seen
	s.Add(&cases.Case{Events: []cases.Event{
		{Date: "2022-07-10", Type: cases.EventCall, From: "+7 912 555-01-23"},
		{Date: "2023-02", Type: cases.EventCall, From: "@vagner_buh"},
	}})
	phone := patterns.Shared{Ident: patterns.Identifier{Kind: patterns.IdentPhone, Key: "79125550123"}, Count: 2,
		Last: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)} // the day a case was saved
	handle := patterns.Shared{Ident: patterns.Identifier{Kind: patterns.IdentHandle, Key: "vagner_buh"}, Count: 2}
	unit := patterns.Shared{Ident: patterns.Identifier{Kind: patterns.IdentUnit, Key: "12345"}, Count: 3}
	list := s.Dated([]patterns.Shared{unit, phone, handle}, patterns.SharedQuery{Sort: patterns.SharedByLastSeen})
	var got []string
	for _, x := range list {
		got = append(got, x.Ident.Key+" "+x.Last.Format("2006-01-02"))
	}
	want := []string{"vagner_buh 2023-02-01", "79125550123 2022-07-10", "12345 0001-01-01"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("by last seen: %v, want %v", got, want)
	}
	list = s.Dated(list, patterns.SharedQuery{Sort: patterns.SharedByFirstSeen})
	if list[0].Ident.Key != "79125550123" || list[2].Ident.Key != "12345" {
		t.Errorf("by first seen: %v", list)
	}
}
