package app

import (
	"os"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// enterPortable points the per-user folders that Fyne (preferences, its
// icon cache, the file dialog's last folder), Mesa's shader cache and
// fontconfig write to at subfolders of dir, the portable data folder, so
// that nothing lands in the user's profile. It must run before the Fyne app
// is created. It returns the user's real home folder, where file dialogs
// start instead of the portable folder.
//
// Fyne takes its folders from XDG_CONFIG_HOME and XDG_CACHE_HOME on Linux
// and the BSDs, and from the home folder (USERPROFILE, HOME) on Windows and
// macOS; Windows programs also write under APPDATA and LOCALAPPDATA.
func enterPortable(dir string) (realHome string, err error) {
	realHome, _ = os.UserHomeDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return realHome, err
	}
	set := map[string]string{
		"XDG_CONFIG_HOME": filepath.Join(dir, "config"),
		"XDG_CACHE_HOME":  filepath.Join(dir, "cache"),
		"XDG_DATA_HOME":   filepath.Join(dir, "data"),
		"XDG_STATE_HOME":  filepath.Join(dir, "state"),
	}
	switch runtime.GOOS {
	case "windows":
		set["USERPROFILE"] = dir
		set["APPDATA"] = filepath.Join(dir, "AppData", "Roaming")
		set["LOCALAPPDATA"] = filepath.Join(dir, "AppData", "Local")
	case "darwin":
		set["HOME"] = dir
	}
	for k, v := range set {
		if err := os.Setenv(k, v); err != nil {
			return realHome, err
		}
	}
	return realHome, nil
}

// startFileDialog makes a file dialog open in the user's real home folder
// in portable mode, where the home folder the process sees is the portable
// data folder. Elsewhere Fyne's own choice stands.
func (u *UI) startFileDialog(d *dialog.FileDialog) {
	if u.portableDir == "" || u.realHome == "" {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(u.realHome)); err == nil {
		d.SetLocation(l)
	}
}
