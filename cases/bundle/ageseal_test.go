package bundle

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"filippo.io/age"
)

// ageSealSizes are payload sizes around the chunk (64 KiB) and batch
// (1 MiB) boundaries of ageWriter.
var ageSealSizes = []int{0, 1, ageChunk - 1, ageChunk, ageChunk + 1, ageBatchChunks * ageChunk,
	ageBatchChunks*ageChunk + 1, 2*ageBatchChunks*ageChunk - 5, 3*ageBatchChunks*ageChunk + 17}

// sealWithAgeWriter seals plain with ageWriter, in writes of step bytes.
func sealWithAgeWriter(t *testing.T, plain []byte, step int, recipients ...age.Recipient) []byte {
	t.Helper()
	var out bytes.Buffer
	w, err := newAgeWriter(&out, recipients)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Wipe()
	for p := plain; len(p) > 0; {
		n := min(step, len(p))
		if k, err := w.Write(p[:n]); err != nil || k != n {
			t.Fatalf("Write = %d, %v", k, err)
		}
		p = p[n:]
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func testPlain(n int) []byte {
	p := make([]byte, n)
	for i := range p {
		p[i] = byte(i*7 + i>>9)
	}
	return p
}

// The payload ageWriter seals on every CPU is the age format: the age
// library opens it, at every size around chunk and batch boundaries, to
// key recipients and to a passphrase.
func TestAgeWriterOpensWithAge(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	other, _ := age.GenerateX25519Identity()
	pass, err := age.NewScryptRecipient("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	pass.SetWorkFactor(10)
	passID, _ := age.NewScryptIdentity("correct horse battery staple")
	for _, size := range ageSealSizes {
		for _, step := range []int{1000, 256 << 10} {
			t.Run(fmt.Sprintf("%d/%d", size, step), func(t *testing.T) {
				plain := testPlain(size)
				sealed := sealWithAgeWriter(t, plain, step, other.Recipient(), id.Recipient())
				r, err := age.Decrypt(bytes.NewReader(sealed), id)
				if err != nil {
					t.Fatal(err)
				}
				got, err := io.ReadAll(r)
				if err != nil || !bytes.Equal(got, plain) {
					t.Fatalf("age opened %d bytes (%v), want the %d sealed", len(got), err, len(plain))
				}
			})
		}
	}
	sealed := sealWithAgeWriter(t, testPlain(ageBatchChunks*ageChunk+3), 4096, pass)
	r, err := age.Decrypt(bytes.NewReader(sealed), passID)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, testPlain(ageBatchChunks*ageChunk+3)) {
		t.Fatalf("passphrase: %d bytes, %v", len(got), err)
	}
	// A passphrase cannot be mixed with other recipients, as in age.
	if _, err := newAgeWriter(io.Discard, []age.Recipient{pass, id.Recipient()}); err == nil {
		t.Error("a passphrase mixed with a key recipient was accepted")
	}
}

// A cut or altered payload fails in the age library, as age's own would.
func TestAgeWriterTamper(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	plain := testPlain(2*ageBatchChunks*ageChunk + 100)
	sealed := sealWithAgeWriter(t, plain, 1<<20, id.Recipient())
	for name, bad := range map[string][]byte{
		"cut at a chunk": sealed[:len(sealed)-(100+16)],
		"flipped":        flipByte(sealed, len(sealed)/2),
	} {
		r, err := age.Decrypt(bytes.NewReader(bad), id)
		if err == nil {
			_, err = io.ReadAll(r)
		}
		if err == nil {
			t.Errorf("%s: opened", name)
		}
	}
}

func flipByte(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 1
	return c
}

// The age command-line tool (make tools installs it into bin/tools)
// decrypts what ageWriter seals, across several batches and at a chunk
// boundary.
func TestAgeToolOpensAgeWriter(t *testing.T) {
	tool, err := exec.LookPath("age")
	if err != nil {
		t.Skip("the age tool is not installed (make tools)")
	}
	id, _ := age.GenerateX25519Identity()
	dir := t.TempDir()
	idFile := filepath.Join(dir, "id.txt")
	if err := os.WriteFile(idFile, []byte(id.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{0, ageChunk, 3*ageBatchChunks*ageChunk + 17, 2 * ageBatchChunks * ageChunk} {
		plain := testPlain(size)
		file := filepath.Join(dir, fmt.Sprintf("%d.age", size))
		if err := os.WriteFile(file, sealWithAgeWriter(t, plain, 300_000, id.Recipient()), 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := exec.Command(tool, "-d", "-i", idFile, file).Output()
		if err != nil || !bytes.Equal(got, plain) {
			t.Errorf("%d bytes: age -d gave %d bytes, %v", size, len(got), err)
		}
	}
}

// BenchmarkAgeSeal seals 64 MiB in memory with ageWriter (a batch of
// chunks at a time on every CPU) and with the age library's own writer
// (one chunk after another), in writes of 256 KiB as Write makes them.
func BenchmarkAgeSeal(b *testing.B) {
	id, _ := age.GenerateX25519Identity()
	plain := testPlain(64 << 20)
	out := bytes.NewBuffer(make([]byte, 0, len(plain)+len(plain)/64+4096))
	write := func(w io.Writer) {
		for p := plain; len(p) > 0; p = p[min(len(p), 256<<10):] {
			if _, err := w.Write(p[:min(len(p), 256<<10)]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("ageWriter", func(b *testing.B) {
		b.SetBytes(int64(len(plain)))
		for b.Loop() {
			out.Reset()
			w, err := newAgeWriter(out, []age.Recipient{id.Recipient()})
			if err != nil {
				b.Fatal(err)
			}
			write(w)
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("age.Encrypt", func(b *testing.B) {
		b.SetBytes(int64(len(plain)))
		for b.Loop() {
			out.Reset()
			w, err := age.Encrypt(out, id.Recipient())
			if err != nil {
				b.Fatal(err)
			}
			write(w)
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
