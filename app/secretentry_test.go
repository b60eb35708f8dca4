package app

import (
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// shownText is what the entry draws: its canvas.Text.
func shownText(t *testing.T, e *secretEntry) string {
	t.Helper()
	for _, o := range test.WidgetRenderer(e).Objects() {
		if txt, ok := o.(*canvas.Text); ok {
			return txt.Text
		}
	}
	t.Fatal("the secret entry draws no text")
	return ""
}

// noStringHolds fails when any string field of the entry or of the objects
// it draws holds secret.
func noStringHolds(t *testing.T, e *secretEntry, secret string) {
	t.Helper()
	var check func(v reflect.Value, path string)
	check = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.String:
			if strings.Contains(v.String(), secret) {
				t.Errorf("%s holds the passphrase as a string", path)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				check(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		}
	}
	check(reflect.ValueOf(e).Elem(), "secretEntry")
	for _, o := range test.WidgetRenderer(e).Objects() {
		if txt, ok := o.(*canvas.Text); ok {
			check(reflect.ValueOf(txt).Elem(), "canvas.Text")
		}
	}
}

func TestSecretEntry(t *testing.T) {
	a := newTestApp(t)
	w := a.NewWindow("")
	changes, submits := 0, 0
	e := newSecretEntry(nil, "Passphrase")
	e.OnChanged = func() { changes++ }
	e.OnSubmitted = func() { submits++ }
	w.SetContent(e)
	w.Canvas().Focus(e)

	if got := shownText(t, e); got != "Passphrase" {
		t.Errorf("empty entry shows %q, want the placeholder", got)
	}
	test.Type(e, "лис fox")
	if got, want := string(e.Secret()), "лис fox"; got != want {
		t.Errorf("Secret() = %q, want %q", got, want)
	}
	if got, want := shownText(t, e), strings.Repeat("•", 7); got != want {
		t.Errorf("shows %q, want %q (a bullet per character)", got, want)
	}
	noStringHolds(t, e, "fox")
	if changes != 7 {
		t.Errorf("OnChanged ran %d times for 7 characters", changes)
	}

	// Backspace removes a whole character (two bytes for "с") and zeroes
	// what it removes.
	buf := e.buf[:cap(e.buf)]
	for range 5 {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	if got := string(e.Secret()); got != "ли" {
		t.Errorf("after 5 Backspaces Secret() = %q, want %q", got, "ли")
	}
	for i, b := range buf[len("ли"):] {
		if b != 0 {
			t.Fatalf("byte %d of the buffer not zeroed after Backspace: %q", len("ли")+i, buf)
		}
	}

	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if submits != 1 {
		t.Errorf("Enter submitted %d times, want 1", submits)
	}

	// Paste appends the clipboard's first line.
	cb := a.Clipboard()
	cb.SetContent("copper kettle\nsecond line")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	if got := string(e.Secret()); got != "лиcopper kettle" {
		t.Errorf("after paste Secret() = %q", got)
	}

	// A long passphrase grows the buffer; the old one is zeroed.
	old := e.buf[:cap(e.buf)]
	test.Type(e, strings.Repeat("x", 100))
	if &old[0] == &e.buf[:1][0] {
		t.Fatal("the buffer did not grow")
	}
	for _, b := range old {
		if b != 0 {
			t.Fatalf("the old buffer was not zeroed when the entry grew: %q", old)
		}
	}

	buf = e.buf[:cap(e.buf)]
	e.Wipe()
	if !e.Empty() || len(e.Secret()) != 0 {
		t.Error("Wipe left text")
	}
	for _, b := range buf {
		if b != 0 {
			t.Fatalf("Wipe did not zero the buffer: %q", buf)
		}
	}
	if got := shownText(t, e); got != "Passphrase" {
		t.Errorf("wiped entry shows %q, want the placeholder", got)
	}

	e.Disable()
	test.Type(e, "abc")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !e.Empty() || submits != 1 {
		t.Error("a disabled entry took typing or submitted")
	}
}

// TestSecretEntryEqual compares two entries without strings.
func TestSecretEntryEqual(t *testing.T) {
	newTestApp(t)
	a, b := newSecretEntry(nil, ""), newSecretEntry(nil, "")
	test.Type(a, "same words")
	test.Type(b, "same words")
	if !a.Equal(b) {
		t.Error("equal passphrases compare unequal")
	}
	test.Type(b, "!")
	if a.Equal(b) {
		t.Error("different passphrases compare equal")
	}
}

// TestPastedPassphraseWiped: a passphrase pasted into the unlock screen is
// wiped from the clipboard after clipboardLifetime, like copied text.
func TestPastedPassphraseWiped(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.ui.lockNow()
	cb := h.app.Clipboard()
	cb.SetContent(testPassphrase)
	h.ui.unlock.passphrase.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	h.clock.Advance(clipboardLifetime)
	if got := cb.Content(); got != "" {
		t.Errorf("clipboard after %v = %q, want it wiped", clipboardLifetime, got)
	}
	test.Tap(h.ui.unlock.unlock)
	h.wait()
	if h.ui.desk == nil {
		t.Fatalf("the pasted passphrase did not unlock (status %q)", h.ui.unlock.status.Text)
	}
}
