package cases

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"time"
)

// CaseFileFormat is the "format" number of case files this package writes.
// It reads format 1 too: format 2 added the sections "requests" and
// "followups", which a format 1 file may not hold.
const CaseFileFormat = 2

// file is the multi-case form of case-format.md.
type file struct {
	Format int    `json:"format"`
	Cases  []Case `json:"cases"`
}

// DecodeCases reads a case file: one case object, or
// {"format": 1, "cases": [...]}. It is strict: malformed JSON, a value of the
// wrong JSON type, an unknown or repeated field, an unknown enumeration word,
// a malformed date or a case that fails Validate are all errors. Such errors
// are ValidationErrors (wrapping ErrInvalid) whose paths name each field, as
// in "cases[3].events[0].type"; for a single case object the paths start at
// the case ("events[0].type"). A file with another format number gives an
// error wrapping ErrUnsupportedFormat. Nothing is returned unless everything
// is valid.
func DecodeCases(data []byte) ([]Case, error) {
	raw, err := topValue(data)
	if err != nil {
		return nil, err
	}
	if len(raw) == 0 || raw[0] != '{' {
		return nil, ValidationErrors{{Msg: "a case file must hold a JSON object"}}
	}
	var p, top problems
	members, ok := objectMembers(raw, "", &top)
	if !ok {
		return nil, top.err()
	}
	var rawCases []json.RawMessage
	var paths []string
	format := CaseFileFormat
	if _, isFile := members["format"]; isFile || members["cases"] != nil {
		var err error
		if format, err = checkFormat(members); err != nil {
			return nil, err
		}
		p.errs = append(p.errs, top.errs...) // repeated top-level keys
		for _, k := range memberOrder(raw) {
			if k != "format" && k != "cases" {
				p.add(fieldPath("", k), "unknown field")
			}
		}
		list := members["cases"]
		switch {
		case list == nil:
			p.add("cases", "is required")
		case list[0] != '[':
			p.add("cases", "must be a list")
		default:
			if err := json.Unmarshal(list, &rawCases); err != nil {
				p.add("cases", "must be a list")
			}
			for i := range rawCases {
				paths = append(paths, pathIndex("cases", i))
			}
		}
	} else {
		rawCases = []json.RawMessage{raw}
		paths = []string{""}
	}
	caseType := reflect.TypeFor[Case]()
	for i, rc := range rawCases {
		if p.full() {
			break
		}
		if isNull(rc) {
			p.add(paths[i], "must be a case object, not null")
			continue
		}
		checkValue(rc, caseType, paths[i], &p)
		if format == 1 {
			checkFormat1Case(rc, paths[i], &p)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	out := make([]Case, len(rawCases))
	for i, rc := range rawCases {
		// The structure was checked above, so this cannot fail on
		// shape; it still reports anything the check did not foresee.
		if err := json.Unmarshal(rc, &out[i]); err != nil {
			p.add(paths[i], "cannot be read")
			continue
		}
		out[i].normalize()
		out[i].validate(paths[i], &p)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// EncodeCases writes cs as an indented {"format": 1, "cases": [...]} file.
// Each case must pass Validate (paths as in DecodeCases), so that whatever it
// writes, DecodeCases reads back.
func EncodeCases(cs []Case) ([]byte, error) {
	var p problems
	for i := range cs {
		cs[i].validate(pathIndex("cases", i), &p)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if cs == nil {
		cs = []Case{}
	}
	return encode(file{Format: CaseFileFormat, Cases: cs})
}

// EncodeCase writes one valid case as an indented JSON object.
func EncodeCase(c Case) ([]byte, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return encode(c)
}

func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("cases: encode: %w", err)
	}
	return b.Bytes(), nil
}

// normalize makes a decoded case equal to what decoding its encoding gives:
// empty lists become nil and timestamps UTC.
func (c *Case) normalize() {
	c.Tags = nilIfEmpty(c.Tags)
	c.Reporters = nilIfEmpty(c.Reporters)
	c.Events = nilIfEmpty(c.Events)
	c.Places = nilIfEmpty(c.Places)
	c.Promises = nilIfEmpty(c.Promises)
	c.MergedFrom = nilIfEmpty(c.MergedFrom)
	c.Requests = nilIfEmpty(c.Requests)
	c.FollowUps = nilIfEmpty(c.FollowUps)
	for i := range c.Requests {
		c.Requests[i].Attachments = nilIfEmpty(c.Requests[i].Attachments)
	}
	c.Person.Aliases = nilIfEmpty(c.Person.Aliases)
	c.Person.Phones = nilIfEmpty(c.Person.Phones)
	c.Person.Handles = nilIfEmpty(c.Person.Handles)
	if !c.CreatedAt.IsZero() {
		c.CreatedAt = c.CreatedAt.UTC()
	}
	if !c.UpdatedAt.IsZero() {
		c.UpdatedAt = c.UpdatedAt.UTC()
	}
}

func nilIfEmpty[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return s
}

// topValue returns the single JSON value in data, rejecting malformed JSON
// and anything after the value.
func topValue(data []byte) (json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, ValidationErrors{{Msg: syntaxMsg(err)}}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, ValidationErrors{{Msg: "unexpected data after the JSON value"}}
	}
	return raw, nil
}

func syntaxMsg(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("malformed JSON near byte %d", se.Offset)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "the JSON is empty or cut short"
	}
	return "malformed JSON"
}

// checkFormat returns the file's format number: 1 or 2.
func checkFormat(members map[string]json.RawMessage) (int, error) {
	f, ok := members["format"]
	if !ok {
		return 0, ValidationErrors{{Path: "format", Msg: "is required"}}
	}
	var n json.Number
	if err := json.Unmarshal(f, &n); err != nil {
		return 0, ValidationErrors{{Path: "format", Msg: "must be a whole number"}}
	}
	switch n.String() {
	case "1":
		return 1, nil
	case "2":
		return 2, nil
	}
	v := n.String()
	if _, ok := digits(v); !ok || len(v) > 9 {
		v = "(not a small whole number)"
	}
	return 0, fmt.Errorf("%w: the file has format %s; this version of Kintrace reads formats 1 to %d",
		ErrUnsupportedFormat, v, CaseFileFormat)
}

// checkFormat1Case reports the sections of format 2 in a case of a format 1
// file: a file that says format 1 was written before they existed.
func checkFormat1Case(raw json.RawMessage, path string, p *problems) {
	if raw[0] != '{' {
		return
	}
	for _, k := range memberOrder(raw) {
		if k == "requests" || k == "followups" {
			p.add(pathJoin(path, k), "needs case file format 2")
		}
	}
}

func isNull(raw json.RawMessage) bool { return string(raw) == "null" }

// objectMembers splits a JSON object into its members, reporting repeated
// keys. It reports a problem and returns false if raw is not an object.
func objectMembers(raw json.RawMessage, path string, p *problems) (map[string]json.RawMessage, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		p.add(path, "must be an object")
		return nil, false
	}
	members := make(map[string]json.RawMessage)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			p.add(path, "must be an object")
			return nil, false
		}
		key, _ := tok.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			p.add(path, "must be an object")
			return nil, false
		}
		if _, dup := members[key]; dup {
			p.add(fieldPath(path, key), "appears more than once")
			continue
		}
		members[key] = val
	}
	return members, true
}

// memberOrder lists the keys of a valid JSON object in document order.
func memberOrder(raw json.RawMessage) []string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		key, _ := tok.(string)
		keys = append(keys, key)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys
		}
	}
	return keys
}

// fieldPath joins a JSON key onto a path. A key that is not a plain word is
// not shown, since it may be case content typed in the wrong place.
func fieldPath(path, key string) string {
	if shown(key) == "" || strings.ContainsAny(key, " :") {
		return pathJoin(path, "(unnamed field)")
	}
	return pathJoin(path, key)
}

var (
	timeType      = reflect.TypeFor[time.Time]()
	dateType      = reflect.TypeFor[Date]()
	unmarshalType = reflect.TypeFor[json.Unmarshaler]()
	fieldCache    sync.Map // reflect.Type -> map[string]reflect.Type
)

// jsonFields maps the JSON names of struct type t's exported fields to their
// types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := make(map[string]reflect.Type)
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = f.Type
	}
	fieldCache.Store(t, m)
	return m
}

// checkValue checks that raw has the JSON shape of Go type t: exact field
// names, no unknown or repeated fields, the right JSON types, well-formed
// dates. null is accepted everywhere and means "not given".
func checkValue(raw json.RawMessage, t reflect.Type, path string, p *problems) {
	if isNull(raw) || p.full() {
		return
	}
	if t.Kind() == reflect.Pointer {
		checkValue(raw, t.Elem(), path, p)
		return
	}
	if reflect.PointerTo(t).Implements(unmarshalType) {
		if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
			p.add(path, typedMsg(t, raw))
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		members, ok := objectMembers(raw, path, p)
		if !ok {
			return
		}
		fields := jsonFields(t)
		for _, key := range memberOrder(raw) {
			val, ok := members[key]
			if !ok {
				continue
			}
			delete(members, key) // a repeated key was reported once already
			ft, known := fields[key]
			if !known {
				p.add(fieldPath(path, key), "unknown field")
				continue
			}
			checkValue(val, ft, pathJoin(path, key), p)
		}
	case reflect.Slice:
		var elems []json.RawMessage
		if raw[0] != '[' || json.Unmarshal(raw, &elems) != nil {
			p.add(path, "must be a list")
			return
		}
		for i, e := range elems {
			if isNull(e) && t.Elem().Kind() != reflect.Pointer {
				p.add(pathIndex(path, i), "must not be null")
				continue
			}
			checkValue(e, t.Elem(), pathIndex(path, i), p)
		}
	default:
		if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
			p.add(path, typedMsg(t, raw))
		}
	}
}

// typedMsg says what JSON a field of type t wants.
func typedMsg(t reflect.Type, raw json.RawMessage) string {
	switch {
	case t == dateType:
		return "must be a date string such as \"2022-07-10\""
	case t == timeType:
		return "must be an RFC 3339 time such as \"2022-08-01T10:12:00Z\""
	}
	switch t.Kind() {
	case reflect.String:
		return "must be a string"
	case reflect.Bool:
		return "must be true or false"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "must be a whole number"
	case reflect.Float64, reflect.Float32:
		return "must be a number"
	}
	return "has the wrong type"
}
