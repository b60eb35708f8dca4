package chat

import (
	"bytes"
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

type tgExport struct {
	Name     *string      `json:"name"`
	Type     string       `json:"type"`
	Messages *[]tgMessage `json:"messages"`
	Chats    *struct {
		List []tgChat `json:"list"`
	} `json:"chats"`
}

type tgChat struct {
	Name     string      `json:"name"`
	Type     string      `json:"type"`
	Messages []tgMessage `json:"messages"`
}

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
// MaxTextSize bytes.
func ReadTelegram(r io.Reader, opt Options) (*Export, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxTextSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxTextSize {
		return nil, ErrTooLarge
	}
	var top tgExport
	if err := json.Unmarshal(data, &top); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, &LineError{Line: lineAt(data, se.Offset), Err: ErrNotTelegram}
		case errors.As(err, &te):
			return nil, &LineError{Line: lineAt(data, te.Offset), Err: ErrNotTelegram}
		}
		return nil, ErrNotTelegram
	}
	x := &Export{Format: Telegram}
	switch {
	case top.Messages != nil:
		name := ""
		if top.Name != nil {
			name = *top.Name
		}
		x.Chats = []string{name}
		x.readChat(name, *top.Messages, opt, false)
	case top.Chats != nil:
		for _, c := range top.Chats.List {
			x.Chats = append(x.Chats, c.Name)
			x.readChat(c.Name, c.Messages, opt, true)
		}
	default:
		return nil, &LineError{Line: 1, Err: ErrNotTelegram}
	}
	return x, nil
}

// lineAt is the line of data's byte offset, from 1.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

func (x *Export) readChat(name string, msgs []tgMessage, opt Options, full bool) {
	base := len(x.Messages)
	for i, tm := range msgs {
		m := Message{Line: base + i + 1, System: tm.Type == "service"}
		if full {
			m.Chat = name
		}
		t, ok := tgTime(tm, opt.location())
		if !ok {
			x.Problems = append(x.Problems, Problem{Line: m.Line, Kind: ProblemNoTime})
			continue
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
