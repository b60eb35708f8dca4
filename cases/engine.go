package cases

import sqlite3 "github.com/mattn/go-sqlite3"

// SQLiteVersion is the version of the SQLite library compiled into the
// binary, e.g. "3.50.4".
func SQLiteVersion() string {
	v, _, _ := sqlite3.Version()
	return v
}
