package app

import (
	"bytes"
	"context"
	"database/sql"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	_ "github.com/mattn/go-sqlite3"

	"kintrace/cases"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

type attachHarness struct {
	t    *testing.T
	host *attachHost
	tab  *attachmentsTab
	c    cases.Case
	dir  string
}

func newAttachHarness(t *testing.T) *attachHarness {
	t.Helper()
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	if err := applyLanguage("en"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	v, _, err := vault.Create(filepath.Join(dir, "vault", "v.kintrace"), []byte(testPassphrase), vault.CreateOptions{Owner: "Marina"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	c, err := v.Add(context.Background(), cases.Case{
		Status: "contact_lost",
		Person: cases.Person{Name: "Олег Морозов"},
		Events: []cases.Event{{Date: "2024-03-02", Type: "message_received", Channel: "telegram",
			Text: "new number", Source: "reporter", Verification: "unverified"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("")
	w.Resize(fyne.NewSize(1000, 700))
	h := &attachHarness{t: t, host: &attachHost{win: w, v: v}, c: c, dir: dir}
	h.tab = newAttachmentsTab(h.host, c)
	// The test driver runs fyne.Do on the calling goroutine: let the
	// tab's first listing finish before touching its widgets.
	waitUI(&h.tab.work)
	w.SetContent(container.NewPadded(h.tab.root))
	return h
}

func (h *attachHarness) file(name string, data []byte) fyne.URI {
	h.t.Helper()
	p := filepath.Join(h.dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		h.t.Fatal(err)
	}
	return storage.NewFileURI(p)
}

func testImage(w, hgt int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, hgt))
	for y := range hgt {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 160, 255})
		}
	}
	return img
}

func pngBytes(t *testing.T, img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// jpegWithGPS is a JPEG whose Exif segment holds a marker standing in for
// GPS coordinates.
func jpegWithGPS(t *testing.T) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, testImage(120, 80), nil); err != nil {
		t.Fatal(err)
	}
	exif := "Exif\x00\x00MM\x00*GPS-55.7558N-37.6173E"
	seg := append([]byte{0xff, 0xe1, 0, byte(len(exif) + 2)}, exif...)
	return append(append(append([]byte{}, b.Bytes()[:2]...), seg...), b.Bytes()[2:]...)
}

func (h *attachHarness) read(id string) []byte {
	h.t.Helper()
	data, _, err := readAttachment(h.host.v, id, 1<<30)
	if err != nil {
		h.t.Fatal(err)
	}
	return data
}

func TestAttachmentsTabAddViewRemove(t *testing.T) {
	h := newAttachHarness(t)
	tab := h.tab
	if !tab.empty.Visible() || len(tab.tiles) != 0 {
		t.Fatal("a case without attachments does not say so")
	}
	note := "Переписка: marker-text-4411\n"
	tab.event.SetSelectedIndex(1) // the first event
	tab.addURIs([]fyne.URI{h.file("chat.png", pngBytes(t, testImage(400, 300))), h.file("note.txt", []byte(note))})
	waitUI(&tab.work)
	if got := tab.status.Text; got != "Added 2 files." {
		t.Errorf("status after adding = %q", got)
	}
	if len(tab.tiles) != 2 || tab.empty.Visible() {
		t.Fatalf("%d tiles after adding two files", len(tab.tiles))
	}
	png, txt := tab.tiles[0], tab.tiles[1]
	if png.thumb == nil || txt.thumb != nil {
		t.Errorf("thumbnails: image %v, text %v; want only the image to have one", png.thumb != nil, txt.thumb != nil)
	}
	if b := png.thumb.img.Bounds(); b.Dx() != thumbSize || b.Dy() != thumbSize*300/400 {
		t.Errorf("thumbnail is %dx%d", b.Dx(), b.Dy())
	}
	if ev := png.attachment.Event; ev == nil || *ev != 0 {
		t.Errorf("attachment event = %v, want the first event", ev)
	}

	// The image opens in the viewer, fitted, and zooms.
	test.Tap(png)
	waitUI(&tab.work)
	vw := tab.viewer
	if vw == nil || vw.image == nil {
		t.Fatalf("viewer did not show the image (status %q)", vw.status.Text)
	}
	if vw.natural != fyne.NewSize(400, 300) || vw.zoomLbl.Text != "fitted" || !vw.zoomOut.Disabled() {
		t.Errorf("viewer opened at %v, zoom %q", vw.natural, vw.zoomLbl.Text)
	}
	test.Tap(vw.zoomIn)
	test.Tap(vw.zoomIn)
	if vw.zoomLbl.Text != "50%" || vw.image.MinSize() != fyne.NewSize(200, 150) {
		t.Errorf("after two zoom-ins: %q, image min size %v", vw.zoomLbl.Text, vw.image.MinSize())
	}
	for range len(zoomSteps) {
		test.Tap(vw.zoomIn)
	}
	if vw.zoomLbl.Text != "800%" || !vw.zoomIn.Disabled() {
		t.Errorf("zoom stops at %q", vw.zoomLbl.Text)
	}
	test.Tap(vw.zoomFit)
	if vw.zoomLbl.Text != "fitted" {
		t.Errorf("Fit shows %q", vw.zoomLbl.Text)
	}

	// Saving a copy warns first, then writes exactly the file.
	test.Tap(vw.save)
	if vw.confirm == nil {
		t.Fatal("Save did not warn that the copy is unprotected")
	}
	vw.dialog.Hide()
	vw.confirm.Dismiss()
	out := filepath.Join(h.dir, "copy.png")
	wc, err := storage.Writer(storage.NewFileURI(out))
	if err != nil {
		t.Fatal(err)
	}
	vw.saveTo(wc)
	waitUI(&tab.work)
	if got, _ := os.ReadFile(out); !bytes.Equal(got, h.read(png.attachment.ID)) {
		t.Error("the saved copy differs from the attachment")
	}
	// The copy is decrypted: readable by its owner only, like the CLI's.
	if fi, err := os.Stat(out); err != nil {
		t.Error(err)
	} else if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("the saved copy has mode %v, want -rw-------", fi.Mode().Perm())
	}

	// Text shows as text.
	test.Tap(txt)
	waitUI(&tab.work)
	if tab.viewer.text == nil || tab.viewer.text.Text != note {
		t.Fatalf("text viewer shows %v", tab.viewer.text)
	}

	// Remove asks, then deletes.
	vw = tab.viewer
	test.Tap(vw.remove)
	if vw.confirm == nil {
		t.Fatal("Remove did not ask for confirmation")
	}
	vw.confirm.Confirm()
	waitUI(&tab.work)
	if len(tab.tiles) != 1 || tab.tiles[0].attachment.Name != "chat.png" {
		t.Fatalf("after removing: %d tiles", len(tab.tiles))
	}
	if list, _ := h.host.v.Attachments(context.Background(), h.c.ID); len(list) != 1 {
		t.Errorf("vault holds %d attachments after removal", len(list))
	}
}

func TestAttachmentsTabDropStripsLocation(t *testing.T) {
	h := newAttachHarness(t)
	tab := h.tab
	photo := jpegWithGPS(t)
	tab.keep.SetChecked(true)
	tab.dropped([]fyne.URI{h.file("IMG_2041.jpg", photo)})
	waitUI(&tab.work)
	if len(tab.tiles) != 2 {
		t.Fatalf("%d tiles after dropping a photo with 'keep original', want 2 (status %q)", len(tab.tiles), tab.status.Text)
	}
	stripped, original := tab.tiles[0].attachment, tab.tiles[1].attachment
	if stripped.Name != "IMG_2041.jpg" || original.Name != "original IMG_2041.jpg" {
		t.Errorf("names %q and %q", stripped.Name, original.Name)
	}
	if data := h.read(stripped.ID); bytes.Contains(data, []byte("GPS-55.7558N")) {
		t.Error("the stripped photo still holds its location")
	}
	if data := h.read(original.ID); !bytes.Equal(data, photo) {
		t.Error("the kept original is not the file as dropped")
	}
	if tab.tiles[0].thumb == nil {
		t.Error("the stripped photo has no thumbnail")
	}

	// With stripping off, the photo is stored as it is.
	tab.strip.SetChecked(false)
	if !tab.keep.Disabled() {
		t.Error("'keep original' stays enabled without stripping")
	}
	tab.dropped([]fyne.URI{h.file("raw.jpg", photo)})
	waitUI(&tab.work)
	if len(tab.tiles) != 3 || !bytes.Equal(h.read(tab.tiles[2].attachment.ID), photo) {
		t.Errorf("photo added without stripping: %d tiles", len(tab.tiles))
	}

	// A drop while the tab is not on the window is ignored.
	tab.root.Hide()
	tab.dropped([]fyne.URI{h.file("other.txt", []byte("x"))})
	waitUI(&tab.work)
	tab.root.Show()
	if list, _ := h.host.v.Attachments(context.Background(), h.c.ID); len(list) != 3 {
		t.Errorf("a drop onto a hidden tab added files: %d attachments", len(list))
	}
}

func TestAttachmentsTabCancelAndErrors(t *testing.T) {
	h := newAttachHarness(t)
	tab := h.tab
	big := h.file("voice.ogg", bytes.Repeat([]byte("OggS voice "), 3_000_000))
	tab.addURIs([]fyne.URI{big})
	// The add runs on its own goroutine, which (in the test driver) also
	// runs its fyne.Do calls: cancel through the same path as the Cancel
	// button, without touching widgets until it is done.
	tab.cancel.OnTapped()
	waitUI(&tab.work)
	if !strings.HasPrefix(tab.status.Text, "Cancelled") || len(tab.tiles) != 0 || tab.busyBox.Visible() || tab.add.Disabled() {
		t.Errorf("after cancel: status %q, %d tiles", tab.status.Text, len(tab.tiles))
	}
	if list, _ := h.host.v.Attachments(context.Background(), h.c.ID); len(list) != 0 {
		t.Errorf("a cancelled add left %d attachments", len(list))
	}

	// A broken JPEG cannot be stripped: nothing is added and the user is told why.
	tab.addURIs([]fyne.URI{h.file("broken.jpg", []byte("\xff\xd8\xff\xe1\x00\x40Exif"))})
	waitUI(&tab.work)
	if !strings.Contains(tab.status.Text, "JPEG") || len(tab.tiles) != 0 {
		t.Errorf("broken JPEG: status %q, %d tiles", tab.status.Text, len(tab.tiles))
	}

	// So does a broken PNG, and the message names the format.
	tab.addURIs([]fyne.URI{h.file("broken.png", []byte("\x89PNG\r\n\x1a\nnot really"))})
	waitUI(&tab.work)
	if !strings.Contains(tab.status.Text, "PNG") || len(tab.tiles) != 0 {
		t.Errorf("broken PNG: status %q, %d tiles", tab.status.Text, len(tab.tiles))
	}

	// A file that is not an image it can decode shows a clear message
	// (stored as it is: stripping would refuse it, as above).
	tab.strip.SetChecked(false)
	tab.addURIs([]fyne.URI{h.file("fake.png", []byte("\x89PNG\r\n\x1a\nnot really"))})
	waitUI(&tab.work)
	tab.strip.SetChecked(true)
	if len(tab.tiles) != 1 || tab.tiles[0].thumb != nil {
		t.Fatalf("fake PNG: %d tiles", len(tab.tiles))
	}
	test.Tap(tab.tiles[0])
	waitUI(&tab.work)
	if !strings.Contains(tab.viewer.status.Text, "cannot show this image") {
		t.Errorf("viewer on an undecodable image says %q", tab.viewer.status.Text)
	}
}

// TestAttachmentViewerClosesOnLock runs the tab inside the real window: the
// editor shows it, and locking the vault closes an open viewer so that no
// decrypted picture stays over the unlock screen.
func TestAttachmentViewerClosesOnLock(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := h.addCase(lebedev)
	h.ui.openCase(c.ID)
	h.wait()
	ed := h.editor()
	var tab *attachmentsTab
	for _, item := range ed.extTabs {
		if root, ok := item.Content.(*attachmentsRoot); ok && item.Text == "Attachments" {
			tab = root.tab
			ed.tabs.Select(item)
		}
	}
	if tab == nil {
		t.Fatal("the editor has no Attachments tab")
	}
	photo := filepath.Join(t.TempDir(), "photo.png")
	if err := os.WriteFile(photo, pngBytes(t, testImage(64, 64)), 0o600); err != nil {
		t.Fatal(err)
	}
	tab.addURIs([]fyne.URI{storage.NewFileURI(photo)})
	h.wait()
	if len(tab.tiles) != 1 {
		t.Fatalf("%d tiles in the editor's tab", len(tab.tiles))
	}
	test.Tap(tab.tiles[0])
	h.wait()
	if tab.viewer == nil || tab.viewer.image == nil {
		t.Fatal("the viewer did not open")
	}
	if n := len(h.win.Canvas().Overlays().List()); n != 1 {
		t.Fatalf("%d overlays with the viewer open, want 1", n)
	}
	h.ui.lockNow()
	h.wait()
	if n := len(h.win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("%d overlays after locking: the viewer stayed on screen", n)
	}
}

func TestHumanSize(t *testing.T) {
	newTestApp(t)
	if err := applyLanguage("en"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		n    int64
		want string
	}{{0, "0 B"}, {1023, "1023 B"}, {4400, "4.3 KB"}, {5 << 20, "5.0 MB"}, {3 << 30, "3.00 GB"}} {
		if got := humanSize(tt.n); got != tt.want {
			t.Errorf("humanSize(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	if err := applyLanguage("ru"); err != nil {
		t.Fatal(err)
	}
	defer applyLanguage("en")
	if got := humanSize(4400); got != "4,3 КБ" {
		t.Errorf("humanSize in Russian = %q, want 4,3 КБ", got)
	}
}

func TestAttachmentViewerReportsDamage(t *testing.T) {
	h := newAttachHarness(t)
	tab := h.tab
	tab.addURIs([]fyne.URI{h.file("scan.png", pngBytes(t, testImage(300, 300)))})
	waitUI(&tab.work)
	if len(tab.tiles) != 1 {
		t.Fatalf("%d tiles", len(tab.tiles))
	}
	// Damage one byte of every chunk (their ids are opaque) through a
	// second connection.
	db, err := sql.Open("sqlite3", "file:"+h.host.v.Path())
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`UPDATE attachment_chunks SET data = substr(data, 1, 40) ||
		CASE WHEN substr(data, 41, 1) = x'00' THEN x'01' ELSE x'00' END || substr(data, 42)`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	test.Tap(tab.tiles[0])
	waitUI(&tab.work)
	if vw := tab.viewer; vw.image != nil || !strings.Contains(vw.status.Text, "damaged or has been tampered with") {
		t.Errorf("viewer on a damaged image: image %v, status %q", vw.image != nil, vw.status.Text)
	}
}

// TestAttachmentsTabThumbnailsOnlyWhenShown checks that a tab the editor
// built but nobody looked at decrypts no images.
func TestAttachmentsTabThumbnailsOnlyWhenShown(t *testing.T) {
	h := newAttachHarness(t)
	h.tab.addURIs([]fyne.URI{h.file("photo.png", pngBytes(t, testImage(200, 100)))})
	waitUI(&h.tab.work)
	hidden := newAttachmentsTab(h.host, h.c) // as the editor builds it, not on screen
	waitUI(&hidden.work)
	if len(hidden.tiles) != 1 || hidden.tiles[0].thumb != nil {
		t.Fatalf("a tab not on screen: %d tiles, thumbnail made %v", len(hidden.tiles), len(hidden.tiles) == 1 && hidden.tiles[0].thumb != nil)
	}
	hidden.root.Resize(fyne.NewSize(800, 600)) // what the editor does when the tab is selected
	waitUI(&hidden.work)
	if hidden.tiles[0].thumb == nil {
		t.Error("no thumbnail once the tab is on screen")
	}
}
