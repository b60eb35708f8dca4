package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"kintrace/cases"
)

func TestDropOntoTheOpenCaseAttachesToIt(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := h.addCase(sokolov)
	other := h.addCase(cases.Case{Status: cases.StatusOpen, Person: cases.Person{Name: "Олег Морозов"}})
	photo := jpegWithGPS(t)
	p := filepath.Join(h.dir, "IMG_2041.jpg")
	if err := os.WriteFile(p, photo, 0o600); err != nil {
		t.Fatal(err)
	}
	drop := []fyne.URI{storage.NewFileURI(p)}
	v := h.ui.Store()
	count := func(id string) int {
		t.Helper()
		list, err := v.Attachments(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}

	// On the case list: nothing is attached, a toast says why.
	h.ui.showDesk()
	h.ui.dropped(fyne.Position{}, drop)
	h.wait()
	if !h.ui.toast.Visible() || h.ui.toast.label.Text != "Open a case first: files dropped onto the window are attached to the case open in the editor." {
		t.Errorf("drop onto the case list: toast %q (visible %v)", h.ui.toast.label.Text, h.ui.toast.Visible())
	}
	if count(c.ID)+count(other.ID) != 0 {
		t.Fatal("a drop onto the case list attached a file")
	}

	// The editor on its Person tab: the drop goes to this case, on its
	// Attachments tab, with the photo's location removed.
	h.ui.openCase(c.ID)
	h.wait()
	ed, ok := h.ui.screen.(*editorScreen)
	if !ok || ed.tabs.Selected() != ed.tabFor[sectionPerson] {
		t.Fatal("the editor did not open on the Person tab")
	}
	h.ui.dropped(fyne.Position{}, drop)
	h.wait()
	root, ok := ed.tabs.Selected().Content.(*attachmentsRoot)
	if !ok {
		t.Fatalf("after the drop the editor shows %q, want the Attachments tab", ed.tabs.Selected().Text)
	}
	list, err := v.Attachments(context.Background(), c.ID)
	if err != nil || len(list) != 1 || list[0].Name != "IMG_2041.jpg" {
		t.Fatalf("attachments of the open case after the drop: %+v %v (status %q)", list, err, root.tab.status.Text)
	}
	data, _, err := readAttachment(v, list[0].ID, 1<<30)
	if err != nil || bytes.Contains(data, []byte("GPS-55.7558N")) {
		t.Errorf("the dropped photo kept its location (err %v)", err)
	}
	if root.tab.status.Text != "Added 1 file." || len(root.tab.tiles) != 1 {
		t.Errorf("tab after the drop: status %q, %d tiles", root.tab.status.Text, len(root.tab.tiles))
	}
	if count(other.ID) != 0 {
		t.Error("the drop reached another case")
	}

	// A new case has no Attachments tab until it is saved.
	h.ui.openCase("")
	h.ui.dropped(fyne.Position{}, drop)
	h.wait()
	if h.ui.toast.label.Text != "Save the new case first, then drop the files again to attach them." {
		t.Errorf("drop onto a new case: toast %q", h.ui.toast.label.Text)
	}
}
