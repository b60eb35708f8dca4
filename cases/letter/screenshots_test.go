package letter_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"kintrace/cases"
	"kintrace/cases/letter"
)

// TestScreenshots renders the first page of a letter (en to the ICRC, ru
// to the prison service) to PNG with pdftoppm into the folder named by
// KINTRACE_REPORT_SCREENSHOTS (as package report's test does); without it
// the test is skipped.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("KINTRACE_REPORT_SCREENSHOTS")
	if dir == "" {
		t.Skip("set KINTRACE_REPORT_SCREENSHOTS to a folder to render the letters' first pages")
	}
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm is not installed")
	}
	c := exampleCase()
	for _, d := range []struct {
		name string
		kind letter.Kind
		lang letter.Lang
	}{
		{"letter-en", letter.ICRC, letter.English},
		{"letter-ru", letter.PrisonService, letter.Russian},
		{"letter-uk", letter.DefenceMinistry, letter.Ukrainian},
	} {
		l := render(t, c, d.kind, d.lang, cases.RedactPublicOnly, "")
		var buf bytes.Buffer
		if err := l.WritePDF(&buf); err != nil {
			t.Fatal(err)
		}
		pdf := filepath.Join(t.TempDir(), d.name+".pdf")
		if err := os.WriteFile(pdf, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, filepath.Join(dir, d.name))
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm %s: %v\n%s", d.name, err, msg)
		}
	}
}
