package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/vault"
)

// aboutValue is the value the About dialog shows for label.
func aboutValue(d *aboutDialog, label string) string {
	for _, r := range d.rows {
		if r[0] == label {
			return r[1]
		}
	}
	return ""
}

func TestAboutShowsVersionsBeforeUnlock(t *testing.T) {
	h := newHarness(t) // first run: no vault yet
	d := h.ui.openAbout()
	if !slices.Contains(h.ui.dialogs, d.dialog) || h.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the About dialog is not on show")
	}
	b := vault.BuildInfo()
	for label, want := range map[string]string{
		"Version":      b.Version,
		"Vault format": vault.FormatVersion,
		"Go":           b.Go,
		"Platform":     b.Platform,
	} {
		if got := aboutValue(d, label); got != want || got == "" {
			t.Errorf("%s = %q, want %q", label, got, want)
		}
	}
	if got := aboutValue(d, "SQLite"); !strings.HasPrefix(got, "3.") {
		t.Errorf("SQLite = %q, want the library version 3.x", got)
	}
	for _, label := range []string{"Fyne", "age", "Commit"} {
		if aboutValue(d, label) == "" {
			t.Errorf("%s is empty", label)
		}
	}
	if aboutValue(d, "Portable data folder") != "" {
		t.Error("a portable data folder is shown outside portable mode")
	}

	test.Tap(d.copy)
	got := h.app.Clipboard().Content()
	if !strings.Contains(got, "Vault format: "+vault.FormatVersion) || !strings.Contains(got, "Go: "+b.Go) {
		t.Errorf("copied text = %q", got)
	}
	h.clock.Advance(clipboardLifetime)
	if h.app.Clipboard().Content() != "" {
		t.Error("the copied version text stays on the clipboard")
	}
}

func TestAboutIsTranslatedAndClosesOnLock(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	if err := applyLanguage("ru"); err != nil {
		t.Fatal(err)
	}
	d := h.ui.openAbout()
	if aboutValue(d, "Формат хранилища") != vault.FormatVersion {
		t.Errorf("rows in Russian = %v", d.rows)
	}
	h.ui.lockNow()
	if slices.Contains(h.ui.dialogs, d.dialog) || h.win.Canvas().Overlays().Top() != nil {
		t.Error("the About dialog stays open over the unlock screen")
	}
}

// TestAboutButtons: the info button sits beside the settings button on the
// locked screens and on the desk, and opens the dialog.
func TestAboutButtons(t *testing.T) {
	h := newHarness(t)
	findInfo := func() *widget.Button {
		var found *widget.Button
		for _, o := range test.LaidOutObjects(h.win.Content()) {
			if b, ok := o.(*widget.Button); ok && b.Icon != nil && b.Icon.Name() == theme.InfoIcon().Name() && b.Visible() {
				found = b
			}
		}
		return found
	}
	b := findInfo()
	if b == nil {
		t.Fatal("no info button on the first-run screen")
	}
	test.Tap(b)
	if len(h.ui.dialogs) != 1 {
		t.Fatalf("%d dialogs open after tapping info, want 1", len(h.ui.dialogs))
	}
	h.ui.dialogs[0].Hide()
	h.createVault()
	h.ui.showDesk()
	if b := findInfo(); b == nil {
		t.Fatal("no info button on the desk")
	}
}

// TestPortableFileDialogsStartAtHome: in portable mode the home folder the
// process sees is the portable folder, so file dialogs start in the user's
// real home (Run sets chooserStart to it) instead.
func TestPortableFileDialogsStartAtHome(t *testing.T) {
	h := newHarness(t)
	home := filepath.Join(t.TempDir(), "real-home-of-the-user")
	if err := os.Mkdir(home, 0o700); err != nil {
		t.Fatal(err)
	}
	start, last := chooserStart, chooserLast
	chooserStart, chooserLast = home, ""
	t.Cleanup(func() { chooserStart, chooserLast = start, last })
	d := newOpenFile(h.win, func(string) {})
	h.ui.showDialog(d.dialog)
	defer d.dialog.Hide()
	if d.dir != home || d.path.Text != home {
		t.Errorf("the file dialog opens in %s, not the user's real home folder", d.dir)
	}
	if d.place[0].dir != home {
		t.Errorf("its Home place is %s", d.place[0].dir)
	}
}

// TestFileDialogFolderForgotten: Fyne's file dialog writes the folder it
// shows to the plaintext preferences; the key goes when the dialog closes,
// and a key left from before is gone at start.
func TestFileDialogFolderForgotten(t *testing.T) {
	a := newTestApp(t)
	left := "file:///home/u/Lebedev family evidence"
	a.Preferences().SetString(fileDialogFolderKey, left)
	w := a.NewWindow("")
	defer w.Close()
	u := newUI(a, w, filepath.Join(t.TempDir(), "v.kintrace"), "", newFakeClock())
	defer u.shutdown()
	if got := a.Preferences().String(fileDialogFolderKey); got != "" {
		t.Errorf("at start the preferences still hold the last folder %q", got)
	}

	for _, c := range []struct {
		name string
		do   func(*dialog.FileDialog)
	}{
		{"hidden", (*dialog.FileDialog).Hide},
		{"dismissed", (*dialog.FileDialog).Dismiss},
	} {
		d := dialog.NewFileOpen(func(fyne.URIReadCloser, error) {}, w)
		u.showDialog(d)
		if a.Preferences().String(fileDialogFolderKey) == "" {
			// Fyne v2.7.1 writes it whenever the dialog changes folder.
			a.Preferences().SetString(fileDialogFolderKey, left)
		}
		c.do(d)
		if got := a.Preferences().String(fileDialogFolderKey); got != "" {
			t.Errorf("file dialog %s: the preferences still hold the last folder %q", c.name, got)
		}
	}
}
