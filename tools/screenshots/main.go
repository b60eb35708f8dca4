// Command screenshots runs Kintrace's real GUI (it needs a display: run it
// through scripts/screenshots.sh, which starts Xvfb) over a fresh demo vault
// and writes PNGs of its screens in English and Russian to docs/screenshots.
//
// Each screen is captured with the window canvas's Capture. Under Xvfb with
// Mesa's software renderer that reads back an all-black front buffer, so
// when a capture is a single colour the tool grabs the window from the X
// server instead (ImageMagick's import, window found with xdotool).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"kintrace/app"
)

func main() {
	out := flag.String("out", "docs/screenshots", "folder for the PNGs")
	langs := flag.String("lang", "en,ru", "comma-separated languages to capture")
	only := flag.String("only", "", "write only the PNGs whose names start with this (the tour still runs every scene)")
	flag.Parse()

	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}
	work, err := os.MkdirTemp("", "kintrace-screenshots-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(work)

	save := func(name string, img image.Image) error {
		if !strings.HasPrefix(name, *only) {
			return nil
		}
		path := filepath.Join(*out, name+".png")
		if uniform(img) {
			if err := grabWindow(path); err != nil {
				return fmt.Errorf("%s: canvas capture is blank and the X grab failed: %w", name, err)
			}
		} else if err := writePNG(path, img); err != nil {
			return err
		}
		fmt.Println("wrote", path)
		return nil
	}
	if err := app.Tour(work, strings.Split(*langs, ","), save); err != nil {
		fail(err)
	}
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// uniform reports whether every pixel of img has the same colour.
func uniform(img image.Image) bool {
	b := img.Bounds()
	r0, g0, b0, a0 := img.At(b.Min.X, b.Min.Y).RGBA()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			if r != r0 || g != g0 || bl != b0 || a != a0 {
				return false
			}
		}
	}
	return true
}

// grabWindow writes the Kintrace window's pixels, as the X server has them,
// to path.
func grabWindow(path string) error {
	ids, err := exec.Command("xdotool", "search", "--name", "^Kintrace$").Output()
	if err != nil {
		return fmt.Errorf("xdotool: %w", err)
	}
	fields := strings.Fields(string(ids))
	if len(fields) == 0 {
		return errors.New("no Kintrace window on the display")
	}
	var stderr bytes.Buffer
	cmd := exec.Command("import", "-window", fields[len(fields)-1], "png:"+path)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("import: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "screenshots:", err)
	os.Exit(1)
}
