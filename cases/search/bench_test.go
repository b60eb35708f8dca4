package search_test

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/search"
	"kintrace/internal/cputime"
)

var (
	bench100kOnce sync.Once
	bench100k     []cases.Overview
)

// overviews100k returns the overviews of 100 000 generated cases, built once
// per test binary.
func overviews100k(b *testing.B) []cases.Overview {
	b.Helper()
	bench100kOnce.Do(func() {
		cs := casegen.Generate(100_000, 1)
		bench100k = make([]cases.Overview, len(cs))
		for i := range cs {
			bench100k[i] = cs[i].Overview()
		}
	})
	return bench100k
}

// BenchmarkIndexBuild100k fills an index with 100 000 overviews, as a vault
// does when it is unlocked (decryption not included).
func BenchmarkIndexBuild100k(b *testing.B) {
	os := overviews100k(b)
	b.Run("PutAll", func(b *testing.B) {
		cpu0, ok0 := cputime.Process()
		for b.Loop() {
			search.NewIndex().PutAll(os)
		}
		reportCPU(b, cpu0, ok0)
		reportHeap(b, os)
	})
	b.Run("Put", func(b *testing.B) {
		cpu0, ok0 := cputime.Process()
		for b.Loop() {
			ix := search.NewIndex()
			for _, o := range os {
				ix.Put(o)
			}
		}
		reportCPU(b, cpu0, ok0)
	})
}

// reportCPU reports the process CPU seconds per operation (all threads,
// garbage collection included): on a shared machine, wall time says more
// about the neighbours than about the index.
func reportCPU(b *testing.B, cpu0 time.Duration, ok0 bool) {
	if cpu1, ok := cputime.Process(); ok && ok0 {
		b.ReportMetric((cpu1-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	}
}

func reportHeap(b *testing.B, os []cases.Overview) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ix := search.NewIndex()
	ix.PutAll(os)
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "index-MiB")
	runtime.KeepAlive(ix)
}

// searchAsYouType is what an advocate types into the search box, keystroke
// by keystroke, plus filter-menu choices.
var searchAsYouType = func() []search.Query {
	var qs []search.Query
	for _, word := range []string{"лебедев", "sergei", "Serhiy Morozov", "юлия", "Щукин", "ИК-17 Мордовия",
		"в/ч 123", "8 (912) 555", "+380 67", "паспорт", "KT-GEN-04711", "hospital Luhansk", "Олександр Ткаченко"} {
		r := []rune(word)
		for i := 1; i <= len(r); i++ {
			qs = append(qs, search.Query{Text: string(r[:i])})
		}
	}
	return append(qs,
		search.Query{Limit: 200},
		search.Query{Sort: search.SortUpdated, Limit: 200},
		search.Query{Status: cases.StatusContactLost, Limit: 200},
		search.Query{Facility: "ИК-17, Мордовия"},
		search.Query{Text: "морозов", Region: "Ростовская область"},
		search.Query{Tag: "passport-request", Verification: cases.VerificationConfirmed, Sort: search.SortNumber},
	)
}()

// BenchmarkIndexSearch100k runs searchAsYouType over 100 000 cases and
// reports the 50th and 95th percentile and the slowest query. "all" returns
// every match (Limit 0), as a list that shows all results needs; "limit=1000"
// returns the first thousand and counts all matches (Search + Count), as a
// list that shows a page and the total needs.
// Early keystrokes match nearly every case, so "all" mostly measures copying
// up to 100 000 overviews into the result.
func BenchmarkIndexSearch100k(b *testing.B) {
	ix := search.NewIndex()
	ix.PutAll(overviews100k(b))
	for _, limit := range []int{0, 1000} {
		name := "all"
		if limit > 0 {
			name = fmt.Sprintf("limit=%d", limit)
		}
		b.Run(name, func(b *testing.B) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			var took, cpu []time.Duration
			results := 0
			for b.Loop() {
				for _, q := range searchAsYouType {
					if q.Limit == 0 {
						q.Limit = limit
					}
					cpu0, cpuOK := cputime.Thread()
					start := time.Now()
					results += len(ix.Search(q))
					if limit > 0 {
						results += ix.Count(q) // a paged list shows the total
					}
					took = append(took, time.Since(start))
					if cpu1, ok := cputime.Thread(); ok && cpuOK {
						cpu = append(cpu, cpu1-cpu0)
					}
				}
			}
			slices.Sort(took)
			ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
			b.ReportMetric(ms(took[len(took)*50/100]), "p50-ms")
			b.ReportMetric(ms(took[len(took)*95/100]), "p95-ms")
			b.ReportMetric(ms(took[len(took)-1]), "max-ms")
			if len(cpu) > 0 {
				// CPU time of the searching thread: what a query costs
				// when the machine is not shared (GC's own workers excluded).
				slices.Sort(cpu)
				b.ReportMetric(ms(cpu[len(cpu)*95/100]), "p95-cpu-ms")
			}
			b.ReportMetric(float64(len(searchAsYouType)), "queries/op")
			if results == 0 {
				b.Fatal("no query found anything")
			}
		})
	}
}
