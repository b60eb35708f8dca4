// Package cases holds Kintrace's domain: the case model, validation, the
// encrypted store, the in-memory search index, links and merge. It never
// imports Fyne.
package cases

import (
	_ "github.com/mattn/go-sqlite3"
)
