package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// deliver copies every file of from (an outbox) into to (an inbox) as a
// finished sync leaves it: complete, with an older modification time.
func deliver(t *testing.T, from, to string) int {
	t.Helper()
	ents, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Minute)
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(to, e.Name())
		if err := os.WriteFile(dst, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(dst, old, old); err != nil {
			t.Fatal(err)
		}
	}
	return len(ents)
}

func TestExchangeCommands(t *testing.T) {
	_, alice := newTestVault(t)
	_, bob := newTestVault(t)
	aKey, aFP := identityOf(t, alice)
	bKey, bFP := identityOf(t, bob)
	run(t, alice, "", "contact", "add", "Bob", bKey)
	run(t, alice, "", "contact", "verify", "Bob", "--fingerprint", bFP)
	run(t, bob, "", "contact", "add", "Alice", aKey)
	run(t, bob, "", "contact", "verify", "Alice", "--fingerprint", aFP)

	if code, _, errs := run(t, alice, "", "exchange", "send", "Bob"); code != 1 || !strings.Contains(errs, "exchange set-folder") {
		t.Fatalf("send without a folder: %d %s", code, errs)
	}
	aDir, bDir := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if code, out, errs := run(t, alice, "", "exchange", "set-folder", aDir); code != 0 || !strings.Contains(out, filepath.Join(aDir, "outbox")) {
		t.Fatalf("set-folder: %d %s %s", code, out, errs)
	}
	run(t, bob, "", "exchange", "set-folder", bDir)
	run(t, alice, `{"status":"open","person":{"name":"Иван Петров"},"tags":["mordovia"]}`, "case", "add", "--json", "-")
	run(t, alice, `{"status":"open","person":{"name":"Олег Сидоров"}}`, "case", "add", "--json", "-")
	if code, out, errs := run(t, alice, "", "exchange", "rules", "Bob", "--tag", "mordovia", "--redact", "no-reporter-identity"); code != 0 ||
		!strings.Contains(out, "cases tagged mordovia") {
		t.Fatalf("exchange rules: %d %s %s", code, out, errs)
	}
	code, out, errs := run(t, alice, "", "exchange", "send", "Bob")
	if code != 0 || !strings.Contains(out, "cases 1 (versions 1)") {
		t.Fatalf("exchange send: %d %s %s", code, out, errs)
	}
	if code, out, _ := run(t, alice, "", "exchange", "send", "Bob"); code != 0 || !strings.Contains(out, "has everything already") {
		t.Fatalf("second send: %d %s", code, out)
	}

	// A stray file and Alice's bundle reach Bob's inbox.
	stray := filepath.Join(bDir, "inbox", "notes.txt")
	os.WriteFile(stray, []byte("not a bundle"), 0o600)
	old := time.Now().Add(-time.Minute)
	os.Chtimes(stray, old, old)
	deliver(t, filepath.Join(aDir, "outbox"), filepath.Join(bDir, "inbox"))
	code, out, errs = run(t, bob, "", "exchange", "receive")
	if code != 0 || !strings.Contains(out, "bundle from Alice: 1 cases") || !strings.Contains(out, "not a Kintrace file") ||
		!strings.Contains(out, "Иван Петров") || !strings.Contains(out, "--yes") {
		t.Fatalf("exchange receive: %d %s %s", code, out, errs)
	}
	if _, out, _ := run(t, bob, "", "case", "list"); strings.Contains(out, "Иван Петров") {
		t.Fatal("receive without --yes imported")
	}
	if code, out, errs := run(t, bob, "", "exchange", "receive", "--yes"); code != 0 || !strings.Contains(out, "Imported: 1 new") {
		t.Fatalf("exchange receive --yes: %d %s %s", code, out, errs)
	}
	if _, out, _ := run(t, bob, "", "case", "list"); !strings.Contains(out, "Иван Петров") {
		t.Fatalf("not imported:\n%s", out)
	}

	// Bob's receipt goes back to Alice.
	if _, out, _ := run(t, alice, "", "exchange", "status"); !strings.Contains(out, "1 not acknowledged") {
		t.Fatalf("status before the receipt:\n%s", out)
	}
	deliver(t, filepath.Join(bDir, "outbox"), filepath.Join(aDir, "inbox"))
	if code, out, errs := run(t, alice, "", "exchange", "receive", "--yes"); code != 0 || !strings.Contains(out, "receipt from Bob") ||
		!strings.Contains(out, "Acknowledged: 1") {
		t.Fatalf("receipt: %d %s %s", code, out, errs)
	}
	if _, out, _ := run(t, alice, "", "exchange", "status"); !strings.Contains(out, "has everything up to") {
		t.Fatalf("status after the receipt:\n%s", out)
	}
	if _, out, _ := run(t, alice, "", "exchange", "receive"); !strings.Contains(out, "Nothing new") {
		t.Fatalf("receive again:\n%s", out)
	}
}
