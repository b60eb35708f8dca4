package chat

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// mediaSource gives the media files beside a chat's text: the other
// entries of a WhatsApp zip, or the files of a Telegram export's folder.
type mediaSource interface {
	open(name string) (io.ReadCloser, error)
	size(name string) (int64, bool)
	close() error
}

// Open reads the export at path, telling its kind from its content: a zip
// (WhatsApp's export with media), a JSON object (Telegram's result.json,
// whose media are read from its folder) or a WhatsApp text. The file is
// read where it lies; nothing is written. Close the Export when done with
// its media.
func Open(name string, opt Options) (*Export, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")) {
		x, err := ReadZip(f, st.Size(), opt)
		if err != nil {
			f.Close()
			return nil, err
		}
		x.media.(*zipMedia).f = f
		return x, nil
	}
	defer f.Close()
	if st.Size() > maxText {
		return nil, ErrTooLarge
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	var x *Export
	if t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n"); len(t) > 0 && t[0] == '{' {
		x, err = ReadTelegram(bufio.NewReader(f), opt)
	} else {
		x, err = ReadWhatsApp(f, opt)
	}
	if err != nil {
		return nil, err
	}
	x.media = dirMedia(filepath.Dir(name))
	if x.Format == Telegram {
		x.checkMedia()
	}
	return x, nil
}

// ReadZip reads a WhatsApp export zip: its chat text (the .txt at its top,
// "_chat.txt" on iOS, "WhatsApp Chat with X.txt" on Android) and, as
// media, its other files.
func ReadZip(r io.ReaderAt, size int64, opt Options) (*Export, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, ErrBadZip
	}
	var text *zip.File
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		base := path.Base(f.Name)
		if strings.HasSuffix(strings.ToLower(base), ".txt") && !strings.Contains(f.Name, "/") &&
			(text == nil || base == "_chat.txt" || strings.Contains(strings.ToLower(base), "whatsapp")) {
			if text != nil {
				files[path.Base(text.Name)] = text
			}
			text = f
			continue
		}
		files[base] = f
	}
	if text == nil {
		return nil, ErrNoChatInZip
	}
	if text.UncompressedSize64 > uint64(maxText) {
		return nil, ErrTooLarge
	}
	rc, err := text.Open()
	if err != nil {
		return nil, ErrBadZip
	}
	defer rc.Close()
	x, err := ReadWhatsApp(&zipErrReader{rc}, opt)
	if err != nil {
		return nil, err
	}
	x.media = &zipMedia{files: files}
	x.checkMedia()
	return x, nil
}

// zipErrReader turns the errors of a damaged entry into ErrBadZip.
type zipErrReader struct{ r io.Reader }

func (z *zipErrReader) Read(p []byte) (int, error) {
	n, err := z.r.Read(p)
	if err != nil && err != io.EOF {
		err = ErrBadZip
	}
	return n, err
}

// checkMedia lists the attachments the export names but does not hold.
func (x *Export) checkMedia() {
	for _, m := range x.Messages {
		for _, a := range m.Attachments {
			if !x.HasMedia(a) {
				x.Problems = append(x.Problems, Problem{Line: m.Line, Kind: ProblemMissingMedia})
			}
		}
	}
}

// HasMedia reports whether the export holds the attachment name.
func (x *Export) HasMedia(name string) bool {
	if x.media == nil {
		return false
	}
	_, ok := x.media.size(name)
	return ok
}

// MediaSize is the size of the attachment name, if the export holds it.
func (x *Export) MediaSize(name string) (int64, bool) {
	if x.media == nil {
		return 0, false
	}
	return x.media.size(name)
}

// OpenMedia opens the attachment name (one of a Message's Attachments);
// ErrMediaNotFound when the export does not hold it.
func (x *Export) OpenMedia(name string) (io.ReadCloser, error) {
	if x.media == nil {
		return nil, ErrMediaNotFound
	}
	return x.media.open(name)
}

// Close releases the export's file.
func (x *Export) Close() error {
	if x.media == nil {
		return nil
	}
	return x.media.close()
}

type zipMedia struct {
	f     *os.File
	files map[string]*zip.File
}

func (z *zipMedia) size(name string) (int64, bool) {
	f, ok := z.files[name]
	if !ok {
		return 0, false
	}
	return int64(f.UncompressedSize64), true
}

func (z *zipMedia) open(name string) (io.ReadCloser, error) {
	f, ok := z.files[name]
	if !ok {
		return nil, ErrMediaNotFound
	}
	rc, err := f.Open()
	if err != nil {
		return nil, ErrBadZip
	}
	return struct {
		io.Reader
		io.Closer
	}{&zipErrReader{rc}, rc}, nil
}

func (z *zipMedia) close() error {
	if z.f == nil {
		return nil
	}
	return z.f.Close()
}

// dirMedia reads attachments from the export's folder; a name must stay
// inside it.
type dirMedia string

func (d dirMedia) path(name string) (string, bool) {
	// fs.ValidPath refuses "..", absolute and empty names; a backslash
	// or a colon would be a separator or a drive on Windows.
	if !fs.ValidPath(name) || name == "." || strings.ContainsAny(name, `\:`) {
		return "", false
	}
	return filepath.Join(string(d), filepath.FromSlash(name)), true
}

func (d dirMedia) size(name string) (int64, bool) {
	p, ok := d.path(name)
	if !ok {
		return 0, false
	}
	st, err := os.Stat(p)
	if err != nil || !st.Mode().IsRegular() {
		return 0, false
	}
	return st.Size(), true
}

func (d dirMedia) open(name string) (io.ReadCloser, error) {
	p, ok := d.path(name)
	if !ok {
		return nil, ErrMediaNotFound
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrMediaNotFound
	}
	return f, err
}

func (dirMedia) close() error { return nil }
