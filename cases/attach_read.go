package cases

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
	return &attachmentReader{v: v, ctx: ctx, row: row, m: m, ad: v.chunkAD(m.ID), hash: sha256.New()}, m.public(), nil
}

type attachmentReader struct {
	v     *Vault
	ctx   context.Context
	row   string
	m     *attachmentMeta
	ad    []byte
	next  int64  // index of the next chunk to fetch
	plain []byte // the current chunk's plaintext
	rest  []byte // its part not yet read
	read  int64
	hash  hash.Hash
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

// fetch reads, authenticates and decrypts chunk r.next.
func (r *attachmentReader) fetch() error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	var pt []byte
	last := r.next == r.m.Chunks-1
	found := false
	err := r.v.withKeys(func(*keyring) error {
		rows, err := r.v.db.QueryContext(r.ctx, `SELECT data FROM attachment_chunks WHERE attachment = ? AND seq = ?`, r.row, r.next)
		if err != nil {
			return err
		}
		defer rows.Close()
		if !rows.Next() {
			return rows.Err()
		}
		found = true
		// RawBytes points into SQLite's buffer until Next or Close: the
		// chunk is opened there, without a copy.
		var sealed sql.RawBytes
		if err := rows.Scan(&sealed); err != nil {
			return err
		}
		var oerr error
		if pt, oerr = crypto.OpenChunk(r.m.Key, r.m.Prefix, uint64(r.next), last, sealed, r.ad); oerr != nil {
			problem := "chunk failed authentication (changed, reordered or from another attachment)"
			if last && len(sealed) < r.expectedSealed(last) {
				problem = "last chunk is cut short"
			}
			return &AttachmentError{Chunk: r.next, Problem: problem}
		}
		return nil
	})
	if err == nil && !found {
		err = &AttachmentError{Chunk: r.next, Problem: "chunk is missing"}
	}
	var ae *AttachmentError
	if errors.As(err, &ae) {
		return err
	}
	if err != nil {
		return fmt.Errorf("read attachment: %w", err)
	}
	crypto.Wipe(r.plain)
	r.plain, r.rest = pt, pt
	r.hash.Write(pt)
	r.read += int64(len(pt))
	r.next++
	return nil
}

// expectedSealed is the sealed length chunk r.next must have.
func (r *attachmentReader) expectedSealed(last bool) int {
	n := int64(crypto.ChunkSize)
	if last {
		n = r.m.Size - r.next*crypto.ChunkSize
	}
	return int(n) + 16
}

// finish runs the end-of-stream checks: no extra chunk rows, and the size
// and SHA-256 the sealed metadata promise.
func (r *attachmentReader) finish() error {
	var extra int64
	err := r.v.withKeys(func(*keyring) error {
		return r.v.db.QueryRowContext(r.ctx, `SELECT count(*) FROM attachment_chunks WHERE attachment = ? AND (seq < 0 OR seq >= ?)`,
			r.row, r.m.Chunks).Scan(&extra)
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
	if hex.EncodeToString(r.hash.Sum(nil)) != r.m.SHA256 {
		return &AttachmentError{Chunk: r.next - 1, Problem: "SHA-256 does not match"}
	}
	return io.EOF
}

func (r *attachmentReader) wipe() {
	crypto.Wipe(r.plain)
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
