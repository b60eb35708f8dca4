package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestImportLeavesDeletedCasesOut: a backup bundle does not bring back a
// case deleted since; --restore-deleted does.
func TestImportLeavesDeletedCasesOut(t *testing.T) {
	_, envv := newTestVault(t)
	code, out, errs := run(t, envv, `{"status":"open","person":{"name":"Иван Петров"}}`, "case", "add", "--json", "-")
	if code != 0 {
		t.Fatalf("case add: %d %s", code, errs)
	}
	id := strings.Fields(out)[0]
	backup := func() (file, pass string) {
		file = filepath.Join(t.TempDir(), "backup.ktb")
		code, out, errs := run(t, envv, "", "bundle", "export", "--passphrase", "--all", "--out", file)
		if code != 0 {
			t.Fatalf("bundle export: %d %s", code, errs)
		}
		return file, regexp.MustCompile(`[a-z]{6}(-[a-z]{6}){4}`).FindString(out)
	}
	first, firstPass := backup()
	second, secondPass := backup()
	if code, _, errs := run(t, envv, "", "case", "delete", id); code != 0 {
		t.Fatalf("case delete: %s", errs)
	}

	envv["KINTRACE_BUNDLE_PASSPHRASE"] = firstPass
	code, out, errs = run(t, envv, "", "bundle", "inspect", first)
	if code != 0 || !strings.Contains(out, "deleted in this vault: left out") || !strings.Contains(out, "--restore-deleted") {
		t.Fatalf("bundle inspect: %d %s %s", code, out, errs)
	}
	code, out, errs = run(t, envv, "", "bundle", "import", first, "--yes")
	if code != 0 || !strings.Contains(out, "0 new") || !strings.Contains(out, "Left out cases deleted in this vault: 1") {
		t.Fatalf("bundle import: %d %s %s", code, out, errs)
	}
	if _, out, _ := run(t, envv, "", "case", "list"); strings.Contains(out, "Иван Петров") {
		t.Fatalf("the deleted case came back:\n%s", out)
	}

	envv["KINTRACE_BUNDLE_PASSPHRASE"] = secondPass
	code, out, errs = run(t, envv, "", "bundle", "import", second, "--yes", "--restore-deleted")
	if code != 0 || !strings.Contains(out, "will be restored") || !strings.Contains(out, "Restored cases deleted in this vault: 1") {
		t.Fatalf("bundle import --restore-deleted: %d %s %s", code, out, errs)
	}
	if _, out, _ := run(t, envv, "", "case", "list"); !strings.Contains(out, "Иван Петров") {
		t.Fatalf("the case was not restored:\n%s", out)
	}
}
