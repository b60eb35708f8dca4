package vault_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/media"
	"kintrace/cases/search"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
)

// attachFixture is an unlocked vault holding one case.
func attachFixture(t testing.TB) (*vault.Vault, string, cases.Case) {
	t.Helper()
	v, path, _ := vaulttest.New(t)
	c, err := v.Add(ctx, vaulttest.SampleCase("Олег Морозов"))
	if err != nil {
		t.Fatal(err)
	}
	return v, path, c
}

func TestAttachmentRoundTrip(t *testing.T) {
	sizes := []struct {
		name string
		n    int64
	}{
		{"0 B", 0}, {"1 B", 1}, {"64 KiB - 1", crypto.ChunkSize - 1}, {"64 KiB", crypto.ChunkSize},
		{"64 KiB + 1", crypto.ChunkSize + 1}, {"128 KiB", 2 * crypto.ChunkSize}, {"50 MB", 50_000_000},
	}
	v, path, c := attachFixture(t)
	ids := map[string]string{}
	for i, s := range sizes {
		t.Run(s.name, func(t *testing.T) {
			src := vaulttest.NewPattern(s.n, byte(i))
			var calls int
			var last int64
			a, err := v.AddAttachment(ctx, c.ID, nil, "file.bin", src, func(done int64) {
				if done < last {
					t.Errorf("progress went back from %d to %d", last, done)
				}
				calls++
				last = done
			})
			if err != nil {
				t.Fatalf("AddAttachment: %v", err)
			}
			wantCalls := max(1, int((s.n+crypto.ChunkSize-1)/crypto.ChunkSize))
			if calls != wantCalls || last != s.n {
				t.Errorf("progress: %d calls ending at %d, want %d ending at %d", calls, last, wantCalls, s.n)
			}
			if a.Size != s.n || a.SHA256 != src.Sum() || a.CaseID != c.ID || a.Name != "file.bin" {
				t.Errorf("Attachment = %+v, want size %d sha %s", a, s.n, src.Sum())
			}
			rc, got, err := v.OpenAttachment(ctx, a.ID)
			if err != nil {
				t.Fatalf("OpenAttachment: %v", err)
			}
			h := sha256.New()
			n, err := io.CopyBuffer(h, rc, make([]byte, 1000)) // reads that straddle chunks
			if err != nil {
				t.Fatalf("reading: %v", err)
			}
			rc.Close()
			if n != s.n || hex.EncodeToString(h.Sum(nil)) != src.Sum() || got != a {
				t.Errorf("read %d bytes, sha %x, attachment %+v; want %d bytes, %s, %+v", n, h.Sum(nil), got, s.n, src.Sum(), a)
			}
			ids[a.ID] = src.Sum()
		})
	}
	// Everything survives closing, reopening and the integrity check.
	v2 := vaulttest.Reopen(t, v, path)
	list, err := v2.Attachments(ctx, c.Number)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(sizes) {
		t.Fatalf("Attachments after reopen: %d, want %d", len(list), len(sizes))
	}
	for _, a := range list {
		data, _, err := vaulttest.ReadAttachment(t, v2, a.ID)
		if err != nil {
			t.Fatalf("reading %s after reopen: %v", a.ID, err)
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != ids[a.ID] {
			t.Errorf("attachment %s changed after reopen", a.ID)
		}
	}
}

func TestAttachmentMetadata(t *testing.T) {
	v, _, c := attachFixture(t)
	other, err := v.Add(ctx, vaulttest.SampleCase("Анна Смирнова"))
	if err != nil {
		t.Fatal(err)
	}
	ev := 0
	a1, err := v.AddAttachment(ctx, c.ID, &ev, "/home/user/Скриншот чата.png", bytes.NewReader([]byte("\x89PNG\r\n\x1a\nrest")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a1.Name != "Скриншот чата.png" || a1.Type != "image/png" || a1.Event == nil || *a1.Event != 0 {
		t.Errorf("first attachment = %+v", a1)
	}
	a2, err := v.AddAttachment(ctx, c.ID, nil, `C:\scans\note.txt`, strings.NewReader("plain words\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a2.Name != "note.txt" || !media.IsText(a2.Type) || a2.Event != nil {
		t.Errorf("second attachment = %+v", a2)
	}
	if _, err := v.AddAttachment(ctx, other.ID, nil, "x.bin", strings.NewReader("x"), nil); err != nil {
		t.Fatal(err)
	}
	list, err := v.Attachments(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != a1.ID || list[1].ID != a2.ID {
		t.Errorf("Attachments = %+v, want the two of this case in order", list)
	}

	bad := 5
	tests := []struct {
		name   string
		caseID string
		event  *int
		file   string
		want   error
	}{
		{"unknown case", cases.NewID(), nil, "a.txt", vault.ErrNotFound},
		{"event out of range", c.ID, &bad, "a.txt", vault.ErrNotFound},
		{"empty name", c.ID, nil, "  ", vault.ErrAttachmentName},
		{"control character", c.ID, nil, "a\x07.txt", vault.ErrAttachmentName},
		{"too long", c.ID, nil, strings.Repeat("я", 200), vault.ErrAttachmentName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := v.AddAttachment(ctx, tt.caseID, tt.event, tt.file, strings.NewReader("data"), nil)
			if !errors.Is(err, tt.want) {
				t.Errorf("AddAttachment error = %v, want %v", err, tt.want)
			}
		})
	}
	if list, _ := v.Attachments(ctx, c.ID); len(list) != 2 {
		t.Errorf("failed adds left %d attachments, want 2", len(list))
	}
	if _, _, err := v.OpenAttachment(ctx, cases.NewID()); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("OpenAttachment(unknown) = %v, want ErrNotFound", err)
	}
}

func TestAttachmentRemove(t *testing.T) {
	v, path, c := attachFixture(t)
	keep, err := v.AddAttachment(ctx, c.ID, nil, "keep.bin", vaulttest.NewPattern(100_000, 1), nil)
	if err != nil {
		t.Fatal(err)
	}
	gone, err := v.AddAttachment(ctx, c.ID, nil, "gone.bin", vaulttest.NewPattern(300_000, 2), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.RemoveAttachment(ctx, gone.ID); err != nil {
		t.Fatalf("RemoveAttachment: %v", err)
	}
	if err := v.RemoveAttachment(ctx, gone.ID); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("second RemoveAttachment = %v, want ErrNotFound", err)
	}
	if _, _, err := v.OpenAttachment(ctx, gone.ID); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("OpenAttachment(removed) = %v, want ErrNotFound", err)
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() != 0 {
		t.Errorf("WAL holds %d bytes after a removal, want it checkpointed and truncated", st.Size())
	}
	v = vaulttest.Reopen(t, v, path) // the integrity head still matches
	if list, _ := v.Attachments(ctx, c.ID); len(list) != 1 || list[0].ID != keep.ID {
		t.Errorf("Attachments after removal = %+v", list)
	}
	if err := v.RemoveCaseAttachments(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	v = vaulttest.Reopen(t, v, path)
	if list, _ := v.Attachments(ctx, c.ID); len(list) != 0 {
		t.Errorf("RemoveCaseAttachments left %d", len(list))
	}
	// Deleting a case deletes its attachments, and only its own.
	other, err := v.Add(ctx, vaulttest.SampleCase("Анна Смирнова"))
	if err != nil {
		t.Fatal(err)
	}
	kept, err := v.AddAttachment(ctx, other.ID, nil, "other.bin", vaulttest.NewPattern(70_000, 3), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.AddAttachment(ctx, c.ID, nil, "again.bin", vaulttest.NewPattern(70_000, 4), nil); err != nil {
		t.Fatal(err)
	}
	if err := v.Delete(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	v = vaulttest.Reopen(t, v, path)
	if list, _ := v.Attachments(ctx, other.ID); len(list) != 1 || list[0].ID != kept.ID {
		t.Errorf("the other case's attachments after deleting a case: %+v", list)
	}
	if err := v.RemoveAttachment(ctx, kept.ID); err != nil {
		t.Fatal(err)
	}
	v.Close()
	if n := vaulttest.ChunkRows(t, path); n != 0 {
		t.Errorf("%d chunk rows left after removing every attachment", n)
	}
}

func TestAttachmentTamper(t *testing.T) {
	const size = 3*crypto.ChunkSize + 1000 // chunks 0..3, the last short
	// ids[i] is the victim's chunk i (and ids[4] the one after its last),
	// other[i] the other attachment's.
	type chunks struct{ ids, other []string }
	exec := func(q string, args ...func(c chunks) any) func(*testing.T, *sql.DB, chunks) {
		return func(t *testing.T, db *sql.DB, c chunks) {
			t.Helper()
			var vals []any
			for _, a := range args {
				vals = append(vals, a(c))
			}
			if _, err := db.Exec(q, vals...); err != nil {
				t.Fatal(err)
			}
		}
	}
	id := func(i int) func(c chunks) any { return func(c chunks) any { return c.ids[i] } }
	otherID := func(i int) func(c chunks) any { return func(c chunks) any { return c.other[i] } }
	tests := []struct {
		name    string
		tamper  func(t *testing.T, db *sql.DB, c chunks)
		chunk   int64
		problem string
	}{
		{"flipped byte", func(t *testing.T, db *sql.DB, c chunks) {
			var data []byte
			db.QueryRow(`SELECT data FROM attachment_chunks WHERE id = ?`, c.ids[1]).Scan(&data)
			data[500] ^= 0x01
			if _, err := db.Exec(`UPDATE attachment_chunks SET data = ? WHERE id = ?`, data, c.ids[1]); err != nil {
				t.Fatal(err)
			}
		}, 1, "authentication"},
		{"removed chunk", exec(`DELETE FROM attachment_chunks WHERE id = ?`, id(2)), 2, "missing"},
		{"removed last chunk", exec(`DELETE FROM attachment_chunks WHERE id = ?`, id(3)), 3, "missing"},
		{"reordered chunks", func(t *testing.T, db *sql.DB, c chunks) {
			exec(`UPDATE attachment_chunks SET id = 'x' WHERE id = ?`, id(1))(t, db, c)
			exec(`UPDATE attachment_chunks SET id = ? WHERE id = ?`, id(1), id(2))(t, db, c)
			exec(`UPDATE attachment_chunks SET id = ? WHERE id = 'x'`, id(2))(t, db, c)
		}, 1, "authentication"},
		{"truncated last chunk", exec(`UPDATE attachment_chunks SET data = substr(data, 1, 900) WHERE id = ?`, id(3)), 3, "cut short"},
		{"last chunk replaced by a full one", exec(`UPDATE attachment_chunks SET data = (SELECT data FROM attachment_chunks
			WHERE id = ?) WHERE id = ?`, id(0), id(3)), 3, "authentication"},
		{"appended chunk", exec(`INSERT INTO attachment_chunks (id, data)
			SELECT ?, data FROM attachment_chunks WHERE id = ?`, id(4), id(3)), 4, "extra"},
		{"chunk from another attachment", exec(`UPDATE attachment_chunks SET data = (SELECT data FROM attachment_chunks
			WHERE id = ?) WHERE id = ?`, otherID(0), id(0)), 0, "authentication"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, path, c := attachFixture(t)
			victim, err := v.AddAttachment(ctx, c.ID, nil, "victim.bin", vaulttest.NewPattern(size, 7), nil)
			if err != nil {
				t.Fatal(err)
			}
			other, err := v.AddAttachment(ctx, c.ID, nil, "other.bin", vaulttest.NewPattern(size, 8), nil)
			if err != nil {
				t.Fatal(err)
			}
			list, _ := v.Attachments(ctx, c.ID)
			ids := chunks{v.ChunkIDs(victim.ID, 5), v.ChunkIDs(other.ID, 4)}
			v.Close()
			vaulttest.Raw(t, path, func(db *sql.DB) { tt.tamper(t, db, ids) })
			if chunkCountChanged(t, path, tt.problem) {
				return
			}
			// The head counts chunk rows but does not hash them: the
			// sealed metadata binds them, so the vault still unlocks and
			// the damage shows on reading.
			v = vaulttest.OpenUnlocked(t, path)
			_, _, err = vaulttest.ReadAttachment(t, v, victim.ID)
			var ae *vault.AttachmentError
			if !errors.As(err, &ae) || !errors.Is(err, crypto.ErrCorrupt) {
				t.Fatalf("reading a tampered attachment: %v, want an *AttachmentError wrapping ErrCorrupt", err)
			}
			if ae.Chunk != tt.chunk || !strings.Contains(ae.Problem, tt.problem) {
				t.Errorf("error = %q (chunk %d), want chunk %d and %q", ae.Error(), ae.Chunk, tt.chunk, tt.problem)
			}
			// The untouched attachment still reads.
			for _, a := range list {
				if a.ID != victim.ID {
					if _, _, err := vaulttest.ReadAttachment(t, v, a.ID); err != nil {
						t.Errorf("the other attachment: %v", err)
					}
				}
			}
		})
	}
}

func TestAttachmentMetadataTamperIsReported(t *testing.T) {
	v, path, c := attachFixture(t)
	v.Close()
	before := map[string]bool{}
	vaulttest.Raw(t, path, func(db *sql.DB) {
		rows, err := db.Query(`SELECT id FROM records`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			rows.Scan(&id)
			before[id] = true
		}
	})
	v = vaulttest.OpenUnlocked(t, path)
	if _, err := v.AddAttachment(ctx, c.ID, nil, "a.txt", strings.NewReader("words"), nil); err != nil {
		t.Fatal(err)
	}
	v.Close()
	vaulttest.Raw(t, path, func(db *sql.DB) {
		// The attachment's record is the row that was not there before.
		var ids []any
		for id := range before {
			ids = append(ids, id)
		}
		q := `DELETE FROM records WHERE id NOT IN (?` + strings.Repeat(`, ?`, len(ids)-1) + `)`
		if res, err := db.Exec(q, ids...); err != nil {
			t.Fatal(err)
		} else if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("removed %d rows", n)
		}
	})
	v2, err := vault.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer v2.Close()
	if err := v2.Unlock(ctx, []byte(vaulttest.Passphrase), nil); !errors.Is(err, vault.ErrTampered) {
		t.Errorf("Unlock after removing an attachment's record = %v, want ErrTampered", err)
	}
}

func TestAttachmentCancelLeavesNothing(t *testing.T) {
	v, path, c := attachFixture(t)
	cctx, cancel := context.WithCancel(ctx)
	_, err := v.AddAttachment(cctx, c.ID, nil, "big.bin", vaulttest.NewPattern(10_000_000, 3), func(done int64) {
		if done >= 1_000_000 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled add = %v, want context.Canceled", err)
	}
	_, err = v.AddAttachment(ctx, c.ID, nil, "broken.bin", io.MultiReader(vaulttest.NewPattern(500_000, 4), failingReader{}), nil)
	if !errors.Is(err, errReadFailed) {
		t.Errorf("add from a failing reader = %v, want its error", err)
	}
	if list, err := v.Attachments(ctx, c.ID); err != nil || len(list) != 0 {
		t.Errorf("Attachments after failed adds = %v, %v; want none", list, err)
	}
	v = vaulttest.Reopen(t, v, path)
	v.Close()
	if n := vaulttest.ChunkRows(t, path); n != 0 {
		t.Errorf("%d chunk rows left by failed adds", n)
	}
}

var errReadFailed = errors.New("disk unplugged")

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errReadFailed }

func TestAttachmentReaderStopsWhenLocked(t *testing.T) {
	v, _, c := attachFixture(t)
	a, err := v.AddAttachment(ctx, c.ID, nil, "a.bin", vaulttest.NewPattern(4*crypto.ChunkSize, 5), nil)
	if err != nil {
		t.Fatal(err)
	}
	rc, _, err := v.OpenAttachment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if _, err := io.ReadFull(rc, make([]byte, crypto.ChunkSize)); err != nil {
		t.Fatal(err)
	}
	if err := v.Lock(); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(rc); !errors.Is(err, vault.ErrLocked) {
		t.Errorf("reading after Lock = %v, want ErrLocked", err)
	}
	if _, err := v.AddAttachment(ctx, c.ID, nil, "b.bin", strings.NewReader("x"), nil); !errors.Is(err, vault.ErrLocked) {
		t.Errorf("AddAttachment while locked = %v, want ErrLocked", err)
	}
}

// attachMarkers must not appear in any of the vault's files, in UTF-8 or
// UTF-16, after they were attached inside a text file.
var attachMarkers = []string{"Маркер вложения Зинаида", "attachment-marker-7731", "+7 900 555-77-31"}

func TestAttachmentPlaintextNeverOnDisk(t *testing.T) {
	// A small file is added through the WAL, a large one (over 1 MiB) with
	// a rollback journal: both paths are scanned, the large one also in the
	// middle of its transaction.
	for _, repeat := range []int{500, 30_000} {
		t.Run(fmt.Sprint(repeat), func(t *testing.T) {
			v, path, c := attachFixture(t)
			dir := filepath.Dir(path)
			scan := func(when string) {
				entries, err := os.ReadDir(dir)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range entries {
					data, err := os.ReadFile(filepath.Join(dir, e.Name()))
					if err != nil {
						t.Fatal(err)
					}
					for _, m := range attachMarkers {
						for _, enc := range encodings(m) {
							if bytes.Contains(data, enc) {
								t.Errorf("%s: marker %q found in %s", when, m, e.Name())
							}
						}
					}
				}
			}
			text := strings.Repeat("Переписка с вербовщиком\n"+strings.Join(attachMarkers, "\n")+"\n", repeat)
			scanned := false
			a, err := v.AddAttachment(ctx, c.ID, nil, "attachment-marker-7731.txt", strings.NewReader(text), func(done int64) {
				if !scanned && done > int64(len(text))/2 {
					scanned = true
					scan("during the add")
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if !scanned {
				t.Fatal("the scan during the add did not run")
			}
			scan("while open")
			data, _, err := vaulttest.ReadAttachment(t, v, a.ID)
			if err != nil || string(data) != text {
				t.Fatalf("read back %d bytes, %v", len(data), err)
			}
			v.Close()
			scan("after close")
		})
	}
}

const crashEnv = "KINTRACE_ATTACH_CRASH_VAULT"

// TestAttachmentCrashChild is the child process of TestAttachmentKilledMidAdd:
// it adds a large file and prints "halfway" when half of it is written.
func TestAttachmentCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("run by TestAttachmentKilledMidAdd")
	}
	v := vaulttest.OpenUnlocked(t, path)
	list := v.Search(search.Query{})
	printed := false
	v.AddAttachment(ctx, list[0].ID, nil, "big.bin", vaulttest.NewPattern(200_000_000, 9), func(done int64) {
		if done >= 100_000_000 && !printed {
			printed = true
			fmt.Println("halfway")
			time.Sleep(time.Minute) // killed here
		}
	})
	t.Fatal("the child was not killed")
}

// TestAttachmentKilledMidAdd kills a process in the middle of adding a
// large attachment (written with a rollback journal) and checks that the
// vault reopens intact with nothing of it.
func TestAttachmentKilledMidAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100 MB")
	}
	v, path, c := attachFixture(t)
	small, err := v.AddAttachment(ctx, c.ID, nil, "small.txt", strings.NewReader("kept"), nil)
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestAttachmentCrashChild$", "-test.v")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() && sc.Text() != "halfway" {
	}
	if _, err := os.Stat(path + "-journal"); err != nil {
		t.Errorf("no rollback journal while a large file is added: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	v = vaulttest.OpenUnlocked(t, path) // unlock checks the integrity head
	list, err := v.Attachments(ctx, c.ID)
	if err != nil || len(list) != 1 || list[0].ID != small.ID {
		t.Fatalf("after a crash mid-add: %+v, %v; want only the small file", list, err)
	}
	if _, err := os.Stat(path + "-journal"); !os.IsNotExist(err) {
		t.Errorf("the hot journal is still there after reopening: %v", err)
	}
	v.Close()
	if n := vaulttest.ChunkRows(t, path); n != 1 {
		t.Errorf("%d chunk rows after the crash, want the small file's 1", n)
	}
}

// TestAttachmentConcurrentAdds checks that adds from two goroutines are
// serialised by the vault's one connection and both succeed.
func TestAttachmentConcurrentAdds(t *testing.T) {
	v, _, c := attachFixture(t)
	errs := make(chan error, 2)
	for i := range 2 {
		go func() {
			_, err := v.AddAttachment(ctx, c.ID, nil, "p.bin", vaulttest.NewPattern(1_000_000, byte(10+i)), nil)
			errs <- err
		}()
	}
	timeout := time.After(30 * time.Second)
	for range 2 {
		select {
		case err := <-errs:
			if err != nil {
				t.Errorf("concurrent add: %v", err)
			}
		case <-timeout:
			t.Fatal("concurrent adds did not finish")
		}
	}
	if list, _ := v.Attachments(ctx, c.ID); len(list) != 2 {
		t.Errorf("%d attachments after two concurrent adds", len(list))
	}
}

// TestAttachmentReadAcrossBatches damages chunks past the first query's
// batch of an attachment of 20 chunks: reading reports the chunk, and so
// does a bundle export of its case (whose reader leaves the SHA-256 to the
// bundle writer but still authenticates every chunk).
func TestAttachmentReadAcrossBatches(t *testing.T) {
	const size = 19*crypto.ChunkSize + 77
	for _, tt := range []struct {
		name    string
		q       string
		chunk   int64
		problem string
	}{
		{"removed chunk", `DELETE FROM attachment_chunks WHERE id = ?9`, 9, "missing"},
		{"flipped byte", `UPDATE attachment_chunks SET data = zeroblob(length(data)) WHERE id = ?17`, 17, "authentication"},
		{"appended chunk", `INSERT INTO attachment_chunks (id, data) SELECT ?20, data FROM attachment_chunks WHERE id = ?19`, 20, "extra"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			av, apath, _ := vaulttest.New(t)
			bv, _, _ := vaulttest.New(t)
			bkey, err := bv.PublicKey(ctx)
			if err != nil {
				t.Fatal(err)
			}
			c, err := av.Add(ctx, vaulttest.SampleCase("Олег Морозов"))
			if err != nil {
				t.Fatal(err)
			}
			p := vaulttest.NewPattern(size, 3)
			att, err := av.AddAttachment(ctx, c.ID, nil, "long.bin", p, nil)
			if err != nil {
				t.Fatal(err)
			}
			data, _, err := vaulttest.ReadAttachment(t, av, att.ID)
			if err != nil || int64(len(data)) != size || att.SHA256 != p.Sum() {
				t.Fatalf("untouched: %d bytes, %v", len(data), err)
			}
			var ids []any
			for _, id := range av.ChunkIDs(att.ID, 21) {
				ids = append(ids, id)
			}
			av.Close()
			vaulttest.Raw(t, apath, func(db *sql.DB) {
				// ?N is chunk N−1's id: the numbered parameters start at 1.
				if _, err := db.Exec(tt.q, ids[1:1+tt.chunk]...); err != nil {
					t.Fatal(err)
				}
			})
			if chunkCountChanged(t, apath, tt.problem) {
				return
			}
			v := vaulttest.OpenUnlocked(t, apath)
			_, _, err = vaulttest.ReadAttachment(t, v, att.ID)
			var ae *vault.AttachmentError
			if !errors.As(err, &ae) || ae.Chunk != tt.chunk || !strings.Contains(ae.Problem, tt.problem) {
				t.Fatalf("read: %v, want chunk %d %q", err, tt.chunk, tt.problem)
			}
			_, err = bundle.ExportTo(ctx, v, io.Discard, bundle.ExportOptions{CaseIDs: []string{c.ID}, Recipients: []crypto.PublicKey{bkey}, Attachments: true})
			if !errors.As(err, &ae) || ae.Chunk != tt.chunk || !errors.Is(err, crypto.ErrCorrupt) {
				t.Fatalf("export: %v, want chunk %d", err, tt.chunk)
			}
		})
	}
}

// chunkCountChanged checks, for tampering that removed or added chunk rows
// (problem "missing" or "extra"), that unlock refuses the vault: the
// integrity head counts chunk rows. It reports whether it did.
func chunkCountChanged(t *testing.T, path, problem string) bool {
	t.Helper()
	if problem != "missing" && problem != "extra" {
		return false
	}
	v, err := vault.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if err := v.Unlock(ctx, []byte(vaulttest.Passphrase), nil); !errors.Is(err, vault.ErrTampered) {
		t.Errorf("unlock after a chunk row was removed or added: %v, want ErrTampered", err)
	}
	return true
}
