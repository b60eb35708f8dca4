package report_test

import (
	"context"
	"io"
	"testing"

	"kintrace/cases"
	"kintrace/cases/report"
)

// BenchmarkCaseFile100 lays out a selection of 100 cases like the example
// as one PDF.
func BenchmarkCaseFile100(b *testing.B) {
	c := exampleCase(b)
	cs := make([]cases.Case, 100)
	for i := range cs {
		cs[i] = c
	}
	for b.Loop() {
		if err := report.CaseFile(context.Background(), io.Discard, cs, report.Options{Now: prepared}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStatistics10000 counts 10 000 case overviews.
func BenchmarkStatistics10000(b *testing.B) {
	o := exampleCase(b).Overview()
	list := make([]cases.Overview, 10000)
	for i := range list {
		list[i] = o
	}
	for b.Loop() {
		if err := report.Statistics(io.Discard, list, report.StatsOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
