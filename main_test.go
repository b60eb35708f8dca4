package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"kintrace/app"
	"kintrace/crypto"
)

// The test binary doubles as the kintrace binary: with KINTRACE_TEST_MAIN=1
// it runs main with the arguments after "--", so these tests start the real
// process, with the environment it is given from its first instruction on
// (package initialisation included).
func TestMain(m *testing.M) {
	if os.Getenv("KINTRACE_TEST_MAIN") == "1" {
		for i, a := range os.Args {
			if a == "--" {
				os.Args = append([]string{os.Args[0]}, os.Args[i+1:]...)
				break
			}
		}
		crypto.UseInsecureKDFForTests() // the test hook: a vault in milliseconds
		if os.Getenv("KINTRACE_TEST_STATES") == "1" {
			fmt.Printf("pid %d\n", os.Getpid())
			app.ReportStatesForTests(os.Stdout) // the GUI tests wait on these lines (gui_test.go)
		}
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runKintrace runs the binary as a command with env added to a minimal
// environment and returns its standard output and error.
func runKintrace(t *testing.T, env []string, args ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append([]string{"KINTRACE_TEST_MAIN=1", "PATH=" + os.Getenv("PATH")}, env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("kintrace %s: %v\nstderr:\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String(), errOut.String()
}

// TestCLocaleIsQuiet: with a C or POSIX locale (the default of container
// images and many ssh sessions) commands print their own output in English
// and nothing on standard error. Fyne used to log "Error parsing user locale
// C" seven times.
func TestCLocaleIsQuiet(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no locale variables on Windows")
	}
	home := t.TempDir()
	vault := filepath.Join(home, "v.kintrace")
	pass := filepath.Join(home, "pass")
	if err := os.WriteFile(pass, []byte("copper lantern fjord tulip 7\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base := []string{"HOME=" + home}
	runKintrace(t, append(base, "LANG=en_US.UTF-8", "KINTRACE_PASSPHRASE=copper lantern fjord tulip 7"), "vault", "init", "--vault", vault)
	for _, locale := range []string{"C", "C.UTF-8", "POSIX", "LC_ALL=C.UTF-8", ""} {
		env := append([]string(nil), base...)
		switch {
		case strings.Contains(locale, "="):
			env = append(env, locale)
		case locale != "":
			env = append(env, "LANG="+locale)
		}
		for _, args := range [][]string{{"help"}, {"version"}, {"case", "list", "--vault", vault, "--passphrase-file", pass}} {
			out, errOut := runKintrace(t, env, args...)
			if errOut != "" {
				t.Errorf("locale %q, kintrace %s: stderr not empty:\n%s", locale, strings.Join(args, " "), errOut)
			}
			if out == "" {
				t.Errorf("locale %q, kintrace %s: no output", locale, strings.Join(args, " "))
			}
		}
		if out, _ := runKintrace(t, env, "help"); !strings.Contains(out, "vault init") || strings.ContainsAny(out, "абвгдеж") {
			t.Errorf("locale %q: help is not the English text:\n%s", locale, out)
		}
	}
}

// TestPortableModeWritesNothingToTheProfile copies the binary beside a
// kintrace-portable marker, as on a USB stick, and runs a command-line
// session with HOME and every per-user folder pointed at one empty folder:
// the vault must land in kintrace-data beside the binary and the profile
// folder must stay empty.
func TestPortableModeWritesNothingToTheProfile(t *testing.T) {
	stick := t.TempDir()
	exe := filepath.Join(stick, "kintrace")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	copyFile(t, os.Args[0], exe, 0o755)
	if err := os.WriteFile(filepath.Join(stick, "kintrace-portable"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	profile := t.TempDir()
	env := append([]string{"LANG=en_US.UTF-8", "KINTRACE_PASSPHRASE=copper lantern fjord tulip 7"},
		profileEnv(profile)...)
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(exe, append([]string{"-test.run=^$", "--"}, args...)...)
		cmd.Env = append([]string{"KINTRACE_TEST_MAIN=1", "PATH=" + os.Getenv("PATH")}, env...)
		cmd.Dir = profile
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("kintrace %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("vault", "init")
	example, err := filepath.Abs("cases/testdata/example.json") // case-format.md's example
	if err != nil {
		t.Fatal(err)
	}
	run("case", "add", "--json", example)
	if out := run("case", "list", "--query", "lebedev"); !strings.Contains(out, "Лебедев") {
		t.Errorf("case list in portable mode:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(stick, "kintrace-data", "vault.kintrace")); err != nil {
		t.Errorf("no vault in the portable data folder: %v", err)
	}
	if out := run("version"); !strings.Contains(out, "Kintrace") {
		t.Errorf("version: %s", out)
	}
	assertEmptyDir(t, profile)
}

// profileEnv points HOME and every per-user folder variable of Linux,
// macOS and Windows at dir.
func profileEnv(dir string) []string {
	var env []string
	for _, k := range []string{"HOME", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "XDG_CONFIG_HOME",
		"XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "TMPDIR", "TEMP", "TMP"} {
		env = append(env, k+"="+dir)
	}
	return env
}

// assertEmptyDir fails the test for every file or folder below dir.
func assertEmptyDir(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != dir {
			t.Errorf("written to the user profile: %s", p)
		}
		return nil
	})
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, mode); err != nil {
		t.Fatal(err)
	}
}
