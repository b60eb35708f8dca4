package sheet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"kintrace/cases/search"
)

// Field is the part of a case a column fills.
type Field string

// The fields a column can be mapped to. Surname, first name and
// patronymic columns are joined, in that order, into the person's name.
const (
	FieldIgnore           Field = "ignore" // the column is left out (row numbers)
	FieldName             Field = "name"   // the whole name
	FieldSurname          Field = "surname"
	FieldFirstName        Field = "first_name"
	FieldPatronymic       Field = "patronymic"
	FieldAliases          Field = "aliases" // other spellings, call signs; a list
	FieldBirthDate        Field = "birth_date"
	FieldSex              Field = "sex"
	FieldFacility         Field = "facility" // colony, prison, detention centre
	FieldRegion           Field = "region"
	FieldUnit             Field = "unit"
	FieldStatus           Field = "status"
	FieldPriority         Field = "priority"
	FieldTags             Field = "tags" // a list
	FieldAssignedTo       Field = "assigned_to"
	FieldLastContact      Field = "last_contact" // a date: see Options.LastContactText
	FieldPhone            Field = "phone"        // the person's own numbers; a list
	FieldReporterName     Field = "reporter_name"
	FieldReporterContact  Field = "reporter_contact"
	FieldReporterRelation Field = "reporter_relation"
	FieldNotes            Field = "notes" // free text, kept as "<column>: <value>"
)

// AllFields lists every Field in the order a mapping menu shows them.
var AllFields = []Field{FieldName, FieldSurname, FieldFirstName, FieldPatronymic, FieldAliases,
	FieldBirthDate, FieldSex, FieldFacility, FieldRegion, FieldUnit, FieldStatus, FieldPriority,
	FieldTags, FieldAssignedTo, FieldLastContact, FieldPhone, FieldReporterName,
	FieldReporterContact, FieldReporterRelation, FieldNotes, FieldIgnore}

// Valid reports whether f is one of AllFields.
func (f Field) Valid() bool {
	for _, g := range AllFields {
		if f == g {
			return true
		}
	}
	return false
}

// MappingVersion is the version of the mapping JSON this package writes.
const MappingVersion = 1

// Mapping says which Field each column of a sheet fills. Its JSON form
// (docs/FORMAT.md, "Spreadsheets read") is saved by users and read back
// for the next sheet of the same layout.
type Mapping struct {
	Version int      `json:"version"`
	Columns []Column `json:"columns"`
}

// Column is one column's mapping.
type Column struct {
	Index  int    `json:"index"`  // 0-based: A is 0
	Header string `json:"header"` // the header's text, as in the sheet
	Field  Field  `json:"field"`
}

// ErrMapping: a mapping file is not a mapping this version reads.
var ErrMapping = errors.New("sheet: not a column mapping")

// ReadMapping reads a mapping's JSON, strictly: unknown keys, an unknown
// version or field, or a column listed twice are ErrMapping.
func ReadMapping(r io.Reader) (Mapping, error) {
	var m Mapping
	dec := json.NewDecoder(io.LimitReader(r, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return Mapping{}, fmt.Errorf("%w: %w", ErrMapping, err)
	}
	if m.Version != MappingVersion {
		return Mapping{}, fmt.Errorf("%w: version %d (this Kintrace reads %d)", ErrMapping, m.Version, MappingVersion)
	}
	seen := map[int]bool{}
	for i, c := range m.Columns {
		if !c.Field.Valid() {
			return Mapping{}, fmt.Errorf("%w: column %d: unknown field", ErrMapping, i+1)
		}
		if c.Index < 0 || c.Index > 16383 || seen[c.Index] {
			return Mapping{}, fmt.Errorf("%w: column %d: bad or repeated index", ErrMapping, i+1)
		}
		seen[c.Index] = true
	}
	return m, nil
}

// WriteMapping writes m as indented JSON, with its version.
func WriteMapping(w io.Writer, m Mapping) error {
	m.Version = MappingVersion
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Guess maps each column of header to the field its text names, in
// English, Russian or Ukrainian ("ФИО", "Колония", "Дата последней
// связи", "Телефон родственника", "ПІБ", "Установа"…): headers and the
// synonyms are compared folded (search.Fold), word by word, and the
// longest synonym found in a header wins ("Телефон родственника" is the
// reporter's contact, not the person's phone). A header naming nothing
// known is mapped to notes, so its cells are kept; a header of only
// punctuation ("№", "#") is taken for row numbers and ignored. A field that
// holds one value, named by two columns, keeps the first; the second goes
// to notes.
func Guess(header []string) Mapping {
	m := Mapping{Version: MappingVersion}
	taken := map[Field]bool{}
	for i, h := range header {
		f := guessField(h)
		if taken[f] && !multiField(f) {
			f = FieldNotes
		}
		taken[f] = true
		m.Columns = append(m.Columns, Column{Index: i, Header: h, Field: f})
	}
	return m
}

// multiField reports whether several columns may fill f.
func multiField(f Field) bool {
	switch f {
	case FieldAliases, FieldTags, FieldPhone, FieldNotes, FieldIgnore:
		return true
	}
	return false
}

func guessField(h string) Field {
	if strings.TrimSpace(h) == "" {
		return FieldNotes
	}
	if len(strings.Fields(search.Fold(h))) == 0 {
		return FieldIgnore
	}
	f, _ := knownField(h)
	return f
}

// knownField is the field a header names by a synonym; ok is false (and
// the field notes) when it names none.
func knownField(h string) (Field, bool) {
	words := strings.Fields(search.Fold(h))
	// The longest synonym wins; at equal length, one whose words are all
	// whole words ("стать" is "stat", the start of "status").
	best, bestScore := FieldNotes, 0
	for _, s := range foldedSynonyms() {
		score := 0
		if containsWords(words, s.words, false) {
			score = 2 * len(s.words)
		}
		if score > 0 && containsWords(words, s.words, true) {
			score++
		}
		if score > bestScore {
			best, bestScore = s.field, score
		}
	}
	return best, bestScore > 0
}

// containsWords reports whether syn occurs in words as a run of words; the
// synonym's last word may be the beginning of a longer word ("data
// rozhd" in "data rozhdenia"), if it has four letters or more.
func containsWords(words, syn []string, exact bool) bool {
	for i := 0; i+len(syn) <= len(words); i++ {
		ok := true
		for j, s := range syn {
			w := words[i+j]
			if w != s && (exact || j != len(syn)-1 || len(s) < 4 || !strings.HasPrefix(w, s)) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// Resolve gives the field of each column of a sheet whose header is
// header. A column is found in m by its header (compared folded), else by
// its index if m names no header there; a column m does not know is mapped
// to notes, so nothing is dropped. A saved mapping thus still fits a sheet
// whose columns were moved.
func (m Mapping) Resolve(header []string) []Field {
	byHeader := map[string]Field{}
	byIndex := map[int]Column{}
	for _, c := range m.Columns {
		if k := search.Fold(c.Header); k != "" {
			if _, dup := byHeader[k]; !dup {
				byHeader[k] = c.Field
			}
		}
		byIndex[c.Index] = c
	}
	out := make([]Field, len(header))
	for i, h := range header {
		out[i] = FieldNotes
		if f, ok := byHeader[search.Fold(h)]; ok && search.Fold(h) != "" {
			out[i] = f
		} else if c, ok := byIndex[i]; ok && (c.Header == "" || search.Fold(c.Header) == search.Fold(h)) {
			out[i] = c.Field
		}
	}
	return out
}

// String writes m for a log-free display in tests: "A=name B=birth_date".
func (m Mapping) String() string {
	var b bytes.Buffer
	for i, c := range m.Columns {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s=%s", ColumnName(c.Index), c.Field)
	}
	return b.String()
}

// ColumnName is a column's letters as a spreadsheet shows them: 0 is "A",
// 26 is "AA".
func ColumnName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

func foldOf(s string) string { return search.Fold(s) }
