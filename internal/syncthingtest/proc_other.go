//go:build !linux

package syncthingtest

import (
	"os"
	"syscall"
)

func procAttr() *syscall.SysProcAttr { return nil }

func kill(p *os.Process) { _ = p.Kill() }
