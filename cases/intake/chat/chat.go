package chat

import (
	"errors"
	"fmt"
	"time"
)

// Format is the kind of export a file holds.
type Format string

// The formats read.
const (
	WhatsApp Format = "whatsapp"
	Telegram Format = "telegram"
)

// MaxTextSize is the largest chat text (a WhatsApp .txt, inside a zip or
// not) or Telegram result.json read; a larger file is refused with
// ErrTooLarge before it is read whole. A WhatsApp export of 100 000
// messages is about 10 MiB.
const MaxTextSize = 64 << 20

// maxText is MaxTextSize, lowered by tests that read an endless export.
var maxText int64 = MaxTextSize

// MaxLine is the longest line of a WhatsApp export, in bytes.
const MaxLine = 1 << 20

// Errors of the readers; a *LineError wraps them with the line number.
var (
	ErrTooLarge      = errors.New("chat: the export is larger than the import can read")
	ErrNotText       = errors.New("chat: binary data, not the text of a chat export")
	ErrNotUTF8       = errors.New("chat: text not in UTF-8, which WhatsApp writes")
	ErrNotChat       = errors.New("chat: not a WhatsApp or Telegram chat export")
	ErrNotTelegram   = errors.New("chat: JSON that is not a Telegram Desktop export")
	ErrBadZip        = errors.New("chat: the zip archive is damaged or truncated")
	ErrNoChatInZip   = errors.New("chat: the zip archive holds no WhatsApp chat text")
	ErrLineTooLong   = errors.New("chat: a line is too long")
	ErrMediaNotFound = errors.New("chat: the export has no such media file")
)

// LineError is an error found at a line of the export (for a Telegram
// export: the line of the JSON text).
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// Unwrap returns the error found.
func (e *LineError) Unwrap() error { return e.Err }

// ProblemKind says what is wrong with a line that was read anyway.
type ProblemKind string

// The problems of a line. None of them loses the line's text: it is kept as
// continuation text of the message before, or the message is kept with the
// part that could be read.
const (
	// ProblemBeforeFirst: text before the first message (kept nowhere
	// else: the problem is the only record of it).
	ProblemBeforeFirst ProblemKind = "before_first"
	// ProblemBadDate: a line that looks like a message but whose date or
	// time is impossible; kept as text of the message before.
	ProblemBadDate ProblemKind = "bad_date"
	// ProblemDateOrder: no day above 12 in the whole file, so whether it
	// writes day/month or month/day was guessed (Line 0).
	ProblemDateOrder ProblemKind = "date_order"
	// ProblemNoTime: a Telegram message without a readable date; skipped.
	ProblemNoTime ProblemKind = "no_time"
	// ProblemMissingMedia: an attachment named in the text that the zip
	// does not hold.
	ProblemMissingMedia ProblemKind = "missing_media"
)

// Problem is a line read with a problem. Text is the line's text when it is
// kept nowhere else (ProblemBeforeFirst), so that the user can see it.
type Problem struct {
	Line int
	Kind ProblemKind
	Text string
}

// Message is one message of an export, in the order of the export.
type Message struct {
	// Line is the line the message starts at (WhatsApp), or its position
	// in the messages list, from 1 (Telegram).
	Line int
	// Time is the exact time the export gives; WhatsApp's local times are
	// read in Options.Location.
	Time time.Time
	// Sender is the name the export shows (for WhatsApp the contact's
	// name as saved on the phone, or the number when it was not saved).
	Sender string
	// Handle is the sender's phone number or handle when the export gives
	// one: a WhatsApp sender written as a number, a Telegram from_id.
	Handle string
	// Text is the message's text as written, lines joined with "\n".
	Text string
	// Attachments are the file names of the media the message carries.
	Attachments []string
	// MediaOmitted says the export was made without media and this
	// message had some ("<Media omitted>").
	MediaOmitted bool
	// System marks the app's own lines (encryption notice, a changed
	// number, group changes, Telegram service messages).
	System bool
	// Chat is the chat's name in a full Telegram export.
	Chat string
}

// DateOrder is how a WhatsApp export writes its dates.
type DateOrder uint8

// The date orders; OrderAuto decides per file.
const (
	OrderAuto      DateOrder = iota
	OrderDayMonth            // 12.07.22, 12/07/2022
	OrderMonthDay            // 7/12/22 (en-US)
	OrderYearMonth           // 2022-07-12
)

// Options tune reading.
type Options struct {
	// Location is the time zone of a WhatsApp export's local times (the
	// phone's); nil means time.Local. Telegram exports carry Unix times.
	Location *time.Location
	// Order forces the date order of a WhatsApp export.
	Order DateOrder
}

func (o Options) location() *time.Location {
	if o.Location == nil {
		return time.Local
	}
	return o.Location
}

// Export is a chat export read.
type Export struct {
	Format   Format
	Messages []Message
	Problems []Problem
	// Order is the date order used (WhatsApp).
	Order DateOrder
	// Chats lists the chats of a Telegram export, in order.
	Chats []string
	// media holds the zip's other files by base name.
	media mediaSource
}
