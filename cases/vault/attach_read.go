package vault

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"

	"kintrace/crypto"
)

// OpenAttachment returns a reader of an attachment's plaintext and its
// description. The reader fetches and opens one chunk at a time (memory does
// not depend on the file's size) and verifies as it goes: every chunk must
// authenticate at its index, the last one with the last-chunk flag, no chunk
// may be missing or extra, and at the end the size and SHA-256 must match the
// sealed metadata. Any failure is an *AttachmentError wrapping
// crypto.ErrCorrupt. Bytes are handed out before the final SHA-256 check, so
// a caller must treat what it got as void unless Read returned io.EOF.
//
// The reader does not hold the vault's connection between reads. It stops
// with ErrLocked once the vault is locked, and Close wipes its key.
func (v *Vault) OpenAttachment(ctx context.Context, id string) (io.ReadCloser, Attachment, error) {
	return v.openAttachment(ctx, id, true)
}

// StreamAttachment is OpenAttachment without hashing what it reads, for a
// caller that checks the SHA-256 against the sealed metadata's itself
// (bundle export, which hashes every entry it writes and compares it with
// the manifest, where it put the metadata's SHA-256). Every chunk is still
// authenticated, and the size and the chunk count still checked.
func (v *Vault) StreamAttachment(ctx context.Context, id string) (io.ReadCloser, Attachment, error) {
	return v.openAttachment(ctx, id, false)
}

// openAttachment is OpenAttachment, or StreamAttachment without hash.
func (v *Vault) openAttachment(ctx context.Context, id string, hash bool) (*attachmentReader, Attachment, error) {
	var m *attachmentMeta
	var row string
	err := v.withKeys(func(k *keyring) error {
		var err error
		_, m, err = v.readAttachmentMeta(ctx, v.db, k, id)
		row = rowID(k, kindAttachment, id)
		return err
	})
	if err != nil {
		return nil, Attachment{}, fmt.Errorf("open attachment: %w", err)
	}
	r := &attachmentReader{v: v, ctx: ctx, row: row, m: m, ad: v.chunkAD(m.ID)}
	if hash {
		r.hash = sha256.New()
	}
	return r, m.public(), nil
}

// readBatch is how many chunks an attachment reader fetches per query.
const readBatch = 8

type attachmentReader struct {
	v     *Vault
	ctx   context.Context
	row   string
	m     *attachmentMeta
	ad    []byte
	next  int64  // index of the next chunk to fetch
	plain []byte // the plaintext of the chunks fetched last (a reused buffer)
	rest  []byte // its part not yet read
	read  int64
	hash  hash.Hash // nil when the caller checks the SHA-256
	err   error
}

func (r *attachmentReader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	for len(r.rest) == 0 {
		if r.next == r.m.Chunks {
			r.err = r.finish()
			r.wipe()
			return 0, r.err
		}
		if err := r.fetch(); err != nil {
			r.err = err
			r.wipe()
			return 0, err
		}
	}
	n := copy(p, r.rest)
	r.rest = r.rest[n:]
	return n, nil
}

// fetch reads, authenticates and decrypts the next chunks, up to
// readBatch of them in one query, into r.plain.
func (r *attachmentReader) fetch() error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	want := min(readBatch, r.m.Chunks-r.next)
	if r.plain == nil {
		r.plain = make([]byte, 0, min(r.m.Size, readBatch*crypto.ChunkSize))
	}
	out := r.plain[:0]
	var got int64
	err := r.v.withKeys(func(k *keyring) error {
		for ; got < want; got++ {
			idx := r.next + got
			// RawBytes points into SQLite's buffer until Next or Close:
			// the chunk is opened there, without a copy.
			rows, err := r.v.db.QueryContext(r.ctx, `SELECT data FROM attachment_chunks WHERE id = ?`, chunkID(k, r.row, idx))
			if err != nil {
				return err
			}
			if !rows.Next() {
				rows.Close()
				if err := rows.Err(); err != nil {
					return err
				}
				return &AttachmentError{Chunk: idx, Problem: "chunk is missing"}
			}
			var sealed sql.RawBytes
			if err := rows.Scan(&sealed); err != nil {
				rows.Close()
				return err
			}
			last := idx == r.m.Chunks-1
			size := r.expectedSealed(idx, last)
			if len(sealed) < size {
				rows.Close()
				problem := "chunk failed authentication (changed, reordered or from another attachment)"
				if last {
					problem = "last chunk is cut short"
				}
				return &AttachmentError{Chunk: idx, Problem: problem}
			}
			// What follows the sealed chunk in its row is random padding.
			pt, oerr := crypto.OpenChunkTo(out, r.m.Key, r.m.Prefix, uint64(idx), last, sealed[:size], r.ad)
			rows.Close()
			if oerr != nil {
				return &AttachmentError{Chunk: idx, Problem: "chunk failed authentication (changed, reordered or from another attachment)"}
			}
			out = pt
		}
		return nil
	})
	if err == nil && got < want {
		err = &AttachmentError{Chunk: r.next + got, Problem: "chunk is missing"}
	}
	if err != nil {
		crypto.Wipe(r.plain[:cap(r.plain)])
		var ae *AttachmentError
		if errors.As(err, &ae) {
			return err
		}
		return fmt.Errorf("read attachment: %w", err)
	}
	r.plain, r.rest = out, out
	if r.hash != nil {
		r.hash.Write(out)
	}
	r.read += int64(len(out))
	r.next += got
	return nil
}

// expectedSealed is the sealed length chunk idx must have.
func (r *attachmentReader) expectedSealed(idx int64, last bool) int {
	n := int64(crypto.ChunkSize)
	if last {
		n = r.m.Size - idx*crypto.ChunkSize
	}
	return int(n) + 16
}

// finish runs the end-of-stream checks: no extra chunk rows, and the size
// and SHA-256 the sealed metadata promise.
func (r *attachmentReader) finish() error {
	var extra int64
	err := r.v.withKeys(func(k *keyring) error {
		return r.v.db.QueryRowContext(r.ctx, `SELECT count(*) FROM attachment_chunks WHERE id = ?`,
			chunkID(k, r.row, r.m.Chunks)).Scan(&extra)
	})
	if err != nil {
		return fmt.Errorf("read attachment: %w", err)
	}
	if extra > 0 {
		return &AttachmentError{Chunk: r.m.Chunks, Problem: "extra chunks after the last one"}
	}
	if r.read != r.m.Size {
		return &AttachmentError{Chunk: r.next - 1, Problem: "size does not match"}
	}
	if r.hash != nil && hex.EncodeToString(r.hash.Sum(nil)) != r.m.SHA256 {
		return &AttachmentError{Chunk: r.next - 1, Problem: "SHA-256 does not match"}
	}
	return io.EOF
}

func (r *attachmentReader) wipe() {
	crypto.Wipe(r.plain[:cap(r.plain)])
	r.plain, r.rest = nil, nil
	r.m.wipe()
}

// Close wipes the reader's key and buffer.
func (r *attachmentReader) Close() error {
	r.wipe()
	if r.err == nil {
		r.err = errors.New("read attachment: reader is closed")
	}
	return nil
}
