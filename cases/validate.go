package cases

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ErrInvalid is wrapped by every ValidationError and ValidationErrors: the
// data breaks case-format.md or a rule of the model.
var ErrInvalid = errors.New("cases: invalid case data")

// ErrUnsupportedFormat means a case file declares a "format" number this
// version of Kintrace does not read.
var ErrUnsupportedFormat = errors.New("cases: unsupported case file format")

// ValidationError is one problem at one field. Path is the field's path in
// the JSON form ("cases[3].events[0].type", or "events[0].type" for a single
// case); Msg says what is wrong without repeating the case's content, except
// for short enumeration-like words the user typed into an enumeration or date.
type ValidationError struct {
	Path string
	Msg  string
}

func (e *ValidationError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Unwrap returns ErrInvalid.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// ValidationErrors is every problem found in a case or a file, in document
// order, so a form can show each one at its field.
type ValidationErrors []ValidationError

func (es ValidationErrors) Error() string {
	switch len(es) {
	case 0:
		return ErrInvalid.Error()
	case 1:
		return es[0].Error()
	}
	return fmt.Sprintf("%s (and %d more problems)", es[0].Error(), len(es)-1)
}

// Unwrap returns ErrInvalid.
func (es ValidationErrors) Unwrap() error { return ErrInvalid }

// maxErrors bounds how many problems one decode or validation reports, so a
// hostile file cannot make the error list itself huge.
const maxErrors = 500

// problems collects ValidationErrors under a path prefix.
type problems struct {
	errs ValidationErrors
}

func (p *problems) add(path, msg string) {
	if len(p.errs) < maxErrors {
		p.errs = append(p.errs, ValidationError{Path: path, Msg: msg})
	}
}

func (p *problems) full() bool { return len(p.errs) >= maxErrors }

func (p *problems) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	return p.errs
}

// join builds a field path: pathJoin("", "person") = "person",
// pathJoin("cases[2]", "person") = "cases[2].person".
func pathJoin(prefix, field string) string {
	if prefix == "" {
		return field
	}
	return prefix + "." + field
}

func pathIndex(prefix string, i int) string {
	return prefix + "[" + strconv.Itoa(i) + "]"
}

// shown quotes a short, word-like value so an error can name it ("calll");
// anything else is left out, since it might be case content.
func shown(s string) string {
	if s == "" || len(s) > 40 {
		return ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte("_-.:+ ", c) >= 0) {
			return ""
		}
	}
	return " " + strconv.Quote(s)
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// Validate checks c against case-format.md and the model's rules and returns
// ValidationErrors (wrapping ErrInvalid) listing every problem, or nil.
func (c Case) Validate() error {
	var p problems
	c.validate("", &p)
	return p.err()
}

func (c Case) validate(prefix string, p *problems) {
	if c.ID != "" && !ValidID(c.ID) {
		p.add(pathJoin(prefix, "id"), "must be 1 to 64 letters, digits, '-' or '_'")
	}
	if len(c.Number) > 64 || strings.ContainsFunc(c.Number, func(r rune) bool { return unsafeRune(r, false) }) {
		p.add(pathJoin(prefix, "number"), "must be at most 64 printable characters")
	}
	if c.Version < 0 {
		p.add(pathJoin(prefix, "version"), "must not be negative")
	}
	switch {
	case c.Status == "":
		p.add(pathJoin(prefix, "status"), "is required")
	case !c.Status.Valid():
		p.add(pathJoin(prefix, "status"), "unknown status"+shown(string(c.Status)))
	}
	if c.Priority != "" && !c.Priority.Valid() {
		p.add(pathJoin(prefix, "priority"), "unknown priority"+shown(string(c.Priority)))
	}
	for i, t := range c.Tags {
		if blank(t) {
			p.add(pathIndex(pathJoin(prefix, "tags"), i), "must not be empty")
		}
	}
	if c.MergedInto != "" && !ValidID(c.MergedInto) {
		p.add(pathJoin(prefix, "merged_into"), "must be a case id")
	}
	for i, id := range c.MergedFrom {
		if !ValidID(id) {
			p.add(pathIndex(pathJoin(prefix, "merged_from"), i), "must be a case id")
		}
	}
	c.Person.validate(pathJoin(prefix, "person"), p)
	for i, r := range c.Reporters {
		if r.Consent != "" && !r.Consent.Valid() {
			p.add(pathJoin(pathIndex(pathJoin(prefix, "reporters"), i), "consent"),
				"unknown consent level"+shown(string(r.Consent)))
		}
	}
	for i, e := range c.Events {
		e.validate(pathIndex(pathJoin(prefix, "events"), i), p)
	}
	for i, pl := range c.Places {
		pl.validate(pathIndex(pathJoin(prefix, "places"), i), p)
	}
	for i, pr := range c.Promises {
		pr.validate(pathIndex(pathJoin(prefix, "promises"), i), p)
	}
	c.validateCasework(prefix, p)
	c.checkText(prefix, p)
}

func (ps Person) validate(prefix string, p *problems) {
	if blank(ps.Name) {
		p.add(pathJoin(prefix, "name"), "is required")
	}
	for i, a := range ps.Aliases {
		if blank(a) {
			p.add(pathIndex(pathJoin(prefix, "aliases"), i), "must not be empty")
		}
	}
	checkDate(ps.BirthDate, pathJoin(prefix, "birth_date"), p)
	checkDate(ps.RecruitedOn, pathJoin(prefix, "recruited_on"), p)
	if ps.Sex != "" && !ps.Sex.Valid() {
		p.add(pathJoin(prefix, "sex"), "unknown sex"+shown(string(ps.Sex)))
	}
	for i, ph := range ps.Phones {
		if NormalizePhone(ph) == "" {
			p.add(pathIndex(pathJoin(prefix, "phones"), i), "has no digits")
		}
	}
	for i, h := range ps.Handles {
		hp := pathIndex(pathJoin(prefix, "handles"), i)
		switch {
		case h.Channel == "":
			p.add(pathJoin(hp, "channel"), "is required")
		case !h.Channel.Valid():
			p.add(pathJoin(hp, "channel"), "unknown channel"+shown(string(h.Channel)))
		}
		if blank(h.Value) {
			p.add(pathJoin(hp, "value"), "is required")
		}
	}
}

func (e Event) validate(prefix string, p *problems) {
	checkDate(e.Date, pathJoin(prefix, "date"), p)
	if e.Approx && e.Date.IsZero() {
		p.add(pathJoin(prefix, "approx"), "is set but the date is empty")
	}
	switch {
	case e.Type == "":
		p.add(pathJoin(prefix, "type"), "is required")
	case !e.Type.Valid():
		p.add(pathJoin(prefix, "type"), "unknown event type"+shown(string(e.Type)))
	}
	if e.Channel != "" && !e.Channel.Valid() {
		p.add(pathJoin(prefix, "channel"), "unknown channel"+shown(string(e.Channel)))
	}
	if e.Verification != "" && !e.Verification.Valid() {
		p.add(pathJoin(prefix, "verification"), "unknown verification level"+shown(string(e.Verification)))
	}
	if e.Origin != "" && !e.Origin.Valid() {
		p.add(pathJoin(prefix, "origin"), "unknown origin"+shown(string(e.Origin)))
	}
	if e.ConfirmedBy != "" && !e.ConfirmedBy.Valid() {
		p.add(pathJoin(prefix, "confirmed_by"), "unknown way of confirming"+shown(string(e.ConfirmedBy)))
	}
}

func (pl Place) validate(prefix string, p *problems) {
	checkDate(pl.Date, pathJoin(prefix, "date"), p)
	if pl.Kind != "" && !pl.Kind.Valid() {
		p.add(pathJoin(prefix, "kind"), "unknown place kind"+shown(string(pl.Kind)))
	}
	if pl.Confidence != "" && !pl.Confidence.Valid() {
		p.add(pathJoin(prefix, "confidence"), "unknown confidence level"+shown(string(pl.Confidence)))
	}
	if pl.Lat != nil && !(*pl.Lat >= -90 && *pl.Lat <= 90) {
		p.add(pathJoin(prefix, "lat"), "must be between -90 and 90")
	}
	if pl.Lon != nil && !(*pl.Lon >= -180 && *pl.Lon <= 180) {
		p.add(pathJoin(prefix, "lon"), "must be between -180 and 180")
	}
	if (pl.Lat == nil) != (pl.Lon == nil) {
		p.add(prefix, "lat and lon must be given together")
	}
	if blank(pl.Name) && blank(pl.Region) && pl.Lat == nil {
		p.add(pathJoin(prefix, "name"), "is required when there is no region or coordinates")
	}
}

func (pr Promise) validate(prefix string, p *problems) {
	if blank(pr.What) {
		p.add(pathJoin(prefix, "what"), "is required")
	}
	if pr.Amount != nil && (math.IsNaN(*pr.Amount) || math.IsInf(*pr.Amount, 0) || *pr.Amount < 0) {
		p.add(pathJoin(prefix, "amount"), "must be a number of at least 0")
	}
	if pr.Currency != "" && !validCurrency(pr.Currency) {
		p.add(pathJoin(prefix, "currency"), "must be a three-letter ISO 4217 code such as RUB"+shown(pr.Currency))
	}
}

func checkDate(d Date, path string, p *problems) {
	if !d.Valid() {
		p.add(path, "invalid date"+shown(string(d))+" (want YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 UTC time)")
	}
}

// ValidID reports whether s can be an id: 1 to 64 ASCII letters, digits,
// hyphens and underscores.
func ValidID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func validCurrency(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
