package letter

import (
	"errors"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Letter is a letter rendered from a template: its text, and what the
// documents made of it need besides.
type Letter struct {
	Lang Lang
	Kind Kind
	// Text is the template's output, tidied: no trailing spaces, at most
	// one blank line in a row, ending in one newline.
	Text string
	// Date is the letter's day (the documents' creation time).
	Date time.Time
}

// Render writes the letter of in with tpl; nil tpl is the embedded
// default for in's kind and language.
func Render(in Input, tpl *Template) (*Letter, error) {
	if _, err := ParseKind(string(in.Kind)); err != nil {
		return nil, err
	}
	if _, err := ParseLang(string(in.Lang)); err != nil {
		return nil, err
	}
	if tpl == nil {
		src, err := Default(in.Kind, in.Lang)
		if err != nil {
			return nil, err
		}
		if tpl, err = Parse(src); err != nil {
			return nil, err
		}
	}
	text, err := tpl.execute(in.data())
	if err != nil {
		return nil, err
	}
	date := in.Date
	if date.IsZero() {
		date = time.Now()
	}
	return &Letter{Lang: in.Lang, Kind: in.Kind, Text: trimLines(sanitize(text)), Date: date}, nil
}

// sanitize keeps the text printable: NFC, tabs as spaces, no control or
// format characters but newlines.
func sanitize(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || unicode.Is(unicode.Cf, r) || r == 0xfffe || r == 0xffff:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lineKind is how a line of a letter is set.
type lineKind int

const (
	lineBody lineKind = iota
	lineBlank
	lineTitle // "# "
	lineRight // ">> "
)

type textLine struct {
	kind lineKind
	text string
}

// lines reads the letter's markup.
func (l *Letter) lines() []textLine {
	var out []textLine
	for s := range strings.SplitSeq(strings.TrimSuffix(l.Text, "\n"), "\n") {
		switch {
		case strings.TrimSpace(s) == "":
			out = append(out, textLine{lineBlank, ""})
		case strings.HasPrefix(s, "# "):
			out = append(out, textLine{lineTitle, strings.TrimSpace(s[2:])})
		case s == ">>" || strings.HasPrefix(s, ">> "):
			out = append(out, textLine{lineRight, strings.TrimSpace(strings.TrimPrefix(s, ">>"))})
		default:
			out = append(out, textLine{lineBody, s})
		}
	}
	return out
}

// PlainText is the letter as plain text: the markers of the title and the
// top right block taken away.
func (l *Letter) PlainText() string {
	var b strings.Builder
	for _, ln := range l.lines() {
		b.WriteString(ln.text)
		b.WriteByte('\n')
	}
	return b.String()
}

// WriteText writes PlainText.
func (l *Letter) WriteText(w io.Writer) error {
	_, err := io.WriteString(w, l.PlainText())
	return err
}

// Format is a file format letters are saved in.
type Format string

// The formats.
const (
	PDF  Format = "pdf"
	ODT  Format = "odt"
	Text Format = "txt"
)

// ErrFormat reports a file name whose extension is none of .pdf, .odt,
// .txt.
var ErrFormat = errors.New("letter: unknown file format (want .pdf, .odt or .txt)")

// FormatOf is the format a file name's extension asks for.
func FormatOf(name string) (Format, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return PDF, nil
	case ".odt":
		return ODT, nil
	case ".txt":
		return Text, nil
	}
	return "", ErrFormat
}

// Write writes the letter in format f.
func (l *Letter) Write(w io.Writer, f Format) error {
	switch f {
	case PDF:
		return l.WritePDF(w)
	case ODT:
		return l.WriteODT(w)
	case Text:
		return l.WriteText(w)
	}
	return ErrFormat
}

// indented reports whether a body line starts a paragraph that may take a
// first-line indent: it follows a blank line and is not a list item or a
// line to sign on.
func indented(prev lineKind, text string) bool {
	return prev == lineBlank && !strings.HasPrefix(text, "—") && !strings.HasPrefix(text, "- ") && !strings.Contains(text, "___")
}
