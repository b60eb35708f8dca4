package patterns

import (
	"context"
	"errors"
	"strings"
	"testing"

	"kintrace/cases"
)

func matchCases() []cases.Overview {
	return []cases.Overview{
		{ID: "c1", Number: "KT-1", Name: "Андрей Викторович Морозов", BirthYear: 1987, Facility: "ИК-17, Мордовия", Region: "Республика Мордовия"},
		{ID: "c2", Number: "KT-2", Name: "Андрей Морозов", BirthYear: 1962},
		{ID: "c3", Number: "KT-3", Name: "Олександр Шевчук", BirthYear: 1990},
		{ID: "c4", Number: "KT-4", Name: "Yevgeny Lebedev", BirthYear: 1979, Aliases: []string{"Лёха"}},
		{ID: "c5", Number: "KT-5", Name: "Сергей Воробьёв", BirthYear: 1985},
		{ID: "c6", Number: "KT-6", Name: "Иван Жуков", BirthYear: 1970, MergedInto: "c7"},
	}
}

// TestMatchLines covers what lists do to names: order, script, initials,
// typos, other transliterations, a year off, short forms.
func TestMatchLines(t *testing.T) {
	for _, tc := range []struct {
		line ListEntry
		want string // case number, "" for none
		kind ReasonKind
	}{
		{ListEntry{Name: "MOROZOV Andrei V.", BirthYear: 1987}, "KT-1", ReasonSameName},
		{ListEntry{Name: "Морозов А.В.", BirthYear: 1987}, "KT-1", ReasonInitial},
		{ListEntry{Name: "Морозв Андрей", BirthYear: 1987}, "KT-1", ReasonSimilarSurname},
		{ListEntry{Name: "Морозов Андерй", BirthYear: 1987}, "KT-1", ReasonSimilarFirstName},
		{ListEntry{Name: "Морозов Андрей Викторович", Place: "ИК-17 Мордовия"}, "KT-1", ReasonSameName},
		{ListEntry{Name: "Shevchuk Oleksandr", BirthYear: 1991}, "KT-3", ReasonSameName},
		{ListEntry{Name: "Шевчук Саша", BirthYear: 1990}, "KT-3", ReasonShortForm},
		{ListEntry{Name: "LEBEDEV Y.", BirthYear: 1979}, "KT-4", ReasonInitial},
		{ListEntry{Name: "Vorobyov Sergei", BirthYear: 1985}, "KT-5", ReasonSameName},
		// Not proposed: a name alone, a year far off, a nickname alias,
		// a merged case, another patronymic initial.
		{ListEntry{Name: "Морозов Андрей"}, "", ""},
		{ListEntry{Name: "Морозов Андрей", BirthYear: 1975}, "", ""},
		{ListEntry{Name: "Лебедев Алексей", BirthYear: 1979}, "", ""},
		{ListEntry{Name: "Жуков Иван", BirthYear: 1970}, "", ""},
		{ListEntry{Name: "Морозов А.П.", BirthYear: 1987}, "", ""},
	} {
		found, err := Match(context.Background(), []ListEntry{tc.line}, matchCases(), MatchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case tc.want == "" && len(found) > 0:
			t.Errorf("%+v: proposed %s (%d, %v)", tc.line, found[0].Case.Number, found[0].Score, found[0].Reasons)
		case tc.want != "" && (len(found) == 0 || found[0].Case.Number != tc.want):
			t.Errorf("%+v: proposed %v, want %s", tc.line, found, tc.want)
		case tc.want != "" && found[0].Reasons[0].Kind != tc.kind:
			t.Errorf("%+v: reasons %v, want %s first", tc.line, found[0].Reasons, tc.kind)
		}
	}
}

func TestMatchProgressAndCancel(t *testing.T) {
	list := make([]ListEntry, 500)
	for i := range list {
		list[i] = ListEntry{Name: "Морозов Андрей", BirthYear: 1987}
	}
	var last [2]int
	found, err := Match(context.Background(), list, matchCases(), MatchOptions{Progress: func(d, n int) { last = [2]int{d, n} }})
	if err != nil || len(found) != 500 || last != [2]int{500, 500} {
		t.Fatalf("found %d, progress %v, %v", len(found), last, err)
	}
	for i := 1; i < len(found); i++ {
		if found[i].Score > found[i-1].Score {
			t.Fatal("not best first")
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Match(ctx, list, matchCases(), MatchOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestOneEdit(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"roman", "rmoan", true}, {"roman", "rmaon", false}, {"ivan", "ivna", true}, {"taras", "taas", true}, {"taras", "tas", false},
		{"taras", "tarass", true}, {"sergei", "segei", true}, {"sergei", "sergei", true}, {"ivan", "oleg", false},
	} {
		if got := oneEdit(tc.a, tc.b, 4); got != tc.want {
			t.Errorf("oneEdit(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
	if !strings.HasPrefix(skeleton("vorobev"), "vrbv") || skeleton("vorobev") != skeleton("vorobyov") {
		t.Errorf("skeleton: %q %q", skeleton("vorobev"), skeleton("vorobyov"))
	}
}
