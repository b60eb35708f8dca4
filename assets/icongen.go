//go:build ignore

// Icongen draws Kintrace's application icon, a shield holding a trace of
// last-known points, and writes it to icon.png. The PNG is committed; run
// `go run icongen.go` in assets/ only when the design changes.
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const size = 512

type point struct{ x, y float64 }

var (
	navy   = color.NRGBA{0x1b, 0x3a, 0x5c, 0xff}
	teal   = color.NRGBA{0x1f, 0x6f, 0x8b, 0xff}
	paper  = color.NRGBA{0xf4, 0xf7, 0xfa, 0xff}
	amber  = color.NRGBA{0xf2, 0xa9, 0x3b, 0xff}
	shadow = color.NRGBA{0x0e, 0x22, 0x36, 0xff}
)

func main() {
	outer := shield(256, 64, 300, 372)
	inner := shield(256, 100, 236, 300)
	trace := []point{{198, 322}, {226, 262}, {288, 240}, {312, 184}}

	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const ss = 4 // supersampling per axis
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					p := point{float64(px) + (float64(sx)+0.5)/ss, float64(py) + (float64(sy)+0.5)/ss}
					c, ok := sample(p, outer, inner, trace)
					if !ok {
						continue
					}
					r += float64(c.R)
					g += float64(c.G)
					b += float64(c.B)
					a++
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				uint8(r / a), uint8(g / a), uint8(b / a), uint8(255 * a / (ss * ss)),
			})
		}
	}
	f, err := os.Create("icon.png")
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// sample returns the colour at p, or false outside the icon's rounded square.
func sample(p point, outer, inner, trace []point) (color.NRGBA, bool) {
	if !inRoundedSquare(p, 24, 488, 104) {
		return color.NRGBA{}, false
	}
	t := p.y / size
	bg := mix(teal, navy, t)
	switch {
	case dist(p, trace[3]) < 30:
		if dist(p, trace[3]) < 13 {
			return paper, true
		}
		return amber, true
	case nearPolyline(p, trace, 9):
		return amber, true
	case dist(p, trace[0]) < 15 || dist(p, trace[1]) < 12 || dist(p, trace[2]) < 12:
		return amber, true
	case inPolygon(p, inner):
		return mix(bg, shadow, 0.25), true
	case inPolygon(p, outer):
		return paper, true
	}
	return bg, true
}

// shield traces a shield outline: a flat top with rounded shoulders, straight
// sides, and two curves meeting in a point at the bottom.
func shield(cx, top, width, height float64) []point {
	left, right := cx-width/2, cx+width/2
	sides := top + height*0.42
	tip := point{cx, top + height}
	var pts []point
	pts = append(pts, bezier(point{left, top + 28}, point{left, top}, point{left + 28, top}, 8)...)
	pts = append(pts, bezier(point{right - 28, top}, point{right, top}, point{right, top + 28}, 8)...)
	pts = append(pts, point{right, sides})
	pts = append(pts, bezier(point{right, sides}, point{right, top + height*0.78}, tip, 24)...)
	pts = append(pts, bezier(tip, point{left, top + height*0.78}, point{left, sides}, 24)...)
	return pts
}

func bezier(a, c, b point, n int) []point {
	pts := make([]point, 0, n+1)
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		pts = append(pts, point{
			u*u*a.x + 2*u*t*c.x + t*t*b.x,
			u*u*a.y + 2*u*t*c.y + t*t*b.y,
		})
	}
	return pts
}

func inPolygon(p point, poly []point) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a.y > p.y) != (b.y > p.y) && p.x < (b.x-a.x)*(p.y-a.y)/(b.y-a.y)+a.x {
			in = !in
		}
	}
	return in
}

func inRoundedSquare(p point, lo, hi, r float64) bool {
	cx := math.Max(lo+r, math.Min(p.x, hi-r))
	cy := math.Max(lo+r, math.Min(p.y, hi-r))
	return p.x >= lo && p.x <= hi && p.y >= lo && p.y <= hi && dist(p, point{cx, cy}) <= r
}

func nearPolyline(p point, pts []point, w float64) bool {
	for i := 1; i < len(pts); i++ {
		if segmentDist(p, pts[i-1], pts[i]) < w {
			return true
		}
	}
	return false
}

func segmentDist(p, a, b point) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	t := ((p.x-a.x)*dx + (p.y-a.y)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return dist(p, point{a.x + t*dx, a.y + t*dy})
}

func dist(a, b point) float64 { return math.Hypot(a.x-b.x, a.y-b.y) }

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	l := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t) }
	return color.NRGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 0xff}
}
