//go:build linux

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// memoryPassphrase is typed at unlock; nothing else in the process holds it.
const memoryPassphrase = "quartz heron maple drift 42"

// memoryMarkers are case text that appears nowhere but in the test's cases:
// a surname (all four cases), a phone number, a reporter's name and a
// phrase of the notes (the first case).
var memoryMarkers = []string{"Зюзелькина", "+7 903 417-26-58", "Евлампия", "quince marmalade ledger"}

// TestMemoryAfterLock measures what a memory dump of the running GUI holds
// after a lock, as docs/SECURITY.md ("What stays in memory") reports: it
// unlocks a vault of four cases by typing the passphrase, opens every case,
// dumps the process with gcore, locks with Ctrl+L, waits until the window
// reports the lock finished, and dumps it again; each dump is searched for
// the passphrase and the markers in UTF-8 and UTF-16.
func TestMemoryAfterLock(t *testing.T) {
	needTools(t, "Xvfb", "xdotool", "gcore")
	if testing.Short() {
		t.Skip("drives the GUI and dumps its memory twice")
	}
	home := t.TempDir()
	files := writeCaseFiles(t, home, 4, func(i int, s string) string {
		s = strings.ReplaceAll(s, "Лебедев", "Зюзелькин")
		s = strings.ReplaceAll(s, "Сергей Павлович Зюзелькин", fmt.Sprintf("Алла %c. Зюзелькина", 'А'+rune(i)))
		if i == 0 {
			s = strings.ReplaceAll(s, "+7 912 555-01-23", "+7 903 417-26-58")
			s = strings.ReplaceAll(s, `"Оксана"`, `"Евлампия"`)
			s = strings.ReplaceAll(s, "Mother was keen at first", "Mother keeps a quince marmalade ledger")
		}
		return s
	})
	vault := filepath.Join(home, "vault.kintrace")
	makeVault(t, home, vault, memoryPassphrase, files...)

	g := startGUI(t, startXvfb(t), home, vault)
	g.unlockAndOpen(memoryPassphrase, len(files))
	before := countInDump(t, g.pid(), home)
	g.key("ctrl+l")
	g.wait("unlock")
	g.wait("locked")
	after := countInDump(t, g.pid(), home)
	g.quit()

	t.Logf("%-26s %8s %8s", "hits in a gcore dump", "unlocked", "locked")
	for _, m := range append([]string{"passphrase"}, memoryMarkers...) {
		t.Logf("%-26s %8d %8d", m, before[m], after[m])
	}
	// The passphrase lives only in the unlock screen's byte buffer and the
	// copy handed to the KDF, both wiped: no string ever holds it.
	if after["passphrase"] != 0 {
		t.Errorf("%d copies of the passphrase in memory after the lock, want 0", after["passphrase"])
	}
	// A lock starts Kintrace again in the same process (app/restart.go),
	// so nothing of the session's case text is left in its memory.
	for _, m := range memoryMarkers {
		if after[m] != 0 {
			t.Errorf("%d copies of %q in memory after the lock, want 0", after[m], m)
		}
	}
}

// countInDump dumps the process's memory with gcore and counts each marker
// and the passphrase (under the key "passphrase") in it, UTF-8 and UTF-16
// (little and big endian) together.
func countInDump(t *testing.T, pid int, dir string) map[string]int {
	t.Helper()
	prefix := filepath.Join(dir, "core")
	out, err := exec.Command("gcore", "-o", prefix, fmt.Sprint(pid)).CombinedOutput()
	core := fmt.Sprintf("%s.%d", prefix, pid)
	if err != nil {
		t.Fatalf("gcore: %v\n%s", err, out)
	}
	// KINTRACE_KEEP_CORE=/path/prefix keeps the dumps, to find where hits lie.
	if keep := os.Getenv("KINTRACE_KEEP_CORE"); keep != "" {
		defer os.Rename(core, keep+"."+fmt.Sprint(pid)+"."+fmt.Sprint(time.Now().UnixNano()))
	} else {
		defer os.Remove(core)
	}
	needles := map[string][][]byte{"passphrase": encodings(memoryPassphrase)}
	for _, m := range memoryMarkers {
		needles[m] = encodings(m)
	}
	f, err := os.Open(core)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	counts, err := countAll(f, needles)
	if err != nil {
		t.Fatal(err)
	}
	return counts
}

// encodings are s in UTF-8, UTF-16LE and UTF-16BE.
func encodings(s string) [][]byte {
	var le, be []byte
	for _, u := range utf16.Encode([]rune(s)) {
		le = append(le, byte(u), byte(u>>8))
		be = append(be, byte(u>>8), byte(u))
	}
	return [][]byte{[]byte(s), le, be}
}

// countAll counts the needles in r, reading it in chunks that overlap by
// the longest needle so that none is missed at a boundary or counted twice.
func countAll(r io.Reader, needles map[string][][]byte) (map[string]int, error) {
	longest := 0
	for _, ns := range needles {
		for _, n := range ns {
			longest = max(longest, len(n))
		}
	}
	counts := map[string]int{}
	br := bufio.NewReaderSize(r, 1<<20)
	buf := make([]byte, 0, 4<<20)
	for {
		chunk := buf[len(buf):cap(buf)]
		n, err := io.ReadFull(br, chunk)
		buf = buf[:len(buf)+n]
		last := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !last {
			return nil, err
		}
		// Count the matches that start before the tail that the next chunk
		// repeats (all of them in the last chunk).
		limit := len(buf) - (longest - 1)
		if last {
			limit = len(buf)
		}
		for key, ns := range needles {
			for _, needle := range ns {
				for i := 0; ; {
					j := bytes.Index(buf[i:], needle)
					if j < 0 || i+j >= limit {
						break
					}
					counts[key]++
					i += j + 1
				}
			}
		}
		if last {
			return counts, nil
		}
		tail := buf[max(0, limit):]
		buf = append(buf[:0], tail...)
	}
}
