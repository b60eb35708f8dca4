package chat

import (
	"bytes"
	"fmt"
	"testing"
)

// generatedExport is an Android export of n messages, one in five of two
// lines and one in ten with an attachment.
func generatedExport(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		day, minute := 1+i/1440%28, i%1440
		fmt.Fprintf(&b, "%02d.07.22, %02d:%02d - +7 999 000-%02d-%02d: Сообщение номер %d о выплате и переводе", day, minute/60, minute%60, i%100, i%97, i)
		switch {
		case i%10 == 0:
			fmt.Fprintf(&b, "\nIMG-20220712-WA%04d.jpg (файл добавлен)", i%10000)
		case i%5 == 0:
			b.WriteString("\nи вторая строка сообщения")
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// BenchmarkWhatsApp100k reads a 100 000-message export and plans its
// events; it reports messages per second.
func BenchmarkWhatsApp100k(b *testing.B) {
	data := generatedExport(100_000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		x, err := ReadWhatsApp(bytes.NewReader(data), Options{Location: moscow})
		if err != nil || len(x.Messages) != 100_000 {
			b.Fatal(err)
		}
		Plan(x, x.Select(Selection{}), "", nil)
	}
	b.ReportMetric(float64(b.N)*100_000/b.Elapsed().Seconds(), "messages/s")
}
