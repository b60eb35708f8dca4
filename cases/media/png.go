package media

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
)

// A PNG file is an 8-byte signature and a sequence of chunks, each a 4-byte
// length, a 4-byte type, the data and a CRC-32 of type and data (PNG
// specification, third edition, section 5). The PNG stripper drops:
//
//   - eXIf chunks (Exif, with its GPS directory), and the pre-2017 exIf
//     and zxIf spellings some tools wrote;
//   - caBX chunks: content credentials (C2PA), which can repeat Exif
//     fields and the position;
//   - every textual chunk (tEXt, zTXt, iTXt), whatever its keyword: XMP
//     ("XML:com.adobe.xmp") and ImageMagick's "Raw profile type exif",
//     "…xmp" and "…iptc" carry the position, and a free-text Comment,
//     Description or Location can name a place just as well. Text never
//     affects the picture, so keeping none is simpler and safer than
//     guessing which keywords are harmless;
//   - anything after the IEND chunk.
//
// Every other chunk (the header, palette, colour profile, the IDAT image
// data, animation frames) is copied byte for byte, each checked against its
// CRC as it streams by. A file whose chunks cannot be followed, or whose
// CRC does not match, is refused with ErrBadPNG.

// ErrBadPNG reports a file that claims to be a PNG but whose chunks cannot
// be followed; nothing of it should be stored as "stripped".
var ErrBadPNG error = &DamagedImageError{Format: "PNG"}

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// pngDropped lists the chunk types the stripper removes.
var pngDropped = map[string]bool{
	"eXIf": true, "exIf": true, "zxIf": true, "zXIf": true, "caBX": true,
	"tEXt": true, "zTXt": true, "iTXt": true,
}

type pngStripper struct {
	src       *bufio.Reader
	started   bool
	inChunk   bool   // copying a chunk's data
	remaining uint32 // bytes of the chunk's data still to copy
	ctype     string
	chunks    int // chunks seen so far
	crc       hash.Hash32
	buf       [12]byte // a chunk's length and type, then its CRC
	held               // the signature, slices of buf, or the error that ends the stream
}

func (s *pngStripper) Read(p []byte) (int, error) {
	for {
		if n, ok, err := s.handOut(p); ok {
			return n, err
		}
		switch {
		case !s.started:
			s.started, s.crc = true, crc32.NewIEEE()
			if _, err := io.ReadFull(s.src, s.buf[:8]); err != nil || string(s.buf[:8]) != string(pngSignature) {
				s.err = fmt.Errorf("no PNG signature: %w", ErrBadPNG)
				continue
			}
			s.pending = pngSignature
		case !s.inChunk:
			s.err = s.chunk()
		case s.remaining > 0:
			n, err := io.ReadFull(s.src, p[:min(uint32(len(p)), s.remaining)])
			s.crc.Write(p[:n])
			s.remaining -= uint32(n)
			if err != nil {
				s.err = fmt.Errorf("%s chunk cut short: %w", s.ctype, ErrBadPNG)
			}
			return n, nil
		default:
			s.inChunk = false
			if err := s.checkCRC(); err != nil {
				s.err = err
				continue
			}
			s.pending = s.buf[8:12]
			if s.ctype == "IEND" { // whatever follows is dropped
				s.err = io.EOF
			}
		}
	}
}

// chunk reads the next chunk's length and type and either drops the chunk
// (after checking its CRC) or starts copying it.
func (s *pngStripper) chunk() error {
	if _, err := io.ReadFull(s.src, s.buf[:8]); err != nil {
		if err == io.EOF {
			return fmt.Errorf("no IEND chunk: %w", ErrBadPNG)
		}
		return fmt.Errorf("chunk header cut short: %w", ErrBadPNG)
	}
	length := binary.BigEndian.Uint32(s.buf[:4])
	s.ctype = string(s.buf[4:8])
	if length > 1<<31-1 || !pngChunkType(s.buf[4:8]) {
		return fmt.Errorf("chunk %q of %d bytes: %w", s.buf[4:8], length, ErrBadPNG)
	}
	if s.chunks++; (s.chunks == 1) != (s.ctype == "IHDR") {
		return fmt.Errorf("IHDR must be the first chunk and only that: %w", ErrBadPNG)
	}
	s.crc.Reset()
	s.crc.Write(s.buf[4:8])
	if pngDropped[s.ctype] {
		if n, err := io.CopyN(s.crc, s.src, int64(length)); err != nil {
			return fmt.Errorf("%s chunk cut short at %d bytes: %w", s.ctype, n, ErrBadPNG)
		}
		return s.checkCRC()
	}
	s.inChunk, s.remaining = true, length
	s.pending = s.buf[:8]
	return nil
}

// checkCRC reads the CRC that ends the current chunk into buf[8:12] and
// compares it with the one computed.
func (s *pngStripper) checkCRC() error {
	if _, err := io.ReadFull(s.src, s.buf[8:12]); err != nil {
		return fmt.Errorf("%s chunk's CRC cut short: %w", s.ctype, ErrBadPNG)
	}
	if binary.BigEndian.Uint32(s.buf[8:12]) != s.crc.Sum32() {
		return fmt.Errorf("%s chunk's CRC does not match: %w", s.ctype, ErrBadPNG)
	}
	return nil
}

// pngChunkType reports whether t is made of ASCII letters, as chunk types
// must be.
func pngChunkType(t []byte) bool {
	for _, c := range t {
		if (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}
