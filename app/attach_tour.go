package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// tourAttachments is the screenshot tour's attachments scene: the case on
// show gets a chat screenshot (once), its Attachments tab is shown, and the
// screenshot is opened in the viewer.
func tourAttachments(u *UI, code string, shot func(name string) error) error {
	finish := func() {
		u.work.Wait()
		fyne.DoAndWait(func() {})
	}
	var caseID string
	fyne.DoAndWait(func() {
		if ed, ok := u.screen.(*editorScreen); ok {
			caseID = ed.saved.ID
		} else if u.desk != nil && len(u.desk.results) > 0 {
			caseID = u.desk.results[0].ID
		}
	})
	v := u.Store()
	if caseID == "" || v == nil {
		return fmt.Errorf("app: tour: no case to attach a file to")
	}
	list, err := v.Attachments(context.Background(), caseID)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		var buf bytes.Buffer
		if err := png.Encode(&buf, demoChatScreenshot()); err != nil {
			return err
		}
		if _, err := v.AddAttachment(context.Background(), caseID, nil, "telegram-2024-03-02.png", &buf, nil); err != nil {
			return err
		}
	}
	var tab *attachmentsTab
	fyne.DoAndWait(func() {
		u.openCase(caseID)
		ed, ok := u.screen.(*editorScreen)
		if !ok {
			return
		}
		for _, item := range ed.extTabs {
			if item.Text == lang.L("attach.tab") {
				ed.tabs.Select(item)
				if root, ok := item.Content.(*attachmentsRoot); ok {
					tab = root.tab
				}
			}
		}
	})
	if tab == nil {
		return fmt.Errorf("app: tour: the attachments tab did not open")
	}
	finish()
	if err := shot("attachments-" + code); err != nil {
		return err
	}
	fyne.DoAndWait(func() {
		if len(tab.tiles) > 0 {
			tab.open(tab.tiles[0].attachment)
		}
	})
	finish()
	if err := shot("attachment-viewer-" + code); err != nil {
		return err
	}
	fyne.DoAndWait(func() {
		if tab.viewer != nil {
			tab.viewer.dialog.Hide()
		}
	})
	return nil
}

// demoChatScreenshot draws a phone screenshot of a messenger chat whose
// words are blacked out, as the demo's attachment.
func demoChatScreenshot() image.Image {
	const w, h = 540, 960
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill := func(r image.Rectangle, c color.RGBA) { draw.Draw(img, r, &image.Uniform{c}, image.Point{}, draw.Src) }
	fill(img.Rect, color.RGBA{0xd9, 0xe4, 0xea, 0xff})                         // chat background
	fill(image.Rect(0, 0, w, 36), color.RGBA{0x3a, 0x6e, 0x8f, 0xff})          // status bar
	fill(image.Rect(0, 36, w, 120), color.RGBA{0x51, 0x7d, 0xa2, 0xff})        // title bar
	fill(image.Rect(24, 56, 68, 100), color.RGBA{0xf2, 0xa6, 0x5a, 0xff})      // avatar
	fill(image.Rect(88, 60, 300, 76), color.RGBA{0xff, 0xff, 0xff, 0xff})      // contact name
	fill(image.Rect(88, 84, 220, 96), color.RGBA{0xb8, 0xcf, 0xe2, 0xff})      // "last seen"
	fill(image.Rect(0, h-72, w, h), color.RGBA{0xff, 0xff, 0xff, 0xff})        // input bar
	fill(image.Rect(20, h-52, w-90, h-20), color.RGBA{0xee, 0xf1, 0xf3, 0xff}) // input field
	y := 150
	bubbles := []struct {
		mine  bool
		lines []int
	}{
		{false, []int{300, 260, 180}}, {true, []int{220}}, {false, []int{340, 310, 330, 120}},
		{false, []int{200}}, {true, []int{280, 150}}, {false, []int{320, 290}}, {true, []int{120}},
	}
	for _, b := range bubbles {
		width := 0
		for _, l := range b.lines {
			width = max(width, l)
		}
		bw, bh := width+36, len(b.lines)*26+34
		x, bg := 18, color.RGBA{0xff, 0xff, 0xff, 0xff}
		if b.mine {
			x, bg = w-18-bw, color.RGBA{0xe1, 0xf7, 0xcb, 0xff}
		}
		fill(image.Rect(x, y, x+bw, y+bh), bg)
		for i, l := range b.lines {
			ly := y + 16 + i*26
			fill(image.Rect(x+18, ly, x+18+l, ly+14), color.RGBA{0x2b, 0x2f, 0x33, 0xff}) // redacted words
		}
		fill(image.Rect(x+bw-56, y+bh-14, x+bw-14, y+bh-6), color.RGBA{0x9a, 0xa8, 0xb4, 0xff}) // time
		y += bh + 18
	}
	return img
}
