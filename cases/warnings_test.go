package cases_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"kintrace/cases"
)

func TestWarnings(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	summary := strings.Repeat("Звонил с незнакомого номера, просил денег ", 3) // a summary typed as a place
	tests := []struct {
		name string
		c    cases.Case
		want []cases.Warning
	}{
		{"plausible", cases.Case{Person: cases.Person{Name: "Сергей Лебедев", BirthDate: "1987",
			Facility: "ФКУ ИК-17 УФСИН России по Республике Мордовия", RecruitedOn: "2026-12-05"},
			Events: []cases.Event{{Date: "2026-12", Place: "Ростов-на-Дону"}}}, nil},
		{"summary as a place", cases.Case{Events: []cases.Event{{}, {Place: summary}}},
			[]cases.Warning{{Path: "events[1].place", Kind: cases.WarnTooLong, N: 80}}},
		{"80 characters is still a place", cases.Case{Events: []cases.Event{{Place: strings.Repeat("я", 80)}}}, nil},
		{"event next month", cases.Case{Events: []cases.Event{{Date: "2027-01"}}},
			[]cases.Warning{{Path: "events[0].date", Kind: cases.WarnFuture}}},
		{"event tomorrow", cases.Case{Events: []cases.Event{{Date: "2026-12-06"}}},
			[]cases.Warning{{Path: "events[0].date", Kind: cases.WarnFuture}}},
		{"birth in the future", cases.Case{Person: cases.Person{BirthDate: "2027"}},
			[]cases.Warning{{Path: "person.birth_date", Kind: cases.WarnFuture}}},
		{"a child", cases.Case{Person: cases.Person{BirthDate: "2013-01-01"}},
			[]cases.Warning{{Path: "person.birth_date", Kind: cases.WarnTooYoung, N: 14}}},
		{"14 if born in January 2012", cases.Case{Person: cases.Person{BirthDate: "2012"}}, nil},
		{"too old", cases.Case{Person: cases.Person{BirthDate: "1924"}},
			[]cases.Warning{{Path: "person.birth_date", Kind: cases.WarnTooOld, N: 100}}},
		{"100 if born in December 1925", cases.Case{Person: cases.Person{BirthDate: "1925"}}, nil},
		{"long facility and region", cases.Case{Person: cases.Person{Facility: summary, Region: summary}},
			[]cases.Warning{{Path: "person.facility", Kind: cases.WarnTooLong, N: 80},
				{Path: "person.region", Kind: cases.WarnTooLong, N: 60}}},
		{"place card", cases.Case{Places: []cases.Place{{Name: summary, Date: "2030"}}},
			[]cases.Warning{{Path: "places[0].date", Kind: cases.WarnFuture},
				{Path: "places[0].name", Kind: cases.WarnTooLong, N: 80}}},
		{"a paragraph as a phone", cases.Case{Person: cases.Person{Phones: []string{"+7 912", summary}}},
			[]cases.Warning{{Path: "person.phones[1]", Kind: cases.WarnTooLong, N: 40}}},
		{"recruited tomorrow", cases.Case{Person: cases.Person{RecruitedOn: "2026-12-06"}},
			[]cases.Warning{{Path: "person.recruited_on", Kind: cases.WarnFuture}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cases.Warnings(tt.c, now); !slices.Equal(got, tt.want) {
				t.Errorf("Warnings = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestEventWarningsPaths(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	got := cases.EventWarnings(cases.Event{Date: "2027", From: strings.Repeat("7", 41)}, "", now)
	want := []cases.Warning{{Path: "date", Kind: cases.WarnFuture}, {Path: "from", Kind: cases.WarnTooLong, N: 40}}
	if !slices.Equal(got, want) {
		t.Errorf("EventWarnings = %+v, want %+v", got, want)
	}
}
