package sheet

import (
	"context"
	"io"
	"strings"

	"kintrace/cases"
)

// headerScan is how many non-empty rows at the top of a sheet are looked
// at to find its header.
const headerScan = 20

// HeaderIndex finds the header among the first rows of a sheet (as Head
// gives them): the first row in which at least two cells name a known
// field ("ФИО", "Колония", "Примечание"…), else the first row of two
// non-empty cells or more, else the first row. Rows above it are titles
// ("Список на 01.09.2022", "Форма 2"), which sheets often start with.
func HeaderIndex(rows [][]string) int {
	rows = rows[:min(len(rows), headerScan)]
	for i, r := range rows {
		known := 0
		for _, c := range r {
			if _, ok := knownField(c); ok {
				known++
			}
		}
		if known >= 2 {
			return i
		}
	}
	for i, r := range rows {
		filled := 0
		for _, c := range r {
			if strings.TrimSpace(c) != "" {
				filled++
			}
		}
		if filled >= 2 {
			return i
		}
	}
	return 0
}

// rowAt is a row read ahead while the header is looked for.
type rowAt struct {
	cells []string
	row   int
}

// Read reads the sheet name (a CSV: "") with the mapping m; a mapping
// without columns (Mapping{}) is guessed from the header. The header is
// found among the first rows (HeaderIndex); every row after it becomes a
// case or a problem. The cases are new (no id, no number) and valid;
// Import stores them. It stops with ctx's error when ctx is done, and with
// a RowError or ErrTooManyRows when the file cannot be read; it writes
// nothing anywhere.
func (f *File) Read(ctx context.Context, name string, m Mapping, opt Options) (*Result, error) {
	rr, err := f.rows(name)
	if err != nil {
		return nil, err
	}
	defer rr.close()
	conv := converter{opt: opt, xlsx: f.format == FormatXLSX}
	if conv.opt.LastContactText == "" {
		conv.opt.LastContactText = DefaultLastContactText
	}
	if conv.opt.Source == "" {
		conv.opt.Source = DefaultSource
	}
	// Growing one slice of large structs by doubling costs a third of the
	// reading time of a big sheet, so it starts at the size the file
	// suggests.
	hint := min(f.rowsHint(name), MaxRows)
	res := &Result{Cases: make([]cases.Case, 0, hint), CaseRows: make([]int, 0, hint)}

	// The top of the sheet, up to headerScan non-empty rows, is read
	// ahead to find the header; the rows after it are data.
	var top []rowAt
	var nonEmpty [][]string
	var index []int // nonEmpty[i] is top[index[i]]
	for len(nonEmpty) < headerScan {
		cells, row, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		top = append(top, rowAt{cells, row})
		if t := trimRow(cells); t != nil {
			nonEmpty = append(nonEmpty, t)
			index = append(index, len(top)-1)
		}
	}
	if len(nonEmpty) == 0 {
		return res, nil
	}
	h := HeaderIndex(nonEmpty)
	res.Above = h
	res.HeaderRow = top[index[h]].row
	res.Header = make([]string, len(nonEmpty[h]))
	for i, c := range nonEmpty[h] {
		res.Header[i] = cleanLine(c)
	}
	if len(m.Columns) == 0 {
		m = Guess(res.Header)
	}
	res.Fields = m.Resolve(res.Header)
	conv.header, conv.fields = res.Header, res.Fields

	pending := top[index[h]+1:]
	for n := 0; ; n++ {
		if n%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if opt.Progress != nil && n > 0 {
				opt.Progress(n)
			}
		}
		var r rowAt
		if len(pending) > 0 {
			r, pending = pending[0], pending[1:]
		} else {
			cells, row, err := rr.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, err
			}
			r = rowAt{cells, row}
		}
		res.Rows++
		conv.row(res, r.row, r.cells)
		if opt.Limit > 0 && len(res.CaseRows) >= opt.Limit {
			res.Partial = true
			break
		}
	}
	if opt.Progress != nil {
		opt.Progress(res.Rows)
	}
	return res, nil
}
