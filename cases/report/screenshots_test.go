package report_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"kintrace/cases"
	"kintrace/cases/report"
)

// TestScreenshots renders the first page of each PDF to PNG with pdftoppm
// into the folder named by KINTRACE_REPORT_SCREENSHOTS (docs/screenshots
// from `make screenshots`); without it the test is skipped.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("KINTRACE_REPORT_SCREENSHOTS")
	if dir == "" {
		t.Skip("set KINTRACE_REPORT_SCREENSHOTS to a folder to render the reports' first pages")
	}
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm is not installed")
	}
	c := exampleCase(t)
	docs := []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"report-casefile-ru", func(b *bytes.Buffer) error {
			return report.CaseFile(context.Background(), b, []cases.Case{c},
				report.Options{Lang: report.Russian, Profile: cases.RedactNone, Now: prepared})
		}},
		{"report-casefile-en-public", func(b *bytes.Buffer) error {
			return report.CaseFile(context.Background(), b, []cases.Case{c},
				report.Options{Lang: report.English, Profile: cases.RedactPublicOnly, Now: prepared})
		}},
		{"report-summary-en", func(b *bytes.Buffer) error {
			return report.SummaryPDF(b, c, report.Options{Lang: report.English, Profile: cases.RedactPublicOnly, Now: prepared})
		}},
		{"report-summary-uk", func(b *bytes.Buffer) error {
			return report.SummaryPDF(b, c, report.Options{Lang: report.Ukrainian, Profile: cases.RedactReporterIdentity, Now: prepared})
		}},
	}
	for _, d := range docs {
		var buf bytes.Buffer
		if err := d.write(&buf); err != nil {
			t.Fatalf("%s: %v", d.name, err)
		}
		pdf := filepath.Join(t.TempDir(), d.name+".pdf")
		if err := os.WriteFile(pdf, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, d.name)
		cmd := exec.Command(bin, "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", pdf, out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm %s: %v\n%s", d.name, err, msg)
		}
	}
}
