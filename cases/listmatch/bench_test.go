package listmatch

import (
	"context"
	"testing"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/patterns"
)

// BenchmarkMatch3000x100000 is issue 17's speed goal: a 3 000-line list
// against 100 000 cases in at most 10 s on a 2-core machine. The cases are
// overviews in memory (as the unlocked vault's index holds them); building
// them is not timed. Run once: go test ./cases/listmatch -run '^$'
// -bench Match3000 -benchtime=1x.
func BenchmarkMatch3000x100000(b *testing.B) {
	cs := casegen.Generate(100_000, 17)
	os := make([]cases.Overview, len(cs))
	for i := range cs {
		os[i] = cs[i].Overview()
	}
	text, _ := fixtureList(cs, plantable(cs, 40), 3000, 17)
	cs = nil
	lines := ParseText(text)
	b.ResetTimer()
	var found []patterns.ListMatch
	for b.Loop() {
		var err error
		if found, err = Match(context.Background(), lines, os, patterns.MatchOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(found)), "pairs")
}
