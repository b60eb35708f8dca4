package vault

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"
	"time"

	"kintrace/cases"
	"kintrace/crypto"
)

// Record kinds. A kind is sealed in each row's header (layout.go); new
// kinds of generic records are declared beside the code that uses them.
const (
	kindCase    = "case"
	kindProfile = "profile"
)

// Fields of a row, bound into each blob's associated data.
const (
	fieldOverview = "overview"
	fieldDetails  = "details"
	fieldRevision = "revision"
)

// Revision describes one saved version of a case.
type Revision struct {
	Version int64
	SavedAt time.Time
	SavedBy string
	// Changed lists the field paths that differ from the previous version
	// ("person.name", "events[2].text"); empty for the first version.
	Changed []string
}

// SavedVersion is one saved version of a case with who saved it, when and
// what changed: what a revisions row seals.
type SavedVersion struct {
	SavedAt time.Time  `json:"saved_at"`
	SavedBy string     `json:"saved_by,omitempty"`
	Changed []string   `json:"changed,omitempty"`
	Case    cases.Case `json:"case"`
}

// rowID is the opaque on-disk id of a record: a keyed hash of its kind and
// id, so the table reveals neither the case id nor its creation time.
func rowID(k *keyring, kind, id string) string {
	return rowIDWith(hmac.New(sha256.New, k.rows), kind, id)
}

// rowIDWith is rowID with m, an HMAC under the row-id key, which it resets
// first.
func rowIDWith(m hash.Hash, kind, id string) string {
	m.Reset()
	io.WriteString(m, kind)
	m.Write([]byte{0})
	io.WriteString(m, id)
	var sum [sha256.Size]byte
	return hex.EncodeToString(m.Sum(sum[:0])[:16])
}

func (v *Vault) ad(kind, row, field string, version int64) []byte {
	return crypto.RecordAD(v.id, kind, row, field, version)
}

// storedRow is a row as read from the records table: its sealed blobs,
// and the kind and version its header holds.
type storedRow struct {
	kind              string
	version           int64
	overview, details []byte
}

func (r *storedRow) term(k *keyring, row, kind string) *headTerm {
	t := rowTerm(k, row, kind, r.version, r.overview, r.details)
	return &t
}

type rowContextQuerier interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

// readRow reads a row and opens its header for its kind and version.
func (v *Vault) readRow(q rowContextQuerier, ctx context.Context, k *keyring, row string) (*storedRow, error) {
	var r storedRow
	err := q.QueryRowContext(ctx, `SELECT overview, details FROM records WHERE id = ?`, row).
		Scan(&r.overview, &r.details)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	kind, version, _, pt, err := v.openHeader(k, row, r.overview)
	if err != nil {
		return nil, err
	}
	crypto.Wipe(pt)
	r.kind, r.version = kind, version
	return &r, nil
}

// Add stores a new case. A case without an id gets a new one, without a
// number the vault's next "KT-<prefix>-NNNN", without a version version 1;
// a case that carries them (from a file) keeps them. The case is validated
// first; an id or number already in the vault is ErrExists.
func (v *Vault) Add(ctx context.Context, c cases.Case) (cases.Case, error) {
	added, err := v.AddAll(ctx, []cases.Case{c})
	if err != nil {
		return cases.Case{}, err
	}
	return added[0], nil
}

// AddAll stores several new cases in one transaction: all are written or
// none. Each is treated as Add treats one. The search and identifier
// indexes hold the cases when AddAll returns (see insertNewTx for how the
// work is spread over the CPUs).
func (v *Vault) AddAll(ctx context.Context, cs []cases.Case) ([]cases.Case, error) {
	return v.AddAllProgress(ctx, cs, nil)
}

// bulkCases is the number of new cases from which AddAll writes with a
// rollback journal rather than the WAL (see withRollbackJournal): at
// ~3 KiB of sealed rows a case, a few MiB, where writing every page twice
// (into the WAL, then by the checkpoint into the file) starts to cost more
// than leaving WAL mode. A 50 000-row spreadsheet is 160 MB of rows.
const bulkCases = 1000

// AddAllProgress is AddAll that reports, to progress if it is not nil, how
// many of the cases are sealed and written (done of total), every 64 cases
// and once more when the transaction has committed. progress runs on the
// caller's goroutine inside the write transaction: it must return quickly
// (the GUI wraps it in fyne.Do).
func (v *Vault) AddAllProgress(ctx context.Context, cs []cases.Case, progress func(done, total int)) ([]cases.Case, error) {
	now := time.Now().UTC().Truncate(time.Second)
	out := make([]cases.Case, len(cs))
	overviews := make([]cases.Overview, len(cs))
	var pending *indexPrep
	bulk := len(cs) >= bulkCases
	err := v.withKeys(func(k *keyring) error {
		numbers, err := v.completeNew(cs, out, now)
		if err != nil {
			return err
		}
		write := func(fn func(tx *sql.Tx) error) error { return v.write(ctx, fn) }
		if bulk {
			write = func(fn func(tx *sql.Tx) error) error {
				return v.withRollbackJournal(func() error { return v.write(ctx, fn) })
			}
		}
		return write(func(tx *sql.Tx) error {
			var alloc numberAllocator
			assigned := make([]string, len(out))
			for i := range out {
				if out[i].Number == "" {
					if assigned[i], err = alloc.next(tx, v, numbers); err != nil {
						return err
					}
				}
			}
			var d headDelta
			if err := v.insertNewTx(ctx, tx, k, out, assigned, overviews, &d, progress); err != nil {
				return err
			}
			// The indexes' entries are prepared while the transaction
			// commits, and published only once it has.
			pending = startIndexPrep(overviews)
			if err := alloc.save(tx, v); err != nil {
				return err
			}
			return v.applyHead(tx, k, d)
		})
	})
	if pending != nil {
		pending.wait()
	}
	if err != nil {
		return nil, fmt.Errorf("add case: %w", err)
	}
	if bulk {
		// As WriteTx's bulk: had the journal stayed WAL, do not leave the
		// written bytes in it a second time. The cases are committed.
		v.checkpoint()
	}
	v.indexAll(overviews, pending.bulk, pending.idents)
	if progress != nil {
		progress(len(out), len(out))
	}
	return out, nil
}

// completeNew copies cs into out with the defaults Add gives a new case
// and checks that no id or number is taken, in the vault or earlier in cs.
// It returns the batch's numbers, upper-cased. A case is validated (by
// insertNewTx) after the checks of the cases before it, so on a taken id or
// number the cases before it are validated here to report what AddAll
// reported first.
func (v *Vault) completeNew(cs, out []cases.Case, now time.Time) (map[string]bool, error) {
	numbers := map[string]bool{}
	ids := map[string]bool{}
	for i, c := range cs {
		if c.ID == "" {
			c.ID = cases.NewID()
		}
		if c.Version <= 0 {
			c.Version = 1
		}
		if c.CreatedAt.IsZero() {
			c.CreatedAt = now
		}
		if c.UpdatedAt.IsZero() {
			c.UpdatedAt = c.CreatedAt
		}
		if c.UpdatedBy == "" {
			c.UpdatedBy = v.owner
		}
		var taken error
		if c.Number != "" {
			key := strings.ToUpper(c.Number)
			if _, used := v.numbers.lookup(c.Number); used || numbers[key] {
				taken = fmt.Errorf("case %d: case number: %w", i+1, ErrExists)
			}
			numbers[key] = true
		}
		if taken == nil && ids[c.ID] {
			taken = fmt.Errorf("case %d: case id: %w", i+1, ErrExists)
		}
		if taken != nil {
			for _, earlier := range out[:i] {
				if err := earlier.Validate(); err != nil {
					return nil, err
				}
			}
			return nil, taken
		}
		ids[c.ID] = true
		out[i] = c
	}
	return numbers, nil
}

// Update saves a new version of an existing case. c.Version must be the
// version that was read (optimistic locking): if the vault holds another
// version the save is refused with ErrConflict and nothing is written.
func (v *Vault) Update(ctx context.Context, c cases.Case) (cases.Case, error) {
	var saved cases.Case
	err := v.withKeys(func(k *keyring) error {
		return v.write(ctx, func(tx *sql.Tx) error {
			var err error
			saved, err = v.saveVersionTx(ctx, tx, k, c)
			return err
		})
	})
	if err != nil {
		return cases.Case{}, fmt.Errorf("save case: %w", err)
	}
	v.indexPut(saved.Overview())
	return saved, nil
}

// putCaseTx writes c as its row (replacing prev when not nil), appends its
// revision and updates the integrity head.
func (v *Vault) putCaseTx(ctx context.Context, tx *sql.Tx, k *keyring, c cases.Case, prev *storedRow, rev SavedVersion) error {
	var d headDelta
	if _, err := v.putCaseRowTx(ctx, tx, k, c, prev, rev, &d); err != nil {
		return err
	}
	return v.applyHead(tx, k, d)
}

// putCaseRowTx writes the row and revision and adds the change to the
// head to d, so that a batch updates the head once.
func (v *Vault) putCaseRowTx(ctx context.Context, tx *sql.Tx, k *keyring, c cases.Case, prev *storedRow, _ SavedVersion, d *headDelta) (cases.Overview, error) {
	row := rowID(k, kindCase, c.ID)
	o := c.Overview()
	next, err := v.sealCase(k, row, &c, &o, nil)
	if err != nil {
		return o, err
	}
	if prev == nil {
		// A plain insert: an id already in the vault violates the key.
		_, err = tx.ExecContext(ctx, insertRecord, row, next.overview, next.details)
		if isConstraint(err) {
			return o, fmt.Errorf("case id: %w", ErrExists)
		}
	} else {
		if err := v.archiveTx(ctx, tx, k, row, prev); err != nil {
			return o, err
		}
		_, err = tx.ExecContext(ctx, `UPDATE records SET overview = ?, details = ? WHERE id = ?`,
			next.overview, next.details, row)
	}
	if err != nil {
		return o, err
	}
	if prev != nil {
		d.remove(prev.term(k, row, kindCase))
	}
	d.add(next.term(k, row, kindCase))
	return o, nil
}

// sealCase encodes and seals c's overview o and its details as the blobs
// of its row, with e's buffers (nil: new ones); the plaintext encodings are
// wiped.
func (v *Vault) sealCase(k *keyring, row string, c *cases.Case, o *cases.Overview, e *caseEncoder) (storedRow, error) {
	if e == nil {
		e = &caseEncoder{}
	}
	defer e.wipe()
	next := storedRow{kind: kindCase, version: c.Version}
	ov, det, err := e.encode(c, o)
	if err != nil {
		return next, err
	}
	var ovDst, detDst []byte
	if e.blobs != nil {
		ovDst, detDst = e.blobs.get(), e.blobs.get()
	}
	if next.overview, err = v.sealHeaderTo(ovDst, k, row, kindCase, c.Version, ov); err != nil {
		return next, err
	}
	if next.details, err = sealDetailsTo(detDst, k, det, v.ad(kindCase, row, fieldDetails, c.Version)); err != nil {
		return next, err
	}
	return next, nil
}

// caseEncoder encodes cases for sealing into buffers it keeps from one
// case to the next (a sealing worker has one); wipe clears them.
type caseEncoder struct {
	ov  []byte
	det bytes.Buffer
	js  *json.Encoder
	// blobs, when set, gives the memory of the sealed blobs: AddAll's
	// writer hands each back once SQLite has its copy.
	blobs *blobPool
}

// encode returns o's binary encoding and c's JSON, as json.Marshal writes
// it; both are e's until the next call.
func (e *caseEncoder) encode(c *cases.Case, o *cases.Overview) (ov, det []byte, err error) {
	if e.ov, err = appendOverview(e.ov[:0], o); err != nil {
		return nil, nil, err
	}
	if e.js == nil {
		e.js = json.NewEncoder(&e.det)
	}
	if err := e.js.Encode(c); err != nil {
		return nil, nil, err
	}
	det = e.det.Bytes()
	return e.ov, det[:len(det)-1], nil // without the newline Encode adds
}

// wipe overwrites the plaintext of the last encode. (A buffer that grew
// leaves its smaller array to the collector unwiped, as json.Marshal's
// own buffers are left.)
func (e *caseEncoder) wipe() {
	crypto.Wipe(e.ov)
	crypto.Wipe(e.det.Bytes())
	e.det.Reset()
}

// archiveTx keeps the version being replaced as a revision row. The current
// version lives only in the records row, so adding a case writes one row.
func (v *Vault) archiveTx(ctx context.Context, tx *sql.Tx, k *keyring, row string, prev *storedRow) error {
	old, err := v.openCase(k, row, prev)
	if err != nil {
		return err
	}
	b, err := json.Marshal(SavedVersion{SavedAt: old.UpdatedAt, SavedBy: old.UpdatedBy, Case: old})
	if err != nil {
		return err
	}
	defer crypto.Wipe(b)
	return v.insertRevisionTx(ctx, tx, k, row, prev.version, b)
}

// numberAllocator hands out the vault's next free case numbers within one
// transaction, reading the counter once and writing it back once.
type numberAllocator struct {
	n      int
	loaded bool
}

// next returns the next number not in the index and not in taken (numbers
// of cases being added in the same batch, upper-cased).
func (a *numberAllocator) next(tx *sql.Tx, v *Vault, taken map[string]bool) (string, error) {
	if !a.loaded {
		_, st, err := v.readState(tx, v.keys)
		if err != nil {
			return "", err
		}
		a.n, a.loaded = st.NextNumber, true
	}
	for {
		number := fmt.Sprintf("KT-%s-%04d", v.prefix, a.n)
		a.n++
		if _, used := v.numbers.lookup(number); !used && !taken[number] {
			return number, nil
		}
	}
}

// nextNumber takes the vault's next free case number for a single case.
func (v *Vault) nextNumber(tx *sql.Tx, taken map[string]bool) (string, error) {
	var a numberAllocator
	n, err := a.next(tx, v, taken)
	if err != nil {
		return "", err
	}
	return n, a.save(tx, v)
}

// save writes the counter back if numbers were handed out.
func (a *numberAllocator) save(tx *sql.Tx, v *Vault) error {
	if !a.loaded {
		return nil
	}
	h, st, err := v.readState(tx, v.keys)
	if err != nil {
		return err
	}
	st.NextNumber = a.n
	return v.storeState(tx, v.keys, h, st)
}

func (v *Vault) openCase(k *keyring, row string, r *storedRow) (cases.Case, error) {
	var c cases.Case
	if r.kind != kindCase {
		return c, fmt.Errorf("case record: %w", crypto.ErrCorrupt)
	}
	body, pt, err := openDetails(k, r.details, v.ad(kindCase, row, fieldDetails, r.version))
	if err != nil {
		return c, err
	}
	defer crypto.Wipe(pt)
	if err := json.Unmarshal(body, &c); err != nil {
		return c, fmt.Errorf("case record: %w", crypto.ErrCorrupt)
	}
	if c.Version != r.version {
		return c, fmt.Errorf("case record: %w", crypto.ErrCorrupt)
	}
	return c, nil
}

// resolve maps a case id or case number to the case id.
func (v *Vault) resolve(idOrNumber string) string {
	if id, ok := v.numbers.lookup(idOrNumber); ok {
		return id
	}
	return idOrNumber
}

// Get reads the current version of a case by id or case number.
func (v *Vault) Get(ctx context.Context, idOrNumber string) (cases.Case, error) {
	var c cases.Case
	err := v.withKeys(func(k *keyring) error {
		id := v.resolve(idOrNumber)
		row := rowID(k, kindCase, id)
		r, err := v.readRow(v.db, ctx, k, row)
		if err != nil {
			return err
		}
		c, err = v.openCase(k, row, r)
		return err
	})
	if err != nil {
		return cases.Case{}, fmt.Errorf("read case: %w", err)
	}
	return c, nil
}

// Delete removes a case and its whole history, leaving a tombstone of its
// id (tombstone.go) so that a bundle does not bring it back unasked.
// secure_delete overwrites the freed pages and the WAL is checkpointed and
// truncated afterwards.
func (v *Vault) Delete(ctx context.Context, idOrNumber string) error {
	var id string
	err := v.withKeys(func(k *keyring) error {
		id = v.resolve(idOrNumber)
		row := rowID(k, kindCase, id)
		return v.write(ctx, func(tx *sql.Tx) error {
			prev, err := v.readRow(tx, ctx, k, row)
			if err != nil {
				return err
			}
			if err := v.removeCaseAttachmentsTx(ctx, tx, k, id); err != nil {
				return err
			}
			if err := deleteRevisionsTx(ctx, tx, k, row, prev.version); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM records WHERE id = ?`, row); err != nil {
				return err
			}
			if err := v.updateHead(tx, k, prev.term(k, row, kindCase), nil); err != nil {
				return err
			}
			return v.putTombstoneTx(tx, k, id, prev.version) // tombstone.go
		})
	})
	if err != nil {
		return fmt.Errorf("delete case: %w", err)
	}
	v.indexRemove(id)
	return v.checkpoint()
}

// History lists every saved version of a case, oldest first, with the
// fields each version changed.
func (v *Vault) History(ctx context.Context, idOrNumber string) ([]Revision, error) {
	var out []Revision
	err := v.withKeys(func(k *keyring) error {
		vs, err := v.versionsQ(ctx, v.db, k, rowID(k, kindCase, v.resolve(idOrNumber)))
		if err != nil {
			return err
		}
		for _, rb := range vs {
			out = append(out, Revision{Version: rb.Case.Version, SavedAt: rb.SavedAt, SavedBy: rb.SavedBy, Changed: rb.Changed})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	return out, nil
}

// Revision reads one version of a case, past or current.
func (v *Vault) Revision(ctx context.Context, idOrNumber string, version int64) (cases.Case, error) {
	var c cases.Case
	err := v.withKeys(func(k *keyring) error {
		rb, err := v.versionQ(ctx, v.db, k, rowID(k, kindCase, v.resolve(idOrNumber)), version)
		c = rb.Case
		return err
	})
	if err != nil {
		return cases.Case{}, fmt.Errorf("read version: %w", err)
	}
	return c, nil
}

// versionsQ reads every version of a case row, oldest first: the past ones
// from revisions and the current one from its row. Changed is computed by
// comparing each version with the one before.
func (v *Vault) versionsQ(ctx context.Context, q querier, k *keyring, row string) ([]SavedVersion, error) {
	cur, err := v.readRow(q, ctx, k, row)
	if err != nil {
		return nil, err
	}
	c, err := v.openCase(k, row, cur)
	if err != nil {
		return nil, err
	}
	raw, err := readRevisions(ctx, q, k, row, cur.version)
	if err != nil {
		return nil, err
	}
	out := make([]SavedVersion, 0, len(raw)+1)
	for _, r := range raw {
		rb, err := v.openRevision(k, row, r.version, r.details)
		if err != nil {
			return nil, err
		}
		out = append(out, rb)
	}
	out = append(out, SavedVersion{SavedAt: c.UpdatedAt, SavedBy: c.UpdatedBy, Case: c})
	for i := range out {
		out[i].Changed = nil
		if i > 0 {
			out[i].Changed = cases.Diff(out[i-1].Case, out[i].Case)
		}
	}
	return out, nil
}

// versionQ reads one version of a case row, past or current.
func (v *Vault) versionQ(ctx context.Context, q querier, k *keyring, row string, version int64) (SavedVersion, error) {
	cur, err := v.readRow(q, ctx, k, row)
	if err != nil {
		return SavedVersion{}, err
	}
	if version == cur.version {
		c, err := v.openCase(k, row, cur)
		return SavedVersion{SavedAt: c.UpdatedAt, SavedBy: c.UpdatedBy, Case: c}, err
	}
	if version > cur.version || version < 1 {
		return SavedVersion{}, ErrNotFound
	}
	var data []byte
	err = q.QueryRowContext(ctx, `SELECT data FROM revisions WHERE id = ?`, revisionID(k, row, version)).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return SavedVersion{}, ErrNotFound
	}
	if err != nil {
		return SavedVersion{}, err
	}
	return v.openRevision(k, row, version, data)
}

func (v *Vault) openRevision(k *keyring, row string, version int64, data []byte) (SavedVersion, error) {
	var rb SavedVersion
	body, pt, err := openDetails(k, data, v.ad(kindCase, row, fieldRevision, version))
	if err != nil {
		return rb, err
	}
	defer crypto.Wipe(pt)
	if err := json.Unmarshal(body, &rb); err != nil || rb.Case.Version != version {
		return rb, fmt.Errorf("revision: %w", crypto.ErrCorrupt)
	}
	return rb, nil
}

// Each calls fn with the current version of every case, in no particular
// order, reading and decrypting them one at a time. fn must not call the
// vault: the vault holds its keys for fn (a Lock waits until Each returns).
func (v *Vault) Each(ctx context.Context, fn func(cases.Case) error) error {
	err := v.withKeys(func(k *keyring) error {
		return v.scanKind(ctx, v.db, k, kindCase, func(row string, r *storedRow) error {
			c, err := v.openCase(k, row, r)
			if err != nil {
				return err
			}
			return fn(c)
		})
	})
	if err != nil {
		return fmt.Errorf("read cases: %w", err)
	}
	return nil
}

// putRevisionTx stores one past version of a case row (the row itself must
// exist: revisions reference it).
func (v *Vault) putRevisionTx(ctx context.Context, tx *sql.Tx, k *keyring, row string, rb SavedVersion) error {
	b, err := json.Marshal(rb)
	if err != nil {
		return err
	}
	defer crypto.Wipe(b)
	return v.insertRevisionTx(ctx, tx, k, row, rb.Case.Version, b)
}

// saveVersionTx saves c as the next version of its case inside tx: the one
// optimistic-lock check of the vault (Update, ResolveConflict, Merge and
// UndoMerge go through it). c.Version must be the stored version, else
// ErrConflict; number and creation time stay the stored ones.
func (v *Vault) saveVersionTx(ctx context.Context, tx *sql.Tx, k *keyring, c cases.Case) (cases.Case, error) {
	row := rowID(k, kindCase, c.ID)
	prev, err := v.readRow(tx, ctx, k, row)
	if err != nil {
		return cases.Case{}, err
	}
	if prev.version != c.Version {
		return cases.Case{}, ErrConflict
	}
	old, err := v.openCase(k, row, prev)
	if err != nil {
		return cases.Case{}, err
	}
	c.Number = old.Number
	c.CreatedAt = old.CreatedAt
	c.Version = old.Version + 1
	c.UpdatedAt = time.Now().UTC().Truncate(time.Second)
	if !c.UpdatedAt.After(old.UpdatedAt) {
		c.UpdatedAt = old.UpdatedAt.Add(time.Second)
	}
	c.UpdatedBy = v.owner
	if err := c.Validate(); err != nil {
		return cases.Case{}, err
	}
	rev := SavedVersion{SavedAt: c.UpdatedAt, SavedBy: c.UpdatedBy, Changed: cases.Diff(old, c), Case: c}
	return c, v.putCaseTx(ctx, tx, k, c, prev, rev)
}
