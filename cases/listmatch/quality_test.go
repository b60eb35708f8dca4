package listmatch

import (
	"context"
	"testing"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/patterns"
)

// topResults is how far down a line's candidates a planted case may be
// and count as found.
const topResults = 3

// TestQualityPlantedList is the acceptance test of issue 17: a 3 000-line
// list with 40 planted matches against a 10 000-case generated vault.
// At least 38 of the 40 must be among their line's top results, and fewer
// than 60 other pairs may be proposed above the default threshold.
func TestQualityPlantedList(t *testing.T) {
	cs := casegen.Generate(10_000, 17)
	os := make([]cases.Overview, len(cs))
	for i := range cs {
		os[i] = cs[i].Overview()
	}
	text, planted := fixtureList(cs, plantable(cs, 40), 3000, 17)
	lines := ParseText(text)
	if len(lines) != 3000 {
		t.Fatalf("parsed %d lines of 3000", len(lines))
	}
	found, err := Match(context.Background(), lines, os, patterns.MatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// found is best first; a line's candidates come in its own order.
	perLine := map[int][]patterns.ListMatch{}
	for _, m := range found {
		perLine[m.Line] = append(perLine[m.Line], m)
	}
	year := map[string]int{}
	for _, o := range os {
		year[o.ID] = o.BirthYear
	}
	hits, falses, ties := 0, 0, 0
	hitRow := map[int]bool{}
	for li, ms := range perLine {
		row := lines[li].Row
		id, isPlanted := planted[row]
		plantedScore := -1
		for i, m := range ms {
			if isPlanted && id == m.Case.ID {
				plantedScore = m.Score
				if i < topResults {
					hits++
					hitRow[row] = true
				}
			}
		}
		for _, m := range ms {
			switch {
			case isPlanted && id == m.Case.ID:
			case m.Score == plantedScore && year[m.Case.ID] == year[id]:
				// The generated vault has namesakes: a case whose name and
				// birth year give exactly the planted case's evidence is
				// the same person as far as any list can tell.
				ties++
			default:
				falses++
			}
		}
	}
	for row, id := range planted {
		if !hitRow[row] {
			var got []string
			for _, m := range perLine[row-1] {
				got = append(got, m.Case.Number)
			}
			t.Logf("missed row %d (case %s): %q proposed %v", row, id[len(id)-5:], lines[row-1].Text, got)
		}
	}
	precision := float64(hits) / float64(hits+falses+ties)
	recall := float64(hits) / float64(len(planted))
	t.Logf("planted %d, found %d in the top %d; other pairs proposed %d: %d false, %d namesakes tied with the planted case; precision %.2f (%.2f without the ties), recall %.2f",
		len(planted), hits, topResults, falses+ties, falses, ties, precision, float64(hits)/float64(hits+falses), recall)
	if hits < 38 {
		t.Errorf("found %d of %d planted matches, want at least 38", hits, len(planted))
	}
	if falses >= 60 {
		t.Errorf("%d false candidates above the default threshold, want fewer than 60", falses)
	}
}
