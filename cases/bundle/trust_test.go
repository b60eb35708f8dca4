package bundle_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"kintrace/cases/bundle"
	"kintrace/crypto"
)

// TestManifestEntryCaps: each kind of JSON entry has a cap of its own
// (docs/FORMAT.md); a manifest declaring more is refused before anything
// is allocated. Before these caps any JSON entry could declare 1 GiB.
func TestManifestEntryCaps(t *testing.T) {
	tests := []struct {
		name string
		size int64
		ok   bool
	}{
		{"cases.json", bundle.MaxCasesEntrySize, true},
		{"cases.json", bundle.MaxCasesEntrySize + 1, false},
		{"cases.json", 1 << 30, false},
		{"history.json", bundle.MaxHistoryEntrySize, true},
		{"history.json", bundle.MaxHistoryEntrySize + 1, false},
		{"attachments.json", bundle.MaxAttachmentsEntrySize, true},
		{"attachments.json", bundle.MaxAttachmentsEntrySize + 1, false},
		{"attachments/a1", bundle.MaxBlobEntrySize, true},
		{"attachments/a1", bundle.MaxBlobEntrySize + 1, false},
	}
	id := newIdentity(t)
	for _, tt := range tests {
		m := testManifest(t)
		if err := bundle.Write(context.Background(), io.Discard, m, nil, bundle.SealOptions{Sender: id}); err != nil {
			t.Fatal(err)
		}
		m.Entries = []bundle.ManifestEntry{{Name: tt.name, Size: tt.size, SHA256: string(bytes.Repeat([]byte("0"), 64))}}
		data, err := m.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		_, err = bundle.ParseManifest(data)
		if tt.ok && err != nil {
			t.Errorf("%s of %d bytes: %v, want accepted", tt.name, tt.size, err)
		}
		if !tt.ok && !errors.Is(err, crypto.ErrCorrupt) {
			t.Errorf("%s of %d bytes: %v, want ErrCorrupt", tt.name, tt.size, err)
		}
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestInspectDecidesTrustFromManifest: a stranger's signed bundle whose
// JSON entries exceed MaxUntrustedJSON is refused from its manifest, before
// any entry is read or decoded. Its cases.json is zeros, not JSON: had it
// been read, the error would be "damaged". Trusted by fingerprint, it is
// read (and found damaged).
func TestInspectDecidesTrustFromManifest(t *testing.T) {
	b := newPeer(t)
	stranger := newIdentity(t)
	size := int64(bundle.MaxUntrustedJSON + 1)
	h := sha256.New()
	io.Copy(h, io.LimitReader(zeros{}, size))
	big := bundle.Entry{Name: "cases.json", Size: size, SHA256: [sha256.Size]byte(h.Sum(nil)),
		Open: func() (io.ReadCloser, error) { return io.NopCloser(io.LimitReader(zeros{}, size)), nil }}
	file := filepath.Join(t.TempDir(), "stranger.ktb")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	err = bundle.Write(ctx, f, testManifest(t), []bundle.Entry{big, bundle.BytesEntry("history.json", []byte("{}"))},
		bundle.SealOptions{Sender: stranger, Recipients: []crypto.PublicKey{b.key}})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}

	fp := stranger.Public().Fingerprint()
	_, err = bundle.Inspect(ctx, b.v, file, bundle.ImportOptions{})
	var ue *bundle.UntrustedSenderError
	if !errors.As(err, &ue) || !errors.Is(err, bundle.ErrUntrustedSender) || ue.Fingerprint != fp || ue.JSONSize <= bundle.MaxUntrustedJSON {
		t.Fatalf("inspect of a stranger's large bundle: %v, want UntrustedSenderError naming %s", err, fp)
	}
	if _, err := bundle.Import(ctx, b.v, file, bundle.ImportOptions{}); !errors.Is(err, bundle.ErrUntrustedSender) {
		t.Errorf("import of a stranger's large bundle: %v, want ErrUntrustedSender", err)
	}
	if _, err := bundle.Inspect(ctx, b.v, file, bundle.ImportOptions{Trust: fp}); !errors.Is(err, crypto.ErrCorrupt) || errors.Is(err, bundle.ErrUntrustedSender) {
		t.Errorf("inspect trusted by fingerprint: %v, want it read and found damaged", err)
	}
}
