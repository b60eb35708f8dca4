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

// generatedTelegram is a result.json of n messages, one in ten with a
// photo and the text as a list of entities.
func generatedTelegram(n int) []byte {
	var b bytes.Buffer
	b.WriteString("{\n \"name\": \"Ирина Коваль\",\n \"type\": \"personal_chat\",\n \"messages\": [")
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "\n  {\n   \"id\": %d,\n   \"type\": \"message\",\n   \"date\": \"2022-07-12T14:05:33\",\n   \"date_unixtime\": \"%d\",\n   \"from\": \"Ирина Коваль\",\n   \"from_id\": \"user%d\",\n", i, 1657627533+i, 5550000000+i%7)
		if i%10 == 0 {
			fmt.Fprintf(&b, "   \"photo\": \"photos/photo_%d@12-07-2022_14-05-33.jpg\",\n   \"text\": [\"Ответ из \", {\"type\": \"bold\", \"text\": \"ФСИН\"}, \" номер %d\"]\n  }", i, i)
		} else {
			fmt.Fprintf(&b, "   \"text\": \"Сообщение номер %d о выплате и переводе\"\n  }", i)
		}
	}
	b.WriteString("\n ]\n}\n")
	return b.Bytes()
}

// BenchmarkTelegram100k reads a 100 000-message result.json and plans its
// events; it reports messages per second.
func BenchmarkTelegram100k(b *testing.B) {
	data := generatedTelegram(100_000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		x, err := ReadTelegram(bytes.NewReader(data), Options{Location: moscow})
		if err != nil || len(x.Messages) != 100_000 {
			b.Fatal(err)
		}
		Plan(x, x.Select(Selection{}), "", nil)
	}
	b.ReportMetric(float64(b.N)*100_000/b.Elapsed().Seconds(), "messages/s")
}
