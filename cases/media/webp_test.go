package media_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"

	"golang.org/x/image/webp"

	"kintrace/cases/media"
)

// bitWriter writes a VP8L bit stream, least significant bit first.
type bitWriter struct {
	out  []byte
	nbit uint
}

func (w *bitWriter) write(v uint32, n uint) {
	for i := range n {
		if w.nbit%8 == 0 {
			w.out = append(w.out, 0)
		}
		w.out[len(w.out)-1] |= byte(v>>i&1) << (w.nbit % 8)
		w.nbit++
	}
}

// testVP8L hand-encodes a lossless picture whose pixels are each one of
// two colours: every prefix code is a "simple" one, the green code with two
// symbols (one bit per pixel, from pattern), the others with one symbol.
func testVP8L(width, height int, pattern func(x, y int) bool) []byte {
	w := &bitWriter{}
	w.write(0x2f, 8)
	w.write(uint32(width-1), 14)
	w.write(uint32(height-1), 14)
	w.write(0, 1) // alpha is used
	w.write(0, 3) // version
	w.write(0, 1) // no transform
	w.write(0, 1) // no colour cache
	w.write(0, 1) // no meta prefix codes
	simple := func(symbols ...uint32) {
		w.write(1, 1) // simple code
		w.write(uint32(len(symbols)-1), 1)
		w.write(1, 1) // the first symbol takes 8 bits
		for _, s := range symbols {
			w.write(s, 8)
		}
	}
	simple(0x10, 0xe0) // green
	simple(0x80)       // red
	simple(0x40)       // blue
	simple(0xff)       // alpha
	w.write(1, 1)      // distance: simple, one symbol of 1 bit
	w.write(0, 1)
	w.write(0, 1)
	w.write(0, 1)
	for y := range height {
		for x := range width {
			if pattern(x, y) {
				w.write(1, 1)
			} else {
				w.write(0, 1)
			}
		}
	}
	return w.out
}

// riffChunk builds a chunk with its size and padding.
func riffChunk(fourcc string, data []byte) []byte {
	out := append([]byte(fourcc), binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...)
	out = append(out, data...)
	if len(data)%2 == 1 {
		out = append(out, 0)
	}
	return out
}

func riffWebP(chunks ...[]byte) []byte {
	body := bytes.Join(chunks, nil)
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(4+len(body)))...)
	return append(append(out, "WEBP"...), body...)
}

// vp8x builds an extended-format header chunk.
func vp8x(flags byte, width, height int) []byte {
	d := []byte{flags, 0, 0, 0}
	d = append(d, byte(width-1), byte((width-1)>>8), byte((width-1)>>16))
	d = append(d, byte(height-1), byte((height-1)>>8), byte((height-1)>>16))
	return riffChunk("VP8X", d)
}

const (
	flagICC  = 0x20
	flagExif = 0x08
	flagXMP  = 0x04
)

// webpFixture returns an extended WebP with a colour profile, Exif (an odd
// size, so padded), XMP and an unknown chunk, then bytes after the RIFF
// container; and the same file as stripping should leave it.
func webpFixture() (clean, dirty []byte) {
	img := riffChunk("VP8L", testVP8L(37, 21, func(x, y int) bool { return (x*y+x)%3 == 0 }))
	icc := riffChunk("ICCP", []byte("not really a colour profile"))
	unknown := riffChunk("KINT", bytes.Repeat([]byte("u"), 100<<10))
	exif := riffChunk("EXIF", []byte("MM\x00*GPSLatitude 55.7558 N GPS-MARKER!"))
	xmp := riffChunk("XMP ", []byte("<exif:GPSLatitude>XMP-MARKER</exif:GPSLatitude>"))
	c2pa := riffChunk("C2PA", []byte("jumbc2pa stds.exif C2PA-GPS-MARKER"))
	clean = riffWebP(vp8x(flagICC, 37, 21), icc, img, unknown)
	dirty = riffWebP(vp8x(flagICC|flagExif|flagXMP, 37, 21), icc, img, exif, unknown, c2pa, xmp)
	dirty = append(dirty, "TRAILER-MARKER"...)
	return clean, dirty
}

var webpMarkers = []string{"GPS-MARKER", "XMP-MARKER", "TRAILER-MARKER", "C2PA-GPS-MARKER"}

func TestStripLocationWebP(t *testing.T) {
	clean, dirty := webpFixture()
	img, err := webp.Decode(bytes.NewReader(dirty))
	if err != nil {
		t.Fatalf("fixture does not decode: %v", err)
	}
	if r, g, b, _ := img.At(0, 0).RGBA(); r>>8 != 0x80 || b>>8 != 0x40 || g>>8 != 0xe0 {
		t.Fatalf("fixture's first pixel is %x %x %x, want 80 e0 40", r>>8, g>>8, b>>8)
	}
	testStripped(t, dirty, clean, webpMarkers, webp.Decode)
}

func TestStripLocationKeepsSimpleWebP(t *testing.T) {
	clean := riffWebP(riffChunk("VP8L", testVP8L(5, 3, func(x, y int) bool { return x == y })))
	got, err := strip(t, clean, nil)
	if err != nil || !bytes.Equal(got, clean) {
		t.Errorf("StripLocation changed a WebP without metadata: %v", err)
	}
	if _, err := webp.Decode(bytes.NewReader(got)); err != nil {
		t.Errorf("does not decode: %v", err)
	}
}

func TestStripLocationRefusesBrokenWebP(t *testing.T) {
	clean, _ := webpFixture()
	img := riffChunk("VP8L", testVP8L(2, 2, func(x, y int) bool { return x == 0 }))
	if binary.LittleEndian.Uint32(img[4:8])%2 != 1 {
		t.Fatalf("the VP8L fixture takes %d bytes; the padding case wants an odd payload", len(img)-8)
	}
	unpadded := img[:len(img)-1] // its RIFF size comes out odd
	tests := map[string][]byte{
		"header only":            []byte("RIFF\x04\x00\x00\x00WEBP"),
		"RIFF size below four":   []byte("RIFF\x02\x00\x00\x00WEBP"),
		"cut short":              clean[:len(clean)-1],
		"chunk past container":   riffWebP(append(img[:4:4], 0xff, 0xff, 0, 0, 1, 2)),
		"chunk header cut short": riffWebP(img, []byte("EXIF")),
		"missing padding":        riffWebP(unpadded),
		"first chunk not image":  riffWebP(riffChunk("EXIF", []byte("GPS")), img),
		"VP8X too short":         riffWebP(riffChunk("VP8X", []byte{flagExif, 0, 0, 0}), img),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := strip(t, data, nil)
			if !errors.Is(err, media.ErrBadWebP) {
				t.Fatalf("error = %v, want ErrBadWebP", err)
			}
			var de *media.DamagedImageError
			if !errors.As(err, &de) || de.Format != "WebP" {
				t.Errorf("errors.As(%v) gives %+v, want format WebP", err, de)
			}
		})
	}
}

func TestStripLocationRefusesLargeWebP(t *testing.T) {
	head := []byte("RIFF\x00\x00\x00\x00WEBPVP8L")
	binary.LittleEndian.PutUint32(head[4:], media.MaxWebPStrip-7)
	src := io.MultiReader(bytes.NewReader(head), neverRead{t})
	if _, err := io.ReadAll(media.StripLocation(src)); !errors.Is(err, media.ErrTooLargeToStrip) {
		t.Errorf("error = %v, want ErrTooLargeToStrip", err)
	}
}

// neverRead fails a test that reads past a too large file's header.
type neverRead struct{ t *testing.T }

func (r neverRead) Read([]byte) (int, error) {
	r.t.Error("the stripper read a too large WebP")
	return 0, io.ErrUnexpectedEOF
}

// webpChunks lists a stripped WebP's chunks.
func webpChunks(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	chunks := map[string][]byte{}
	for rest := data[12:]; len(rest) > 0; {
		if len(rest) < 8 {
			t.Fatalf("output has %d stray bytes", len(rest))
		}
		n := int64(binary.LittleEndian.Uint32(rest[4:8]))
		end := 8 + n + n&1
		if end > int64(len(rest)) {
			t.Fatalf("output's %q chunk runs past the end", rest[:4])
		}
		chunks[string(rest[:4])] = rest[8 : 8+n]
		rest = rest[end:]
	}
	return chunks
}

func FuzzStripWebP(f *testing.F) {
	clean, dirty := webpFixture()
	f.Add(clean[:40])
	f.Add(dirty[:len(dirty)-len("TRAILER-MARKER")-(100<<10)+30])
	f.Add(riffWebP(riffChunk("VP8L", testVP8L(2, 2, func(x, y int) bool { return x == 0 })), riffChunk("EXIF", []byte("GPS"))))
	f.Add(riffWebP(vp8x(0xff, 1, 1), riffChunk("VP8 ", []byte("x")), riffChunk("XMP ", nil)))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("RIFF")) || len(data) < 12 || string(data[8:12]) != "WEBP" {
			data = append(binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(len(data)+4)), append([]byte("WEBP"), data...)...)
		}
		got, err := strip(t, data, nil)
		if err != nil {
			if !errors.Is(err, media.ErrBadWebP) && !errors.Is(err, media.ErrTooLargeToStrip) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if len(got) > len(data) {
			t.Fatalf("output (%d bytes) longer than input (%d)", len(got), len(data))
		}
		if size := binary.LittleEndian.Uint32(got[4:8]); int(size) != len(got)-8 {
			t.Fatalf("RIFF size %d, want %d", size, len(got)-8)
		}
		chunks := webpChunks(t, got)
		for _, fourcc := range []string{"EXIF", "XMP ", "C2PA"} {
			if _, ok := chunks[fourcc]; ok {
				t.Fatalf("%q chunk left in the output", fourcc)
			}
		}
		if h, ok := chunks["VP8X"]; ok && h[0]&(flagExif|flagXMP) != 0 {
			t.Fatalf("VP8X flags %#x still announce metadata", h[0])
		}
		again, err := strip(t, got, nil)
		if err != nil || !bytes.Equal(again, got) {
			t.Fatalf("stripping is not idempotent: %v", err)
		}
	})
}
