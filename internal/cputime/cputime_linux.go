package cputime

import (
	"syscall"
	"time"
)

// Thread returns the CPU time used so far by the calling OS thread
// (the benchmark locks its goroutine to one), so that query costs can be
// told apart from time spent waiting for a busy machine's CPUs.
func Thread() (time.Duration, bool) {
	const rusageThread = 1 // RUSAGE_THREAD
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}

// Process returns the CPU time used so far by the whole process, on all
// threads, garbage collection included.
func Process() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
