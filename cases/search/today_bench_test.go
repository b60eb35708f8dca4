package search_test

import (
	"fmt"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/search"
	"kintrace/internal/cputime"
)

// BenchmarkToday100k computes the Today view (search.Index.Today) over an
// index of 100 000 generated cases holding 300 000 open follow-ups (three
// each, due from 60 days ago to 60 days ahead) and 50 000 sent requests,
// as the GUI does right after unlock: from the overviews in memory,
// opening no case. The bar: ≤ 100 ms (docs/PERFORMANCE.md).
func BenchmarkToday100k(b *testing.B) {
	base := overviews100k(b)
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	day := func(i int) cases.Date {
		t := now.AddDate(0, 0, i%121-60)
		return cases.DayDate(t.Year(), t.Month(), t.Day())
	}
	os := make([]cases.Overview, len(base))
	followUps, requests := 0, 0
	for i, o := range base {
		o.AssignedTo = fmt.Sprintf("worker %d", i%12)
		o.FollowUps = []cases.OpenFollowUp{
			{ID: "F1", Due: day(i), Owner: o.AssignedTo, Note: "call the mother after the answer"},
			{ID: "F2", Due: day(i + 40), Note: "check the hospital list"},
			{ID: "F3", Due: day(i + 80), Note: "send the ombudsperson's form again"},
		}
		followUps += 3
		if i%2 == 0 {
			o.Requests = []cases.OpenRequest{{ID: "R1", Due: day(i + 7), Kind: cases.AuthorityPrisonService, Authority: "UFSIN"}}
			requests++
		}
		os[i] = o
	}
	ix := search.NewIndex()
	ix.PutAll(os)
	var t cases.Today
	cpu0, ok0 := cputime.Process()
	for b.Loop() {
		t = ix.Today(now, 0)
	}
	reportCPU(b, cpu0, ok0)
	b.ReportMetric(float64(followUps), "followups")
	b.ReportMetric(float64(requests), "requests")
	b.ReportMetric(float64(t.Len()), "rows")
	b.ReportMetric(float64(t.Count(cases.TodayFollowUp)), "followup-rows")
}
