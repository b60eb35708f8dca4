// Package assets holds the files Kintrace ships inside its binary: the
// translations of the GUI, the application icon and the fictional cases of the
// demo vault.
package assets

import "embed"

// Translations holds translations/{en,ru,uk}.json, flat maps from a message
// key to its text, loaded with lang.AddTranslationsFS(Translations, "translations").
//
//go:embed translations/*.json
var Translations embed.FS

// Icon is the 512×512 application icon (drawn by icongen.go).
//
//go:embed icon.png
var Icon []byte

// DemoCases is a case file (format 1, see case-format.md) of a dozen
// fictional cases for the demo vault. Every name, number and story in it is
// invented.
//
//go:embed demo/cases.json
var DemoCases []byte
