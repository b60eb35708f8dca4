package crypto_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoFyneImport enforces that crypto stays free of the GUI toolkit.
func TestNoFyneImport(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "kintrace/crypto").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for dep := range strings.SplitSeq(string(out), "\n") {
		if strings.HasPrefix(dep, "fyne.io/") {
			t.Fatalf("kintrace/crypto depends on %s", dep)
		}
	}
}
