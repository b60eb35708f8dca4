package vault_test

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"kintrace/cases/vault/vaulttest"
)

// BenchmarkAttachment measures adding and reading attachments of 50 MB and
// 500 MB (skipped with -short): throughput (MB/s from SetBytes) and peak
// memory while it runs, as the Go heap in use above what it was before
// (sampled every 5 ms) and the process's resident-set high-water mark,
// which also counts SQLite's own allocations. Memory that does not grow
// with the file's size shows that both directions stream.
//
//	go test -run '^$' -bench BenchmarkAttachment -benchtime 1x ./cases/
func BenchmarkAttachment(b *testing.B) {
	for _, size := range []int64{50_000_000, 500_000_000} {
		if testing.Short() && size > 50_000_000 {
			continue
		}
		mb := size / 1_000_000
		b.Run(fmt.Sprintf("add/%dMB", mb), func(b *testing.B) {
			v, _, c := attachFixture(b)
			b.SetBytes(size)
			var heap, rss uint64
			for b.Loop() {
				h, r := measurePeak(func() {
					if _, err := v.AddAttachment(ctx, c.ID, nil, "bench.bin", newBenchSource(size), nil); err != nil {
						b.Fatal(err)
					}
				})
				heap, rss = max(heap, h), max(rss, r)
			}
			reportPeak(b, heap, rss)
		})
		b.Run(fmt.Sprintf("read/%dMB", mb), func(b *testing.B) {
			v, _, c := attachFixture(b)
			a, err := v.AddAttachment(ctx, c.ID, nil, "bench.bin", vaulttest.NewPattern(size, 1), nil)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			var heap, rss uint64
			for b.Loop() {
				h, r := measurePeak(func() {
					rc, _, err := v.OpenAttachment(ctx, a.ID)
					if err != nil {
						b.Fatal(err)
					}
					n, err := io.Copy(io.Discard, rc)
					rc.Close()
					if err != nil || n != size {
						b.Fatalf("read %d bytes: %v", n, err)
					}
				})
				heap, rss = max(heap, h), max(rss, r)
			}
			reportPeak(b, heap, rss)
		})
	}
}

// benchSource yields n bytes by repeating a 1 MiB random block, so that the
// benchmark measures Kintrace rather than a random number generator; the
// bytes are encrypted either way.
type benchSource struct {
	block []byte
	off   int
	n     int64
}

func newBenchSource(n int64) *benchSource {
	block := make([]byte, 1<<20)
	rand.NewChaCha8([32]byte{42}).Read(block)
	return &benchSource{block: block, n: n}
}

func (s *benchSource) Read(p []byte) (int, error) {
	if s.n == 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > s.n {
		p = p[:s.n]
	}
	k := copy(p, s.block[s.off:])
	s.off = (s.off + k) % len(s.block)
	s.n -= int64(k)
	return k, nil
}

func reportPeak(b *testing.B, heap, rss uint64) {
	b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MiB")
	if rss > 0 {
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MiB")
	}
}

// measurePeak runs fn and returns the peak Go heap in use above the level
// before fn, and the process's peak resident set during fn (0 where Linux's
// /proc is not available).
func measurePeak(fn func()) (heap, rss uint64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	resetPeakRSS()
	stop := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var top uint64
		var s runtime.MemStats
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				peak <- top
				return
			case <-t.C:
				runtime.ReadMemStats(&s)
				top = max(top, s.HeapInuse)
			}
		}
	}()
	fn()
	close(stop)
	top := <-peak
	if top < base {
		top = base
	}
	return top - base, peakRSS()
}

// resetPeakRSS resets VmHWM (writing 5 to clear_refs, Linux 4.0 and later).
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

func peakRSS() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
