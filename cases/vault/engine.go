package vault

import (
	sqlite3 "github.com/mattn/go-sqlite3"

	"kintrace/cases"
)

// SQLiteVersion is the version of the SQLite library compiled into the
// binary, e.g. "3.50.4".
func SQLiteVersion() string {
	v, _, _ := sqlite3.Version()
	return v
}

// BuildInfo is cases.BuildInfo with the SQLite library and the vault
// format filled in: what "kintrace version" and the About dialog show.
func BuildInfo() cases.Build {
	b := cases.BuildInfo()
	b.SQLiteLib, b.Format = SQLiteVersion(), FormatVersion
	return b
}
