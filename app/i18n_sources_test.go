package app

import (
	"encoding/json"
	"io/fs"
	"path"
	"testing"
)

// TestFeatureTranslationsHaveTheSameKeys checks every feature's own
// translation folder: en, ru and uk hold the same keys, none empty.
func TestFeatureTranslationsHaveTheSameKeys(t *testing.T) {
	sources := allTranslationSources()
	if len(sources) == 0 {
		t.Fatal("no feature registered its translations")
	}
	for _, s := range sources {
		sets := map[string]map[string]string{}
		for _, code := range appLanguages {
			data, err := fs.ReadFile(s.fsys, path.Join(s.dir, code+".json"))
			if err != nil {
				t.Fatalf("%s: %v", s.dir, err)
			}
			var m map[string]string
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatalf("%s/%s.json: %v", s.dir, code, err)
			}
			sets[code] = m
		}
		for code, m := range sets {
			for k, v := range m {
				if v == "" {
					t.Errorf("%s/%s.json: %q is empty", s.dir, code, k)
				}
				for _, other := range appLanguages {
					if _, ok := sets[other][k]; !ok {
						t.Errorf("%s: %q is in %s.json but not in %s.json", s.dir, k, code, other)
					}
				}
			}
		}
	}
}
