package app

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kintrace/crypto"
)

// recordingApp is a test app whose preferences remember every value written.
type recordingApp struct {
	fyne.App
	prefs *recordingPrefs
}

func (a recordingApp) Preferences() fyne.Preferences { return a.prefs }

type recordingPrefs struct {
	fyne.Preferences
	written map[string]string
}

func (p *recordingPrefs) SetBool(k string, v bool)     { p.note(k, v); p.Preferences.SetBool(k, v) }
func (p *recordingPrefs) SetFloat(k string, v float64) { p.note(k, v); p.Preferences.SetFloat(k, v) }
func (p *recordingPrefs) SetInt(k string, v int)       { p.note(k, v); p.Preferences.SetInt(k, v) }
func (p *recordingPrefs) SetString(k string, v string) { p.note(k, v); p.Preferences.SetString(k, v) }
func (p *recordingPrefs) SetStringList(k string, v []string) {
	p.note(k, v)
	p.Preferences.SetStringList(k, v)
}
func (p *recordingPrefs) note(k string, v any) { p.written[k] = fmt.Sprint(v) }

// TestPreferencesHoldOnlyUISettings goes through a session — create,
// search, settings, lock, unlock — and checks that nothing but the three UI
// settings reached the plaintext preferences file.
func TestPreferencesHoldOnlyUISettings(t *testing.T) {
	t.Cleanup(crypto.UseInsecureKDFForTests())
	base := newTestApp(t)
	a := recordingApp{App: base, prefs: &recordingPrefs{Preferences: base.Preferences(), written: map[string]string{}}}
	w := base.NewWindow("")
	dir := t.TempDir()
	h := &harness{t: t, app: a, win: w, clock: newFakeClock(), dir: dir}
	h.ui = newUI(a, w, filepath.Join(dir, "vault.kintrace"), filepath.Join(dir, "demo.kintrace"), h.clock)
	t.Cleanup(func() { h.ui.shutdown(); w.Close(); applyLanguage("en") })
	h.ui.start()

	h.createVault()
	c := h.addCase(lebedev)
	h.ui.showDesk()
	test.Type(h.ui.desk.search, "lebedev")
	sd := h.ui.openSettings()
	sd.idle.SetSelectedIndex(3)
	sd.dialog.Submit()
	h.ui.lockNow()
	h.unlock(testPassphrase)

	allowed := []string{prefIdleMinutes, prefLanguage, prefTheme}
	if len(a.prefs.written) == 0 {
		t.Fatal("the settings dialog wrote no preference: test is blind")
	}
	for k, v := range a.prefs.written {
		if !slices.Contains(allowed, k) {
			t.Errorf("preference %q = %q written; only %v may be", k, v, allowed)
		}
		for _, secret := range []string{"Лебедев", "lebedev", c.Number, testPassphrase, dir} {
			if strings.Contains(strings.ToLower(v), strings.ToLower(secret)) {
				t.Errorf("preference %q holds %q", k, secret)
			}
		}
	}
}
