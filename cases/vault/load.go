package vault

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"runtime"
	"sync"

	"kintrace/cases"
	"kintrace/cases/search"
	"kintrace/crypto"
)

// loadBatch is how many rows the scanner hands to a worker at a time.
const loadBatch = 256

// loadedRow is a row as the scanner passes it on, its blobs still sealed.
type loadedRow struct {
	seq      int // position in the scan
	row      string
	overview []byte // the row header (and a case's overview)
	details  []byte
}

// loaded is what unlocking reads from the file.
type loaded struct {
	overviews []cases.Overview
	prep      *search.Batch
	owner     string
	kinds     map[string]map[string]struct{} // rows of each kind but cases
	state     *vaultState
	stale     []string // rows of cases whose sealed overview is outdated
}

// rowBatch is a run of rows whose blobs are copied into one arena, which
// goes back to the scanner for reuse once a worker is done with it.
type rowBatch struct {
	rows  []loadedRow
	arena []byte
}

// load reads every row once at unlock: it decrypts the case overviews for
// the index (details stay sealed until a case is opened), reads the owner's
// name, and recomputes the integrity head from the rows to compare it with
// the stored one. One goroutine scans SQLite; workers on every CPU hash the
// blobs, compute head terms and decrypt overviews. It writes nothing.
//
// The workers also do the first step of filling the search index (see
// Index.PutAll) on each overview as they decode it, while it is in the
// cache; the result is nil when rows turned up that the count did not
// include, for Index.PutOwned to do that step itself.
func (v *Vault) load(ctx context.Context, k *keyring, progress func(done, total int)) (*loaded, error) {
	var total int
	if err := v.db.QueryRowContext(ctx, `SELECT count(*) FROM records`).Scan(&total); err != nil {
		return nil, err
	}
	if progress != nil {
		progress(0, total)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		acc   headTerm
		owner string
		kinds []kindChange
		stale []string
		err   error
	}
	batches := make(chan *rowBatch, 4)
	workers := max(1, runtime.GOMAXPROCS(0))
	// Batches done with, for the scanner to fill again: enough for every
	// batch that can be in flight, so that a worker never waits to return
	// one.
	spare := make(chan *rowBatch, cap(batches)+workers+1)
	results := make([]result, workers)
	// Each case's overview goes to its row's position in the scan, so the
	// workers fill one array and nothing is copied afterwards. Rows added
	// since the count (the vault is not written during unlock, but a count
	// is no promise) go to extra.
	overviews := make([]cases.Overview, total)
	isCase := make([]bool, total)
	prep := search.NewBatch(total, workers)
	var extraMu sync.Mutex
	var extra []cases.Overview
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			res := &results[w]
			// Facilities, regions, tags and many phrases repeat across
			// cases: each worker keeps one copy of each string it decodes.
			in := make(interner, 1<<14)
			bw := prep.Worker(w, total/workers+1)
			for batch := range batches {
				if res.err != nil {
					continue // drain
				}
				for i := range batch.rows {
					lr := &batch.rows[i]
					var o cases.Overview
					ok, err := v.loadRow(k, lr, &res.acc, &o, in, &res.owner, &res.kinds, &res.stale)
					if err != nil {
						res.err = err
						cancel()
						break
					}
					switch {
					case !ok:
					case lr.seq < total:
						overviews[lr.seq] = o
						isCase[lr.seq] = true
						bw.Prepare(&overviews[lr.seq], lr.seq)
					default:
						extraMu.Lock()
						extra = append(extra, o)
						extraMu.Unlock()
					}
				}
				spare <- batch
			}
			if res.err == nil {
				bw.Finish()
			}
		})
	}

	count, scanErr := v.scanRows(ctx, batches, spare, total, progress)
	close(batches)
	wg.Wait()

	var acc headTerm
	out := &loaded{kinds: map[string]map[string]struct{}{}}
	kinds := kindIndex{rows: out.kinds}
	for _, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		xorInto(&acc, &r.acc)
		if r.owner != "" {
			out.owner = r.owner
		}
		for _, c := range r.kinds {
			kinds.apply(c)
		}
		out.stale = append(out.stale, r.stale...)
	}
	if scanErr != nil {
		return nil, scanErr
	}
	n := prep.Compact(overviews, isCase)
	clear(overviews[n:])
	if len(extra) > 0 {
		prep = nil
		overviews = append(overviews[:n], extra...)
	} else {
		overviews = overviews[:n]
	}
	h, st, err := v.readState(v.db, k)
	if err != nil {
		return nil, err
	}
	var revisions, chunks int64
	if err := v.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM revisions), (SELECT count(*) FROM attachment_chunks)`).
		Scan(&revisions, &chunks); err != nil {
		return nil, err
	}
	if h.acc != acc || h.count != count || h.revisions != revisions || h.chunks != chunks {
		return nil, ErrTampered
	}
	if progress != nil {
		progress(total, total)
	}
	out.overviews, out.prep, out.state = overviews, prep, st
	return out, nil
}

// scanRows reads the records table and sends it on in batches, taking
// them from spare when there are any.
func (v *Vault) scanRows(ctx context.Context, batches chan<- *rowBatch, spare chan *rowBatch, total int, progress func(done, total int)) (int64, error) {
	rows, err := v.db.QueryContext(ctx, `SELECT id, overview, details FROM records`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var count int64
	next := func() *rowBatch {
		select {
		case b := <-spare:
			b.rows, b.arena = b.rows[:0], b.arena[:0]
			return b
		default:
			// Room for a batch of cases of a few KiB each, so that the
			// arena seldom grows.
			return &rowBatch{rows: make([]loadedRow, 0, loadBatch), arena: make([]byte, 0, loadBatch<<12)}
		}
	}
	// The blobs are the driver's memory until the next row: they are
	// copied into the batch's arena, by offset while it may still grow.
	type span struct{ ov0, ov1, det1 int }
	var spans [loadBatch]span
	send := func(b *rowBatch) bool {
		for i := range b.rows {
			sp := spans[i]
			if sp.ov1 > sp.ov0 {
				b.rows[i].overview = b.arena[sp.ov0:sp.ov1:sp.ov1]
			}
			b.rows[i].details = b.arena[sp.ov1:sp.det1:sp.det1]
		}
		select {
		case batches <- b:
			return true
		case <-ctx.Done():
			return false
		}
	}
	batch := next()
	for rows.Next() {
		lr := loadedRow{seq: int(count)}
		var overview, details sql.RawBytes
		if err := rows.Scan(&lr.row, &overview, &details); err != nil {
			return count, err
		}
		sp := span{ov0: len(batch.arena)}
		batch.arena = append(batch.arena, overview...)
		sp.ov1 = len(batch.arena)
		batch.arena = append(batch.arena, details...)
		sp.det1 = len(batch.arena)
		spans[len(batch.rows)] = sp
		batch.rows = append(batch.rows, lr)
		count++
		if len(batch.rows) == loadBatch {
			if !send(batch) {
				return count, ctx.Err()
			}
			batch = next()
			if progress != nil {
				progress(int(count), total)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return count, err
	}
	if len(batch.rows) > 0 && !send(batch) {
		return count, ctx.Err()
	}
	return count, nil
}

// loadRow opens one row's header, folds the row into a worker's head
// accumulator and, for a case, decodes its overview into o and reports
// true; the rows of other kinds are added to kinds.
//
// A case whose sealed overview is of an older encoding (overviewIsStale) has
// its row added to stale, for Unlock to store the overview anew; when that
// encoding lacks a field (overviewNeedsCase), the case is opened in full
// and its overview computed anew.
func (v *Vault) loadRow(k *keyring, lr *loadedRow, acc *headTerm, o *cases.Overview, in interner, owner *string, kinds *[]kindChange, stale *[]string) (bool, error) {
	kind, version, body, pt, err := v.openHeader(k, lr.row, lr.overview)
	if err != nil {
		return false, fmt.Errorf("row header: %w", err)
	}
	defer crypto.Wipe(pt)
	t := rowTermHashed(k, lr.row, kind, version, sha256.Sum256(lr.overview), sha256.Sum256(lr.details))
	xorInto(acc, &t)
	switch kind {
	case kindCase:
		*o, err = decodeOverview(body, in)
		if err != nil {
			return false, fmt.Errorf("case overview: %w", err)
		}
		if o.Version != version {
			return false, fmt.Errorf("case overview: %w", crypto.ErrCorrupt)
		}
		if overviewNeedsCase(body) {
			c, err := v.openCase(k, lr.row, &storedRow{kind: kind, version: version, details: lr.details})
			if err != nil {
				return false, err
			}
			*o = c.Overview()
		}
		if overviewIsStale(body) {
			*stale = append(*stale, lr.row)
		}
		return true, nil
	case kindProfile:
		id, data, err := v.openRecord(k, kind, lr.row, &storedRow{kind: kind, version: version, details: lr.details})
		if err != nil {
			return false, fmt.Errorf("profile: %w", err)
		}
		if id == "owner" {
			*owner = string(data)
		}
	}
	*kinds = append(*kinds, kindChange{kind: kind, row: lr.row})
	return false, nil
}
