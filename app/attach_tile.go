package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // decoders for the viewer
	_ "image/jpeg"
	_ "image/png"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp"

	"kintrace/cases/vault"
	"kintrace/crypto"
)

const (
	tileWidth, tileHeight = 168, 196
	thumbSize             = 150
	// maxThumbSource and maxViewBytes cap what is decrypted into memory to
	// show; larger files can still be saved out.
	maxThumbSource = 32 << 20
	maxViewBytes   = 128 << 20
	// maxPixels refuses images whose decoding would take gigabytes (a
	// small file can claim a huge size).
	maxPixels = 80_000_000
	// maxTextPreview is how much of a text file the viewer shows.
	maxTextPreview = 1 << 20
)

// errCannotShow reports an image the viewer cannot decode or will not
// decode because of its size.
var errCannotShow = errors.New("app: the image cannot be shown")

// thumbnail is a small copy of an image attachment, made in memory.
type thumbnail struct{ img image.Image }

// readAttachment decrypts a whole attachment into memory, refusing files
// over limit. The caller wipes the bytes when done.
func readAttachment(v *vault.Vault, id string, limit int64) ([]byte, vault.Attachment, error) {
	rc, a, err := v.OpenAttachment(context.Background(), id)
	if err != nil {
		return nil, a, err
	}
	defer rc.Close()
	if a.Size > limit {
		return nil, a, errCannotShow
	}
	buf := make([]byte, 0, a.Size)
	b := bytes.NewBuffer(buf)
	if _, err := io.Copy(b, rc); err != nil {
		crypto.Wipe(b.Bytes())
		return nil, a, err
	}
	return b.Bytes(), a, nil
}

// decodeImage decodes PNG, JPEG, GIF or WebP bytes, checking the size the
// header claims first.
func decodeImage(data []byte) (image.Image, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errCannotShow, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return nil, errCannotShow
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errCannotShow, err)
	}
	return img, nil
}

// makeThumbnail decrypts and decodes an image attachment and scales it to
// fit thumbSize; nil when that fails (the tile then shows an icon).
func makeThumbnail(v *vault.Vault, id string) *thumbnail {
	data, _, err := readAttachment(v, id, maxThumbSource)
	if err != nil {
		return nil
	}
	defer crypto.Wipe(data)
	img, err := decodeImage(data)
	if err != nil {
		return nil
	}
	return &thumbnail{img: scaleToFit(img, thumbSize)}
}

func scaleToFit(src image.Image, box int) image.Image {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= box && h <= box {
		return src
	}
	if w >= h {
		w, h = box, max(1, h*box/w)
	} else {
		w, h = max(1, w*box/h), box
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Rect, src, b, draw.Src, nil)
	return dst
}

// typeIcon is the icon of a file without a thumbnail.
func typeIcon(mediaType string) fyne.Resource {
	switch {
	case strings.HasPrefix(mediaType, "image/"):
		return theme.FileImageIcon()
	case strings.HasPrefix(mediaType, "audio/"):
		return theme.FileAudioIcon()
	case strings.HasPrefix(mediaType, "video/"):
		return theme.FileVideoIcon()
	case strings.HasPrefix(mediaType, "text/"):
		return theme.FileTextIcon()
	case mediaType == "application/pdf":
		return theme.DocumentIcon()
	}
	return theme.FileIcon()
}

// humanSize writes a byte count for people, with the language's decimal
// separator.
func humanSize(n int64) string {
	num := func(x float64, prec int) string {
		return strings.Replace(strconv.FormatFloat(x, 'f', prec, 64), ".", lang.L("attach.size.decimal"), 1)
	}
	switch {
	case n < 1024:
		return lang.X("attach.size.bytes", "{{.N}} B", map[string]any{"N": n})
	case n < 1<<20:
		return lang.X("attach.size.kib", "{{.N}} KB", map[string]any{"N": num(float64(n)/1024, 1)})
	case n < 1<<30:
		return lang.X("attach.size.mib", "{{.N}} MB", map[string]any{"N": num(float64(n)/(1<<20), 1)})
	}
	return lang.X("attach.size.gib", "{{.N}} GB", map[string]any{"N": num(float64(n)/(1<<30), 2)})
}

// attachmentTile is one attachment in the grid: its thumbnail or type icon,
// name and size. Tapping it opens the viewer.
type attachmentTile struct {
	widget.BaseWidget
	attachment vault.Attachment
	thumb      *thumbnail
	picture    *fyne.Container // the thumbnail or the type icon
	onTap      func()
}

func newAttachmentTile(a vault.Attachment, thumb *thumbnail, onTap func()) *attachmentTile {
	t := &attachmentTile{attachment: a, onTap: onTap, picture: container.NewStack()}
	t.ExtendBaseWidget(t)
	t.setThumbnail(thumb)
	return t
}

// setThumbnail shows thumb, or the type icon when it is nil.
func (t *attachmentTile) setThumbnail(thumb *thumbnail) {
	t.thumb = thumb
	var pic fyne.CanvasObject
	if thumb != nil {
		img := canvas.NewImageFromImage(thumb.img)
		img.FillMode = canvas.ImageFillContain
		img.ScaleMode = canvas.ImageScaleSmooth
		img.SetMinSize(fyne.NewSize(thumbSize, thumbSize-30))
		pic = img
	} else {
		icon := canvas.NewImageFromResource(typeIcon(t.attachment.Type))
		icon.FillMode = canvas.ImageFillContain
		icon.SetMinSize(fyne.NewSize(64, 64))
		pic = container.NewCenter(icon)
	}
	t.picture.Objects = []fyne.CanvasObject{pic}
	t.picture.Refresh()
}

// Tapped opens the attachment.
func (t *attachmentTile) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

func (t *attachmentTile) CreateRenderer() fyne.WidgetRenderer {
	name := widget.NewLabel(t.attachment.Name)
	name.Truncation = fyne.TextTruncateEllipsis
	name.Alignment = fyne.TextAlignCenter
	info := humanSize(t.attachment.Size)
	if t.attachment.Event != nil {
		info += " · " + lang.X("attach.event_n", "event {{.N}}", map[string]any{"N": *t.attachment.Event + 1})
	}
	meta := widget.NewLabel(info)
	meta.Alignment = fyne.TextAlignCenter
	meta.SizeName = theme.SizeNameCaptionText
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	content := container.NewBorder(nil, container.NewVBox(name, meta), nil, nil, t.picture)
	return widget.NewSimpleRenderer(container.NewStack(bg, container.NewPadded(content)))
}
