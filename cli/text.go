package cli

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Case text comes from other people's bundles and from old vaults, and a
// terminal obeys what it prints: ESC and CSI sequences erase lines, move the
// cursor, set the window title or write the clipboard (OSC 52), and bidi
// overrides make text read differently from what it is. cases.Validate
// refuses them in new data; printable is the second wall, and everything
// the CLI prints of a case (names, numbers, notes, table cells, names of
// contacts and attachments) goes through it.

// printable returns s with every character that is not graphic (controls,
// bidi and other formatting characters, invalid UTF-8) written as a Go
// escape such as \x1b or \u202e, so that it shows instead of acting. Use it
// for one-line values and table cells, where a newline or tab would break
// the layout.
func printable(s string) string { return escape(s, false) }

// printableText is printable for multi-line free text: newlines and tabs
// are kept.
func printableText(s string) string { return escape(s, true) }

func escape(s string, multiLine bool) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return !shows(r, multiLine) }) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i]), 16))
		case shows(r, multiLine):
			b.WriteString(s[i : i+n])
		default:
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += n
	}
	return b.String()
}

// shows reports whether a terminal shows r as itself: graphic characters
// (letters, marks, digits, punctuation, symbols, spaces) and the zero-width
// joiners that scripts and emoji need; in multi-line text also newline and
// tab.
func shows(r rune, multiLine bool) bool {
	switch r {
	case '\n', '\t':
		return multiLine
	case '\u200c', '\u200d':
		return true
	case utf8.RuneError:
		return false
	}
	return unicode.IsGraphic(r)
}

// printableWriter passes text through printableText, for output a package
// below the CLI writes (report.SummaryText). Nothing reaches w before Close,
// so no escape is split between two writes.
type printableWriter struct {
	w   io.Writer
	buf bytes.Buffer
}

func (p *printableWriter) Write(b []byte) (int, error) { return p.buf.Write(b) }

func (p *printableWriter) Close() error {
	_, err := io.WriteString(p.w, printableText(p.buf.String()))
	return err
}

// jsonUnsafe are the characters encoding/json leaves as they are although a
// terminal acts on them: C1 controls, DEL and the bidi formatting characters.
// They can appear only inside JSON strings, where \uXXXX means the same.
func jsonUnsafe(r rune) bool {
	return r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
		r == 0x200e || r == 0x200f || r == 0x061c
}

// escapeJSON rewrites the characters jsonUnsafe refuses in encoded JSON as
// \u escapes; encoding/json already escapes C0 controls.
func escapeJSON(b []byte) []byte {
	if !bytes.ContainsFunc(b, jsonUnsafe) {
		return b
	}
	var out bytes.Buffer
	for _, r := range string(b) {
		if jsonUnsafe(r) {
			out.WriteString(`\u` + strconv.FormatInt(int64(0x10000+r), 16)[1:])
			continue
		}
		out.WriteRune(r)
	}
	return out.Bytes()
}
