package search_test

import (
	"testing"

	"kintrace/cases"
	"kintrace/cases/search"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  Морозов  ", "morozov"},
		{"ИК-17, Мордовия", "ik 17 mordovia"},
		{"в/ч 12345", "v ch 12345"},
		{"Ёлкин", "elkin"},
		{"Йошкар-Ола", "ioshkar ola"},
		{"Щукин", "shchukin"},
		{"Хабаров", "khabarov"},
		{"Жуков", "zhukov"},
		{"Цой", "tsoi"},
		{"Юлия", "yulia"},
		{"Олександр", "oleksandr"},
		{"Alexander", "aleksandr"},
		{"Сергій", "sergi"},
		{"Ґудзь", "gudz"},
		{"Київ", "kiv"},
		{"Єва", "eva"},
		{"В'ячеслав", "viacheslav"},
		{"O’Neill", "oneill"},
		{"José Müller", "ese mullr"},
		{"Čajkovskij", "chaikovski"},
		{"Ørsted ß", "orsted ss"},
		{"e\u0301 и\u0306", "e i"},
		{"Ελένη", "ελένη"},
		{"+7 (912) 555-01-23", "7 912 555 01 23"},
		{"Сергеевич / Sergeyevich", "sergeevich sergeevich"},
		{"Фёдор Fyodor", "fedor fedor"},
	}
	for _, tt := range tests {
		if got := search.Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// foldGroups are spellings of one name that must find each other.
var foldGroups = [][]string{
	{"Морозов", "Morozov"},
	{"Сергей", "Sergei", "Sergey", "Serhiy", "Serhii", "Сергій"},
	{"Лебедев", "Lebedev"},
	{"Юлия", "Yulia", "Julia", "Yuliya", "Iuliia", "Юлія"},
	{"Щукин", "Shchukin"},
	{"Хабаров", "Khabarov"},
	{"Жуков", "Zhukov"},
	{"Цой", "Tsoi", "Tsoy"},
	{"Олександр", "Oleksandr"},
	{"Aleksandr", "Alexander", "Александр"},
	{"Дмитрий", "Dmitry", "Dmitriy", "Dmitrii"},
	{"Наталья", "Natalya", "Natalia"},
	{"Олег", "Oleh", "Oleg"},
	{"Микола", "Mykola"},
	{"Алексей", "Alexei", "Alexey", "Aleksei"},
	{"Харків", "Kharkiv"},
	{"Фёдор", "Fyodor", "Fedor"},
}

// TestFoldEqual: within a group, all spellings but the Ukrainian -ій/-iy
// endings fold to the same string.
func TestFoldEqual(t *testing.T) {
	ukrainianEnding := map[string]bool{"Serhiy": true, "Serhii": true, "Сергій": true}
	for _, g := range foldGroups {
		for _, a := range g {
			for _, b := range g {
				if ukrainianEnding[a] != ukrainianEnding[b] {
					continue
				}
				if fa, fb := search.Fold(a), search.Fold(b); fa != fb {
					t.Errorf("Fold(%q) = %q, Fold(%q) = %q; want equal", a, fa, b, fb)
				}
			}
		}
	}
}

// TestSpellingsFindEachOther: a case under one spelling is found by a query
// in every other spelling, in both directions, through the Index.
func TestSpellingsFindEachOther(t *testing.T) {
	for _, g := range foldGroups {
		for _, stored := range g {
			ix := search.NewIndex()
			ix.Put(cases.Overview{ID: "x", Name: stored + " Иванов"})
			ix.Put(cases.Overview{ID: "other", Name: "Пётр Сидоров"})
			for _, query := range g {
				got := ix.Search(search.Query{Text: query})
				if len(got) != 1 || got[0].ID != "x" {
					t.Errorf("stored %q, query %q: got %d results, want the case", stored, query, len(got))
				}
			}
		}
	}
}

func TestFoldIdempotent(t *testing.T) {
	for _, g := range foldGroups {
		for _, s := range g {
			once := search.Fold(s)
			if twice := search.Fold(once); twice != once {
				t.Errorf("Fold(Fold(%q)) = %q, want %q", s, twice, once)
			}
		}
	}
}

func BenchmarkFold(b *testing.B) {
	s := "Сергей Павлович Лебедев, ИК-17, Мордовия: Asked for a copy of mother's passport"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		search.Fold(s)
	}
}

func FuzzFold(f *testing.F) {
	for _, g := range foldGroups {
		for _, s := range g {
			f.Add(s)
		}
	}
	f.Add("ИК-17, Мордовия — в/ч 12345; +7 912 555-01-23")
	f.Fuzz(func(t *testing.T, s string) {
		folded := search.Fold(s)
		if len(folded) > 0 && (folded[0] == ' ' || folded[len(folded)-1] == ' ') {
			t.Fatalf("Fold(%q) = %q has outer spaces", s, folded)
		}
		ix := search.NewIndex()
		ix.Put(cases.Overview{ID: "x", Name: s})
		if got := ix.Search(search.Query{Text: s}); len(got) != 1 {
			t.Fatalf("a case named %q is not found by its own name", s)
		}
	})
}
