package crypto_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"kintrace/crypto"
)

// vectors.json is produced by testdata/gen_vectors.py, an independent
// implementation of docs/FORMAT.md in Python (hashlib, hmac and the
// cryptography package), so these tests compare two implementations of the
// specification rather than this code with its own earlier output.
type vectors struct {
	Derive []struct {
		Master, Purpose, Key string
	}
	RecordAD []struct {
		Vault, Kind, Record, Field string
		Version                    int64
		AD                         string
	} `json:"record_ad"`
	Seal []struct {
		Name, Key, Nonce, Plaintext, AD, Sealed string
	}
	Slots []struct {
		Vault, Secret, Master, KEK, Slot string
		RecoverySecret                   string `json:"recovery_secret"`
	}
	Chunks []struct {
		Key, Prefix, Index string
		Last               bool
		AD                 string
		PlaintextLen       int     `json:"plaintext_len"`
		Plaintext          *string `json:"plaintext"`
		Sealed             *string `json:"sealed"`
		SealedSHA256       string  `json:"sealed_sha256"`
	}
}

func loadVectors(t *testing.T) vectors {
	t.Helper()
	data, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	if len(v.Derive) == 0 || len(v.Seal) == 0 || len(v.Slots) == 0 || len(v.Chunks) == 0 || len(v.RecordAD) == 0 {
		t.Fatal("vectors.json is missing a section")
	}
	return v
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestVectorsDerive(t *testing.T) {
	for _, v := range loadVectors(t).Derive {
		got := crypto.Derive(unhex(t, v.Master), v.Purpose)
		if hex.EncodeToString(got) != v.Key {
			t.Errorf("Derive(%q) = %x, want %s", v.Purpose, got, v.Key)
		}
	}
}

func TestVectorsRecordAD(t *testing.T) {
	for _, v := range loadVectors(t).RecordAD {
		got := crypto.RecordAD(unhex(t, v.Vault), v.Kind, v.Record, v.Field, v.Version)
		if hex.EncodeToString(got) != v.AD {
			t.Errorf("RecordAD(%s, %s, %d) = %x, want %s", v.Kind, v.Record, v.Version, got, v.AD)
		}
	}
}

func TestVectorsSeal(t *testing.T) {
	for _, v := range loadVectors(t).Seal {
		key, pt, ad, want := unhex(t, v.Key), unhex(t, v.Plaintext), unhex(t, v.AD), unhex(t, v.Sealed)
		got, err := crypto.SealWithNonce(key, unhex(t, v.Nonce), pt, ad)
		if err != nil {
			t.Fatalf("%s: %v", v.Name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: Seal = %x, want %x", v.Name, got, want)
		}
		opened, err := crypto.Open(key, want, ad)
		if err != nil {
			t.Fatalf("%s: Open: %v", v.Name, err)
		}
		if !bytes.Equal(opened, pt) {
			t.Errorf("%s: Open = %x, want %x", v.Name, opened, pt)
		}
		if _, err := crypto.Open(key, want, append(bytes.Clone(ad), 0)); !errors.Is(err, crypto.ErrCorrupt) {
			t.Errorf("%s: Open with longer AD: err = %v", v.Name, err)
		}
	}
}

func TestVectorsSlots(t *testing.T) {
	for _, v := range loadVectors(t).Slots {
		s, err := crypto.ParseSlot([]byte(v.Slot))
		if err != nil {
			t.Fatalf("ParseSlot(%s): %v", v.Slot, err)
		}
		if string(s.Marshal()) != v.Slot {
			t.Errorf("Marshal = %s, want %s", s.Marshal(), v.Slot)
		}
		vault, master := unhex(t, v.Vault), unhex(t, v.Master)
		secrets := []string{v.Secret, norm.NFD.String(v.Secret)}
		if s.Kind == crypto.KindRecovery {
			secrets = append(secrets, strings.ToLower(strings.ReplaceAll(v.Secret, "-", " ")))
		}
		for _, secret := range secrets {
			got, err := s.Unlock(vault, []byte(secret))
			if err != nil {
				t.Fatalf("%s: Unlock(%q): %v", s.ID, secret, err)
			}
			if !bytes.Equal(got, master) {
				t.Errorf("%s: Unlock = %x, want %x", s.ID, got, master)
			}
		}
		if _, err := s.Unlock(vault, []byte(v.Secret+"x")); !errors.Is(err, crypto.ErrWrongPassphrase) {
			t.Errorf("%s: wrong secret: err = %v", s.ID, err)
		}
		if v.RecoverySecret != "" {
			// The printed form of the secret must match the generator's.
			_, printed, err := crypto.NewRecoverySlotFromSecret(vault, "r", master, unhex(t, v.RecoverySecret))
			if err != nil {
				t.Fatal(err)
			}
			if printed != v.Secret {
				t.Errorf("printed recovery key = %s, want %s", printed, v.Secret)
			}
		}
	}
}

func TestVectorsChunks(t *testing.T) {
	for _, v := range loadVectors(t).Chunks {
		index, err := strconv.ParseUint(v.Index, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		key, prefix, ad := unhex(t, v.Key), unhex(t, v.Prefix), unhex(t, v.AD)
		pt := make([]byte, v.PlaintextLen)
		if v.Plaintext != nil {
			pt = unhex(t, *v.Plaintext)
		} else {
			for i := range pt {
				pt[i] = byte(i)
			}
		}
		sealed, err := crypto.SealChunk(key, prefix, index, v.Last, pt, ad)
		if err != nil {
			t.Fatalf("chunk %d: %v", index, err)
		}
		if sum := sha256.Sum256(sealed); hex.EncodeToString(sum[:]) != v.SealedSHA256 {
			t.Errorf("chunk %d: SHA-256(SealChunk) = %x, want %s", index, sum, v.SealedSHA256)
		}
		if v.Sealed != nil && hex.EncodeToString(sealed) != *v.Sealed {
			t.Errorf("chunk %d: SealChunk = %x, want %s", index, sealed, *v.Sealed)
		}
		got, err := crypto.OpenChunk(key, prefix, index, v.Last, sealed, ad)
		if err != nil || !bytes.Equal(got, pt) {
			t.Errorf("chunk %d: OpenChunk failed: %v", index, err)
		}
		if _, err := crypto.OpenChunk(key, prefix, index, !v.Last, sealed, ad); err == nil {
			t.Errorf("chunk %d: opened with the last flag flipped", index)
		}
	}
}
