package app

import (
	"runtime"
	"runtime/debug"
)

// releaseMemory runs at the end of a lock, once every screen that showed
// case data has been dropped and the vault has emptied its index: it lets
// go of what Fyne still holds of the text it drew, overwrites the heap's
// freed memory and returns it to the operating system, so that a memory
// dump of a locked Kintrace finds as little case text as Go allows
// (docs/SECURITY.md, "What stays in memory", has the figures of
// TestMemoryAfterLock).
//
//   - Fyne keeps the measured size of every string it drew in a cache keyed
//     by the string itself for a minute after its last use, and the shaped
//     fonts beside it; a theme change empties both, so the theme is set
//     again (the same one).
//   - A garbage collection frees the dropped screens. Go does not zero
//     freed memory: an object's bytes stay until the space is reused.
//     scrubHeap reuses it, and FreeOSMemory then hands every page without
//     a live object back to the operating system, which zeroes it.
func (u *UI) releaseMemory() {
	s := u.app.Settings()
	s.SetTheme(s.Theme())
	runtime.GC()
	scrubHeap()
	debug.FreeOSMemory()
}

// scrubLimit bounds the bytes scrubHeap allocates.
const scrubLimit = 512 << 20

// scrubHeap overwrites the free slots of the heap's small-object spans:
// for every size class it allocates zeroed byte slices (Go zeroes what it
// hands out) until the heap has to take fresh pages for them, which means
// the class has no free slot left, then lets them all go. Call it right
// after runtime.GC, which leaves the heap swept.
func scrubHeap() {
	old := debug.SetGCPercent(-1) // the slices must stay until every class is done
	defer debug.SetGCPercent(old)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	sizes := make([]int, 0, len(ms.BySize))
	for _, c := range ms.BySize {
		if c.Size > 0 {
			sizes = append(sizes, int(c.Size))
		}
	}
	var hold [][]byte
	total := 0
	for _, size := range sizes {
		batch := max(1, (16<<10)/size)
		for total < scrubLimit {
			before := ms.HeapInuse
			for range batch {
				hold = append(hold, make([]byte, size))
			}
			total += batch * size
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > before {
				break // the heap took fresh pages: no free slot of this size is left
			}
		}
	}
	clear(hold)
	runtime.KeepAlive(hold)
}
