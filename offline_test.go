package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOfflineSession is the proof of docs/SECURITY.md's "No network": it
// runs a whole command-line session (two vaults, a case added, searched,
// sent in a passphrase bundle from one to the other, and printed as a PDF)
// with every process traced by strace for the socket and connect system
// calls, and fails on any socket that is not a local (AF_UNIX) one.
func TestOfflineSession(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace is not installed (scripts/deps.sh installs it)")
	}
	dir := t.TempDir()
	if out, err := exec.Command(strace, "-f", "-qq", "-e", "trace=socket", "-o", filepath.Join(dir, "probe"), "true").CombinedOutput(); err != nil {
		t.Skipf("strace cannot trace here (ptrace not permitted?): %v\n%s", err, out)
	}
	example, err := filepath.Abs("cases/testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(dir, "a.kintrace"), filepath.Join(dir, "b.kintrace")
	file, pdf := filepath.Join(dir, "backup.ktb"), filepath.Join(dir, "case.pdf")
	env := append([]string{"LANG=en_US.UTF-8", "KINTRACE_PASSPHRASE=copper lantern fjord tulip 7",
		"KINTRACE_BUNDLE_PASSPHRASE=amber kettle orbit meadow sable"}, profileEnv(dir)...)

	var logs []string
	run := func(args ...string) string {
		t.Helper()
		log := filepath.Join(dir, "strace."+strings.ReplaceAll(strings.Join(args[:2], "-"), "/", "_")+"."+
			string(rune('a'+len(logs))))
		logs = append(logs, log)
		cmd := exec.Command(strace, append([]string{"-f", "-qq", "-e", "trace=socket,connect", "-o", log,
			os.Args[0], "-test.run=^$", "--"}, args...)...)
		cmd.Env = append([]string{"KINTRACE_TEST_MAIN=1", "PATH=" + os.Getenv("PATH")}, env...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("kintrace %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}

	run("vault", "init", "--vault", a)
	run("case", "add", "--json", example, "--vault", a)
	if out := run("case", "list", "--query", "lebedev", "--vault", a); !strings.Contains(out, "Лебедев") {
		t.Fatalf("case list --query found nothing:\n%s", out)
	}
	fp := regexp.MustCompile(`[0-9A-Z]{4}( [0-9A-Z]{4}){5}`).FindString(run("identity", "show", "--vault", a))
	if fp == "" {
		t.Fatal("identity show printed no fingerprint")
	}
	run("bundle", "export", "--passphrase", "--all", "--out", file, "--vault", a)
	run("vault", "init", "--vault", b)
	if out := run("bundle", "import", file, "--yes", "--trust", fp, "--vault", b); !strings.Contains(out, "1 new") {
		t.Fatalf("bundle import:\n%s", out)
	}
	run("report", "pdf", "KT-2022-0007", "--out", pdf, "--vault", b)
	if data, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(data), "%PDF") {
		t.Fatalf("no PDF written: %v", err)
	}

	calls := 0
	for _, log := range logs {
		n, bad := nonUnixSockets(t, log)
		calls += n
		for _, line := range bad {
			t.Errorf("%s: a socket other than AF_UNIX:\n%s", filepath.Base(log), line)
		}
	}
	t.Logf("%d commands traced, %d socket/connect calls, all AF_UNIX", len(logs), calls)
}

// nonUnixSockets reads an strace log of the socket and connect calls and
// returns how many there were and the lines of those that are not AF_UNIX.
// strace writes lines such as
//
//	1234  socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3
//	1234  connect(3, {sa_family=AF_INET6, sin6_port=htons(53), ...}, 28) = 0
func nonUnixSockets(t *testing.T, log string) (calls int, bad []string) {
	t.Helper()
	family := regexp.MustCompile(`\b(?:socket\(|sa_family=)(AF_[A-Z0-9]+)`)
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(data)) {
		if !strings.Contains(line, "socket(") && !strings.Contains(line, "connect(") {
			continue
		}
		calls++
		m := family.FindStringSubmatch(line)
		if m == nil || (m[1] != "AF_UNIX" && m[1] != "AF_LOCAL") {
			bad = append(bad, line)
		}
	}
	return calls, bad
}
