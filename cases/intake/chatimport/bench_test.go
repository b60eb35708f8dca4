package chatimport

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kintrace/cases/intake/chat"
	"kintrace/cases/vault/vaulttest"
)

// whatsApp100k writes an Android export of 100 000 messages from two
// numbers (the family's and an "accountant's"), one in five of two lines,
// one in ten naming a photo that is not in the export.
func whatsApp100k(b *testing.B) string {
	var buf bytes.Buffer
	start := time.Date(2022, 7, 1, 0, 0, 0, 0, time.UTC)
	for i := range 100_000 {
		at := start.Add(time.Duration(i) * 7 * time.Minute)
		from := "+7 999 000-12-34"
		if i%3 == 0 {
			from = "+7 916 555-01-02"
		}
		fmt.Fprintf(&buf, "%s - %s: Сообщение номер %d о выплате и переводе", at.Format("02.01.06, 15:04"), from, i)
		switch {
		case i%10 == 0:
			fmt.Fprintf(&buf, "\nIMG-%s-WA%04d.jpg (файл добавлен)", at.Format("20060102"), i%10000)
		case i%5 == 0:
			buf.WriteString("\nи вторая строка сообщения")
		}
		buf.WriteByte('\n')
	}
	p := filepath.Join(b.TempDir(), "WhatsApp Chat with Ирина.txt")
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkChatImport100k reads a 100 000-message WhatsApp export, plans
// it against a case and stores every message as an event of that case in
// one transaction (the whole of an import as the GUI and the CLI run it,
// test KDF). It reports messages per second end to end, and the seconds
// of Import (planning again inside the transaction and storing).
func BenchmarkChatImport100k(b *testing.B) {
	ctx := context.Background()
	path := whatsApp100k(b)
	var store time.Duration
	for b.Loop() {
		b.StopTimer()
		v, _, _ := vaulttest.New(b)
		c, err := v.Add(ctx, vaulttest.SampleCase("Андрей Петренко"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		x, err := chat.Open(path, chat.Options{Location: moscow})
		if err != nil {
			b.Fatal(err)
		}
		req := Request{Case: c.ID}
		if _, err := Prepare(ctx, v, x, req); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		p, err := Import(ctx, v, x, req)
		if err != nil || len(p.Events) != 100_000 {
			b.Fatalf("%d events: %v", len(p.Events), err)
		}
		store += time.Since(t0)
		x.Close()
		b.StopTimer()
		v.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N)*100_000/b.Elapsed().Seconds(), "messages/s")
	b.ReportMetric(store.Seconds()/float64(b.N), "import-s/op")
}
