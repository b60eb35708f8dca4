package cases

import (
	"os"
	"runtime/debug"
)

// MemoryLimit is the soft memory limit Kintrace runs with (Go's GOMEMLIMIT).
// A vault of 100 000 cases keeps about 375 MB of indexes live after unlock;
// by default Go lets the heap grow to twice the live size between
// collections, which would take the process well past the 500 MB the
// product allows. With this limit the collector runs more often as the heap
// nears it instead.
const MemoryLimit = 450 << 20

// ApplyMemoryLimit sets MemoryLimit unless the user set GOMEMLIMIT.
func ApplyMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemoryLimit)
	}
}
