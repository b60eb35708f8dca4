package vault

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Destroying a vault (the panic wipe) needs no passphrase: a worker in
// danger may not have the time to type it. The master key exists on disk
// only wrapped in the key slots, so overwriting every slot makes every
// record, attachment and identity of the vault undecryptable, by the
// passphrase and by the recovery key alike; deleting the files afterwards
// is tidiness on top. The order matters:
//
//  1. In one transaction, every slot row is overwritten in place with
//     random bytes of its length and then deleted; secure_delete zeroes
//     the freed cell (and any page freed).
//  2. The WAL is checkpointed, so the database file's copy of the slots'
//     page is overwritten with the new image.
//  3. The raw files (database, WAL, rollback journal) are scanned for the
//     slot bytes read in step 1 and for anything shaped like a key slot
//     (an older passphrase slot can survive in a WAL frame of an earlier
//     transaction); every match is overwritten with random bytes and the
//     file is synced.
//  4. The WAL is checkpointed again and truncated, the database closed,
//     and the database, WAL, shared-memory and journal files removed.
//
// What this cannot reach (an SSD's remapped blocks, filesystem journals and
// snapshots, backups, copies) is in docs/SECURITY.md, "Destroying a vault".

// slotScanChunk is how much of a file destroy reads at a time.
const slotScanChunk = 1 << 20

// maxSlotBytes bounds the length of a key slot's JSON (a slot is about
// 200 bytes); a match longer than this is not a slot.
const maxSlotBytes = 1024

// Destroy makes the vault at path unreadable and removes its files, without
// its passphrase. It refuses a file that is not a Kintrace vault
// (ErrNotVault) and a path with no file (ErrNotFound). See Vault.Destroy.
func Destroy(path string) error {
	v, err := Open(path)
	if err != nil {
		return fmt.Errorf("destroy vault: %w", err)
	}
	return v.Destroy()
}

// Destroy makes this vault unreadable and removes its files: it wipes the
// keys in memory (as Lock does), overwrites the key slots in the file and
// wherever their bytes remain in the database and its WAL, and deletes the
// database, WAL, shared-memory and journal files. It works locked or
// unlocked. The Vault cannot be used afterwards (Close returns an error).
// Only a backup bundle brings the cases back: the recovery key unlocks a key
// slot, and there is none left.
func (v *Vault) Destroy() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.keys != nil {
		v.keys.wipe()
		v.keys = nil
	}
	v.owner = ""
	v.session.forget()
	v.index.Clear()
	v.numbers.clear()
	v.idents.Clear()
	err := v.eraseSlots()
	if cerr := v.db.Close(); err == nil {
		err = cerr
	}
	if rerr := removeVaultFiles(v.path); err == nil {
		err = rerr
	}
	if err != nil {
		return fmt.Errorf("destroy vault: %w", err)
	}
	return nil
}

// eraseSlots does steps 1 to 4 of destroying, but for closing and deleting.
// Every step runs even when one before it failed: a half-destroyed vault is
// worse than one that reports an error.
func (v *Vault) eraseSlots() error {
	old, err := v.overwriteSlots()
	if _, cerr := v.db.Exec(`PRAGMA wal_checkpoint(FULL)`); err == nil && cerr != nil {
		err = fmt.Errorf("checkpoint: %w", cerr)
	}
	if serr := scrubSlotBytes(v.path, old); err == nil {
		err = serr
	}
	if _, cerr := v.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err == nil && cerr != nil {
		err = fmt.Errorf("checkpoint: %w", cerr)
	}
	return err
}

// overwriteSlots overwrites every slot row with random bytes and deletes it,
// in one transaction, and returns the slots' bytes as they were.
func (v *Vault) overwriteSlots() ([][]byte, error) {
	tx, err := v.db.Begin()
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.Query(`SELECT id, data FROM slots`)
	if err != nil {
		return nil, err
	}
	var ids []string
	var old [][]byte
	for rows.Next() {
		var id string
		var data []byte
		if err := rows.Scan(&id, &data); err != nil {
			rows.Close()
			return nil, err
		}
		ids, old = append(ids, id), append(old, data)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, id := range ids {
		noise := make([]byte, len(old[i]))
		rand.Read(noise)
		if _, err := tx.Exec(`UPDATE slots SET data = ? WHERE id = ?`, noise, id); err != nil {
			return old, err
		}
	}
	if _, err := tx.Exec(`DELETE FROM slots`); err != nil {
		return old, err
	}
	return old, tx.Commit()
}

// vaultFiles are the files SQLite keeps for the database at path.
func vaultFiles(path string) []string {
	return []string{path, path + "-wal", path + "-journal", path + "-shm"}
}

// scrubSlotBytes overwrites with random bytes, in the database file, its WAL
// and its rollback journal, every copy of a slot in old and everything that
// looks like a key slot's JSON, and syncs each file it changed.
func scrubSlotBytes(path string, old [][]byte) error {
	var first error
	for _, p := range vaultFiles(path)[:3] {
		if err := scrubFile(p, old); err != nil && first == nil && !errors.Is(err, fs.ErrNotExist) {
			first = err
		}
	}
	return first
}

// slotPrefix is how every key slot's JSON starts (crypto.Slot.Marshal: the
// id member first).
var slotPrefix = []byte(`{"id":"`)

// slotWrapped is the last member of a key slot's JSON.
var slotWrapped = []byte(`"wrapped":"`)

func scrubFile(p string, old [][]byte) error {
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	spans, err := findSlotBytes(f, old)
	if err != nil {
		return err
	}
	if len(spans) == 0 {
		return nil
	}
	for _, s := range spans {
		noise := make([]byte, s.n)
		rand.Read(noise)
		if _, err := f.WriteAt(noise, s.off); err != nil {
			return err
		}
	}
	return f.Sync()
}

// span is a run of bytes in a file.
type span struct {
	off int64
	n   int
}

// findSlotBytes finds in r every copy of a slice of old and every key
// slot's JSON, reading slotScanChunk bytes at a time.
func findSlotBytes(r io.ReaderAt, old [][]byte) ([]span, error) {
	overlap := maxSlotBytes
	for _, o := range old {
		overlap = max(overlap, len(o))
	}
	buf := make([]byte, slotScanChunk+overlap)
	var spans []span
	var off int64
	for {
		n, err := r.ReadAt(buf, off)
		if err != nil && err != io.EOF {
			return nil, err
		}
		chunk := buf[:n]
		// A match that starts in the overlap is found again in the next
		// chunk; count only those starting in the first slotScanChunk
		// bytes, unless this is the last chunk.
		last := n < len(buf)
		limit := slotScanChunk
		if last {
			limit = n
		}
		for _, o := range old {
			if len(o) > 0 {
				spans = appendMatches(spans, chunk, off, limit, o, len(o))
			}
		}
		spans = appendSlotShapes(spans, chunk, off, limit)
		if last {
			return spans, nil
		}
		off += slotScanChunk
	}
}

// appendMatches appends a span of n bytes at every occurrence of needle in
// chunk (which starts at off) that begins before limit.
func appendMatches(spans []span, chunk []byte, off int64, limit int, needle []byte, n int) []span {
	for i := 0; i < limit; {
		j := bytes.Index(chunk[i:], needle)
		if j < 0 || i+j >= limit {
			break
		}
		spans = append(spans, span{off + int64(i+j), n})
		i += j + 1
	}
	return spans
}

// appendSlotShapes appends the span of every key slot's JSON in chunk: from
// `{"id":"` to the closing quote of its "wrapped" member, when that comes
// within maxSlotBytes, and the brace that closes the object.
func appendSlotShapes(spans []span, chunk []byte, off int64, limit int) []span {
	for i := 0; i < limit; {
		j := bytes.Index(chunk[i:], slotPrefix)
		if j < 0 || i+j >= limit {
			break
		}
		start := i + j
		window := chunk[start:min(len(chunk), start+maxSlotBytes)]
		if w := bytes.Index(window, slotWrapped); w >= 0 {
			if q := bytes.IndexByte(window[w+len(slotWrapped):], '"'); q >= 0 {
				end := w + len(slotWrapped) + q + 1
				if end < len(window) && window[end] == '}' {
					end++
				}
				spans = append(spans, span{off + int64(start), end})
			}
		}
		i = start + 1
	}
	return spans
}

// removeVaultFiles deletes the database and the files SQLite keeps beside
// it, and syncs the folder so that the deletion is durable.
func removeVaultFiles(path string) error {
	var first error
	for _, p := range vaultFiles(path) {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) && first == nil {
			first = err
		}
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return first
}
