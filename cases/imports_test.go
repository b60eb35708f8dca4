package cases_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoFyneImport enforces the import direction app, cli -> cases ->
// crypto: nothing under cases/ may depend on the GUI toolkit.
func TestNoFyneImport(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "kintrace/cases/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for dep := range strings.SplitSeq(string(out), "\n") {
		if strings.HasPrefix(dep, "fyne.io/") || dep == "kintrace/app" || dep == "kintrace/cli" {
			t.Errorf("kintrace/cases depends on %s", dep)
		}
	}
}
