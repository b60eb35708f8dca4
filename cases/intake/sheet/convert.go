package sheet

import (
	"fmt"
	"strings"

	"kintrace/cases"
)

// DefaultLastContactText is the text of the event a last-contact cell
// becomes when Options give none (the front ends pass a translated one).
const DefaultLastContactText = "Last contact (date from the imported spreadsheet)"

// DefaultSource is the Source of the events the import makes when Options
// give none.
const DefaultSource = "spreadsheet"

// Options tune Read.
type Options struct {
	// LastContactText is the text of the event made of a last-contact
	// date; "" is DefaultLastContactText.
	LastContactText string
	// Source is the Source of that event ("" is DefaultSource).
	Source string
	// Limit stops reading after this many cases (0: read every row), for
	// a quick preview of a large sheet.
	Limit int
	// Progress, if not nil, is called every 1000 rows and at the end with
	// the number of rows read so far. It runs on Read's goroutine.
	Progress func(rows int)
}

// ProblemKind is what is wrong with a row or a cell.
type ProblemKind string

// The kinds of Problem. Those of a cell keep the cell in the case's notes;
// NoName, BadRow and Invalid leave the row out (it is not a case).
const (
	ProblemNotADate        ProblemKind = "not_a_date"
	ProblemUnknownStatus   ProblemKind = "unknown_status"
	ProblemUnknownSex      ProblemKind = "unknown_sex"
	ProblemUnknownPriority ProblemKind = "unknown_priority"
	ProblemNotAPhone       ProblemKind = "not_a_phone"
	ProblemExtraCells      ProblemKind = "extra_cells" // cells beyond the header: kept in notes
	ProblemNoName          ProblemKind = "no_name"     // the row is left out
	ProblemInvalid         ProblemKind = "invalid"     // the case does not validate: the row is left out
)

// AllProblemKinds lists every ProblemKind (for translations and their
// tests).
var AllProblemKinds = []ProblemKind{ProblemNotADate, ProblemUnknownStatus, ProblemUnknownSex,
	ProblemUnknownPriority, ProblemNotAPhone, ProblemExtraCells, ProblemNoName, ProblemInvalid}

// Problem is something wrong in a row or a cell. Value is the cell as
// typed: case plaintext, to show, never to log.
type Problem struct {
	Row    int // 1-based, as the spreadsheet numbers it
	Column int // 0-based; -1 for the whole row
	Header string
	Kind   ProblemKind
	Value  string
	// Kept: the row is a case and the value went into its notes. When
	// false the row was left out.
	Kept bool
}

// String describes p in English (the front ends translate by Kind):
// "row 17, column 'Дата рождения': not a date '31.02.1990' — kept in notes".
func (p Problem) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "row %d", p.Row)
	if p.Column >= 0 {
		fmt.Fprintf(&b, ", column %s '%s'", ColumnName(p.Column), p.Header)
	}
	b.WriteString(": ")
	b.WriteString(strings.ReplaceAll(string(p.Kind), "_", " "))
	if p.Value != "" {
		fmt.Fprintf(&b, " '%s'", p.Value)
	}
	if p.Kept {
		b.WriteString(" — kept in notes")
	} else {
		b.WriteString(" — row left out")
	}
	return b.String()
}

// Result is a sheet read into cases.
type Result struct {
	Header []string // the header row's cells
	Fields []Field  // each column's field, as resolved
	Cases  []cases.Case
	// CaseRows[i] is the spreadsheet row Cases[i] came from.
	CaseRows []int
	Problems []Problem
	// HeaderRow is the header's row; Above counts the non-empty rows
	// above it (titles such as "Список на 01.09.2022"), which are not
	// data.
	HeaderRow, Above int
	// Rows is the number of rows after the header that were read;
	// Empty of them were empty and LeftOut were not made cases (each has
	// a Problem that is not Kept). Rows = Empty + LeftOut + len(Cases),
	// unless Options.Limit stopped the reading early (Partial).
	Rows, Empty, LeftOut int
	Partial              bool
}

// converter turns rows into cases.
type converter struct {
	opt    Options
	xlsx   bool
	header []string
	fields []Field
}

// rowCase is a case being built from a row.
type rowCase struct {
	c                           cases.Case
	surname, first, patronymic  string
	notes                       []string
	repName, repContact, repRel string
	set                         fieldSet
	problems                    []Problem
}

func (cv *converter) row(res *Result, row int, cells []string) {
	if trimRow(cells) == nil {
		res.Empty++
		return
	}
	rc := &rowCase{}
	firstNotes := true
	for i, raw := range cells {
		if strings.TrimSpace(raw) == "" {
			continue
		}
		if i >= len(cv.fields) {
			rc.note(fmt.Sprintf("%s: %s", ColumnName(i), cleanLines(raw)))
			rc.problems = append(rc.problems, Problem{Row: row, Column: i, Header: "", Kind: ProblemExtraCells, Value: cleanLine(raw), Kept: true})
			continue
		}
		f := cv.fields[i]
		if f == FieldNotes && firstNotes && isNotesHeader(cv.header[i]) {
			firstNotes = false
			rc.note(cleanLines(raw))
			continue
		}
		cv.cell(rc, row, i, f, raw)
	}
	c := &rc.c
	c.Person.Name = strings.Join(strings.Fields(strings.Join([]string{c.Person.Name, rc.surname, rc.first, rc.patronymic}, " ")), " ")
	if rc.repName != "" || rc.repContact != "" || rc.repRel != "" {
		c.Reporters = []cases.Reporter{{Name: rc.repName, Contact: rc.repContact, Relation: rc.repRel}}
	}
	if c.Status == "" {
		c.Status = cases.StatusOpen
	}
	c.Notes = strings.Join(rc.notes, "\n")
	leftOut := func(k ProblemKind, v string) {
		res.LeftOut++
		for i := range rc.problems {
			rc.problems[i].Kept = false
		}
		res.Problems = append(res.Problems, rc.problems...)
		res.Problems = append(res.Problems, Problem{Row: row, Column: -1, Kind: k, Value: v})
	}
	if c.Person.Name == "" {
		leftOut(ProblemNoName, "")
		return
	}
	if err := c.Validate(); err != nil {
		leftOut(ProblemInvalid, err.Error())
		return
	}
	res.Problems = append(res.Problems, rc.problems...)
	res.Cases = append(res.Cases, *c)
	res.CaseRows = append(res.CaseRows, row)
}

// isNotesHeader reports whether a notes column is titled as notes (its
// cells are then kept as they are, without the column's name), rather
// than a column nothing else took.
func isNotesHeader(h string) bool {
	words := strings.Fields(foldOf(h))
	for _, s := range foldedSynonyms() {
		if s.field == FieldNotes && containsWords(words, s.words, false) {
			return true
		}
	}
	return false
}

func (rc *rowCase) note(s string) {
	if s != "" {
		rc.notes = append(rc.notes, s)
	}
}

// keep puts a cell into the notes as "<column>: <value>", with a problem
// of kind k unless k is "".
func (cv *converter) keep(rc *rowCase, row, col int, raw string, k ProblemKind) {
	rc.note(cv.label(col) + ": " + cleanLines(raw))
	if k != "" {
		rc.problems = append(rc.problems, Problem{Row: row, Column: col, Header: cv.header[col], Kind: k, Value: cleanLine(raw), Kept: true})
	}
}

func (cv *converter) label(col int) string {
	if h := cv.header[col]; h != "" {
		return h
	}
	return ColumnName(col)
}

// one sets a single-valued field once; a second column of the same field
// goes to the notes.
func (cv *converter) one(rc *rowCase, row, col int, f Field, raw string, set func(v string)) {
	if rc.set.has(f) {
		cv.keep(rc, row, col, raw, "")
		return
	}
	rc.set.add(f)
	set(cleanLine(raw))
}

func (cv *converter) cell(rc *rowCase, row, col int, f Field, raw string) {
	c := &rc.c
	switch f {
	case FieldIgnore:
	case FieldName:
		cv.one(rc, row, col, f, raw, func(v string) { c.Person.Name = v })
	case FieldSurname:
		cv.one(rc, row, col, f, raw, func(v string) { rc.surname = v })
	case FieldFirstName:
		cv.one(rc, row, col, f, raw, func(v string) { rc.first = v })
	case FieldPatronymic:
		cv.one(rc, row, col, f, raw, func(v string) { rc.patronymic = v })
	case FieldAliases:
		c.Person.Aliases = append(c.Person.Aliases, splitList(raw)...)
	case FieldTags:
		c.Tags = append(c.Tags, splitList(raw)...)
	case FieldPhone:
		for _, p := range splitList(raw) {
			if cases.NormalizePhone(p) == "" {
				cv.keep(rc, row, col, p, ProblemNotAPhone)
				continue
			}
			c.Person.Phones = append(c.Person.Phones, p)
		}
	case FieldFacility:
		cv.one(rc, row, col, f, raw, func(v string) { c.Person.Facility = v })
	case FieldRegion:
		cv.one(rc, row, col, f, raw, func(v string) { c.Person.Region = v })
	case FieldUnit:
		cv.one(rc, row, col, f, raw, func(v string) { c.Person.Unit = v })
	case FieldAssignedTo:
		cv.one(rc, row, col, f, raw, func(v string) { c.AssignedTo = v })
	case FieldReporterName:
		cv.one(rc, row, col, f, raw, func(v string) { rc.repName = v })
	case FieldReporterContact:
		cv.one(rc, row, col, f, raw, func(v string) { rc.repContact = v })
	case FieldReporterRelation:
		cv.one(rc, row, col, f, raw, func(v string) { rc.repRel = v })
	case FieldBirthDate, FieldLastContact:
		d, ok := ParseDate(raw, cv.xlsx)
		switch {
		case !ok:
			cv.keep(rc, row, col, raw, ProblemNotADate)
		case rc.set.has(f):
			cv.keep(rc, row, col, raw, "")
		case f == FieldBirthDate:
			rc.set.add(f)
			c.Person.BirthDate = d
		default:
			rc.set.add(f)
			c.Events = append(c.Events, cases.Event{Date: d, Type: cases.EventContactLost,
				Text: cv.opt.LastContactText, Source: cv.opt.Source, Verification: cases.VerificationUnverified})
		}
	case FieldStatus:
		cv.parsed(rc, row, col, f, raw, ProblemUnknownStatus, func(s string) bool {
			st, ok := ParseStatus(s)
			c.Status = st
			return ok
		})
	case FieldSex:
		cv.parsed(rc, row, col, f, raw, ProblemUnknownSex, func(s string) bool {
			sx, ok := ParseSex(s)
			c.Person.Sex = sx
			return ok
		})
	case FieldPriority:
		cv.parsed(rc, row, col, f, raw, ProblemUnknownPriority, func(s string) bool {
			p, ok := ParsePriority(s)
			c.Priority = p
			return ok
		})
	default: // FieldNotes
		cv.keep(rc, row, col, raw, "")
	}
}

// parsed sets an enumerated field with parse, or keeps the cell in the
// notes with a problem of kind k.
func (cv *converter) parsed(rc *rowCase, row, col int, f Field, raw string, k ProblemKind, parse func(string) bool) {
	if rc.set.has(f) {
		cv.keep(rc, row, col, raw, "")
		return
	}
	if !parse(raw) {
		cv.keep(rc, row, col, raw, k)
		return
	}
	rc.set.add(f)
}

// fieldSet is a set of the fields of AllFields.
type fieldSet uint32

func (s fieldSet) has(f Field) bool { return s&fieldBit(f) != 0 }
func (s *fieldSet) add(f Field)     { *s |= fieldBit(f) }

func fieldBit(f Field) fieldSet {
	for i, g := range AllFields {
		if g == f {
			return 1 << i
		}
	}
	return 0
}
