package letter

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"hash/crc32"
	"io"
	"strings"
	"unicode/utf8"
)

// An OpenDocument text is a zip whose first entry is the file "mimetype",
// stored (not compressed) and without extra fields, so that its type can
// be read at a fixed offset; then the manifest, the content and the
// styles. That is all LibreOffice, Word and the other editors need: the
// letter is written here without a library.

const odtMime = "application/vnd.oasis.opendocument.text"

// WriteODT writes the letter as an editable OpenDocument text: the title
// centred and bold, the top right block indented to the right half, body
// paragraphs with a first-line indent, set in a serif font at 12 points.
func (l *Letter) WriteODT(w io.Writer) error {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// mimetype: stored, with its CRC and sizes in the local header (no data
	// descriptor) and no extra field (no modification time: Go adds one as
	// an extra field).
	mime := []byte(odtMime)
	hdr := &zip.FileHeader{Name: "mimetype", Method: zip.Store,
		CRC32: crc32.ChecksumIEEE(mime), CompressedSize64: uint64(len(mime)), UncompressedSize64: uint64(len(mime))}
	mw, err := zw.CreateRaw(hdr)
	if err != nil {
		return err
	}
	if _, err := mw.Write(mime); err != nil {
		return err
	}
	files := []struct {
		name string
		data []byte
	}{
		{"META-INF/manifest.xml", []byte(odtManifest)},
		{"meta.xml", []byte(l.odtMeta())},
		{"styles.xml", []byte(odtStyles)},
		{"content.xml", []byte(l.odtContent())},
	}
	for _, f := range files {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: l.Date.UTC()})
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// xmlText escapes s for XML character data, dropping the characters XML
// cannot hold.
func xmlText(s string) string {
	var b strings.Builder
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r != 0xfffe && r != 0xffff && (r < 0xd800 || r > 0xdfff)) {
			return r
		}
		return -1
	}, s)
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// odtParagraph writes text as a paragraph of style, keeping runs of spaces
// (ODF collapses them otherwise).
func odtParagraph(b *strings.Builder, style, text string) {
	b.WriteString(`<text:p text:style-name="` + style + `">`)
	spaces := 0
	flush := func() {
		if spaces == 1 {
			b.WriteByte(' ')
		} else if spaces > 1 {
			b.WriteString(` <text:s text:c="` + itoa(spaces-1) + `"/>`)
		}
		spaces = 0
	}
	for _, word := range strings.Split(text, " ") {
		if word == "" {
			spaces++
			continue
		}
		flush()
		b.WriteString(xmlText(word))
		spaces = 1
	}
	b.WriteString("</text:p>\n")
}

func itoa(n int) string {
	var digits []byte
	for {
		digits = append([]byte{byte('0' + n%10)}, digits...)
		n /= 10
		if n == 0 {
			return string(digits)
		}
	}
}

func (l *Letter) odtContent() string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
		`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ` +
		`xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ` +
		`xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3">` + "\n")
	b.WriteString("<office:body>\n<office:text>\n")
	prev := lineBlank
	for _, ln := range l.lines() {
		switch ln.kind {
		case lineBlank:
			b.WriteString(`<text:p text:style-name="Gap"/>` + "\n")
		case lineRight:
			odtParagraph(&b, "Addressee", ln.text)
		case lineTitle:
			odtParagraph(&b, "Title", ln.text)
		default:
			style := "Body"
			if !indented(prev, ln.text) || utf8.RuneCountInString(ln.text) < 90 {
				style = "Line"
			}
			odtParagraph(&b, style, ln.text)
		}
		prev = ln.kind
	}
	b.WriteString("</office:text>\n</office:body>\n</office:document-content>\n")
	return b.String()
}

func (l *Letter) odtMeta() string {
	return xml.Header + `<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
		`xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">` +
		`<office:meta><meta:generator>Kintrace</meta:generator>` +
		`<dc:title>` + xmlText(docTitles[l.Lang]) + `</dc:title>` +
		`<dc:language>` + string(l.Lang) + `</dc:language>` +
		`<meta:creation-date>` + l.Date.UTC().Format("2006-01-02T15:04:05") + `</meta:creation-date>` +
		`</office:meta></office:document-meta>` + "\n"
}

const odtManifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
`

const odtStyles = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3">
 <office:font-face-decls>
  <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman" style:font-pitch="variable"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:line-height="115%"/>
   <style:text-properties style:font-name="Liberation Serif" fo:font-size="12pt"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph"/>
  <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:text-align="justify" fo:text-indent="1.25cm"/>
  </style:style>
  <style:style style:name="Line" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:text-align="start"/>
  </style:style>
  <style:style style:name="Gap" style:family="paragraph" style:parent-style-name="Standard">
   <style:text-properties fo:font-size="8pt"/>
  </style:style>
  <style:style style:name="Addressee" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-left="8.5cm" fo:text-align="start"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:text-align="center" fo:margin-top="0.3cm" fo:margin-bottom="0.2cm"/>
   <style:text-properties fo:font-weight="bold" fo:font-size="13pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="A4">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="1.5cm" style:print-orientation="portrait"/>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="A4"/>
 </office:master-styles>
</office:document-styles>
`
