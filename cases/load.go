package cases

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"

	"kintrace/crypto"
)

// loadBatch is how many rows the scanner hands to a worker at a time.
const loadBatch = 256

// loadedRow is a row as the scanner passes it on: the details blob is
// already hashed (it stays sealed) and only the overview is kept.
type loadedRow struct {
	row, kind string
	version   int64
	overview  []byte
	details   [sha256.Size]byte
	record    []byte // details of a profile record, which unlock reads
}

// load reads every row once at unlock: it decrypts the case overviews for
// the index (details stay sealed until a case is opened), reads the owner's
// name, and recomputes the integrity head from the rows to compare it with
// the stored one. One goroutine scans SQLite and hashes; workers on every
// CPU compute head terms and decrypt overviews. It writes nothing.
func (v *Vault) load(ctx context.Context, k *keyring, progress func(done, total int)) ([]Overview, string, error) {
	var total int
	if err := v.db.QueryRowContext(ctx, `SELECT count(*) FROM records`).Scan(&total); err != nil {
		return nil, "", err
	}
	if progress != nil {
		progress(0, total)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		acc       headTerm
		overviews []Overview
		owner     string
		err       error
	}
	batches := make(chan []loadedRow, 4)
	workers := max(1, runtime.GOMAXPROCS(0))
	results := make([]result, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			res := &results[w]
			for batch := range batches {
				if res.err != nil {
					continue // drain
				}
				for i := range batch {
					if err := v.loadRow(k, &batch[i], &res.acc, &res.overviews, &res.owner); err != nil {
						res.err = err
						cancel()
						break
					}
				}
			}
		})
	}

	count, scanErr := v.scanRows(ctx, batches, total, progress)
	close(batches)
	wg.Wait()

	var acc headTerm
	var owner string
	overviews := make([]Overview, 0, total)
	for _, r := range results {
		if r.err != nil {
			return nil, "", r.err
		}
		xorInto(&acc, &r.acc)
		overviews = append(overviews, r.overviews...)
		if r.owner != "" {
			owner = r.owner
		}
	}
	if scanErr != nil {
		return nil, "", scanErr
	}
	want, wantCount, err := v.readHead(v.db, k)
	if err != nil {
		return nil, "", err
	}
	if want != acc || wantCount != count {
		return nil, "", ErrTampered
	}
	if progress != nil {
		progress(total, total)
	}
	return overviews, owner, nil
}

// scanRows reads the records table and sends it on in batches.
func (v *Vault) scanRows(ctx context.Context, batches chan<- []loadedRow, total int, progress func(done, total int)) (int64, error) {
	rows, err := v.db.QueryContext(ctx, `SELECT id, kind, version, overview, details FROM records`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var count int64
	batch := make([]loadedRow, 0, loadBatch)
	for rows.Next() {
		var lr loadedRow
		var overview, details []byte
		if err := rows.Scan(&lr.row, &lr.kind, &lr.version, &overview, &details); err != nil {
			return count, err
		}
		lr.details = sha256.Sum256(details)
		lr.overview = overview
		if lr.kind == kindProfile {
			lr.record = details
		}
		batch = append(batch, lr)
		count++
		if len(batch) == loadBatch {
			select {
			case batches <- batch:
			case <-ctx.Done():
				return count, ctx.Err()
			}
			batch = make([]loadedRow, 0, loadBatch)
			if progress != nil {
				progress(int(count), total)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return count, err
	}
	if len(batch) > 0 {
		batches <- batch
	}
	return count, nil
}

// loadRow folds one row into a worker's head accumulator and, for a case,
// decrypts its overview.
func (v *Vault) loadRow(k *keyring, lr *loadedRow, acc *headTerm, overviews *[]Overview, owner *string) error {
	t := rowTermHashed(k, lr.row, lr.kind, lr.version, sha256.Sum256(lr.overview), lr.details)
	xorInto(acc, &t)
	switch lr.kind {
	case kindCase:
		pt, err := crypto.Open(k.records, lr.overview, v.ad(kindCase, lr.row, fieldOverview, lr.version))
		if err != nil {
			return fmt.Errorf("case overview: %w", err)
		}
		var o Overview
		err = json.Unmarshal(pt, &o)
		crypto.Wipe(pt)
		if err != nil || o.Version != lr.version {
			return fmt.Errorf("case overview: %w", crypto.ErrCorrupt)
		}
		*overviews = append(*overviews, o)
	case kindProfile:
		id, data, err := v.openRecord(k, lr.kind, lr.row, &storedRow{version: lr.version, details: lr.record})
		if err != nil {
			return fmt.Errorf("profile: %w", err)
		}
		if id == "owner" {
			*owner = string(data)
		}
	}
	return nil
}
