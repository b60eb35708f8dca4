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

// TestNoProjectImport keeps crypto to keys, slots, sealing and STREAM: it
// depends on no package of the project, so it knows nothing of cases or
// bundles.
func TestNoProjectImport(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "kintrace/crypto").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for dep := range strings.SplitSeq(string(out), "\n") {
		if strings.HasPrefix(dep, "kintrace/") && dep != "kintrace/crypto" {
			t.Errorf("kintrace/crypto depends on %s", dep)
		}
	}
}
