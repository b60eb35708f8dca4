package vault

import (
	"sync"
)

// Record kinds are a concept of the code, not a column of the file: a
// row's kind is sealed in its header (layout.go). While the vault is
// unlocked, kindIndex remembers which rows hold records of each kind other
// than cases (cases are found through the search index, or by a scan), so
// that listing the contacts or the attachments does not decrypt every row.
// It is filled at unlock from the headers and kept up to date by every
// write: a write transaction's changes are pending until it commits.
//
// A new kind needs nothing here: putRecordTx and the deletes note every
// generic record.
type kindIndex struct {
	mu      sync.Mutex
	rows    map[string]map[string]struct{} // kind -> row ids
	pending []kindChange                   // of the write transaction under way
}

type kindChange struct {
	kind, row string
	del       bool
}

// reset replaces the index by rows (nil: empty).
func (x *kindIndex) reset(rows map[string]map[string]struct{}) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.rows, x.pending = rows, nil
}

// note records a change of the transaction under way.
func (x *kindIndex) note(kind, row string, del bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.pending = append(x.pending, kindChange{kind, row, del})
}

// settle applies the pending changes when the transaction committed and
// drops them either way.
func (x *kindIndex) settle(committed bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if committed {
		for _, c := range x.pending {
			x.apply(c)
		}
	}
	x.pending = nil
}

func (x *kindIndex) apply(c kindChange) {
	if x.rows == nil {
		x.rows = map[string]map[string]struct{}{}
	}
	set := x.rows[c.kind]
	if c.del {
		delete(set, c.row)
		return
	}
	if set == nil {
		set = map[string]struct{}{}
		x.rows[c.kind] = set
	}
	set[c.row] = struct{}{}
}

// candidates returns the rows that may hold records of kind: the committed
// ones and those added by the transaction under way. A caller reads each
// and skips one that is gone (deleted by that transaction).
func (x *kindIndex) candidates(kind string) []string {
	x.mu.Lock()
	defer x.mu.Unlock()
	out := make([]string, 0, len(x.rows[kind]))
	for row := range x.rows[kind] {
		out = append(out, row)
	}
	for _, c := range x.pending {
		if c.kind == kind && !c.del {
			if _, ok := x.rows[kind][c.row]; !ok {
				out = append(out, c.row)
			}
		}
	}
	return out
}
