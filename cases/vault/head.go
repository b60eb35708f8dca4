package vault

import (
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"fmt"
	"hash"
)

// The integrity head is a MAC over the set of all records: acc is the XOR of
// one keyed term per row (its id, kind, version and the hashes of its two
// blobs), count the number of rows, and mac = HMAC(head key, vault id ‖ acc
// ‖ count). Each write updates it in the same transaction by XORing out the
// old row's term and XORing in the new one, so it costs the same at 10 and at
// 100 000 cases. Unlock recomputes it from the rows: a deleted, resurrected
// or stale row no longer matches. The sealed blobs' associated data already
// binds each blob to its row, field and version; the head adds the set.

type headTerm [sha256.Size]byte

func rowTerm(k *keyring, rowID, kind string, version int64, overview, details []byte) headTerm {
	return rowTermHashed(k, rowID, kind, version, sha256.Sum256(overview), sha256.Sum256(details))
}

// rowTermHashed is rowTerm from the blobs' hashes.
func rowTermHashed(k *keyring, rowID, kind string, version int64, ho, hd [sha256.Size]byte) headTerm {
	return termHashed(hmac.New(sha256.New, k.head), rowID, kind, version, ho, hd)
}

// termHashed is rowTermHashed with m, an HMAC under the head key, which it
// resets first.
func termHashed(m hash.Hash, rowID, kind string, version int64, ho, hd [sha256.Size]byte) headTerm {
	m.Reset()
	writeLP(m, []byte(rowID))
	writeLP(m, []byte(kind))
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(version))
	m.Write(n[:])
	m.Write(ho[:])
	m.Write(hd[:])
	var t headTerm
	m.Sum(t[:0])
	return t
}

// rowHasher computes the row ids and head terms of many rows (a sealing
// worker's) with two HMACs it keeps from one row to the next.
type rowHasher struct {
	ids, terms hash.Hash
}

func newRowHasher(k *keyring) *rowHasher {
	return &rowHasher{ids: hmac.New(sha256.New, k.rows), terms: hmac.New(sha256.New, k.head)}
}

// rowID is rowID(k, kind, id).
func (h *rowHasher) rowID(kind, id string) string { return rowIDWith(h.ids, kind, id) }

// term is rowTerm(k, …).
func (h *rowHasher) term(rowID, kind string, version int64, overview, details []byte) headTerm {
	return termHashed(h.terms, rowID, kind, version, sha256.Sum256(overview), sha256.Sum256(details))
}

type writer interface{ Write([]byte) (int, error) }

func writeLP(w writer, b []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(b)))
	w.Write(n[:])
	w.Write(b)
}

func (v *Vault) headMAC(k *keyring, acc headTerm, count int64) []byte {
	m := hmac.New(sha256.New, k.head)
	m.Write([]byte("kintrace/head/v1"))
	m.Write(v.id)
	m.Write(acc[:])
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(count))
	m.Write(n[:])
	return m.Sum(nil)
}

func (v *Vault) initHead(tx *sql.Tx, k *keyring) error {
	var zero headTerm
	_, err := tx.Exec(`INSERT INTO head (id, acc, count, mac) VALUES (1, ?, 0, ?)`, zero[:], v.headMAC(k, zero, 0))
	return err
}

// readHead loads and authenticates the head.
func (v *Vault) readHead(q interface {
	QueryRow(string, ...any) *sql.Row
}, k *keyring) (headTerm, int64, error) {
	var acc headTerm
	var raw, mac []byte
	var count int64
	if err := q.QueryRow(`SELECT acc, count, mac FROM head WHERE id = 1`).Scan(&raw, &count, &mac); err != nil {
		return acc, 0, fmt.Errorf("integrity head: %w", ErrTampered)
	}
	if len(raw) != len(acc) {
		return acc, 0, fmt.Errorf("integrity head: %w", ErrTampered)
	}
	copy(acc[:], raw)
	if !hmac.Equal(mac, v.headMAC(k, acc, count)) {
		return acc, 0, fmt.Errorf("integrity head: %w", ErrTampered)
	}
	return acc, count, nil
}

// updateHead replaces old by new in the head (either may be nil: an insert
// or a delete) within tx.
func (v *Vault) updateHead(tx *sql.Tx, k *keyring, old, new *headTerm) error {
	acc, count, err := v.readHead(tx, k)
	if err != nil {
		return err
	}
	if old != nil {
		xorInto(&acc, old)
		count--
	}
	if new != nil {
		xorInto(&acc, new)
		count++
	}
	_, err = tx.Exec(`UPDATE head SET acc = ?, count = ?, mac = ? WHERE id = 1`, acc[:], count, v.headMAC(k, acc, count))
	return err
}

func xorInto(acc *headTerm, t *headTerm) {
	for i := range acc {
		acc[i] ^= t[i]
	}
}

// headDelta collects the head changes of a batch of writes.
type headDelta struct {
	acc   headTerm
	count int64
}

func (d *headDelta) add(t *headTerm)    { xorInto(&d.acc, t); d.count++ }
func (d *headDelta) remove(t *headTerm) { xorInto(&d.acc, t); d.count-- }

// applyHead folds d into the stored head within tx.
func (v *Vault) applyHead(tx *sql.Tx, k *keyring, d headDelta) error {
	acc, count, err := v.readHead(tx, k)
	if err != nil {
		return err
	}
	xorInto(&acc, &d.acc)
	count += d.count
	_, err = tx.Exec(`UPDATE head SET acc = ?, count = ?, mac = ? WHERE id = 1`, acc[:], count, v.headMAC(k, acc, count))
	return err
}
