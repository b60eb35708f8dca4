package media

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// A photo's metadata can hold the GPS position where it was taken, which
// can expose a family. StripLocation removes it from JPEG, PNG and WebP
// files without re-encoding the image (which would lose quality): each of
// these formats is a sequence of segments or chunks, and dropping whole
// metadata chunks leaves the picture's bytes as they were. What each format
// loses is described beside its stripper (jpeg.go, png.go,
// webp.go). Other formats, HEIC and TIFF among them, pass through
// unchanged: StripLocation does not claim to clean them.

// A DamagedImageError reports a file that claims to be an image in a format
// StripLocation filters, but whose structure cannot be followed; nothing of
// it should be stored as "stripped". ErrBadJPEG, ErrBadPNG and ErrBadWebP
// are its only values: errors.Is tells them apart, and errors.As gives the
// format's name for a message.
type DamagedImageError struct {
	Format string // "JPEG", "PNG" or "WebP"
}

func (e *DamagedImageError) Error() string {
	return "cases: the " + e.Format + " file's structure is damaged"
}

// ErrTooLargeToStrip reports a WebP file larger than MaxWebPStrip: its
// location data could only be removed by holding it whole in memory.
var ErrTooLargeToStrip = errors.New("cases: the image is too large to remove its location data")

// StripLocation returns a reader of r's bytes with location metadata
// removed when r holds a JPEG, PNG or WebP image (see above); any other
// file passes through unchanged. JPEG and PNG files are read as a stream,
// holding at most 64 KiB; a WebP file is held whole, up to MaxWebPStrip
// (see webp.go). A damaged image makes the reader fail with a
// *DamagedImageError once the damage is reached, so its caller must not
// keep what it read so far as a stripped file.
func StripLocation(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(stripHeadSize)
	switch stripFormat(head) {
	case "JPEG":
		return &jpegStripper{src: br}
	case "PNG":
		return &pngStripper{src: br}
	case "WebP":
		return &webpStripper{src: br}
	}
	return br
}

// CanStripLocation reports whether StripLocation filters a file that starts
// with head; the first 12 bytes suffice.
func CanStripLocation(head []byte) bool {
	return stripFormat(head) != ""
}

const stripHeadSize = 12

// stripFormat names the format StripLocation filters for a file starting
// with head, or returns "".
func stripFormat(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xff, 0xd8, 0xff}):
		return "JPEG"
	case bytes.HasPrefix(head, pngSignature):
		return "PNG"
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return "WebP"
	}
	return ""
}

// held is what a streaming stripper has read and decided to keep but not yet
// handed out (a marker, a chunk header), or the error that ends its stream.
type held struct {
	pending []byte
	err     error
}

// handOut gives the reader held bytes or the held error; ok is false when
// there are none and the stripper must read on.
func (h *held) handOut(p []byte) (n int, ok bool, err error) {
	switch {
	case len(h.pending) > 0:
		n = copy(p, h.pending)
		h.pending = h.pending[n:]
		return n, true, nil
	case h.err != nil:
		return 0, true, h.err
	case len(p) == 0:
		return 0, true, nil
	}
	return 0, false, nil
}
