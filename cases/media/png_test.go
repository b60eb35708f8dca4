package media_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"testing"

	"kintrace/cases/media"
)

// testPNG encodes a small picture with an alpha channel.
func testPNG(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, testPicture()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngChunk builds a chunk with its length and CRC.
func pngChunk(typ, data string) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE([]byte(typ+data)))
}

// splitPNG returns a PNG file's signature and chunks, IEND the last one.
func splitPNG(t testing.TB, data []byte) (sig []byte, chunks [][]byte) {
	t.Helper()
	sig, rest := data[:8], data[8:]
	for len(rest) > 0 {
		n := 12 + int(binary.BigEndian.Uint32(rest))
		chunks, rest = append(chunks, rest[:n]), rest[n:]
	}
	return sig, chunks
}

func joinPNG(sig []byte, chunks ...[]byte) []byte {
	return bytes.Join(append([][]byte{sig}, chunks...), nil)
}

// bigChunk is a private, safe-to-copy ancillary chunk larger than the
// stripper's buffer, which decoders skip and the stripper must copy through.
var bigChunk = pngChunk("kiNt", string(bytes.Repeat([]byte("0123456789abcdef"), 12<<10)))

// pngFixture returns a PNG file without metadata and the same file with
// Exif, XMP, raw profiles and comments before and after the image data, and
// a trailing chunk after IEND.
func pngFixture(t testing.TB) (clean, dirty []byte) {
	t.Helper()
	sig, chunks := splitPNG(t, testPNG(t))
	ihdr, idats, iend := chunks[0], chunks[1:len(chunks)-1], chunks[len(chunks)-1]
	clean = joinPNG(sig, append(append([][]byte{ihdr, bigChunk}, idats...), iend)...)
	before := [][]byte{
		ihdr,
		pngChunk("eXIf", "MM\x00*GPSLatitude 55.7558 N GPS-MARKER"),
		pngChunk("iTXt", "XML:com.adobe.xmp\x00\x00\x00\x00\x00<exif:GPSLatitude>XMP-MARKER</exif:GPSLatitude>"),
		bigChunk,
		pngChunk("tEXt", "Raw profile type exif\x00\nexif\n 20\nRAW-EXIF-MARKER"),
		pngChunk("zTXt", "Location ZTXT-MARKER\x00\x00x\x9c\x03\x00\x00\x00\x00\x01"),
		pngChunk("exIf", "OLD-EXIF-MARKER"),
		pngChunk("caBX", "jumbc2pa stds.exif C2PA-GPS-MARKER"),
	}
	after := [][]byte{
		pngChunk("tEXt", "Comment\x00taken near the station COMMENT-MARKER"),
		iend,
		pngChunk("eXIf", "TRAILER-MARKER"),
	}
	dirty = joinPNG(sig, append(append(before, idats...), after...)...)
	return clean, dirty
}

var pngMarkers = []string{"GPS-MARKER", "XMP-MARKER", "RAW-EXIF-MARKER", "ZTXT-MARKER", "OLD-EXIF-MARKER", "COMMENT-MARKER", "TRAILER-MARKER", "C2PA-GPS-MARKER"}

func TestStripLocationPNG(t *testing.T) {
	clean, dirty := pngFixture(t)
	testStripped(t, dirty, clean, pngMarkers, png.Decode)
}

func TestStripLocationRefusesBrokenPNG(t *testing.T) {
	clean, dirty := pngFixture(t)
	sig, chunks := splitPNG(t, clean)
	flip := func(data []byte, i int) []byte {
		out := bytes.Clone(data)
		out[i] ^= 0x01
		return out
	}
	exifAt := bytes.Index(dirty, []byte("GPS-MARKER"))
	idatAt := bytes.Index(clean, []byte("IDAT")) + 10
	tests := map[string][]byte{
		"signature only":          sig,
		"cut inside IDAT":         clean[:idatAt],
		"cut inside a CRC":        clean[:len(clean)-14],
		"no IEND":                 clean[:len(clean)-12],
		"IDAT's CRC":              flip(clean, idatAt),
		"dropped chunk's CRC":     flip(dirty, exifAt),
		"cut inside dropped Exif": dirty[:exifAt],
		"length over 2^31-1":      joinPNG(sig, chunks[0], []byte{0x80, 0, 0, 0, 'I', 'D', 'A', 'T'}),
		"type not letters":        joinPNG(sig, chunks[0], pngChunk("ID1T", "x"), chunks[len(chunks)-1]),
		"IHDR not first":          joinPNG(sig, pngChunk("gAMA", "\x00\x00\xb1\x8f"), chunks[0], chunks[len(chunks)-1]),
		"second IHDR":             joinPNG(sig, chunks[0], chunks[0], chunks[len(chunks)-1]),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := strip(t, data, nil)
			if !errors.Is(err, media.ErrBadPNG) {
				t.Fatalf("error = %v, want ErrBadPNG", err)
			}
			var de *media.DamagedImageError
			if !errors.As(err, &de) || de.Format != "PNG" {
				t.Errorf("errors.As(%v) gives %+v, want format PNG", err, de)
			}
		})
	}
}

// pngChunkTypes lists the chunk types of a PNG file, stopping where the
// structure cannot be followed.
func pngChunkTypes(data []byte) []string {
	var types []string
	for rest := data[min(8, len(data)):]; len(rest) >= 12; {
		n := 12 + int64(binary.BigEndian.Uint32(rest))
		if n > int64(len(rest)) {
			break
		}
		types = append(types, string(rest[4:8]))
		rest = rest[n:]
	}
	return types
}

func FuzzStripPNG(f *testing.F) {
	// Large inputs slow the fuzzer down, so the seeds leave out the big chunk.
	clean, dirty := pngFixture(f)
	clean, dirty = bytes.ReplaceAll(clean, bigChunk, nil), bytes.ReplaceAll(dirty, bigChunk, nil)
	f.Add(clean)
	f.Add(clean[:len(clean)/8])
	f.Add(dirty)
	sig, _ := splitPNG(f, clean)
	var tiny bytes.Buffer
	if err := png.Encode(&tiny, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		f.Fatal(err)
	}
	f.Add(tiny.Bytes())
	f.Add(joinPNG(sig, pngChunk("IHDR", "\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00"), pngChunk("tEXt", "a\x00b"), pngChunk("IEND", "")))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
			data = append([]byte("\x89PNG\r\n\x1a\n"), data...)
		}
		got, err := strip(t, data, nil)
		if err != nil {
			if !errors.Is(err, media.ErrBadPNG) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if len(got) > len(data) {
			t.Fatalf("output (%d bytes) longer than input (%d)", len(got), len(data))
		}
		for _, typ := range pngChunkTypes(got) {
			switch typ {
			case "eXIf", "exIf", "zxIf", "zXIf", "caBX", "tEXt", "zTXt", "iTXt":
				t.Fatalf("%s chunk left in the output", typ)
			}
		}
		again, err := strip(t, got, nil)
		if err != nil || !bytes.Equal(again, got) {
			t.Fatalf("stripping is not idempotent: %v", err)
		}
	})
}
