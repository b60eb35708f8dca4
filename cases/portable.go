package cases

import (
	"os"
	"path/filepath"
	"sync"
)

// PortableMarker is the file that turns on portable mode: when a file of
// this name sits beside the executable, the default vault and every setting
// live in the folder PortableDataFolder beside it (on the same USB stick),
// and nothing is written to the user's profile.
const PortableMarker = "kintrace-portable"

// PortableDataFolder is the portable data folder's name, beside the
// executable.
const PortableDataFolder = "kintrace-data"

// PortableDir returns the portable data folder when the running executable
// has PortableMarker beside it, else "". The folder may not exist yet.
func PortableDir() string { return portableDir() }

var portableDir = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	return portableDirBeside(exe)
})

// portableDirBeside is PortableDir for the executable at exe.
func portableDirBeside(exe string) string {
	dir := filepath.Dir(exe)
	if fi, err := os.Stat(filepath.Join(dir, PortableMarker)); err != nil || fi.IsDir() {
		return ""
	}
	return filepath.Join(dir, PortableDataFolder)
}
