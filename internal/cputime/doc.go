// Package cputime reads the CPU time a process or thread has used, for
// benchmarks that report CPU seconds beside wall time (docs/PERFORMANCE.md):
// on a busy two-core machine the two differ. Only Linux measures it; other
// systems report false.
package cputime
