package vault_test

import (
	"bufio"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
)

const crashChildEnv = "KINTRACE_CRASH_CHILD_VAULT"

// crashChild runs in a child process: it adds and edits cases as fast as it
// can and prints "id version" after each commit returns, until it is killed.
func crashChild() {
	path := os.Getenv(crashChildEnv)
	v, err := vault.Open(path)
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	if err := v.Unlock(ctx, []byte(vaulttest.Passphrase), nil); err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	out := bufio.NewWriter(os.Stdout)
	var mine []cases.Case
	for i := 0; ; i++ {
		var c cases.Case
		if i%3 == 2 && len(mine) > 0 {
			k := i % len(mine)
			c = mine[k]
			c.Notes = fmt.Sprintf("edit %d", i)
			c, err = v.Update(ctx, c)
			if err == nil {
				mine[k] = c
			}
		} else {
			c, err = v.Add(ctx, vaulttest.SampleCase(fmt.Sprintf("Иван Крашев %d", i)))
			if err == nil {
				mine = append(mine, c)
			}
		}
		if err != nil {
			fmt.Fprintln(out, "ERR", err)
			out.Flush()
			os.Exit(4)
		}
		fmt.Fprintln(out, c.ID, c.Version)
		out.Flush()
	}
}

// TestCrashDuringWrites kills a writing child process with SIGKILL at random
// moments, 100 times, and checks after each kill that the file passes
// SQLite's integrity check, unlocks, and holds every change whose commit had
// returned before the kill.
func TestCrashDuringWrites(t *testing.T) {
	trials := 100
	if testing.Short() {
		trials = 10
	}
	v, path, _ := vaulttest.New(t)
	v.Close()
	committed := map[string]int64{}
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range trials {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Let it commit a few changes, then kill it at a random moment.
		want := 1 + rng.IntN(6)
		deadline := time.After(time.Duration(rng.IntN(8)) * time.Millisecond)
		seen := 0
	wait:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("trial %d: child exited early", trial)
				}
				if strings.HasPrefix(l, "ERR") {
					t.Fatalf("trial %d: child: %s", trial, l)
				}
				f := strings.Fields(l)
				ver, _ := strconv.ParseInt(f[1], 10, 64)
				committed[f[0]] = ver
				seen++
				if seen >= want {
					<-deadline
					break wait
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("trial %d: child wrote nothing", trial)
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		// Lines printed before the kill are commits that returned.
		for l := range lines {
			f := strings.Fields(l)
			if len(f) == 2 {
				ver, _ := strconv.ParseInt(f[1], 10, 64)
				committed[f[0]] = ver
			}
		}
		cmd.Wait()
		checkAfterCrash(t, trial, path, committed)
	}
}

func checkAfterCrash(t *testing.T, trial int, path string, committed map[string]int64) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	var res string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Fatalf("trial %d: integrity_check = %q, %v", trial, res, err)
	}
	db.Close()
	v, err := vault.Open(path)
	if err != nil {
		t.Fatalf("trial %d: reopen: %v", trial, err)
	}
	defer v.Close()
	if err := v.Unlock(ctx, []byte(vaulttest.Passphrase), nil); err != nil {
		t.Fatalf("trial %d: unlock after kill: %v", trial, err)
	}
	for id, ver := range committed {
		o, ok := v.Index().Get(id)
		if !ok || o.Version < ver {
			t.Fatalf("trial %d: committed case %s v%d lost (have %v v%d)", trial, id, ver, ok, o.Version)
		}
	}
	_ = filepath.Base(path)
}
