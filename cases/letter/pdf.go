package letter

import (
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/go-pdf/fpdf"

	"kintrace/cases/report/fonts"
)

// Page geometry of a letter, in millimetres (A4), as Russian and Ukrainian
// office letters are set: a wide left margin, the addressee block in the
// right half.
const (
	pdfLeft   = 25.0
	pdfRight  = 15.0
	pdfTop    = 20.0
	pdfBottom = 20.0
	blockX    = 110.0 // left edge of the top right block
	bodySize  = 11.5  // points
	titleSize = 12.5
	leading   = 1.4 // line height as a multiple of the font size
	indent    = 10.0
)

var docTitles = map[Lang]string{Russian: "Обращение", Ukrainian: "Звернення", English: "Letter"}

// WritePDF sets the letter as an A4 PDF in Noto Sans. The document's
// metadata names no one: its title is the word "letter".
func (l *Letter) WritePDF(w io.Writer) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AliasNbPages("{nb}")
	pdf.AddUTF8FontFromBytes(fonts.Family, "", fonts.Regular)
	pdf.AddUTF8FontFromBytes(fonts.Family, "B", fonts.Bold)
	pdf.SetMargins(pdfLeft, pdfTop, pdfRight)
	pdf.SetCellMargin(0)
	pdf.SetAutoPageBreak(true, pdfBottom)
	pdf.SetCompression(true)
	pdf.SetTitle(docTitles[l.Lang], true)
	pdf.SetCreator("Kintrace", true)
	pdf.SetProducer("Kintrace", true)
	pdf.SetLang(string(l.Lang))
	pdf.SetCreationDate(l.Date.UTC())
	pdf.SetModificationDate(l.Date.UTC())
	pdf.SetCatalogSort(true)
	pdf.SetTextColor(20, 20, 20)
	pdf.SetFooterFunc(func() {
		if pdf.PageNo() < 2 {
			return // a one-page letter carries no page number
		}
		pdf.SetY(-12)
		pdf.SetFont(fonts.Family, "", 8)
		pdf.CellFormat(0, 4, strconv.Itoa(pdf.PageNo())+" / {nb}", "", 0, "C", false, 0, "")
	})
	pdf.AddPage()

	pageW, _ := pdf.GetPageSize()
	bodyW := pageW - pdfLeft - pdfRight
	blockW := pageW - pdfRight - blockX
	lh := func(size float64) float64 { return size * leading * 25.4 / 72 }
	prev := lineBlank
	for _, ln := range l.lines() {
		text := pdfClean(ln.text)
		switch ln.kind {
		case lineBlank:
			pdf.Ln(lh(bodySize) * 0.6)
		case lineRight:
			pdf.SetFont(fonts.Family, "", bodySize)
			pdf.SetX(blockX)
			pdf.MultiCell(blockW, lh(bodySize), text, "", "L", false)
		case lineTitle:
			if prev != lineBlank && prev != lineTitle {
				pdf.Ln(lh(bodySize) * 0.6)
			}
			pdf.SetFont(fonts.Family, "B", titleSize)
			pdf.SetX(pdfLeft)
			pdf.MultiCell(bodyW, lh(titleSize), text, "", "C", false)
		default:
			pdf.SetFont(fonts.Family, "", bodySize)
			// A paragraph's first line is indented; a line that fits on one
			// line (a date, a reference) is not.
			x, w := pdfLeft, bodyW
			if indented(prev, text) && pdf.GetStringWidth(text) > bodyW {
				x += indent
				w -= indent
			}
			pdf.SetX(x)
			// The first line is set alone, indented; the rest at full width.
			lines := pdf.SplitText(text, w)
			if len(lines) == 0 {
				pdf.Ln(lh(bodySize))
				break
			}
			pdf.MultiCell(w, lh(bodySize), lines[0], "", "L", false)
			if rest := strings.TrimSpace(strings.TrimPrefix(text, lines[0])); rest != "" {
				pdf.SetX(pdfLeft)
				pdf.MultiCell(bodyW, lh(bodySize), rest, "", "L", false)
			}
		}
		prev = ln.kind
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

var (
	coverageOnce sync.Once
	coverageMu   sync.Mutex
	coverageDoc  *fpdf.Fpdf
	coverage     = map[rune]bool{}
)

// pdfClean replaces the characters Noto Sans has no glyph for by "?", so
// that nothing silently disappears from a letter.
func pdfClean(s string) string {
	coverageOnce.Do(func() {
		coverageDoc = fpdf.New("P", "mm", "A4", "")
		coverageDoc.AddUTF8FontFromBytes(fonts.Family, "", fonts.Regular)
		coverageDoc.SetFont(fonts.Family, "", 10)
	})
	coverageMu.Lock()
	defer coverageMu.Unlock()
	var b strings.Builder
	for _, r := range s {
		ok, seen := coverage[r]
		if !seen {
			ok = r == ' ' || (r < 0x10000 && coverageDoc.GetStringWidth(string(r)) > 0)
			coverage[r] = ok
		}
		if ok {
			b.WriteRune(r)
		} else {
			b.WriteRune('?')
		}
	}
	return b.String()
}
