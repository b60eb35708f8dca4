package app

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"testing"

	"fyne.io/fyne/v2"
)

// A PNG screenshot is stripped like a JPEG photo, and its original kept on
// request.
func TestAttachmentsTabDropStripsPNGLocation(t *testing.T) {
	h := newAttachHarness(t)
	tab := h.tab
	clean := pngBytes(t, testImage(8, 8))
	exif := binary.BigEndian.AppendUint32(nil, 16)
	exif = append(exif, "eXIfMM\x00*GPS-55.7558N"...)
	exif = binary.BigEndian.AppendUint32(exif, crc32.ChecksumIEEE(exif[4:]))
	const ihdrEnd = 8 + 25 // signature, IHDR chunk
	photo := append(append(bytes.Clone(clean[:ihdrEnd]), exif...), clean[ihdrEnd:]...)
	tab.keep.SetChecked(true)
	tab.dropped([]fyne.URI{h.file("screen.png", photo)})
	waitUI(&tab.work)
	if len(tab.tiles) != 2 {
		t.Fatalf("%d tiles after dropping a PNG with 'keep original', want 2 (status %q)", len(tab.tiles), tab.status.Text)
	}
	if data := h.read(tab.tiles[0].attachment.ID); !bytes.Equal(data, clean) {
		t.Error("the stripped PNG is not the picture without its eXIf chunk")
	}
	if data := h.read(tab.tiles[1].attachment.ID); !bytes.Equal(data, photo) {
		t.Error("the kept original is not the file as dropped")
	}
}
