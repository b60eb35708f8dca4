package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kintrace/cases"
)

var keyPattern = regexp.MustCompile(`(?:lang\.[LX]\(|summary:\s*|line\()"([a-z][a-z0-9_.]+)"`)

// TestTranslationsComplete fails when a message key used by the command
// line lacks an English, Russian or Ukrainian text, or when the languages
// of a group hold different keys.
func TestTranslationsComplete(t *testing.T) {
	merged := map[string]map[string]string{"en": {}, "ru": {}, "uk": {}}
	for _, dir := range translationDirs() {
		keys := map[string]int{}
		for code := range merged {
			data, err := fs.ReadFile(translations, path.Join(dir, code+".json"))
			if err != nil {
				t.Fatalf("%s: %v", dir, err)
			}
			var m map[string]string
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatalf("%s/%s.json: %v", dir, code, err)
			}
			for k, v := range m {
				if v == "" {
					t.Errorf("%s/%s.json: %s is empty", dir, code, k)
				}
				merged[code][k] = v
				keys[k]++
			}
		}
		for k, n := range keys {
			if n != 3 {
				t.Errorf("%s: key %s is not in all three languages", dir, k)
			}
		}
	}
	used := map[string]bool{}
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyPattern.FindAllStringSubmatch(string(src), -1) {
			if !strings.HasSuffix(m[1], ".") { // a prefix completed at run time
				used[m[1]] = true
			}
		}
	}
	for _, s := range cases.AllStatuses {
		used["status."+string(s)] = true
	}
	if len(used) < 20 {
		t.Fatalf("found only %d keys in the sources; is the pattern broken?", len(used))
	}
	for k := range used {
		for code, m := range merged {
			if _, ok := m[k]; !ok {
				t.Errorf("key %s has no %s message", k, code)
			}
		}
	}
}
