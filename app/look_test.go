package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/crypto"
)

// walkVisible calls fn with every visible object under o and its position
// relative to o's parent.
func walkVisible(o fyne.CanvasObject, at fyne.Position, fn func(fyne.CanvasObject, fyne.Position)) {
	if o == nil || !o.Visible() {
		return
	}
	pos := at.Add(o.Position())
	fn(o, pos)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkVisible(c, pos, fn)
		}
	case *container.Scroll:
		walkVisible(x.Content, pos, fn)
	}
}

// assertClearOfScrollBar fails when a control inside s reaches under the
// scroll bar drawn over its right edge.
func assertClearOfScrollBar(t *testing.T, s *container.Scroll) {
	t.Helper()
	limit := s.Size().Width - theme.ScrollBarSize()
	if s.Size().Width == 0 {
		t.Fatal("the scroll was never laid out")
	}
	n := 0
	walkVisible(s.Content, fyne.Position{}, func(o fyne.CanvasObject, pos fyne.Position) {
		switch o.(type) {
		case *widget.Entry, *trackedEntry, *widget.Button, *widget.Select, *widget.Check, *widget.CheckGroup, *widget.RadioGroup:
			n++
			if right := pos.X + o.Size().Width; right > limit+0.5 {
				t.Errorf("%T reaches %.0f, under the scroll bar from %.0f", o, right, limit)
			}
		}
	})
	if n == 0 {
		t.Fatal("no control found in the scroll")
	}
}

func TestExportFormClearOfScrollBar(t *testing.T) {
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := test.NewTempApp(t)
	h := newBundleHost(t, a)
	other, _ := crypto.NewIdentity()
	h.v.AddContact(context.Background(), "Boris", other.Public())
	f := showExport(h)
	test.Tap(f.usePass) // the passphrase row: an entry and a button
	assertClearOfScrollBar(t, f.scroll)
}

// TestExportFormOffersToAddContact: with no contacts "For whom" says so and
// opens "Contacts & my key"; a contact added there is offered on return.
func TestExportFormOffersToAddContact(t *testing.T) {
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme(themeLight)) // the test theme has no bold monospace font
	h := newBundleHost(t, a)
	f := showExport(h)
	if !f.noContacts.Visible() || f.recipients.Visible() {
		t.Fatalf("no contacts: offer visible %v, empty recipients visible %v", f.noContacts.Visible(), f.recipients.Visible())
	}
	before := len(h.dialogs)
	test.Tap(f.addContact)
	if len(h.dialogs) != before+1 {
		t.Fatal("Add a contact did not open a dialog")
	}
	cv := f.contactsView
	if cv == nil || cv.dialog != h.dialogs[len(h.dialogs)-1] {
		t.Fatal("the dialog opened is not Contacts & my key")
	}
	other, _ := crypto.NewIdentity()
	test.Type(cv.name, "Anna")
	cv.key.SetText(other.Public().String())
	test.Tap(cv.add)
	cv.dialog.Hide()
	if f.noContacts.Visible() || !f.recipients.Visible() || len(f.recipients.Options) != 1 {
		t.Fatalf("after adding Anna: offer visible %v, recipients %v", f.noContacts.Visible(), f.recipients.Options)
	}
	f.recipients.SetSelected(f.recipients.Options)
	if opt := f.options(); len(opt.Recipients) != 1 {
		t.Fatalf("the added contact is not a recipient: %+v", opt.Recipients)
	}
}
