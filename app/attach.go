package app

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/media"
	"kintrace/cases/vault"
)

//go:embed translations/attach/*.json
var attachTranslations embed.FS

func init() {
	registerTranslations(attachTranslations, "translations/attach")
}

// attachmentsTab is the case editor's "Attachments" tab: thumbnails of the
// case's files, adding by file dialog or by dropping files on the window,
// and a viewer. All vault work runs off the UI goroutine and reports back
// through fyne.Do.
type attachmentsTab struct {
	host   Host
	caseID string
	events []cases.Event
	root   *attachmentsRoot

	add      *widget.Button
	strip    *widget.Check // remove location data from photos
	keep     *widget.Check // keep the unstripped original as well
	event    *widget.Select
	grid     *fyne.Container
	empty    *widget.Label
	status   *widget.Label
	progress *widget.ProgressBar
	cancel   *widget.Button
	busyBox  *fyne.Container

	tiles  []*attachmentTile
	viewer *attachmentViewer // the viewer on show, if any
	// thumbsWanted is set once the tab has been on screen: only then are
	// images decrypted for thumbnails.
	thumbsWanted bool

	mu       sync.Mutex
	stopWork context.CancelFunc // cancels the add in progress
	busy     bool
	work     sync.WaitGroup // tests wait on it
}

func newAttachmentsTab(h Host, c cases.Case) *attachmentsTab {
	t := &attachmentsTab{host: h, caseID: c.ID, events: c.Events}
	t.add = widget.NewButtonWithIcon(lang.L("attach.add"), theme.ContentAddIcon(), func() { t.chooseFile() })
	t.add.Importance = widget.HighImportance
	t.strip = widget.NewCheck(lang.L("attach.strip_location"), func(on bool) {
		if !on {
			t.keep.SetChecked(false)
			t.keep.Disable()
		} else {
			t.keep.Enable()
		}
	})
	t.keep = widget.NewCheck(lang.L("attach.keep_original"), nil)
	t.strip.SetChecked(true) // a photo's GPS tag can expose a family
	options := []string{lang.L("attach.whole_case")}
	for i, ev := range c.Events {
		label := fmt.Sprintf("%d. %s", i+1, showDate(ev.Date))
		if ev.Type != "" {
			label += " · " + enumLabel("event", string(ev.Type))
		}
		options = append(options, label)
	}
	t.event = widget.NewSelect(options, nil)
	t.event.SetSelectedIndex(0)
	t.status = widget.NewLabel("")
	t.status.Wrapping = fyne.TextWrapWord
	t.status.Hide()
	t.progress = widget.NewProgressBar()
	t.cancel = widget.NewButtonWithIcon(lang.L("attach.cancel"), theme.CancelIcon(), t.cancelWork)
	t.busyBox = container.NewBorder(nil, nil, nil, t.cancel, t.progress)
	t.busyBox.Hide()
	t.empty = widget.NewLabel(lang.L("attach.empty"))
	t.empty.Alignment = fyne.TextAlignCenter
	t.empty.Wrapping = fyne.TextWrapWord
	t.grid = container.NewGridWrap(fyne.NewSize(tileWidth, tileHeight))
	controls := container.NewVBox(
		container.NewHBox(t.add, widget.NewLabel(lang.L("attach.to")),
			container.NewGridWrap(fyne.NewSize(300, t.event.MinSize().Height), t.event)),
		container.NewHBox(t.strip, t.keep),
		t.busyBox, t.status)
	t.root = newAttachmentsRoot(t, container.NewBorder(controls, nil, nil, nil, container.NewVScroll(container.NewVBox(t.empty, t.grid))))
	t.reload()
	return t
}

// shown reports whether the tab is on the window now: only then does a drop
// go to this case. The window owns the drop handler (UI.dropped): it
// brings this tab to the front and calls dropFiles.
func (t *attachmentsTab) shown() bool {
	if !t.root.Visible() || fyne.CurrentApp() == nil {
		return false
	}
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(t.root) != fyne.NewPos(0, 0)
}

func (t *attachmentsTab) dropped(uris []fyne.URI) {
	if !t.shown() {
		return
	}
	t.addURIs(uris)
}

// chooseFile asks for one or more files to add.
func (t *attachmentsTab) chooseFile() *fileChooser {
	d := newOpenFiles(t.host.Window(), func(paths []string) {
		uris := make([]fyne.URI, len(paths))
		for i, p := range paths {
			uris[i] = storage.NewFileURI(p)
		}
		t.addURIs(uris)
	})
	t.showDialog(d.dialog)
	return d
}

// selectedEvent is the event the new files belong to, or nil.
func (t *attachmentsTab) selectedEvent() *int {
	i := t.event.SelectedIndex()
	if i <= 0 {
		return nil
	}
	e := i - 1
	return &e
}

func (t *attachmentsTab) setStatus(msg string, imp widget.Importance) {
	t.status.Importance = imp
	t.status.SetText(msg)
	if msg == "" {
		t.status.Hide()
	} else {
		t.status.Show()
	}
}

// addURIs adds the files one after another, each in its own transaction,
// with progress and cancel. A cancelled or failed file leaves nothing of
// itself; the files before it stay.
func (t *attachmentsTab) addURIs(uris []fyne.URI) {
	v := t.host.Store()
	if v == nil || len(uris) == 0 {
		return
	}
	t.mu.Lock()
	if t.busy {
		t.mu.Unlock()
		t.setStatus(lang.L("attach.busy"), widget.WarningImportance)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.busy, t.stopWork = true, cancel
	t.mu.Unlock()
	event, strip, keep := t.selectedEvent(), t.strip.Checked, t.keep.Checked
	t.setStatus("", widget.MediumImportance)
	t.progress.SetValue(0)
	t.busyBox.Show()
	t.add.Disable()
	t.spawn(func() {
		added, err := 0, error(nil)
		for _, uri := range uris {
			var n int
			n, err = t.addOne(ctx, v, uri, event, strip, keep)
			added += n
			if err != nil {
				break
			}
		}
		cancel()
		fyne.Do(func() {
			t.mu.Lock()
			t.busy, t.stopWork = false, nil
			t.mu.Unlock()
			t.busyBox.Hide()
			t.add.Enable()
			switch {
			case errors.Is(err, context.Canceled):
				t.setStatus(lang.L("attach.cancelled"), widget.WarningImportance)
			case err != nil:
				t.setStatus(attachErrorMessage(err), widget.DangerImportance)
			default:
				t.setStatus(plural("count.files_added", added, map[string]any{"Count": added}), widget.SuccessImportance)
			}
			t.reload()
		})
	})
}

// addOne adds one file (and, when its location data was removed and the
// user asked for it, its untouched original) and returns how many
// attachments it stored.
func (t *attachmentsTab) addOne(ctx context.Context, v *vault.Vault, uri fyne.URI, event *int, strip, keep bool) (int, error) {
	size := fileSize(uri)
	add := func(name string, stripLocation bool) error {
		rc, err := storage.Reader(uri)
		if err != nil {
			return err
		}
		defer rc.Close()
		var r io.Reader = rc
		if stripLocation {
			r = media.StripLocation(rc)
		}
		_, err = v.AddAttachment(ctx, t.caseID, event, name, r, t.progressFunc(size))
		return err
	}
	photo := strip && canStripLocation(uri)
	if err := add(uri.Name(), photo); err != nil {
		return 0, err
	}
	if !photo || !keep {
		return 1, nil
	}
	name := lang.X("attach.original_name", "original {{.Name}}", map[string]any{"Name": uri.Name()})
	if err := add(name, false); err != nil {
		return 1, err
	}
	return 2, nil
}

// canStripLocation peeks at a file's first bytes: is it a photo whose
// location data media.StripLocation removes (JPEG, PNG, WebP)?
func canStripLocation(uri fyne.URI) bool {
	rc, err := storage.Reader(uri)
	if err != nil {
		return false
	}
	defer rc.Close()
	head := make([]byte, 12)
	n, _ := io.ReadFull(rc, head)
	return media.CanStripLocation(head[:n])
}

// fileSize is the size of a local file, or 0 when it cannot be known.
func fileSize(uri fyne.URI) int64 {
	if uri.Scheme() != "file" {
		return 0
	}
	st, err := os.Stat(uri.Path())
	if err != nil {
		return 0
	}
	return st.Size()
}

// progressFunc returns AddAttachment's progress callback: it moves the bar
// at most once per per cent.
func (t *attachmentsTab) progressFunc(size int64) func(int64) {
	if size <= 0 {
		return nil
	}
	last := int64(-1)
	return func(done int64) {
		pct := min(done*100/size, 100)
		if pct == last {
			return
		}
		last = pct
		fyne.Do(func() { t.progress.SetValue(float64(pct) / 100) })
	}
}

func (t *attachmentsTab) cancelWork() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopWork != nil {
		t.stopWork()
	}
}

// reload lists the case's attachments off the UI goroutine, with
// thumbnails of its images once the tab has been on screen, then shows them.
func (t *attachmentsTab) reload() {
	v := t.host.Store()
	if v == nil {
		return
	}
	withThumbs := t.thumbsWanted
	t.spawn(func() {
		list, err := v.Attachments(context.Background(), t.caseID)
		var thumbs []*thumbnail
		if err == nil && withThumbs {
			thumbs = makeThumbnails(v, list)
		}
		fyne.Do(func() {
			if err != nil {
				t.setStatus(attachErrorMessage(err), widget.DangerImportance)
				return
			}
			t.show(list, thumbs)
		})
	})
}

// makeThumbnails decrypts and scales the images of list (nil entries for
// the rest).
func makeThumbnails(v *vault.Vault, list []vault.Attachment) []*thumbnail {
	thumbs := make([]*thumbnail, len(list))
	for i, a := range list {
		if media.IsImage(a.Type) && a.Size <= maxThumbSource {
			thumbs[i] = makeThumbnail(v, a.ID)
		}
	}
	return thumbs
}

// ensureThumbnails makes the thumbnails the first time the tab is on
// screen. The editor builds its tabs each time a case is opened or saved;
// images are decrypted only for an Attachments tab someone looks at.
func (t *attachmentsTab) ensureThumbnails() {
	if t.thumbsWanted {
		return
	}
	t.thumbsWanted = true
	v := t.host.Store()
	var list []vault.Attachment
	for _, tile := range t.tiles {
		if tile.thumb == nil {
			list = append(list, tile.attachment)
		}
	}
	if v == nil || len(list) == 0 {
		return
	}
	t.spawn(func() {
		thumbs := makeThumbnails(v, list)
		fyne.Do(func() {
			for _, tile := range t.tiles {
				for i, a := range list {
					if tile.attachment.ID == a.ID && thumbs[i] != nil {
						tile.setThumbnail(thumbs[i])
					}
				}
			}
		})
	})
}

func (t *attachmentsTab) show(list []vault.Attachment, thumbs []*thumbnail) {
	if len(list) == 0 && len(t.tiles) == 0 {
		return // as built: the tab already says there is nothing
	}
	t.tiles = t.tiles[:0]
	t.grid.RemoveAll()
	for i, a := range list {
		var thumb *thumbnail
		if thumbs != nil {
			thumb = thumbs[i]
		}
		tile := newAttachmentTile(a, thumb, nil)
		tile.onTap = func() { t.open(tile.attachment) }
		t.tiles = append(t.tiles, tile)
		t.grid.Add(tile)
	}
	if len(list) == 0 {
		t.empty.Show()
	} else {
		t.empty.Hide()
	}
	t.grid.Refresh()
}

// open shows an attachment in the viewer.
func (t *attachmentsTab) open(a vault.Attachment) {
	v := t.host.Store()
	if v == nil {
		return
	}
	t.viewer = newAttachmentViewer(t, v, a)
	t.viewer.show()
}

// attachErrorMessage words attachment errors; others go to errorMessage.
func attachErrorMessage(err error) string {
	var ae *vault.AttachmentError
	var bad *media.DamagedImageError
	switch {
	case errors.As(err, &ae):
		return lang.L("attach.err.damaged")
	case errors.As(err, &bad):
		return lang.X("attach.err.bad_image", "The photo's {{.Format}} structure is damaged, so its location data cannot be removed. It was not added. Untick “Remove location data from photos” to add it as it is.",
			map[string]any{"Format": bad.Format})
	case errors.Is(err, media.ErrTooLargeToStrip):
		return lang.X("attach.err.strip_too_large", "The photo is larger than {{.MiB}} MiB, too large for its location data to be removed. It was not added. Untick “Remove location data from photos” to add it as it is.",
			map[string]any{"MiB": media.MaxWebPStrip >> 20})
	case errors.Is(err, vault.ErrAttachmentName):
		return lang.L("attach.err.name")
	case errors.Is(err, errCannotShow):
		return lang.L("attach.err.cannot_show")
	case errors.Is(err, vault.ErrNotFound):
		return lang.L("attach.err.not_found")
	}
	return errorMessage(err)
}

// spawn runs fn off the UI goroutine. Under the window's UI it is counted
// with the window's other vault work (so locking and tests wait for it);
// the tab's own count serves tests that host the tab alone.
func (t *attachmentsTab) spawn(fn func()) {
	t.work.Add(1)
	run := func() {
		defer t.work.Done()
		fn()
	}
	t.host.Go(func(context.Context) { run() })
}

// attachmentsRoot is the tab's content as the editor holds it; it leads
// back to the tab (the screenshot tour uses that).
type attachmentsRoot struct {
	widget.BaseWidget
	tab     *attachmentsTab
	content fyne.CanvasObject
}

func newAttachmentsRoot(t *attachmentsTab, content fyne.CanvasObject) *attachmentsRoot {
	r := &attachmentsRoot{tab: t, content: content}
	r.ExtendBaseWidget(r)
	return r
}

// Resize is called when the editor shows the tab (tabs that are not
// selected are only hidden): the first time, thumbnails are made.
func (r *attachmentsRoot) Resize(size fyne.Size) {
	r.BaseWidget.Resize(size)
	if size.Width > 0 && size.Height > 0 && r.Visible() {
		r.tab.ensureThumbnails()
	}
}

// dropFiles adds files dropped onto the window (the editor has shown the
// tab first).
func (r *attachmentsRoot) dropFiles(uris []fyne.URI) { r.tab.dropped(uris) }

var _ fileDropTarget = (*attachmentsRoot)(nil)

func (r *attachmentsRoot) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// showDialog shows d through the window when the tab is hosted by it, so
// that locking (and Escape) closes it: a viewer must not stay on screen
// over the unlock screen.
func (t *attachmentsTab) showDialog(d dialog.Dialog) { showHostDialog(t.host, d, nil) }
