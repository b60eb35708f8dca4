//go:build linux || darwin || freebsd || netbsd || openbsd

package app

import "syscall"

// execProcess replaces the process by exe (execve).
func execProcess(exe string, args, env []string) error { return syscall.Exec(exe, args, env) }
