package cli

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// attachCase is a test vault holding the example case, KT-2022-0007, whose
// timeline has at least one event.
func attachCase(t *testing.T) (string, map[string]string) {
	t.Helper()
	path, envv := newTestVault(t)
	example, err := os.ReadFile("../cases/testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, envv, string(example), "case", "add", "--json", "-"); code != 0 {
		t.Fatalf("case add: %s", errs)
	}
	return path, envv
}

// exifJPEG is a minimal JPEG byte stream with an Exif segment naming a GPS
// marker; the stripper does not decode the picture, so no image data is
// needed between its header and the end-of-image marker.
var exifJPEG = []byte("\xff\xd8\xff\xe1\x00\x12Exif\x00\x00GPS-MARKER\xff\xdb\x00\x04\x00\x01\xff\xd9")

func TestAttachListExtract(t *testing.T) {
	_, envv := attachCase(t)
	dir := t.TempDir()
	note := filepath.Join(dir, "переписка.txt")
	os.WriteFile(note, []byte("слова из переписки\n"), 0o600)
	photo := filepath.Join(dir, "photo.jpg")
	os.WriteFile(photo, exifJPEG, 0o600)

	code, out, errs := run(t, envv, "", "attach", "KT-2022-0007", note, "--event", "1")
	if code != 0 {
		t.Fatalf("attach: %d %s", code, errs)
	}
	noteID := strings.Fields(out)[0]
	code, out, errs = run(t, envv, "", "attach", "KT-2022-0007", photo, "--strip-location", "--keep-original")
	if code != 0 {
		t.Fatalf("attach --strip-location: %d %s", code, errs)
	}
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 {
		t.Fatalf("attach --keep-original printed %q, want two attachments", out)
	}

	code, out, errs = run(t, envv, "", "attachments", "KT-2022-0007", "--json")
	if code != 0 {
		t.Fatalf("attachments: %d %s", code, errs)
	}
	var list []struct {
		ID, Name, Type string
		Event          *int
		Size           int64
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("attachments --json: %v\n%s", err, out)
	}
	if len(list) != 3 || list[0].Name != "переписка.txt" || list[0].Event == nil || *list[0].Event != 1 ||
		list[1].Name != "photo.jpg" || list[1].Type != "image/jpeg" || list[2].Name != "original photo.jpg" {
		t.Fatalf("attachments = %+v", list)
	}
	if list[1].Size >= int64(len(exifJPEG)) || list[2].Size != int64(len(exifJPEG)) {
		t.Errorf("sizes %d (stripped) and %d (original), want less than and exactly %d", list[1].Size, list[2].Size, len(exifJPEG))
	}
	if _, out, _ = run(t, envv, "", "attachments", "KT-2022-0007"); !strings.Contains(out, "переписка.txt") {
		t.Errorf("attachments table lacks the file name:\n%s", out)
	}

	// Extract by id and by file name.
	copyPath := filepath.Join(dir, "copy.txt")
	code, _, errs = run(t, envv, "", "extract", "KT-2022-0007", noteID, "--out", copyPath)
	if code != 0 {
		t.Fatalf("extract: %d %s", code, errs)
	}
	if got, _ := os.ReadFile(copyPath); string(got) != "слова из переписки\n" {
		t.Errorf("extracted %q", got)
	}
	if st, _ := os.Stat(copyPath); st.Mode().Perm() != 0o600 {
		t.Errorf("extracted copy has mode %v, want 0600", st.Mode().Perm())
	}
	if !strings.Contains(errs, "not protected") {
		t.Errorf("extract did not warn that the copy is unprotected: %q", errs)
	}
	code, _, errs = run(t, envv, "", "extract", "KT-2022-0007", noteID, "--out", copyPath)
	if code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("extract over an existing file: %d %q", code, errs)
	}
	code, out, _ = run(t, envv, "", "extract", "KT-2022-0007", "photo.jpg", "--out", "-")
	if code != 0 || bytes.Contains([]byte(out), []byte("GPS-MARKER")) || !strings.HasPrefix(out, "\xff\xd8") {
		t.Errorf("extracting the stripped photo: %d, %q", code, out)
	}
	code, out, _ = run(t, envv, "", "extract", "KT-2022-0007", "original photo.jpg", "--out", "-")
	if code != 0 || out != string(exifJPEG) {
		t.Errorf("extracting the original: %d, %q", code, out)
	}
}

func TestAttachRefusals(t *testing.T) {
	_, envv := attachCase(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	os.WriteFile(file, []byte("a"), 0o600)
	broken := filepath.Join(dir, "broken.jpg")
	os.WriteFile(broken, []byte("\xff\xd8\xff\xe1\x00\x40Exif"), 0o600)
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no file", []string{"attach", "KT-2022-0007"}, 2, "at least one file"},
		{"keep without strip", []string{"attach", "KT-2022-0007", file, "--keep-original"}, 2, "--strip-location"},
		{"event out of range", []string{"attach", "KT-2022-0007", file, "--event", "99"}, 1, "not found"},
		{"unknown case", []string{"attach", "KT-2022-9999", file}, 1, "not found"},
		{"missing file", []string{"attach", "KT-2022-0007", filepath.Join(dir, "nope")}, 1, "no such file"},
		{"broken JPEG", []string{"attach", "KT-2022-0007", broken, "--strip-location"}, 1, "JPEG"},
		{"extract without --out", []string{"extract", "KT-2022-0007", "a.txt"}, 2, "--out"},
		{"extract unknown", []string{"extract", "KT-2022-0007", "nope.txt", "--out", "-"}, 1, "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := run(t, envv, "", tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tt.code, tt.msg)
			}
		})
	}
	if _, out, _ := run(t, envv, "", "attachments", "KT-2022-0007"); !strings.Contains(out, "no attachments") {
		t.Errorf("refused commands left attachments:\n%s", out)
	}
}

func TestExtractDamagedAttachment(t *testing.T) {
	path, envv := attachCase(t)
	file := filepath.Join(t.TempDir(), "a.bin")
	os.WriteFile(file, bytes.Repeat([]byte("x"), 200_000), 0o600)
	code, out, errs := run(t, envv, "", "attach", "KT-2022-0007", file)
	if code != 0 {
		t.Fatalf("attach: %s", errs)
	}
	id := strings.Fields(out)[0]
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	// Chunk rows have opaque ids (docs/FORMAT.md): damage every one, so
	// the first read fails.
	if _, err := db.Exec(`UPDATE attachment_chunks SET data = substr(data, 1, 100) ||
		CASE WHEN substr(data, 101, 1) = x'00' THEN x'01' ELSE x'00' END || substr(data, 102)`); err != nil {
		t.Fatal(err)
	}
	db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	db.Close()
	outPath := filepath.Join(t.TempDir(), "out.bin")
	code, _, errs = run(t, envv, "", "extract", "KT-2022-0007", id, "--out", outPath)
	if code != 1 || !strings.Contains(errs, "damaged") || !strings.Contains(errs, "chunk 0") {
		t.Errorf("extracting a damaged attachment: %d %q", code, errs)
	}
	if _, err := os.Stat(outPath); !os.IsNotExist(err) {
		t.Errorf("a partial copy was left behind: %v", err)
	}
}
