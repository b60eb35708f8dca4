package vault

import (
	"database/sql"
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
	pending map[*sql.Tx][]kindChange       // of the write transactions under way
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

// note records a change made by the transaction tx.
func (x *kindIndex) note(tx *sql.Tx, kind, row string, del bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.pending == nil {
		x.pending = map[*sql.Tx][]kindChange{}
	}
	x.pending[tx] = append(x.pending[tx], kindChange{kind, row, del})
}

// settle applies tx's changes when it committed and drops them either way.
// (The next transaction may begin as soon as tx ends, before settle: hence
// the changes are kept per transaction.)
func (x *kindIndex) settle(tx *sql.Tx, committed bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if committed {
		for _, c := range x.pending[tx] {
			x.apply(c)
		}
	}
	delete(x.pending, tx)
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
// ones and those added by transactions under way. A caller reads each
// and skips one that is gone (deleted by that transaction).
func (x *kindIndex) candidates(kind string) []string {
	x.mu.Lock()
	defer x.mu.Unlock()
	out := make([]string, 0, len(x.rows[kind]))
	for row := range x.rows[kind] {
		out = append(out, row)
	}
	for _, changes := range x.pending {
		for _, c := range changes {
			if c.kind == kind && !c.del {
				if _, ok := x.rows[kind][c.row]; !ok {
					out = append(out, c.row)
				}
			}
		}
	}
	return out
}
