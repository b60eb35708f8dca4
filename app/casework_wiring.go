package app

import (
	"kintrace/cases"
	"kintrace/cases/letter"
)

// The casework screens (Today, the Requests tab) reach two features built
// beside them through hooks: the exchange inbox (its count on Today, and
// the Team exchange view to open it) and the letter dialog (a request's
// "Draft letter…"). They are set here, once.
func init() {
	InboxWaiting = func(h Host) int {
		u, ok := h.(*UI)
		if !ok {
			return 0
		}
		if w, ok := exchangeWatchers.Load(u); ok {
			return int(w.(*exchangeWatcher).waiting.Load())
		}
		return 0
	}
	OpenInbox = func(h Host) { showExchange(h) }
	DraftLetter = func(h Host, c cases.Case, requestID string) { draftRequestLetter(h, c, requestID) }
}

// draftRequestLetter opens the letter dialog for request requestID of c:
// addressed to its authority's kind and name, asking what it asks.
func draftRequestLetter(h Host, c cases.Case, requestID string) *letterDialog {
	i := c.FindRequest(requestID)
	if i < 0 {
		return nil
	}
	r := c.Requests[i]
	kind, err := letter.ParseKind(string(r.AuthorityKind))
	if err != nil {
		kind = letter.Other
	}
	d := showLetterDialog(h, c.ID, kind)
	if d == nil {
		return nil
	}
	if r.Authority != "" {
		d.authority.SetText(r.Authority)
	}
	if r.Subject != "" {
		d.ask.SetText(r.Subject)
	}
	return d
}
