package app

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"kintrace/crypto"
)

// qrVectorText is a contact key as the QR code carries it (upper case, so
// that it fits QR's alphanumeric mode).
const qrVectorText = "AGE1PDND8MT9HFUKTAMVTQFRSGSET6FKKZHUCRASK4FPC2N5UKD563ZQGC7VHF KTS1HAPTCEMPNAJHG5PUK8WF60JK32EKGYZJWWJ0QYF4PXLSJMJ07N5STZN6QT"

// qrVectorModules is the SHA-256 of qrVectorText's modules (one byte per
// module, row by row, 1 for black), recorded from a code that zbarimg
// decoded back to qrVectorText. A change of encoder that changes the
// modules must be checked with a reader again.
const qrVectorModules = "671469b4276e6f85497ae5d377aeefb34950aed42c5a637c0bad81fea3ca83ce"

// qrModules reads the module grid back from img: side modules of scale
// pixels each, the quiet zone included.
func qrModules(t *testing.T, img *image.Gray) (grid [][]bool, scale int) {
	t.Helper()
	b := img.Bounds()
	if b.Dx() != b.Dy() {
		t.Fatalf("QR image %v is not square", b)
	}
	// The top-left finder's corner is the first black pixel on the
	// diagonal, after the quiet zone.
	for x := 0; x < b.Dx(); x++ {
		if img.GrayAt(x, x).Y == 0 {
			scale = x / qrQuiet
			break
		}
	}
	if scale < 1 || b.Dx()%scale != 0 {
		t.Fatalf("QR image %v: no whole scale found (%d)", b, scale)
	}
	n := b.Dx() / scale
	grid = make([][]bool, n)
	for y := range n {
		grid[y] = make([]bool, n)
		for x := range n {
			v := img.GrayAt(x*scale, y*scale).Y
			for dy := range scale { // every pixel of a module is the same
				for dx := range scale {
					if img.GrayAt(x*scale+dx, y*scale+dy).Y != v {
						t.Fatalf("module (%d,%d) is not one colour", x, y)
					}
				}
			}
			grid[y][x] = v == 0
		}
	}
	return grid, scale
}

// TestQRCodeShape: the code is drawn whole pixels per module, at least
// qrMinSide pixels wide, inside a white quiet zone of four modules, with
// the three finder patterns where a reader looks for them, and its modules
// are those of the known vector.
func TestQRCodeShape(t *testing.T) {
	img, err := qrCode(qrVectorText)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() < qrMinSide {
		t.Fatalf("QR image is %d px wide, want at least %d", img.Bounds().Dx(), qrMinSide)
	}
	grid, _ := qrModules(t, img)
	n := len(grid)
	for i := range n {
		for q := range qrQuiet {
			if grid[q][i] || grid[n-1-q][i] || grid[i][q] || grid[i][n-1-q] {
				t.Fatalf("quiet zone not white at row/column %d, %d", q, i)
			}
		}
	}
	// Finder: a 7x7 black ring, a white ring, a 3x3 black centre.
	finder := func(x0, y0 int) {
		for y := range 7 {
			for x := range 7 {
				ring := max(abs(x-3), abs(y-3))
				want := ring != 2
				if grid[y0+y][x0+x] != want {
					t.Fatalf("finder at (%d,%d): module (%d,%d) is %v", x0, y0, x, y, !want)
				}
			}
		}
	}
	size := n - 2*qrQuiet
	finder(qrQuiet, qrQuiet)
	finder(qrQuiet+size-7, qrQuiet)
	finder(qrQuiet, qrQuiet+size-7)

	var modules []byte
	for y := qrQuiet; y < n-qrQuiet; y++ {
		for x := qrQuiet; x < n-qrQuiet; x++ {
			if grid[y][x] {
				modules = append(modules, 1)
			} else {
				modules = append(modules, 0)
			}
		}
	}
	sum := sha256.Sum256(modules)
	if got := hex.EncodeToString(sum[:]); got != qrVectorModules {
		t.Errorf("modules of the known vector changed: sha256 %s, want %s", got, qrVectorModules)
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestQRCodeDecodes reads the contact key's code back with zbarimg (from
// the zbar-tools package, which scripts/deps.sh installs; in CI its absence
// is a failure, elsewhere a skip).
func TestQRCodeDecodes(t *testing.T) {
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("zbarimg is missing: make test runs scripts/deps.sh, which installs zbar-tools")
		}
		t.Skip("zbarimg not installed (apt-get install zbar-tools); TestQRCodeShape holds the known vector")
	}
	id, _ := crypto.NewIdentity()
	for _, text := range []string{qrVectorText, strings.ToUpper(id.Public().String())} {
		img, err := qrCode(text)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "qr.png")
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(zbar, "-q", "--raw", path).Output()
		if err != nil {
			t.Fatalf("zbarimg: %v", err)
		}
		if got := strings.TrimSpace(string(out)); got != text {
			t.Fatalf("zbarimg read %q, want %q", got, text)
		}
	}
}

// TestContactsShowScannableQRAndWholeKey: in "Contacts & my key" the QR
// code is on screen at least 200 px wide and the key is shown in full,
// every character, in a label tall enough for all its lines.
func TestContactsShowScannableQRAndWholeKey(t *testing.T) {
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	a.Settings().SetTheme(newTheme(themeLight)) // the test theme has no bold monospace font
	for _, width := range []float32{1120, 900} {
		h := newBundleHost(t, a)
		h.win.Resize(fyne.NewSize(width, 740))
		cv := showContacts(h)
		self, _ := h.v.PublicKey(t.Context())
		if s := cv.qrImage.Size(); s.Width < 200 || s.Height < 200 {
			t.Errorf("window %.0f: QR code drawn at %.0fx%.0f, want at least 200x200", width, s.Width, s.Height)
		}
		if img, ok := cv.qrImage.Image.(*image.Gray); !ok || img.Bounds().Dx() < 200 {
			t.Errorf("window %.0f: QR image is not a code of at least 200 px", width)
		}
		if got := strings.Join(strings.Fields(cv.keyText.Text), " "); got != self.String() {
			t.Errorf("key shown as %q, want %q", got, self.String())
		}
		if cv.keyText.Truncation != fyne.TextTruncateOff || cv.keyText.Wrapping != fyne.TextWrapBreak {
			t.Errorf("key label truncates (%v) or does not wrap (%v)", cv.keyText.Truncation, cv.keyText.Wrapping)
		}
		if got, want := cv.keyText.Size().Height, cv.keyText.MinSize().Height; got < want || want < 2*widget.NewLabel("x").MinSize().Height-1 {
			t.Errorf("window %.0f: key label %.0f px high, needs %.0f for its lines", width, got, want)
		}
		assertClearOfScrollBar(t, cv.scroll)
		cv.dialog.Hide()
	}
}
