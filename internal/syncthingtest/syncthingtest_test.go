package syncthingtest_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kintrace/internal/syncthingtest"
)

// TestSyncFile: a file written into one instance's folder appears in the
// other's byte for byte, with Syncthing's folder marker in both and no
// temporary file left; neither instance is set to reach beyond this
// machine, and none of their sockets was seen off the loopback interface.
func TestSyncFile(t *testing.T) {
	c := syncthingtest.Start(t, 2)
	for _, nd := range c.Nodes {
		if err := nd.Offline(); err != nil {
			t.Fatal(err)
		}
	}
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	c.ShareFolder("exchange", a, b)
	for _, dir := range []string{a, b} {
		if fi, err := os.Stat(filepath.Join(dir, ".stfolder")); err != nil || !fi.IsDir() {
			t.Fatalf("Syncthing's folder marker %s/.stfolder: %v", dir, err)
		}
	}

	want := randomBytes(t, 200<<10)
	placeFile(t, a, "000001.bundle", want)
	start := time.Now()
	c.WaitFor("the file in b", fileHas(filepath.Join(b, "000001.bundle"), want))
	t.Logf("one file of %d KiB took %v from a's folder to b's", len(want)>>10, time.Since(start).Round(time.Millisecond))
	// The copy keeps the sender's modification time (its clock, not the
	// time it arrived).
	fa, errA := os.Stat(filepath.Join(a, "000001.bundle"))
	fb, errB := os.Stat(filepath.Join(b, "000001.bundle"))
	if errA != nil || errB != nil || !fb.ModTime().Equal(fa.ModTime()) {
		t.Errorf("modification times: a %v (%v), b %v (%v)", fa.ModTime(), errA, fb.ModTime(), errB)
	}
	if tmp := temporaries(t, b); len(tmp) > 0 {
		t.Errorf("temporary files left in b: %q", tmp)
	}

	// And back: b's answer reaches a.
	reply := []byte("receipt")
	placeFile(t, b, "000002.receipt", reply)
	c.WaitFor("the file in a", fileHas(filepath.Join(a, "000002.receipt"), reply))

	if out := c.Outside(); len(out) > 0 {
		t.Errorf("sockets off the loopback interface: %q", out)
	}
}

// TestPartialFileHasTemporaryName: while Syncthing receives a file, the
// file is only under its temporary name, ".syncthing.NAME.tmp", and
// already at its full size, so a reader must go by the name, not by a size
// that settles; NAME appears whole. B's receiving is slowed down so the
// transfer lasts a few seconds.
func TestPartialFileHasTemporaryName(t *testing.T) {
	c := syncthingtest.Start(t, 2)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	c.ShareFolder("exchange", a, b)
	slow := map[string]any{"limitBandwidthInLan": true, "maxRecvKbps": 500}
	if err := c.Nodes[1].Do("PATCH", "/rest/config/options", slow, nil); err != nil {
		t.Fatal(err)
	}

	const name = "000001.bundle"
	want := randomBytes(t, 2<<20)
	placeFile(t, a, name, want)
	final, temp := filepath.Join(b, name), filepath.Join(b, ".syncthing."+name+".tmp")
	var tempSize int64
	c.WaitFor("the temporary file in b", func() (bool, error) {
		fi, err := os.Stat(temp)
		if err != nil {
			return false, err
		}
		if _, err := os.Stat(final); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("%s exists beside its temporary file (%v)", name, err)
		}
		tempSize = fi.Size()
		if tempSize != int64(len(want)) {
			return false, fmt.Errorf("temporary file at %d of %d bytes", tempSize, len(want))
		}
		return true, nil
	})
	c.WaitFor("the whole file in b", fileHas(final, want))
	if _, err := os.Stat(temp); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("temporary file still there after the file arrived: %v", err)
	}
}

// placeFile writes a file beside dir, dates it back, and moves it in, as a
// program that writes its outbox safely does, so Syncthing never sees it
// half written.
func placeFile(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	tmp := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		t.Fatal(err)
	}
	written := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) // a time the copy cannot have by chance
	if err := os.Chtimes(tmp, written, written); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
}

func fileHas(path string, want []byte) func() (bool, error) {
	return func() (bool, error) {
		got, err := os.ReadFile(path)
		if err != nil {
			return false, err
		}
		if !bytes.Equal(got, want) {
			return false, fmt.Errorf("%s has %d bytes, not the %d sent", path, len(got), len(want))
		}
		return true, nil
	}
}

func temporaries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".syncthing.") || strings.HasPrefix(e.Name(), "~syncthing~") {
			out = append(out, e.Name())
		}
	}
	return out
}

func randomBytes(t *testing.T, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}
