package vault

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/search"
)

// Adding many cases (AddAll) is a pipeline, as unlocking is. Workers on
// every CPU validate, encode and seal the cases and compute their terms of
// the integrity head, a run of cases at a time, while the calling
// goroutine, SQLite's one writer, inserts the sealed rows in order. While
// the transaction commits (mostly waiting for the disk), the search and
// identifier indexes' entries are prepared on every CPU; they are
// published only once the commit has succeeded.

// sealRun is how many cases a worker takes at a time, and sealAheadRuns
// how many runs the workers may have sealed before the writer has inserted
// them: the sealed blobs waiting in memory stay a few MiB.
const (
	sealRun       = 64
	sealAheadRuns = 8
)

// newCaseRow is a case of AddAll, sealed by a worker for the writer.
type newCaseRow struct {
	row     string
	r       storedRow
	term    headTerm
	invalid error // from Validate
	err     error // from encoding or sealing
}

// sealNew validates c as given, gives it its assigned number (if any) and
// seals it as a new row into r; o receives its overview.
func (v *Vault) sealNew(k *keyring, c *cases.Case, number string, o *cases.Overview, r *newCaseRow, e *caseEncoder, h *rowHasher) {
	if r.invalid = c.Validate(); r.invalid != nil {
		return
	}
	if number != "" {
		c.Number = number
	}
	*o = c.Overview()
	r.row = h.rowID(kindCase, c.ID)
	if r.r, r.err = v.sealCase(k, r.row, c, o, e); r.err != nil {
		return
	}
	r.term = h.term(r.row, kindCase, r.r.version, r.r.overview, r.r.details)
}

// insertNewTx validates, seals and inserts the new cases cs within tx,
// giving cs[i] the number assigned[i] when that is not empty, and adds
// their terms to d; os[i] receives cs[i]'s overview. The errors are those
// of checking every case first and inserting them afterwards: the first
// case that does not validate, else the first that failed to seal or to
// insert. progress, if not nil, hears the cases inserted after each run of
// sealRun.
func (v *Vault) insertNewTx(ctx context.Context, tx *sql.Tx, k *keyring, cs []cases.Case, assigned []string, os []cases.Overview, d *headDelta, progress func(done, total int)) error {
	stmt, err := tx.PrepareContext(ctx, insertRecordAt)
	if err != nil {
		return err
	}
	defer stmt.Close()
	rowids, err := randomRowids(len(cs))
	if err != nil {
		return err
	}

	runs := (len(cs) + sealRun - 1) / sealRun
	rows := make([]newCaseRow, len(cs))
	sealed := make([]chan struct{}, runs) // closed when run j is sealed
	for j := range sealed {
		sealed[j] = make(chan struct{})
	}
	ahead := make(chan struct{}, sealAheadRuns) // a token per run in flight
	quit := make(chan struct{})
	var next atomic.Int64
	var wg sync.WaitGroup
	var blobs blobPool
	seal := func() {
		e := caseEncoder{blobs: &blobs}
		h := newRowHasher(k)
		for {
			select {
			case ahead <- struct{}{}:
			case <-quit:
				return
			}
			j := int(next.Add(1) - 1)
			if j >= runs {
				<-ahead
				return
			}
			for i := j * sealRun; i < min(len(cs), (j+1)*sealRun); i++ {
				v.sealNew(k, &cs[i], assigned[i], &os[i], &rows[i], &e, h)
			}
			close(sealed[j])
		}
	}
	if runs == 1 {
		seal() // a few cases (Add): not worth a goroutine
	} else {
		for range min(runtime.GOMAXPROCS(0), runs) {
			wg.Go(seal)
		}
	}
	defer func() {
		close(quit)
		wg.Wait()
	}()

	var failed error // the first error after which nothing more is inserted
	for j := range runs {
		select {
		case <-sealed[j]:
		case <-ctx.Done():
			return ctx.Err()
		}
		for i := j * sealRun; i < min(len(cs), (j+1)*sealRun); i++ {
			r := &rows[i]
			switch {
			case r.invalid != nil:
				return r.invalid
			case failed != nil:
			case r.err != nil:
				failed = fmt.Errorf("case %d: %w", i+1, r.err)
			default:
				_, err := stmt.ExecContext(ctx, rowids[i], r.row, r.r.overview, r.r.details)
				switch {
				case isConstraint(err): // an id already in the vault
					failed = fmt.Errorf("case %d: case id: %w", i+1, ErrExists)
				case err != nil:
					failed = fmt.Errorf("case %d: %w", i+1, err)
				default:
					d.add(&r.term)
				}
			}
			blobs.put(r.r.overview) // SQLite has its copy of the blobs
			blobs.put(r.r.details)
			r.r = storedRow{}
		}
		<-ahead
		if progress != nil && failed == nil {
			progress(min(len(cs), (j+1)*sealRun), len(cs))
		}
	}
	return failed
}

// blobPool is the memory of sealed blobs on their way from AddAll's
// sealing workers to its writer: ciphertext, so a buffer is reused as it
// is. Without it a 50 000-case AddAll allocated (and the kernel had to
// supply, page by page) 150 MB of blobs that lived for a moment each.
type blobPool struct{ p sync.Pool }

func (b *blobPool) get() []byte {
	if s, ok := b.p.Get().(*[]byte); ok {
		return *s
	}
	return nil
}

func (b *blobPool) put(s []byte) {
	if cap(s) > 0 {
		b.p.Put(&s)
	}
}

// randomRowids returns n random SQLite rowids in ascending order. AddAll
// inserts its rows at them in that order: the rowids are as random as
// insertRecord's (the table's order still says nothing of when a row was
// written), but SQLite walks the table's B-tree once from start to end
// instead of jumping to a random page for every row, which at 50 000
// cases was more than half of AddAll's time (docs/PERFORMANCE.md).
func randomRowids(n int) ([]int64, error) {
	b := make([]byte, 8*n)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(binary.LittleEndian.Uint64(b[8*i:]))
	}
	slices.Sort(ids)
	return ids, nil
}

// indexPrep is the search and identifier indexes' entries for a batch of
// overviews, prepared in the background.
type indexPrep struct {
	wg     sync.WaitGroup
	bulk   *search.Batch
	idents *patterns.Batch
}

// startIndexPrep starts preparing the index entries of os, which the
// indexes will keep (see Index.putAll's owned): neither os nor its
// overviews' slices may change after.
func startIndexPrep(os []cases.Overview) *indexPrep {
	p := &indexPrep{}
	p.wg.Go(func() { p.bulk = search.Prepare(os) })
	p.wg.Go(func() { p.idents = patterns.Prepare(os) })
	return p
}

// wait waits until p is prepared.
func (p *indexPrep) wait() { p.wg.Wait() }
