package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/vault"
	"kintrace/crypto"
)

// contactsView is "Contacts & my key": this vault's public key as text, QR
// code and fingerprint, and the list of colleagues' keys with their
// fingerprints, a verified mark, and verify and remove buttons.
type contactsView struct {
	host Host
	self crypto.PublicKey

	keyText *widget.Label
	qrImage *canvas.Image
	list    *fyne.Container
	name    *trackedEntry
	key     *trackedEntry
	add     *widget.Button
	status  *widget.Label
	root    fyne.CanvasObject
	scroll  *container.Scroll // nil until shown
	dialog  dialog.Dialog     // nil until shown
}

func showContacts(h Host) *contactsView { return showContactsThen(h, nil) }

// showContactsThen shows "Contacts & my key" and calls onClosed (when not
// nil) as it closes.
func showContactsThen(h Host, onClosed func()) *contactsView {
	cv, err := newContactsView(h)
	if err != nil {
		showBundleError(h, err)
		return nil
	}
	cv.scroll = newPaddedVScroll(cv.root)
	cv.dialog = dialog.NewCustom(lang.L("bundle.contacts.title"), lang.L("bundle.close"), cv.scroll, h.Window())
	cv.dialog.Resize(fyne.NewSize(760, 680))
	showHostDialog(h, cv.dialog, onClosed)
	return cv
}

func newContactsView(h Host) (*contactsView, error) {
	v := h.Store()
	if v == nil {
		return nil, vault.ErrLocked
	}
	self, err := v.PublicKey(context.Background())
	if err != nil {
		return nil, err
	}
	cv := &contactsView{host: h, self: self}
	// The key in full: a selectable label that wraps anywhere, never an
	// entry whose box clips it.
	cv.keyText = widget.NewLabelWithStyle(strings.Replace(self.String(), " ", "\n", 1), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	cv.keyText.Wrapping = fyne.TextWrapBreak
	cv.keyText.Selectable = true
	copyKey := widget.NewButtonWithIcon(lang.L("bundle.contacts.copy_key"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(self.String())
	})
	if img, err := qrCode(strings.ToUpper(self.String())); err == nil {
		cv.qrImage = canvas.NewImageFromImage(img)
		cv.qrImage.FillMode = canvas.ImageFillContain
		cv.qrImage.ScaleMode = canvas.ImageScalePixels
		side := float32(img.Bounds().Dx())
		cv.qrImage.SetMinSize(fyne.NewSize(side, side))
	}
	fp := widget.NewLabelWithStyle(self.Fingerprint(), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true, Bold: true})
	hint := widget.NewLabel(lang.L("bundle.contacts.my_hint"))
	hint.Wrapping = fyne.TextWrapWord

	cv.name = hostEntry(h)
	cv.name.SetPlaceHolder(lang.L("bundle.contacts.name"))
	cv.key = hostMultiLineEntry(h)
	cv.key.SetPlaceHolder("age1…\nkts1…")
	cv.add = widget.NewButtonWithIcon(lang.L("bundle.contacts.add"), theme.ContentAddIcon(), cv.addContact)
	cv.status = widget.NewLabel("")
	cv.status.Wrapping = fyne.TextWrapWord
	cv.list = container.NewVBox()
	if err := cv.reload(); err != nil {
		return nil, err
	}
	mine := container.NewVBox(widget.NewLabelWithStyle(lang.L("bundle.contacts.my_key"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		cv.keyText, copyKey, widget.NewLabel(lang.L("bundle.contacts.fingerprint")), fp, hint)
	top := fyne.CanvasObject(mine)
	if cv.qrImage != nil {
		top = container.NewBorder(nil, nil, nil, container.NewVBox(cv.qrImage), mine)
	}
	cv.root = container.NewVBox(top, widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("bundle.contacts.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		cv.list, widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("bundle.contacts.add_title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		cv.name, cv.key, cv.add, cv.status)
	return cv, nil
}

// reload fills the list of contacts.
func (cv *contactsView) reload() error {
	v := cv.host.Store()
	if v == nil {
		return vault.ErrLocked
	}
	list, err := v.Contacts(context.Background())
	if err != nil {
		return err
	}
	cv.list.RemoveAll()
	if len(list) == 0 {
		cv.list.Add(widget.NewLabel(lang.L("bundle.contacts.none")))
	}
	for _, c := range list {
		cv.list.Add(cv.row(c))
	}
	cv.list.Refresh()
	return nil
}

func (cv *contactsView) row(c vault.Contact) fyne.CanvasObject {
	state := widget.NewLabel(lang.L("bundle.contacts.unverified"))
	state.Importance = widget.WarningImportance
	verify := widget.NewButtonWithIcon(lang.L("bundle.contacts.verify"), theme.ConfirmIcon(), func() { cv.confirmVerify(c) })
	if c.Verified {
		state.SetText(lang.L("bundle.contacts.verified"))
		state.Importance = widget.SuccessImportance
		verify.Hide()
	}
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		dialog.ShowConfirm(lang.L("bundle.contacts.remove_title"), lang.X("bundle.contacts.remove_question", "Remove {{.Name}} from your contacts?",
			map[string]any{"Name": c.Name}), func(ok bool) {
			if ok {
				cv.remove(c)
			}
		}, cv.host.Window())
	})
	name := widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	fp := widget.NewLabelWithStyle(c.Fingerprint(), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	return container.NewBorder(nil, nil, nil, container.NewHBox(state, verify, remove), container.NewVBox(name, fp))
}

func (cv *contactsView) confirmVerify(c vault.Contact) {
	dialog.ShowConfirm(lang.L("bundle.contacts.verify_title"),
		lang.X("bundle.contacts.verify_question", "Ask {{.Name}} to read their fingerprint aloud. Is it exactly this?\n\n{{.Fingerprint}}",
			map[string]any{"Name": c.Name, "Fingerprint": c.Fingerprint()}), func(ok bool) {
			if ok {
				cv.verify(c)
			}
		}, cv.host.Window())
}

func (cv *contactsView) verify(c vault.Contact) {
	if _, err := cv.host.Store().SetContactVerified(context.Background(), c.Fingerprint(), true); err != nil {
		showBundleError(cv.host, err)
		return
	}
	cv.reload()
}

func (cv *contactsView) remove(c vault.Contact) {
	if err := cv.host.Store().RemoveContact(context.Background(), c.Fingerprint()); err != nil {
		showBundleError(cv.host, err)
		return
	}
	cv.reload()
}

func (cv *contactsView) addContact() {
	key, err := crypto.ParsePublicKey(cv.key.Text)
	if err != nil {
		cv.status.SetText(bundleErrorMessage(err))
		return
	}
	c, err := cv.host.Store().AddContact(context.Background(), cv.name.Text, key)
	if err != nil {
		cv.status.SetText(bundleErrorMessage(err))
		return
	}
	cv.name.SetText("")
	cv.key.SetText("")
	cv.status.SetText(lang.X("bundle.contacts.added", "Added {{.Name}}. Compare the fingerprint {{.Fingerprint}} with them, then mark them verified.",
		map[string]any{"Name": c.Name, "Fingerprint": c.Fingerprint()}))
	cv.reload()
}
