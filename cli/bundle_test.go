package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kintrace/cases/bundle"
)

var (
	keyLine = regexp.MustCompile(`age1[a-z0-9]+ kts1[a-z0-9]+`)
	fpLine  = regexp.MustCompile(`[0-9A-Z]{4}( [0-9A-Z]{4}){5}`)
)

func identityOf(t *testing.T, envv map[string]string) (key, fp string) {
	t.Helper()
	code, out, errs := run(t, envv, "", "identity", "show")
	if code != 0 {
		t.Fatalf("identity show: %d %s", code, errs)
	}
	return keyLine.FindString(out), fpLine.FindString(out)
}

func TestBundleCommands(t *testing.T) {
	_, alice := newTestVault(t)
	_, bob := newTestVault(t)
	aKey, aFP := identityOf(t, alice)
	bKey, bFP := identityOf(t, bob)
	if aKey == "" || aFP == "" || aKey == bKey {
		t.Fatalf("identity show printed key %q fingerprint %q", aKey, aFP)
	}
	qr := filepath.Join(t.TempDir(), "key.png")
	if code, _, errs := run(t, alice, "", "identity", "show", "--qr", qr); code != 0 {
		t.Fatalf("identity show --qr: %s", errs)
	}
	if b, err := os.ReadFile(qr); err != nil || !strings.HasPrefix(string(b), "\x89PNG") {
		t.Fatalf("QR file: %v", err)
	}

	if code, out, errs := run(t, alice, "", "contact", "add", "Bob", bKey); code != 0 || !strings.Contains(out, bFP) {
		t.Fatalf("contact add: %d %s %s", code, out, errs)
	}
	if code, _, errs := run(t, alice, "", "contact", "verify", "bob", "--fingerprint", "0000 0000 0000 0000 0000 0000"); code != 1 ||
		!strings.Contains(errs, "fingerprints differ") {
		t.Fatalf("verify with a wrong fingerprint: %d %s", code, errs)
	}
	if code, _, errs := run(t, alice, "", "contact", "verify", "bob", "--fingerprint", strings.ToLower(bFP)); code != 0 {
		t.Fatalf("contact verify: %s", errs)
	}
	if _, out, _ := run(t, alice, "", "contact", "list"); !strings.Contains(out, "Bob") || !strings.Contains(out, "yes") {
		t.Fatalf("contact list:\n%s", out)
	}

	run(t, alice, `{"status":"open","person":{"name":"Иван Петров"}}`, "case", "add", "--json", "-")
	file := filepath.Join(t.TempDir(), "to-bob.ktb")
	if code, out, errs := run(t, alice, "", "bundle", "export", "--to", "Bob", "--all", "--out", file); code != 0 ||
		!strings.Contains(out, "Cases: 1,") {
		t.Fatalf("bundle export: %d %s %s", code, out, errs)
	}
	// Bob does not know Alice: inspect says so, import refuses without --trust.
	if code, out, _ := run(t, bob, "", "bundle", "inspect", file); code != 0 || !strings.Contains(out, "UNKNOWN") ||
		!strings.Contains(out, aFP) || !strings.Contains(out, "new") {
		t.Fatalf("bundle inspect: %d\n%s", code, out)
	}
	if code, _, errs := run(t, bob, "", "bundle", "import", file, "--yes"); code != 1 || !strings.Contains(errs, "--trust") {
		t.Fatalf("import from an unknown sender: %d %s", code, errs)
	}
	if code, out, errs := run(t, bob, "", "bundle", "import", file, "--yes", "--trust", aFP, "--save-sender-as", "Alice"); code != 0 ||
		!strings.Contains(out, "1 new") {
		t.Fatalf("bundle import: %d %s %s", code, out, errs)
	}
	if _, out, _ := run(t, bob, "", "case", "list"); !strings.Contains(out, "Иван Петров") {
		t.Fatalf("imported case not listed:\n%s", out)
	}
	if code, out, _ := run(t, bob, "", "bundle", "import", file, "--yes"); code != 0 || !strings.Contains(out, "imported before") {
		t.Fatalf("second import: %d %s", code, out)
	}

	// A passphrase bundle prints its generated passphrase.
	pfile := filepath.Join(t.TempDir(), "backup.ktb")
	code, out, errs := run(t, alice, "", "bundle", "export", "--passphrase", "--all", "--attachments", "--out", pfile)
	if code != 0 {
		t.Fatalf("passphrase export: %s", errs)
	}
	pass := regexp.MustCompile(`[a-z]{6}(-[a-z]{6}){4}`).FindString(out)
	if pass == "" {
		t.Fatalf("no passphrase printed:\n%s", out)
	}
	if code, _, errs := run(t, bob, "", "bundle", "inspect", pfile); code != 1 || !strings.Contains(errs, "passphrase") {
		t.Fatalf("inspect without passphrase: %d %s", code, errs)
	}
	bob["KINTRACE_BUNDLE_PASSPHRASE"] = pass
	if code, out, errs := run(t, bob, "", "bundle", "inspect", pfile); code != 0 || !strings.Contains(out, "already here") {
		t.Fatalf("inspect with passphrase: %d %s %s", code, out, errs)
	}

	// Refusals: bad usage and a file that is not a bundle.
	if code, _, _ := run(t, alice, "", "bundle", "export", "--all", "--out", file); code != 2 {
		t.Errorf("export without recipients: exit %d, want 2", code)
	}
	junk := filepath.Join(t.TempDir(), "junk")
	os.WriteFile(junk, []byte("not a bundle"), 0o600)
	if code, _, errs := run(t, bob, "", "bundle", "import", junk, "--yes"); code != 1 || !strings.Contains(errs, "not a Kintrace bundle") {
		t.Errorf("junk import: %d %s", code, errs)
	}
	if code, _, _ := run(t, alice, "", "contact", "remove", "Bob"); code != 0 {
		t.Error("contact remove failed")
	}
}

// TestUntrustedLargeBundleMessage: a large bundle refused from its manifest
// names the fingerprint to compare and how to trust it.
func TestUntrustedLargeBundleMessage(t *testing.T) {
	msg := describe(fmt.Errorf("inspect bundle: %w", &bundle.UntrustedSenderError{Fingerprint: "ABCD EFGH", JSONSize: 1 << 30}))
	if !strings.Contains(msg, "ABCD EFGH") || !strings.Contains(msg, "--trust") {
		t.Errorf("message %q names no fingerprint or --trust", msg)
	}
}

// TestUnverifiedKeysWarned: exporting to a contact whose fingerprint was
// not verified, or to a key given as it is, says so on stderr; importing an
// unverified contact's bundle says so and asks unless --yes.
func TestUnverifiedKeysWarned(t *testing.T) {
	_, alice := newTestVault(t)
	_, bob := newTestVault(t)
	aKey, _ := identityOf(t, alice)
	bKey, bFP := identityOf(t, bob)
	_, carol := newTestVault(t)
	cKey, cFP := identityOf(t, carol) // a key given as it is, no contact
	run(t, alice, "", "contact", "add", "Bob", bKey)
	run(t, bob, "", "contact", "add", "Alice", aKey)
	run(t, alice, `{"status":"open","person":{"name":"Иван Петров"}}`, "case", "add", "--json", "-")
	file := filepath.Join(t.TempDir(), "to-bob.ktb")

	// The last export, to Bob, is the one Bob imports below.
	for _, to := range []struct{ arg, named string }{{cKey, cFP}, {bKey, "Bob"}, {"Bob", "Bob"}} {
		code, _, errs := run(t, alice, "", "bundle", "export", "--to", to.arg, "--all", "--out", file)
		if code != 0 || !strings.Contains(errs, "not verified") || !strings.Contains(errs, to.named) {
			t.Errorf("export to unverified %q: exit %d, stderr %q: want a warning naming %q", to.arg, code, errs, to.named)
		}
	}
	if code, _, errs := run(t, bob, "", "bundle", "import", file); code != 1 ||
		!strings.Contains(errs, "not verified the fingerprint of Alice") {
		t.Errorf("import from an unverified contact without --yes: exit %d, stderr %q; want a warning and a refusal", code, errs)
	}
	if code, out, errs := run(t, bob, "", "bundle", "import", file, "--yes"); code != 0 || !strings.Contains(out, "1 new") ||
		!strings.Contains(errs, "not verified the fingerprint of Alice") {
		t.Errorf("import from an unverified contact with --yes: exit %d, %s, stderr %q", code, out, errs)
	}

	run(t, alice, "", "contact", "verify", "Bob", "--fingerprint", bFP)
	for _, arg := range []string{"Bob", bKey} {
		if code, _, errs := run(t, alice, "", "bundle", "export", "--to", arg, "--all", "--out", file); code != 0 || strings.Contains(errs, "not verified") {
			t.Errorf("export to verified %q: exit %d, stderr %q", arg, code, errs)
		}
	}
}
