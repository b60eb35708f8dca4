package chat

import (
	"encoding/json"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"time"
)

// Telegram Desktop's "Export chat history" (JSON) writes result.json: one
// chat as {"name", "type", "id", "messages": [...]}, or a full export with
// {"chats": {"list": [chat, ...]}}. A message has "type" ("message" or
// "service"), "date" (local, "2022-07-12T14:05:33") and "date_unixtime"
// (a string of seconds), "from" and "from_id" ("user123456789"), "text" (a
// string, or a list of strings and {"type", "text"} entities), "photo" and
// "file" (paths relative to result.json, or "(File not included. …)") with
// "media_type" ("voice_message", "video_file", …); a service message has
// "actor", "actor_id" and "action".

type tgMessage struct {
	Type         string          `json:"type"`
	Date         string          `json:"date"`
	DateUnixtime string          `json:"date_unixtime"`
	From         *string         `json:"from"`
	FromID       string          `json:"from_id"`
	Actor        *string         `json:"actor"`
	ActorID      string          `json:"actor_id"`
	Action       string          `json:"action"`
	Text         json.RawMessage `json:"text"`
	Photo        string          `json:"photo"`
	File         string          `json:"file"`
	MediaType    string          `json:"media_type"`
}

// ReadTelegram reads a Telegram Desktop result.json from r, at most
// MaxTextSize bytes, as a stream: it holds the messages, not the text.
// Message.Line is the line of the JSON text where the message starts.
func ReadTelegram(r io.Reader, opt Options) (*Export, error) {
	lr := &io.LimitedReader{R: r, N: maxText + 1}
	lt := &lineTracker{r: lr}
	d := &tgDecoder{dec: json.NewDecoder(lt), lines: lt, opt: opt, x: &Export{Format: Telegram}}
	err := d.top()
	if lr.N <= 0 {
		return nil, ErrTooLarge
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, &LineError{Line: lt.lineAt(lt.read), Err: ErrNotTelegram}
		}
		var le *LineError
		if errors.As(err, &le) {
			return nil, err
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, &LineError{Line: lt.lineAt(se.Offset), Err: ErrNotTelegram}
		}
		return nil, &LineError{Line: lt.lineAt(d.dec.InputOffset()), Err: ErrNotTelegram}
	}
	return d.x, nil
}

// lineTracker counts the lines of what a json.Decoder reads, keeping only
// the newlines the decoder may not have reached yet, so that it can tell
// the line of any offset at or after the last one asked about.
type lineTracker struct {
	r    io.Reader
	read int64   // bytes read
	base int     // newlines before nl[0]
	nl   []int64 // offsets of newlines not yet passed
}

func (t *lineTracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			t.nl = append(t.nl, t.read+int64(i))
		}
	}
	t.read += int64(n)
	return n, err
}

// lineAt is the line (from 1) of byte offset off; offsets asked about
// must not decrease.
func (t *lineTracker) lineAt(off int64) int {
	i := 0
	for i < len(t.nl) && t.nl[i] < off {
		i++
	}
	t.base += i
	t.nl = t.nl[i:]
	return t.base + 1
}

// tgDecoder walks a result.json token by token.
type tgDecoder struct {
	dec   *json.Decoder
	lines *lineTracker
	opt   Options
	x     *Export
}

func (d *tgDecoder) delim(want json.Delim) error {
	tok, err := d.dec.Token()
	if err != nil {
		return err
	}
	if tok != want {
		return &LineError{Line: d.lines.lineAt(d.dec.InputOffset()), Err: ErrNotTelegram}
	}
	return nil
}

// skip reads one value of any kind without keeping it.
func (d *tgDecoder) skip() error {
	depth := 0
	for {
		tok, err := d.dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// object calls fn with each key of an object, fn reading the value.
func (d *tgDecoder) object(fn func(key string) error) error {
	if err := d.delim('{'); err != nil {
		return err
	}
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		if err := fn(key); err != nil {
			return err
		}
	}
	return d.delim('}')
}

// top reads the export: one chat, or a full export with chats.list.
func (d *tgDecoder) top() error {
	found := false
	err := d.object(func(key string) error {
		switch key {
		case "messages":
			found = true
			return d.chat()
		case "chats":
			found = true
			return d.object(func(key string) error {
				if key != "list" {
					return d.skip()
				}
				if err := d.delim('['); err != nil {
					return err
				}
				for d.dec.More() {
					if err := d.fullChat(); err != nil {
						return err
					}
				}
				return d.delim(']')
			})
		case "name":
			var name string
			if err := d.dec.Decode(&name); err != nil {
				return err
			}
			d.x.Chats = []string{name}
			return nil
		}
		return d.skip()
	})
	if err != nil {
		return err
	}
	if _, err := d.dec.Token(); err != io.EOF {
		return &LineError{Line: d.lines.lineAt(d.dec.InputOffset()), Err: ErrNotTelegram}
	}
	if !found {
		return &LineError{Line: 1, Err: ErrNotTelegram}
	}
	if d.x.Chats == nil {
		d.x.Chats = []string{""}
	}
	return nil
}

// fullChat reads one chat of a full export and names its messages.
func (d *tgDecoder) fullChat() error {
	first := len(d.x.Messages)
	name := ""
	err := d.object(func(key string) error {
		switch key {
		case "name":
			return d.dec.Decode(&name)
		case "messages":
			return d.chat()
		}
		return d.skip()
	})
	if err != nil {
		return err
	}
	d.x.Chats = append(d.x.Chats, name)
	for i := first; i < len(d.x.Messages); i++ {
		d.x.Messages[i].Chat = name
	}
	return nil
}

// chat reads a messages list.
func (d *tgDecoder) chat() error {
	if err := d.delim('['); err != nil {
		return err
	}
	for d.dec.More() {
		var raw json.RawMessage
		if err := d.dec.Decode(&raw); err != nil {
			return err
		}
		start := d.dec.InputOffset() - int64(len(raw))
		line := d.lines.lineAt(start)
		var tm tgMessage
		if err := json.Unmarshal(raw, &tm); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return &LineError{Line: d.lines.lineAt(start + te.Offset), Err: ErrNotTelegram}
			}
			return &LineError{Line: line, Err: ErrNotTelegram}
		}
		d.x.readMessage(tm, line, d.opt)
	}
	return d.delim(']')
}

// readMessage adds the message tm, which starts at line.
func (x *Export) readMessage(tm tgMessage, line int, opt Options) {
	m := Message{Line: line, System: tm.Type == "service"}
	t, ok := tgTime(tm, opt.location())
	if !ok {
		x.Problems = append(x.Problems, Problem{Line: line, Kind: ProblemNoTime})
		return
	}
	m.Time = t
	switch {
	case tm.From != nil:
		m.Sender, m.Handle = *tm.From, tm.FromID
	case tm.Actor != nil:
		m.Sender, m.Handle = *tm.Actor, tm.ActorID
	default:
		m.Handle = tm.FromID + tm.ActorID
	}
	m.Text = tgText(tm.Text)
	if m.System && tm.Action != "" {
		m.Text = strings.TrimSpace(tm.Action + " " + m.Text)
	}
	for _, f := range []string{tm.Photo, tm.File} {
		switch {
		case f == "":
		case strings.HasPrefix(f, "(File not included"), strings.HasPrefix(f, "(File exceeds"):
			m.MediaOmitted = true
		default:
			m.Attachments = append(m.Attachments, path.Clean(f))
		}
	}
	x.Messages = append(x.Messages, m)
}

// tgTime is a message's time: date_unixtime, else its local date read in
// loc.
func tgTime(tm tgMessage, loc *time.Location) (time.Time, bool) {
	if n, err := strconv.ParseInt(tm.DateUnixtime, 10, 64); err == nil && n > 0 && n < 1<<40 {
		return time.Unix(n, 0).In(loc), true
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04:05", tm.Date, loc); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// tgText flattens "text": a string, or a list of strings and entities
// whose "text" is joined as written.
func tgText(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var parts []json.RawMessage
	if json.Unmarshal(raw, &parts) != nil {
		return ""
	}
	var b strings.Builder
	for _, p := range parts {
		var ps string
		if json.Unmarshal(p, &ps) == nil {
			b.WriteString(ps)
			continue
		}
		var e struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(p, &e) == nil {
			b.WriteString(e.Text)
		}
	}
	return b.String()
}
