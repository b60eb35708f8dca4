package vault

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	gohash "hash"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"kintrace/cases"
	"kintrace/cases/media"
	"kintrace/crypto"
)

// Attachments (screenshots, voice messages, photos, scans) are stored as
// SECURITY.md says: each has its own random key and nonce prefix, its bytes
// are sealed in 64 KiB STREAM chunks (crypto.SealChunk) stored as rows of
// attachment_chunks, and its metadata — case, event, file name, media type,
// size, SHA-256 of the plaintext, time added, number of chunks, key and
// prefix — is one sealed generic record of kind "attachment". Chunks and
// metadata are written in one transaction, so SQLite's atomic commit covers
// them: a cancelled or failed add leaves nothing behind.
//
// The metadata record is counted in the integrity head like any record. The
// chunk rows are not: the sealed metadata binds them instead (their number,
// the key that authenticates each one with its index and last-chunk flag,
// and the SHA-256 of the whole plaintext), so any change to them is found
// when the attachment is read. Unlock does not read chunks.

const kindAttachment = "attachment"

// fieldChunk names chunk associated data: crypto.RecordAD(vault id,
// "attachment", attachment id, "chunk", 0). The field is never used for a
// record blob, so a chunk's AD cannot match any record's.
const fieldChunk = "chunk"

// MaxAttachmentName is the longest file name kept, in bytes.
const MaxAttachmentName = 255

// Attachment describes one attached file. Everything in it is sealed on
// disk.
type Attachment struct {
	ID     string
	CaseID string
	// Event is the index of the timeline event the file belongs to, or nil
	// for the case as a whole.
	Event *int
	// Name is the file's base name; Type its media type ("image/jpeg").
	Name, Type string
	Size       int64
	// SHA256 is the hex SHA-256 of the plaintext.
	SHA256  string
	AddedAt time.Time
}

// ErrAttachmentName reports a file name that cannot be kept (empty, too
// long, not UTF-8, or with control characters).
var ErrAttachmentName = errors.New("cases: unusable attachment file name")

// AttachmentError reports a damaged attachment found while reading it: a
// chunk that fails authentication (changed, reordered or from another
// attachment), a missing or extra chunk, or contents that do not match the
// sealed size and SHA-256. It wraps crypto.ErrCorrupt.
type AttachmentError struct {
	Chunk   int64  // the chunk index where the problem was found
	Problem string // a short English description, never file content
}

func (e *AttachmentError) Error() string {
	return fmt.Sprintf("attachment: chunk %d: %s: %v", e.Chunk, e.Problem, crypto.ErrCorrupt)
}

// Unwrap returns crypto.ErrCorrupt.
func (e *AttachmentError) Unwrap() error { return crypto.ErrCorrupt }

// attachmentMeta is the sealed metadata record.
type attachmentMeta struct {
	ID      string    `json:"id"`
	CaseID  string    `json:"case"`
	Event   *int      `json:"event,omitempty"`
	Name    string    `json:"name"`
	Type    string    `json:"type"`
	Size    int64     `json:"size"`
	SHA256  string    `json:"sha256"`
	AddedAt time.Time `json:"added_at"`
	Chunks  int64     `json:"chunks"`
	Key     []byte    `json:"key"`
	Prefix  []byte    `json:"prefix"`
}

func (m *attachmentMeta) public() Attachment {
	a := Attachment{ID: m.ID, CaseID: m.CaseID, Name: m.Name, Type: m.Type, Size: m.Size, SHA256: m.SHA256, AddedAt: m.AddedAt}
	if m.Event != nil {
		e := *m.Event
		a.Event = &e
	}
	return a
}

func (m *attachmentMeta) wipe() {
	crypto.Wipe(m.Key)
	m.Key = nil
}

// check refuses metadata that cannot describe a well-formed attachment.
func (m *attachmentMeta) check() error {
	want := int64(1)
	if m.Size > 0 {
		want = (m.Size + crypto.ChunkSize - 1) / crypto.ChunkSize
	}
	if m.ID == "" || m.Size < 0 || m.Chunks != want || len(m.Key) != crypto.KeySize ||
		len(m.Prefix) != crypto.StreamPrefixSize || len(m.SHA256) != 2*sha256.Size {
		return fmt.Errorf("attachment record: %w", crypto.ErrCorrupt)
	}
	return nil
}

func decodeAttachmentMeta(data []byte) (*attachmentMeta, error) {
	var m attachmentMeta
	err := json.Unmarshal(data, &m)
	crypto.Wipe(data)
	if err != nil {
		return nil, fmt.Errorf("attachment record: %w", crypto.ErrCorrupt)
	}
	if err := m.check(); err != nil {
		m.wipe()
		return nil, err
	}
	return &m, nil
}

func (v *Vault) chunkAD(attachmentID string) []byte {
	return crypto.RecordAD(v.id, kindAttachment, attachmentID, fieldChunk, 0)
}

// CleanAttachmentName keeps the base name of a path and checks it
// (ErrAttachmentName).
func CleanAttachmentName(name string) (string, error) {
	name = strings.TrimSpace(filepath.Base(strings.ReplaceAll(name, "\\", "/")))
	if name == "" || name == "." || name == "/" || len(name) > MaxAttachmentName || !utf8.ValidString(name) {
		return "", ErrAttachmentName
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return "", ErrAttachmentName
		}
	}
	return name, nil
}

// AddAttachment stores the bytes of r as a new attachment of the case
// caseID (an id or a case number), or of its event number event when event
// is not nil. It reads and seals r in 64 KiB chunks, so memory use does not
// depend on the file's size, and calls progress (when not nil) with the
// number of bytes stored so far after each chunk. Everything is written in
// one transaction: if ctx is cancelled, r fails or anything else goes wrong,
// nothing is stored.
//
// While an attachment is being added the vault's one connection is busy, so
// other reads and writes wait, and Lock waits until the add has finished.
//
// A file larger than BulkThreshold is written with a rollback journal
// instead of the WAL (see withRollbackJournal), which halves the bytes
// written to disk.
func (v *Vault) AddAttachment(ctx context.Context, caseID string, event *int, name string, r io.Reader, progress func(done int64)) (Attachment, error) {
	// Read the start of the file first, to know whether it is large.
	head := make([]byte, BulkThreshold)
	defer crypto.Wipe(head)
	n, err := readChunk(r, head)
	if err != nil {
		return Attachment{}, fmt.Errorf("add attachment: %w", err)
	}
	src := io.MultiReader(bytes.NewReader(head[:n]), r)
	var out Attachment
	err = v.withKeys(func(k *keyring) error {
		add := func() error {
			return v.write(ctx, func(tx *sql.Tx) error {
				var err error
				out, err = v.addAttachmentTx(ctx, tx, k, Attachment{CaseID: v.resolve(caseID), Event: event, Name: name}, src, false, progress)
				return err
			})
		}
		if n == BulkThreshold {
			return v.withRollbackJournal(add)
		}
		return add()
	})
	if err != nil {
		return Attachment{}, fmt.Errorf("add attachment: %w", err)
	}
	// Truncate the WAL so a large file does not occupy the disk twice.
	if err := v.checkpoint(); err != nil {
		return Attachment{}, fmt.Errorf("add attachment: %w", err)
	}
	return out, nil
}

// BulkThreshold is the size from which AddAttachment (and WriteTx with
// bulk, for a bundle import of that size) writes with a rollback
// journal; it reads this much of the file before it decides.
const BulkThreshold = 1 << 20

// withRollbackJournal runs fn with the connection in rollback-journal mode
// (journal_mode=DELETE) and puts it back into WAL mode afterwards.
//
// In WAL mode every page is written twice: into the WAL at commit, then
// into the database file by the checkpoint. In rollback mode SQLite
// journals only the pages that existed when the transaction began; the new
// pages that hold a large attachment's chunks are written once, straight
// into the database file, which halves the disk traffic. The transaction is
// as atomic and durable (with synchronous=FULL the journal is synced before
// the database file changes): a crash leaves a hot journal, which SQLite
// plays back on the next open before anything reads the file, so the
// half-added attachment disappears.
//
// Leaving WAL mode needs the only connection to the file: when another
// process has the vault open the switch fails (after busy_timeout) and fn
// runs in WAL mode.
func (v *Vault) withRollbackJournal(fn func() error) error {
	var mode string
	if err := v.db.QueryRow(`PRAGMA journal_mode = DELETE`).Scan(&mode); err != nil || mode != "delete" {
		return fn()
	}
	err := fn()
	// Should this fail, the connection stays in rollback mode, which is as
	// safe; every new connection sets WAL again.
	v.db.Exec(`PRAGMA journal_mode = WAL`)
	// A first read in WAL mode opens the WAL; without it, the checkpoint
	// that follows a large write was refused as "table is locked".
	var n int
	v.db.QueryRow(`SELECT count(*) FROM meta`).Scan(&n)
	return err
}

// addAttachmentTx stores r as an attachment within tx. a gives the case,
// event and file name; bundle import may also give the ID, AddedAt, Type,
// Size and SHA256 it received: a given SHA256 must match the bytes read
// (else crypto.ErrCorrupt), and an ID already in the vault is ErrExists.
//
// verified says that the caller itself checks, before tx can commit, that
// r yields bytes whose SHA-256 is a.SHA256: bundle import, where
// bundle.Reader hashes every entry and compares it with the signed
// manifest (and attachments.json must give the same hash and size as the
// manifest). The bytes are then hashed once, there, rather than twice; the
// number of bytes must still equal a.Size.
func (v *Vault) addAttachmentTx(ctx context.Context, tx *sql.Tx, k *keyring, a Attachment, r io.Reader, verified bool, progress func(done int64)) (Attachment, error) {
	if _, err := CleanAttachmentName(a.Name); err != nil {
		return Attachment{}, err
	}
	if err := v.checkAttachmentTarget(ctx, tx, k, a.CaseID, a.Event); err != nil {
		return Attachment{}, err
	}
	m, err := v.writeAttachmentChunksTx(ctx, tx, k, a, r, verified, progress)
	if err != nil {
		return Attachment{}, err
	}
	defer m.wipe()
	if err := v.putAttachmentMetaTx(tx, k, m); err != nil {
		return Attachment{}, err
	}
	return m.public(), nil
}

// writeAttachmentChunksTx is the first half of addAttachmentTx: it stores
// r's chunks and returns the metadata that describes them, which the caller
// must store with putAttachmentMetaTx in the same transaction (the chunk
// rows' reference to it is checked at commit) and then wipe. It does not
// check the case: bundle import writes the chunks while the bundle's cases
// are still being decoded, and stores the metadata once they are.
func (v *Vault) writeAttachmentChunksTx(ctx context.Context, tx *sql.Tx, k *keyring, a Attachment, r io.Reader, verified bool, progress func(done int64)) (*attachmentMeta, error) {
	name, err := CleanAttachmentName(a.Name)
	if err != nil {
		return nil, err
	}
	m := &attachmentMeta{ID: a.ID, CaseID: a.CaseID, Name: name, Type: a.Type, AddedAt: a.AddedAt.UTC()}
	if a.Event != nil {
		e := *a.Event
		m.Event = &e
	}
	if m.ID == "" {
		m.ID = cases.NewID()
	}
	if m.AddedAt.IsZero() {
		m.AddedAt = time.Now().UTC().Truncate(time.Second)
	}
	row := rowID(k, kindAttachment, m.ID)
	if _, err := v.readRow(tx, ctx, k, row); err == nil {
		return nil, fmt.Errorf("attachment id: %w", ErrExists)
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	if verified && (len(a.SHA256) != 2*sha256.Size || a.Size < 0) {
		return nil, fmt.Errorf("attachment: SHA-256: %w", crypto.ErrCorrupt)
	}
	if m.Key, err = crypto.NewKey(); err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			m.wipe()
		}
	}()
	if m.Prefix, err = crypto.NewStreamPrefix(); err != nil {
		return nil, err
	}
	sum, err := v.writeChunks(ctx, tx, k, m, row, r, !verified, progress)
	if err != nil {
		return nil, err
	}
	if verified {
		if m.Size != a.Size {
			return nil, fmt.Errorf("attachment: size does not match: %w", crypto.ErrCorrupt)
		}
		m.SHA256 = strings.ToLower(a.SHA256)
	} else {
		m.SHA256 = hex.EncodeToString(sum)
		if a.SHA256 != "" && !strings.EqualFold(a.SHA256, m.SHA256) {
			return nil, fmt.Errorf("attachment: SHA-256 does not match: %w", crypto.ErrCorrupt)
		}
	}
	ok = true
	return m, nil
}

// putAttachmentMetaTx stores an attachment's sealed metadata record.
func (v *Vault) putAttachmentMetaTx(tx *sql.Tx, k *keyring, m *attachmentMeta) error {
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	defer crypto.Wipe(data)
	return v.putRecordTx(tx, k, kindAttachment, m.ID, data)
}

// checkAttachmentTarget checks that the case exists and, when event is not
// nil, that it has that event.
func (v *Vault) checkAttachmentTarget(ctx context.Context, tx *sql.Tx, k *keyring, caseID string, event *int) error {
	row := rowID(k, kindCase, caseID)
	r, err := v.readRow(tx, ctx, k, row)
	if err != nil {
		return fmt.Errorf("attachment case: %w", err)
	}
	if event == nil {
		return nil
	}
	c, err := v.openCase(k, row, r)
	if err != nil {
		return err
	}
	if *event < 0 || *event >= len(c.Events) {
		return fmt.Errorf("attachment event %d: %w", *event, ErrNotFound)
	}
	return nil
}

// writeChunks reads r to its end, sealing and inserting one chunk per 64 KiB,
// and fills in m's size, type and chunk count. When hash is true it returns
// the SHA-256 of what it read.
//
// Reading, hashing and sealing run on a second goroutine, up to sealAhead
// chunks ahead of the inserts, so that on two cores the crypto overlaps
// SQLite's writes. Two plaintext buffers suffice there: a chunk is known to
// be the last one only once the next read finds nothing more. The sealed
// buffers are reused: SQLite copies a bound blob. The goroutine has stopped
// reading r, and wiped its plaintext buffers, when writeChunks returns.
func (v *Vault) writeChunks(ctx context.Context, tx *sql.Tx, k *keyring, m *attachmentMeta, row string, r io.Reader, hash bool, progress func(done int64)) ([]byte, error) {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO attachment_chunks (rowid, id, data) VALUES (random(), ?, ?)`)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	cur := make([]byte, crypto.ChunkSize)
	n, err := readChunk(r, cur)
	if err != nil {
		crypto.Wipe(cur)
		return nil, err
	}
	if m.Type == "" {
		m.Type = media.DetectMediaType(m.Name, cur[:n])
	}
	sealed := make(chan sealedChunk, sealAhead)
	free := make(chan []byte, sealAhead)
	for range sealAhead {
		free <- make([]byte, 0, crypto.ChunkSize+16)
	}
	stop := make(chan struct{})
	var sum []byte
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sum = sealChunks(m.Key, m.Prefix, v.chunkAD(m.ID), r, cur, n, hash, free, sealed, stop)
	}()
	finish := sync.OnceFunc(func() {
		close(stop)
		wg.Wait()
	})
	defer finish()
	for seq := int64(0); ; seq++ {
		var c sealedChunk
		select {
		case c = <-sealed:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if c.err != nil {
			return nil, c.err
		}
		if c.last {
			// Every chunk row has the full size: the last chunk is
			// followed by random bytes, which the reader cuts off (it
			// knows the size from the sealed metadata). So the table
			// shows neither sizes nor where one attachment ends.
			c.data = padChunk(c.data)
		}
		if _, err := stmt.ExecContext(ctx, chunkID(k, row, seq), c.data); err != nil {
			return nil, err
		}
		free <- c.data
		m.Size += int64(c.n)
		if progress != nil {
			progress(m.Size)
		}
		if c.last {
			m.Chunks = seq + 1
			finish() // sum is set once the goroutine has returned
			return sum, nil
		}
	}
}

// sealAhead is how many sealed chunks writeChunks's second goroutine may
// hold ready for insertion.
const sealAhead = 8

// sealedChunk is one chunk ready to insert, or the error that ended the
// reading.
type sealedChunk struct {
	data []byte // the sealed chunk, in a buffer from the free list
	n    int    // its plaintext length
	last bool
	err  error
}

// sealChunks is writeChunks's second goroutine: it reads r (the first
// chunk, n bytes, already in cur), seals each chunk into a buffer from free
// and sends it on out, until the last chunk, an error, or stop. It returns
// the SHA-256 of the plaintext (when hash is set and r was read to its
// end), and wipes its plaintext buffers.
func sealChunks(key crypto.Key, prefix, ad []byte, r io.Reader, cur []byte, n int, hash bool,
	free chan []byte, out chan<- sealedChunk, stop <-chan struct{}) []byte {
	next := make([]byte, crypto.ChunkSize)
	defer crypto.Wipe(cur)
	defer crypto.Wipe(next)
	var h gohash.Hash
	if hash {
		h = sha256.New()
	}
	send := func(c sealedChunk) bool {
		select {
		case out <- c:
			return true
		case <-stop:
			return false
		}
	}
	for seq := uint64(0); ; seq++ {
		last := n < crypto.ChunkSize
		var nn int
		if !last {
			var err error
			if nn, err = readChunk(r, next); err != nil {
				send(sealedChunk{err: err})
				return nil
			}
			last = nn == 0
		}
		var buf []byte
		select {
		case buf = <-free:
		case <-stop:
			return nil
		}
		data, err := crypto.SealChunkTo(buf[:0], key, prefix, seq, last, cur[:n], ad)
		if err != nil {
			send(sealedChunk{err: err})
			return nil
		}
		var sum []byte
		if h != nil {
			h.Write(cur[:n])
			if last {
				sum = h.Sum(nil)
			}
		}
		if !send(sealedChunk{data: data, n: n, last: last}) || last {
			return sum
		}
		cur, next, n = next, cur, nn
	}
}

// padChunk extends a sealed last chunk with random bytes to the size of a
// full sealed chunk (crypto.ChunkSize + 16), within its buffer's capacity.
func padChunk(data []byte) []byte {
	full := crypto.ChunkSize + 16
	n := len(data)
	if n >= full {
		return data
	}
	data = append(data, make([]byte, full-n)...)
	rand.Read(data[n:])
	return data
}

// readChunk fills buf from r as far as r goes; a short count means r ended.
func readChunk(r io.Reader, buf []byte) (int, error) {
	n, err := io.ReadFull(r, buf)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err = nil
	}
	if err != nil {
		return 0, fmt.Errorf("attachment: reading the file: %w", err)
	}
	return n, nil
}

// readAttachmentMeta opens the metadata record of attachment id.
func (v *Vault) readAttachmentMeta(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, k *keyring, id string) (*storedRow, *attachmentMeta, error) {
	row := rowID(k, kindAttachment, id)
	r, err := v.readRow(q, ctx, k, row)
	if err != nil {
		return nil, nil, err
	}
	gotID, data, err := v.openRecord(k, kindAttachment, row, r)
	if err != nil {
		return nil, nil, err
	}
	m, err := decodeAttachmentMeta(data)
	if err != nil {
		return nil, nil, err
	}
	if gotID != id || m.ID != id {
		m.wipe()
		return nil, nil, fmt.Errorf("attachment record: %w", crypto.ErrCorrupt)
	}
	return r, m, nil
}

// Attachments lists the attachments of the cases (by id or case number),
// oldest first.
func (v *Vault) Attachments(ctx context.Context, caseIDs ...string) ([]Attachment, error) {
	want := make(map[string]bool, len(caseIDs))
	for _, id := range caseIDs {
		want[v.resolve(id)] = true
	}
	all, err := v.ListRecords(ctx, kindAttachment)
	if err != nil {
		return nil, fmt.Errorf("attachments: %w", err)
	}
	var out []Attachment
	for id, data := range all {
		m, err := decodeAttachmentMeta(data)
		if err != nil {
			return nil, fmt.Errorf("attachments: %w", err)
		}
		m.wipe()
		if m.ID != id {
			return nil, fmt.Errorf("attachments: %w", crypto.ErrCorrupt)
		}
		if want[m.CaseID] {
			out = append(out, m.public())
		}
	}
	slices.SortFunc(out, func(a, b Attachment) int {
		if c := a.AddedAt.Compare(b.AddedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// RemoveAttachment deletes an attachment's chunks and metadata in one
// transaction, then checkpoints and truncates the WAL; secure_delete has
// overwritten the freed pages.
func (v *Vault) RemoveAttachment(ctx context.Context, id string) error {
	err := v.withKeys(func(k *keyring) error {
		return v.write(ctx, func(tx *sql.Tx) error { return v.removeAttachmentTx(ctx, tx, k, id) })
	})
	if err != nil {
		return fmt.Errorf("remove attachment: %w", err)
	}
	return v.checkpoint()
}

func (v *Vault) removeAttachmentTx(ctx context.Context, tx *sql.Tx, k *keyring, id string) error {
	prev, m, err := v.readAttachmentMeta(ctx, tx, k, id)
	if err != nil {
		return err
	}
	chunks := m.Chunks
	m.wipe()
	row := rowID(k, kindAttachment, id)
	stmt, err := tx.PrepareContext(ctx, `DELETE FROM attachment_chunks WHERE id = ?`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	// Chunk ids cannot be listed by attachment: they are computed, up to
	// one past the last (a stray extra chunk, which a read reports).
	for seq := int64(0); seq <= chunks; seq++ {
		if _, err := stmt.ExecContext(ctx, chunkID(k, row, seq)); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM records WHERE id = ?`, row); err != nil {
		return err
	}
	v.kinds.note(tx, kindAttachment, row, true)
	return v.updateHead(tx, k, prev.term(k, row, kindAttachment), nil)
}

// RemoveCaseAttachments deletes every attachment of a case (by id or case
// number) in one transaction. Delete does this itself when it deletes a
// case.
func (v *Vault) RemoveCaseAttachments(ctx context.Context, caseID string) error {
	caseID = v.resolve(caseID)
	err := v.withKeys(func(k *keyring) error {
		return v.write(ctx, func(tx *sql.Tx) error { return v.removeCaseAttachmentsTx(ctx, tx, k, caseID) })
	})
	if err != nil {
		return fmt.Errorf("remove attachments: %w", err)
	}
	return v.checkpoint()
}

// removeCaseAttachmentsTx deletes, within tx, the chunks and metadata of
// every attachment of case caseID.
func (v *Vault) removeCaseAttachmentsTx(ctx context.Context, tx *sql.Tx, k *keyring, caseID string) error {
	var ids []string
	err := v.scanKind(ctx, tx, k, kindAttachment, func(row string, r *storedRow) error {
		id, data, err := v.openRecord(k, kindAttachment, row, r)
		if err != nil {
			return err
		}
		m, err := decodeAttachmentMeta(data)
		if err != nil {
			return err
		}
		m.wipe()
		if m.CaseID == caseID {
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := v.removeAttachmentTx(ctx, tx, k, id); err != nil {
			return err
		}
	}
	return nil
}
