package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"kintrace/cases"
	"kintrace/crypto"
)

func TestMain(m *testing.M) {
	restore := crypto.UseInsecureKDFForTests()
	// The tests read English messages whatever the machine's locale.
	os.Setenv("LANG", "en_US.UTF-8")
	os.Setenv("LANGUAGE", "en")
	loadTranslations()
	code := m.Run()
	restore()
	os.Exit(code)
}

// run calls the command line with a fake environment and returns its exit
// code, standard output and standard error.
func run(t *testing.T, envv map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{ctx: context.Background(), stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv:     func(k string) string { return envv[k] },
		isTerminal: func() bool { return false },
		readSecret: func(string) ([]byte, error) { t.Fatal("prompted for a secret"); return nil, nil }}
	code := e.main(args)
	return code, out.String(), errb.String()
}

func newTestVault(t *testing.T) (string, map[string]string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v.kintrace")
	envv := map[string]string{"KINTRACE_PASSPHRASE": "violet harbour cinnamon ladder", "KINTRACE_VAULT": path}
	code, out, errs := run(t, envv, "", "vault", "init", "--owner", "Marina")
	if code != 0 {
		t.Fatalf("vault init: %d %s", code, errs)
	}
	if !strings.Contains(out, path) {
		t.Fatalf("vault init output %q does not name the vault", out)
	}
	return path, envv
}

func TestExampleRoundTrip(t *testing.T) {
	_, envv := newTestVault(t)
	example, err := os.ReadFile("../cases/testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, envv, string(example), "case", "add", "--json", "-")
	if code != 0 {
		t.Fatalf("case add: %d %s", code, errs)
	}
	fields := strings.Fields(out)
	if len(fields) != 2 || fields[0] != "01JD8Q7W3K9F2M6T4R0YB5XHCN" || fields[1] != "KT-2022-0007" {
		t.Fatalf("case add printed %q", out)
	}
	code, out, errs = run(t, envv, "", "case", "show", "KT-2022-0007", "--json")
	if code != 0 {
		t.Fatalf("case show: %d %s", code, errs)
	}
	want, err := cases.DecodeCases(example)
	if err != nil {
		t.Fatal(err)
	}
	got, err := cases.DecodeCases([]byte(out))
	if err != nil {
		t.Fatalf("show --json is not case JSON: %v\n%s", err, out)
	}
	want[0].UpdatedBy = "Marina" // the vault records who saved it
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip differs:\ngot  %+v\nwant %+v", got[0], want[0])
	}
	// The human view names the person and the timeline.
	_, out, _ = run(t, envv, "", "case", "show", "01JD8Q7W3K9F2M6T4R0YB5XHCN")
	for _, s := range []string{"Сергей Павлович Лебедев", "IK-17, Mordovia", "message_received", "KT-2022-0007"} {
		if !strings.Contains(out, s) {
			t.Errorf("case show lacks %q:\n%s", s, out)
		}
	}
}

func TestListFindsCyrillicByLatin(t *testing.T) {
	_, envv := newTestVault(t)
	in := `{"format":1,"cases":[
	 {"status":"contact_lost","person":{"name":"Олег Морозов","facility":"ИК-17, Мордовия"}},
	 {"status":"open","person":{"name":"Анна Смирнова"}}]}`
	if code, _, errs := run(t, envv, in, "case", "add", "--json", "-"); code != 0 {
		t.Fatalf("case add: %s", errs)
	}
	code, out, errs := run(t, envv, "", "case", "list", "--query", "morozov")
	if code != 0 {
		t.Fatalf("case list: %s", errs)
	}
	if !strings.Contains(out, "Олег Морозов") || strings.Contains(out, "Смирнова") {
		t.Fatalf("list --query morozov:\n%s", out)
	}
	_, out, _ = run(t, envv, "", "case", "list", "--status", "open", "--json")
	if !strings.Contains(out, "Анна Смирнова") || strings.Contains(out, "Морозов") {
		t.Fatalf("list --status open --json:\n%s", out)
	}
}

func TestEditAndDelete(t *testing.T) {
	_, envv := newTestVault(t)
	_, out, _ := run(t, envv, `{"status":"open","person":{"name":"Иван Петров"}}`, "case", "add", "--json", "-")
	id := strings.Fields(out)[0]
	code, out, errs := run(t, envv, `{"status":"located","person":{"name":"Иван Петров"}}`, "case", "edit", id, "--json", "-")
	if code != 0 || !strings.Contains(out, " 2") {
		t.Fatalf("case edit: %d %q %s", code, out, errs)
	}
	// An edit made from version 1 after version 2 exists is refused.
	code, _, errs = run(t, envv, `{"version":1,"status":"closed","person":{"name":"Иван Петров"}}`, "case", "edit", id, "--json", "-")
	if code != 1 || !strings.Contains(errs, "changed since") {
		t.Fatalf("stale edit: %d %s", code, errs)
	}
	if code, _, errs := run(t, envv, "", "case", "delete", id); code != 0 {
		t.Fatalf("delete: %s", errs)
	}
	if code, _, errs := run(t, envv, "", "case", "show", id); code != 1 || !strings.Contains(errs, "not found") {
		t.Fatalf("show deleted: %d %s", code, errs)
	}
}

func TestBadInputChangesNothing(t *testing.T) {
	path, envv := newTestVault(t)
	run(t, envv, `{"status":"open","person":{"name":"Иван Петров"}}`, "case", "add", "--json", "-")
	hash := func() [32]byte {
		b, _ := os.ReadFile(path)
		return sha256.Sum256(b)
	}
	before := hash()
	wrong := map[string]string{"KINTRACE_PASSPHRASE": "wrong", "KINTRACE_VAULT": path}
	cases := []struct {
		name   string
		env    map[string]string
		stdin  string
		args   []string
		code   int
		stderr string
	}{
		{"wrong passphrase", wrong, "", []string{"case", "list"}, 1, "wrong passphrase"},
		{"broken json", envv, `{"status":"open",`, []string{"case", "add", "--json", "-"}, 1, "input"},
		{"unknown enum", envv, `{"status":"open","person":{"name":"X"},"events":[{"type":"calll"}]}`,
			[]string{"case", "add", "--json", "-"}, 1, `events[0].type`},
		{"no passphrase", map[string]string{"KINTRACE_VAULT": path}, "", []string{"case", "list"}, 1, "no passphrase"},
		{"unknown command", envv, "", []string{"case", "fly"}, 2, "unknown command"},
		{"missing argument", envv, "", []string{"case", "show"}, 2, "exactly one case"},
		{"missing vault", map[string]string{"KINTRACE_PASSPHRASE": "x", "KINTRACE_VAULT": path + ".nope"}, "", []string{"case", "list"}, 1, "no vault at"},
	}
	for _, c := range cases {
		code, _, errs := run(t, c.env, c.stdin, c.args...)
		if code != c.code || !strings.Contains(errs, c.stderr) {
			t.Errorf("%s: exit %d, stderr %q; want exit %d and %q", c.name, code, errs, c.code, c.stderr)
		}
		if strings.Contains(errs, "Иван") {
			t.Errorf("%s: error output holds case plaintext: %q", c.name, errs)
		}
	}
	if hash() != before {
		t.Fatal("bad input changed the vault file")
	}
}

func TestVaultInfoAndPasswd(t *testing.T) {
	path, envv := newTestVault(t)
	code, out, _ := run(t, envv, "", "vault", "info")
	if code != 0 || !strings.Contains(out, path) || !strings.Contains(out, "KT-") {
		t.Fatalf("vault info: %d %s", code, out)
	}
	envv["KINTRACE_NEW_PASSPHRASE"] = "another long passphrase"
	if code, _, errs := run(t, envv, "", "vault", "passwd"); code != 0 {
		t.Fatalf("passwd: %s", errs)
	}
	if code, _, _ := run(t, envv, "", "case", "list"); code != 1 {
		t.Fatal("old passphrase still opens the vault")
	}
	envv["KINTRACE_PASSPHRASE"] = "another long passphrase"
	if code, _, errs := run(t, envv, "", "case", "list"); code != 0 {
		t.Fatalf("new passphrase: %s", errs)
	}
}

func TestHelpListsCommands(t *testing.T) {
	code, out, _ := run(t, nil, "", "help")
	if code != 0 {
		t.Fatal("help failed")
	}
	for _, c := range []string{"vault init", "case add", "case list", "case show", "case edit", "case delete"} {
		if !strings.Contains(out, c) {
			t.Errorf("help lacks %q", c)
		}
	}
}

// TestWeakPassphraseRefused: vault init and passwd apply the GUI's rule
// (cases/passphrase), not only "not empty".
func TestWeakPassphraseRefused(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ pass, want string }{
		{"x", "too short"},
		{"qwerty123456", "common password"},
		{"mishkakotyon", "too predictable"},
	} {
		path := filepath.Join(dir, tt.pass+".kintrace")
		envv := map[string]string{"KINTRACE_PASSPHRASE": tt.pass, "KINTRACE_VAULT": path}
		if code, _, errs := run(t, envv, "", "vault", "init"); code != 1 || !strings.Contains(errs, tt.want) {
			t.Errorf("vault init with %q: exit %d, %q; want 1 and %q", tt.pass, code, errs, tt.want)
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("vault init with %q created a vault", tt.pass)
		}
	}

	path, envv := newTestVault(t)
	envv["KINTRACE_NEW_PASSPHRASE"] = "a"
	if code, _, errs := run(t, envv, "", "vault", "passwd"); code != 1 || !strings.Contains(errs, "too short") {
		t.Fatalf("passwd to %q: exit %d, %q", "a", code, errs)
	}
	delete(envv, "KINTRACE_NEW_PASSPHRASE")
	if code, _, errs := run(t, envv, "", "case", "list", "--vault", path); code != 0 {
		t.Fatalf("the old passphrase no longer opens the vault: %s", errs)
	}
}
