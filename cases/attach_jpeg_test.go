package cases_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"testing"
	"testing/iotest"

	"kintrace/cases"
)

// testJPEG encodes a small picture; progressive is not available from the
// standard encoder, so restart markers and stuffed bytes come from the
// picture's noise.
func testJPEG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := range 48 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), uint8(x * y), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func segment(marker byte, payload string) []byte {
	n := len(payload) + 2
	return append([]byte{0xff, marker, byte(n >> 8), byte(n)}, payload...)
}

// withMetadata inserts Exif (with a GPS marker), XMP and IPTC segments after
// the start-of-image marker, a fill byte before a marker, and a trailing
// image with its own Exif after the end-of-image marker.
func withMetadata(clean []byte) []byte {
	exif := segment(0xe1, "Exif\x00\x00MM\x00*GPSLatitude 55.7558 N GPS-MARKER")
	xmp := segment(0xe1, "http://ns.adobe.com/xap/1.0/\x00<exif:GPSLatitude>XMP-MARKER</exif:GPSLatitude>")
	iptc := segment(0xed, "Photoshop 3.0\x008BIM IPTC-CITY-MARKER")
	var out []byte
	out = append(out, clean[:2]...) // SOI
	out = append(out, exif...)
	out = append(out, xmp...)
	out = append(out, 0xff) // a fill byte before the next marker
	out = append(out, iptc...)
	out = append(out, clean[2:]...)
	out = append(out, 0xff, 0xd8)
	out = append(out, segment(0xe1, "Exif\x00\x00TRAILER-GPS-MARKER")...)
	return out
}

var jpegMarkers = []string{"GPS-MARKER", "XMP-MARKER", "IPTC-CITY-MARKER", "TRAILER-GPS-MARKER"}

func strip(t testing.TB, data []byte, wrap func(io.Reader) io.Reader) ([]byte, error) {
	t.Helper()
	r := cases.StripLocation(bytes.NewReader(data))
	if wrap != nil {
		r = wrap(r)
	}
	return io.ReadAll(r)
}

func TestStripLocation(t *testing.T) {
	clean := testJPEG(t)
	dirty := withMetadata(clean)
	for _, m := range jpegMarkers {
		if !bytes.Contains(dirty, []byte(m)) {
			t.Fatalf("fixture lacks %s", m)
		}
	}
	readers := map[string]func(io.Reader) io.Reader{
		"whole":    nil,
		"one byte": iotest.OneByteReader,
		"half":     iotest.HalfReader,
	}
	for name, wrap := range readers {
		t.Run(name, func(t *testing.T) {
			got, err := strip(t, dirty, wrap)
			if err != nil {
				t.Fatalf("StripLocation: %v", err)
			}
			// The picture comes out bit for bit as the encoder made it.
			if !bytes.Equal(got, clean) {
				t.Fatalf("stripped JPEG (%d bytes) differs from the clean one (%d bytes)", len(got), len(clean))
			}
		})
	}
	got, _ := strip(t, dirty, nil)
	if _, err := jpeg.Decode(bytes.NewReader(got)); err != nil {
		t.Errorf("stripped JPEG does not decode: %v", err)
	}
	for _, m := range jpegMarkers {
		if bytes.Contains(got, []byte(m)) {
			t.Errorf("%s survived stripping", m)
		}
	}
}

func TestStripLocationPassesOtherFilesThrough(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("\xff"), []byte("\xff\xd8"), []byte("plain text"), []byte("\x89PNG\r\n\x1a\n\x00\x00")} {
		got, err := strip(t, data, nil)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("StripLocation(%q) = %q, %v; want it unchanged", data, got, err)
		}
	}
}

func TestStripLocationRefusesBrokenJPEG(t *testing.T) {
	clean := testJPEG(t)
	tests := map[string][]byte{
		"cut inside a segment": withMetadata(clean)[:30],
		"cut inside a length":  {0xff, 0xd8, 0xff, 0xe0, 0x00},
		"length below two":     {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01},
		"no marker":            {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02, 0x12},
		"second SOI":           {0xff, 0xd8, 0xff, 0xd8},
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := strip(t, data, nil); !errors.Is(err, cases.ErrBadJPEG) {
				t.Errorf("error = %v, want ErrBadJPEG", err)
			}
		})
	}
}

// jpegHeaderMarkers lists the markers of the segments before the first scan.
func jpegHeaderMarkers(data []byte) []byte {
	var ms []byte
	for i := 2; i+4 <= len(data) && data[i] == 0xff; {
		m := data[i+1]
		ms = append(ms, m)
		if m == 0xda || m == 0xd9 {
			break
		}
		i += 2 + (int(data[i+2])<<8 | int(data[i+3]))
	}
	return ms
}

func FuzzStripLocation(f *testing.F) {
	clean := testJPEG(f)
	f.Add(clean)
	f.Add(withMetadata(clean))
	f.Add([]byte{0xff, 0xd8, 0xff, 0xe1, 0x00, 0x04, 'a', 'b', 0xff, 0xd9})
	f.Add([]byte{0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0x01, 0xff, 0x00, 0xff, 0xd0, 0xff, 0xff, 0xd9, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := strip(t, data, nil)
		if err != nil {
			if !errors.Is(err, cases.ErrBadJPEG) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if len(got) > len(data) {
			t.Fatalf("output (%d bytes) longer than input (%d)", len(got), len(data))
		}
		if !bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}) {
			if !bytes.Equal(got, data) {
				t.Fatal("a non-JPEG was changed")
			}
			return
		}
		for _, m := range jpegHeaderMarkers(got) {
			if m == 0xe1 || m == 0xed {
				t.Fatalf("marker 0x%02x left in the output", m)
			}
		}
		again, err := strip(t, got, nil)
		if err != nil || !bytes.Equal(again, got) {
			t.Fatalf("stripping is not idempotent: %v", err)
		}
	})
}
