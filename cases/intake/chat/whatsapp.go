package chat

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// A WhatsApp export is one message per header line and its continuation
// lines:
//
//	Android: 12.07.22, 14:05 - Name: text        (ru, uk; 24 h)
//	         7/12/22, 2:05 PM - Name: text       (en-US; U+202F before PM on newer phones)
//	         12/07/2022, 14:05 - Name: text      (en-GB)
//	iOS:     [12.07.22, 14:05:33] Name: text
//	         [7/12/22, 2:05:33 PM] Name: text
//
// An iOS line, and the text of its system and attachment lines, may start
// with U+200E LEFT-TO-RIGHT MARK. A header without "Name: " is a system
// line (the encryption notice, a changed number, group changes).

// header is a parsed message header: the date's three numbers as written,
// the time, and where the rest of the line starts.
type header struct {
	a, b, c   int
	sep       byte
	yearFirst bool
	hour, min int
	sec       int
	ampm      int // 0 none, 1 AM, 2 PM
	ios       bool
	restAt    int
}

// number reads 1 to max digits at s[i:].
func number(s string, i, max int) (n, next int, ok bool) {
	j := i
	for j < len(s) && j-i < max && s[j] >= '0' && s[j] <= '9' {
		n = n*10 + int(s[j]-'0')
		j++
	}
	return n, j, j > i
}

// skipSpaces skips ASCII spaces, U+00A0 and U+202F.
func skipSpaces(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ':
			i++
		case strings.HasPrefix(s[i:], "\u00a0"):
			i += 2
		case strings.HasPrefix(s[i:], "\u202f"):
			i += 3
		default:
			return i
		}
	}
	return i
}

var amMarks = []string{"AM", "am", "a.m.", "ДП", "дп"}
var pmMarks = []string{"PM", "pm", "p.m.", "ПП", "пп"}

// parseHeader reads a message header at the start of s (after any
// U+200E); ok is false when s does not start with one.
func parseHeader(s string) (h header, ok bool) {
	i := 0
	if i < len(s) && s[i] == '[' {
		h.ios = true
		i++
	}
	var n1, n2, n3 int
	start := i
	if n1, i, ok = number(s, i, 4); !ok || i >= len(s) {
		return h, false
	}
	h.yearFirst = i-start == 4
	h.sep = s[i]
	if h.sep != '.' && h.sep != '/' && h.sep != '-' {
		return h, false
	}
	if n2, i, ok = number(s, i+1, 2); !ok || i >= len(s) || s[i] != h.sep {
		return h, false
	}
	start = i + 1
	if n3, i, ok = number(s, i+1, 4); !ok || i >= len(s) {
		return h, false
	}
	if !h.yearFirst && i-start != 2 && i-start != 4 {
		return h, false
	}
	h.a, h.b, h.c = n1, n2, n3
	if s[i] == '.' { // "12.07.22." in some locales
		i++
	}
	if i < len(s) && s[i] == ',' {
		i++
	}
	if j := skipSpaces(s, i); j == i {
		return h, false
	} else {
		i = j
	}
	if h.hour, i, ok = number(s, i, 2); !ok || i >= len(s) || s[i] != ':' {
		return h, false
	}
	if h.min, i, ok = number(s, i+1, 2); !ok {
		return h, false
	}
	if i < len(s) && s[i] == ':' {
		if h.sec, i, ok = number(s, i+1, 2); !ok {
			return h, false
		}
	}
	j := skipSpaces(s, i)
	for _, m := range amMarks {
		if strings.HasPrefix(s[j:], m) {
			h.ampm, i = 1, j+len(m)
		}
	}
	for _, m := range pmMarks {
		if strings.HasPrefix(s[j:], m) {
			h.ampm, i = 2, j+len(m)
		}
	}
	if h.ios {
		if !strings.HasPrefix(s[i:], "] ") && s[i:] != "]" {
			return h, false
		}
		h.restAt = min(i+2, len(s))
		return h, true
	}
	if !strings.HasPrefix(s[i:], " - ") {
		return h, false
	}
	h.restAt = i + 3
	return h, true
}

// time returns the header's time in order and loc; ok is false when the
// date or time is impossible.
func (h *header) time(order DateOrder, loc *time.Location) (time.Time, bool) {
	var y, m, d int
	switch {
	case h.yearFirst:
		y, m, d = h.a, h.b, h.c
	case order == OrderMonthDay:
		m, d, y = h.a, h.b, h.c
	default:
		d, m, y = h.a, h.b, h.c
	}
	if y < 100 {
		y += 2000
	}
	hour := h.hour
	switch h.ampm {
	case 1, 2:
		if hour < 1 || hour > 12 {
			return time.Time{}, false
		}
		hour %= 12
		if h.ampm == 2 {
			hour += 12
		}
	}
	if m < 1 || m > 12 || d < 1 || hour > 23 || h.min > 59 || h.sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, hour, h.min, h.sec, 0, loc)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// waMessage is a message being read, with its header kept until the date
// order is known.
type waMessage struct {
	h     header
	first string // the header line, for a header that turns out impossible
	text  strings.Builder
	msg   Message
}

// ReadWhatsApp reads a WhatsApp "Export chat" text from r, at most
// MaxTextSize bytes.
func ReadWhatsApp(r io.Reader, opt Options) (*Export, error) {
	lr := &io.LimitedReader{R: r, N: maxText + 1}
	sc := bufio.NewScanner(lr)
	sc.Buffer(make([]byte, 64<<10), MaxLine)
	x := &Export{Format: WhatsApp}
	var msgs []*waMessage
	var before []Problem
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if lr.N <= 0 {
			return nil, ErrTooLarge
		}
		b = bytes.TrimSuffix(b, []byte{'\r'})
		if bytes.IndexByte(b, 0) >= 0 {
			return nil, &LineError{Line: line, Err: ErrNotText}
		}
		if !utf8.Valid(b) {
			return nil, &LineError{Line: line, Err: ErrNotUTF8}
		}
		s := string(b)
		if line == 1 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		hs := strings.TrimLeft(s, "\u200e")
		if h, ok := parseHeader(hs); ok {
			m := &waMessage{h: h, first: s}
			m.msg.Line = line
			splitRest(&m.msg, hs[h.restAt:], h.ios)
			m.text.WriteString(m.msg.Text)
			msgs = append(msgs, m)
			continue
		}
		if len(msgs) == 0 {
			if strings.TrimSpace(s) != "" {
				before = append(before, Problem{Line: line, Kind: ProblemBeforeFirst, Text: s})
			}
			continue
		}
		last := msgs[len(msgs)-1]
		last.text.WriteByte('\n')
		last.text.WriteString(s)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &LineError{Line: line + 1, Err: ErrLineTooLong}
		}
		return nil, err
	}
	if lr.N <= 0 {
		return nil, ErrTooLarge
	}
	if len(msgs) == 0 {
		return nil, ErrNotChat
	}
	x.Problems = before
	x.Order = opt.Order
	if x.Order == OrderAuto {
		var decided bool
		x.Order, decided = decideOrder(msgs)
		if !decided {
			x.Problems = append(x.Problems, Problem{Kind: ProblemDateOrder})
		}
	}
	loc := opt.location()
	x.Messages = make([]Message, 0, len(msgs))
	for _, m := range msgs {
		t, ok := m.h.time(x.Order, loc)
		if !ok {
			x.Problems = append(x.Problems, Problem{Line: m.msg.Line, Kind: ProblemBadDate})
			if n := len(x.Messages); n > 0 {
				// Kept as text of the message before, as it was written.
				rest := m.text.String()[len(m.msg.Text):]
				x.Messages[n-1].Text += "\n" + m.first + rest
				continue
			}
		}
		m.msg.Time = t
		text := m.text.String()
		if m.msg.Text == "" { // "Name:" with the text on the lines after it
			text = strings.TrimPrefix(text, "\n")
		}
		m.msg.Text = strings.TrimRight(text, "\n")
		finishMessage(&m.msg)
		x.Messages = append(x.Messages, m.msg)
	}
	return x, nil
}

// decideOrder finds the date order of an export: a first number above 12
// anywhere means day/month, a second one month/day. Undecided, dates with
// dots are day/month (ru, uk), dates with slashes and a 12-hour clock
// month/day (en-US), others day/month (en-GB).
func decideOrder(msgs []*waMessage) (DateOrder, bool) {
	maxA, maxB := 0, 0
	ampm, dots, yearFirst := false, false, true
	for _, m := range msgs {
		if m.h.yearFirst {
			continue
		}
		yearFirst = false
		maxA, maxB = max(maxA, m.h.a), max(maxB, m.h.b)
		ampm = ampm || m.h.ampm != 0
		dots = dots || m.h.sep == '.'
	}
	switch {
	case yearFirst:
		return OrderYearMonth, true
	case maxA > 12 && maxB <= 12:
		return OrderDayMonth, true
	case maxB > 12 && maxA <= 12:
		return OrderMonthDay, true
	case !dots && ampm:
		return OrderMonthDay, false
	}
	return OrderDayMonth, false
}

// splitRest reads "Name: text" (or a system line) after a header.
func splitRest(m *Message, rest string, ios bool) {
	name, text, ok := strings.Cut(rest, ": ")
	if !ok {
		if n, found := strings.CutSuffix(rest, ":"); found && !strings.Contains(n, ": ") && n != "" {
			// "Name:" with the text on the next lines.
			m.Sender, m.Text = cleanName(n), ""
			return
		}
		m.System = true
		m.Text = strings.TrimLeft(rest, "\u200e")
		return
	}
	m.Sender = cleanName(name)
	lrm := strings.HasPrefix(text, "\u200e")
	m.Text = strings.TrimLeft(text, "\u200e")
	if (lrm || !ios) && isSystemText(m.Text) {
		m.System = true
	}
}

// cleanName drops the invisible direction marks WhatsApp puts around names
// and numbers.
func cleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069'):
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// finishMessage reads the sender's number and the attachments.
func finishMessage(m *Message) {
	if isPhoneLike(m.Sender) {
		m.Handle = m.Sender
	}
	if !m.System {
		m.Attachments, m.MediaOmitted = attachmentsIn(m.Text)
	}
}

// isPhoneLike reports whether s is written only with phone characters and
// has at least 7 digits.
func isPhoneLike(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' || r == ' ' || r == '-' || r == '(' || r == ')' || r == '\u00a0':
		default:
			return false
		}
	}
	return digits >= 7
}
