package media

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// A JPEG file is a sequence of marker segments (JPEG, ITU T.81 annex B),
// so dropping whole segments leaves the picture bit for bit as it was.
// Application segments (APP0–APP15) and comments are where metadata lives,
// and any of them can carry a place in free text: Exif and XMP in APP1,
// C2PA in APP11, IPTC in APP13, but also a camera's or an editor's notes in
// APP12 ("Ducky", picture info) or a COM segment ("shot at … GPS 59.75,
// 30.60"). So the JPEG stripper keeps only the three application segments
// that change how the picture looks, and removes:
//
//   - every COM segment (marker 0xFFFE);
//   - every APPn segment (0xFFE0–0xFFEF) except a JFIF APP0 (pixel density),
//     an ICC_PROFILE APP2 (the colour profile) and an Adobe APP14 (the
//     colour transform of CMYK and YCCK pictures); so Exif, with its GPS
//     directory and its thumbnail, XMP, MPF, JUMBF (C2PA), Photoshop/IPTC
//     and every vendor's segment go;
//   - anything after the end-of-image marker, where some phones append
//     further images that carry their own Exif.
//
// Everything else (tables, frame and scan headers, the image data) passes
// through unchanged. The Exif orientation tag goes with the Exif block, so
// a photo taken sideways may show sideways.

// ErrBadJPEG reports a file that claims to be a JPEG but whose segments
// cannot be followed; nothing of it should be stored as "stripped".
var ErrBadJPEG error = &DamagedImageError{Format: "JPEG"}

type jpegState int

const (
	jpegStart   jpegState = iota // before the start-of-image marker
	jpegMarker                   // at a marker between segments
	jpegSegment                  // copying a segment's payload
	jpegScan                     // copying entropy-coded data after SOS
	jpegDone                     // after the end-of-image marker
)

type jpegStripper struct {
	src       *bufio.Reader
	state     jpegState
	after     jpegState // the state once the segment has been copied
	remaining int       // bytes of the segment payload still to copy
	hdr       [4]byte
	held      // marker bytes (slicing hdr) or the error that ends the stream
}

func (s *jpegStripper) Read(p []byte) (int, error) {
	for {
		if n, ok, err := s.handOut(p); ok {
			return n, err
		}
		switch s.state {
		case jpegStart:
			if _, err := io.ReadFull(s.src, s.hdr[:2]); err != nil || s.hdr[0] != 0xff || s.hdr[1] != 0xd8 {
				s.err = fmt.Errorf("no start-of-image marker: %w", ErrBadJPEG)
				continue
			}
			s.pending, s.state = s.hdr[:2], jpegMarker
		case jpegMarker:
			if err := s.marker(); err != nil {
				s.err = err
			}
		case jpegSegment:
			if s.remaining == 0 {
				s.state = s.after
				continue
			}
			n, err := io.ReadFull(s.src, p[:min(len(p), s.remaining)])
			s.remaining -= n
			if err != nil {
				s.err = fmt.Errorf("segment cut short: %w", ErrBadJPEG)
			}
			return n, nil
		case jpegScan:
			if n := s.scan(p); n > 0 {
				return n, nil
			}
		case jpegDone:
			s.err = io.EOF
		}
	}
}

// marker reads the next marker and decides what becomes of its segment.
func (s *jpegStripper) marker() error {
	b, err := s.src.ReadByte()
	if err != nil || b != 0xff {
		return fmt.Errorf("expected a marker: %w", ErrBadJPEG)
	}
	m := byte(0xff)
	for m == 0xff { // 0xFF fill bytes may precede a marker
		if m, err = s.src.ReadByte(); err != nil {
			return fmt.Errorf("file ends inside a marker: %w", ErrBadJPEG)
		}
	}
	switch {
	case m == 0x01 || m >= 0xd0 && m <= 0xd7: // TEM, RSTn: no payload
		s.hdr[0], s.hdr[1] = 0xff, m
		s.pending = s.hdr[:2]
		return nil
	case m == 0xd9: // EOI: whatever follows is dropped
		s.hdr[0], s.hdr[1] = 0xff, m
		s.pending, s.state = s.hdr[:2], jpegDone
		return nil
	case m == 0x00 || m == 0xd8:
		return fmt.Errorf("marker 0x%02x between segments: %w", m, ErrBadJPEG)
	}
	if _, err := io.ReadFull(s.src, s.hdr[2:4]); err != nil {
		return fmt.Errorf("segment length cut short: %w", ErrBadJPEG)
	}
	length := int(s.hdr[2])<<8 | int(s.hdr[3])
	if length < 2 {
		return fmt.Errorf("segment length %d: %w", length, ErrBadJPEG)
	}
	if m == 0xfe || m >= 0xe0 && m <= 0xef { // COM, APPn
		id, _ := s.src.Peek(min(length-2, len("ICC_PROFILE\x00")))
		if !keptAppSegment(m, id) {
			if _, err := s.src.Discard(length - 2); err != nil {
				return fmt.Errorf("segment cut short: %w", ErrBadJPEG)
			}
			return nil
		}
	}
	s.hdr[0], s.hdr[1] = 0xff, m
	s.pending = s.hdr[:4]
	s.remaining, s.state, s.after = length-2, jpegSegment, jpegMarker
	if m == 0xda { // SOS: entropy-coded data follows its header
		s.after = jpegScan
	}
	return nil
}

// keptAppSegment reports whether an APPn or COM segment with marker m,
// whose payload starts with id, passes the stripper: only a JFIF APP0, an
// ICC profile APP2 and an Adobe APP14, which change how the picture looks
// and carry no text.
func keptAppSegment(m byte, id []byte) bool {
	switch m {
	case 0xe0:
		return bytes.HasPrefix(id, []byte("JFIF\x00"))
	case 0xe2:
		return bytes.HasPrefix(id, []byte("ICC_PROFILE\x00"))
	case 0xee:
		return bytes.HasPrefix(id, []byte("Adobe"))
	}
	return false
}

// scan copies entropy-coded data into p up to the next marker. Inside it a
// 0xFF byte is followed by 0x00 (a stuffed 0xFF) or a restart marker; any
// other marker ends the scan. A file that ends inside a scan (a cut-off
// photo) simply ends.
func (s *jpegStripper) scan(p []byte) int {
	if _, err := s.src.Peek(1); err != nil {
		s.state = jpegDone
		return 0
	}
	buf, _ := s.src.Peek(s.src.Buffered())
	if i := bytes.IndexByte(buf, 0xff); i != 0 {
		if i < 0 {
			i = len(buf)
		}
		n := copy(p, buf[:i])
		s.src.Discard(n)
		return n
	}
	two, err := s.src.Peek(2)
	if err != nil {
		s.src.Discard(1) // a lone 0xFF at the very end
		s.state = jpegDone
		return 0
	}
	switch c := two[1]; {
	case c == 0x00 || c >= 0xd0 && c <= 0xd7:
		s.hdr[0], s.hdr[1] = 0xff, c
		s.pending = s.hdr[:2]
		s.src.Discard(2)
	case c == 0xff:
		s.src.Discard(1) // fill byte before a marker
	default:
		s.state = jpegMarker
	}
	return 0
}
