package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"fyne.io/fyne/v2/lang"

	"kintrace/assets"
)

// keyCall finds lang.L("key"…) and lang.X("key", "fallback"…) calls with a
// literal key.
var keyCall = regexp.MustCompile(`lang\.(?:L|X)\(\s*("(?:[^"\\]|\\.)*")`)

// keysInSources returns every translation key the app's Go sources use.
func keysInSources(t *testing.T) map[string]string {
	t.Helper()
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
		for _, m := range keyCall.FindAllSubmatch(src, -1) {
			key, err := strconv.Unquote(string(m[1]))
			if err != nil {
				t.Fatalf("%s: cannot read key %s: %v", f, m[1], err)
			}
			keys[key] = f
		}
	}
	if len(keys) < 50 {
		t.Fatalf("found only %d translation keys in the sources; is the scanner broken?", len(keys))
	}
	return keys
}

func readTranslations(t *testing.T, code string) (map[string]string, []byte) {
	t.Helper()
	data, err := assets.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	return m, data
}

func TestTranslationsCoverEveryKey(t *testing.T) {
	used := keysInSources(t)
	for _, code := range appLanguages {
		m := mergedTranslations(t, code)
		for key, file := range used {
			if v, ok := m[key]; !ok || v == "" {
				t.Errorf("%s.json lacks %q (used in %s)", code, key, file)
			}
		}
	}
}

func TestTranslationFilesHaveTheSameKeys(t *testing.T) {
	en, _ := readTranslations(t, "en")
	for _, code := range appLanguages[1:] {
		m, _ := readTranslations(t, code)
		for k := range en {
			if _, ok := m[k]; !ok {
				t.Errorf("%s.json lacks %q, which en.json has", code, k)
			}
		}
		for k := range m {
			if _, ok := en[k]; !ok {
				t.Errorf("%s.json has %q, which en.json lacks", code, k)
			}
		}
	}
}

// placeholders are the template fields a message uses.
var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func TestTranslationsKeepPlaceholders(t *testing.T) {
	en, _ := readTranslations(t, "en")
	fields := func(s string) []string {
		var out []string
		for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		slices.Sort(out)
		return out
	}
	for _, code := range appLanguages[1:] {
		m, _ := readTranslations(t, code)
		for k, v := range m {
			if got, want := fields(v), fields(en[k]); !slices.Equal(got, want) {
				t.Errorf("%s.json %q uses fields %v, en.json uses %v", code, k, got, want)
			}
		}
	}
}

// TestTranslationFilesAreCanonical keeps the files merge-friendly: keys
// sorted, one per line, two-space indent, UTF-8 unescaped.
func TestTranslationFilesAreCanonical(t *testing.T) {
	for _, code := range appLanguages {
		m, data := readTranslations(t, code)
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(m); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, want.Bytes()) {
			t.Errorf("%s.json is not canonical (sorted keys, one per line, 2-space indent, no escapes); rewrite it with json.Encoder SetIndent(\"\", \"  \") and SetEscapeHTML(false)", code)
		}
	}
}

func TestApplyLanguage(t *testing.T) {
	newTestApp(t)
	t.Cleanup(func() { applyLanguage("en") })
	tests := []struct {
		code string
		want string
	}{
		{"ru", "Открыть"},
		{"uk", "Відкрити"},
		{"en", "Unlock"},
		{"ru", "Открыть"},
	}
	for _, tt := range tests {
		if err := applyLanguage(tt.code); err != nil {
			t.Fatalf("applyLanguage(%q): %v", tt.code, err)
		}
		if got := lang.L("Unlock"); got != tt.want {
			t.Errorf("after applyLanguage(%q): lang.L(\"Unlock\") = %q, want %q", tt.code, got, tt.want)
		}
		if got := currentLanguage(); got != tt.code {
			t.Errorf("after applyLanguage(%q): currentLanguage() = %q", tt.code, got)
		}
	}
}
