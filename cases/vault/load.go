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
	seq       int // position in the scan
	row, kind string
	version   int64
	overview  []byte // NULL for records other than cases
	details   []byte
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
func (v *Vault) load(ctx context.Context, k *keyring, progress func(done, total int)) ([]cases.Overview, *search.Batch, string, error) {
	var total int
	if err := v.db.QueryRowContext(ctx, `SELECT count(*) FROM records`).Scan(&total); err != nil {
		return nil, nil, "", err
	}
	if progress != nil {
		progress(0, total)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		acc   headTerm
		owner string
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
					ok, err := v.loadRow(k, lr, &res.acc, &o, in, &res.owner)
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
	var owner string
	for _, r := range results {
		if r.err != nil {
			return nil, nil, "", r.err
		}
		xorInto(&acc, &r.acc)
		if r.owner != "" {
			owner = r.owner
		}
	}
	if scanErr != nil {
		return nil, nil, "", scanErr
	}
	n := prep.Compact(overviews, isCase)
	clear(overviews[n:])
	if len(extra) > 0 {
		prep = nil
		overviews = append(overviews[:n], extra...)
	} else {
		overviews = overviews[:n]
	}
	want, wantCount, err := v.readHead(v.db, k)
	if err != nil {
		return nil, nil, "", err
	}
	if want != acc || wantCount != count {
		return nil, nil, "", ErrTampered
	}
	if progress != nil {
		progress(total, total)
	}
	return overviews, prep, owner, nil
}

// scanRows reads the records table and sends it on in batches, taking
// them from spare when there are any.
func (v *Vault) scanRows(ctx context.Context, batches chan<- *rowBatch, spare chan *rowBatch, total int, progress func(done, total int)) (int64, error) {
	rows, err := v.db.QueryContext(ctx, `SELECT id, kind, version, overview, details FROM records`)
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
		if err := rows.Scan(&lr.row, &lr.kind, &lr.version, &overview, &details); err != nil {
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

// loadRow folds one row into a worker's head accumulator and, for a case,
// decrypts its overview into o and reports true.
func (v *Vault) loadRow(k *keyring, lr *loadedRow, acc *headTerm, o *cases.Overview, in interner, owner *string) (bool, error) {
	t := rowTermHashed(k, lr.row, lr.kind, lr.version, sha256.Sum256(lr.overview), sha256.Sum256(lr.details))
	xorInto(acc, &t)
	switch lr.kind {
	case kindCase:
		pt, err := crypto.Open(k.records, lr.overview, v.ad(kindCase, lr.row, fieldOverview, lr.version))
		if err != nil {
			return false, fmt.Errorf("case overview: %w", err)
		}
		*o, err = decodeOverview(pt, in)
		crypto.Wipe(pt)
		if err != nil {
			return false, fmt.Errorf("case overview: %w", err)
		}
		if o.Version != lr.version {
			return false, fmt.Errorf("case overview: %w", crypto.ErrCorrupt)
		}
		return true, nil
	case kindProfile:
		id, data, err := v.openRecord(k, lr.kind, lr.row, &storedRow{version: lr.version, details: lr.details})
		if err != nil {
			return false, fmt.Errorf("profile: %w", err)
		}
		if id == "owner" {
			*owner = string(data)
		}
	}
	return false, nil
}
