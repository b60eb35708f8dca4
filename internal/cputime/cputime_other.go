//go:build !linux

package cputime

import "time"

// Thread is only measured on Linux.
func Thread() (time.Duration, bool) { return 0, false }

// Process is only measured on Linux.
func Process() (time.Duration, bool) { return 0, false }
