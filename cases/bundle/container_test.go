package bundle_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"filippo.io/age"

	"kintrace/cases/bundle"
	"kintrace/crypto"
)

type sealed struct {
	file     []byte
	sender   *crypto.Identity
	receiver *crypto.Identity
}

func newIdentity(t testing.TB) *crypto.Identity {
	t.Helper()
	id, err := crypto.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func testManifest(t testing.TB) *bundle.Manifest {
	id, err := bundle.NewID()
	if err != nil {
		t.Fatal(err)
	}
	return &bundle.Manifest{ID: id, Created: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), Sequence: 1,
		Redaction: "full", Cases: []bundle.ManifestCase{{ID: "01JD8Q7W3K9F2M6T4R0YB5XHCN", Version: 2,
			SHA256: "0000000000000000000000000000000000000000000000000000000000000000",
			Parents: []bundle.ManifestVersion{{Version: 1,
				SHA256: "1111111111111111111111111111111111111111111111111111111111111111"}}}}}
}

var testEntries = map[string][]byte{"cases.json": []byte(`{"format":1,"cases":[]}`), "attachments/a1": bytes.Repeat([]byte("x"), 200_000)}

func entries() []bundle.Entry {
	return []bundle.Entry{bundle.BytesEntry("cases.json", testEntries["cases.json"]),
		bundle.BytesEntry("attachments/a1", testEntries["attachments/a1"])}
}

func seal(t testing.TB) sealed {
	t.Helper()
	s := sealed{sender: newIdentity(t), receiver: newIdentity(t)}
	var buf bytes.Buffer
	err := bundle.Write(context.Background(), &buf, testManifest(t), entries(),
		bundle.SealOptions{Sender: s.sender, Recipients: []crypto.PublicKey{s.receiver.Public()}})
	if err != nil {
		t.Fatal(err)
	}
	s.file = buf.Bytes()
	return s
}

func read(file []byte, opt bundle.OpenOptions) (*bundle.Opened, map[string][]byte, error) {
	got := map[string][]byte{}
	ob, err := bundle.Read(context.Background(), bytes.NewReader(file), opt, func(e bundle.ManifestEntry, r io.Reader) error {
		b, err := io.ReadAll(r)
		got[e.Name] = b
		return err
	})
	return ob, got, err
}

func TestContainerRoundTrip(t *testing.T) {
	s := seal(t)
	for name, id := range map[string]*crypto.Identity{"receiver": s.receiver, "sender": s.sender} {
		ob, got, err := read(s.file, bundle.OpenOptions{Identity: id})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !ob.Sender.Equal(s.sender.Public()) || len(ob.Manifest.Recipients) != 2 {
			t.Errorf("%s: sender or recipients wrong: %+v", name, ob.Manifest)
		}
		for k, want := range testEntries {
			if !bytes.Equal(got[k], want) {
				t.Errorf("%s: entry %s differs", name, k)
			}
		}
	}
}

// TestOpenBundleThenEntries checks the two-step read: OpenBundle verifies
// the head and gives the manifest before any entry is read, ReadEntries
// then reads and checks the entries once, and a bundle closed without
// reading its entries stops its read-ahead.
func TestOpenBundleThenEntries(t *testing.T) {
	s := seal(t)
	br, err := bundle.Open(context.Background(), bytes.NewReader(s.file), bundle.OpenOptions{Identity: s.receiver})
	if err != nil {
		t.Fatal(err)
	}
	if m := br.Opened().Manifest; len(m.Entries) != 2 || m.Entries[1].Size != 200_000 {
		t.Fatalf("manifest before the entries: %+v", m.Entries)
	}
	got := map[string][]byte{}
	err = br.ReadEntries(context.Background(), func(e bundle.ManifestEntry, r io.Reader) error {
		b, err := io.ReadAll(r)
		got[e.Name] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range testEntries {
		if !bytes.Equal(got[k], want) {
			t.Errorf("entry %s differs", k)
		}
	}
	if err := br.ReadEntries(context.Background(), nil); err == nil {
		t.Error("entries read twice")
	}
	br.Close()

	// A damaged last byte passes OpenBundle (the head is intact) and is
	// caught by ReadEntries.
	bad := bytes.Clone(s.file)
	bad[len(bad)-1] ^= 1
	br, err = bundle.Open(context.Background(), bytes.NewReader(bad), bundle.OpenOptions{Identity: s.receiver})
	if err != nil {
		t.Fatal(err)
	}
	if err := br.ReadEntries(context.Background(), nil); !errors.Is(err, crypto.ErrCorrupt) {
		t.Errorf("damaged entries: %v", err)
	}
	br.Close()
	br, err = bundle.Open(context.Background(), bytes.NewReader(s.file), bundle.OpenOptions{Identity: s.receiver})
	if err != nil {
		t.Fatal(err)
	}
	br.Close()
	if _, err := bundle.Open(context.Background(), bytes.NewReader(s.file), bundle.OpenOptions{Identity: newIdentity(t)}); !errors.Is(err, bundle.ErrNotRecipient) {
		t.Errorf("a stranger opened the bundle: %v", err)
	}
}

func TestBundlePassphrase(t *testing.T) {
	defer crypto.UseInsecureKDFForTests()()
	sender := newIdentity(t)
	var buf bytes.Buffer
	pass := []byte("correct horse battery staple")
	if err := bundle.Write(context.Background(), &buf, testManifest(t), entries(),
		bundle.SealOptions{Sender: sender, Passphrase: pass}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := read(buf.Bytes(), bundle.OpenOptions{Passphrase: pass}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		opt  bundle.OpenOptions
		want error
	}{
		{bundle.OpenOptions{Passphrase: []byte("wrong")}, crypto.ErrWrongPassphrase},
		{bundle.OpenOptions{Identity: sender}, bundle.ErrNeedPassphrase},
	}
	for _, tt := range tests {
		if _, _, err := read(buf.Bytes(), tt.opt); !errors.Is(err, tt.want) {
			t.Errorf("got %v, want %v", err, tt.want)
		}
	}
	if err := bundle.Write(context.Background(), io.Discard, testManifest(t), nil, bundle.SealOptions{Sender: sender,
		Passphrase: pass, Recipients: []crypto.PublicKey{sender.Public()}}); err == nil {
		t.Error("a passphrase mixed with recipients was accepted")
	}
}

// The age library (the same format as the age command) opens a bundle with
// the recipient's identity and the manifest inside is readable JSON.
// TestBundlePassphraseWorkFactorCapped: a passphrase bundle whose scrypt
// work factor is above what Kintrace writes (age alone accepts up to 2^22,
// seconds and GiBs per try) is refused as damaged before scrypt runs.
func TestBundlePassphraseWorkFactorCapped(t *testing.T) {
	defer crypto.UseInsecureKDFForTests()()
	pass := []byte("correct horse battery staple")
	var buf bytes.Buffer
	if err := bundle.Write(context.Background(), &buf, testManifest(t), entries(),
		bundle.SealOptions{Sender: newIdentity(t), Passphrase: pass}); err != nil {
		t.Fatal(err)
	}
	// The same plaintext sealed again with one more work factor step.
	id, err := age.NewScryptIdentity(string(pass))
	if err != nil {
		t.Fatal(err)
	}
	pr, err := age.Decrypt(bytes.NewReader(buf.Bytes()), id)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(pr)
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.NewScryptRecipient(string(pass))
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(crypto.ScryptWorkFactor() + 1)
	var costly bytes.Buffer
	w, err := age.Encrypt(&costly, r)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(plain)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := read(costly.Bytes(), bundle.OpenOptions{Passphrase: pass}); !errors.Is(err, crypto.ErrCorrupt) {
		t.Errorf("work factor %d: err = %v, want ErrCorrupt", crypto.ScryptWorkFactor()+1, err)
	}
}

func TestBundleIsAgeFile(t *testing.T) {
	s := seal(t)
	id, err := age.ParseX25519Identity(s.receiver.AgeIdentity().String())
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(bytes.NewReader(s.file), id)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(plain, []byte("kintrace-bundle/1\n")) || !bytes.Contains(plain, []byte(`{"format":"kintrace-bundle/1"`)) ||
		!bytes.Contains(plain, testEntries["cases.json"]) {
		t.Fatal("the plaintext does not hold the container, the manifest and the cases")
	}
}

func TestBundleRefused(t *testing.T) {
	s := seal(t)
	other := newIdentity(t)
	plain := decrypt(t, s.file, s.receiver)
	tests := []struct {
		name string
		file []byte
		id   *crypto.Identity
		want error
	}{
		{"not age", []byte("hello"), s.receiver, bundle.ErrNotBundle},
		{"plain age file", encrypt(t, []byte(`{"format":1,"cases":[]}`), other), other, bundle.ErrNotBundle},
		{"other recipient", s.file, other, bundle.ErrNotRecipient},
		{"re-encrypted to another", encrypt(t, plain, other), other, bundle.ErrRecipientMismatch},
		{"trailing plaintext", encrypt(t, append(bytes.Clone(plain), 0), s.receiver), s.receiver, crypto.ErrCorrupt},
		{"trailing bytes", append(bytes.Clone(s.file), 0), s.receiver, crypto.ErrCorrupt},
		{"truncated", s.file[:len(s.file)-10], s.receiver, crypto.ErrCorrupt},
		{"unknown signer", encrypt(t, resign(t, plain, other), s.receiver), s.receiver, bundle.ErrBadSignature},
	}
	for _, tt := range tests {
		if _, _, err := read(tt.file, bundle.OpenOptions{Identity: tt.id}); !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
	}
}

// resign replaces the signature with one by another key: the manifest still
// names the original sender, so it must not verify.
func resign(t *testing.T, plain []byte, by *crypto.Identity) []byte {
	t.Helper()
	i := bytes.Index(plain, []byte("manifest.sig"))
	out := bytes.Clone(plain)
	mstart := len("kintrace-bundle/1\n") + 2 + len("manifest.json") + 8
	manifest := plain[mstart : i-2]
	copy(out[i+len("manifest.sig")+8:], bundle.SignManifest(by, manifest))
	return out
}

func decrypt(t *testing.T, file []byte, id *crypto.Identity) []byte {
	t.Helper()
	r, err := age.Decrypt(bytes.NewReader(file), id.AgeIdentity())
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func encrypt(t *testing.T, plain []byte, to *crypto.Identity) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, to.Public().Age)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(plain)
	w.Close()
	return buf.Bytes()
}

func TestWriteBundleChecksSources(t *testing.T) {
	id := newIdentity(t)
	e := bundle.BytesEntry("cases.json", []byte("abc"))
	e.SHA256[0] ^= 1
	if err := bundle.Write(context.Background(), io.Discard, testManifest(t), []bundle.Entry{e},
		bundle.SealOptions{Sender: id}); err == nil {
		t.Error("an entry whose bytes do not match its hash was written")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := bundle.Write(ctx, io.Discard, testManifest(t), entries(),
		bundle.SealOptions{Sender: id}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled write: %v", err)
	}
}

func TestParseManifestStrict(t *testing.T) {
	m := testManifest(t)
	id := newIdentity(t)
	var buf bytes.Buffer
	if err := bundle.Write(context.Background(), &buf, m, nil, bundle.SealOptions{Sender: id}); err != nil {
		t.Fatal(err)
	}
	good, _ := m.Marshal()
	if _, err := bundle.ParseManifest(good); err != nil {
		t.Fatal(err)
	}
	tests := map[string][]byte{
		"spaces":     bytes.Replace(good, []byte(`,"id"`), []byte(`, "id"`), 1),
		"repeated":   bytes.Replace(good, []byte(`,"id"`), []byte(`,"id":"x","id"`), 1),
		"capital":    bytes.Replace(good, []byte(`"sequence"`), []byte(`"Sequence"`), 1),
		"unknown":    bytes.Replace(good, []byte(`{"format"`), []byte(`{"x":1,"format"`), 1),
		"zero seq":   bytes.Replace(good, []byte(`"sequence":1`), []byte(`"sequence":0`), 1),
		"bad parent": bytes.Replace(good, []byte(`"version":1`), []byte(`"version":2`), 1),
		"redaction":  bytes.Replace(good, []byte(`"full"`), []byte(`"some"`), 1),
	}
	for name, data := range tests {
		if _, err := bundle.ParseManifest(data); !errors.Is(err, crypto.ErrCorrupt) {
			t.Errorf("%s: got %v, want ErrCorrupt", name, err)
		}
	}
	newer := bytes.Replace(good, []byte(`kintrace-bundle/1`), []byte(`kintrace-bundle/2`), 1)
	if _, err := bundle.ParseManifest(newer); !errors.Is(err, crypto.ErrUnsupported) {
		t.Errorf("newer format: got %v, want ErrUnsupported", err)
	}
}

func FuzzParseManifest(f *testing.F) {
	m := testManifest(f)
	id := newIdentity(f)
	bundle.Write(context.Background(), io.Discard, m, entries(), bundle.SealOptions{Sender: id})
	good, _ := m.Marshal()
	f.Add(good)
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := bundle.ParseManifest(data)
		if err != nil {
			return
		}
		again, err := m.Marshal()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted manifest does not re-encode to itself")
		}
	})
}

func FuzzReadContainer(f *testing.F) {
	s := seal(f)
	f.Add(decryptTB(f, s.file, s.receiver))
	f.Add([]byte("kintrace-bundle/1\n"))
	f.Fuzz(func(t *testing.T, plain []byte) {
		bundle.ReadContainer(context.Background(), bytes.NewReader(plain), bundle.OpenOptions{Identity: s.receiver},
			func(e bundle.ManifestEntry, r io.Reader) error {
				_, err := io.Copy(io.Discard, r)
				return err
			})
	})
}

func decryptTB(tb testing.TB, file []byte, id *crypto.Identity) []byte {
	r, err := age.Decrypt(bytes.NewReader(file), id.AgeIdentity())
	if err != nil {
		tb.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestNewBundlePassphrase(t *testing.T) {
	seen := map[string]bool{}
	counts := map[byte]int{}
	for range 200 {
		p, err := bundle.NewPassphrase()
		if err != nil {
			t.Fatal(err)
		}
		words := strings.Split(p, "-")
		if len(words) != 5 || seen[p] {
			t.Fatalf("passphrase %q: want five words, never repeated", p)
		}
		seen[p] = true
		for _, w := range words {
			if len(w) != 6 {
				t.Fatalf("word %q: want three syllables", w)
			}
			counts[w[0]]++
		}
	}
	// All 16 consonants turn up in 1000 first letters.
	if len(counts) != 16 {
		t.Errorf("first letters used: %d of 16", len(counts))
	}
}

// FuzzReadContainerEntries keeps a valid signed head (magic, manifest,
// signature) and fuzzes what follows, so the entry parser and its checks
// against the manifest are reached.
func FuzzReadContainerEntries(f *testing.F) {
	s := seal(f)
	plain := decryptTB(f, s.file, s.receiver)
	sigAt := bytes.Index(plain, []byte("manifest.sig"))
	headLen := sigAt + len("manifest.sig") + 8 + 64
	head, tail := plain[:headLen], plain[headLen:]
	f.Add(bytes.Clone(tail))
	f.Add(tail[:len(tail)/2])
	f.Add(append(bytes.Clone(tail), 0))
	f.Add([]byte{0, 0})
	f.Fuzz(func(t *testing.T, tail []byte) {
		got := map[string][]byte{}
		in := append(bytes.Clone(head), tail...)
		_, err := bundle.ReadContainer(context.Background(), bytes.NewReader(in), bundle.OpenOptions{Identity: s.receiver},
			func(e bundle.ManifestEntry, r io.Reader) error {
				b, err := io.ReadAll(r)
				got[e.Name] = b
				return err
			})
		if err == nil {
			for name, want := range testEntries {
				if !bytes.Equal(got[name], want) {
					t.Fatalf("accepted a container whose %s differs from the signed one", name)
				}
			}
		}
	})
}

// trackedSource counts opens and closes of entry sources.
type trackedSource struct {
	io.Reader
	open *atomic.Int32
}

func (s trackedSource) Close() error { s.open.Add(-1); return nil }

// TestWriteBundleSourcesReadAhead: WriteBundle opens the next entries'
// sources ahead of writing them; whether it succeeds or fails part way
// (a source that cannot be opened, one longer than declared, a cancelled
// context), every source it opened is closed when it returns.
func TestWriteBundleSourcesReadAhead(t *testing.T) {
	id := newIdentity(t)
	var open atomic.Int32
	entry := func(name string, data []byte, declared int64, openErr error) bundle.Entry {
		e := bundle.BytesEntry(name, data)
		e.Size = declared
		e.Open = func() (io.ReadCloser, error) {
			if openErr != nil {
				return nil, openErr
			}
			open.Add(1)
			return trackedSource{bytes.NewReader(data), &open}, nil
		}
		return e
	}
	big := bytes.Repeat([]byte("k"), 3<<20)
	errOpen := errors.New("cannot open")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range []struct {
		name    string
		ctx     context.Context
		entries []bundle.Entry
		want    error
	}{
		{"all good", context.Background(), []bundle.Entry{entry("a", big, int64(len(big)), nil), entry("b", []byte("x"), 1, nil), entry("c", big, int64(len(big)), nil)}, nil},
		{"third fails to open", context.Background(), []bundle.Entry{entry("a", big, int64(len(big)), nil), entry("b", big, int64(len(big)), nil), entry("c", nil, 0, errOpen)}, errOpen},
		{"first longer than declared", context.Background(), []bundle.Entry{entry("a", big, 100, nil), entry("b", big, int64(len(big)), nil)}, nil},
		{"cancelled", cancelled, []bundle.Entry{entry("a", big, int64(len(big)), nil)}, context.Canceled},
	} {
		var buf bytes.Buffer
		err := bundle.Write(tt.ctx, &buf, testManifest(t), tt.entries, bundle.SealOptions{Sender: id})
		switch {
		case tt.name == "all good" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.name != "all good" && err == nil:
			t.Errorf("%s: no error", tt.name)
		case tt.want != nil && !errors.Is(err, tt.want):
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
		if n := open.Load(); n != 0 {
			t.Errorf("%s: %d sources left open", tt.name, n)
		}
		if tt.name == "all good" {
			_, got, err := read(buf.Bytes(), bundle.OpenOptions{Identity: id})
			if err != nil || !bytes.Equal(got["a"], big) || !bytes.Equal(got["c"], big) || string(got["b"]) != "x" {
				t.Errorf("%s: read back: %v", tt.name, err)
			}
		}
	}
}
