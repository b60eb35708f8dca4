package bundle

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"slices"
	"sync"

	"filippo.io/age"

	"kintrace/crypto"
)

// A bundle is an age v1 file. Its plaintext is a container:
//
//	magic    "kintrace-bundle/1\n"
//	entries  u16be name length (1..200) ‖ name ‖ u64be size ‖ size bytes
//	end      u16be 0, then the end of the age stream
//
// The first entry is manifest.json, the second manifest.sig (64 bytes of
// Ed25519 signature over "kintrace/bundle-manifest/v1" ‖ 0x00 ‖ manifest),
// then exactly the entries the manifest lists, in its order, each with the
// size and SHA-256 it declares. Nothing may follow the end marker. age
// authenticates every 64 KiB chunk and the end of the stream, so a reader
// that reaches the end with every check passed holds what the sender
// sealed.

// Container entry names fixed by the format.
const (
	ManifestEntryName  = "manifest.json"
	SignatureEntryName = "manifest.sig"
	containerMagic     = "kintrace-bundle/1\n"
)

// Entry is one entry to write: its declared size and SHA-256 (which
// go into the manifest before any data is written) and a way to open its
// bytes. Write checks the bytes against the declaration as it copies.
type Entry struct {
	Name   string
	Size   int64
	SHA256 [sha256.Size]byte
	Open   func() (io.ReadCloser, error)
}

// BytesEntry is a Entry holding data in memory.
func BytesEntry(name string, data []byte) Entry {
	return Entry{Name: name, Size: int64(len(data)), SHA256: sha256.Sum256(data),
		Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
}

// SealOptions say who signs a bundle and who can open it: Recipients (the
// sender's own key is added) or a Passphrase, never both.
type SealOptions struct {
	Sender     *crypto.Identity
	Recipients []crypto.PublicKey
	Passphrase []byte
	// Progress, when set, is called with bytes of entries written so far
	// and their total.
	Progress func(done, total int64)
}

// copyChunk is how much Write and Read copy between checks of
// the context.
const copyChunk = 1 << 20

// Write fills in the manifest's sender, recipients and entries, signs
// it and writes the sealed bundle to w. m's other fields (ID, Created,
// Sequence, Redaction, Cases) are the caller's. It stops with ctx's error
// when ctx is cancelled; w then holds an incomplete file that the caller
// must discard.
func Write(ctx context.Context, w io.Writer, m *Manifest, entries []Entry, opt SealOptions) error {
	if opt.Sender == nil {
		return errors.New("write bundle: no sender identity")
	}
	self := opt.Sender.Public()
	m.Format = Format
	m.SenderAge, m.SenderSign = self.Age.String(), self.SignString()
	var recipients []age.Recipient
	m.Recipients = []string{}
	switch {
	case len(opt.Passphrase) > 0 && len(opt.Recipients) > 0:
		return errors.New("write bundle: a passphrase cannot be combined with recipients")
	case len(opt.Passphrase) > 0:
		r, err := age.NewScryptRecipient(string(opt.Passphrase))
		if err != nil {
			return fmt.Errorf("write bundle: %w", err)
		}
		r.SetWorkFactor(crypto.ScryptWorkFactor())
		recipients = append(recipients, r)
		m.Passphrase = true
	default:
		m.Passphrase = false
		seen := map[string]bool{}
		for _, p := range append([]crypto.PublicKey{self}, opt.Recipients...) {
			if p.Age == nil {
				return fmt.Errorf("write bundle: %w", crypto.ErrBadKey)
			}
			s := p.Age.String()
			if !seen[s] {
				seen[s] = true
				recipients = append(recipients, p.Age)
				m.Recipients = append(m.Recipients, s)
			}
		}
		slices.Sort(m.Recipients)
	}
	m.Entries = make([]ManifestEntry, len(entries))
	var total int64
	for i, e := range entries {
		m.Entries[i] = ManifestEntry{Name: e.Name, Size: e.Size, SHA256: hex.EncodeToString(e.SHA256[:])}
		total += e.Size
	}
	manifest, err := m.Marshal()
	if err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	if err := m.check(); err != nil {
		return fmt.Errorf("write bundle: manifest %s: %w", err, crypto.ErrCorrupt)
	}
	sig := SignManifest(opt.Sender, manifest)

	aw, err := newAgeWriter(w, recipients)
	if err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	defer aw.Wipe()
	// aw buffers a batch of chunks itself: small writes cost a copy.
	aw.Write([]byte(containerMagic))
	writeEntryHeader(aw, ManifestEntryName, int64(len(manifest)))
	aw.Write(manifest)
	writeEntryHeader(aw, SignatureEntryName, int64(len(sig)))
	aw.Write(sig)
	var done int64
	src := newEntrySource(entries)
	defer src.Close() // runs first: no source is read once it returns
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		writeEntryHeader(aw, e.Name, e.Size)
		n, err := src.copyEntry(ctx, aw, e, func(n int64) {
			if opt.Progress != nil {
				opt.Progress(done+n, total)
			}
		})
		if err != nil {
			return fmt.Errorf("write bundle: entry %q: %w", e.Name, err)
		}
		done += n
	}
	aw.Write([]byte{0, 0})
	if err := aw.Close(); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	if opt.Progress != nil {
		opt.Progress(total, total)
	}
	return nil
}

// writeEntryHeader writes an entry's header; w (an ageWriter) keeps the
// first error for the writes after it.
func writeEntryHeader(w io.Writer, name string, size int64) {
	hdr := make([]byte, 0, 2+len(name)+8)
	hdr = binary.BigEndian.AppendUint16(hdr, uint16(len(name)))
	hdr = append(hdr, name...)
	hdr = binary.BigEndian.AppendUint64(hdr, uint64(size))
	w.Write(hdr)
}

// entrySource reads and hashes the entries' sources in order on its own
// goroutine, a few buffers ahead of Write, and across entries: the next
// entry is opened, read (from the vault, for attachments) and hashed while
// the current one is sealed and written. Close stops it and waits for it,
// closes the source it had open and wipes its buffers.
type entrySource struct {
	ch   chan entryChunk
	free chan []byte
	done chan struct{}
	wg   sync.WaitGroup
	once sync.Once
}

// entryChunk is the next piece of the current entry: n bytes in buf (a
// buffer from free), then eof once its source has ended with the SHA-256
// of all its bytes in sum, or an error.
type entryChunk struct {
	buf []byte
	n   int
	eof bool
	sum [sha256.Size]byte
	err error
}

func newEntrySource(entries []Entry) *entrySource {
	s := &entrySource{ch: make(chan entryChunk, aheadBuffers), free: make(chan []byte, aheadBuffers+1), done: make(chan struct{})}
	for range aheadBuffers + 1 {
		s.free <- make([]byte, aheadSize)
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for _, e := range entries {
			if !s.read(e) {
				return
			}
		}
	}()
	return s
}

// read sends the bytes of one entry's source; false means stop.
func (s *entrySource) read(e Entry) bool {
	send := func(c entryChunk) bool {
		select {
		case s.ch <- c:
			return c.err == nil
		case <-s.done:
			return false
		}
	}
	src, err := e.Open()
	if err != nil {
		return send(entryChunk{err: err})
	}
	defer src.Close()
	// Hashed here, on the reading goroutine, while Write seals.
	h := sha256.New()
	for {
		var buf []byte
		select {
		case buf = <-s.free:
		case <-s.done:
			return false
		}
		n, err := io.ReadFull(src, buf)
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		c := entryChunk{buf: buf, n: n, eof: eof, err: err}
		if eof {
			c.err = nil
			h.Write(buf[:n])
			h.Sum(c.sum[:0])
		} else if err == nil {
			h.Write(buf[:n])
		}
		if !send(c) {
			return false
		}
		if eof {
			return true
		}
	}
}

// copyEntry copies the current entry to w, checking its size and hash
// against what the manifest declared: a source that changed between
// hashing and copying is an error rather than a bundle that fails at its
// recipient.
func (s *entrySource) copyEntry(ctx context.Context, w io.Writer, e Entry, progress func(int64)) (int64, error) {
	var n, next int64
	var sum [sha256.Size]byte
	for {
		if n >= next {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			progress(n)
			next = n + copyChunk
		}
		var c entryChunk
		select {
		case c = <-s.ch:
		case <-ctx.Done():
			return n, ctx.Err()
		}
		if c.err != nil {
			return n, c.err
		}
		if n+int64(c.n) > e.Size {
			s.free <- c.buf
			return n, errors.New("source is longer than declared")
		}
		_, err := w.Write(c.buf[:c.n])
		s.free <- c.buf
		if err != nil {
			return n, err
		}
		n += int64(c.n)
		if c.eof {
			sum = c.sum
			break
		}
	}
	if n != e.Size || sum != e.SHA256 {
		return n, errors.New("source does not match its declared size and hash")
	}
	return n, nil
}

// Close stops reading ahead, waits until no source is read any more, and
// wipes the buffers (they held entries' plaintext).
func (s *entrySource) Close() error {
	s.once.Do(func() {
		close(s.done)
		s.wg.Wait()
		for {
			select {
			case c := <-s.ch:
				crypto.Wipe(c.buf)
			case b := <-s.free:
				crypto.Wipe(b)
			default:
				return
			}
		}
	})
	return nil
}

// OpenOptions say how to open a bundle: with the vault's identity or with a
// passphrase.
type OpenOptions struct {
	Identity   *crypto.Identity
	Passphrase []byte
	// Progress, when set, is called with bytes of entries read so far and
	// their total.
	Progress func(done, total int64)
	// OnManifest, when set, is called once the manifest is verified and
	// before any entry is read; an error from it stops the read and is
	// returned as it is.
	OnManifest func(*Opened) error
}

// Opened is a bundle's verified manifest.
type Opened struct {
	Manifest  *Manifest
	Raw       []byte // the exact signed bytes
	Signature []byte
	Sender    crypto.PublicKey
}

// Read decrypts and checks a bundle, calling visit for each entry the
// manifest lists with a reader of exactly that entry's bytes. In order it
// checks: the age envelope opens with the identity or passphrase; the
// container starts with a manifest and its signature; the manifest parses
// strictly and its signature verifies under the sender key it names; this
// vault's key is in the signed recipient list (or the manifest says
// passphrase when one was used); every entry has the declared name, size
// and hash; and nothing follows the end marker. visit sees bytes before the
// hash of their entry and the end of the file are checked, so a caller must
// not act on anything until Read returns nil. Errors wrap
// ErrNotBundle, ErrNotRecipient, ErrNeedPassphrase, ErrWrongPassphrase,
// ErrBadSignature, ErrRecipientMismatch, ErrUnsupported or ErrCorrupt.
//
// Read is Open followed by OnManifest and ReadEntries.
func Read(ctx context.Context, r io.Reader, opt OpenOptions, visit func(e ManifestEntry, r io.Reader) error) (*Opened, error) {
	br, err := Open(ctx, r, opt)
	if err != nil {
		return nil, err
	}
	defer br.Close()
	if opt.OnManifest != nil {
		if err := opt.OnManifest(br.Opened()); err != nil {
			return nil, err
		}
	}
	if err := br.ReadEntries(ctx, visit); err != nil {
		return nil, err
	}
	return br.Opened(), nil
}

// Reader is a bundle whose envelope, manifest and signature have been
// checked (Open) and whose entries are still to be read, on another
// goroutine a few hundred KiB ahead of the caller. Close it when done.
type Reader struct {
	ob    *Opened
	cr    *containerReader
	opt   OpenOptions
	ahead *aheadReader
	read  bool
}

// Open runs Read's checks up to the manifest: the envelope
// opens, the container starts with a manifest and its signature, the
// manifest parses strictly, the signature verifies, and this vault is
// among the signed recipients. Nothing of the entries has been checked
// yet: call ReadEntries, and act on nothing until it returns nil. This lets
// a caller decide how to store a bundle from its verified manifest before
// reading the rest. opt.OnManifest is not called.
func Open(ctx context.Context, r io.Reader, opt OpenOptions) (*Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(4096)
	if !bytes.HasPrefix(head, []byte("age-encryption.org/v1\n")) {
		return nil, fmt.Errorf("read bundle: %w", ErrNotBundle)
	}
	scrypt := bytes.Contains(head, []byte("\n-> scrypt "))
	var ids []age.Identity
	switch {
	case len(opt.Passphrase) > 0:
		if !scrypt {
			return nil, fmt.Errorf("read bundle: %w", ErrNotRecipient)
		}
		id, err := age.NewScryptIdentity(string(opt.Passphrase))
		if err != nil {
			return nil, fmt.Errorf("read bundle: %w", crypto.ErrWrongPassphrase)
		}
		// age accepts work factors up to 2^22 (about 15 s and 4 GiB of
		// memory per try); a bundle can name any. Kintrace writes
		// crypto.ScryptWorkFactor, as the age tool does, so anything
		// costlier is refused as damaged before scrypt runs.
		id.SetMaxWorkFactor(crypto.ScryptWorkFactor())
		ids = append(ids, id)
	case opt.Identity != nil:
		if scrypt {
			return nil, fmt.Errorf("read bundle: %w", ErrNeedPassphrase)
		}
		ids = append(ids, opt.Identity.AgeIdentity())
	default:
		return nil, errors.New("read bundle: no identity or passphrase")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pr, err := age.Decrypt(br, ids...)
	if err != nil {
		var nomatch *age.NoIdentityMatchError
		switch {
		case errors.As(err, &nomatch) && len(opt.Passphrase) > 0:
			return nil, fmt.Errorf("read bundle: %w", crypto.ErrWrongPassphrase)
		case errors.As(err, &nomatch):
			return nil, fmt.Errorf("read bundle: %w", ErrNotRecipient)
		}
		return nil, fmt.Errorf("read bundle: envelope: %w", crypto.ErrCorrupt)
	}
	ahead := newAheadReader(pr)
	b, err := openContainer(ahead, opt)
	if err != nil {
		ahead.Close()
		return nil, err
	}
	b.ahead = ahead
	return b, nil
}

// openContainer reads and checks the head of a decrypted container.
func openContainer(pr io.Reader, opt OpenOptions) (*Reader, error) {
	cr := &containerReader{r: bufio.NewReaderSize(pr, 256<<10)}
	ob, err := cr.readHead(opt)
	if err != nil {
		return nil, fmt.Errorf("read bundle: %w", err)
	}
	return &Reader{ob: ob, cr: cr, opt: opt}, nil
}

// Opened returns the verified manifest.
func (b *Reader) Opened() *Opened { return b.ob }

// Close stops reading ahead; the source is no longer read once it returns.
func (b *Reader) Close() error {
	if b.ahead != nil {
		b.ahead.Close()
	}
	return nil
}

// readContainer reads the decrypted container; see Read.
func readContainer(ctx context.Context, pr io.Reader, opt OpenOptions, visit func(e ManifestEntry, r io.Reader) error) (*Opened, error) {
	b, err := openContainer(pr, opt)
	if err != nil {
		return nil, err
	}
	if opt.OnManifest != nil {
		if err := opt.OnManifest(b.ob); err != nil {
			return nil, err
		}
	}
	if err := b.ReadEntries(ctx, visit); err != nil {
		return nil, err
	}
	return b.ob, nil
}

// ReadEntries reads the entries, calling visit for each with a reader of
// exactly its bytes, and checks each against the manifest (name, size,
// SHA-256), the end marker, that nothing follows it and that the age
// stream ends authenticated; see Read. It can be called once.
func (b *Reader) ReadEntries(ctx context.Context, visit func(e ManifestEntry, r io.Reader) error) error {
	if b.read {
		return errors.New("read bundle: entries already read")
	}
	b.read = true
	cr, opt := b.cr, b.opt
	var total, done int64
	for _, e := range b.ob.Manifest.Entries {
		total += e.Size
	}
	for _, want := range b.ob.Manifest.Entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		name, size, err := cr.entryHeader()
		if err != nil {
			return fmt.Errorf("read bundle: %w", err)
		}
		if name != want.Name || size != want.Size {
			return fmt.Errorf("read bundle: entry does not match the manifest: %w", crypto.ErrCorrupt)
		}
		er := &entryReader{ctx: ctx, r: io.LimitReader(cr.r, size), h: sha256.New(),
			progress: func(n int64) {
				if opt.Progress != nil {
					opt.Progress(done+n, total)
				}
			}}
		if visit != nil {
			if err := visit(want, er); err != nil {
				if errors.Is(err, crypto.ErrCorrupt) || errors.Is(err, context.Canceled) {
					return err
				}
				return fmt.Errorf("read bundle: entry %q: %w", want.Name, err)
			}
		}
		if _, err := io.Copy(io.Discard, er); err != nil {
			return fmt.Errorf("read bundle: %w", err)
		}
		if er.n != size {
			return fmt.Errorf("read bundle: truncated: %w", crypto.ErrCorrupt)
		}
		if hex.EncodeToString(er.h.Sum(nil)) != want.SHA256 {
			return fmt.Errorf("read bundle: entry hash: %w", crypto.ErrCorrupt)
		}
		done += size
	}
	var end [2]byte
	if _, err := io.ReadFull(cr.r, end[:]); err != nil {
		return fmt.Errorf("read bundle: %w", ageErr(err))
	}
	if end != [2]byte{} {
		return fmt.Errorf("read bundle: entries beyond the manifest: %w", crypto.ErrCorrupt)
	}
	// Reading to the end makes age authenticate the final chunk, which
	// catches truncation; anything after the end marker is refused.
	var extra [1]byte
	if n, err := io.ReadFull(cr.r, extra[:]); n != 0 || err != io.EOF {
		if n != 0 {
			return fmt.Errorf("read bundle: trailing data: %w", crypto.ErrCorrupt)
		}
		return fmt.Errorf("read bundle: %w", ageErr(err))
	}
	if opt.Progress != nil {
		opt.Progress(total, total)
	}
	return nil
}

// ageErr maps a failure of the age payload stream (authentication, an
// unexpected end) to ErrCorrupt.
func ageErr(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%v: %w", err, crypto.ErrCorrupt)
}

type containerReader struct{ r *bufio.Reader }

func (c *containerReader) entryHeader() (string, int64, error) {
	var hdr [2]byte
	if _, err := io.ReadFull(c.r, hdr[:]); err != nil {
		return "", 0, ageErr(err)
	}
	n := binary.BigEndian.Uint16(hdr[:])
	if n == 0 || n > maxEntryName {
		return "", 0, fmt.Errorf("entry name: %w", crypto.ErrCorrupt)
	}
	name := make([]byte, n)
	if _, err := io.ReadFull(c.r, name); err != nil {
		return "", 0, ageErr(err)
	}
	var sz [8]byte
	if _, err := io.ReadFull(c.r, sz[:]); err != nil {
		return "", 0, ageErr(err)
	}
	size := binary.BigEndian.Uint64(sz[:])
	if size > MaxBlobEntrySize {
		return "", 0, fmt.Errorf("entry size: %w", crypto.ErrCorrupt)
	}
	return string(name), int64(size), nil
}

// readHead reads and checks the magic, manifest and signature.
func (c *containerReader) readHead(opt OpenOptions) (*Opened, error) {
	magic := make([]byte, len(containerMagic))
	if _, err := io.ReadFull(c.r, magic); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, ErrNotBundle
		}
		return nil, ageErr(err)
	}
	if string(magic) != containerMagic {
		return nil, ErrNotBundle
	}
	name, size, err := c.entryHeader()
	if err != nil {
		return nil, err
	}
	if name != ManifestEntryName || size > MaxManifestSize {
		return nil, fmt.Errorf("manifest entry: %w", crypto.ErrCorrupt)
	}
	raw := make([]byte, size)
	if _, err := io.ReadFull(c.r, raw); err != nil {
		return nil, ageErr(err)
	}
	name, size, err = c.entryHeader()
	if err != nil {
		return nil, err
	}
	if name != SignatureEntryName || size != ed25519.SignatureSize {
		return nil, fmt.Errorf("signature entry: %w", crypto.ErrCorrupt)
	}
	sig := make([]byte, size)
	if _, err := io.ReadFull(c.r, sig); err != nil {
		return nil, ageErr(err)
	}
	m, err := ParseManifest(raw)
	if err != nil {
		return nil, err
	}
	sender := m.Sender()
	if !VerifyManifest(sender, raw, sig) {
		return nil, ErrBadSignature
	}
	if len(opt.Passphrase) > 0 {
		if !m.Passphrase {
			return nil, ErrRecipientMismatch
		}
	} else if m.Passphrase || !slices.Contains(m.Recipients, opt.Identity.Public().Age.String()) {
		return nil, ErrRecipientMismatch
	}
	return &Opened{Manifest: m, Raw: raw, Signature: sig, Sender: sender}, nil
}

// entryReader hashes and counts what the visitor reads of one entry and
// stops when the context is cancelled.
type entryReader struct {
	ctx      context.Context
	r        io.Reader
	h        hash.Hash
	n        int64
	next     int64
	progress func(int64)
}

func (e *entryReader) Read(p []byte) (int, error) {
	if e.n >= e.next {
		if err := e.ctx.Err(); err != nil {
			return 0, err
		}
		e.progress(e.n)
		e.next = e.n + copyChunk
	}
	n, err := e.r.Read(p)
	if n > 0 {
		e.h.Write(p[:n])
		e.n += int64(n)
	}
	if err != nil && err != io.EOF {
		err = ageErr(err)
	}
	return n, err
}
