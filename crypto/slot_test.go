package crypto_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"kintrace/crypto"
)

var testVault = []byte("0123456789abcdef")

// cheapKDF are parameters tests may use under UseInsecureKDFForTests.
var cheapKDF = crypto.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}

func insecureKDF(t *testing.T) {
	t.Helper()
	t.Cleanup(crypto.UseInsecureKDFForTests())
}

func newPassSlot(t *testing.T, pass string) (crypto.Slot, crypto.Key) {
	t.Helper()
	insecureKDF(t)
	master := mustKey(t)
	s, err := crypto.NewPassphraseSlot(testVault, "pass-1", []byte(pass), master, cheapKDF)
	if err != nil {
		t.Fatal(err)
	}
	return s, master
}

func TestPassphraseSlot(t *testing.T) {
	s, master := newPassSlot(t, "correct horse battery staple")
	got, err := s.Unlock(testVault, []byte("correct horse battery staple"))
	if err != nil {
		t.Fatalf("Unlock: %v", err)
	}
	if !bytes.Equal(got, master) {
		t.Fatal("Unlock returned a different master key")
	}
	for _, wrong := range []string{"correct horse battery stapl", "Correct horse battery staple", "x", ""} {
		if _, err := s.Unlock(testVault, []byte(wrong)); !errors.Is(err, crypto.ErrWrongPassphrase) {
			t.Errorf("Unlock(%q) err = %v, want ErrWrongPassphrase", wrong, err)
		}
	}
	if _, err := s.Unlock([]byte("another vault id"), []byte("correct horse battery staple")); !errors.Is(err, crypto.ErrWrongPassphrase) {
		t.Errorf("Unlock with another vault id: err = %v, want ErrWrongPassphrase", err)
	}
}

func TestPassphraseSlotNormalisesUnicode(t *testing.T) {
	// "й" precomposed (U+0439) and decomposed (U+0438 U+0306).
	s, master := newPassSlot(t, "мой пароль\u0439")
	got, err := s.Unlock(testVault, []byte("мой пароль\u0438\u0306"))
	if err != nil || !bytes.Equal(got, master) {
		t.Fatalf("NFD passphrase did not unlock an NFC slot: %v", err)
	}
}

func TestPassphraseSlotRefusesWeakParamsInProduction(t *testing.T) {
	master := mustKey(t)
	if _, err := crypto.NewPassphraseSlot(testVault, "p", []byte("pw"), master, cheapKDF); err == nil {
		t.Fatal("NewPassphraseSlot accepted t=1 m=64KiB without the test hook")
	}
	bad := []crypto.KDFParams{{Time: 0, MemoryKiB: 64, Threads: 1}, {Time: 65, MemoryKiB: 64, Threads: 1}}
	insecureKDF(t)
	for _, p := range bad {
		if _, err := crypto.NewPassphraseSlot(testVault, "p", []byte("pw"), master, p); err == nil {
			t.Errorf("NewPassphraseSlot accepted %+v", p)
		}
	}
	if _, err := crypto.NewPassphraseSlot(testVault, "p", nil, master, cheapKDF); err == nil {
		t.Error("NewPassphraseSlot accepted an empty passphrase")
	}
	if _, err := crypto.NewPassphraseSlot(testVault, "", []byte("pw"), master, cheapKDF); err == nil {
		t.Error("NewPassphraseSlot accepted an empty slot id")
	}
	if _, err := crypto.NewPassphraseSlot(testVault, "p", []byte("pw"), master[:16], cheapKDF); err == nil {
		t.Error("NewPassphraseSlot accepted a 16-byte master key")
	}
}

func TestSlotMarshalParse(t *testing.T) {
	s, master := newPassSlot(t, "pw")
	data := s.Marshal()
	got, err := crypto.ParseSlot(data)
	if err != nil {
		t.Fatalf("ParseSlot(Marshal()): %v", err)
	}
	if !bytes.Equal(got.Marshal(), data) {
		t.Fatalf("round trip changed the slot:\n%s\n%s", data, got.Marshal())
	}
	k, err := got.Unlock(testVault, []byte("pw"))
	if err != nil || !bytes.Equal(k, master) {
		t.Fatalf("parsed slot does not unlock: %v", err)
	}
}

// TestSlotTamperingFails flips every byte of salt and wrapped key and
// changes every KDF parameter and identity field: Unlock must never
// succeed, and must fail with ErrCorrupt or ErrWrongPassphrase.
func TestSlotTamperingFails(t *testing.T) {
	s, _ := newPassSlot(t, "pw")
	check := func(what string, m crypto.Slot) {
		t.Helper()
		_, err := m.Unlock(testVault, []byte("pw"))
		if err == nil {
			t.Fatalf("%s: Unlock succeeded", what)
		}
		if !errors.Is(err, crypto.ErrCorrupt) && !errors.Is(err, crypto.ErrWrongPassphrase) && !errors.Is(err, crypto.ErrUnsupported) {
			t.Fatalf("%s: err = %v", what, err)
		}
	}
	clone := func() crypto.Slot {
		c := s
		kdf := *s.KDF
		c.KDF = &kdf
		c.Salt = bytes.Clone(s.Salt)
		c.Wrapped = bytes.Clone(s.Wrapped)
		return c
	}
	for i := range s.Salt {
		m := clone()
		m.Salt[i] ^= 1
		check("salt", m)
	}
	for i := range s.Wrapped {
		m := clone()
		m.Wrapped[i] ^= 1
		check("wrapped", m)
	}
	kdfs := []func(*crypto.KDFParams){
		func(p *crypto.KDFParams) { p.Time++ },
		func(p *crypto.KDFParams) { p.MemoryKiB += 8 },
		func(p *crypto.KDFParams) { p.Threads++ },
	}
	for _, f := range kdfs {
		m := clone()
		f(m.KDF)
		check("kdf", m)
	}
	m := clone()
	m.ID = "pass-2"
	check("id", m)
	m = clone()
	m.Kind = crypto.KindRecovery
	check("kind", m)
	m = clone()
	m.KDF = nil
	check("no kdf", m)
}

func TestSlotKDFAboveCapsRefusedBeforeArgon2(t *testing.T) {
	s, _ := newPassSlot(t, "pw")
	// Each of these would take minutes or gigabytes if Argon2 ran; the
	// test finishing quickly, with ErrCorrupt, shows it did not.
	for _, p := range []crypto.KDFParams{
		{Time: 1 << 30, MemoryKiB: 64, Threads: 1},
		{Time: 1, MemoryKiB: 1 << 31, Threads: 1},
		{Time: 1, MemoryKiB: 4<<20 + 1, Threads: 1},
		{Time: 1, MemoryKiB: 64, Threads: 200},
		{Time: 0, MemoryKiB: 64, Threads: 1},
		{Time: 1, MemoryKiB: 7, Threads: 1},
		// Just above the calibration maximum: cheap enough that the test
		// would also finish if Argon2 ran, so it fails then (wrong
		// passphrase, not ErrCorrupt) instead of hanging.
		{Time: 17, MemoryKiB: 64, Threads: 1},
		{Time: 1, MemoryKiB: 256<<10 + 1024, Threads: 1},
	} {
		m := s
		m.KDF = &p
		if _, err := m.Unlock(testVault, []byte("pw")); !errors.Is(err, crypto.ErrCorrupt) {
			t.Errorf("Unlock with %+v: err = %v, want ErrCorrupt", p, err)
		}
		if _, err := crypto.ParseSlot(m.Marshal()); !errors.Is(err, crypto.ErrCorrupt) {
			t.Errorf("ParseSlot with %+v: err = %v, want ErrCorrupt", p, err)
		}
	}
}

func TestKDFParamsCheck(t *testing.T) {
	tests := []struct {
		p  crypto.KDFParams
		ok bool
	}{
		{crypto.KDFParams{Time: 3, MemoryKiB: 64 << 10, Threads: 4}, true},
		{crypto.KDFParams{Time: 1, MemoryKiB: 8, Threads: 1}, true},
		// The calibration maximum is the cap (docs/FORMAT.md).
		{crypto.KDFParams{Time: 16, MemoryKiB: 256 << 10, Threads: 16}, true},
		{crypto.KDFParams{Time: 17, MemoryKiB: 64 << 10, Threads: 4}, false},
		{crypto.KDFParams{Time: 3, MemoryKiB: 256<<10 + 1, Threads: 4}, false},
		// The slot of the security review: unlock froze for minutes.
		{crypto.KDFParams{Time: 64, MemoryKiB: 2 << 20, Threads: 4}, false},
		{crypto.KDFParams{Time: 65, MemoryKiB: 64 << 10, Threads: 4}, false},
		{crypto.KDFParams{Time: 3, MemoryKiB: 2<<20 + 1, Threads: 4}, false},
		{crypto.KDFParams{Time: 3, MemoryKiB: 64 << 10, Threads: 17}, false},
		{crypto.KDFParams{Time: 3, MemoryKiB: 64 << 10, Threads: 0}, false},
		{crypto.KDFParams{Time: 0, MemoryKiB: 64 << 10, Threads: 4}, false},
		{crypto.KDFParams{Time: 1, MemoryKiB: 31, Threads: 4}, false},
	}
	for _, tt := range tests {
		err := tt.p.Check()
		if tt.ok && err != nil {
			t.Errorf("%+v.Check() = %v, want nil", tt.p, err)
		}
		if !tt.ok && !errors.Is(err, crypto.ErrCorrupt) {
			t.Errorf("%+v.Check() = %v, want ErrCorrupt", tt.p, err)
		}
	}
}

func TestRecoverySlot(t *testing.T) {
	master := mustKey(t)
	s, printed, err := crypto.NewRecoverySlot(testVault, "recovery", master)
	if err != nil {
		t.Fatal(err)
	}
	if s.KDF != nil || s.Kind != crypto.KindRecovery {
		t.Fatalf("recovery slot = %+v", s)
	}
	groups := strings.Split(printed, "-")
	if len(groups) != 14 {
		t.Fatalf("printed key %d groups, want 14", len(groups))
	}
	for _, g := range groups {
		if len(g) != 4 || strings.ToUpper(g) != g || strings.ContainsAny(g, "ILOU") {
			t.Fatalf("bad group %q", g)
		}
	}
	sloppy := strings.ToLower(strings.ReplaceAll(printed, "-", " "))
	sloppy = strings.Replace(sloppy, " ", "\n", 3) + "  "
	for _, text := range []string{printed, sloppy, strings.ReplaceAll(printed, "-", "")} {
		got, err := s.Unlock(testVault, []byte(text))
		if err != nil || !bytes.Equal(got, master) {
			t.Fatalf("Unlock(%q): %v", text, err)
		}
	}
	// Crockford's look-alikes read as their digits.
	if strings.ContainsAny(printed, "01") {
		alt := strings.NewReplacer("0", "o", "1", "l").Replace(printed)
		if _, err := s.Unlock(testVault, []byte(alt)); err != nil {
			t.Fatalf("Unlock with o/l look-alikes: %v", err)
		}
	}
	if _, err := s.Unlock([]byte("other vault"), []byte(printed)); !errors.Is(err, crypto.ErrWrongPassphrase) {
		t.Fatalf("Unlock in another vault: err = %v", err)
	}
}

// TestRecoveryKeyTypos changes every character of the printed key to every
// other symbol, and swaps every pair of neighbours: all must be refused with
// ErrWrongPassphrase, and within the key part the checksum must catch them
// (the message says so) rather than the AEAD.
func TestRecoveryKeyTypos(t *testing.T) {
	master := mustKey(t)
	s, printed, err := crypto.NewRecoverySlot(testVault, "recovery", master)
	if err != nil {
		t.Fatal(err)
	}
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	key := []byte(strings.ReplaceAll(printed, "-", ""))
	refuse := func(what string, typed []byte) {
		t.Helper()
		_, err := s.Unlock(testVault, typed)
		if !errors.Is(err, crypto.ErrWrongPassphrase) {
			t.Fatalf("%s: err = %v, want ErrWrongPassphrase", what, err)
		}
		if !strings.Contains(err.Error(), "checksum") && !strings.Contains(err.Error(), "format") {
			t.Fatalf("%s: typo was not caught by the checksum: %v", what, err)
		}
	}
	for i := range key {
		for _, c := range []byte(alphabet) {
			if c == key[i] {
				continue
			}
			typo := bytes.Clone(key)
			typo[i] = c
			refuse("substitution", typo)
		}
	}
	for i := 0; i+1 < 52; i++ {
		if key[i] == key[i+1] {
			continue
		}
		typo := bytes.Clone(key)
		typo[i], typo[i+1] = typo[i+1], typo[i]
		refuse("transposition", typo)
	}
	for _, bad := range []string{"", printed[:len(printed)-1], printed + "A", printed[:10] + "U" + printed[11:], printed + "-0000"} {
		if _, err := s.Unlock(testVault, []byte(bad)); !errors.Is(err, crypto.ErrWrongPassphrase) {
			t.Fatalf("Unlock(%q) err = %v, want ErrWrongPassphrase", bad, err)
		}
	}
}

func TestParseSlotStrict(t *testing.T) {
	s, _ := newPassSlot(t, "pw")
	good := s.Marshal()
	var m map[string]any
	if err := json.Unmarshal(good, &m); err != nil {
		t.Fatal(err)
	}
	edit := func(f func(map[string]any)) []byte {
		c := map[string]any{}
		for k, v := range m {
			c[k] = v
		}
		f(c)
		b, _ := json.Marshal(c)
		return b
	}
	tests := map[string][]byte{
		"empty":           nil,
		"not json":        []byte("slot"),
		"array":           []byte("[]"),
		"trailing":        append(bytes.Clone(good), []byte(" {}")...),
		"unknown field":   edit(func(c map[string]any) { c["extra"] = 1 }),
		"no id":           edit(func(c map[string]any) { delete(c, "id") }),
		"long id":         edit(func(c map[string]any) { c["id"] = strings.Repeat("x", 65) }),
		"unknown kind":    edit(func(c map[string]any) { c["kind"] = "fingerprint" }),
		"no kdf":          edit(func(c map[string]any) { delete(c, "kdf") }),
		"null kdf":        edit(func(c map[string]any) { c["kdf"] = nil }),
		"kdf unknown":     edit(func(c map[string]any) { c["kdf"] = map[string]any{"t": 1, "m": 64, "p": 1, "x": 1} }),
		"threads 300":     edit(func(c map[string]any) { c["kdf"] = map[string]any{"t": 1, "m": 64, "p": 300} }),
		"negative time":   edit(func(c map[string]any) { c["kdf"] = map[string]any{"t": -1, "m": 64, "p": 1} }),
		"short salt":      edit(func(c map[string]any) { c["salt"] = "AAAA" }),
		"bad base64":      edit(func(c map[string]any) { c["salt"] = "!!!" }),
		"short wrapped":   edit(func(c map[string]any) { c["wrapped"] = "AQAA" }),
		"no wrapped":      edit(func(c map[string]any) { delete(c, "wrapped") }),
		"recovery + kdf":  edit(func(c map[string]any) { c["kind"] = "recovery" }),
		"upper-case name": bytes.Replace(good, []byte(`"kind"`), []byte(`"Kind"`), 1),
		"upper-case kdf":  bytes.Replace(good, []byte(`"t":`), []byte(`"T":`), 1),
		"repeated name":   bytes.Replace(good, []byte(`{"id":`), []byte(`{"id":"x","id":`), 1),
		"repeated in kdf": bytes.Replace(good, []byte(`"t":1`), []byte(`"t":1,"t":1`), 1),
		"two objects":     append(bytes.Clone(good), good...),
	}
	for name, data := range tests {
		if _, err := crypto.ParseSlot(data); !errors.Is(err, crypto.ErrCorrupt) {
			t.Errorf("%s: ParseSlot err = %v, want ErrCorrupt", name, err)
		}
	}
	v2 := s
	v2.Wrapped = bytes.Clone(s.Wrapped)
	v2.Wrapped[0] = 2
	if _, err := crypto.ParseSlot(v2.Marshal()); !errors.Is(err, crypto.ErrUnsupported) {
		t.Errorf("wrapped version 2: ParseSlot err = %v, want ErrUnsupported", err)
	}
}

func TestRecoverySlotTamperingFails(t *testing.T) {
	master := mustKey(t)
	s, printed, err := crypto.NewRecoverySlot(testVault, "recovery", master)
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []*[]byte{&s.Salt, &s.Wrapped} {
		for i := range *field {
			(*field)[i] ^= 1
			if _, err := s.Unlock(testVault, []byte(printed)); err == nil {
				t.Fatalf("Unlock succeeded with byte %d flipped", i)
			}
			(*field)[i] ^= 1
		}
	}
	for _, m := range []crypto.Slot{
		{ID: "recovery2", Kind: s.Kind, Salt: s.Salt, Wrapped: s.Wrapped},
		{ID: s.ID, Kind: crypto.KindPassphrase, KDF: &cheapKDF, Salt: s.Salt, Wrapped: s.Wrapped},
	} {
		if _, err := m.Unlock(testVault, []byte(printed)); err == nil {
			t.Fatalf("Unlock succeeded for %+v", m)
		}
	}
	if got, err := s.Unlock(testVault, []byte(printed)); err != nil || !bytes.Equal(got, master) {
		t.Fatalf("restored slot does not unlock: %v", err)
	}
}
