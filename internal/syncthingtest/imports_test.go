package syncthingtest_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestOnlyTestsImport: no package of the module imports syncthingtest (or
// the other test-only package, pdftext) outside its tests, so nothing that
// ships starts Syncthing.
func TestOnlyTestsImport(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "kintrace/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		for _, only := range []string{"kintrace/internal/syncthingtest", "kintrace/internal/pdftext"} {
			if slices.Contains(f[1:], only) {
				t.Errorf("%s imports %s outside its tests", f[0], only)
			}
		}
	}
}
