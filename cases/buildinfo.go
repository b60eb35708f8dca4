package cases

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// version is the release version, set by release builds with
// -ldflags "-X kintrace/cases.version=0.1.0" (make dist). A plain
// "go build" leaves it "dev".
var version = "dev"

// Build describes the running binary: what a bug report needs.
type Build struct {
	Version    string // release version, "dev" for a developer build
	Commit     string // git commit the binary was built from ("" if unknown)
	CommitTime string // the commit's time, RFC 3339 ("" if unknown)
	Modified   bool   // built from a checkout with uncommitted changes
	Go         string // Go toolchain, e.g. "go1.26.8"
	Platform   string // GOOS/GOARCH
	Fyne       string // fyne.io/fyne/v2 module version
	SQLite     string // github.com/mattn/go-sqlite3 module version (the library version is the vault's to say)
	Age        string // filippo.io/age module version
	SQLiteLib  string // the SQLite library compiled in, e.g. "3.50.4" (vault.BuildInfo fills it)
	Format     string // the vault format this binary reads and writes (vault.BuildInfo fills it)
}

// BuildInfo reads the build's description from the binary itself: the
// version set at link time, and the commit and module versions that the Go
// toolchain records in every binary. vault.BuildInfo adds the SQLite
// library and the vault format.
func BuildInfo() Build {
	b := Build{Version: version, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Commit = s.Value
		case "vcs.time":
			b.CommitTime = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	for _, m := range info.Deps {
		v := m.Version
		if m.Replace != nil {
			v = m.Replace.Version
		}
		switch m.Path {
		case "fyne.io/fyne/v2":
			b.Fyne = v
		case "github.com/mattn/go-sqlite3":
			b.SQLite = v
		case "filippo.io/age":
			b.Age = v
		}
	}
	return b
}

// ShortCommit is the first 12 hex digits of the commit, with "+" when the
// checkout had uncommitted changes.
func (b Build) ShortCommit() string {
	c := b.Commit
	if len(c) > 12 {
		c = c[:12]
	}
	if c != "" && b.Modified {
		c += "+"
	}
	return strings.TrimSpace(c)
}

// BuildField is one line of a build's description: Key names it for
// translation ("version", "commit", "platform", "go", "fyne", "sqlite",
// "age", "format").
type BuildField struct{ Key, Value string }

// Fields are the lines that "kintrace version" and the About dialog show,
// in order; unknown stands for a value the binary does not record.
func (b Build) Fields(unknown string) []BuildField {
	or := func(s string) string {
		if s == "" {
			return unknown
		}
		return s
	}
	commit := or(b.ShortCommit())
	if b.CommitTime != "" {
		commit += " (" + b.CommitTime + ")"
	}
	return []BuildField{
		{"version", b.Version},
		{"commit", commit},
		{"platform", b.Platform},
		{"go", b.Go},
		{"fyne", or(b.Fyne)},
		{"sqlite", or(b.SQLiteLib) + " (go-sqlite3 " + or(b.SQLite) + ")"},
		{"age", or(b.Age)},
		{"format", b.Format},
	}
}
