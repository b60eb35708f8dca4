package crypto

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// Attachments are sealed with the STREAM construction (Hoang, Reyhanitabar,
// Rogaway and Vizár, "Online Authenticated-Encryption and its Nonce-Reuse
// Misuse-Resistance", 2015), as age does: the plaintext is cut into chunks
// of ChunkSize bytes and chunk i is sealed with XChaCha20-Poly1305 under the
// attachment's key with the nonce
//
//	prefix (16 bytes) ‖ u64be(i | last<<63)
//
// where prefix is random per attachment (NewStreamPrefix) and last is 1 only
// for the final chunk. A sealed chunk is ciphertext ‖ 16-byte tag, with no
// header and no padding (an attachment's size is visible to the nearest
// chunk anyway through its row count).
//
// Because the index is in the nonce, chunks cannot be reordered or moved
// between positions; because the final chunk is flagged, an attachment cut
// short after a non-final chunk fails to open, and one extended past its
// final chunk is detected by a reader that stops at the flagged chunk.
// Readers must therefore open chunks in order from index 0, and treat the
// attachment as complete only after a chunk opened with last = true.
//
// Every chunk but the last holds exactly ChunkSize bytes; the last holds 0
// to ChunkSize bytes and may be empty only if it is chunk 0 (an empty
// attachment). The key should be per attachment; the random prefix then
// keeps nonces unique even if a key were ever reused.
const (
	ChunkSize        = 64 * 1024
	StreamPrefixSize = 16
	maxChunkIndex    = 1<<63 - 1
	lastChunkFlag    = 1 << 63
)

// NewStreamPrefix returns a fresh random nonce prefix for one attachment.
func NewStreamPrefix() ([]byte, error) {
	p := make([]byte, StreamPrefixSize)
	if _, err := rand.Read(p); err != nil {
		return nil, fmt.Errorf("crypto: stream prefix: %w", err)
	}
	return p, nil
}

// streamNonce appends prefix ‖ u64be(index | last<<63) to nonce.
func streamNonce(nonce, prefix []byte, index uint64, last bool) []byte {
	nonce = append(nonce, prefix...)
	if last {
		index |= lastChunkFlag
	}
	return binary.BigEndian.AppendUint64(nonce, index)
}

// checkChunk validates the arguments common to SealChunk and OpenChunk:
// key and prefix sizes, the index range and the plaintext length n. Its
// errors carry no sentinel: for SealChunk they are programming errors, and
// OpenChunk wraps them in ErrCorrupt.
func checkChunk(key Key, prefix []byte, index uint64, last bool, n int) error {
	switch {
	case len(key) != KeySize:
		return errKeySize
	case len(prefix) != StreamPrefixSize:
		return fmt.Errorf("stream prefix must be %d bytes", StreamPrefixSize)
	case index > maxChunkIndex:
		return errors.New("chunk index out of range")
	case n > ChunkSize:
		return fmt.Errorf("chunk of %d bytes is larger than %d", n, ChunkSize)
	case !last && n != ChunkSize:
		return fmt.Errorf("non-final chunk of %d bytes", n)
	case last && n == 0 && index != 0:
		return errors.New("empty final chunk after chunk 0")
	}
	return nil
}

// SealChunk seals chunk number index of an attachment; see the package's
// STREAM description above. ad should bind the attachment (vault, id,
// version); it is authenticated with every chunk.
func SealChunk(key Key, prefix []byte, index uint64, last bool, plaintext, ad []byte) ([]byte, error) {
	return SealChunkTo(nil, key, prefix, index, last, plaintext, ad)
}

// SealChunkTo is SealChunk appending the sealed chunk to dst (which must
// not overlap plaintext), so a caller can reuse one buffer for every chunk.
func SealChunkTo(dst []byte, key Key, prefix []byte, index uint64, last bool, plaintext, ad []byte) ([]byte, error) {
	if err := checkChunk(key, prefix, index, last, len(plaintext)); err != nil {
		return nil, fmt.Errorf("crypto: seal chunk: %w", err)
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("crypto: seal chunk: %w", err)
	}
	var nonce [chacha20poly1305.NonceSizeX]byte
	return aead.Seal(dst, streamNonce(nonce[:0], prefix, index, last), plaintext, ad), nil
}

// OpenChunk authenticates and decrypts chunk number index. It returns an
// error wrapping ErrCorrupt if the chunk has an impossible length for its
// position or fails authentication, which includes a chunk from another
// position, another attachment, or opened with the wrong last flag.
func OpenChunk(key Key, prefix []byte, index uint64, last bool, sealed, ad []byte) ([]byte, error) {
	return OpenChunkTo(nil, key, prefix, index, last, sealed, ad)
}

// OpenChunkTo is OpenChunk appending the plaintext to dst (which must not
// overlap sealed), so a caller can decrypt every chunk into one buffer. On
// failure nothing is appended: dst[len(dst):cap(dst)] may have been
// overwritten, with zeros.
func OpenChunkTo(dst []byte, key Key, prefix []byte, index uint64, last bool, sealed, ad []byte) ([]byte, error) {
	n := len(sealed) - tagSize
	if n < 0 {
		return nil, fmt.Errorf("crypto: open chunk: chunk of %d bytes: %w", len(sealed), ErrCorrupt)
	}
	if len(key) != KeySize {
		return nil, fmt.Errorf("crypto: open chunk: %w", errKeySize)
	}
	if err := checkChunk(key, prefix, index, last, n); err != nil {
		// Sizes come from storage here, so a mismatch means damage.
		return nil, fmt.Errorf("crypto: open chunk: %v: %w", err, ErrCorrupt)
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("crypto: open chunk: %w", err)
	}
	var nonce [chacha20poly1305.NonceSizeX]byte
	plaintext, err := aead.Open(dst, streamNonce(nonce[:0], prefix, index, last), sealed, ad)
	if err != nil {
		return nil, fmt.Errorf("crypto: open chunk %d: authentication failed: %w", index, ErrCorrupt)
	}
	return plaintext, nil
}
