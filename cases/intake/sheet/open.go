package sheet

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// The limits of what Open reads. A spreadsheet of cases is small: 50 000
// rows of a dozen columns make a CSV of about 10 MB. The limits refuse,
// before anything is parsed, a file that is far larger than any case list
// (a 200 MB export picked by mistake), so that a wrong choice costs an
// error, not the machine's memory. Rows are streamed, so memory grows with
// the cases made, not with the file; an XLSX is a zip that excelize must
// inflate, and MaxUnzipped bounds what it inflates (in memory: see
// openXLSX).
const (
	MaxCSVSize  = 100 << 20 // bytes of a CSV file
	MaxXLSXSize = 50 << 20  // bytes of an XLSX file (compressed)
	MaxUnzipped = 256 << 20 // bytes an XLSX may inflate to
	MaxRows     = 200_000   // rows of one sheet, the header included
)

// Errors of Open and Read. They never contain the file's contents.
var (
	// ErrFormat: the file is neither a CSV (or tab-separated text) nor an
	// XLSX workbook.
	ErrFormat = errors.New("sheet: not a CSV or XLSX file")
	// ErrTooLarge is wrapped by a SizeError.
	ErrTooLarge = errors.New("sheet: file too large")
	// ErrTooManyRows: the sheet has more than MaxRows rows.
	ErrTooManyRows = errors.New("sheet: too many rows")
	// ErrNoSheet: the workbook has no sheet of the name asked for.
	ErrNoSheet = errors.New("sheet: no such sheet")
)

// SizeError is a file larger than its limit; it wraps ErrTooLarge.
type SizeError struct {
	Size, Limit int64
}

func (e *SizeError) Error() string {
	return fmt.Sprintf("sheet: file of %d MB is larger than the limit of %d MB", e.Size>>20, e.Limit>>20)
}

func (e *SizeError) Unwrap() error { return ErrTooLarge }

// RowError is a row the file's reader could not read (a CSV quote left
// open, a broken XLSX part); it names the row, never its contents.
type RowError struct {
	Row int // 1-based, as a spreadsheet numbers it
	Err error
}

func (e *RowError) Error() string { return fmt.Sprintf("sheet: row %d: %v", e.Row, e.Err) }

func (e *RowError) Unwrap() error { return e.Err }

// Format is the kind of file.
type Format string

// The formats Open reads.
const (
	FormatCSV  Format = "csv"
	FormatXLSX Format = "xlsx"
)

// File is an opened spreadsheet. A CSV is read again from the disk by each
// Head and Read; an XLSX is held open until Close.
type File struct {
	path   string
	format Format
	csv    csvInfo
	xlsx   *xlsxFile
}

// Open looks at the file at path: its format (by extension: .xlsx and
// .xlsm are workbooks, .csv, .tsv and .txt are text), its size against the
// limits, and for a CSV its encoding and delimiter.
func Open(path string) (*File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	f := &File{path: path}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		f.format = FormatXLSX
		if st.Size() > MaxXLSXSize {
			return nil, &SizeError{st.Size(), MaxXLSXSize}
		}
		if f.xlsx, err = openXLSX(path); err != nil {
			return nil, err
		}
	case ".csv", ".tsv", ".txt":
		f.format = FormatCSV
		if st.Size() > MaxCSVSize {
			return nil, &SizeError{st.Size(), MaxCSVSize}
		}
		if f.csv, err = sniffCSV(path); err != nil {
			return nil, err
		}
	default:
		return nil, ErrFormat
	}
	return f, nil
}

// Close releases the file.
func (f *File) Close() error {
	if f.xlsx != nil {
		return f.xlsx.close()
	}
	return nil
}

// Format is the file's format.
func (f *File) Format() Format { return f.format }

// Encoding names a CSV's character encoding as detected: "utf-8",
// "utf-16le", "windows-1251"; "" for an XLSX (always Unicode).
func (f *File) Encoding() string { return f.csv.encoding }

// Delimiter is a CSV's field separator as detected (';', ',' or '\t');
// 0 for an XLSX.
func (f *File) Delimiter() rune { return f.csv.delim }

// Sheets lists the workbook's sheets in their order; a CSV has one sheet,
// named "".
func (f *File) Sheets() []string {
	if f.xlsx != nil {
		return f.xlsx.sheets()
	}
	return []string{""}
}

// rowReader yields a sheet's rows one by one.
type rowReader interface {
	// next returns the next row's cells and its 1-based number; io.EOF
	// after the last row.
	next() ([]string, int, error)
	close() error
}

// rowsHint guesses how many rows the sheet has, to size slices: a
// workbook's stated dimension, or a CSV's size over the length of the rows
// of its start.
func (f *File) rowsHint(name string) int {
	if f.xlsx != nil {
		return f.xlsx.rowsHint(name)
	}
	return f.csv.rowsHint
}

func (f *File) rows(name string) (rowReader, error) {
	if f.xlsx != nil {
		return f.xlsx.rows(name)
	}
	return openCSVRows(f.path, f.csv)
}

// Head returns the first n rows of the sheet name (fewer if it has fewer),
// as text, with their trailing empty cells cut; rows that are entirely
// empty are left out. Head(name, n)[0] is the header Guess reads.
func (f *File) Head(name string, n int) ([][]string, error) {
	rr, err := f.rows(name)
	if err != nil {
		return nil, err
	}
	defer rr.close()
	var out [][]string
	for len(out) < n {
		cells, _, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if cells = trimRow(cells); len(cells) > 0 {
			out = append(out, cells)
		}
	}
	return out, nil
}

// trimRow cuts a row's trailing blank cells; an empty row becomes nil.
func trimRow(cells []string) []string {
	n := len(cells)
	for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
		n--
	}
	if n == 0 {
		return nil
	}
	return cells[:n]
}
