package app

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"kintrace/cases/casegen"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// benchQueries are typed one keystroke at a time, as an advocate would:
// names in either script, a colony, a phone number written another way,
// words from messages.
var benchQueries = []string{
	"лебедев", "sokolov", "ik-17", "мордовия", "8 912 555", "passport", "бухгалтер", "rostov", "контакт",
}

// BenchmarkSearchKeystroke measures, with 100 000 generated cases in a real
// vault, the time from a keystroke in the desk's search box to the case list
// being updated (search, list refresh and the visible rows redrawn), and
// reports its median and 95th percentile. Clearing the box, which lists
// every case again, counts as a keystroke too.
func BenchmarkSearchKeystroke(b *testing.B) {
	const n = 100_000
	b.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(b)
	w := a.NewWindow("")
	w.Resize(fyne.NewSize(1100, 720))
	dir := b.TempDir()
	path := filepath.Join(dir, "bench.kintrace")
	v, _, err := vault.Create(path, []byte(testPassphrase), vault.CreateOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := v.AddAll(context.Background(), casegen.Generate(n, 1)); err != nil {
		b.Fatal(err)
	}
	clock := newFakeClock()
	u := newUI(a, w, path, filepath.Join(dir, "demo.kintrace"), clock)
	u.vault = v
	b.Cleanup(func() { u.shutdown(); w.Close() })
	u.showDesk()
	clock.Advance(completeDelay) // the complete list follows the first page
	waitUI(&u.work)
	d := u.desk
	if got := d.list.Length(); got != n {
		b.Fatalf("desk lists %d cases, want %d", got, n)
	}

	// latencies: keystroke to the list redrawn with the first page;
	// complete: keystroke to the complete result shown, not counting the
	// pause in typing (completeDelay) that starts its search. The benchmark
	// waits for the complete result after each keystroke, as if the user
	// paused after every key.
	var latencies, complete []time.Duration
	keystroke := func(do func()) {
		start := time.Now()
		do()
		latencies = append(latencies, time.Since(start))
		clock.Advance(completeDelay)
		waitUI(&u.work)
		complete = append(complete, time.Since(start))
	}
	for b.Loop() {
		for _, q := range benchQueries {
			for _, r := range q {
				keystroke(func() { d.search.TypedRune(r) })
			}
			keystroke(func() { d.search.SetText("") })
		}
	}
	ms := func(d []time.Duration, p float64) float64 {
		slices.Sort(d)
		i := min(int(p*float64(len(d))), len(d)-1)
		return float64(d[i].Microseconds()) / 1000
	}
	b.ReportMetric(ms(latencies, 0.50), "p50-ms")
	b.ReportMetric(ms(latencies, 0.95), "p95-ms")
	b.ReportMetric(ms(latencies, 1), "max-ms")
	b.ReportMetric(ms(complete, 0.95), "complete-p95-ms")
	b.ReportMetric(float64(len(latencies))/float64(b.N), "keystrokes/op")
}
