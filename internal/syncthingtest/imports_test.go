package syncthingtest_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestOnlyTestsImport: no package of the module imports syncthingtest
// outside its tests, so nothing that ships starts Syncthing.
func TestOnlyTestsImport(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "kintrace/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if slices.Contains(f[1:], "kintrace/internal/syncthingtest") {
			t.Errorf("%s imports kintrace/internal/syncthingtest outside its tests", f[0])
		}
	}
}
