package listmatch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"kintrace/cases"
	"kintrace/cases/patterns"
)

// Info describes the list as a recorded event names it.
type Info struct {
	// Name is the list's title ("POW list, Luhansk hospital"); Date when
	// it was published or dated ("" if unknown); Source where it came
	// from (a channel, a site, an organisation).
	Name   string
	Date   cases.Date
	Source string
}

// DefaultSource is the event's source when the list gives none.
const DefaultSource = "published list"

// Event is the timeline event a confirmed match records: type
// found_on_list, the list's date, its name and the line verbatim as the
// text, the list's source, origin "document" and verification
// "unverified" until a person confirms more.
func Event(info Info, l Line) cases.Event {
	text := l.Text
	if name := strings.TrimSpace(info.Name); name != "" {
		text = name + ": " + text
	}
	return cases.Event{
		Date:         info.Date,
		Type:         cases.EventFoundOnList,
		Text:         text,
		Source:       cmpOr(strings.TrimSpace(info.Source), DefaultSource),
		Verification: cases.VerificationUnverified,
		Origin:       cases.OriginDocument,
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Key is the stable key of a list event: its type and text (the list's
// name and the line), so that recording the same line of the same list
// again, even with another date or source, finds the event recorded.
func Key(e cases.Event) string {
	h := sha256.New()
	h.Write([]byte(e.Type))
	h.Write([]byte{0})
	h.Write([]byte(e.Text))
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])[:16])
}

// Has reports whether the timeline events hold e already (by Key).
func Has(events []cases.Event, e cases.Event) bool {
	k := Key(e)
	return slices.ContainsFunc(events, func(x cases.Event) bool { return x.Type == e.Type && Key(x) == k })
}

// Match checks the lines against the cases: patterns.Match over their
// entries. ListMatch.Line indexes lines.
func Match(ctx context.Context, lines []Line, os []cases.Overview, opt patterns.MatchOptions) ([]patterns.ListMatch, error) {
	entries := make([]patterns.ListEntry, len(lines))
	for i, l := range lines {
		entries[i] = l.Entry()
	}
	return patterns.Match(ctx, entries, os, opt)
}

// Verdict is what a person decided of a proposed pair.
type Verdict string

// The verdicts.
const (
	VerdictSame    Verdict = "same"
	VerdictNotSame Verdict = "not_same"
	VerdictUnsure  Verdict = "unsure"
)

// Valid reports whether v is one of the verdicts.
func (v Verdict) Valid() bool { return v == VerdictSame || v == VerdictNotSame || v == VerdictUnsure }

// Decision is a verdict on one pair: the list's row and the case (by id,
// or by its number).
type Decision struct {
	Row     int     `json:"row"`
	Case    string  `json:"case"`
	Verdict Verdict `json:"verdict"`
}

// Decisions is the decision file `kintrace match --record` applies: the
// list's name, date and source, and the verdicts. Only "same" ones are
// recorded.
type Decisions struct {
	List      string     `json:"list,omitempty"`
	Date      cases.Date `json:"date,omitempty"`
	Source    string     `json:"source,omitempty"`
	Decisions []Decision `json:"decisions"`
}

// ErrDecisions: the decision file is not one.
var ErrDecisions = errors.New("listmatch: not a decision file")

// ReadDecisions reads a decision file strictly (unknown fields, bad
// verdicts and dates refused); errors name entries by number only.
func ReadDecisions(r io.Reader) (*Decisions, error) {
	dec := json.NewDecoder(io.LimitReader(r, 16<<20))
	dec.DisallowUnknownFields()
	var d Decisions
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecisions, jsonErrorWithoutText(err))
	}
	if d.Date != "" && !d.Date.Valid() {
		return nil, fmt.Errorf("%w: the date is not a date", ErrDecisions)
	}
	for i, x := range d.Decisions {
		if !x.Verdict.Valid() || x.Row < 1 || x.Case == "" {
			return nil, fmt.Errorf("%w: decision %d needs a row, a case and a verdict (same, not_same, unsure)", ErrDecisions, i+1)
		}
	}
	return &d, nil
}

// jsonErrorWithoutText keeps the position of a JSON error, not the text
// it quotes.
func jsonErrorWithoutText(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("wrong type at byte %d", te.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected end"
	}
	return "unknown field or bad value"
}
