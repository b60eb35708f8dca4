package crypto

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"math"

	"golang.org/x/crypto/chacha20poly1305"
)

// Layout of a sealed blob:
//
//	version (1 byte, 0x01) ‖ nonce (24 bytes) ‖ XChaCha20-Poly1305(padded plaintext) ‖ tag (16 bytes)
//
// and of the padded plaintext inside it:
//
//	u32be(len(plaintext)) ‖ plaintext ‖ zero bytes up to a multiple of 256
const (
	sealVersion   = 0x01
	nonceSize     = chacha20poly1305.NonceSizeX // 24
	tagSize       = chacha20poly1305.Overhead   // 16
	padBlock      = 256
	lengthSize    = 4
	sealHeader    = 1 + nonceSize
	sealOverhead  = sealHeader + tagSize
	minSealedSize = sealOverhead + padBlock
)

// maxPlaintext keeps the length prefix and the padded size within uint32.
const maxPlaintext = math.MaxUint32 - lengthSize - padBlock

// SealedSize returns the length of Seal's output for a plaintext of n bytes.
// It shows what an observer of the ciphertext learns: n rounded up (after
// the 4-byte length prefix) to a multiple of 256.
func SealedSize(n int) int { return sealOverhead + paddedSize(n) }

func paddedSize(n int) int {
	return (lengthSize + n + padBlock - 1) / padBlock * padBlock
}

// Seal pads plaintext (4-byte big-endian length ‖ data ‖ zeros) to a
// multiple of 256 bytes and seals it with XChaCha20-Poly1305 under key,
// authenticating ad. The output is 0x01 ‖ 24-byte random nonce ‖ ciphertext.
//
// Padding hides the exact length of case data: a blob reveals only how many
// 256-byte blocks its plaintext needs. The random 192-bit nonce makes nonce
// reuse negligible however many blobs one key seals.
func Seal(key Key, plaintext, ad []byte) ([]byte, error) {
	return SealTo(nil, key, plaintext, ad)
}

// SealTo is Seal writing the blob into dst's memory when it is large
// enough (dst's length does not matter, only its capacity): a writer that
// seals many blobs and is done with each once it is stored can reuse them.
func SealTo(dst []byte, key Key, plaintext, ad []byte) ([]byte, error) {
	var nonce [nonceSize]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return nil, fmt.Errorf("crypto: seal: %w", err)
	}
	return sealTo(dst, key, nonce[:], plaintext, ad)
}

// seal is Seal with a given nonce; tests reach it through export_test.go to
// check known-answer vectors. Production code must never pass its own nonce.
func seal(key Key, nonce, plaintext, ad []byte) ([]byte, error) {
	return sealTo(nil, key, nonce, plaintext, ad)
}

func sealTo(dst []byte, key Key, nonce, plaintext, ad []byte) ([]byte, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("crypto: seal: %w", errKeySize)
	}
	if int64(len(plaintext)) > maxPlaintext {
		return nil, fmt.Errorf("crypto: seal: plaintext of %d bytes is too large", len(plaintext))
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("crypto: seal: %w", err)
	}
	// Build version ‖ nonce ‖ padded plaintext in the output buffer and
	// encrypt the padded part in place, so no plaintext copy is left behind.
	n := paddedSize(len(plaintext))
	var out []byte
	if cap(dst) >= sealOverhead+n {
		out = dst[:sealHeader+n]
	} else {
		out = make([]byte, sealHeader+n, sealOverhead+n)
	}
	out[0] = sealVersion
	copy(out[1:sealHeader], nonce)
	padded := out[sealHeader:]
	binary.BigEndian.PutUint32(padded, uint32(len(plaintext)))
	copy(padded[lengthSize:], plaintext)
	clear(padded[lengthSize+len(plaintext):]) // dst's memory may hold an older blob
	aead.Seal(padded[:0], nonce, padded, ad)
	return out[:sealOverhead+n], nil
}

// Open authenticates and decrypts a blob made by [Seal] with the same key and
// associated data, and removes the padding.
//
// It returns an error wrapping ErrUnsupported if the version byte is not
// 0x01, and ErrCorrupt if the blob is too short, has an impossible length,
// fails authentication (wrong key, wrong ad, or any changed byte) or carries
// malformed padding. Open never returns plaintext that did not authenticate.
func Open(key Key, sealed, ad []byte) ([]byte, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("crypto: open: %w", errKeySize)
	}
	if len(sealed) == 0 {
		return nil, fmt.Errorf("crypto: open: empty blob: %w", ErrCorrupt)
	}
	if sealed[0] != sealVersion {
		return nil, fmt.Errorf("crypto: open: blob version %d: %w", sealed[0], ErrUnsupported)
	}
	if len(sealed) < minSealedSize || (len(sealed)-sealOverhead)%padBlock != 0 {
		return nil, fmt.Errorf("crypto: open: blob of %d bytes has an impossible length: %w", len(sealed), ErrCorrupt)
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("crypto: open: %w", err)
	}
	nonce, ciphertext := sealed[1:sealHeader], sealed[sealHeader:]
	padded, err := aead.Open(nil, nonce, ciphertext, ad)
	if err != nil {
		return nil, fmt.Errorf("crypto: open: authentication failed: %w", ErrCorrupt)
	}
	plaintext, err := unpad(padded)
	if err != nil {
		Wipe(padded)
		return nil, err
	}
	return plaintext, nil
}

// unpad checks that padded is exactly the canonical padding of some
// plaintext and returns that plaintext (a subslice of padded). Since the
// padding was authenticated, a failure here means a bug or a forged blob
// made with the right key; either way the blob is refused.
func unpad(padded []byte) ([]byte, error) {
	n := binary.BigEndian.Uint32(padded)
	if uint64(n) > uint64(len(padded)-lengthSize) || paddedSize(int(n)) != len(padded) {
		return nil, fmt.Errorf("crypto: open: bad padding length: %w", ErrCorrupt)
	}
	end := lengthSize + int(n)
	var nonzero byte
	for _, b := range padded[end:] {
		nonzero |= b
	}
	if nonzero != 0 {
		return nil, fmt.Errorf("crypto: open: non-zero padding: %w", ErrCorrupt)
	}
	return padded[lengthSize:end:end], nil
}

// RecordAD returns the associated data binding a record blob to its place:
//
//	"kintrace/record/v1" ‖ lp(vaultID) ‖ lp(kind) ‖ lp(recordID) ‖ lp(field) ‖ u64be(version)
//
// where lp(x) is a 2-byte big-endian length followed by x. A blob moved to
// another vault, kind, record, field (overview, details) or version fails to
// open. RecordAD panics if any part is longer than 65535 bytes; callers
// validate identifiers from outside input long before that.
func RecordAD(vaultID []byte, kind, recordID, field string, version int64) []byte {
	const tag = "kintrace/record/v1"
	ad := make([]byte, 0, len(tag)+4*2+len(vaultID)+len(kind)+len(recordID)+len(field)+8)
	ad = append(ad, tag...)
	ad = appendLP(ad, vaultID)
	ad = appendLP(ad, []byte(kind))
	ad = appendLP(ad, []byte(recordID))
	ad = appendLP(ad, []byte(field))
	return binary.BigEndian.AppendUint64(ad, uint64(version))
}

// appendLP appends u16be(len(b)) ‖ b.
func appendLP(dst, b []byte) []byte {
	if len(b) > math.MaxUint16 {
		panic("crypto: associated data field longer than 65535 bytes")
	}
	dst = binary.BigEndian.AppendUint16(dst, uint16(len(b)))
	return append(dst, b...)
}
