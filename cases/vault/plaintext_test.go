package vault_test

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"

	"kintrace/cases"
	"kintrace/cases/vault/vaulttest"
)

// markers are unique strings put in every kind of case field; none may
// appear in any file of the vault's folder, in UTF-8 or UTF-16.
var markers = []string{
	"Зинаида Маркерова", "Zinaida Markerova", "ИК-99 Маркерск", "Markersk colony",
	"+7 900 111-22-33", "79001112233", "Маркерный текст сообщения", "marker message text",
	"в/ч 99887", "Маркерная больница", "Оксана Маркер", "signal-marker-handle",
}

func encodings(s string) [][]byte {
	u := utf16.Encode([]rune(s))
	le := make([]byte, 2*len(u))
	be := make([]byte, 2*len(u))
	for i, r := range u {
		binary.LittleEndian.PutUint16(le[2*i:], r)
		binary.BigEndian.PutUint16(be[2*i:], r)
	}
	return [][]byte{[]byte(s), le, be}
}

// findPlaintext lists "file: marker" for every marker found in any file
// under dir, in UTF-8, UTF-16LE or UTF-16BE.
func findPlaintext(t *testing.T, dir string, needles []string) (found []string, files int) {
	t.Helper()
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		files++
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range needles {
			for _, enc := range encodings(m) {
				if bytes.Contains(data, enc) {
					found = append(found, filepath.Base(p)+": "+m)
				}
			}
		}
		return nil
	})
	return found, files
}

func scanFolder(t *testing.T, dir string, needles []string) {
	t.Helper()
	found, files := findPlaintext(t, dir, needles)
	if files == 0 {
		t.Fatal("no files to scan")
	}
	for _, f := range found {
		t.Errorf("plaintext in the vault's folder: %s", f)
	}
}

// TestScannerFindsPlaintext keeps the scan honest: it must see a marker
// in each encoding it claims to check.
func TestScannerFindsPlaintext(t *testing.T) {
	dir := t.TempDir()
	for i, enc := range encodings(markers[0]) {
		os.WriteFile(filepath.Join(dir, string(rune('a'+i))), append([]byte("xx"), enc...), 0o600)
	}
	if found, _ := findPlaintext(t, dir, markers[:1]); len(found) != 3 {
		t.Fatalf("scanner found %v, want the marker in all 3 files", found)
	}
}

func markerCase(i int) cases.Case {
	c := cases.Case{
		Status:     "contact_lost",
		AssignedTo: markers[10],
		Tags:       []string{"marker-tag"},
		Person: cases.Person{
			Name: markers[0], Aliases: []string{markers[1]}, Facility: markers[2], Region: markers[3],
			Phones: []string{markers[4]}, Unit: markers[8],
			Handles: []cases.Handle{{Channel: "signal", Value: markers[11]}},
		},
		Reporters: []cases.Reporter{{Name: markers[10], Relation: "mother", Contact: markers[4], Consent: "internal"}},
		Events: []cases.Event{{Date: "2022-07-10", Type: "message_received", Channel: "whatsapp",
			From: markers[5], Text: markers[6] + " " + markers[7], Place: markers[9], Verification: "unverified"}},
		Places: []cases.Place{{Name: markers[9], Kind: "hospital", Region: markers[3]}},
		Notes:  markers[7],
	}
	c.Person.Aliases = append(c.Person.Aliases, string(rune('A'+i)))
	return c
}

func TestNoPlaintextInVaultFiles(t *testing.T) {
	v, path, _ := vaulttest.New(t)
	var added []cases.Case
	for i := range 20 {
		c, err := v.Add(ctx, markerCase(i))
		if err != nil {
			t.Fatal(err)
		}
		added = append(added, c)
	}
	for _, c := range added[:10] {
		c.Notes = markers[6] + " edited"
		if _, err := v.Update(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range added[10:15] {
		if err := v.Delete(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
	}
	// Scan while open (the WAL and shared-memory files exist now) and again
	// after closing.
	scanFolder(t, filepath.Dir(path), markers)
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	scanFolder(t, filepath.Dir(path), markers)
}
