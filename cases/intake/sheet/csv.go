package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// csvInfo is what sniffCSV learnt of a CSV file.
type csvInfo struct {
	encoding string // "utf-8", "utf-16le", "windows-1251"
	delim    rune
	rowsHint int // the file's size over the mean length of the sample's lines
}

// The delimiters a CSV may use, in the order ties are broken: Russian and
// Ukrainian Excel write ";" (the comma is their decimal point), "Unicode
// text" is tab-separated, the rest of the world writes ",".
var delimiters = []rune{';', '\t', ','}

// sniffSize is how much of a file the delimiter is guessed from.
const sniffSize = 64 << 10

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
)

// sniffCSV detects the encoding and the delimiter of the CSV at path. The
// encoding: a UTF-16 LE byte order mark (Excel's "Unicode text"), or UTF-8
// if every byte of the file is valid UTF-8 (with or without its mark:
// the whole file is streamed through a validator, so a Cyrillic letter deep
// in row 40 000 counts), or else Windows-1251, which is what Russian and
// Ukrainian Excel write for "CSV (разделители — точки с запятой)". Any
// byte sequence is valid Windows-1251, so the guess between the two is
// about plausibility: Cyrillic text in cp1251 is almost never valid UTF-8.
func sniffCSV(path string) (csvInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return csvInfo{}, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return csvInfo{}, err
	}
	head = bytes.Clone(head)
	info := csvInfo{encoding: "utf-8"}
	switch {
	case bytes.HasPrefix(head, bomUTF16LE):
		info.encoding = "utf-16le"
	case bytes.HasPrefix(head, bomUTF8):
	default:
		ok, err := validUTF8(br)
		if err != nil {
			return csvInfo{}, err
		}
		if !ok {
			info.encoding = "windows-1251"
		}
	}
	text, err := io.ReadAll(decoder(info.encoding, bytes.NewReader(head)))
	if err != nil {
		return csvInfo{}, err
	}
	info.delim = guessDelimiter(text)
	if n := bytes.Count(head, []byte{'\n'}); n > 0 {
		if st, err := f.Stat(); err == nil {
			info.rowsHint = int(st.Size() * int64(n) / int64(len(head)))
		}
	}
	return info, nil
}

// validUTF8 streams r through a UTF-8 validator.
func validUTF8(r io.Reader) (bool, error) {
	buf := make([]byte, 64<<10)
	carry := 0
	for {
		n, err := r.Read(buf[carry:])
		n += carry
		end := n
		// Keep an incomplete rune at the end for the next read.
		if err == nil {
			for i := 1; i <= utf8.UTFMax-1 && i <= n; i++ {
				if utf8.RuneStart(buf[n-i]) {
					if !utf8.FullRune(buf[n-i : n]) {
						end = n - i
					}
					break
				}
			}
		}
		if !utf8.Valid(buf[:end]) {
			return false, nil
		}
		carry = copy(buf, buf[end:n])
		if err == io.EOF {
			return carry == 0, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// decoder returns r decoded from enc into UTF-8, without a byte order mark.
func decoder(enc string, r io.Reader) io.Reader {
	switch enc {
	case "windows-1251":
		return charmap.Windows1251.NewDecoder().Reader(r)
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Reader(r)
	}
	return unicode.UTF8BOM.NewDecoder().Reader(r)
}

// guessDelimiter parses the start of a CSV with each delimiter and keeps
// the one whose rows agree best: the most rows with the same number of
// fields (two or more), then the most fields. A title row above the
// header, or a last row cut by the sample's end, does not sway it.
func guessDelimiter(text []byte) rune {
	best, bestRows, bestFields := delimiters[0], 0, 0
	for _, d := range delimiters {
		r := newCSVReader(bytes.NewReader(text), d)
		counts := map[int]int{}
		for n := 0; n < 50; {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if len(rec) == 1 && rec[0] == "" {
				continue
			}
			n++
			if len(rec) >= 2 {
				counts[len(rec)]++
			}
		}
		for fields, rows := range counts {
			if rows > bestRows || rows == bestRows && fields > bestFields {
				best, bestRows, bestFields = d, rows, fields
			}
		}
	}
	return best
}

func newCSVReader(r io.Reader, delim rune) *csv.Reader {
	cr := csv.NewReader(r)
	cr.Comma = delim
	cr.FieldsPerRecord = -1 // ragged rows are the mapper's business
	// Quotes are strict: in lazy mode a quoted cell never closed swallows
	// the rest of the file into one cell, silently. Excel always quotes
	// correctly; a hand-edited file with a quote out of place gets a
	// RowError naming the row.
	cr.LazyQuotes = false
	cr.ReuseRecord = false
	return cr
}

// csvRows reads a CSV's records; a record is a spreadsheet row, even when
// a quoted cell spans lines.
type csvRows struct {
	f   *os.File
	r   *csv.Reader
	row int
}

func openCSVRows(path string, info csvInfo) (*csvRows, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return &csvRows{f: f, r: newCSVReader(bufio.NewReaderSize(decoder(info.encoding, f), 64<<10), info.delim)}, nil
}

func (c *csvRows) next() ([]string, int, error) {
	rec, err := c.r.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	c.row++
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			err = pe.Err // its line is counted in lines, not rows
		}
		return nil, c.row, &RowError{Row: c.row, Err: err}
	}
	if c.row > MaxRows {
		return nil, c.row, ErrTooManyRows
	}
	return rec, c.row, nil
}

func (c *csvRows) close() error { return c.f.Close() }
