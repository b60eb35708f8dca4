// Package pdftext reads back the text of the PDFs the project writes, for
// tests only (no package that ships imports it): Text without a PDF
// library, Poppler through pdftotext as a second, independent reader.
package pdftext

import (
	"bytes"
	"compress/zlib"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

var (
	streamRE = regexp.MustCompile(`<<([^<>]*)>>\s*stream\r?\n`)
	lengthRE = regexp.MustCompile(`/Length (\d+)`)
	showRE   = regexp.MustCompile(`\(((?:\\.|[^\\)])*)\)\s*Tj`)
)

// Text extracts the text a PDF written with fpdf (cases/report, cases/letter) shows, one string
// per text operator, without a PDF library: it walks the streams by their
// /Length (so binary font data is skipped, not searched), inflates them,
// and decodes the UTF-16BE strings fpdf writes for UTF-8 fonts.
func Text(t testing.TB, data []byte) string {
	t.Helper()
	var out strings.Builder
	for pos := 0; pos < len(data); {
		m := streamRE.FindSubmatchIndex(data[pos:])
		if m == nil {
			break
		}
		dict := data[pos+m[2] : pos+m[3]]
		start := pos + m[1]
		lm := lengthRE.FindSubmatch(dict)
		if lm == nil {
			t.Fatalf("a stream without /Length at offset %d", start)
		}
		n, _ := strconv.Atoi(string(lm[1]))
		if start+n > len(data) {
			t.Fatalf("a stream runs past the end of the file")
		}
		body := data[start : start+n]
		pos = start + n
		if bytes.Contains(dict, []byte("/FlateDecode")) {
			zr, err := zlib.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("inflating a stream: %v", err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatalf("inflating a stream: %v", err)
			}
		}
		for _, s := range showRE.FindAllSubmatch(body, -1) {
			out.WriteString(decodeUTF16(unescapePDF(s[1])))
			out.WriteByte('\n')
		}
	}
	return out.String()
}

func unescapePDF(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 == len(b) {
			out = append(out, b[i])
			continue
		}
		i++
		switch c := b[i]; c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		default:
			if c >= '0' && c <= '7' {
				v := 0
				j := 0
				for ; j < 3 && i+j < len(b) && b[i+j] >= '0' && b[i+j] <= '7'; j++ {
					v = v*8 + int(b[i+j]-'0')
				}
				i += j - 1
				out = append(out, byte(v))
				continue
			}
			out = append(out, c)
		}
	}
	return out
}

func decodeUTF16(b []byte) string {
	if len(b)%2 != 0 {
		return string(b)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// Poppler runs pdftotext when it is installed, as a second, independent
// reader of the same PDF; "" and false when it is missing.
func Poppler(t testing.TB, path string) (string, bool) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", false
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out), true
}
