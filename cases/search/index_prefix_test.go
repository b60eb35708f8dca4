package search_test

import (
	"testing"

	"kintrace/cases"
	"kintrace/cases/search"
)

// TestSearchAsYouTypeFindsEveryPrefix types names letter by letter, in the
// script they are written in and in the other one, and expects the case to
// be found at every step from the third letter on.
func TestSearchAsYouTypeFindsEveryPrefix(t *testing.T) {
	ix := search.NewIndex()
	ix.Put(cases.Overview{ID: "a", Number: "KT-1", Name: "Александр Бухгалтеров", Status: "open",
		Texts: []string{"звонил бухгалтер части"}})
	ix.Put(cases.Overview{ID: "b", Number: "KT-2", Name: "Пётр Иванов", Status: "open"})
	for _, word := range []string{"Бухгалтер", "бухгалтеров", "Alexander", "Александр", "Aleksandr", "Пётр", "Petr"} {
		r := []rune(word)
		for i := 3; i <= len(r); i++ {
			q := string(r[:i])
			if len(ix.Search(search.Query{Text: q})) == 0 {
				t.Errorf("typing %q: %q finds nothing", word, q)
			}
		}
	}
}
