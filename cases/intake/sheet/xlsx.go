package sheet

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxFile is an open workbook. excelize is told to keep every part in
// memory (UnzipXMLSizeLimit = UnzipSizeLimit): by default it inflates a
// worksheet or the shared strings larger than 16 MB into a temporary file,
// which would put case plaintext on the disk unencrypted. MaxUnzipped
// bounds the memory this takes, and refuses zip bombs.
//
// Cells come formatted as Excel shows them; a date cell of a custom
// format reads as that format shows it ("02.08.2022", "2 August 2022"),
// which ParseDate reads. A date column holding bare numbers is read as
// Excel's serial day numbers.
type xlsxFile struct {
	f *excelize.File
}

// errPanic is what a panic inside excelize becomes (see guard).
var errPanic = errors.New("the workbook reader failed")

// guard turns a panic of excelize, a large third-party parser of outside
// input, into ErrFormat, so that a crafted workbook cannot bring the
// program down with the vault unlocked. It is deferred by every call into
// excelize.
func guard(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: %w", ErrFormat, errPanic)
	}
}

func openXLSX(path string) (_ *xlsxFile, err error) {
	defer guard(&err)
	f, err := excelize.OpenFile(path, excelize.Options{
		// Cells are read as Excel shows them (a notes column keeps a date
		// as a date, not as Excel's serial number), with the built-in short
		// date (format 14, which Russian Excel shows as 02.08.2022 and
		// American as 8/2/22) written unambiguously as ISO.
		ShortDatePattern:  "yyyy-mm-dd",
		UnzipSizeLimit:    MaxUnzipped,
		UnzipXMLSizeLimit: MaxUnzipped,
	})
	if err != nil {
		if strings.HasPrefix(err.Error(), "unzip size exceeds") { // excelize has no sentinel for it
			return nil, fmt.Errorf("%w: inflates beyond %d MB", ErrTooLarge, MaxUnzipped>>20)
		}
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return &xlsxFile{f: f}, nil
}

func (x *xlsxFile) close() error { return x.f.Close() }

func (x *xlsxFile) sheets() (names []string) {
	defer func() {
		if recover() != nil {
			names = nil
		}
	}()
	return x.f.GetSheetList()
}

// rowsHint is 0: the sheet's stated dimension is not read, because
// excelize parses the whole worksheet into memory to give it.
func (x *xlsxFile) rowsHint(string) int { return 0 }

func (x *xlsxFile) rows(name string) (_ rowReader, err error) {
	defer guard(&err)
	found := false
	for _, s := range x.sheets() {
		found = found || s == name
	}
	if !found {
		return nil, ErrNoSheet
	}
	r, err := x.f.Rows(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return &xlsxRows{r: r}, nil
}

// xlsxRows reads a worksheet's rows. excelize's Next steps through every
// row number, the ones missing from the file too (as empty rows), so the
// count of calls is the row's number.
type xlsxRows struct {
	r   *excelize.Rows
	row int
}

func (x *xlsxRows) next() (cells []string, row int, err error) {
	defer guard(&err)
	if !x.r.Next() {
		if err := x.r.Error(); err != nil {
			if err == excelize.ErrMaxRows {
				return nil, x.row + 1, ErrTooManyRows
			}
			return nil, x.row + 1, &RowError{Row: x.row + 1, Err: err}
		}
		return nil, 0, io.EOF
	}
	x.row++
	if x.row > MaxRows {
		return nil, x.row, ErrTooManyRows
	}
	cells, err = x.r.Columns()
	if err != nil {
		return nil, x.row, &RowError{Row: x.row, Err: err}
	}
	return cells, x.row, nil
}

func (x *xlsxRows) close() error { return x.r.Close() }
