package media_test

import (
	"bytes"
	"errors"
	"image/jpeg"
	"testing"

	"kintrace/cases/media"
)

// testJPEG encodes a small picture; progressive is not available from the
// standard encoder, so restart markers and stuffed bytes come from the
// picture's noise.
func testJPEG(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, testPicture(), &jpeg.Options{Quality: 90}); err != nil {
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
	c2pa := segment(0xeb, "JP\x00\x01\x00\x00\x00\x01jumbc2pa stds.exif C2PA-GPS-MARKER")
	var out []byte
	out = append(out, clean[:2]...) // SOI
	out = append(out, exif...)
	out = append(out, xmp...)
	out = append(out, 0xff) // a fill byte before the next marker
	out = append(out, iptc...)
	out = append(out, c2pa...)
	out = append(out, clean[2:]...)
	out = append(out, 0xff, 0xd8)
	out = append(out, segment(0xe1, "Exif\x00\x00TRAILER-GPS-MARKER")...)
	return out
}

var jpegMarkers = []string{"GPS-MARKER", "XMP-MARKER", "IPTC-CITY-MARKER", "TRAILER-GPS-MARKER", "C2PA-GPS-MARKER"}

func TestStripLocation(t *testing.T) {
	clean := testJPEG(t)
	testStripped(t, withMetadata(clean), clean, jpegMarkers, jpeg.Decode)
}

// TestStripLocationDropsTextSegments: a COM segment and vendor APPn
// segments (APP12 "Ducky" and picture info, APP0 JFXX, APP2 MPF, APP3,
// APP15) can hold a place in free text and go; the JFIF APP0, the ICC
// profile APP2 and the Adobe APP14, which change how the picture looks,
// stay, bit for bit.
func TestStripLocationDropsTextSegments(t *testing.T) {
	clean := testJPEG(t)
	jfif := segment(0xe0, "JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x00\x00")
	icc := segment(0xe2, "ICC_PROFILE\x00\x01\x01 a colour profile")
	adobe := segment(0xee, "Adobe\x00\x64\x00\x00\x00\x00\x01")
	build := func(dirty bool) []byte {
		out := append([]byte{}, clean[:2]...) // SOI
		add := func(seg []byte, keep bool) {
			if dirty || keep {
				out = append(out, seg...)
			}
		}
		add(jfif, true)
		add(segment(0xe0, "JFXX\x00\x10 thumbnail JFXX-MARKER"), false)
		add(segment(0xfe, "shot at Kupyansk GPS 59.75,30.60 COM-MARKER"), false)
		add(segment(0xec, "Ducky\x00\x01\x00\x00 APP12-MARKER"), false)
		add(segment(0xec, "[picture info] Location=Bakhmut PICINFO-MARKER"), false)
		add(icc, true)
		add(segment(0xe2, "MPF\x00 MPF-MARKER"), false)
		add(segment(0xe3, "Meta APP3-MARKER"), false)
		add(adobe, true)
		add(segment(0xee, "NotAdobe APP14-MARKER"), false)
		add(segment(0xef, "APP15-MARKER"), false)
		return append(out, clean[2:]...)
	}
	testStripped(t, build(true), build(false), []string{"JFXX-MARKER", "COM-MARKER", "APP12-MARKER", "PICINFO-MARKER",
		"MPF-MARKER", "APP3-MARKER", "APP14-MARKER", "APP15-MARKER"}, jpeg.Decode)
}

func TestStripLocationPassesOtherFilesThrough(t *testing.T) {
	others := [][]byte{nil, []byte("\xff"), []byte("\xff\xd8"), []byte("plain text"),
		[]byte("\x89PNG\r\n\x1a"), []byte("GIF89a\x01\x00\x01\x00"), []byte("RIFF\x04\x00\x00\x00WAVE"), []byte("RIFF\x04\x00\x00\x00WEB")}
	for _, data := range others {
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
			if _, err := strip(t, data, nil); !errors.Is(err, media.ErrBadJPEG) {
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
			if !errors.Is(err, media.ErrBadJPEG) && !errors.Is(err, media.ErrBadPNG) && !errors.Is(err, media.ErrBadWebP) && !errors.Is(err, media.ErrTooLargeToStrip) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if len(got) > len(data) {
			t.Fatalf("output (%d bytes) longer than input (%d)", len(got), len(data))
		}
		if !bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}) {
			if !media.CanStripLocation(data) && !bytes.Equal(got, data) {
				t.Fatal("a file in a format StripLocation does not filter was changed")
			}
			return // PNG and WebP have fuzz targets of their own
		}
		for _, m := range jpegHeaderMarkers(got) {
			if m == 0xe1 || m == 0xeb || m == 0xed {
				t.Fatalf("marker 0x%02x left in the output", m)
			}
		}
		again, err := strip(t, got, nil)
		if err != nil || !bytes.Equal(again, got) {
			t.Fatalf("stripping is not idempotent: %v", err)
		}
	})
}
