package bundle

import (
	"bytes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"filippo.io/age"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"

	"kintrace/crypto"
)

// An age file's payload (age-encryption.org/v1) follows its header: a
// 16-byte nonce, then the plaintext in 64 KiB chunks, each sealed with
// ChaCha20-Poly1305 under HKDF-SHA256(file key, salt: that nonce, info:
// "payload"); a chunk's nonce is its 11-byte big-endian counter and a
// byte 1 for the last chunk, 0 for the others. Every chunk but the last is
// full; the last is empty only when the whole payload is.
//
// age's own writer seals one chunk after another on one goroutine. Write
// lets age.Encrypt write the header and the nonce (so recipients' stanzas
// and the header MAC stay age's code) and seals the payload itself, a
// batch of chunks at a time on every CPU: the bytes are the same age
// format, which the age tool opens (TestAgeToolOpensBundle).

const (
	ageChunk       = 64 << 10
	ageSealedChunk = ageChunk + chacha20poly1305.Overhead
	// ageBatchChunks is how many chunks ageWriter seals at a time (1 MiB).
	ageBatchChunks = 16
)

// fileKeyTap is an age recipient that wraps the file key for the real
// recipient r and keeps a copy of it in key, for the payload.
type fileKeyTap struct {
	r   age.Recipient
	key *[]byte
}

func (t fileKeyTap) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	s, _, err := t.WrapWithLabels(fileKey)
	return s, err
}

// WrapWithLabels keeps r's labels (a passphrase recipient must be alone).
func (t fileKeyTap) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	*t.key = append((*t.key)[:0], fileKey...)
	if r, ok := t.r.(age.RecipientWithLabels); ok {
		return r.WrapWithLabels(fileKey)
	}
	s, err := t.r.Wrap(fileKey)
	return s, nil, err
}

// ageWriter seals an age payload in batches of ageBatchChunks chunks, each
// batch on every CPU, and writes them to dst in order. Close seals the last
// chunk; Wipe clears what is left of the plaintext (call it in every case).
type ageWriter struct {
	dst     io.Writer
	aead    cipher.AEAD
	buf     []byte // the batch: chunk i's plaintext at i*ageSealedChunk, sealed in place
	n       int    // plaintext bytes in buf
	counter uint64 // number of buf's first chunk
	err     error
}

// newAgeWriter writes an age header for recipients to dst (with
// age.Encrypt) and returns the writer of its payload.
func newAgeWriter(dst io.Writer, recipients []age.Recipient) (*ageWriter, error) {
	var fileKey []byte
	defer func() { crypto.Wipe(fileKey) }()
	taps := make([]age.Recipient, len(recipients))
	for i, r := range recipients {
		taps[i] = fileKeyTap{r: r, key: &fileKey}
	}
	var head bytes.Buffer
	// age.Encrypt writes the header and the payload's nonce before it
	// returns; its payload writer is not used.
	if _, err := age.Encrypt(&head, taps...); err != nil {
		return nil, err
	}
	h := head.Bytes()
	mac := bytes.LastIndex(h, []byte("\n--- "))
	end := -1
	if mac >= 0 {
		if i := bytes.IndexByte(h[mac+1:], '\n'); i >= 0 {
			end = mac + 1 + i + 1
		}
	}
	if len(fileKey) != 16 || end < 0 || len(h)-end != 16 {
		return nil, errors.New("age: unexpected header")
	}
	streamKey := make([]byte, chacha20poly1305.KeySize)
	defer crypto.Wipe(streamKey)
	if _, err := io.ReadFull(hkdf.New(sha256.New, fileKey, h[end:], []byte("payload")), streamKey); err != nil {
		return nil, err
	}
	aead, err := chacha20poly1305.New(streamKey)
	if err != nil {
		return nil, err
	}
	if _, err := dst.Write(h); err != nil {
		return nil, err
	}
	return &ageWriter{dst: dst, aead: aead, buf: make([]byte, ageBatchChunks*ageSealedChunk)}, nil
}

func (w *ageWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	written := 0
	for len(p) > 0 {
		if w.n == ageBatchChunks*ageChunk {
			// Full, and more follows: none of its chunks is the last.
			if err := w.flush(false); err != nil {
				return written, err
			}
		}
		at := w.n/ageChunk*ageSealedChunk + w.n%ageChunk
		k := copy(w.buf[at:w.n/ageChunk*ageSealedChunk+ageChunk], p)
		w.n += k
		written += k
		p = p[k:]
	}
	return written, nil
}

// Close seals and writes what is left, its final chunk marked last.
func (w *ageWriter) Close() error {
	if w.err != nil {
		return w.err
	}
	if err := w.flush(true); err != nil {
		return err
	}
	w.err = errors.New("age: write after close")
	return nil
}

// Wipe clears the batch buffer, which may hold plaintext.
func (w *ageWriter) Wipe() { crypto.Wipe(w.buf) }

// flush seals the batch's chunks, on every CPU, and writes them.
func (w *ageWriter) flush(last bool) error {
	chunks := (w.n + ageChunk - 1) / ageChunk
	if chunks == 0 {
		chunks = 1 // an empty payload is one empty last chunk
	}
	seal := func(from, to int) {
		var nonce [chacha20poly1305.NonceSize]byte
		for c := from; c < to; c++ {
			plen := min(ageChunk, w.n-c*ageChunk)
			binary.BigEndian.PutUint64(nonce[3:11], w.counter+uint64(c))
			nonce[11] = 0
			if last && c == chunks-1 {
				nonce[11] = 1
			}
			seg := w.buf[c*ageSealedChunk : c*ageSealedChunk+ageSealedChunk]
			w.aead.Seal(seg[:0], nonce[:], seg[:plen], nil)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), chunks)
	var wg sync.WaitGroup
	step := (chunks + workers - 1) / workers
	for from := step; from < chunks; from += step {
		wg.Go(func() { seal(from, min(chunks, from+step)) })
	}
	seal(0, min(chunks, step))
	wg.Wait()
	size := (chunks-1)*ageSealedChunk + (w.n - (chunks-1)*ageChunk) + chacha20poly1305.Overhead
	if _, err := w.dst.Write(w.buf[:size]); err != nil {
		w.err = fmt.Errorf("age: %w", err)
		return w.err
	}
	w.counter += uint64(chunks)
	w.n = 0
	return nil
}
