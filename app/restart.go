package app

import (
	"os"
	"sync/atomic"
)

// Locking in a new process. Go strings cannot be overwritten and Fyne keeps
// what it drew in caches Kintrace cannot reach, so a locked process still
// holds case text of its session in its heap (docs/SECURITY.md, "What stays
// in memory after a lock"). Where the operating system can replace a
// process's program in place (execve on Linux, macOS and the BSDs), a lock
// of a real vault ends by starting Kintrace again in the same process, on
// the unlock screen of the same vault: the kernel drops every page of the
// old program, so nothing of the session is left in memory. Elsewhere
// (Windows) and when the restart fails, the lock stays in the process and
// releases what it can (releaseMemory).

// restartEnv names the environment variable a restarted Kintrace finds set:
// it then says, on its unlock screen, that the vault was locked.
const restartEnv = "KINTRACE_LOCKED_RESTART"

// restartOnLock is set by Run, so that only the real program restarts:
// tests of the screens keep their process.
var restartOnLock atomic.Bool

// restartedLocked tells whether this process was started by a lock.
func restartedLocked() bool { return os.Getenv(restartEnv) == "1" }

// restartLocked replaces the process by a new Kintrace on the unlock screen
// of the vault at path. It returns only when it could not.
func restartLocked(path string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	env := make([]string, 0, len(os.Environ())+2)
	for _, kv := range os.Environ() {
		if !hasKey(kv, "KINTRACE_VAULT") && !hasKey(kv, restartEnv) {
			env = append(env, kv)
		}
	}
	env = append(env, "KINTRACE_VAULT="+path, restartEnv+"=1")
	return execProcess(exe, os.Args, env)
}

func hasKey(kv, key string) bool {
	return len(kv) > len(key) && kv[:len(key)] == key && kv[len(key)] == '='
}
