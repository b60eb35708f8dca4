package chat

import (
	"strings"
	"testing"
)

// TestHeaderLayouts reads one message in each layout seen in exports.
func TestHeaderLayouts(t *testing.T) {
	for _, c := range []struct {
		line, want string
		order      DateOrder
	}{
		{"12/07/2022, 14:05 - Ann: hi", "2022-07-12 14:05:00", OrderDayMonth},
		{"2022-07-12, 14:05 - Ann: hi", "2022-07-12 14:05:00", OrderYearMonth},
		{"7/12/22, 2:05 pm - Ann: hi", "2022-07-12 14:05:00", OrderMonthDay},
		{"7/12/22, 12:05\u00a0AM - Ann: hi", "2022-07-12 00:05:00", OrderMonthDay},
		{"12.07.22, 2:05 пп - Ann: hi", "2022-07-12 14:05:00", OrderDayMonth},
		{"[12.07.22 14:05:33] Ann: hi", "2022-07-12 14:05:33", OrderDayMonth},
		{"\u200e[12/07/2022, 2:05:33\u202fPM] Ann: hi", "2022-07-12 14:05:33", OrderDayMonth},
		{"12.07.2022, 14:05 - Ann: hi", "2022-07-12 14:05:00", OrderDayMonth},
	} {
		x, err := ReadWhatsApp(strings.NewReader(c.line+"\n"), Options{Location: moscow, Order: c.order})
		if err != nil {
			t.Errorf("%q: %v", c.line, err)
			continue
		}
		if len(x.Messages) != 1 || !x.Messages[0].Time.Equal(at(c.want)) || x.Messages[0].Sender != "Ann" || x.Messages[0].Text != "hi" {
			t.Errorf("%q: %+v", c.line, x.Messages)
		}
	}
	for _, line := range []string{"12.07.22 - Ann: hi", "12.07.22, 14 - Ann: hi", "1.2.3, 14:05 - Ann: hi", "12:07:22, 14:05 - Ann: hi", "[12.07.22, 14:05 Ann: hi"} {
		if _, err := ReadWhatsApp(strings.NewReader(line), Options{}); err == nil {
			t.Errorf("%q read as a message", line)
		}
	}
}

// TestNameOnItsOwnLine: "Name:" with the words on the lines after it.
func TestNameOnItsOwnLine(t *testing.T) {
	x, err := ReadWhatsApp(strings.NewReader("12.07.22, 14:05 - Ann:\nfirst\nsecond\n\n"), Options{Location: moscow})
	if err != nil {
		t.Fatal(err)
	}
	if m := x.Messages[0]; m.Sender != "Ann" || m.Text != "first\nsecond" || m.System {
		t.Errorf("%+v", m)
	}
}
