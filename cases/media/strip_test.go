package media_test

import (
	"bytes"
	"image"
	"image/color"
	"io"
	"testing"
	"testing/iotest"

	"kintrace/cases/media"
)

func strip(t testing.TB, data []byte, wrap func(io.Reader) io.Reader) ([]byte, error) {
	t.Helper()
	r := media.StripLocation(bytes.NewReader(data))
	if wrap != nil {
		r = wrap(r)
	}
	return io.ReadAll(r)
}

// testStripped checks that StripLocation turns dirty into clean, whether it
// is read whole, a byte or half a buffer at a time, or its source gives one
// byte at a time; that none of markers survives; and that the result
// decodes to the pixels of the original.
func testStripped(t *testing.T, dirty, clean []byte, markers []string, decode func(io.Reader) (image.Image, error)) {
	t.Helper()
	for _, m := range markers {
		if !bytes.Contains(dirty, []byte(m)) {
			t.Fatalf("fixture lacks %s", m)
		}
	}
	want, err := decode(bytes.NewReader(dirty))
	if err != nil {
		t.Fatalf("fixture does not decode: %v", err)
	}
	readers := map[string]func(io.Reader) io.Reader{
		"whole":    nil,
		"one byte": iotest.OneByteReader,
		"half":     iotest.HalfReader,
	}
	check := func(t *testing.T, got []byte, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("StripLocation: %v", err)
		}
		// The picture comes out bit for bit as the encoder made it.
		if !bytes.Equal(got, clean) {
			t.Fatalf("stripped file (%d bytes) differs from the clean one (%d bytes)", len(got), len(clean))
		}
		for _, m := range markers {
			if bytes.Contains(got, []byte(m)) {
				t.Errorf("%s survived stripping", m)
			}
		}
		img, err := decode(bytes.NewReader(got))
		if err != nil {
			t.Fatalf("stripped file does not decode: %v", err)
		}
		if !samePixels(img, want) {
			t.Error("stripped file's pixels differ from the original's")
		}
	}
	for name, wrap := range readers {
		t.Run(name, func(t *testing.T) {
			got, err := strip(t, dirty, wrap)
			check(t, got, err)
		})
	}
	// The one-byte source makes StripLocation's own buffer refill byte by byte.
	t.Run("one-byte source", func(t *testing.T) {
		got, err := io.ReadAll(media.StripLocation(iotest.OneByteReader(bytes.NewReader(dirty))))
		check(t, got, err)
	})
}

// testPicture is a small picture of gradients, opaque on the left and
// translucent on the right.
func testPicture() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 64, 48))
	for y := range 48 {
		for x := range 64 {
			img.Set(x, y, color.NRGBA{uint8(x * 4), uint8(y * 5), uint8(x * y), uint8(255 - x)})
		}
	}
	return img
}

// samePixels compares two images colour by colour.
func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.NRGBA64Model.Convert(a.At(x, y)) != color.NRGBA64Model.Convert(b.At(x, y)) {
				return false
			}
		}
	}
	return true
}
