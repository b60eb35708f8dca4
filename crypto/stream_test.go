package crypto_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"testing"

	"kintrace/crypto"
)

// sealStream cuts pt into chunks the way the attachment store does.
func sealStream(t *testing.T, key crypto.Key, prefix, pt, ad []byte) [][]byte {
	t.Helper()
	var chunks [][]byte
	for i := uint64(0); ; i++ {
		n := min(len(pt), crypto.ChunkSize)
		last := len(pt) <= crypto.ChunkSize
		c, err := crypto.SealChunk(key, prefix, i, last, pt[:n], ad)
		if err != nil {
			t.Fatalf("SealChunk(%d): %v", i, err)
		}
		chunks = append(chunks, c)
		pt = pt[n:]
		if last {
			return chunks
		}
	}
}

// openStream opens chunks in order and requires the final one to be flagged.
func openStream(key crypto.Key, prefix []byte, chunks [][]byte, ad []byte) ([]byte, error) {
	var out []byte
	for i, c := range chunks {
		pt, err := crypto.OpenChunk(key, prefix, uint64(i), i == len(chunks)-1, c, ad)
		if err != nil {
			return nil, err
		}
		out = append(out, pt...)
	}
	return out, nil
}

func TestStreamRoundTrip(t *testing.T) {
	key := mustKey(t)
	prefix, err := crypto.NewStreamPrefix()
	if err != nil {
		t.Fatal(err)
	}
	ad := []byte("attachment a1 v1")
	for _, n := range []int{0, 1, crypto.ChunkSize - 1, crypto.ChunkSize, crypto.ChunkSize + 1, 3*crypto.ChunkSize + 17} {
		pt := make([]byte, n)
		rand.Read(pt)
		chunks := sealStream(t, key, prefix, pt, ad)
		wantChunks := max(1, (n+crypto.ChunkSize-1)/crypto.ChunkSize)
		if len(chunks) != wantChunks {
			t.Fatalf("%d bytes: %d chunks, want %d", n, len(chunks), wantChunks)
		}
		got, err := openStream(key, prefix, chunks, ad)
		if err != nil {
			t.Fatalf("%d bytes: %v", n, err)
		}
		if !bytes.Equal(got, pt) {
			t.Fatalf("%d bytes: round trip changed the data", n)
		}
	}
}

func TestStreamAttacks(t *testing.T) {
	key := mustKey(t)
	prefix, _ := crypto.NewStreamPrefix()
	ad := []byte("attachment a1 v1")
	pt := make([]byte, 3*crypto.ChunkSize+100)
	rand.Read(pt)
	chunks := sealStream(t, key, prefix, pt, ad)
	otherPrefix, _ := crypto.NewStreamPrefix()

	tests := map[string]struct {
		key    crypto.Key
		prefix []byte
		chunks [][]byte
		ad     []byte
	}{
		"truncated after a full chunk": {key, prefix, chunks[:3], ad},
		"truncated to first chunk":     {key, prefix, chunks[:1], ad},
		"reordered":                    {key, prefix, [][]byte{chunks[1], chunks[0], chunks[2], chunks[3]}, ad},
		"chunk repeated":               {key, prefix, [][]byte{chunks[0], chunks[0], chunks[2], chunks[3]}, ad},
		"other prefix":                 {key, otherPrefix, chunks, ad},
		"other ad":                     {key, prefix, chunks, []byte("attachment a2 v1")},
		"other key":                    {mustKey(t), prefix, chunks, ad},
		"last chunk dropped, extended": {key, prefix, append(append([][]byte{}, chunks...), chunks[3]), ad},
	}
	for name, tt := range tests {
		if _, err := openStream(tt.key, tt.prefix, tt.chunks, tt.ad); !errors.Is(err, crypto.ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", name, err)
		}
	}
	for i, c := range chunks {
		for _, pos := range []int{0, len(c) / 2, len(c) - 1} {
			mut := bytes.Clone(c)
			mut[pos] ^= 0x40
			if _, err := crypto.OpenChunk(key, prefix, uint64(i), i == 3, mut, ad); !errors.Is(err, crypto.ErrCorrupt) {
				t.Errorf("chunk %d byte %d flipped: err = %v", i, pos, err)
			}
		}
	}
}

func TestChunkSizeRules(t *testing.T) {
	key := mustKey(t)
	prefix, _ := crypto.NewStreamPrefix()
	tests := []struct {
		name  string
		index uint64
		last  bool
		n     int
		ok    bool
	}{
		{"empty only chunk", 0, true, 0, true},
		{"empty final chunk later", 1, true, 0, false},
		{"short non-final", 0, false, 100, false},
		{"full non-final", 5, false, crypto.ChunkSize, true},
		{"oversized", 0, true, crypto.ChunkSize + 1, false},
		{"index with flag bit", 1 << 63, true, 1, false},
		{"largest index", 1<<63 - 1, true, 1, true},
	}
	for _, tt := range tests {
		_, err := crypto.SealChunk(key, prefix, tt.index, tt.last, make([]byte, tt.n), nil)
		if (err == nil) != tt.ok {
			t.Errorf("SealChunk %s: err = %v, want ok=%v", tt.name, err, tt.ok)
		}
		sealed := make([]byte, tt.n+16)
		if _, err := crypto.OpenChunk(key, prefix, tt.index, tt.last, sealed, nil); !errors.Is(err, crypto.ErrCorrupt) {
			t.Errorf("OpenChunk %s: err = %v, want ErrCorrupt", tt.name, err)
		}
	}
	if _, err := crypto.SealChunk(key, prefix[:15], 0, true, nil, nil); err == nil {
		t.Error("SealChunk accepted a 15-byte prefix")
	}
	if _, err := crypto.OpenChunk(key, prefix, 0, true, make([]byte, 15), nil); !errors.Is(err, crypto.ErrCorrupt) {
		t.Errorf("OpenChunk of 15 bytes: err = %v", err)
	}
}

// TestChunkToAppends checks that SealChunkTo and OpenChunkTo give the bytes
// of SealChunk and OpenChunk appended to dst, that a buffer can be reused
// for every chunk, and that a failed open appends nothing.
func TestChunkToAppends(t *testing.T) {
	key := mustKey(t)
	prefix, err := crypto.NewStreamPrefix()
	if err != nil {
		t.Fatal(err)
	}
	ad := []byte("attachment a1 v1")
	pt := make([]byte, 3*crypto.ChunkSize+5)
	rand.Read(pt)
	chunks := sealStream(t, key, prefix, pt, ad)
	sealBuf := make([]byte, 0, crypto.ChunkSize+16)
	openBuf := []byte("head:")
	var got []byte
	for i, c := range chunks {
		last := i == len(chunks)-1
		plain := pt[i*crypto.ChunkSize : min(len(pt), (i+1)*crypto.ChunkSize)]
		// SealChunk draws nothing at random: the same chunk seals to the same bytes.
		s, err := crypto.SealChunkTo(sealBuf[:0], key, prefix, uint64(i), last, plain, ad)
		if err != nil || !bytes.Equal(s, c) {
			t.Fatalf("SealChunkTo(%d) differs from SealChunk: %v", i, err)
		}
		o, err := crypto.OpenChunkTo(openBuf[:5], key, prefix, uint64(i), last, s, ad)
		if err != nil || string(o[:5]) != "head:" || !bytes.Equal(o[5:], plain) {
			t.Fatalf("OpenChunkTo(%d): %v", i, err)
		}
		openBuf = o
		got = append(got, o[5:]...)
	}
	if !bytes.Equal(got, pt) {
		t.Fatal("chunks opened into one buffer do not give the plaintext back")
	}
	bad := bytes.Clone(chunks[0])
	bad[3] ^= 1
	o, err := crypto.OpenChunkTo([]byte("x"), key, prefix, 0, false, bad, ad)
	if !errors.Is(err, crypto.ErrCorrupt) || o != nil {
		t.Fatalf("OpenChunkTo of a changed chunk: %q, %v", o, err)
	}
}
