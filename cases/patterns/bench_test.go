package patterns_test

import (
	"sync"
	"testing"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/patterns"
)

// patternCases are 100 000 generated cases and their overviews, made once
// per benchmark run.
var patternCases = sync.OnceValues(func() ([]cases.Case, []cases.Overview) {
	cs := casegen.Generate(100_000, 7)
	os := make([]cases.Overview, len(cs))
	for i, c := range cs {
		os[i] = c.Overview()
	}
	return cs, os
})

// BenchmarkIdentifiersBuild100k measures building the identifier index from
// 100 000 overviews, as Unlock does.
func BenchmarkIdentifiersBuild100k(b *testing.B) {
	_, os := patternCases()
	for b.Loop() {
		var x patterns.Identifiers
		x.PutAll(os)
		if x.Len() != len(os) {
			b.Fatalf("Len = %d", x.Len())
		}
	}
}

// BenchmarkIdentifiersUpdate100k measures updating the identifier index of
// 100 000 cases when one case is saved.
func BenchmarkIdentifiersUpdate100k(b *testing.B) {
	_, os := patternCases()
	var x patterns.Identifiers
	x.PutAll(os)
	i := 0
	for b.Loop() {
		x.Put(os[i%len(os)])
		i += 7919
	}
}

// BenchmarkSharedIdentifiers100k measures listing the identifiers shared by
// at least two of 100 000 cases (the "Shared identifiers" view).
func BenchmarkSharedIdentifiers100k(b *testing.B) {
	_, os := patternCases()
	var x patterns.Identifiers
	x.PutAll(os)
	for b.Loop() {
		if len(x.Shared(patterns.SharedQuery{})) == 0 {
			b.Fatal("nothing shared")
		}
	}
}

// BenchmarkLinks100k measures the linked-cases panel's query over 100 000
// cases.
func BenchmarkLinks100k(b *testing.B) {
	_, os := patternCases()
	var x patterns.Identifiers
	x.PutAll(os)
	i := 0
	for b.Loop() {
		x.Links(os[i%len(os)].ID)
		i += 7919
	}
}

// BenchmarkDuplicates100k measures duplicate suggestions over 100 000
// cases.
func BenchmarkDuplicates100k(b *testing.B) {
	_, os := patternCases()
	for b.Loop() {
		ds, err := patterns.FindDuplicates(ctx, os, patterns.DupeOptions{})
		if err != nil || len(ds) == 0 {
			b.Fatalf("%d suggestions, %v", len(ds), err)
		}
	}
}
