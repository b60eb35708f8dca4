package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"

	"kintrace/cases/report/fonts"
)

// Noto Sans (package fonts) covers Latin, Greek and Cyrillic.
var (
	fontRegular = fonts.Regular
	fontBold    = fonts.Bold
)

const fontFamily = fonts.Family

// Page geometry, in millimetres (A4).
const (
	marginLeft   = 20.0
	marginRight  = 20.0
	marginTop    = 20.0
	marginBottom = 22.0 // above the footer
	lineGap      = 0.35 // extra leading as a share of the font size
)

// Colours of the documents: near-black text, a dark slate for headings,
// greys for secondary text and rules, and one red for "confidential".
type rgb struct{ r, g, b int }

var (
	colText    = rgb{33, 33, 33}
	colHeading = rgb{28, 52, 84}
	colMuted   = rgb{105, 105, 105}
	colRule    = rgb{200, 200, 200}
	colShade   = rgb{236, 239, 243}
	colAlert   = rgb{165, 28, 28}
)

// style is how a run of text is set.
type style struct {
	size  float64 // points
	bold  bool
	color rgb
}

var (
	styleBody   = style{size: 9.5, color: colText}
	styleTable  = style{size: 8.5, color: colText}
	styleTableB = style{size: 8.5, bold: true, color: colText}
	styleMuted  = style{size: 8.5, color: colMuted}
	styleLabel  = style{size: 9.5, color: colMuted}
)

// doc wraps an fpdf document with the few layout primitives the reports
// use: headings, key-value blocks, tables and paragraphs, each of which
// breaks pages itself (fpdf's automatic page break is off).
type doc struct {
	pdf *fpdf.Fpdf
	t   *Labels
	// header is the running head of the current part (one case); it is
	// printed on every page but the part's first.
	header      string
	footerLeft  string
	partStarted bool
}

// newDoc starts a document. title goes into the PDF's metadata, which is
// why callers pass a case number rather than a name.
func newDoc(t *Labels, title string, now time.Time) *doc {
	pdf := fpdf.New("P", "mm", "A4", "")
	// The page-count alias must be set before fonts are added: fpdf then
	// keeps the digits in every font subset.
	pdf.AliasNbPages("{nb}")
	pdf.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	// Cells are padded by the layout code itself.
	pdf.SetCellMargin(0)
	pdf.SetAutoPageBreak(false, marginBottom)
	pdf.SetCompression(true)
	pdf.SetTitle(title, true)
	pdf.SetCreator("Kintrace", true)
	pdf.SetProducer("Kintrace", true)
	pdf.SetLang(string(t.Lang()))
	pdf.SetCreationDate(now)
	pdf.SetModificationDate(now)
	pdf.SetCatalogSort(true)
	d := &doc{pdf: pdf, t: t}
	pdf.SetHeaderFunc(d.drawHeader)
	pdf.SetFooterFunc(d.drawFooter)
	return d
}

// startPart begins a new part (one case) on a new page.
func (d *doc) startPart(header, footerLeft string) {
	// AddPage draws the previous page's footer first, so the new part's
	// texts are set only after it.
	d.partStarted = false
	d.pdf.AddPage()
	d.header, d.footerLeft = header, footerLeft
	d.partStarted = true
}

func (d *doc) drawHeader() {
	if !d.partStarted || d.header == "" {
		return
	}
	d.setStyle(style{size: 7.5, color: colMuted})
	d.pdf.SetXY(marginLeft, 10)
	d.pdf.CellFormat(d.width(), 4, d.clean(d.header, false), "", 0, "L", false, 0, "")
	d.rule(15, colRule, 0.2)
	d.pdf.SetXY(marginLeft, marginTop)
}

// drawFooter sets "CONFIDENTIAL · case number · Page n of m" on one line
// and the request not to pass the document on below it. The page number is
// left-aligned after the case number: its total is known only when the
// document is finished, so it cannot be right-aligned exactly.
func (d *doc) drawFooter() {
	_, h := d.pdf.GetPageSize()
	y := h - 16
	d.rule(y, colRule, 0.2)
	d.setStyle(style{size: 7.5, bold: true, color: colAlert})
	d.pdf.SetXY(marginLeft, y+1.5)
	conf := d.clean(d.t.T("doc.confidential"), false)
	d.pdf.CellFormat(d.pdf.GetStringWidth(conf)+1, 4, conf, "", 0, "L", false, 0, "")
	d.setStyle(style{size: 7.5, color: colMuted})
	page := d.t.T("doc.page", "page", strconv.Itoa(d.pdf.PageNo()), "pages", "{nb}")
	rest := "·  " + page
	if d.footerLeft != "" {
		rest = "·  " + d.footerLeft + "  " + rest
	}
	d.pdf.CellFormat(d.width()/2, 4, d.clean(rest, false), "", 0, "L", false, 0, "")
	d.setStyle(style{size: 6.5, color: colMuted})
	d.pdf.SetXY(marginLeft, y+6)
	d.pdf.CellFormat(d.width(), 3.5, d.clean(d.t.T("doc.footer"), false), "", 0, "L", false, 0, "")
}

// width is the width of the text column.
func (d *doc) width() float64 {
	w, _ := d.pdf.GetPageSize()
	return w - marginLeft - marginRight
}

// bottom is the lowest y text may reach on a page.
func (d *doc) bottom() float64 {
	_, h := d.pdf.GetPageSize()
	return h - marginBottom
}

func (d *doc) setStyle(s style) {
	st := ""
	if s.bold {
		st = "B"
	}
	d.pdf.SetFont(fontFamily, st, s.size)
	d.pdf.SetTextColor(s.color.r, s.color.g, s.color.b)
}

// lineHeight is the leading of s, in millimetres.
func lineHeight(s style) float64 { return s.size * (1 + lineGap) * 25.4 / 72 }

func (d *doc) rule(y float64, c rgb, w float64) {
	d.pdf.SetDrawColor(c.r, c.g, c.b)
	d.pdf.SetLineWidth(w)
	d.pdf.Line(marginLeft, y, marginLeft+d.width(), y)
}

// ensure starts a new page unless h millimetres fit below the current
// position; it reports whether it did.
func (d *doc) ensure(h float64) bool {
	if d.pdf.GetY()+h <= d.bottom() {
		return false
	}
	d.pdf.AddPage()
	return true
}

// clean makes s safe to set in the embedded font: it composes accents
// (NFC), turns tabs and, unless multiline, line breaks into spaces, drops
// other control characters and zero-width marks, and replaces characters the
// font lacks (emoji, CJK) with "?", so no glyph goes missing silently and
// fpdf's width tables are never indexed out of range.
func (d *doc) clean(s string, multiline bool) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' && multiline:
			b.WriteRune('\n')
		case r == '\n' || r == '\t':
			b.WriteRune(' ')
		case r < 0x20 || r == 0x7f || unicode.Is(unicode.Cf, r):
		case unicode.Is(unicode.Mn, r):
		case d.hasGlyph(r):
			b.WriteRune(r)
		default:
			b.WriteRune('?')
		}
	}
	return b.String()
}

var (
	coverageOnce sync.Once
	coverageMu   sync.Mutex
	coverageDoc  *fpdf.Fpdf
	coverage     = map[rune]bool{}
)

// hasGlyph reports whether the embedded font has a glyph for r. It measures
// on a document of its own, so the caller's current font is left alone.
func (d *doc) hasGlyph(r rune) bool {
	if r >= 0x10000 {
		return false
	}
	if r == ' ' {
		return true
	}
	coverageOnce.Do(func() {
		coverageDoc = fpdf.New("P", "mm", "A4", "")
		coverageDoc.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
		coverageDoc.SetFont(fontFamily, "", 10)
	})
	coverageMu.Lock()
	defer coverageMu.Unlock()
	ok, seen := coverage[r]
	if !seen {
		// Both fonts share the regular font's coverage.
		ok = coverageDoc.GetStringWidth(string(r)) > 0
		coverage[r] = ok
	}
	return ok
}

// line is one line of set text.
type line struct {
	text string
	st   style
}

// span is a run of text in one style; a cell is a list of spans, each
// starting on a new line.
type span struct {
	text string
	st   style
}

// split wraps spans to width w (millimetres, without cell padding).
func (d *doc) split(spans []span, w float64) []line {
	var out []line
	for _, sp := range spans {
		if sp.text == "" {
			continue
		}
		d.setStyle(sp.st)
		for _, para := range strings.Split(d.clean(sp.text, true), "\n") {
			if strings.TrimSpace(para) == "" {
				continue
			}
			for _, l := range d.pdf.SplitText(para, w) {
				out = append(out, line{strings.TrimRight(l, " "), sp.st})
			}
		}
	}
	return out
}

// paragraph sets text across the full width.
func (d *doc) paragraph(text string, st style) {
	lines := d.split([]span{{text, st}}, d.width())
	lh := lineHeight(st)
	for _, l := range lines {
		if d.ensure(lh) {
			d.pdf.SetY(marginTop)
		}
		d.setStyle(l.st)
		d.pdf.SetX(marginLeft)
		d.pdf.CellFormat(d.width(), lh, l.text, "", 1, "L", false, 0, "")
	}
}

// heading starts a section, keeping it with at least a few lines of what
// follows.
func (d *doc) heading(text string) {
	d.pdf.Ln(4)
	if d.ensure(22) {
		d.pdf.SetY(marginTop)
	}
	st := style{size: 11.5, bold: true, color: colHeading}
	d.setStyle(st)
	d.pdf.SetX(marginLeft)
	d.pdf.CellFormat(d.width(), lineHeight(st), d.clean(text, false), "", 1, "L", false, 0, "")
	y := d.pdf.GetY() + 0.6
	d.rule(y, colHeading, 0.35)
	d.pdf.SetY(y + 2)
}

// column is a column of a table.
type column struct {
	title string
	width float64 // share of the text width; the shares of a table add up to 1
	align string  // "L" or "R"
}

// tableOpts choose how a table looks.
type tableOpts struct {
	header bool // a shaded title row, repeated after page breaks
	rules  bool // a hairline under each row
}

const cellPad = 1.4 // horizontal padding inside a cell, mm

// table sets rows of cells (spans per column). A row that does not fit on
// the page moves to the next; a row taller than a page is split by lines.
func (d *doc) table(cols []column, rows [][][]span, o tableOpts) {
	total := d.width()
	xs := make([]float64, len(cols))
	ws := make([]float64, len(cols))
	x := marginLeft
	for i, c := range cols {
		xs[i], ws[i] = x, c.width*total
		x += ws[i]
	}
	// Without a shaded title row the first column sits flush with the
	// text margin.
	pads := make([]float64, len(cols))
	for i := range pads {
		pads[i] = cellPad
	}
	if !o.header {
		pads[0] = 0
	}
	const vpad = 1.1
	drawHeader := func() {
		if !o.header {
			return
		}
		st := style{size: 8, bold: true, color: colHeading}
		lh := lineHeight(st)
		cells := make([][]line, len(cols))
		n := 1
		for i, c := range cols {
			cells[i] = d.split([]span{{c.title, st}}, ws[i]-2*cellPad)
			n = max(n, len(cells[i]))
		}
		h := float64(n)*lh + 2*vpad
		y := d.pdf.GetY()
		d.pdf.SetFillColor(colShade.r, colShade.g, colShade.b)
		d.pdf.Rect(marginLeft, y, total, h, "F")
		for i := range cols {
			for j, l := range cells[i] {
				d.setStyle(l.st)
				d.pdf.SetXY(xs[i]+cellPad, y+vpad+float64(j)*lh)
				d.pdf.CellFormat(ws[i]-2*cellPad, lh, l.text, "", 0, cols[i].align, false, 0, "")
			}
		}
		d.pdf.SetY(y + h)
	}
	newPage := func() {
		d.pdf.AddPage()
		d.pdf.SetY(marginTop)
		drawHeader()
	}
	lh := lineHeight(styleTable)
	if d.pdf.GetY()+lh*3 > d.bottom() {
		d.pdf.AddPage()
		d.pdf.SetY(marginTop)
	}
	drawHeader()
	for _, row := range rows {
		cells := make([][]line, len(cols))
		n := 1
		for i := range cols {
			if i < len(row) {
				cells[i] = d.split(row[i], ws[i]-2*cellPad)
			}
			n = max(n, len(cells[i]))
		}
		h := float64(n)*lh + 2*vpad
		pageRoom := d.bottom() - marginTop - 12
		if d.pdf.GetY()+h > d.bottom() && h <= pageRoom {
			newPage()
		}
		for start := 0; start < n; {
			room := int((d.bottom() - d.pdf.GetY() - 2*vpad) / lh)
			if room < 1 {
				newPage()
				continue
			}
			k := min(n-start, room)
			y := d.pdf.GetY()
			for i := range cols {
				for j := start; j < start+k && j < len(cells[i]); j++ {
					l := cells[i][j]
					d.setStyle(l.st)
					d.pdf.SetXY(xs[i]+pads[i], y+vpad+float64(j-start)*lh)
					d.pdf.CellFormat(ws[i]-2*cellPad, lh, l.text, "", 0, cols[i].align, false, 0, "")
				}
			}
			y += float64(k)*lh + 2*vpad
			if o.rules {
				d.rule(y, colRule, 0.15)
			}
			d.pdf.SetY(y)
			start += k
			if start < n {
				newPage()
			}
		}
	}
}

// keyValues sets label-value rows: labels in grey on the left, values
// beside them. Rows with an empty value are left out.
func (d *doc) keyValues(rows [][2]string) {
	var cells [][][]span
	for _, r := range rows {
		if strings.TrimSpace(r[1]) == "" {
			continue
		}
		cells = append(cells, [][]span{{{r[0], styleLabel}}, {{r[1], styleBody}}})
	}
	d.table([]column{{width: 0.28, align: "L"}, {width: 0.72, align: "L"}}, cells, tableOpts{})
}

// finish writes the document to w.
func (d *doc) finish(w io.Writer) error {
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("report: laying out the PDF: %w", err)
	}
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("report: writing the PDF: %w", err)
	}
	return nil
}
