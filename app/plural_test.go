package app

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"
)

func TestPluralForm(t *testing.T) {
	tests := []struct {
		code string
		n    int
		want string
	}{
		{"en", 0, "other"}, {"en", 1, "one"}, {"en", 2, "other"}, {"en", 21, "other"},
		{"ru", 0, "many"}, {"ru", 1, "one"}, {"ru", 2, "few"}, {"ru", 4, "few"}, {"ru", 5, "many"},
		{"ru", 11, "many"}, {"ru", 12, "many"}, {"ru", 14, "many"}, {"ru", 21, "one"}, {"ru", 22, "few"},
		{"ru", 101, "one"}, {"ru", 111, "many"}, {"ru", 112, "many"}, {"ru", 1000, "many"},
		{"uk", 1, "one"}, {"uk", 3, "few"}, {"uk", 11, "many"}, {"uk", 23, "few"}, {"uk", 25, "many"},
	}
	for _, tt := range tests {
		if got := pluralForm(tt.code, tt.n); got != tt.want {
			t.Errorf("pluralForm(%q, %d) = %q, want %q", tt.code, tt.n, got, tt.want)
		}
	}
}

// TestPluralMessages reads count messages as the user meets them, in each
// language.
func TestPluralMessages(t *testing.T) {
	newTestApp(t)
	t.Cleanup(func() { applyLanguage("en") })
	tests := []struct {
		code string
		n    int
		want string
	}{
		{"en", 1, "Added 1 file."},
		{"en", 2, "Added 2 files."},
		{"ru", 1, "Добавлен 1 файл."},
		{"ru", 2, "Добавлено 2 файла."},
		{"ru", 5, "Добавлено 5 файлов."},
		{"ru", 11, "Добавлено 11 файлов."},
		{"ru", 21, "Добавлен 21 файл."},
		{"uk", 1, "Додано 1 файл."},
		{"uk", 2, "Додано 2 файли."},
		{"uk", 5, "Додано 5 файлів."},
		{"uk", 11, "Додано 11 файлів."},
		{"uk", 21, "Додано 21 файл."},
	}
	for _, tt := range tests {
		if err := applyLanguage(tt.code); err != nil {
			t.Fatal(err)
		}
		if got := plural("count.files_added", tt.n, map[string]any{"Count": tt.n}); got != tt.want {
			t.Errorf("%s, %d files: %q, want %q", tt.code, tt.n, got, tt.want)
		}
	}
	if err := applyLanguage("en"); err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int]string{1: "1 pair may be", 3: "3 pairs may be"} {
		if got := plural("count.dupes_found", n, map[string]any{"N": n}); got[:len(want)] != want {
			t.Errorf("%d pairs: %q", n, got)
		}
	}
}

// pluralCall finds plural("key", …) calls with a literal key.
var pluralCall = regexp.MustCompile(`plural\(\s*("(?:[^"\\]|\\.)*")`)

// TestPluralKeysHaveEveryForm: every plural message has each form its
// language needs (en one, other; ru and uk one, few, many), with the same
// fields as English.
func TestPluralKeysHaveEveryForm(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, f := range files {
		if filepath.Ext(f) != ".go" || len(f) > 8 && f[len(f)-8:] == "_test.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range pluralCall.FindAllSubmatch(src, -1) {
			key, err := strconv.Unquote(string(m[1]))
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			keys[key] = f
		}
	}
	if len(keys) < 10 {
		t.Fatalf("found only %d plural keys; is the scanner broken?", len(keys))
	}
	fields := func(s string) []string {
		var out []string
		for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	en := mergedTranslations(t, "en")
	for _, code := range appLanguages {
		m := mergedTranslations(t, code)
		for key, file := range keys {
			want := fields(en[key+".other"])
			for _, form := range pluralForms[code] {
				v, ok := m[key+"."+form]
				if !ok || v == "" {
					t.Errorf("%s lacks %q (plural of %s)", code, key+"."+form, file)
					continue
				}
				if got := fields(v); !slices.Equal(got, want) {
					t.Errorf("%s %q uses fields %v, English %v", code, key+"."+form, got, want)
				}
			}
		}
	}
}
