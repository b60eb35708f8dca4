package bundle_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"filippo.io/age"

	"kintrace/cases/bundle"
	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
)

// refusals are the errors a damaged or misdirected bundle may give: each
// maps to a clear sentence in the CLI and the GUI.
var refusals = []error{crypto.ErrCorrupt, bundle.ErrNotBundle, bundle.ErrNotRecipient, bundle.ErrBadSignature,
	bundle.ErrRecipientMismatch, crypto.ErrUnsupported, bundle.ErrUntrustedSender}

func refused(err error) bool {
	for _, r := range refusals {
		if errors.Is(err, r) {
			return true
		}
	}
	return false
}

// TestBundleTamper feeds a receiving vault every single-byte change and every
// truncation of a small bundle, plus trailing bytes, a re-encrypted copy, a
// forged signature, a bundle from an unknown key and a plain age file. Each
// must be refused with one of the known errors, and the vault's file must be
// byte for byte as before.
func TestBundleTamper(t *testing.T) {
	a, b, c := newPeer(t), newPeer(t), newPeer(t)
	befriend(t, a, b)
	befriend(t, a, c)
	sent, err := a.v.Add(ctx, vaulttest.SampleCase("Иван Петров"))
	if err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(export(t, a, bundle.ExportOptions{CaseIDs: []string{sent.ID}, Recipients: []crypto.PublicKey{b.key}}))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("bundle of %d bytes: %d flips and %d truncations", len(good), len(good), len(good))
	dir := t.TempDir()
	try := func(what string, data []byte, into *peer) {
		t.Helper()
		path := filepath.Join(dir, "t.ktb")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		res, err := bundle.Import(ctx, into.v, path, bundle.ImportOptions{})
		if err == nil || !refused(err) {
			t.Fatalf("%s: import gave %+v, %v; want a refusal", what, res, err)
		}
	}
	before := fileState(t, b.path)

	step := 1
	if testing.Short() {
		step = 13
	}
	for i := 0; i < len(good); i += step {
		bad := bytes.Clone(good)
		bad[i] ^= 0x01
		try("byte "+strconv.Itoa(i)+" flipped", bad, b)
	}
	for n := 0; n < len(good); n += step {
		try("truncated to "+strconv.Itoa(n), good[:n], b)
	}
	try("trailing byte", append(bytes.Clone(good), 0), b)
	try("trailing age data", append(bytes.Clone(good), good...), b)

	bid, _ := b.v.Identity(ctx)
	plain := ageDecrypt(t, good, bid.AgeIdentity())
	// Re-encrypted by the recipient to someone else with the original
	// signed manifest: c opens it, but the signed list does not name c.
	cBefore := fileState(t, c.path)
	try("re-encrypted to another recipient", ageEncrypt(t, plain, c.key.Age), c)
	if fileState(t, c.path) != cBefore {
		t.Error("a refused import changed the other vault's file")
	}
	// The signature replaced by one of another key.
	forged := bytes.Clone(plain)
	sigAt := bytes.Index(forged, []byte("manifest.sig")) + len("manifest.sig") + 8
	mStart := len("kintrace-bundle/1\n") + 2 + len("manifest.json") + 8
	other, _ := crypto.NewIdentity()
	copy(forged[sigAt:], bundle.SignManifest(other, forged[mStart:sigAt-8-len("manifest.sig")-2]))
	try("signature by another key", ageEncrypt(t, forged, b.key.Age), b)
	// A valid bundle from a key b does not know.
	stranger := newPeer(t)
	sc, _ := stranger.v.Add(ctx, vaulttest.SampleCase("Пётр Смирнов"))
	fromStranger, _ := os.ReadFile(export(t, stranger, bundle.ExportOptions{CaseIDs: []string{sc.ID}, Recipients: []crypto.PublicKey{b.key}}))
	try("unknown signer", fromStranger, b)
	try("plain age file", ageEncrypt(t, []byte(`{"format":1,"cases":[]}`), b.key.Age), b)
	try("not age at all", []byte("hello"), b)

	if fileState(t, b.path) != before {
		t.Fatal("a refused import changed the vault file")
	}
	if n := b.v.Index().Len(); n != 0 {
		t.Fatalf("index holds %d cases after refused imports", n)
	}
	// The untouched bundle still imports: the refusals were about damage.
	path := filepath.Join(dir, "good.ktb")
	os.WriteFile(path, good, 0o600)
	if res, err := bundle.Import(ctx, b.v, path, bundle.ImportOptions{}); err != nil || res.New != 1 {
		t.Fatalf("good bundle: %+v, %v", res, err)
	}
}

func ageDecrypt(t *testing.T, data []byte, id age.Identity) []byte {
	t.Helper()
	r, err := age.Decrypt(bytes.NewReader(data), id)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func ageEncrypt(t *testing.T, plain []byte, to age.Recipient) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, to)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(plain)
	w.Close()
	return buf.Bytes()
}
