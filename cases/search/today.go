package search

import (
	"time"

	"kintrace/cases"
)

// Today computes the Today view (cases.TodayBuilder) from the indexed
// overviews at now, with the given silence threshold in days (0:
// cases.SilenceDays). It opens no case: one pass over the index under its
// read lock.
func (ix *Index) Today(now time.Time, silenceDays int) cases.Today {
	ix.mu.RLock()
	b := cases.NewTodayBuilder(now, silenceDays, 2*ix.live)
	for i := range ix.entries {
		if e := &ix.entries[i]; e.live {
			b.Add(e.o)
		}
	}
	ix.mu.RUnlock()
	return b.Today()
}
