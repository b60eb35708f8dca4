package patterns_test

import (
	"slices"
	"testing"

	"kintrace/cases"
	"kintrace/cases/patterns"
)

func identKeys(ids []patterns.Identifier) []string {
	var out []string
	for _, id := range ids {
		s := string(id.Kind) + ":" + id.Key
		if id.Region != "" {
			s += "@" + id.Region
		}
		out = append(out, s)
	}
	return out
}

func TestExtractIdentifiersPerson(t *testing.T) {
	tests := []struct {
		name string
		o    cases.Overview
		want []string
	}{
		{"phones written three ways are one number",
			cases.Overview{Phones: []string{"+7 912 555-01-23", "8 (912) 555-01-23", "+79125550123"}},
			[]string{"phone:79125550123"}},
		{"whatsapp handle that is a number is a phone",
			cases.Overview{Handles: []string{"+380 67 123 4567", "@Ivan_Petrov", "https://t.me/Ivan_Petrov"}},
			[]string{"phone:380671234567", "handle:ivan_petrov"}},
		{"Cyrillic colony with region",
			cases.Overview{Facility: "ИК-17, Мордовия"}, []string{"facility:IK-17@mordovi"}},
		{"Latin colony, region first",
			cases.Overview{Facility: "Mordovia, IK 17"}, []string{"facility:IK-17@mordovi"}},
		{"glued colony takes the case's region",
			cases.Overview{Facility: "IK17", Region: "Республика Мордовия"}, []string{"facility:IK-17@mordovi"}},
		{"glued colony without region",
			cases.Overview{Facility: "IK17"}, []string{"facility:IK-17"}},
		{"official name",
			cases.Overview{Facility: "ФКУ ИК № 17 УФСИН России по Республике Мордовия"}, []string{"facility:IK-17@mordovi"}},
		{"pre-trial centre", cases.Overview{Facility: "СИЗО-1, Ростов"}, []string{"facility:SIZO-1@rostov"}},
		{"SIZO code", cases.Overview{Facility: "ИЗ-77/1"}, []string{"facility:IZ-77/1"}},
		{"prison hospital", cases.Overview{Facility: "ЛИУ-3 (Пермский край)"}, []string{"facility:LIU-3@permski"}},
		{"settlement colony", cases.Overview{Facility: "колония-поселение № 5"}, []string{"facility:KP-5"}},
		{"unknown facility kept by its words", cases.Overview{Facility: "Tyurma Vladimir"}, []string{"facility:~tiurma vladim"}},
		{"unit, Cyrillic abbreviation", cases.Overview{Unit: "в/ч 12345"}, []string{"unit:12345"}},
		{"unit, full words", cases.Overview{Unit: "войсковая часть № 12345"}, []string{"unit:12345"}},
		{"unit, English", cases.Overview{Unit: "military unit 12345"}, []string{"unit:12345"}},
		{"unit, bare number", cases.Overview{Unit: "12345"}, []string{"unit:12345"}},
		{"places fold script and word order",
			cases.Overview{Places: []string{"госпиталь, Донецк", "Donetsk hospital", "Ростовская область", "Rostov Oblast"}},
			[]string{"place:donets gospit", "place:rostov"}},
		{"a place that is a facility", cases.Overview{Places: []string{"СИЗО-1, Ростов"}}, []string{"facility:SIZO-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := identKeys(patterns.ExtractIdentifiers(tt.o))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIdentifiersInText(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"+7 999 000-44-17", []string{"phone:79990004417"}},
		{"Звонил «бухгалтер» с номера 8 (999) 000-44-17, обещал 195 000 руб.", []string{"phone:79990004417"}},
		{"Пишите @Accountant_RF или t.me/helper_bot.", []string{"handle:accountant_rf", "handle:helper_bot"}},
		{"write to ivan@example.org", nil},
		{"Перевели в ИК-17, потом в СИЗО №2", []string{"facility:IK-17", "facility:SIZO-2"}},
		{"moved from IK17 to unit 54321 on 2022-07-10", []string{"facility:IK-17", "unit:54321"}},
		{"служит в в/ч 12345", []string{"unit:12345"}},
		{"из 10 человек вернулись 3, 2022-07-10, 200 000 рублей", nil},
		{"call 0671234567 today", []string{"phone:380671234567"}},
	}
	for _, tt := range tests {
		got := identKeys(patterns.IdentifiersInText(tt.text))
		if !slices.Equal(got, tt.want) {
			t.Errorf("IdentifiersInText(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func FuzzExtractIdentifiers(f *testing.F) {
	for _, s := range []string{"ИК-17, Мордовия", "+7 912 555-01-23", "@x_y", "в/ч 12345", "ИЗ-77/1", "t.me/a", "8 (", "@", "1/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o := cases.Overview{Facility: s, Unit: s, Places: []string{s}, Phones: []string{s}, Handles: []string{s}, Texts: []string{s}}
		for _, id := range patterns.ExtractIdentifiers(o) {
			if !id.Kind.Valid() || id.Key == "" {
				t.Fatalf("bad identifier %+v from %q", id, s)
			}
		}
		patterns.IdentifiersInText(s)
	})
}

func TestMentionsOf(t *testing.T) {
	// The first of vault's linkCases (links_test.go).
	c := cases.Case{
		Status: "contact_lost", Priority: "high", Tags: []string{"recruitment"},
		Person: cases.Person{Name: "Сергей Лебедев", Aliases: []string{"Sergei Lebedev"},
			Phones: []string{"+7 912 555-01-23"}, Facility: "ИК-17, Мордовия"},
		Events: []cases.Event{{Date: "2022-07-10", Type: "message_received", Channel: "whatsapp",
			From: "+7 999 000-44-17", Text: "Asked for a copy of mother's passport."}},
	}
	c.Events = append(c.Events,
		cases.Event{Date: "2022-07-20", Type: "note", Text: "Another family got a call from 8 999 000 44 17"},
		cases.Event{Date: "2022-07-21", Type: "transfer", Place: "Donetsk hospital"},
		cases.Event{Date: "2022-07-22", Type: "note", From: "@Accountant"})
	tests := []struct {
		id     patterns.Identifier
		person bool
		events []int
	}{
		{patterns.Identifier{Kind: patterns.IdentPhone, Key: "79990004417"}, false, []int{0, 1}},
		{patterns.Identifier{Kind: patterns.IdentPhone, Key: "79125550123"}, true, nil},
		{patterns.Identifier{Kind: patterns.IdentFacility, Key: "IK-17"}, true, nil},
		{patterns.Identifier{Kind: patterns.IdentPlace, Key: "donets gospit"}, false, []int{2}},
		{patterns.Identifier{Kind: patterns.IdentHandle, Key: "accountant"}, false, []int{3}},
	}
	for _, tt := range tests {
		m := patterns.MentionsOf(c, tt.id)
		if m.Person != tt.person || !slices.Equal(m.Events, tt.events) {
			t.Errorf("%s %s: got %+v, want person %v events %v", tt.id.Kind, tt.id.Key, m, tt.person, tt.events)
		}
	}
}
