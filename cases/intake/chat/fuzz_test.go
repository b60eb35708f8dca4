package chat

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func seedFiles(f *testing.F, pattern string) {
	files, _ := filepath.Glob(pattern)
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzWhatsApp: any text reads without panicking, keeps every message's
// time valid and never returns both messages and an error.
func FuzzWhatsApp(f *testing.F) {
	seedFiles(f, "testdata/whatsapp_*.txt")
	f.Add([]byte("[1/2/03, 4:05:06\u202fPM] a: <attached: x>\n\u200e12.07.22, 14:05 - b"))
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := ReadWhatsApp(bytes.NewReader(data), Options{Location: moscow})
		if err != nil {
			if x != nil {
				t.Fatal("an export with an error")
			}
			return
		}
		for _, m := range x.Messages {
			if m.Time.IsZero() && x.Messages[0].Line != m.Line {
				t.Fatalf("message at line %d without a time", m.Line)
			}
			e := Event(&m, x.Format, "a")
			if strings.ContainsAny(e.Text+e.From, "\u202a\u202e\u2066\x1b") {
				t.Fatalf("unsafe text in %+v", e)
			}
		}
	})
}

// FuzzTelegram: any JSON reads without panicking.
func FuzzTelegram(f *testing.F) {
	seedFiles(f, "testdata/telegram/result.json")
	f.Add([]byte(fullExport))
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := ReadTelegram(bytes.NewReader(data), Options{Location: moscow})
		if err == nil {
			Plan(x, x.Select(Selection{System: true}), "", nil)
		}
	})
}

// FuzzZip: any bytes read as a zip without panicking, and every media file
// it names can be read or fails cleanly.
func FuzzZip(f *testing.F) {
	f.Add(makeZip(f, "_chat.txt", "whatsapp_ios_en.txt", map[string][]byte{"00000012-PHOTO-2022-07-14-18-40-11.jpg": []byte("\xff\xd8\xff")}))
	f.Add(makeZip(f, "WhatsApp Chat with Helen.txt", "whatsapp_android_en.txt", nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := ReadZip(bytes.NewReader(data), int64(len(data)), Options{Location: moscow})
		if err != nil {
			return
		}
		for _, m := range x.Messages {
			for _, a := range m.Attachments {
				if rc, err := x.OpenMedia(a); err == nil {
					var b bytes.Buffer
					b.ReadFrom(rc)
					rc.Close()
				}
			}
		}
	})
}
