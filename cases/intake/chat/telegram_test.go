package chat

import (
	"errors"
	"strings"
	"testing"
	"time"

	"kintrace/cases"
)

func TestTelegramOneChat(t *testing.T) {
	x := readFixture(t, "telegram/result.json")
	if x.Format != Telegram || len(x.Chats) != 1 || x.Chats[0] != "Ирина Коваль" || len(x.Problems) != 0 {
		t.Fatalf("format %s chats %q problems %+v", x.Format, x.Chats, x.Problems)
	}
	check(t, x, []want{
		{line: 6, time: "2022-07-12 15:05:33", sender: "Ирина Коваль", handle: "user5550001111", text: "Здравствуйте. Муж в СИЗО-2, третью неделю нет писем."},
		{line: 16, time: "2022-07-12 15:07:10", sender: "Ирина Коваль", handle: "user5550001111", text: "Вот ответ из ФСИН, посмотрите", attach: "photos/photo_1@12-07-2022_14-07-10.jpg"},
		{line: 28, time: "2022-07-13 09:30:00", sender: "Неизвестный", handle: "user5559990000", attach: "voice_messages/audio_1@13-07-2022_09-30-00.ogg"},
		{line: 41, time: "2022-07-13 09:31:00", sender: "Ирина Коваль", handle: "user5550001111", system: true, text: "phone_call"},
		{line: 52, time: "2022-07-13 10:00:00", sender: "Марина (фонд)", handle: "user5550002222", text: "Ирина, мы отправили запрос."},
	})
	for _, a := range []string{"photos/photo_1@12-07-2022_14-07-10.jpg", "voice_messages/audio_1@13-07-2022_09-30-00.ogg"} {
		if !x.HasMedia(a) {
			t.Errorf("media %s not found beside result.json", a)
		}
	}
}

const fullExport = `{"about": "Here is the data you requested.",
 "chats": {"about": "", "list": [
  {"name": "Ann", "type": "personal_chat", "id": 1, "messages": [
   {"id": 1, "type": "message", "date": "2022-07-12T14:05:33", "from": "Ann", "from_id": "user1", "text": "a",
    "photo": "(File not included. Change data exporting settings to download.)"}]},
  {"name": "Bob", "type": "personal_chat", "id": 2, "messages": [
   {"id": 2, "type": "message", "date_unixtime": "1657627533", "from": null, "from_id": "user2", "text": "b"},
   {"id": 3, "type": "message", "date": "yesterday", "from": "Bob", "text": "c"}]}]}}`

func TestTelegramFullExport(t *testing.T) {
	x, err := ReadTelegram(strings.NewReader(fullExport), Options{Location: moscow})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(x.Chats, ",") != "Ann,Bob" || len(x.Messages) != 2 {
		t.Fatalf("chats %q messages %+v", x.Chats, x.Messages)
	}
	if m := x.Messages[0]; m.Chat != "Ann" || !m.Time.Equal(at("2022-07-12 14:05:33")) || !m.MediaOmitted || len(m.Attachments) != 0 {
		t.Errorf("first %+v", m)
	}
	if m := x.Messages[1]; m.Chat != "Bob" || m.Sender != "" || m.Handle != "user2" || !m.Time.Equal(time.Unix(1657627533, 0)) {
		t.Errorf("second %+v", m)
	}
	if len(x.Problems) != 1 || x.Problems[0].Kind != ProblemNoTime || x.Problems[0].Line != 8 {
		t.Errorf("problems %+v", x.Problems)
	}
	if got := x.Select(Selection{Chat: "Bob"}); len(got) != 1 || got[0] != 1 {
		t.Errorf("select Bob: %v", got)
	}
}

func TestTelegramBadInput(t *testing.T) {
	var le *LineError
	for _, c := range []struct {
		in   string
		line int
	}{
		{`{"foo": 1}`, 1},
		{"{\n\"messages\": [\n{\"text\": 1,,}]}", 3},
		{"[1, 2]", 1},
		{"{\"messages\": \"no\"}", 1},
	} {
		_, err := ReadTelegram(strings.NewReader(c.in), Options{})
		if !errors.Is(err, ErrNotTelegram) || !errors.As(err, &le) || le.Line != c.line {
			t.Errorf("%q: %v", c.in, err)
		}
	}
}

func TestEventsAndKeys(t *testing.T) {
	x := readFixture(t, "whatsapp_android_ru.txt")
	all := x.Select(Selection{})
	if len(all) != 6 { // the two system lines are left out
		t.Fatalf("select all: %v", all)
	}
	p := Plan(x, all, "Марина (фонд)", nil)
	if len(p.Events) != 6 || len(p.Duplicates) != 0 {
		t.Fatalf("plan %+v", p)
	}
	e := p.Events[2]
	if e.Date != "2022-07-13T15:40:00Z" || e.Type != cases.EventMessageReceived || e.Channel != cases.ChannelWhatsApp ||
		e.From != accountant || e.Source != "chat export" || e.Verification != cases.VerificationUnverified || e.Origin != "" ||
		!strings.HasPrefix(e.Text, "Здравствуйте, я бухгалтер") {
		t.Errorf("event %+v", e)
	}
	var person cases.Person
	if e.OriginIn(&person) != cases.OriginClaimed {
		t.Errorf("an unknown number is not a claimed person: %s", e.OriginIn(&person))
	}
	if last := p.Events[5]; last.Type != cases.EventMessageSent || last.From != "" {
		t.Errorf("my message %+v", last)
	}
	if p.Events[0].From != "Ольга Петренко" {
		t.Errorf("a named sender: %+v", p.Events[0])
	}
	// Again: everything is a duplicate.
	again := Plan(x, all, "Марина (фонд)", p.Events)
	if len(again.Events) != 0 || len(again.Duplicates) != 6 {
		t.Errorf("second plan %+v", again)
	}
	// A date range and chosen indexes.
	r := x.Select(Selection{From: at("2022-07-13 00:00:00"), To: at("2022-07-14 00:00:00")})
	if len(r) != 3 || r[0] != 3 {
		t.Errorf("range %v", r)
	}
	if got := x.Select(Selection{Indexes: []int{6, 0, 0, 99, -1}}); len(got) != 2 || got[0] != 0 || got[1] != 6 {
		t.Errorf("indexes %v", got)
	}
	for _, ev := range p.Events {
		c := cases.Case{ID: cases.NewID(), Person: cases.Person{Name: "X"}, Status: cases.AllStatuses[0], Events: []cases.Event{ev}}
		if err := c.Validate(); err != nil {
			t.Errorf("event does not validate: %v", err)
		}
	}
}

func TestSafeText(t *testing.T) {
	if got := SafeText("\u202a+7 999\u202c\r\nok\x1b[2J", true); got != "+7 999\nok[2J" {
		t.Errorf("%q", got)
	}
}

// endlessJSON is a Telegram export whose messages never end.
type endlessJSON struct {
	n    int
	head bool
}

const endlessMessage = `{"type": "message", "date_unixtime": "1657627533", "from": "A", "text": "` + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" + `"},` + "\n"

func (e *endlessJSON) Read(p []byte) (int, error) {
	if !e.head {
		e.head = true
		return copy(p, `{"name": "A", "messages": [`), nil
	}
	for i := range p {
		p[i] = endlessMessage[e.n%len(endlessMessage)]
		e.n++
	}
	return len(p), nil
}

func TestTelegramTooLargeAndTruncated(t *testing.T) {
	defer lowerCap()()
	if _, err := ReadTelegram(&endlessJSON{}, Options{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("endless: %v", err)
	}
	var le *LineError
	_, err := ReadTelegram(strings.NewReader("{\"messages\": [\n{\"type\": \"message\",\n\"text\": \"cut"), Options{})
	if !errors.Is(err, ErrNotTelegram) || !errors.As(err, &le) || le.Line != 3 {
		t.Errorf("truncated: %v", err)
	}
}

// lowerCap makes the readers refuse exports over 4 MiB until the function
// it returns is called, so that a test of the cap reads little.
func lowerCap() func() {
	maxText = 4 << 20
	return func() { maxText = MaxTextSize }
}

// TestTelegramMediaStaysInItsFolder: a path out of the export's folder is
// no media of it.
func TestTelegramMediaStaysInItsFolder(t *testing.T) {
	x := readFixture(t, "telegram/result.json")
	for _, name := range []string{"../whatsapp_ios_en.txt", "/etc/passwd", `photos\..\..\whatsapp_ios_en.txt`, "C:photos", "."} {
		if x.HasMedia(name) {
			t.Errorf("%q is media of the export", name)
		}
		if _, err := x.OpenMedia(name); !errors.Is(err, ErrMediaNotFound) {
			t.Errorf("%q: %v", name, err)
		}
	}
}
