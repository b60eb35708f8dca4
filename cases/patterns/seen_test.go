package patterns_test

import (
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
