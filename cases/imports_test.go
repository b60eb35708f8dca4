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

// layers orders the project's packages (docs/ARCHITECTURE.md): a package
// may import only packages of a lower layer, never one of its own or a
// higher one. A new package must be given its layer here.
var layers = map[string]int{
	"kintrace/crypto":                0,
	"kintrace/internal/cputime":      0,
	"kintrace/assets":                0,
	"kintrace/cli/localeenv":         0,
	"kintrace/cases":                 1,
	"kintrace/cases/passphrase":      1,
	"kintrace/cases/search":          2,
	"kintrace/cases/media":           2,
	"kintrace/cases/patterns":        3,
	"kintrace/cases/casegen":         3,
	"kintrace/cases/report":          3,
	"kintrace/cases/pfif":            4,
	"kintrace/cases/intake/sheet":    4,
	"kintrace/cases/vault":           5,
	"kintrace/cases/vault/vaulttest": 6,
	"kintrace/cases/bundle":          6,
	"kintrace/cases/exchange":        7,
	"kintrace/app":                   8,
	"kintrace/cli":                   8,
	"kintrace":                       9,
	"kintrace/tools/screenshots":     9,
	"kintrace/tools/dist":            9,

	// Letters to authorities (issue 16).
	"kintrace/cases/report/fonts": 0,
	"kintrace/cases/letter":       3,

	// Chat exports (issue 14).
	"kintrace/cases/intake/chat":       2,
	"kintrace/cases/intake/chatimport": 6,

	// Published lists checked against every case (issue 17).
	"kintrace/cases/listmatch":            5,
	"kintrace/cases/listmatch/listrecord": 6,

	// Test-only: real Syncthing instances for the exchange tests (issue 15).
	"kintrace/internal/syncthingtest": 0,
	"kintrace/internal/pdftext":       0,
}

// imports lists every package of the module with its direct imports.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "kintrace/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	m := map[string][]string{}
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		m[f[0]] = f[1:]
	}
	return m
}

// deps lists everything pkg depends on, directly or not.
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", pkg).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	return strings.Fields(string(out))
}

// TestImportLayers fails when a package imports one of its own layer or of
// a higher one (see layers), or when a package has no layer.
func TestImportLayers(t *testing.T) {
	for pkg, imps := range imports(t) {
		l, ok := layers[pkg]
		if !ok {
			t.Errorf("%s has no layer in imports_test.go", pkg)
			continue
		}
		for _, imp := range imps {
			if il, ok := layers[imp]; ok && il >= l {
				t.Errorf("%s (layer %d) imports %s (layer %d)", pkg, l, imp, il)
			}
		}
	}
}

// TestOnlyVaultUsesSQLite keeps SQLite behind the vault: no other package
// imports database/sql or the driver (its test kit, vaulttest, opens a
// closed vault's file for tamper tests).
func TestOnlyVaultUsesSQLite(t *testing.T) {
	for pkg, imps := range imports(t) {
		if pkg == "kintrace/cases/vault" || pkg == "kintrace/cases/vault/vaulttest" {
			continue
		}
		for _, imp := range imps {
			if imp == "database/sql" || strings.HasPrefix(imp, "github.com/mattn/go-sqlite3") {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
}

// TestPurePackages keeps the domain and the packages that work on it in
// memory free of storage and GUI: cases, search, patterns, media, the intake
// parsers and listmatch depend (directly or not) on neither SQLite nor Fyne.
func TestPurePackages(t *testing.T) {
	for _, pkg := range []string{"kintrace/cases", "kintrace/cases/search", "kintrace/cases/patterns", "kintrace/cases/media", "kintrace/cases/passphrase", "kintrace/cases/intake/chat", "kintrace/cases/intake/sheet", "kintrace/cases/listmatch"} {
		for _, dep := range deps(t, pkg) {
			if dep == "database/sql" || strings.HasPrefix(dep, "github.com/mattn/") || strings.HasPrefix(dep, "fyne.io/") {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}

// TestDomainWithoutCrypto keeps package cases plain data: the domain does
// not depend on the crypto package (sealing is the vault's business).
func TestDomainWithoutCrypto(t *testing.T) {
	for _, dep := range deps(t, "kintrace/cases") {
		if dep == "kintrace/crypto" {
			t.Errorf("kintrace/cases depends on %s", dep)
		}
	}
}

// TestCLIWithoutGUI keeps the command line free of the GUI package, so it
// runs where there is no display.
func TestCLIWithoutGUI(t *testing.T) {
	for _, dep := range deps(t, "kintrace/cli") {
		if dep == "kintrace/app" || strings.HasPrefix(dep, "fyne.io/fyne/v2/app") || strings.HasPrefix(dep, "fyne.io/fyne/v2/internal/driver/glfw") {
			t.Errorf("kintrace/cli depends on %s", dep)
		}
	}
}
