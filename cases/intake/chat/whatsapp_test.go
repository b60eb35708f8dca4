package chat

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

var moscow = time.FixedZone("MSK", 3*3600)

func readFixture(t *testing.T, name string) *Export {
	t.Helper()
	x, err := Open("testdata/"+name, Options{Location: moscow})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04:05", s, moscow)
	if err != nil {
		panic(err)
	}
	return t
}

type want struct {
	line   int
	time   string
	sender string
	handle string
	text   string
	attach string
	system bool
	omit   bool
}

func check(t *testing.T, x *Export, wants []want) {
	t.Helper()
	if len(x.Messages) != len(wants) {
		for _, m := range x.Messages {
			t.Logf("%+v", m)
		}
		t.Fatalf("%d messages, want %d", len(x.Messages), len(wants))
	}
	for i, w := range wants {
		m := x.Messages[i]
		if m.Line != w.line || !m.Time.Equal(at(w.time)) || m.Sender != w.sender || m.Handle != w.handle ||
			m.Text != w.text || strings.Join(m.Attachments, ",") != w.attach || m.System != w.system || m.MediaOmitted != w.omit {
			t.Errorf("message %d:\n got %+v\nwant %+v", i, m, w)
		}
	}
}

const accountant = "+7 999 000-12-34"

func TestAndroidRussian(t *testing.T) {
	x := readFixture(t, "whatsapp_android_ru.txt")
	if x.Format != WhatsApp || x.Order != OrderDayMonth || len(x.Problems) != 0 {
		t.Fatalf("format %s order %d problems %+v", x.Format, x.Order, x.Problems)
	}
	check(t, x, []want{
		{line: 1, time: "2022-07-12 09:14:00", system: true, text: "Сообщения и звонки защищены сквозным шифрованием. Никто вне этого чата, даже WhatsApp, не может прочитать или прослушать их. Нажмите, чтобы узнать больше."},
		{line: 2, time: "2022-07-12 09:15:00", sender: "Ольга Петренко", text: "Добрый день. Андрей не выходит на связь с 3 июля."},
		{line: 3, time: "2022-07-12 09:16:00", sender: "Ольга Петренко", text: "Последний раз звонил из колонии,\nсказал что их везут в Ростов.\nНомер был незнакомый."},
		{line: 6, time: "2022-07-13 18:40:00", sender: accountant, handle: accountant, text: "Здравствуйте, я бухгалтер части. Для выплаты нужно перевести 15 000 на карту."},
		{line: 7, time: "2022-07-13 18:41:00", sender: accountant, handle: accountant, text: "IMG-20220713-WA0003.jpg (файл добавлен)", attach: "IMG-20220713-WA0003.jpg"},
		{line: 8, time: "2022-07-13 18:41:00", sender: accountant, handle: accountant, text: "<Без медиафайлов>", omit: true},
		{line: 9, time: "2022-07-14 10:02:00", system: true, text: "Ольга Петренко изменил(-а) свой номер телефона на новый номер. Нажмите, чтобы написать или добавить новый номер."},
		{line: 10, time: "2022-07-14 10:05:00", sender: "Марина (фонд)", text: "Ольга, не переводите деньги. Пришлите, пожалуйста, скриншот."},
	})
}

func TestAndroidEnglish12Hour(t *testing.T) {
	x := readFixture(t, "whatsapp_android_en.txt")
	if x.Order != OrderMonthDay || len(x.Problems) != 0 {
		t.Fatalf("order %d problems %+v", x.Order, x.Problems)
	}
	check(t, x, []want{
		{line: 1, time: "2022-07-12 09:14:00", system: true, text: "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more."},
		{line: 2, time: "2022-07-12 09:15:00", sender: "Helen Carter", text: "Hello, my brother Tom was moved from the colony on 3 July."},
		{line: 3, time: "2022-07-12 09:16:00", sender: "Helen Carter", text: "He called from a new number,\nthen nothing."},
		{line: 5, time: "2022-07-14 18:40:00", sender: accountant, handle: accountant, text: "Hello, I am the unit's accountant. Pay 15000 to release the bonus."},
		{line: 6, time: "2022-07-14 18:41:00", sender: accountant, handle: accountant, text: "IMG-20220714-WA0001.jpg (file attached)", attach: "IMG-20220714-WA0001.jpg"},
		{line: 7, time: "2022-07-14 12:05:00", sender: "Case Worker", text: "Helen, do not pay anything."},
	})
}

func TestAndroidUkrainian(t *testing.T) {
	x := readFixture(t, "whatsapp_android_uk.txt")
	check(t, x, []want{
		{line: 1, time: "2022-07-12 09:14:00", system: true, text: "Повідомлення та дзвінки захищені наскрізним шифруванням. Ніхто поза цим чатом, навіть WhatsApp, не може їх прочитати або прослухати."},
		{line: 2, time: "2022-07-12 09:15:00", sender: "Оксана Мельник", text: "Доброго дня. Син не виходить на зв'язок з 5 липня."},
		{line: 3, time: "2022-07-15 21:30:00", sender: "+380 67 000 11 22", handle: "+380 67 000 11 22", text: "Я з військової частини. Ваш син живий,\nпотрібно 20 000 на документи."},
		{line: 5, time: "2022-07-15 21:31:00", sender: "+380 67 000 11 22", handle: "+380 67 000 11 22", text: "<Медіафайли пропущено>", omit: true},
	})
}

func TestIOSRussian(t *testing.T) {
	x := readFixture(t, "whatsapp_ios_ru.txt")
	check(t, x, []want{
		{line: 1, time: "2022-07-12 09:14:02", sender: "Ольга Петренко", system: true, text: "Сообщения и звонки защищены сквозным шифрованием. Никто вне этого чата, даже WhatsApp, не может прочитать или прослушать их."},
		{line: 2, time: "2022-07-12 09:15:40", sender: "Ольга Петренко", text: "Добрый день. Андрей не выходит на связь с 3 июля."},
		{line: 3, time: "2022-07-13 18:40:11", sender: accountant, handle: accountant, text: "<прикреплено: 00000012-PHOTO-2022-07-13-18-40-11.jpg>", attach: "00000012-PHOTO-2022-07-13-18-40-11.jpg"},
		{line: 4, time: "2022-07-13 18:41:05", sender: accountant, handle: accountant, text: "Для выплаты нужно перевести 15 000.\nСрочно, до пятницы."},
		{line: 6, time: "2022-07-14 10:05:00", sender: "Марина (фонд)", text: "Не переводите."},
	})
}

func TestIOSEnglish(t *testing.T) {
	x := readFixture(t, "whatsapp_ios_en.txt")
	check(t, x, []want{
		{line: 1, time: "2022-07-12 09:14:02", sender: "Helen Carter", system: true, text: "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them."},
		{line: 2, time: "2022-07-12 09:15:40", sender: "Helen Carter", text: "Tom called from the colony,\nsaid they are being moved."},
		{line: 4, time: "2022-07-14 18:40:11", sender: accountant, handle: accountant, text: "<attached: 00000012-PHOTO-2022-07-14-18-40-11.jpg>", attach: "00000012-PHOTO-2022-07-14-18-40-11.jpg"},
		{line: 5, time: "2022-07-14 18:41:05", sender: accountant, handle: accountant, text: "Pay 15000 to release the bonus."},
	})
}

func TestAmbiguousOrderIsReported(t *testing.T) {
	x, err := ReadWhatsApp(strings.NewReader("03/04/22, 10:00 - Ann: a\n05/06/22, 11:00 - Ann: b\n"), Options{Location: moscow})
	if err != nil {
		t.Fatal(err)
	}
	if x.Order != OrderDayMonth || len(x.Problems) != 1 || x.Problems[0].Kind != ProblemDateOrder {
		t.Fatalf("order %d problems %+v", x.Order, x.Problems)
	}
	if !x.Messages[0].Time.Equal(at("2022-04-03 10:00:00")) {
		t.Errorf("time %v", x.Messages[0].Time)
	}
	x, _ = ReadWhatsApp(strings.NewReader("03/04/22, 10:00 - Ann: a\n"), Options{Location: moscow, Order: OrderMonthDay})
	if len(x.Problems) != 0 || !x.Messages[0].Time.Equal(at("2022-03-04 10:00:00")) {
		t.Errorf("forced order: %v %+v", x.Messages[0].Time, x.Problems)
	}
}

func TestLinesAreNeverLost(t *testing.T) {
	in := "garbage before\n12.07.22, 10:00 - Ann: a\n31.02.22, 10:00 - Ann: impossible date\nmore\n13.07.22, 25:00 - Ann: bad hour\n"
	x, err := ReadWhatsApp(strings.NewReader(in), Options{Location: moscow})
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Messages) != 1 {
		t.Fatalf("%d messages", len(x.Messages))
	}
	if want := "a\n31.02.22, 10:00 - Ann: impossible date\nmore\n13.07.22, 25:00 - Ann: bad hour"; x.Messages[0].Text != want {
		t.Errorf("text %q", x.Messages[0].Text)
	}
	kinds := []string{}
	for _, p := range x.Problems {
		kinds = append(kinds, string(p.Kind)+":"+strconv.Itoa(p.Line))
	}
	if got := strings.Join(kinds, " "); got != "before_first:1 bad_date:3 bad_date:5" {
		t.Errorf("problems %s", got)
	}
	if x.Problems[0].Text != "garbage before" {
		t.Errorf("the line before the first message is not kept: %+v", x.Problems[0])
	}
}

func TestBadInput(t *testing.T) {
	var le *LineError
	_, err := ReadWhatsApp(strings.NewReader("12.07.22, 10:00 - Ann: a\nok\n\x00\x01\x02binary\n"), Options{})
	if !errors.As(err, &le) || le.Line != 3 || !errors.Is(err, ErrNotText) {
		t.Errorf("binary: %v", err)
	}
	// Windows-1251: "12.07.22, 10:00 - Аня: привет" re-saved by an editor.
	cp1251 := "12.07.22, 10:00 - \xc0\xed\xff: \xef\xf0\xe8\xe2\xe5\xf2\n"
	if _, err := ReadWhatsApp(strings.NewReader(cp1251), Options{}); !errors.As(err, &le) || le.Line != 1 || !errors.Is(err, ErrNotUTF8) {
		t.Errorf("cp1251: %v", err)
	}
	if _, err := ReadWhatsApp(strings.NewReader("hello\nworld\n"), Options{}); !errors.Is(err, ErrNotChat) {
		t.Errorf("not a chat: %v", err)
	}
	long := "12.07.22, 10:00 - Ann: " + strings.Repeat("x", MaxLine+10) + "\n"
	if _, err := ReadWhatsApp(strings.NewReader(long), Options{}); !errors.As(err, &le) || le.Line != 1 || !errors.Is(err, ErrLineTooLong) {
		t.Errorf("long line: %v", err)
	}
	defer lowerCap()()
	if _, err := ReadWhatsApp(&endless{}, Options{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("endless: %v", err)
	}
}

// endless is a chat export that never ends.
type endless struct{ n int }

var endlessLine = "12.07.22, 10:00 - Ann: " + strings.Repeat("y", 200) + "\n"

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = endlessLine[e.n%len(endlessLine)]
		e.n++
	}
	return len(p), nil
}

func TestTooLargeFileIsRefusedUnread(t *testing.T) {
	p := t.TempDir() + "/big.txt"
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(200 << 20); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	f.Close()
	if _, err := Open(p, Options{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("200 MB: %v", err)
	}
}

// makeZip writes a WhatsApp export zip of the chat fixture name with the
// media files given.
func makeZip(t testing.TB, chatName, fixture string, media map[string][]byte) []byte {
	t.Helper()
	text, err := os.ReadFile("testdata/" + fixture)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create(chatName)
	w.Write(text)
	for n, data := range media {
		w, _ := zw.Create(n)
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestZip(t *testing.T) {
	photo, err := os.ReadFile("testdata/telegram/photos/photo_1@12-07-2022_14-07-10.jpg")
	if err != nil {
		t.Fatal(err)
	}
	data := makeZip(t, "_chat.txt", "whatsapp_ios_ru.txt", map[string][]byte{"00000012-PHOTO-2022-07-13-18-40-11.jpg": photo})
	p := t.TempDir() + "/WhatsApp Chat - Ольга.zip"
	os.WriteFile(p, data, 0o600)
	x, err := Open(p, Options{Location: moscow})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if len(x.Messages) != 5 || len(x.Problems) != 0 {
		t.Fatalf("%d messages, problems %+v", len(x.Messages), x.Problems)
	}
	rc, err := x.OpenMedia("00000012-PHOTO-2022-07-13-18-40-11.jpg")
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	got.ReadFrom(rc)
	rc.Close()
	if !bytes.Equal(got.Bytes(), photo) {
		t.Error("the photo read from the zip differs")
	}
	if _, err := x.OpenMedia("../etc/passwd"); !errors.Is(err, ErrMediaNotFound) {
		t.Errorf("unknown media: %v", err)
	}

	// Without the photo the attachment is a problem at its line.
	noPhoto := makeZip(t, "WhatsApp Chat with Olga.txt", "whatsapp_ios_ru.txt", nil)
	x2, err := ReadZip(bytes.NewReader(noPhoto), int64(len(noPhoto)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(x2.Problems) != 1 || x2.Problems[0].Kind != ProblemMissingMedia || x2.Problems[0].Line != 3 {
		t.Errorf("problems %+v", x2.Problems)
	}

	// Truncated: no central directory.
	if _, err := ReadZip(bytes.NewReader(data[:len(data)/2]), int64(len(data)/2), Options{}); !errors.Is(err, ErrBadZip) {
		t.Errorf("truncated zip: %v", err)
	}
	// A zip without a chat.
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("photo.jpg")
	w.Write(photo)
	zw.Close()
	if _, err := ReadZip(bytes.NewReader(b.Bytes()), int64(b.Len()), Options{}); !errors.Is(err, ErrNoChatInZip) {
		t.Errorf("no chat: %v", err)
	}
}
