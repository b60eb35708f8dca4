//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package app

import "errors"

// execProcess cannot replace a process here: the lock stays in it.
func execProcess(string, []string, []string) error {
	return errors.New("restarting in place is not supported on this system")
}
