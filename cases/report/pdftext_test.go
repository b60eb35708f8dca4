package report_test

import (
	"testing"

	"kintrace/internal/pdftext"
)

// pdfText and popplerText read back a written PDF (internal/pdftext).
func pdfText(t *testing.T, data []byte) string { t.Helper(); return pdftext.Text(t, data) }

func popplerText(t *testing.T, path string) (string, bool) {
	t.Helper()
	return pdftext.Poppler(t, path)
}
