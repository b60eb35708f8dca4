package app

import (
	"crypto/subtle"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/crypto"
)

// secretEntry is the field for passphrases. widget.Entry keeps its text in
// Go strings, a new one for every keystroke plus its undo history, and
// strings can be neither wiped nor freed on demand: a memory dump after a
// lock found the unlock passphrase five times. secretEntry keeps what is
// typed in one byte buffer that it overwrites whenever it drops bytes
// (Backspace, growing, Wipe), shows a bullet per character, and hands the
// passphrase out only as a copy in a byte slice, which the caller wipes.
//
// It takes typing, Backspace, paste (Ctrl+V; the pasted passphrase is
// then wiped from the clipboard like text copied from Kintrace), Enter to
// submit and the window's shortcuts; it has no cursor movement, selection,
// copy or undo.
type secretEntry struct {
	widget.BaseWidget
	ui *UI // nil for a feature screen's host that is not the window

	buf         []byte // UTF-8 of what is typed; bytes past len are zero
	placeHolder string
	focused     bool
	disabled    bool

	// OnChanged runs after every change, OnSubmitted on Enter; neither
	// sees the passphrase.
	OnChanged   func()
	OnSubmitted func()
}

var (
	_ fyne.Focusable     = (*secretEntry)(nil)
	_ fyne.Shortcutable  = (*secretEntry)(nil)
	_ fyne.Tappable      = (*secretEntry)(nil)
	_ fyne.Disableable   = (*secretEntry)(nil)
	_ desktop.Cursorable = (*secretEntry)(nil)
)

// newSecretEntry returns an empty secret entry showing placeHolder; u may
// be nil.
func newSecretEntry(u *UI, placeHolder string) *secretEntry {
	e := &secretEntry{ui: u, placeHolder: placeHolder}
	e.ExtendBaseWidget(e)
	return e
}

// hostSecretEntry is newSecretEntry for a feature screen.
func hostSecretEntry(h Host, placeHolder string) *secretEntry {
	ui, _ := h.(*UI)
	return newSecretEntry(ui, placeHolder)
}

// Secret returns a copy of what is typed; the caller wipes it
// (crypto.Wipe) when done.
func (e *secretEntry) Secret() []byte {
	return append(make([]byte, 0, len(e.buf)), e.buf...)
}

// Empty reports whether nothing is typed.
func (e *secretEntry) Empty() bool { return len(e.buf) == 0 }

// Equal reports whether e and o hold the same passphrase.
func (e *secretEntry) Equal(o *secretEntry) bool {
	return subtle.ConstantTimeCompare(e.buf, o.buf) == 1
}

// withSecret runs fn with a view of what is typed, which fn must not keep.
func (e *secretEntry) withSecret(fn func(p []byte)) { fn(e.buf) }

// Set replaces what is typed with a copy of p (the demo vault's public
// passphrase).
func (e *secretEntry) Set(p []byte) {
	e.clear()
	e.append(p)
	e.changed()
}

// Wipe overwrites what is typed and empties the field.
func (e *secretEntry) Wipe() {
	if len(e.buf) == 0 {
		return
	}
	e.clear()
	e.changed()
}

func (e *secretEntry) clear() {
	crypto.Wipe(e.buf)
	e.buf = e.buf[:0]
}

// append adds p to the buffer, moving it to a larger one (and wiping the
// old) when it is full, so that no copy is left behind by growing.
func (e *secretEntry) append(p []byte) {
	if len(e.buf)+len(p) > cap(e.buf) {
		grown := make([]byte, len(e.buf), max(64, 2*(len(e.buf)+len(p))))
		copy(grown, e.buf)
		crypto.Wipe(e.buf)
		e.buf = grown
	}
	e.buf = append(e.buf, p...)
}

func (e *secretEntry) changed() {
	e.Refresh()
	if e.OnChanged != nil {
		e.OnChanged()
	}
}

func (e *secretEntry) touch() {
	if e.ui != nil {
		e.ui.touch()
	}
}

// SetPlaceHolder sets the text shown while the field is empty.
func (e *secretEntry) SetPlaceHolder(s string) {
	e.placeHolder = s
	e.Refresh()
}

func (e *secretEntry) FocusGained() {
	e.focused = true
	e.Refresh()
}

func (e *secretEntry) FocusLost() {
	e.focused = false
	e.Refresh()
}

func (e *secretEntry) TypedRune(r rune) {
	e.touch()
	if e.disabled {
		return
	}
	var b [utf8.UTFMax]byte
	n := utf8.EncodeRune(b[:], r)
	e.append(b[:n])
	crypto.Wipe(b[:])
	e.changed()
}

func (e *secretEntry) TypedKey(k *fyne.KeyEvent) {
	e.touch()
	switch k.Name {
	case fyne.KeyEscape:
		if e.ui != nil {
			e.ui.escape()
		}
	case fyne.KeyBackspace:
		if e.disabled || len(e.buf) == 0 {
			return
		}
		_, n := utf8.DecodeLastRune(e.buf)
		crypto.Wipe(e.buf[len(e.buf)-n:])
		e.buf = e.buf[:len(e.buf)-n]
		e.changed()
	case fyne.KeyReturn, fyne.KeyEnter:
		if !e.disabled && e.OnSubmitted != nil {
			e.OnSubmitted()
		}
	}
}

func (e *secretEntry) TypedShortcut(s fyne.Shortcut) {
	e.touch()
	if p, ok := s.(*fyne.ShortcutPaste); ok {
		e.paste(p.Clipboard)
		return
	}
	if e.ui != nil {
		e.ui.runShortcut(s)
	}
}

// paste appends the clipboard's first line. A passphrase pasted from a
// password manager is then Kintrace's to wipe from the clipboard: after
// clipboardLifetime, or at lock, if it is still there. The clipboard hands
// its content over as a string, which is beyond this field's reach.
func (e *secretEntry) paste(cb fyne.Clipboard) {
	if e.disabled || cb == nil {
		return
	}
	text := cb.Content()
	line, _, _ := strings.Cut(text, "\n")
	line = strings.TrimSuffix(line, "\r")
	if line == "" {
		return
	}
	e.append([]byte(line))
	if e.ui != nil {
		e.ui.clip.Pasted(text)
	}
	e.changed()
}

func (e *secretEntry) Tapped(*fyne.PointEvent) {
	e.touch()
	if e.disabled {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
}

func (e *secretEntry) Cursor() desktop.Cursor { return desktop.TextCursor }

func (e *secretEntry) Enable() {
	e.disabled = false
	e.Refresh()
}

func (e *secretEntry) Disable() {
	e.disabled = true
	e.Refresh()
}

func (e *secretEntry) Disabled() bool { return e.disabled }

func (e *secretEntry) CreateRenderer() fyne.WidgetRenderer {
	r := &secretRenderer{e: e, bg: canvas.NewRectangle(nil), text: canvas.NewText("", nil),
		cursor: canvas.NewRectangle(nil)}
	r.Refresh()
	return r
}

// secretRenderer draws a secretEntry like an entry: a bullet per character
// (or the placeholder) and a cursor at the end while focused.
type secretRenderer struct {
	e      *secretEntry
	bg     *canvas.Rectangle
	text   *canvas.Text
	cursor *canvas.Rectangle
}

func (r *secretRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.text, r.cursor}
}

func (r *secretRenderer) MinSize() fyne.Size {
	th := r.e.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	h := fyne.MeasureText("M", th.Size(theme.SizeNameText), fyne.TextStyle{}).Height
	return fyne.NewSize(r.text.MinSize().Width+2*pad, h+2*pad)
}

func (r *secretRenderer) Layout(size fyne.Size) {
	th := r.e.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	r.bg.Resize(size)
	ts := r.text.MinSize()
	r.text.Move(fyne.NewPos(pad, (size.Height-ts.Height)/2))
	r.text.Resize(fyne.NewSize(size.Width-2*pad, ts.Height))
	x := pad
	if !r.e.Empty() {
		x += ts.Width
	}
	r.cursor.Move(fyne.NewPos(x, (size.Height-ts.Height)/2))
	r.cursor.Resize(fyne.NewSize(th.Size(theme.SizeNameInputBorder), ts.Height))
}

func (r *secretRenderer) Refresh() {
	e := r.e
	th := e.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.bg.StrokeWidth = th.Size(theme.SizeNameInputBorder)
	r.bg.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
	if e.focused && !e.disabled {
		r.bg.StrokeColor = th.Color(theme.ColorNamePrimary, v)
	}
	r.text.TextSize = th.Size(theme.SizeNameText)
	if e.Empty() {
		r.text.Text = e.placeHolder
		r.text.Color = th.Color(theme.ColorNamePlaceHolder, v)
	} else {
		r.text.Text = strings.Repeat("•", utf8.RuneCount(e.buf))
		r.text.Color = th.Color(theme.ColorNameForeground, v)
	}
	if e.disabled {
		r.text.Color = th.Color(theme.ColorNameDisabled, v)
	}
	r.cursor.FillColor = th.Color(theme.ColorNamePrimary, v)
	if e.focused && !e.disabled {
		r.cursor.Show()
	} else {
		r.cursor.Hide()
	}
	r.Layout(e.Size())
	r.bg.Refresh()
	r.text.Refresh()
	r.cursor.Refresh()
}

func (r *secretRenderer) Destroy() {}
