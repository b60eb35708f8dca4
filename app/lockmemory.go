package app

import (
	"runtime"
	"runtime/debug"
)

// releaseMemory runs at the end of a lock, once every screen that showed
// case data has been blanked and dropped and the vault has emptied its
// index: it lets go of what Fyne still holds of the text it drew and
// returns freed memory to the operating system, so that a memory dump of
// a locked Kintrace finds less case text (docs/SECURITY.md, "What stays
// in memory after a lock", has the figures of TestMemoryAfterLock).
//
//   - Fyne keeps the measured size of every string it drew in a cache keyed
//     by the string itself for a minute after its last use, and the shaped
//     fonts beside it; a theme change empties both, so the theme is set
//     again (the same one).
//   - A garbage collection frees the dropped screens, and FreeOSMemory
//     hands every page without a live object back to the operating system,
//     which zeroes it. Go does not zero freed objects that share a page
//     with live ones: their bytes stay until the space is reused.
func (u *UI) releaseMemory() {
	s := u.app.Settings()
	s.SetTheme(s.Theme())
	runtime.GC()
	debug.FreeOSMemory()
}
