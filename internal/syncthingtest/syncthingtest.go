// Package syncthingtest runs real Syncthing instances for tests: each in its
// own home under t.TempDir(), its GUI/REST API and its sync protocol on
// 127.0.0.1 only, every kind of discovery, relaying, NAT traversal, usage
// and crash reporting and upgrading off, so nothing ever leaves the machine.
// The exchange folders of issue 15 travel through Syncthing; this package
// lets a test put two vaults' folders on either end of it.
//
// It is for tests only: nothing outside _test.go files imports it. It needs
// the syncthing binary on PATH (Debian's syncthing package, which
// scripts/deps.sh installs for make test); without it, Start skips the test,
// or fails it when CI=true, since CI must run it. It is written against
// Syncthing 1.19 (Debian 12) and keeps to what the 1.x series shares;
// Syncthing 2 renamed some of "syncthing generate"'s flags.
//
// What a test sees in a synced folder, from Syncthing's own code
// (lib/fs/tempname.go, lib/fs/filesystem.go, lib/model):
//   - A file being received is written to a temporary name in the same
//     directory: ".syncthing.NAME.tmp" (on Windows "~syncthing~NAME.tmp"; a
//     NAME longer than 145 bytes becomes the SHA-256 of NAME in hex). The
//     temporary file has the final size from the start (sparse), so waiting
//     for the size to settle tells nothing; NAME appears by an atomic rename
//     once every block is written and verified, with the sender's
//     modification time. Syncthing itself treats every name starting with
//     ".syncthing." or "~syncthing~" as temporary; so should a reader.
//   - The folder root holds the folder marker, an empty directory
//     ".stfolder", which Syncthing creates when it starts a new, empty
//     folder; ".stignore" (ignore patterns, none here) and ".stversions"
//     (file versioning, off here) are Syncthing's too and are never synced.
//   - When both sides change one file, the loser is kept as
//     "NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT".
package syncthingtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// Timeout is how long Start and the Cluster's WaitFor give Syncthing before
// failing the test. One sync on a quiet machine takes about a second (see
// the package's tests); the margin is for a machine busy with other tests,
// so the tests never fail by chance.
const Timeout = 90 * time.Second

// Node is one running Syncthing instance.
type Node struct {
	Name   string // node0, node1, …
	ID     string // the device ID (the REST API's myID, checked at start)
	Home   string // config, keys, database and log
	GUI    string // base URL of the REST API, http://127.0.0.1:PORT
	APIKey string
	Listen string // the sync protocol's address, tcp://127.0.0.1:PORT

	t       testing.TB
	cmd     *exec.Cmd
	exited  chan struct{}
	waitErr error
	logPath string
}

// Cluster is a set of Syncthing instances that know each other.
type Cluster struct {
	Nodes []*Node
	t     testing.TB

	mu      sync.Mutex
	outside []string // sockets seen off the loopback interface
}

// Start starts n Syncthing instances side by side, checks that none is set
// to reach beyond this machine, introduces each to every other one, and
// waits until all are connected. Of each pair, the one earlier in Nodes
// dials the other at its loopback address and the other only accepts:
// when two Syncthing 1.19 instances dial each other in the same instant,
// both connections fail, and the next try can be twenty seconds later.
// The accepting side learns of the other first, so the first dial
// succeeds. The instances are stopped when the test ends; if it failed,
// the end of each one's log is written to the test's output.
func Start(t testing.TB, n int) *Cluster {
	t.Helper()
	Require(t)
	c := &Cluster{t: t, Nodes: make([]*Node, n)}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		home := filepath.Join(t.TempDir(), fmt.Sprintf("node%d", i))
		wg.Go(func() { c.Nodes[i], errs[i] = startNode(t, home, fmt.Sprintf("node%d", i)) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("syncthingtest: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			for _, nd := range c.Nodes {
				nd.logTail()
			}
		}
	})
	c.watchSockets()
	for _, dial := range []bool{false, true} { // the accepting side first
		for i, a := range c.Nodes {
			for j, b := range c.Nodes {
				if i != j && (i < j) == dial {
					a.addDevice(b, dial)
				}
			}
		}
	}
	for _, nd := range c.Nodes {
		nd.checkOffline()
	}
	c.WaitFor("every instance connected to every other", func() (bool, error) {
		for _, a := range c.Nodes {
			conns, err := a.connections()
			if err != nil {
				return false, err
			}
			for _, b := range c.Nodes {
				if a != b && !conns[b.ID] {
					return false, fmt.Errorf("%s not connected to %s", a.Name, b.Name)
				}
			}
		}
		return true, nil
	})
	return c
}

// Require skips the test when the syncthing binary is not on PATH, or fails
// it when CI=true: CI installs syncthing (scripts/deps.sh) and must run
// these tests, not skip them.
func Require(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("syncthing"); err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("syncthing is not installed, and CI=true: CI must run the Syncthing integration tests " +
			"(make deps, i.e. scripts/deps.sh, installs Debian's syncthing package)")
	}
	t.Skip("skipping: syncthing is not installed (on Debian or Ubuntu: make deps, or apt-get install syncthing)")
}

// FolderType is how one end of a shared folder takes part in it.
type FolderType string

const (
	SendReceive FolderType = "sendreceive"
	SendOnly    FolderType = "sendonly"
	ReceiveOnly FolderType = "receiveonly"
)

// End is one instance's end of a shared folder: its node, its directory
// (created if missing) and its type (SendReceive if empty).
type End struct {
	Node *Node
	Dir  string
	Type FolderType
}

// ShareFolder shares the folder id between the first two nodes, dirA on
// node0 and dirB on node1, both sending and receiving, and waits until
// both have scanned it.
func (c *Cluster) ShareFolder(id, dirA, dirB string) {
	c.t.Helper()
	if len(c.Nodes) < 2 {
		c.t.Fatal("syncthingtest: ShareFolder needs a cluster of at least two nodes")
	}
	c.Share(id, End{Node: c.Nodes[0], Dir: dirA}, End{Node: c.Nodes[1], Dir: dirB})
}

// Share shares the folder id among the given ends, each instance's
// directory and type as given, with the file system watcher on (a change
// is seen within about a second) and a rescan every few seconds as a
// fallback; it waits until every end has scanned its directory.
func (c *Cluster) Share(id string, ends ...End) {
	c.t.Helper()
	devices := make([]map[string]string, 0, len(ends))
	for _, e := range ends {
		devices = append(devices, map[string]string{"deviceID": e.Node.ID})
	}
	for _, e := range ends {
		dir, err := filepath.Abs(e.Dir)
		if err != nil {
			c.t.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			c.t.Fatal(err)
		}
		typ := e.Type
		if typ == "" {
			typ = SendReceive
		}
		folder := map[string]any{
			"id":               id,
			"label":            id,
			"path":             dir,
			"type":             typ,
			"devices":          devices,
			"fsWatcherEnabled": true,
			"fsWatcherDelayS":  1,
			"rescanIntervalS":  5,
		}
		if err := e.Node.Do("PUT", "/rest/config/folders/"+id, folder, nil); err != nil {
			c.t.Fatalf("syncthingtest: sharing folder %s on %s: %v", id, e.Node.Name, err)
		}
	}
	c.WaitFor("folder "+id+" scanned at every end", func() (bool, error) {
		for _, e := range ends {
			var st struct {
				State string `json:"state"`
				Error string `json:"error"`
			}
			if err := e.Node.Get("/rest/db/status?folder="+id, &st); err != nil {
				return false, err
			}
			if st.State == "error" {
				c.t.Fatalf("syncthingtest: folder %s on %s: %s", id, e.Node.Name, st.Error)
			}
			if st.State != "idle" {
				return false, fmt.Errorf("folder %s on %s is %q", id, e.Node.Name, st.State)
			}
		}
		return true, nil
	})
}

// WaitFor calls cond every 50 ms until it reports done or ctx ends. cond's
// error means "not yet, and here is why": when ctx ends first, WaitFor's
// error says so together with the last error cond gave.
func WaitFor(ctx context.Context, cond func() (bool, error)) error {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	var last error
	for {
		done, err := cond()
		if done {
			return nil
		}
		last = err
		select {
		case <-ctx.Done():
			if last != nil {
				return fmt.Errorf("%w (last: %v)", ctx.Err(), last)
			}
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// WaitFor waits up to Timeout for cond and fails the test, naming what it
// waited for, if cond is not done by then. cond's errors mean "not yet".
func (c *Cluster) WaitFor(what string, cond func() (bool, error)) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	if err := WaitFor(ctx, cond); err != nil {
		c.t.Fatalf("syncthingtest: waiting for %s: %v", what, err)
	}
}

// watchSockets looks at every instance's sockets ten times a second until
// the test ends, and fails the test if one was ever bound or connected to
// an address off the loopback interface (Linux only). This is a sample:
// a socket that lives a few milliseconds can slip between two looks; the
// configuration, which Start checks, is what keeps instances off the
// network.
func (c *Cluster) watchSockets() {
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			for _, nd := range c.Nodes {
				found, _ := outsideSockets(nd.cmd.Process.Pid) // an error: the process is gone
				c.mu.Lock()
				for _, s := range found {
					if s = nd.Name + ": " + s; !slices.Contains(c.outside, s) {
						c.outside = append(c.outside, s)
					}
				}
				c.mu.Unlock()
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	c.t.Cleanup(func() {
		close(stop)
		<-done
		if out := c.Outside(); len(out) > 0 {
			c.t.Errorf("syncthingtest: sockets off the loopback interface: %q", out)
		}
	})
}

// Outside lists the sockets off the loopback interface that the watch has
// seen so far (none, unless something is wrong).
func (c *Cluster) Outside() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.outside)
}
