package cli

import (
	"embed"
	"io/fs"
	"path"
	"sync"

	"fyne.io/fyne/v2/lang"
)

// Each group of commands keeps its messages in its own folder,
// translations/<group>/{en,ru,uk}.json, so that no two people edit the same
// file.
//
//go:embed translations
var translations embed.FS

var translationsOnce sync.Once

// loadTranslations registers the command line's messages with Fyne's lang
// package once per process.
func loadTranslations() {
	translationsOnce.Do(func() {
		for _, dir := range translationDirs() {
			if err := lang.AddTranslationsFS(translations, dir); err != nil {
				panic("cli: bad embedded translations in " + dir + ": " + err.Error())
			}
		}
	})
}

// translationDirs lists the folders that hold an en.json.
func translationDirs() []string {
	var dirs []string
	fs.WalkDir(translations, "translations", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "en.json" {
			dirs = append(dirs, path.Dir(p))
		}
		return nil
	})
	return dirs
}
