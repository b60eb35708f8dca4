package chat

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"kintrace/cases"
)

// Source is the Source of every event made from a chat export.
const Source = "chat export"

// Selection chooses the messages to import.
type Selection struct {
	// From and To bound the messages' times: From ≤ time < To; a zero
	// bound is open.
	From, To time.Time
	// Indexes, when not nil, are the only messages taken (indexes into
	// Export.Messages); the bounds still apply.
	Indexes []int
	// System takes the app's own lines too (left out unless chosen).
	System bool
	// Chat keeps only the messages of that chat of a full Telegram export.
	Chat string
}

// Select returns the indexes of the messages s chooses, in order.
func (x *Export) Select(s Selection) []int {
	take := func(i int) bool {
		m := &x.Messages[i]
		switch {
		case m.System && !s.System && s.Indexes == nil:
			return false
		case !s.From.IsZero() && m.Time.Before(s.From):
			return false
		case !s.To.IsZero() && !m.Time.Before(s.To):
			return false
		case s.Chat != "" && m.Chat != s.Chat:
			return false
		}
		return true
	}
	var out []int
	if s.Indexes != nil {
		seen := map[int]bool{}
		for _, i := range s.Indexes {
			if i >= 0 && i < len(x.Messages) && !seen[i] && take(i) {
				seen[i] = true
				out = append(out, i)
			}
		}
		slices.Sort(out)
		return out
	}
	for i := range x.Messages {
		if take(i) {
			out = append(out, i)
		}
	}
	return out
}

// IsMe reports whether m was written by the user who exported the chat,
// named me (a name or a number, compared without case and spaces).
func IsMe(m *Message, me string) bool {
	k := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	me = k(me)
	return me != "" && (k(m.Sender) == me || (m.Handle != "" && k(m.Handle) == me))
}

// Event makes the timeline event of message m of an export in format f:
// received (sent when written by me), on the export's channel, from the
// sender's number or handle (else name; nobody for a sent message, so the
// user's own number never links the cases it writes to), with the text as
// written (less the control and bidirectional formatting characters a case
// may not hold), source "chat export", unverified, and no origin, which
// cases.Event.OriginIn infers.
func Event(m *Message, f Format, me string) cases.Event {
	e := cases.Event{Date: cases.TimeDate(m.Time), Type: cases.EventMessageReceived,
		Channel: cases.ChannelWhatsApp, Text: SafeText(m.Text, true), Source: Source,
		Verification: cases.VerificationUnverified}
	if f == Telegram {
		e.Channel = cases.ChannelTelegram
	}
	switch {
	case m.System:
		e.Type = cases.EventNote
	case IsMe(m, me):
		e.Type = cases.EventMessageSent
	case m.Handle != "":
		e.From = SafeText(m.Handle, false)
	default:
		e.From = SafeText(m.Sender, false)
	}
	if e.Text == "" && len(m.Attachments) > 0 {
		e.Text = SafeText(strings.Join(m.Attachments, "\n"), true)
	}
	return e
}

// SafeText drops the characters a case's text may not hold: controls
// (but newline and tab in multi-line text) and the bidirectional
// embeddings, overrides and isolates WhatsApp puts around names and
// numbers.
func SafeText(s string, multiLine bool) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			if multiLine {
				return r
			}
			return ' '
		case r < 0x20, r >= 0x7f && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return -1
		}
		return r
	}, s)
}

// Key is the stable key of an event for finding it again: a SHA-256 of
// its date, from and text. Importing an export again makes the same keys.
func Key(e cases.Event) string {
	h := sha256.New()
	h.Write([]byte(e.Date))
	h.Write([]byte{0})
	h.Write([]byte(e.From))
	h.Write([]byte{0})
	h.Write([]byte(e.Text))
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])[:16])
}

// Planned is the outcome of planning an import into a case's timeline.
type Planned struct {
	// Events are the new events, in order; Messages their messages'
	// indexes.
	Events   []cases.Event
	Messages []int
	// Duplicates are the chosen messages already in the timeline (or
	// twice in the export).
	Duplicates []int
}

// Plan makes the events of the chosen messages of x (Select) that are not
// in existing (a case's timeline) already, compared by Key.
func Plan(x *Export, chosen []int, me string, existing []cases.Event) Planned {
	have := make(map[string]bool, len(existing))
	for _, e := range existing {
		have[Key(e)] = true
	}
	var p Planned
	for _, i := range chosen {
		e := Event(&x.Messages[i], x.Format, me)
		k := Key(e)
		if have[k] {
			p.Duplicates = append(p.Duplicates, i)
			continue
		}
		have[k] = true
		p.Events = append(p.Events, e)
		p.Messages = append(p.Messages, i)
	}
	return p
}
