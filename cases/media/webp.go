package media

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
)

// A WebP file is a RIFF container: "RIFF", the size of what follows, "WEBP",
// then chunks, each a FourCC, a 4-byte little-endian size and the data,
// padded to an even length (RFC 9649). The WebP stripper drops the EXIF and
// XMP chunks and content credentials (C2PA chunks, which can repeat Exif), clears their two flags in the VP8X header, drops anything
// after the RIFF container, and writes the container's new size; every
// other chunk (VP8, VP8L, ALPH, ANIM and ANMF frames, ICCP, unknown ones)
// is copied byte for byte.
//
// The container's size comes first, before the chunks it must account for,
// and EXIF and XMP come last, after the image data. A stripper reading a
// stream can therefore write nothing before it has read the whole file, so
// it holds the file in memory, up to MaxWebPStrip; the size is declared in
// the first bytes, so a larger file is refused (ErrTooLargeToStrip) before
// it is read. Spilling to a temporary file instead would put the plaintext
// photo on disk, which Kintrace never does. WebP photos and screenshots are
// usually a few MiB.

// ErrBadWebP reports a file that claims to be a WebP but whose chunks
// cannot be followed; nothing of it should be stored as "stripped".
var ErrBadWebP error = &DamagedImageError{Format: "WebP"}

// MaxWebPStrip is the size of the largest WebP file StripLocation filters.
const MaxWebPStrip = 64 << 20

// VP8X flags (RFC 9649 section 2.7): Exif metadata, XMP metadata.
const (
	vp8xExif = 0x08
	vp8xXMP  = 0x04
)

type webpStripper struct {
	src  *bufio.Reader
	read bool
	out  []byte // the stripped file still to hand out
	err  error
}

func (s *webpStripper) Read(p []byte) (int, error) {
	if !s.read {
		s.read = true
		s.out, s.err = stripWebP(s.src)
	}
	if len(s.out) > 0 {
		n := copy(p, s.out)
		s.out = s.out[n:]
		return n, nil
	}
	if s.err != nil {
		return 0, s.err
	}
	return 0, io.EOF
}

// stripWebP reads the RIFF container from r and returns it without its
// EXIF and XMP chunks.
func stripWebP(r io.Reader) ([]byte, error) {
	var hdr [12]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, fmt.Errorf("RIFF header cut short: %w", ErrBadWebP)
	}
	size := int64(binary.LittleEndian.Uint32(hdr[4:8]))
	if size+8 > MaxWebPStrip {
		return nil, fmt.Errorf("WebP of %d bytes: %w", size+8, ErrTooLargeToStrip)
	}
	var buf bytes.Buffer
	buf.Write(hdr[:])
	if _, err := buf.ReadFrom(io.LimitReader(r, size-4)); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if int64(len(data)) != size+8 {
		return nil, fmt.Errorf("RIFF container cut short: %w", ErrBadWebP)
	}
	// Kept chunks move forward over the dropped ones, in place.
	w := len(hdr)
	for off := w; off < len(data); {
		if len(data)-off < 8 {
			return nil, fmt.Errorf("chunk header cut short: %w", ErrBadWebP)
		}
		fourcc := string(data[off : off+4])
		n := int64(binary.LittleEndian.Uint32(data[off+4 : off+8]))
		end := int64(off) + 8 + n + n&1
		if end > int64(len(data)) {
			return nil, fmt.Errorf("chunk %q cut short: %w", fourcc, ErrBadWebP)
		}
		if off == len(hdr) && fourcc != "VP8 " && fourcc != "VP8L" && fourcc != "VP8X" {
			return nil, fmt.Errorf("first chunk %q is not VP8, VP8L or VP8X: %w", fourcc, ErrBadWebP)
		}
		switch fourcc {
		case "EXIF", "XMP ", "C2PA":
			off = int(end)
			continue
		case "VP8X":
			if n < 10 {
				return nil, fmt.Errorf("VP8X chunk of %d bytes: %w", n, ErrBadWebP)
			}
			data[off+8] &^= vp8xExif | vp8xXMP
		}
		w += copy(data[w:], data[off:end])
		off = int(end)
	}
	if w == len(hdr) {
		return nil, fmt.Errorf("no chunks: %w", ErrBadWebP)
	}
	binary.LittleEndian.PutUint32(data[4:8], uint32(w-8))
	return data[:w], nil
}
