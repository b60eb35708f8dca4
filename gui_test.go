//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The harness of the tests that drive the real GUI (TestMemoryAfterLock,
// TestOfflineGUI): an Xvfb server of its own, the test binary started as
// kintrace on it, xdotool typing and clicking, and the window's state lines
// (app.ReportStatesForTests) to wait on instead of sleeping.

// guiTimeout bounds every wait for the GUI: reaching it fails the test
// (it is not a guess at how long something takes: a state line ends every
// wait the moment it arrives).
const guiTimeout = 3 * time.Minute

// needTools skips the test where the GUI harness cannot run: not Linux, or
// one of the tools missing (scripts/deps.sh installs them for make test).
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the GUI harness runs on Linux (Xvfb)")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (scripts/deps.sh installs it)", tool)
		}
	}
}

// startXvfb starts an X server of the test's own that listens on a unix
// socket only, and returns its DISPLAY (":N", which Xlib resolves to the
// socket /tmp/.X11-unix/XN). Xvfb chooses a free display number itself
// (-displayfd), so parallel runs do not collide.
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-nolisten", "tcp", "-screen", "0", "1280x800x24")
	cmd.ExtraFiles = []*os.File{w}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		w.Close()
		t.Fatalf("Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if _, err := strconv.Atoi(n); err != nil {
			t.Fatalf("Xvfb gave no display number (%q):\n%s", n, stderr.String())
		}
		return ":" + n
	case <-time.After(guiTimeout):
		t.Fatalf("Xvfb did not start:\n%s", stderr.String())
	}
	return ""
}

// makeVault creates a vault at path with the passphrase and adds the case
// files, through the command line (with the insecure test KDF).
func makeVault(t *testing.T, home, path, pass string, caseFiles ...string) {
	t.Helper()
	env := append([]string{"LANG=en_US.UTF-8", "KINTRACE_PASSPHRASE=" + pass}, profileEnv(home)...)
	runKintrace(t, env, "vault", "init", "--vault", path)
	for _, f := range caseFiles {
		runKintrace(t, env, "case", "add", "--json", f, "--vault", path)
	}
}

// gui is the GUI process under test.
type gui struct {
	t       *testing.T
	display string
	cmd     *exec.Cmd
	states  chan []string // the fields of each state line
	stderr  *lockedBuffer
	window  string // its X window id, once found
	process int    // kintrace's process id (under strace, strace's child)
}

// startGUI starts the test binary as kintrace's GUI on display for the
// vault, with home as every per-user folder. prefix runs it under another
// program (strace).
func startGUI(t *testing.T, display, home, vault string, prefix ...string) *gui {
	t.Helper()
	args := append(append([]string(nil), prefix...), os.Args[0], "-test.run=^$", "--")
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append([]string{"KINTRACE_TEST_MAIN=1", "KINTRACE_TEST_STATES=1", "PATH=" + os.Getenv("PATH"),
		"DISPLAY=" + display, "LANG=en_US.UTF-8", "FYNE_SCALE=1", "KINTRACE_VAULT=" + vault},
		profileEnv(home)...)
	cmd.Dir = home
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	g := &gui{t: t, display: display, cmd: cmd, states: make(chan []string, 64), stderr: &lockedBuffer{}}
	cmd.Stderr = g.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(g.states)
		s := bufio.NewScanner(out)
		for s.Scan() {
			g.states <- strings.Fields(s.Text())
		}
	}()
	t.Cleanup(func() {
		if g.cmd.ProcessState == nil {
			g.cmd.Process.Kill()
			g.cmd.Wait()
		}
	})
	return g
}

// pid is kintrace's process id, from its first state line: kintrace
// itself, not a program it runs under.
func (g *gui) pid() int {
	g.t.Helper()
	if g.process == 0 {
		g.process = int(floats(g.t, g.wait("pid"))[0])
	}
	return g.process
}

// wait returns the fields of the next state line, which must be state.
func (g *gui) wait(state string) []string {
	g.t.Helper()
	select {
	case f, ok := <-g.states:
		if !ok {
			g.t.Fatalf("the GUI ended before %q:\n%s", state, g.stderr.String())
		}
		if len(f) > 0 && f[0] == "pid" && state != "pid" {
			// A lock starts Kintrace again in the same process
			// (app/restart.go), which says its pid again: the same one.
			if n := int(floats(g.t, f[1:])[0]); g.process != 0 && n != g.process {
				g.t.Fatalf("the GUI's process changed from %d to %d", g.process, n)
			}
			return g.wait(state)
		}
		if len(f) == 3 && f[0] == "today" && state == "desk" {
			// The Today view comes first after unlock: go on to the
			// case list with its button.
			xy := floats(g.t, f[1:])
			g.click(xy[0], xy[1])
			return g.wait(state)
		}
		if len(f) == 0 || f[0] != state {
			g.t.Fatalf("the GUI reported %q, want %q:\n%s", strings.Join(f, " "), state, g.stderr.String())
		}
		return f[1:]
	case <-time.After(guiTimeout):
		g.t.Fatalf("no %q from the GUI within %v:\n%s", state, guiTimeout, g.stderr.String())
	}
	return nil
}

// xdotool runs xdotool on the GUI's display.
func (g *gui) xdotool(args ...string) string {
	g.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), guiTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+g.display)
	out, err := cmd.CombinedOutput()
	if err != nil {
		g.t.Fatalf("xdotool %s: %v\n%s\nkintrace:\n%s", strings.Join(args, " "), err, out, g.stderr.String())
	}
	return string(out)
}

// focus waits until the window is mapped and gives it the keyboard.
func (g *gui) focus() {
	g.t.Helper()
	ids := strings.Fields(g.xdotool("search", "--sync", "--onlyvisible", "--name", "^Kintrace$"))
	if len(ids) == 0 {
		g.t.Fatal("no Kintrace window")
	}
	g.window = ids[0]
	g.xdotool("windowfocus", "--sync", g.window)
}

// typeText types text into the focused widget and presses Return.
func (g *gui) typeText(text string) {
	g.t.Helper()
	g.xdotool("type", "--window", g.window, "--delay", "15", text)
	g.xdotool("key", "--window", g.window, "Return")
}

// click clicks at x, y (pixels) in the window.
func (g *gui) click(x, y float64) {
	g.t.Helper()
	g.xdotool("mousemove", "--window", g.window, "--sync", fmt.Sprint(int(x)), fmt.Sprint(int(y)), "click", "1")
}

// key presses keys ("ctrl+l").
func (g *gui) key(keys string) {
	g.t.Helper()
	g.xdotool("key", "--window", g.window, keys)
}

// unlockAndOpen unlocks the vault by typing the passphrase, then opens
// every case of the list (n rows) in the editor one after another,
// returning to the list in between, and ends with the last one open.
func (g *gui) unlockAndOpen(pass string, n int) {
	g.t.Helper()
	g.pid()
	g.wait("unlock")
	g.focus()
	g.typeText(pass)
	desk := floats(g.t, g.wait("desk"))
	if len(desk) != 5 {
		g.t.Fatalf("desk line: %v", desk)
	}
	x, y, w, row := desk[0], desk[1], desk[2], desk[4]
	for i := range n {
		if i > 0 {
			desk = floats(g.t, g.wait("desk"))
			x, y, w, row = desk[0], desk[1], desk[2], desk[4]
		}
		// The middle of the row's name column: left of it the check box
		// would tick the case instead of opening it.
		g.click(x+w/2, y+row*float64(i)+row/3)
		back := floats(g.t, g.wait("screen"))
		if i < n-1 {
			g.click(back[0], back[1])
		}
	}
}

// quit ends kintrace and waits for it to end.
func (g *gui) quit() {
	g.t.Helper()
	// SIGKILL, not SIGTERM: these tests are about what the running process
	// holds and opens, and Fyne 2.7's own shutdown can race with events
	// still queued (a send on its closed function queue, a mouse event on
	// the closing window), which would fail them by chance.
	if err := syscall.Kill(g.pid(), syscall.SIGKILL); err != nil {
		g.t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() { errc <- g.cmd.Wait() }()
	select {
	case <-errc:
	case <-time.After(guiTimeout):
		g.t.Fatalf("kintrace did not end after SIGKILL:\n%s", g.stderr.String())
	}
}

func floats(t *testing.T, fields []string) []float64 {
	t.Helper()
	var fs []float64
	for _, f := range fields {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatalf("state line %v: %v", fields, err)
		}
		fs = append(fs, v)
	}
	return fs
}

// lockedBuffer is a bytes.Buffer safe for the process's writes and the
// test's reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// writeCaseFiles writes case files built from the format's example, with
// the markers in place of its names and numbers, and returns their paths.
func writeCaseFiles(t *testing.T, dir string, n int, edit func(i int, json string) string) []string {
	t.Helper()
	example, err := os.ReadFile("cases/testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for i := range n {
		s := string(example)
		s = strings.Replace(s, "01JD8Q7W3K9F2M6T4R0YB5XHCN", fmt.Sprintf("01JD8Q7W3K9F2M6T4R0YB5XHC%d", i), 1)
		s = strings.Replace(s, "KT-2022-0007", fmt.Sprintf("KT-2022-010%d", i), 1)
		s = edit(i, s)
		f := filepath.Join(dir, fmt.Sprintf("case%d.json", i))
		if err := os.WriteFile(f, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}
