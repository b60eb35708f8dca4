package app

import (
	"image"
	"image/color"

	"rsc.io/qr"
)

// QR codes on screen. rsc.io/qr encodes well, but its Code.Image draws one
// image pixel per module in the corner of a much larger white square (it
// ignores its own Scale and quiet zone), which is how the contact key's code
// came out about 23 pixels wide: no phone could read it. qrCode draws the
// modules itself.

const (
	qrQuiet   = 4   // modules of white around the code, as the standard asks
	qrMinSide = 240 // pixels: big enough for a phone to read from a screen
)

// qrCode returns text as a QR code (error correction M) drawn black on
// white with whole pixels per module, at least qrMinSide pixels wide.
func qrCode(text string) (*image.Gray, error) {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return nil, err
	}
	modules := code.Size + 2*qrQuiet
	scale := max((qrMinSide+modules-1)/modules, 2)
	img := image.NewGray(image.Rect(0, 0, modules*scale, modules*scale))
	for y := range modules {
		for x := range modules {
			c := color.Gray{0xff}
			if code.Black(x-qrQuiet, y-qrQuiet) {
				c = color.Gray{0}
			}
			for dy := range scale {
				for dx := range scale {
					img.SetGray(x*scale+dx, y*scale+dy, c)
				}
			}
		}
	}
	return img, nil
}
