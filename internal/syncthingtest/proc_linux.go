package syncthingtest

import (
	"os"
	"syscall"
)

// procAttr puts syncthing in a process group of its own, so that stop
// reaches any process it starts, and has the kernel kill it when the test
// binary dies without running its cleanups (a panic, a timeout, a kill),
// so no instance outlives its test.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// kill kills syncthing's process group.
func kill(p *os.Process) {
	if err := syscall.Kill(-p.Pid, syscall.SIGKILL); err != nil {
		_ = p.Kill()
	}
}
