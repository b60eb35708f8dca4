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

// rowBatch is a run of rows read ahead by readBatches, and the error that
// ended it (io.EOF after the last row).
type rowBatch struct {
	rows []rowAt
	err  error
}

// readBatch is the number of rows in a rowBatch, and readAhead the number
// of batches read ahead of the conversion.
const (
	readBatch = 256
	readAhead = 4
)

// readBatches sends rr's rows to out in batches until the last row, an
// error or quit; it closes out when it returns.
func readBatches(rr rowReader, out chan<- rowBatch, quit <-chan struct{}) {
	defer close(out)
	for {
		b := rowBatch{rows: make([]rowAt, 0, readBatch)}
		for len(b.rows) < readBatch {
			cells, row, err := rr.next()
			if err != nil {
				b.err = err
				break
			}
			b.rows = append(b.rows, rowAt{cells, row})
		}
		select {
		case out <- b:
		case <-quit:
			return
		}
		if b.err != nil {
			return
		}
	}
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
	eof := false
	for len(nonEmpty) < headerScan {
		cells, row, err := rr.next()
		if err == io.EOF {
			eof = true
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

	// The rows after the top are read on another goroutine, a batch at a
	// time, while this one converts them: reading an XLSX (excelize
	// decoding the sheet's XML) and converting its rows take about as long
	// as each other, so a big sheet is read in about half the time.
	more := make(chan rowBatch, readAhead)
	quit := make(chan struct{})
	if eof {
		close(more)
	} else {
		go readBatches(rr, more, quit)
	}
	defer func() {
		close(quit)
		for range more { // until readBatches has returned, before rr.close
		}
	}()
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
		if len(pending) == 0 {
			b, ok := <-more
			if !ok {
				break
			}
			if b.err != nil && b.err != io.EOF {
				return nil, b.err
			}
			if len(b.rows) == 0 {
				break
			}
			pending = b.rows
		}
		r := pending[0]
		pending = pending[1:]
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
