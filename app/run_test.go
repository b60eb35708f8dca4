package app

import (
	"path/filepath"
	"testing"

	"kintrace/cases/vault"
)

func TestVaultPath(t *testing.T) {
	want := filepath.Join(t.TempDir(), "elsewhere.kintrace")
	t.Setenv("KINTRACE_VAULT", want)
	if got, err := vaultPath(); err != nil || got != want {
		t.Errorf("vaultPath() with KINTRACE_VAULT = %q, %v; want %q", got, err, want)
	}
	t.Setenv("KINTRACE_VAULT", "")
	def, err := vault.DefaultPath()
	if err != nil {
		t.Skipf("no default vault path here: %v", err)
	}
	if got, err := vaultPath(); err != nil || got != def {
		t.Errorf("vaultPath() = %q, %v; want the default %q", got, err, def)
	}
}

func TestSettingsRoundTrip(t *testing.T) {
	h := newHarness(t)
	p := h.app.Preferences()
	if got := loadSettings(p); got.IdleMinutes != defaultIdleMinutes || got.Language != "" || got.Theme != themeSystem {
		t.Errorf("fresh settings = %+v, want 5 minutes, system language and theme", got)
	}
	p.SetInt(prefIdleMinutes, 7) // not a choice the dialog offers
	p.SetString(prefLanguage, "de")
	p.SetString(prefTheme, "neon")
	if got := loadSettings(p); got.IdleMinutes != defaultIdleMinutes || got.Language != "" || got.Theme != themeSystem {
		t.Errorf("settings from odd preferences = %+v, want the defaults", got)
	}
}
