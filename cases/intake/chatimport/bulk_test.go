package chatimport

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"kintrace/cases/media"
	"kintrace/cases/vault/vaulttest"
)

// TestLargeImport: media over vault.BulkThreshold are written with the
// rollback journal, all or nothing like any other import.
func TestLargeImport(t *testing.T) {
	ctx := context.Background()
	v, path, _ := vaulttest.New(t)
	c, err := v.Add(ctx, vaulttest.SampleCase("Андрей Петренко"))
	if err != nil {
		t.Fatal(err)
	}
	video, err := io.ReadAll(vaulttest.NewPattern(3<<20, 9))
	if err != nil {
		t.Fatal(err)
	}
	text := "[13.07.22, 18:40:11] +7 999 000-12-34: \u200e<attached: 00000013-VIDEO-2022-07-13-18-40-11.mp4>\n" +
		"[13.07.22, 18:42:00] +7 999 000-12-34: \u200e<attached: 00000014-PHOTO-2022-07-13-18-42-00.jpg>\n"
	write := func(photo []byte) string {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, _ := zw.Create("_chat.txt")
		w.Write([]byte(text))
		w, _ = zw.Create("00000013-VIDEO-2022-07-13-18-40-11.mp4")
		w.Write(video)
		w, _ = zw.Create("00000014-PHOTO-2022-07-13-18-42-00.jpg")
		w.Write(photo)
		zw.Close()
		p := filepath.Join(t.TempDir(), "chat.zip")
		os.WriteFile(p, b.Bytes(), 0o600)
		return p
	}
	before := state(t, v, c.ID)
	_, err = Import(ctx, v, open(t, write([]byte{0xff, 0xd8, 0xff, 0xe1, 0, 9, 1})), Request{Case: c.ID})
	var bad *media.DamagedImageError
	if !errors.As(err, &bad) {
		t.Fatalf("damaged photo after a large video: %v", err)
	}
	if state(t, v, c.ID) != before {
		t.Fatal("the failed large import changed the case")
	}
	p, err := Import(ctx, v, open(t, write(photo(t))), Request{Case: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	if p.Attachments != 2 || p.MediaBytes < 3<<20 {
		t.Errorf("plan %+v", p)
	}
	atts, _ := v.Attachments(ctx, c.ID)
	if len(atts) != 2 {
		t.Fatalf("attachments %+v", atts)
	}
	for _, a := range atts {
		if a.Name == "00000013-VIDEO-2022-07-13-18-40-11.mp4" {
			data, _, err := vaulttest.ReadAttachment(t, v, a.ID)
			if err != nil || !bytes.Equal(data, video) || *a.Event != 1 {
				t.Errorf("video: %v, event %d", err, *a.Event)
			}
		}
	}
	v.Close()
	// The chunks of the failed import are gone: 3 MiB in 64 KiB chunks
	// and one for the photo.
	if n := vaulttest.ChunkRows(t, path); n != 48+1 {
		t.Errorf("%d chunk rows", n)
	}
}
