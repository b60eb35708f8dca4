package app

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sync"
)

// Feature screens keep their messages in their own translation files so
// that nobody edits the same JSON at once. They register them here from
// init; the language switch (applyLanguage) loads the merged set.
type translationSource struct {
	fsys fs.FS
	dir  string
}

var (
	sourcesMu          sync.Mutex
	translationSources []translationSource
)

// registerTranslations adds a folder holding en.json, ru.json and uk.json.
func registerTranslations(fsys fs.FS, dir string) {
	sourcesMu.Lock()
	defer sourcesMu.Unlock()
	translationSources = append(translationSources, translationSource{fsys, dir})
}

// mergeTranslations adds every registered feature's messages for code to
// base, the JSON of the main translation file.
func mergeTranslations(base []byte, code string) ([]byte, error) {
	sourcesMu.Lock()
	defer sourcesMu.Unlock()
	if len(translationSources) == 0 {
		return base, nil
	}
	merged := map[string]string{}
	if err := json.Unmarshal(base, &merged); err != nil {
		return nil, fmt.Errorf("app: translations for %q: %w", code, err)
	}
	for _, s := range translationSources {
		data, err := fs.ReadFile(s.fsys, path.Join(s.dir, code+".json"))
		if err != nil {
			return nil, fmt.Errorf("app: translations for %q: %w", code, err)
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("app: translations %s/%s.json: %w", s.dir, code, err)
		}
		for k, v := range m {
			merged[k] = v
		}
	}
	return json.Marshal(merged)
}

// allTranslationSources lists the registered folders (for the test that
// every key used in code has en, ru and uk messages).
func allTranslationSources() []translationSource {
	sourcesMu.Lock()
	defer sourcesMu.Unlock()
	return append([]translationSource(nil), translationSources...)
}
