package sheet

import (
	"io"
	"os"
)

// ReadText reads the text file at path (a list pasted into Notepad, one
// person a line) whole, decoded as Open decodes a CSV: UTF-16 LE with its
// mark, UTF-8 with or without it, else Windows-1251. A file larger than
// MaxCSVSize is refused with a SizeError.
func ReadText(path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if st.Size() > MaxCSVSize {
		return "", &SizeError{st.Size(), MaxCSVSize}
	}
	info, err := sniffCSV(path)
	if err != nil {
		return "", err
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(decoder(info.encoding, io.LimitReader(f, MaxCSVSize)))
	return string(b), err
}
