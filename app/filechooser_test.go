package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// chooserDir makes a folder with a.txt, b.txt, c.txt, .hidden and sub/,
// and makes it the folder file dialogs open in.
func chooserDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range []string{"a.txt", "b.txt", "c.txt", ".hidden"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(n), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	last := chooserLast
	chooserLast = dir
	t.Cleanup(func() { chooserLast = last })
	return dir
}

// entry is the index of name in the chooser's list, or fails.
func (c *fileChooser) entry(t *testing.T, name string) int {
	t.Helper()
	for i, e := range c.entries {
		if e.Name() == name {
			return i
		}
	}
	t.Fatalf("%q not listed in %s", name, c.dir)
	return -1
}

func (c *fileChooser) names() []string {
	var ns []string
	for _, e := range c.entries {
		ns = append(ns, e.Name())
	}
	return ns
}

func newChooserWindow(t *testing.T) fyne.Window {
	t.Helper()
	a := newTestApp(t)
	a.Settings().SetTheme(newTheme(themeLight))
	if err := applyLanguage("en"); err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("")
	w.Resize(fyne.NewSize(1120, 740))
	return w
}

// TestFileChooserPicksSeveralFiles: where the button says "files", the
// user ticks several files and gets them all; folders open, hidden files
// show only when asked.
func TestFileChooserPicksSeveralFiles(t *testing.T) {
	dir := chooserDir(t)
	w := newChooserWindow(t)
	var got []string
	c := newOpenFiles(w, func(p []string) { got = p })
	c.dialog.Show()
	if want := []string{"sub", "a.txt", "b.txt", "c.txt"}; !slices.Equal(c.names(), want) {
		t.Fatalf("listed %v, want %v (folders first, no hidden files)", c.names(), want)
	}
	test.Tap(c.confirm)
	if got != nil || !c.status.Visible() {
		t.Fatal("confirming with nothing ticked closed the dialog or said nothing")
	}
	c.list.Select(c.entry(t, "a.txt"))
	c.list.Select(c.entry(t, "c.txt"))
	if c.confirm.Text != "Add files: 2" {
		t.Errorf("button says %q with two files ticked", c.confirm.Text)
	}
	test.Tap(c.confirm)
	want := []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "c.txt")}
	if !slices.Equal(got, want) {
		t.Fatalf("chose %v, want %v", got, want)
	}

	c = newOpenFiles(w, func(p []string) { got = p })
	test.Tap(c.hidden)
	if !slices.Contains(c.names(), ".hidden") {
		t.Error("Show hidden files does not show them")
	}
	c.list.Select(c.entry(t, "sub"))
	if c.dir != filepath.Join(dir, "sub") || !c.empty.Visible() {
		t.Errorf("tapping a folder: in %s, empty note shown %v", c.dir, c.empty.Visible())
	}
	test.Tap(c.up)
	if c.dir != dir {
		t.Errorf("Up went to %s", c.dir)
	}
}

// TestAttachmentsAddSeveralFilesAtOnce: "Add files…" adds every file ticked.
func TestAttachmentsAddSeveralFilesAtOnce(t *testing.T) {
	h := newAttachHarness(t)
	chooserLast = h.dir
	t.Cleanup(func() { chooserLast = "" })
	h.file("one.txt", []byte("one"))
	h.file("two.txt", []byte("two"))
	c := h.tab.chooseFile()
	c.list.Select(c.entry(t, "one.txt"))
	c.list.Select(c.entry(t, "two.txt"))
	test.Tap(c.confirm)
	waitUI(&h.tab.work)
	if len(h.tab.tiles) != 2 {
		t.Fatalf("%d attachments after adding two files at once (status %q)", len(h.tab.tiles), h.tab.status.Text)
	}
}

// TestFileChooserSaveTypedPath: a full path typed as the name and Enter
// saves there; a folder that does not exist is named, and nothing is
// saved; an existing file is replaced only when the user agrees.
func TestFileChooserSaveTypedPath(t *testing.T) {
	dir := chooserDir(t)
	w := newChooserWindow(t)
	var got []string
	c := newSaveFile(w, "kintrace-bundle.age", func(p string) { got = append(got, p) })
	c.dialog.Show()
	if c.name.Text != "kintrace-bundle.age" {
		t.Fatalf("suggested name %q", c.name.Text)
	}

	missing := filepath.Join(dir, "no-such-folder", "out.age")
	c.name.SetText("")
	test.Type(c.name, missing)
	c.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(got) != 0 {
		t.Fatalf("saved into a folder that does not exist: %v", got)
	}
	if !c.status.Visible() || !strings.Contains(c.status.Text, filepath.Join(dir, "no-such-folder")) {
		t.Fatalf("no reason given for not saving: %q", c.status.Text)
	}

	target := filepath.Join(dir, "sub", "out.age")
	c.name.SetText("")
	test.Type(c.name, target)
	c.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !slices.Equal(got, []string{target}) {
		t.Fatalf("Enter on a full path saved %v, want %s", got, target)
	}

	// A name relative to the folder shown, and a file that exists.
	got = nil
	c = newSaveFile(w, "a.txt", func(p string) { got = append(got, p) })
	c.dialog.Show()
	test.Tap(c.confirm)
	if len(got) != 0 {
		t.Fatal("replaced an existing file without asking")
	}
	confirm := topDialogButton(t, w, "Yes")
	test.Tap(confirm)
	if !slices.Equal(got, []string{filepath.Join(dir, "a.txt")}) {
		t.Fatalf("after agreeing to replace: %v", got)
	}

	// The path bar: a folder typed there opens.
	c = newSaveFile(w, "x.age", func(string) {})
	c.path.SetText(filepath.Join(dir, "sub"))
	c.path.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if c.dir != filepath.Join(dir, "sub") {
		t.Errorf("typing a folder in the path bar shows %s", c.dir)
	}
}

// topDialogButton finds a button by its text on the window's top overlay.
func topDialogButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no %q button on top", text)
	return nil
}

// TestFileChooserSpeaksTheLanguage: in Russian and Ukrainian the dialog's
// title, places and buttons, and Fyne's own words, are translated; the
// dialog is roomy and fits the window.
func TestFileChooserSpeaksTheLanguage(t *testing.T) {
	chooserDir(t)
	w := newChooserWindow(t)
	t.Cleanup(func() { applyLanguage("en") })
	for _, tc := range []struct{ code, title, home, computer, yes string }{
		{"ru", "Добавить файлы", "Домашняя папка", "Компьютер", "Да"},
		{"uk", "Додати файли", "Домашня тека", "Комп'ютер", "Так"},
	} {
		if err := applyLanguage(tc.code); err != nil {
			t.Fatal(err)
		}
		c := newOpenFiles(w, func([]string) {})
		c.dialog.Show()
		var texts []string
		for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
			switch x := o.(type) {
			case *widget.Label:
				texts = append(texts, x.Text)
			case *widget.Button:
				texts = append(texts, x.Text)
			}
		}
		for _, want := range []string{tc.title, tc.home, tc.computer} {
			if !slices.Contains(texts, want) {
				t.Errorf("%s: %q not shown (shown: %q)", tc.code, want, texts)
			}
		}
		for _, english := range []string{"Home", "Computer", "Cancel", "Open", "Add files"} {
			if slices.Contains(texts, english) {
				t.Errorf("%s: %q shown in English", tc.code, english)
			}
		}
		if got := lang.L("Yes"); got != tc.yes {
			t.Errorf("%s: Fyne's own Yes is %q", tc.code, got)
		}
		if s := c.dialog.MinSize(); s.Width > 1120 || s.Height > 740 {
			t.Errorf("%s: the dialog needs %v, more than the window", tc.code, s)
		}
		c.dialog.Hide()
	}
}

// TestFileChooserSaveTypesIntoName: the save dialog opens with the
// keyboard in the name field.
func TestFileChooserSaveTypesIntoName(t *testing.T) {
	chooserDir(t)
	w := newChooserWindow(t)
	h := &testHost{win: w}
	c := newSaveFile(w, "report.pdf", func(string) {})
	c.show(h)
	if w.Canvas().Focused() != c.name {
		t.Fatalf("focus is on %T, not the name field", w.Canvas().Focused())
	}
}
