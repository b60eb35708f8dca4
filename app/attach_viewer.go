package app

import (
	"context"
	"fmt"
	"image"
	"io"
	"os"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/media"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// zoomSteps are the viewer's zoom levels relative to the image's own size;
// 0 means "fit the window".
var zoomSteps = []float32{0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8}

// attachmentViewer shows one attachment in a dialog, decrypted into memory
// only: images with zoom, text as text, anything else as its description.
// "Save decrypted copy" writes it out after a warning; "Remove" deletes it
// from the vault after a confirmation.
type attachmentViewer struct {
	tab   *attachmentsTab
	vault *vault.Vault
	a     vault.Attachment

	dialog  dialog.Dialog
	body    *fyne.Container
	status  *widget.Label
	image   *canvas.Image // nil unless an image is on show
	natural fyne.Size     // the image's own size
	zoom    int           // index into zoomSteps
	zoomLbl *widget.Label
	zoomIn  *widget.Button
	zoomOut *widget.Button
	zoomFit *widget.Button
	text    *widget.Label // set for text files
	save    *widget.Button
	remove  *widget.Button

	confirm *dialog.ConfirmDialog // the open warning or confirmation, for tests
	info    dialog.Dialog         // the open error message, for tests
}

func newAttachmentViewer(t *attachmentsTab, v *vault.Vault, a vault.Attachment) *attachmentViewer {
	w := &attachmentViewer{tab: t, vault: v, a: a}
	w.status = widget.NewLabel(lang.L("attach.viewer.loading"))
	w.status.Wrapping = fyne.TextWrapWord
	w.body = container.NewStack(container.NewCenter(w.status))
	w.zoomLbl = widget.NewLabel("")
	w.zoomOut = widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { w.setZoom(w.zoom - 1) })
	w.zoomIn = widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { w.setZoom(w.zoom + 1) })
	w.zoomFit = widget.NewButtonWithIcon(lang.L("attach.viewer.fit"), theme.ZoomFitIcon(), func() { w.setZoom(0) })
	for _, b := range []*widget.Button{w.zoomOut, w.zoomIn, w.zoomFit} {
		b.Hide()
	}
	w.save = widget.NewButtonWithIcon(lang.L("attach.viewer.save"), theme.DocumentSaveIcon(), w.askSave)
	w.remove = widget.NewButtonWithIcon(lang.L("attach.viewer.remove"), theme.DeleteIcon(), w.askRemove)
	w.remove.Importance = widget.DangerImportance
	info := a.Type + " · " + humanSize(a.Size) + " · " + formatTime(a.AddedAt)
	bar := container.NewHBox(w.zoomOut, w.zoomLbl, w.zoomIn, w.zoomFit, widget.NewLabel(info))
	bottom := container.NewBorder(nil, nil, bar, container.NewHBox(w.save, w.remove))
	content := container.NewBorder(nil, bottom, nil, nil, w.body)
	w.dialog = dialog.NewCustom(a.Name, lang.L("attach.viewer.close"), content, t.host.Window())
	return w
}

func (w *attachmentViewer) show() {
	size := w.tab.host.Window().Canvas().Size()
	w.dialog.Resize(fyne.NewSize(size.Width*0.9, size.Height*0.9))
	w.tab.showDialog(w.dialog)
	w.load()
}

// load decrypts the attachment off the UI goroutine and shows it.
func (w *attachmentViewer) load() {
	a := w.a
	w.tab.spawn(func() {
		var img image.Image
		var text string
		var err error
		switch {
		case media.IsImage(a.Type):
			var data []byte
			if data, _, err = readAttachment(w.vault, a.ID, maxViewBytes); err == nil {
				img, err = decodeImage(data)
				crypto.Wipe(data)
			}
		case media.IsText(a.Type):
			text, err = w.readText()
		}
		fyne.Do(func() {
			switch {
			case err != nil:
				w.showMessage(attachErrorMessage(err), widget.DangerImportance)
			case img != nil:
				w.showImage(img)
			case media.IsText(a.Type):
				w.showText(text)
			default:
				w.showMessage(lang.L("attach.viewer.no_preview"), widget.MediumImportance)
			}
		})
	})
}

// readText reads the start of a text attachment; the rest is verified but
// not kept, so a damaged file is reported even when only its end is bad.
func (w *attachmentViewer) readText() (string, error) {
	rc, _, err := w.vault.OpenAttachment(context.Background(), w.a.ID)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	head := make([]byte, maxTextPreview)
	n, err := io.ReadFull(rc, head)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	} else if err == nil {
		_, err = io.Copy(io.Discard, rc)
	}
	if err != nil {
		crypto.Wipe(head)
		return "", err
	}
	b := head[:n]
	for len(b) > 0 && !utf8.Valid(b) { // a character cut at the limit
		b = b[:len(b)-1]
	}
	s := string(b)
	crypto.Wipe(head)
	if int64(n) < w.a.Size {
		s += "\n…"
	}
	return s, nil
}

func (w *attachmentViewer) showMessage(msg string, imp widget.Importance) {
	w.status.SetText(msg)
	w.status.Importance = imp
	w.status.Refresh()
}

func (w *attachmentViewer) showImage(img image.Image) {
	b := img.Bounds()
	w.natural = fyne.NewSize(float32(b.Dx()), float32(b.Dy()))
	w.image = canvas.NewImageFromImage(img)
	w.image.FillMode = canvas.ImageFillContain
	w.image.ScaleMode = canvas.ImageScaleSmooth
	w.body.Objects = []fyne.CanvasObject{container.NewScroll(w.image)}
	w.body.Refresh()
	for _, b := range []*widget.Button{w.zoomOut, w.zoomIn, w.zoomFit} {
		b.Show()
	}
	w.setZoom(0)
}

// setZoom shows the image at zoomSteps[i]: 0 fits it to the dialog, any
// other step sizes it relative to its own pixels and scrolls.
func (w *attachmentViewer) setZoom(i int) {
	if w.image == nil {
		return
	}
	i = max(0, min(i, len(zoomSteps)-1))
	w.zoom = i
	if i == 0 {
		w.image.SetMinSize(fyne.NewSize(1, 1))
		w.zoomLbl.SetText(lang.L("attach.viewer.fitted"))
	} else {
		z := zoomSteps[i]
		w.image.SetMinSize(fyne.NewSize(w.natural.Width*z, w.natural.Height*z))
		w.zoomLbl.SetText(fmt.Sprintf("%d%%", int(z*100+0.5)))
	}
	w.image.Refresh()
	w.body.Refresh()
	if i == 0 {
		w.zoomOut.Disable()
	} else {
		w.zoomOut.Enable()
	}
	if i == len(zoomSteps)-1 {
		w.zoomIn.Disable()
	} else {
		w.zoomIn.Enable()
	}
}

func (w *attachmentViewer) showText(s string) {
	w.text = widget.NewLabel(s)
	w.text.Wrapping = fyne.TextWrapWord
	w.text.Selectable = true
	w.body.Objects = []fyne.CanvasObject{container.NewVScroll(w.text)}
	w.body.Refresh()
}

// askSave warns that the copy will not be protected, then asks where to
// save it.
func (w *attachmentViewer) askSave() {
	win := w.tab.host.Window()
	w.confirm = dialog.NewConfirm(lang.L("attach.save.title"), lang.L("attach.save.warning"), func(ok bool) {
		w.confirm = nil
		if !ok {
			return
		}
		d := newSaveFile(win, w.a.Name, func(path string) {
			wc, err := storage.Writer(storage.NewFileURI(path))
			if err != nil {
				w.tab.setStatus(attachErrorMessage(err), widget.DangerImportance)
				return
			}
			w.saveTo(wc)
		})
		w.tab.showDialog(d.dialog)
		d.focus()
	}, win)
	w.tab.showDialog(w.confirm)
}

// saveTo writes the decrypted attachment to wc off the UI goroutine. If the
// attachment fails verification the partial copy is deleted.
func (w *attachmentViewer) saveTo(wc fyne.URIWriteCloser) {
	w.tab.spawn(func() {
		uri := wc.URI()
		out, err := ownerOnly(wc)
		if err == nil {
			err = func() error {
				rc, _, err := w.vault.OpenAttachment(context.Background(), w.a.ID)
				if err != nil {
					return err
				}
				defer rc.Close()
				_, err = io.Copy(out, rc)
				return err
			}()
			if cerr := out.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			storage.Delete(uri)
		}
		fyne.Do(func() {
			if err != nil {
				w.showError(attachErrorMessage(err))
				return
			}
			w.tab.setStatus(lang.L("attach.save.done"), widget.SuccessImportance)
		})
	})
}

// ownerOnly returns where to write a decrypted copy. Fyne's save dialog
// has already created a file on disk with the default mode (0644 under the
// usual umask): readable by every user of the laptop. For a file:// URI the
// file is reopened and made readable and writable by its owner only (0600,
// as the CLI's attach extract writes) before a byte of it is written; other
// URIs have no permissions to set. It closes wc in every case.
func ownerOnly(wc fyne.URIWriteCloser) (io.WriteCloser, error) {
	if wc.URI().Scheme() != "file" {
		return wc, nil
	}
	f, err := os.OpenFile(wc.URI().Path(), os.O_WRONLY|os.O_TRUNC, 0o600)
	wc.Close()
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func (w *attachmentViewer) showError(msg string) {
	w.info = dialog.NewInformation(lang.L("attach.error.title"), msg, w.tab.host.Window())
	w.tab.showDialog(w.info)
}

// askRemove confirms and removes the attachment from the vault.
func (w *attachmentViewer) askRemove() {
	w.confirm = dialog.NewConfirm(lang.L("attach.remove.title"), lang.L("attach.remove.question"), func(ok bool) {
		w.confirm = nil
		if !ok {
			return
		}
		w.tab.spawn(func() {
			err := w.vault.RemoveAttachment(context.Background(), w.a.ID)
			fyne.Do(func() {
				if err != nil {
					w.showError(attachErrorMessage(err))
					return
				}
				w.dialog.Hide()
				w.tab.viewer = nil
				w.tab.setStatus(lang.L("attach.removed"), widget.MediumImportance)
				w.tab.reload()
			})
		})
	}, w.tab.host.Window())
	w.tab.showDialog(w.confirm)
}
