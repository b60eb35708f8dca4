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

// headState is the stored integrity head: the XOR of the row terms, the
// number of records rows, the numbers of revisions and chunk rows, and the
// sealed vault state (save time and counter, see state.go).
type headState struct {
	acc                      headTerm
	count, revisions, chunks int64
	state                    []byte
}

// headMAC is HMAC(head key, "kintrace/head/v2" ‖ vault id ‖ acc ‖
// u64be(count) ‖ u64be(revisions) ‖ u64be(chunks) ‖ SHA-256(state)).
func (v *Vault) headMAC(k *keyring, h *headState) []byte {
	m := hmac.New(sha256.New, k.head)
	m.Write([]byte("kintrace/head/v2"))
	m.Write(v.id)
	m.Write(h.acc[:])
	var n [8]byte
	for _, c := range []int64{h.count, h.revisions, h.chunks} {
		binary.BigEndian.PutUint64(n[:], uint64(c))
		m.Write(n[:])
	}
	st := sha256.Sum256(h.state)
	m.Write(st[:])
	return m.Sum(nil)
}

// headMACv1 is the head MAC of format 1, checked once when a vault of that
// format is upgraded (upgrade.go).
func (v *Vault) headMACv1(k *keyring, acc headTerm, count int64) []byte {
	m := hmac.New(sha256.New, k.head)
	m.Write([]byte("kintrace/head/v1"))
	m.Write(v.id)
	m.Write(acc[:])
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(count))
	m.Write(n[:])
	return m.Sum(nil)
}

type rowQuerier interface {
	QueryRow(string, ...any) *sql.Row
}

// readHead loads and authenticates the head.
func (v *Vault) readHead(q rowQuerier, k *keyring) (*headState, error) {
	h := &headState{}
	var raw, mac []byte
	err := q.QueryRow(`SELECT acc, count, revisions, chunks, state, mac FROM head WHERE id = 1`).
		Scan(&raw, &h.count, &h.revisions, &h.chunks, &h.state, &mac)
	if err != nil || len(raw) != len(h.acc) {
		return nil, fmt.Errorf("integrity head: %w", ErrTampered)
	}
	copy(h.acc[:], raw)
	if !hmac.Equal(mac, v.headMAC(k, h)) {
		return nil, fmt.Errorf("integrity head: %w", ErrTampered)
	}
	return h, nil
}

// writeHead stores h with its MAC.
func (v *Vault) writeHead(tx *sql.Tx, k *keyring, h *headState) error {
	_, err := tx.Exec(`INSERT OR REPLACE INTO head (id, acc, count, revisions, chunks, state, mac) VALUES (1, ?, ?, ?, ?, ?, ?)`,
		h.acc[:], h.count, h.revisions, h.chunks, h.state, v.headMAC(k, h))
	return err
}

// updateHead replaces old by new in the head (either may be nil: an insert
// or a delete) within tx.
func (v *Vault) updateHead(tx *sql.Tx, k *keyring, old, new *headTerm) error {
	var d headDelta
	if old != nil {
		d.remove(old)
	}
	if new != nil {
		d.add(new)
	}
	return v.applyHead(tx, k, d)
}

// xorTerm is acc XOR t.
func xorTerm(acc headTerm, t *headTerm) headTerm {
	xorInto(&acc, t)
	return acc
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
	h, err := v.readHead(tx, k)
	if err != nil {
		return err
	}
	xorInto(&h.acc, &d.acc)
	h.count += d.count
	return v.writeHead(tx, k, h)
}
