package search_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/search"
)

func ids(os []cases.Overview) []string {
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = o.ID
	}
	return out
}

func day(d int) time.Time { return time.Date(2023, 1, d, 0, 0, 0, 0, time.UTC) }

func testIndex() *search.Index {
	ix := search.NewIndex()
	ix.Put(cases.Overview{ID: "a", Number: "KT-X-0010", Name: "Сергей Лебедев", Status: cases.StatusContactLost,
		Facility: "ИК-17, Мордовия", Region: "Мордовия", Tags: []string{"recruitment"},
		Phones: []string{"+7 912 555-01-23"}, Verifications: []cases.Verification{cases.VerificationUnverified},
		LastContact: day(5), CreatedAt: day(1), UpdatedAt: day(20)})
	ix.Put(cases.Overview{ID: "b", Number: "KT-X-0002", Name: "Yulia Morozova", Status: cases.StatusOpen,
		Facility: "IK-17, Mordovia", Region: "Rostov Oblast", Tags: []string{"Recruitment", "hospital"},
		Texts: []string{"звонил «бухгалтер» с номера 8 999 000-44-17"}, CreatedAt: day(3), UpdatedAt: day(10)})
	ix.Put(cases.Overview{ID: "c", Number: "KT-X-0100", Name: "Олександр Щукін", Status: cases.StatusContactLost,
		Unit: "в/ч 12345", Verifications: []cases.Verification{cases.VerificationConfirmed},
		LastContact: day(2), CreatedAt: day(1), UpdatedAt: day(30)})
	return ix
}

func TestIndexSearch(t *testing.T) {
	ix := testIndex()
	tests := []struct {
		name string
		q    search.Query
		want []string
	}{
		// b never had a confirmed contact: it comes first.
		{"all, silent longest", search.Query{}, []string{"b", "c", "a"}},
		{"updated", search.Query{Sort: search.SortUpdated}, []string{"c", "a", "b"}},
		// Folded names: "Olexandr Shchukin" < "Sergei Lebedev" < "Yulia Morozova".
		{"name", search.Query{Sort: search.SortName}, []string{"c", "a", "b"}},
		// open before contact_lost; a and c are both contact_lost: by number.
		{"status", search.Query{Sort: search.SortStatus}, []string{"b", "a", "c"}},
		// "IK-17, Mordovia" twice (by number), c has none: last.
		{"facility", search.Query{Sort: search.SortFacility}, []string{"b", "a", "c"}},
		{"number, digits as numbers", search.Query{Sort: search.SortNumber}, []string{"b", "a", "c"}},
		{"limit", search.Query{Sort: search.SortNumber, Limit: 2}, []string{"b", "a"}},
		{"Latin finds Cyrillic", search.Query{Text: "sergei lebedev"}, []string{"a"}},
		{"Cyrillic finds Latin", search.Query{Text: "Юлия Морозова"}, []string{"b"}},
		{"prefix while typing", search.Query{Text: "леб"}, []string{"a"}},
		{"all words must match", search.Query{Text: "lebedev yulia"}, nil},
		{"Ukrainian і", search.Query{Text: "shchukin"}, []string{"c"}},
		{"unit", search.Query{Text: "12345"}, []string{"c"}},
		{"number", search.Query{Text: "KT-X-0100"}, []string{"c"}},
		{"phone as typed elsewhere", search.Query{Text: "8 (912) 555-01-23"}, []string{"a"}},
		{"phone being typed", search.Query{Text: "8 912 55"}, []string{"a"}},
		{"phone in a text", search.Query{Text: "+7 999 000 44 17"}, []string{"b"}},
		{"facility folded", search.Query{Facility: "ik-17, mordovia"}, []string{"b", "a"}},
		{"region in another form", search.Query{Region: "ростов обл"}, []string{"b"}},
		{"region in Ukrainian", search.Query{Region: "Республіка Мордовія"}, []string{"a"}},
		{"region whole, not a part", search.Query{Region: "ростов на дону"}, nil},
		{"region exact fold", search.Query{Region: "Rostov oblast"}, []string{"b"}},
		{"tag folded", search.Query{Tag: "RECRUITMENT"}, []string{"b", "a"}},
		{"status", search.Query{Status: cases.StatusContactLost}, []string{"c", "a"}},
		{"verification", search.Query{Verification: cases.VerificationConfirmed}, []string{"c"}},
		{"text and filter", search.Query{Text: "мордов", Status: cases.StatusOpen}, []string{"b"}},
		{"no match", search.Query{Text: "zzzz"}, nil},
		{"duplicate words", search.Query{Text: "ab lebedev ab lebedev cd"}, nil},
		{"repeated word", search.Query{Text: "lebedev Лебедев lebedev"}, []string{"a"}},
		{"punctuation only", search.Query{Text: " -- "}, []string{"b", "c", "a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(ix.Search(tt.q))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%+v) = %v, want %v", tt.q, got, tt.want)
			}
			wantCount := len(tt.want)
			if tt.q.Limit > 0 {
				wantCount = 3 // every limited query in the table matches all three
			}
			if n := ix.Count(tt.q); n != wantCount {
				t.Errorf("Count(%+v) = %d, want %d", tt.q, n, wantCount)
			}
		})
	}
}

func TestIndexPutRemoveClear(t *testing.T) {
	ix := testIndex()
	if ix.Len() != 3 {
		t.Fatalf("Len = %d, want 3", ix.Len())
	}
	// Replacing a case drops its old words.
	ix.Put(cases.Overview{ID: "a", Name: "Иван Жуков", Status: cases.StatusReturned})
	if got := ids(ix.Search(search.Query{Text: "lebedev"})); len(got) != 0 {
		t.Errorf("old name still found: %v", got)
	}
	if got := ids(ix.Search(search.Query{Text: "zhukov"})); !slices.Equal(got, []string{"a"}) {
		t.Errorf("new name: got %v", got)
	}
	if o, ok := ix.Get("a"); !ok || o.Status != cases.StatusReturned || ix.Len() != 3 {
		t.Errorf("Get after replace = %+v, %v; Len %d", o, ok, ix.Len())
	}
	ix.Remove("a")
	ix.Remove("missing")
	if _, ok := ix.Get("a"); ok || ix.Len() != 2 {
		t.Errorf("after Remove: Get ok=%v, Len %d", ok, ix.Len())
	}
	if got := ids(ix.Search(search.Query{Text: "zhukov"})); len(got) != 0 {
		t.Errorf("removed case still found: %v", got)
	}
	// A freed slot is reused without mixing up postings.
	ix.Put(cases.Overview{ID: "d", Name: "Tsoi"})
	if got := ids(ix.Search(search.Query{Text: "цой"})); !slices.Equal(got, []string{"d"}) {
		t.Errorf("reused slot: got %v", got)
	}
	ix.Clear()
	if ix.Len() != 0 || len(ix.Search(search.Query{})) != 0 || len(ix.Facets().Tags) != 0 {
		t.Errorf("Clear left data: Len %d", ix.Len())
	}
}

func TestIndexHidesMergedCases(t *testing.T) {
	ix := testIndex()
	ix.Put(cases.Overview{ID: "m", Name: "Сергей Лебедев", MergedInto: "a"})
	if got := ids(ix.Search(search.Query{Text: "lebedev"})); !slices.Equal(got, []string{"a"}) {
		t.Errorf("default search = %v, want the merged case left out", got)
	}
	if got := ids(ix.Search(search.Query{Text: "lebedev", Merged: true, Sort: search.SortNumber})); !slices.Equal(got, []string{"m", "a"}) {
		t.Errorf("Merged search = %v, want both", got)
	}
}

func TestIndexFacets(t *testing.T) {
	ix := testIndex()
	ix.Put(cases.Overview{ID: "d", Name: "x", Facility: "ИК-17, Мордовия", Tags: []string{"hospital"}})
	f := ix.Facets()
	want := []search.Facet{{Value: "ИК-17, Мордовия", Count: 3}}
	if !slices.Equal(f.Facilities, want) {
		t.Errorf("Facilities = %v, want %v", f.Facilities, want)
	}
	ix.Put(cases.Overview{ID: "e", Name: "y", Region: "Republic of Mordovia"})
	ix.Put(cases.Overview{ID: "f", Name: "z", Region: "Республика Мордовия"})
	ix.Put(cases.Overview{ID: "g", Name: "w", Region: "Republic of Mordovia"})
	wantRegions := []search.Facet{{Value: "Republic of Mordovia", Count: 4}, {Value: "Rostov Oblast", Count: 1}}
	if got := ix.Facets().Regions; !slices.Equal(got, wantRegions) {
		t.Errorf("Regions = %v, want %v (one facet per region, however written)", got, wantRegions)
	}
	ix.Remove("e")
	ix.Remove("f")
	ix.Remove("g")
	wantTags := []search.Facet{{Value: "Recruitment", Count: 2}, {Value: "hospital", Count: 2}}
	if !slices.Equal(f.Tags, wantTags) {
		t.Errorf("Tags = %v, want %v", f.Tags, wantTags)
	}
	ix.Remove("b")
	ix.Remove("d")
	if got := ix.Facets().Tags; !slices.Equal(got, []search.Facet{{Value: "recruitment", Count: 1}}) {
		t.Errorf("Tags after Remove = %v", got)
	}
}

func TestIndexKeepsItsOwnCopy(t *testing.T) {
	ix := search.NewIndex()
	o := cases.Overview{ID: "a", Name: "x", Tags: []string{"hospital"}}
	ix.Put(o)
	o.Tags[0] = "changed"
	if got, _ := ix.Get("a"); got.Tags[0] != "hospital" {
		t.Errorf("index shares the caller's slice")
	}
}

func TestIndexConcurrent(t *testing.T) {
	ix := search.NewIndex()
	cs := casegen.Generate(200, 1)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(cs); i += 4 {
				ix.Put(cs[i].Overview())
				ix.Search(search.Query{Text: "серг", Limit: 5})
				if i%10 == 0 {
					ix.Remove(cs[i].ID)
				}
				ix.Facets()
			}
		})
	}
	wg.Wait()
	if ix.Len() != 180 {
		t.Errorf("Len = %d, want 180", ix.Len())
	}
}

// TestIndexMatchesBruteForce compares Search with a direct check of every
// folded field on generated cases.
func TestIndexMatchesBruteForce(t *testing.T) {
	cs := casegen.Generate(2000, 7)
	ix := search.NewIndex()
	os := make([]cases.Overview, len(cs))
	for i, c := range cs {
		os[i] = c.Overview()
	}
	ix.PutAll(os)
	for _, q := range []string{"лебедев", "serg", "ik 17", "мордов", "в/ч 1", "паспорт", "hospital",
		"kt-gen-0001", "Олександр", "Yulia", "зарплат", "a", "щ"} {
		got := ids(ix.Search(search.Query{Text: q, Sort: search.SortNumber}))
		var want []string
		for _, o := range os {
			if bruteMatch(o, q) {
				want = append(want, o.ID)
			}
		}
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("query %q: index found %d, brute force %d", q, len(got), len(want))
		}
		if len(want) == 0 {
			t.Errorf("query %q finds nothing in generated cases; pick another", q)
		}
	}
}

func bruteMatch(o cases.Overview, q string) bool {
	fields := append([]string{o.Name, o.Number, o.AssignedTo, o.Facility, o.Region, o.Unit}, o.Aliases...)
	for _, l := range [][]string{o.Tags, o.Places, o.Texts, o.Phones, o.Handles} {
		fields = append(fields, l...)
	}
	var words []string
	for _, f := range fields {
		words = append(words, splitWords(search.Fold(f))...)
		if phoneLike(f) {
			words = append(words, cases.NormalizePhone(f))
		}
	}
	for _, tok := range splitWords(search.Fold(q)) {
		found := false
		for _, w := range words {
			if contains(w, tok) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func phoneLike(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-()./", r):
		default:
			return false
		}
	}
	return digits >= 5
}

func splitWords(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func ExampleIndex_Search() {
	ix := search.NewIndex()
	ix.Put(cases.Overview{ID: "1", Name: "Сергей Лебедев"})
	ix.Put(cases.Overview{ID: "2", Name: "Yulia Zhukova"})
	for _, q := range []string{"Lebedev", "Жукова", "Julia"} {
		for _, o := range ix.Search(search.Query{Text: q}) {
			fmt.Println(q, "->", o.Name)
		}
	}
	// Output:
	// Lebedev -> Сергей Лебедев
	// Жукова -> Yulia Zhukova
	// Julia -> Yulia Zhukova
}
