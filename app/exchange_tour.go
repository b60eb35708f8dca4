package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"

	"kintrace/cases/exchange"
)

// tourExchange is the screenshot tour's scene for team exchange: the
// Team exchange view with an exchange folder in a temporary folder, the
// demo's contacts with their sharing rules, and an inbox holding a file
// that is not a bundle and one cut short, each with its line.
func tourExchange(u *UI, code string, shot func(name string) error) error {
	v := u.Store()
	if v == nil {
		return fmt.Errorf("app: tour: the vault is locked")
	}
	dir, err := os.MkdirTemp("", "kintrace-tour-exchange-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	f, err := exchange.SetFolder(context.Background(), v, filepath.Join(dir, "exchange"))
	if err != nil {
		return err
	}
	old := time.Now().Add(-time.Hour)
	for name, data := range map[string][]byte{
		"scan-0412.jpg":              []byte("\xff\xd8\xff not a bundle"),
		"4d1c9a07-00000012.kintrace": []byte("age-encryption.org/v1\n-> X25519 cut short"),
	} {
		p := filepath.Join(f.Inbox(), name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			return err
		}
		os.Chtimes(p, old, old)
	}
	var ev *exchangeView
	fyne.DoAndWait(func() { ev = showExchange(u) })
	if ev == nil {
		return fmt.Errorf("app: tour: no exchange view")
	}
	u.work.Wait()
	for range 2 {
		time.Sleep(600 * time.Millisecond)
		fyne.DoAndWait(func() {
			if top := u.win.Canvas().Overlays().Top(); top != nil {
				top.Refresh()
			}
		})
	}
	if err := shot("exchange-" + code); err != nil {
		return err
	}
	fyne.DoAndWait(ev.dialog.Hide)
	return nil
}
