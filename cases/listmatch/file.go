package listmatch

import (
	"path/filepath"
	"strings"

	"kintrace/cases/intake/sheet"
	"kintrace/cases/search"
)

// Field is what a column of a list's table holds.
type Field string

// The fields of a list's columns. Surname, first name and patronymic
// columns are joined into the name; place and text columns are compared
// for a facility or region.
const (
	FieldIgnore     Field = "ignore"
	FieldName       Field = "name" // the whole name, or the whole line
	FieldSurname    Field = "surname"
	FieldFirstName  Field = "first_name"
	FieldPatronymic Field = "patronymic"
	FieldBirth      Field = "birth" // date or year of birth
	FieldPlace      Field = "place"
	FieldText       Field = "text" // anything else
)

// AllFields lists every Field in the order a mapping menu shows them.
var AllFields = []Field{FieldName, FieldSurname, FieldFirstName, FieldPatronymic, FieldBirth,
	FieldPlace, FieldText, FieldIgnore}

// Mapping gives each column of a table its Field, by index.
type Mapping []Field

// HasName reports whether the mapping names a column with the name.
func (m Mapping) HasName() bool {
	for _, f := range m {
		if f == FieldName || f == FieldSurname || f == FieldFirstName {
			return true
		}
	}
	return false
}

// Table is a list read from a CSV or XLSX file (its first sheet): the
// header row, when it has one, and the rows below.
type Table struct {
	// Header is the header's cells; nil when the first row is a person.
	Header []string
	// Rows are the rows after the header, RowNums their numbers in the
	// file (1-based).
	Rows    [][]string
	RowNums []int
	// Columns is the widest row's number of cells.
	Columns int
}

// IsText reports a file read as text lines (ParseText), not as a table:
// a .txt file.
func IsText(path string) bool {
	return strings.EqualFold(filepath.Ext(path), ".txt")
}

// ReadText reads a .txt list (encoding detected as for a CSV) into lines.
func ReadText(path string) ([]Line, error) {
	text, err := sheet.ReadText(path)
	if err != nil {
		return nil, err
	}
	return ParseText(text), nil
}

// ReadTable reads the first sheet of a CSV or XLSX list, at most MaxLines
// rows. The header is the row sheet.HeaderIndex finds when it names a
// column of the name; otherwise every row is a person.
func ReadTable(path string) (*Table, error) {
	f, err := sheet.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := f.Head(f.Sheets()[0], MaxLines)
	if err != nil {
		return nil, err
	}
	t := &Table{}
	start := 0
	if len(rows) > 0 {
		h := sheet.HeaderIndex(rows)
		if GuessMapping(rows[h]).HasName() {
			t.Header, start = rows[h], h+1
		}
	}
	for i := start; i < len(rows); i++ {
		t.Rows = append(t.Rows, rows[i])
		// Head leaves empty rows out, so the number is the row's rank.
		t.RowNums = append(t.RowNums, i+1)
		t.Columns = max(t.Columns, len(rows[i]))
	}
	t.Columns = max(t.Columns, len(t.Header))
	return t, nil
}

// GuessMapping maps a header's columns by sheet.Guess (en, ru, uk titles).
// A header it cannot read maps the first column to the name (the whole
// line) and the others to text.
func GuessMapping(header []string) Mapping {
	g := sheet.Guess(header).Resolve(header)
	m := make(Mapping, len(header))
	for i, f := range g {
		switch f {
		case sheet.FieldName:
			m[i] = FieldName
		case sheet.FieldSurname:
			m[i] = FieldSurname
		case sheet.FieldFirstName:
			m[i] = FieldFirstName
		case sheet.FieldPatronymic:
			m[i] = FieldPatronymic
		case sheet.FieldBirthDate:
			m[i] = FieldBirth
		case sheet.FieldFacility, sheet.FieldRegion, sheet.FieldUnit:
			m[i] = FieldPlace
		case sheet.FieldIgnore:
			m[i] = FieldIgnore
		default:
			m[i] = FieldText
			if isPlaceHeader(header[i]) {
				m[i] = FieldPlace
			}
		}
	}
	return m
}

// placeHeaders are folded words of headers of a place column (Место,
// Місце, Place, Госпиталь, Учреждение).
var placeHeaders = []string{"mesto", "mistse", "place", "location", "gospital", "hospital", "uchrezhden", "ustanova", "facility", "lokatsi"}

func isPlaceHeader(h string) bool {
	f := search.Fold(h)
	for _, w := range placeHeaders {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// DefaultMapping is the mapping of a table without a header: the first
// column is the whole line, read as ParseLine reads it, and the others
// are text.
func DefaultMapping(columns int) Mapping {
	m := make(Mapping, max(1, columns))
	for i := range m {
		m[i] = FieldText
	}
	m[0] = FieldName
	return m
}

// Lines reads the table's rows by m. A row whose name column holds the
// whole line ("Морозов Андрей, 1987", no surname or first name columns)
// is read by ParseLine; rows without a name are left out.
func (t *Table) Lines(m Mapping) []Line {
	var out []Line
	for r, cells := range t.Rows {
		var l Line
		var name, text, place []string
		var parts [3]string // surname, first name, patronymic
		for i, c := range cells {
			c = cleanText(c)
			if c == "" || i >= len(m) {
				if c != "" {
					text = append(text, c)
				}
				continue
			}
			switch m[i] {
			case FieldName:
				name = append(name, c)
			case FieldSurname:
				parts[0] = c
			case FieldFirstName:
				parts[1] = c
			case FieldPatronymic:
				parts[2] = c
			case FieldBirth:
				if d, ok := sheet.ParseDate(c, false); ok {
					l.Birth = d
				} else if _, d := cutBirth(c); d != "" {
					l.Birth = d
				} else {
					text = append(text, c)
				}
			case FieldPlace:
				place = append(place, c)
			case FieldText:
				if rest, d := cutBirth(c); l.Birth == "" && d != "" && rest == "" {
					l.Birth = d
					continue
				}
				text = append(text, c)
			}
		}
		var whole []string
		for _, c := range cells {
			if c = cleanText(c); c != "" {
				whole = append(whole, c)
			}
		}
		l.Text = cleanText(strings.Join(whole, "; "))
		l.Row = t.RowNums[r]
		full := strings.Join(strings.Fields(strings.Join(parts[:], " ")), " ")
		switch {
		case full != "":
			l.Name = strings.Join(append([]string{full}, name...), " ")
		case len(name) > 0:
			// The whole line in one cell, or a name with its year.
			p, ok := ParseLine(strings.Join(name, ", "))
			if !ok {
				continue
			}
			l.Name = p.Name
			if l.Birth == "" {
				l.Birth = p.Birth
			}
			if p.Place != "" {
				place = append([]string{p.Place}, place...)
			}
		}
		if strings.IndexFunc(l.Name, isLetter) < 0 || isHeaderWord(l.Name) {
			continue
		}
		l.Place = strings.Join(place, ", ")
		l.Note = strings.Join(text, "; ")
		out = append(out, l)
	}
	return out
}
