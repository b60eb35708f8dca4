package app

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"kintrace/assets"
	"kintrace/cases"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// demoPassphrase opens the demo vault; the unlock screen shows it. The demo
// vault holds only the invented cases of assets/demo/cases.json.
const demoPassphrase = "demo"

// demoVaultPath is demo.kintrace beside the default vault, in the user's
// data folder.
func demoVaultPath() (string, error) {
	p, err := vault.DefaultPath()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(p), "demo.kintrace"), nil
}

// openDemo switches the window to the demo vault: it unlocks it with the
// demo passphrase, creating it and importing the demo cases the first time.
func (u *UI) openDemo() {
	u.switchVault(u.demoPath)
	if u.vault != nil {
		u.unlock.passphrase.Set([]byte(demoPassphrase))
		u.unlock.submit()
		return
	}
	if u.unlock.status.Text != "" {
		return // the file exists but could not be opened
	}
	u.unlock.createDemo()
}

// openMain switches the window back to the user's own vault.
func (u *UI) openMain() {
	u.switchVault(u.mainPath)
	if u.vault == nil && u.unlock.status.Text == "" {
		u.showFirstRun()
	}
}

// switchVault closes the vault on show and shows the unlock screen of the
// vault at path (with no vault when there is no file there yet).
func (u *UI) switchVault(path string) {
	if u.vault != nil {
		u.stopWork()
		if err := u.vault.Lock(); err != nil {
			fyne.LogError("Locking the vault", err)
		}
		if err := u.vault.Close(); err != nil {
			fyne.LogError("Closing the vault", err)
		}
		u.vault = nil
	}
	u.path = path
	_, err := os.Stat(path)
	if err == nil {
		u.vault, err = openVault(path)
	}
	u.showUnlock()
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		u.unlock.showOpenError(err)
	}
}

// createDemo creates the demo vault with a normally calibrated key
// derivation and imports the demo cases, showing progress.
func (s *unlockScreen) createDemo() {
	u := s.ui
	path := u.path
	var created Vault
	s.run(lang.L("Creating the demo vault…"), func(ctx context.Context, progress func(done, total int)) error {
		v, err := buildDemoVault(ctx, path, progress)
		created = v
		return err
	}, func() {
		u.vault = created
		u.showDesk()
	})
}

// buildDemoVault creates the demo vault at path and adds the demo cases in
// one transaction. On failure it removes what it created.
func buildDemoVault(ctx context.Context, path string, progress func(done, total int)) (Vault, error) {
	demo, err := cases.DecodeCases(assets.DemoCases)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	pass := []byte(demoPassphrase)
	v, _, err := createVault(path, pass)
	crypto.Wipe(pass)
	if err != nil {
		return nil, err
	}
	if _, err := v.AddAll(ctx, demo); err != nil {
		v.Close()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
		return nil, err
	}
	progress(len(demo), len(demo))
	return v, nil
}
