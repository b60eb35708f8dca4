package exchange_test

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"kintrace/cases/casegen"
	"kintrace/cases/exchange"
)

func benchEnv(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// BenchmarkExchangeDay simulates one day of a team: workers, each with
// KT_EX_CASES cases (2 000) already sent once to one coordinator, edit 5%
// of their cases, send their changes, and the coordinator takes in the
// day's inbox. It reports, per worker, the bytes of that incremental send
// and of a whole export of the worker's cases (what a team without the
// exchange sends), and the coordinator's intake time per bundle; the
// figures for a team of 50 follow by multiplying (docs/PERFORMANCE.md).
// KT_EX_WORKERS (2) sets how many workers are simulated. Run it with
// -benchtime=1x: the setup (the workers' vaults, the first full sends)
// takes most of the run.
func BenchmarkExchangeDay(b *testing.B) {
	workers, nCases := benchEnv("KT_EX_WORKERS", 2), benchEnv("KT_EX_CASES", 2000)
	c := newPeer(b, "C")
	var ws []*peer
	for i := range workers {
		w := newPeer(b, fmt.Sprintf("W%d", i))
		befriend(b, w, c)
		if _, err := w.v.AddAll(ctx, casegen.Generate(nCases, int64(i+1))); err != nil {
			b.Fatal(err)
		}
		ws = append(ws, w)
	}
	// Day 0: every worker sends everything; the coordinator takes it in.
	var fullBytes int64
	for _, w := range ws {
		res := send(b, w, "C", exchange.SendOptions{})
		if res.Cases != nCases {
			b.Fatalf("first send: %+v", res)
		}
		fullBytes += res.Bytes
		sync(b, w, c)
	}
	start := time.Now()
	receiveAll(b, c)
	fullIntake := time.Since(start)
	for _, w := range ws {
		sync(b, c, w)
		receiveAll(b, w)
	}
	b.ResetTimer()
	for range b.N {
		// The day: 5% of each worker's cases edited.
		edited := nCases / 20
		var incBytes int64
		for _, w := range ws {
			ids := w.v.Search(searchAll)
			for i := range edited {
				edit(b, w, ids[(i*20)%len(ids)].ID, "visit on day "+strconv.Itoa(i))
			}
			res := send(b, w, "C", exchange.SendOptions{})
			if res.Cases != edited {
				b.Fatalf("incremental send: %+v", res)
			}
			incBytes += res.Bytes
			sync(b, w, c)
		}
		start := time.Now()
		got := receiveAll(b, c)
		intake := time.Since(start)
		if got[exchange.StatusReady] != workers {
			b.Fatalf("intake: %v", got)
		}
		b.ReportMetric(float64(incBytes)/float64(workers), "incr-B/worker-day")
		b.ReportMetric(float64(fullBytes)/float64(workers), "full-B/worker")
		b.ReportMetric(intake.Seconds()/float64(workers), "intake-s/bundle")
		b.ReportMetric(fullIntake.Seconds()/float64(workers), "first-intake-s/bundle")
		b.ReportMetric(intake.Seconds()/float64(workers)*50, "intake-s/50-workers")
		b.ReportMetric(float64(incBytes)/float64(workers)*50/1e6, "incr-MB/50-workers-day")
		b.ReportMetric(float64(fullBytes)/float64(workers)*50/1e6, "full-MB/50-workers-day")
		// Fresh outboxes and inboxes for another iteration.
		for _, p := range append(ws, c) {
			for _, d := range []string{p.folder.Outbox(), p.folder.Inbox()} {
				os.RemoveAll(d)
				os.MkdirAll(d, 0o700)
			}
			p.delivered = map[string]bool{}
		}
	}
}
