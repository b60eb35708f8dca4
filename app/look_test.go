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
	a := newTestApp(t)
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
	a := newTestApp(t)
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

// TestNarrowWindowKeepsTabsAndFiltersReadable: in a 900 px window, in
// English and Russian, the case list's filters show their text whole
// (wrapping onto a second row, not overlapping) and the case editor shows
// every tab, whole, none behind a "…" menu.
func TestNarrowWindowKeepsTabsAndFiltersReadable(t *testing.T) {
	for _, code := range []string{"en", "ru"} {
		h := newHarness(t)
		if err := applyLanguage(code); err != nil {
			t.Fatal(err)
		}
		h.app.Settings().SetTheme(newTheme(themeLight))
		h.win.Resize(fyne.NewSize(900, 700))
		h.ui.start()
		test.Tap(h.ui.firstRun.demo)
		h.wait()
		d := h.ui.desk
		if d == nil {
			t.Fatal("demo vault not opened")
		}
		filters := []*widget.Select{d.status, d.facility, d.region, d.tag, d.verification}
		var boxes []fyne.Position
		for _, s := range filters {
			if w, need := s.Size().Width, naturalWidth(s); w+0.5 < need {
				t.Errorf("%s: filter %q is %.0f px wide, its text needs %.0f", code, s.Selected, w, need)
			}
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(s)
			for i, other := range boxes {
				o := filters[i]
				if pos.X < other.X+o.Size().Width && other.X < pos.X+s.Size().Width &&
					pos.Y < other.Y+o.Size().Height && other.Y < pos.Y+s.Size().Height {
					t.Errorf("%s: filters %q and %q overlap", code, s.Selected, o.Selected)
				}
			}
			boxes = append(boxes, pos)
			if right := pos.X + s.Size().Width; right > 900 {
				t.Errorf("%s: filter %q reaches %.0f, past the window", code, s.Selected, right)
			}
		}

		h.ui.openCase(d.results[0].ID)
		h.wait()
		ed, ok := h.ui.screen.(*editorScreen)
		if !ok {
			t.Fatal("editor not shown")
		}
		tabs := ed.tabs
		r := test.WidgetRenderer(tabs).(*wrapTabsRenderer)
		if len(r.buttons) != len(tabs.Items) || len(tabs.Items) < 9 {
			t.Fatalf("%s: %d tab buttons for %d tabs", code, len(r.buttons), len(tabs.Items))
		}
		var bottom float32
		for _, b := range r.buttons {
			text := fyne.MeasureText(b.item.Text, theme.TextSize(), fyne.TextStyle{}).Width
			if !b.Visible() || b.Size().Width < text || b.text.Text != b.item.Text {
				t.Errorf("%s: tab %q shown as %q, %.0f px for %.0f px of text", code, b.item.Text, b.text.Text, b.Size().Width, text)
			}
			if right := b.Position().X + b.Size().Width; right > tabs.Size().Width+0.5 {
				t.Errorf("%s: tab %q reaches %.0f of %.0f", code, b.item.Text, right, tabs.Size().Width)
			}
			bottom = max(bottom, b.Position().Y+b.Size().Height)
		}
		if content := tabs.Selected().Content; content.Position().Y < bottom {
			t.Errorf("%s: the tab's content starts at %.0f, over the tabs ending at %.0f", code, content.Position().Y, bottom)
		}
		// Every tab can be chosen with the pointer.
		for _, b := range r.buttons {
			test.Tap(b)
			if tabs.Selected() != b.item {
				t.Errorf("%s: tapping %q selected %q", code, b.item.Text, tabs.Selected().Text)
			}
		}
	}
}
