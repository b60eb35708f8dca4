package media_test

import (
	"testing"

	"kintrace/cases/media"
)

func TestDetectMediaType(t *testing.T) {
	tests := []struct {
		name string
		head string
		want string
	}{
		{"x.bin", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"},
		{"photo", "\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"},
		{"a.webp", "RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"},
		{"v.wav", "RIFF\x10\x00\x00\x00WAVEfmt ", "audio/wav"},
		{"voice.ogg", "OggS\x00\x02", "audio/ogg"},
		{"scan", "%PDF-1.7\n", "application/pdf"},
		{"m.m4a", "\x00\x00\x00\x20ftypM4A \x00", "audio/mp4"},
		{"IMG.HEIC", "\x00\x00\x00\x18ftypheic", "image/heic"},
		{"voice.opus", "not a signature", "audio/ogg"},
		{"notes", "Переписка 10 июля\nслова\n", "text/plain; charset=utf-8"},
		{"cut", "ab\xd0", "text/plain; charset=utf-8"}, // a character cut at the end
		{"blob", "\x00\x01\x02\x03", "application/octet-stream"},
		{"empty", "", "application/octet-stream"},
	}
	for _, tt := range tests {
		if got := media.DetectMediaType(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("DetectMediaType(%q, %q) = %q, want %q", tt.name, tt.head, got, tt.want)
		}
	}
	if !media.IsImage("image/WebP") || media.IsImage("image/heic") || !media.IsText("text/plain; charset=utf-8") {
		t.Error("IsImage/IsText disagree with the viewer's formats")
	}
}

func FuzzDetectMediaType(f *testing.F) {
	f.Add("a.jpg", []byte("\xff\xd8\xff"))
	f.Add("b.txt", []byte("слова"))
	f.Add("c", []byte("RIFF\x00\x00\x00\x00WEBP"))
	f.Fuzz(func(t *testing.T, name string, head []byte) {
		got := media.DetectMediaType(name, head)
		if got == "" || got != media.DetectMediaType(name, head) {
			t.Fatalf("DetectMediaType = %q, not a stable non-empty type", got)
		}
	})
}
