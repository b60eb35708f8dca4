package cases

import "strings"

// msgUnsafeText is the ValidationError message for text holding a character
// that unsafeRune refuses.
const msgUnsafeText = "must not contain control or bidirectional formatting characters"

// unsafeRune reports whether r may not appear in a text field of a case: C0
// controls (except newline and tab in multi-line fields), DEL, C1 controls,
// and the bidirectional embedding, override and isolate characters U+202A–
// U+202E and U+2066–U+2069. Case text comes from bundles of other people and
// is printed to terminals and shown on screen: an ESC or CSI sequence can
// erase lines, move the cursor, set the window title or write the clipboard
// (OSC 52), and a bidi override makes text read differently from what it is.
// None of them is ever needed in a name, a place or a note.
func unsafeRune(r rune, multiLine bool) bool {
	switch {
	case r == '\n' || r == '\t':
		return !multiLine
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// checkLine adds a problem at path when s, a one-line field, holds a
// character that unsafeRune refuses.
func checkLine(s, path string, p *problems) {
	if strings.ContainsFunc(s, func(r rune) bool { return unsafeRune(r, false) }) {
		p.add(path, msgUnsafeText)
	}
}

// checkLines is checkLine for a multi-line free-text field, where newlines
// and tabs are allowed.
func checkLines(s, path string, p *problems) {
	if strings.ContainsFunc(s, func(r rune) bool { return unsafeRune(r, true) }) {
		p.add(path, msgUnsafeText)
	}
}

// checkList is checkLine for every item of a list of one-line values.
func checkList(items []string, path string, p *problems) {
	for i, s := range items {
		checkLine(s, pathIndex(path, i), p)
	}
}

// checkText checks every free-text field of c (the enumerations, ids and
// dates have stricter checks of their own).
func (c Case) checkText(prefix string, p *problems) {
	checkList(c.Tags, pathJoin(prefix, "tags"), p)
	checkLine(c.AssignedTo, pathJoin(prefix, "assigned_to"), p)
	checkLine(c.UpdatedBy, pathJoin(prefix, "updated_by"), p)
	checkLines(c.Notes, pathJoin(prefix, "notes"), p)

	ps, pp := c.Person, pathJoin(prefix, "person")
	checkLine(ps.Name, pathJoin(pp, "name"), p)
	checkList(ps.Aliases, pathJoin(pp, "aliases"), p)
	checkLines(ps.Features, pathJoin(pp, "features"), p)
	checkList(ps.Phones, pathJoin(pp, "phones"), p)
	for i, h := range ps.Handles {
		checkLine(h.Value, pathJoin(pathIndex(pathJoin(pp, "handles"), i), "value"), p)
	}
	checkLine(ps.Facility, pathJoin(pp, "facility"), p)
	checkLine(ps.Region, pathJoin(pp, "region"), p)
	checkLine(ps.Unit, pathJoin(pp, "unit"), p)
	checkLine(ps.RecruitedBy, pathJoin(pp, "recruited_by"), p)

	for i, r := range c.Reporters {
		rp := pathIndex(pathJoin(prefix, "reporters"), i)
		checkLine(r.Name, pathJoin(rp, "name"), p)
		checkLine(r.Relation, pathJoin(rp, "relation"), p)
		checkLine(r.Contact, pathJoin(rp, "contact"), p)
		checkLines(r.Safety, pathJoin(rp, "safety"), p)
		checkLine(r.Language, pathJoin(rp, "language"), p)
	}
	for i, e := range c.Events {
		ep := pathIndex(pathJoin(prefix, "events"), i)
		checkLine(e.From, pathJoin(ep, "from"), p)
		checkLines(e.Text, pathJoin(ep, "text"), p)
		checkLine(e.Place, pathJoin(ep, "place"), p)
		checkLine(e.Source, pathJoin(ep, "source"), p)
	}
	for i, pl := range c.Places {
		lp := pathIndex(pathJoin(prefix, "places"), i)
		checkLine(pl.Name, pathJoin(lp, "name"), p)
		checkLine(pl.Region, pathJoin(lp, "region"), p)
		checkLine(pl.Source, pathJoin(lp, "source"), p)
	}
	for i, pr := range c.Promises {
		rp := pathIndex(pathJoin(prefix, "promises"), i)
		checkLine(pr.What, pathJoin(rp, "what"), p)
		checkLine(pr.By, pathJoin(rp, "by"), p)
	}
}
