package vault

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"sync"

	"kintrace/crypto"
)

// The on-disk layout (format 2, docs/FORMAT.md "The vault file") shows as
// little as it can to someone who holds the file but no key:
//
//   - records rows are (id, overview, details): no kind and no version. A
//     row's kind and version are sealed in its overview blob (the "row
//     header"), which every row has; a case's overview follows the header
//     inside the same blob. Blobs are padded to a floor size, so that small
//     records (contacts, attachments, the profile) look like small cases.
//   - revisions rows are (id, data) with id a keyed hash of (row id,
//     version): they cannot be grouped per case, nor counted per case.
//   - attachment_chunks rows are (id, data) with id a keyed hash of (the
//     attachment's row id, chunk index): they cannot be grouped per
//     attachment; every chunk is stored at the full chunk size.
//   - rows get random SQLite rowids, so their order says nothing of when
//     they were written.
//   - created/last-saved times, the save counter, the case number counter
//     and prefix are one sealed vault state in the integrity head (state.go).

// Row blob floors: a sealed blob is at least this long (sealed size, see
// crypto.Seal: 41 + 256·k bytes), and grows in 256-byte steps above it.
// With the cases of casegen, 49 % of case overviews and 33 % of case
// details sit at these floors, so a record of another kind is hidden among
// them; the cost is +3.4 % of the size of the records table (FORMAT.md).
const (
	overviewFloor = 41 + 4*256 // 1065 bytes
	detailsFloor  = 41 + 8*256 // 2089 bytes
)

// fieldHeader names the row header blob in its associated data:
// crypto.RecordAD(vault id, "", row id, "header", 0). The kind is empty
// because it is what the header tells.
const fieldHeader = "header"

// headerFormat is the first byte of a row header.
const headerFormat = 0x02

// padBody appends to dst body framed as uvarint(len) ‖ body ‖ zeros, long
// enough that its sealed blob is at least floor bytes, after prefix.
func padBody(dst, prefix []byte, body []byte, floor int) []byte {
	out := slices.Grow(dst[:0], max(floor-45, len(prefix)+len(body)+binary.MaxVarintLen64))
	out = append(out, prefix...)
	out = binary.AppendUvarint(out, uint64(len(body)))
	out = append(out, body...)
	if pad := floor - 45 - len(out); pad > 0 {
		out = append(out, make([]byte, pad)...)
	}
	return out
}

// padBuffers keeps the buffers sealPadded frames plaintext in, wiped,
// from one sealing to the next: a bulk add seals two blobs per case, and
// a fresh buffer for each was a fifth of what it allocated.
var padBuffers = sync.Pool{New: func() any { return new([]byte) }}

// sealPadded seals prefix and body framed by padBody to floor, into dst's
// memory when it is large enough (crypto.SealTo).
func sealPadded(dst []byte, key crypto.Key, prefix, body []byte, floor int, ad []byte) ([]byte, error) {
	buf := padBuffers.Get().(*[]byte)
	pt := padBody(*buf, prefix, body, floor)
	sealed, err := crypto.SealTo(dst, key, pt, ad)
	crypto.Wipe(pt)
	*buf = pt[:0]
	padBuffers.Put(buf)
	return sealed, err
}

// unpadBody reads a body framed by padBody; the padding must be zeros.
func unpadBody(b []byte) ([]byte, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, fmt.Errorf("row blob: %w", crypto.ErrCorrupt)
	}
	body, rest := b[k:k+int(n)], b[k+int(n):]
	for _, c := range rest {
		if c != 0 {
			return nil, fmt.Errorf("row blob: %w", crypto.ErrCorrupt)
		}
	}
	return body, nil
}

// sealHeader seals a row's header blob: its kind and version, then body
// (a case's overview encoding; empty for other kinds).
func (v *Vault) sealHeader(k *keyring, row, kind string, version int64, body []byte) ([]byte, error) {
	return v.sealHeaderTo(nil, k, row, kind, version, body)
}

// sealHeaderTo is sealHeader into dst's memory (sealPadded).
func (v *Vault) sealHeaderTo(dst []byte, k *keyring, row, kind string, version int64, body []byte) ([]byte, error) {
	prefix := []byte{headerFormat}
	prefix = binary.AppendUvarint(prefix, uint64(len(kind)))
	prefix = append(prefix, kind...)
	prefix = binary.AppendVarint(prefix, version)
	return sealPadded(dst, k.records, prefix, body, overviewFloor, v.ad("", row, fieldHeader, 0))
}

// openHeader opens a row header: the row's kind, version and the body,
// which the caller wipes (pt is the whole plaintext, to wipe).
func (v *Vault) openHeader(k *keyring, row string, sealed []byte) (kind string, version int64, body, pt []byte, err error) {
	pt, err = crypto.Open(k.records, sealed, v.ad("", row, fieldHeader, 0))
	if err != nil {
		return "", 0, nil, nil, err
	}
	bad := func() (string, int64, []byte, []byte, error) {
		crypto.Wipe(pt)
		return "", 0, nil, nil, fmt.Errorf("row header: %w", crypto.ErrCorrupt)
	}
	if len(pt) == 0 || pt[0] != headerFormat {
		return bad()
	}
	b := pt[1:]
	n, m := binary.Uvarint(b)
	if m <= 0 || n > uint64(len(b)-m) || n == 0 {
		return bad()
	}
	kind, b = string(b[m:m+int(n)]), b[m+int(n):]
	version, m = binary.Varint(b)
	if m <= 0 || version < 1 {
		return bad()
	}
	if body, err = unpadBody(b[m:]); err != nil {
		return bad()
	}
	return kind, version, body, pt, nil
}

// sealDetails seals a details or revision blob, padded to detailsFloor.
func (v *Vault) sealDetails(k *keyring, body, ad []byte) ([]byte, error) {
	return sealDetailsTo(nil, k, body, ad)
}

// sealDetailsTo is sealDetails into dst's memory (sealPadded).
func sealDetailsTo(dst []byte, k *keyring, body, ad []byte) ([]byte, error) {
	return sealPadded(dst, k.records, nil, body, detailsFloor, ad)
}

// openDetails opens a blob sealDetails sealed; pt is the whole plaintext,
// for the caller to wipe.
func openDetails(k *keyring, sealed, ad []byte) (body, pt []byte, err error) {
	pt, err = crypto.Open(k.records, sealed, ad)
	if err != nil {
		return nil, nil, err
	}
	if body, err = unpadBody(pt); err != nil {
		crypto.Wipe(pt)
		return nil, nil, err
	}
	return body, pt, nil
}

// opaqueID is hex(HMAC(row-id key, label ‖ 0 ‖ row ‖ 0 ‖ u64be(n))[:16]):
// the id of a revision (label "revision", n the version) or of an
// attachment chunk (label "chunk", n its index), so that neither can be
// grouped by the row they belong to.
func opaqueID(k *keyring, label, row string, n int64) string {
	m := hmac.New(sha256.New, k.rows)
	io.WriteString(m, label)
	m.Write([]byte{0})
	io.WriteString(m, row)
	m.Write([]byte{0})
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(n))
	m.Write(b[:])
	return hex.EncodeToString(m.Sum(nil)[:16])
}

func revisionID(k *keyring, row string, version int64) string {
	return opaqueID(k, "revision", row, version)
}

func chunkID(k *keyring, row string, seq int64) string { return opaqueID(k, "chunk", row, seq) }
