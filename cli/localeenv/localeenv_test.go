package localeenv_test

import (
	"maps"
	"runtime"
	"testing"

	"kintrace/cli/localeenv"
)

func TestApply(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("Fyne does not read the locale from the environment here")
	}
	tests := []struct {
		name    string
		env     map[string]string
		changed bool
		want    map[string]string
	}{
		{"LANG=C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, true,
			map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}},
		{"LANG=C", map[string]string{"LANG": "C", "LANGUAGE": "ru"}, true,
			map[string]string{"LANG": "C", "LANGUAGE": "ru", "LC_MESSAGES": "en_US.UTF-8"}},
		{"LANG=POSIX", map[string]string{"LANG": "POSIX"}, true,
			map[string]string{"LANG": "POSIX", "LC_MESSAGES": "en_US.UTF-8"}},
		{"LC_MESSAGES=C overrides LANG", map[string]string{"LANG": "ru_RU.UTF-8", "LC_MESSAGES": "C"}, true,
			map[string]string{"LANG": "ru_RU.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}},
		{"LC_ALL=C.UTF-8 moves to the other categories", map[string]string{"LC_ALL": "C.UTF-8", "LANG": "uk_UA.UTF-8"}, true,
			map[string]string{"LANG": "uk_UA.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LC_CTYPE": "C.UTF-8",
				"LC_NUMERIC": "C.UTF-8", "LC_TIME": "C.UTF-8", "LC_COLLATE": "C.UTF-8", "LC_MONETARY": "C.UTF-8",
				"LC_PAPER": "C.UTF-8", "LC_NAME": "C.UTF-8", "LC_ADDRESS": "C.UTF-8", "LC_TELEPHONE": "C.UTF-8",
				"LC_MEASUREMENT": "C.UTF-8", "LC_IDENTIFICATION": "C.UTF-8"}},
		{"a real locale is left alone", map[string]string{"LANG": "ru_RU.UTF-8"}, false,
			map[string]string{"LANG": "ru_RU.UTF-8"}},
		{"Cyrillic LC_ALL is left alone", map[string]string{"LC_ALL": "uk_UA.UTF-8", "LANG": "C"}, false,
			map[string]string{"LC_ALL": "uk_UA.UTF-8", "LANG": "C"}},
		{"no locale at all is left alone", map[string]string{}, false, map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := maps.Clone(tt.env)
			changed := localeenv.Apply(
				func(k string) string { return env[k] },
				func(k, v string) error { env[k] = v; return nil },
				func(k string) error { delete(env, k); return nil })
			if changed != tt.changed {
				t.Errorf("changed = %v, want %v", changed, tt.changed)
			}
			if !maps.Equal(env, tt.want) {
				t.Errorf("env = %v\nwant  %v", env, tt.want)
			}
		})
	}
}

func TestIsC(t *testing.T) {
	for v, want := range map[string]bool{"C": true, "C.UTF-8": true, "C.utf8": true, "POSIX": true,
		"C@euro": true, "en_US.UTF-8": false, "ru_RU": false, "": false, "Ca": false} {
		if got := localeenv.IsC(v); got != want {
			t.Errorf("IsC(%q) = %v, want %v", v, got, want)
		}
	}
}
