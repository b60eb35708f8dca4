package media

import (
	"bytes"
	"mime"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// signatures recognise the formats relatives usually send, by their first
// bytes. Offsets and magic numbers are from each format's specification.
var signatures = []struct {
	offset int
	magic  string
	typ    string
}{
	{0, "\x89PNG\r\n\x1a\n", "image/png"},
	{0, "\xff\xd8\xff", "image/jpeg"},
	{0, "GIF87a", "image/gif"},
	{0, "GIF89a", "image/gif"},
	{0, "%PDF-", "application/pdf"},
	{0, "OggS", "audio/ogg"},
	{0, "ID3", "audio/mpeg"},
	{0, "fLaC", "audio/flac"},
	{0, "#!AMR", "audio/amr"},
	{0, "BM", "image/bmp"},
	{0, "PK\x03\x04", "application/zip"},
}

// DetectMediaType names the media type of a file from its first bytes and,
// when they are not conclusive, its name's extension. Text that is valid
// UTF-8 without control characters is "text/plain; charset=utf-8".
func DetectMediaType(name string, head []byte) string {
	if len(head) >= 12 && string(head[0:4]) == "RIFF" {
		switch string(head[8:12]) {
		case "WEBP":
			return "image/webp"
		case "WAVE":
			return "audio/wav"
		}
	}
	if len(head) >= 12 && string(head[4:8]) == "ftyp" {
		brand := string(head[8:12])
		switch {
		case strings.HasPrefix(brand, "M4A"):
			return "audio/mp4"
		case brand == "heic" || brand == "heix" || brand == "mif1":
			return "image/heic"
		}
		return "video/mp4"
	}
	for _, s := range signatures {
		if len(head) >= s.offset+len(s.magic) && string(head[s.offset:s.offset+len(s.magic)]) == s.magic {
			// A zip may be an office document; trust its extension.
			if s.typ == "application/zip" {
				if t := byExtension(name); t != "" {
					return t
				}
			}
			return s.typ
		}
	}
	if t := byExtension(name); t != "" {
		return t
	}
	if looksLikeText(head) {
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}

func byExtension(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case "":
		return ""
	case ".txt", ".log":
		return "text/plain; charset=utf-8"
	case ".opus", ".oga":
		return "audio/ogg"
	case ".m4a":
		return "audio/mp4"
	}
	return mime.TypeByExtension(ext)
}

// looksLikeText reports whether head is UTF-8 without control characters
// other than tab, line breaks and form feed. A multi-byte character cut at
// the end of head does not count against it.
func looksLikeText(head []byte) bool {
	if len(head) == 0 {
		return false
	}
	for i := 1; i < utf8.UTFMax && i <= len(head); i++ {
		if tail := head[len(head)-i:]; utf8.RuneStart(tail[0]) {
			if !utf8.FullRune(tail) {
				head = head[:len(head)-i]
			}
			break
		}
	}
	if !utf8.Valid(head) {
		return false
	}
	return bytes.IndexFunc(head, func(r rune) bool {
		return r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' || r == 0x7f
	}) < 0
}

// IsImage reports whether the app can show an attachment of media type t
// itself (PNG, JPEG, WebP, GIF).
func IsImage(t string) bool {
	switch mediaBase(t) {
	case "image/png", "image/jpeg", "image/webp", "image/gif":
		return true
	}
	return false
}

// IsText reports whether an attachment of media type t is plain text.
func IsText(t string) bool { return mediaBase(t) == "text/plain" }

func mediaBase(t string) string {
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	return strings.TrimSpace(strings.ToLower(t))
}
