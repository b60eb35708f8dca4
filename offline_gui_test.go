//go:build linux

package main

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// TestOfflineGUI is the GUI half of docs/SECURITY.md's "No network": the
// GUI runs under strace (socket and connect calls of every thread and
// child) on an Xvfb display that is a unix socket, is unlocked by typing
// the passphrase, opens a case, locks (Ctrl+L) and quits; any socket that
// is not AF_UNIX fails the test.
func TestOfflineGUI(t *testing.T) {
	needTools(t, "strace", "Xvfb", "xdotool")
	if testing.Short() {
		t.Skip("drives the GUI under strace")
	}
	home := t.TempDir()
	if out, err := exec.Command("strace", "-f", "-qq", "-e", "trace=socket", "-o", filepath.Join(home, "probe"), "true").CombinedOutput(); err != nil {
		t.Skipf("strace cannot trace here (ptrace not permitted?): %v\n%s", err, out)
	}
	const pass = "copper lantern fjord tulip 7"
	files := writeCaseFiles(t, home, 1, func(_ int, s string) string { return s })
	vault := filepath.Join(home, "vault.kintrace")
	makeVault(t, home, vault, pass, files...)

	log := filepath.Join(home, "strace.gui")
	g := startGUI(t, startXvfb(t), home, vault, "strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", log)
	g.unlockAndOpen(pass, 1)
	g.key("ctrl+l")
	g.wait("unlock")
	g.wait("locked")
	g.quit()

	calls, bad := nonUnixSockets(t, log)
	for _, line := range bad {
		t.Errorf("the GUI opened a socket other than AF_UNIX:\n%s", line)
	}
	if calls == 0 {
		t.Fatal("strace saw no socket call at all: the X11 connection should be one")
	}
	t.Logf("%d socket/connect calls, all AF_UNIX", calls)
}
