package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runTerminal is run with stdin as a terminal on which stdin is typed.
func runTerminal(t *testing.T, envv map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{ctx: context.Background(), stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv:     func(k string) string { return envv[k] },
		isTerminal: func() bool { return true },
		readSecret: func(string) ([]byte, error) { t.Fatal("prompted for a secret"); return nil, nil }}
	code := e.main(args)
	return code, out.String(), errb.String()
}

func TestVaultDestroy(t *testing.T) {
	path, envv := newTestVault(t)
	// Destroying needs no passphrase.
	delete(envv, "KINTRACE_PASSPHRASE")
	exists := func() bool { _, err := os.Stat(path); return err == nil }

	// Without a terminal and without --yes: refused, clearly.
	code, _, errs := run(t, envv, "destroy\n", "vault", "destroy")
	if code != 1 || !strings.Contains(errs, "was not destroyed") || !strings.Contains(errs, "--yes") {
		t.Errorf("destroy without --yes or a terminal: %d %q", code, errs)
	}
	if !exists() {
		t.Fatal("the vault was destroyed without confirmation")
	}
	// On a terminal, a wrong word is refused.
	code, _, errs = runTerminal(t, envv, "yes\n", "vault", "destroy")
	if code != 1 || !strings.Contains(errs, "type destroy") || !strings.Contains(errs, "was not destroyed") {
		t.Errorf("destroy with a wrong word: %d %q", code, errs)
	}
	if !exists() {
		t.Fatal("the vault was destroyed after a wrong word")
	}
	// The word destroys it.
	code, out, errs := runTerminal(t, envv, "Destroy\n", "vault", "destroy")
	if code != 0 || !strings.Contains(out, "Vault destroyed in") || !strings.Contains(errs, "only a backup bundle") {
		t.Fatalf("destroy with the word: %d %q %q", code, out, errs)
	}
	t.Log(strings.TrimSpace(out))
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 0 {
		t.Errorf("files left after destroy: %v", entries)
	}
	code, _, errs = run(t, envv, "", "vault", "info")
	if code != 1 || !strings.Contains(errs, "there is no vault") {
		t.Errorf("vault info after destroy: %d %q", code, errs)
	}
}

func TestVaultDestroyYes(t *testing.T) {
	path, envv := newTestVault(t)
	code, out, errs := run(t, envv, "", "vault", "destroy", "--yes", "--vault", path)
	if code != 0 || !strings.Contains(out, "Vault destroyed") {
		t.Fatalf("destroy --yes: %d %q %q", code, out, errs)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the vault file is still there: %v", err)
	}
	// A second destroy finds no vault; a file that is no vault is refused.
	code, _, errs = run(t, envv, "", "vault", "destroy", "--yes", "--vault", path)
	if code != 1 || !strings.Contains(errs, "there is no vault") {
		t.Errorf("destroy of no vault: %d %q", code, errs)
	}
	other := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(other, []byte("notes"), 0o600)
	code, _, errs = run(t, envv, "", "vault", "destroy", "--yes", "--vault", other)
	if code != 1 || !strings.Contains(errs, "not a Kintrace vault") {
		t.Errorf("destroy of a text file: %d %q", code, errs)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("the text file is gone: %v", err)
	}
}
