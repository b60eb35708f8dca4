package cli

import (
	"fmt"
	"text/tabwriter"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
)

func init() {
	register(&command{name: "version", usage: "", summary: "cli.version.summary", run: version})
}

// version prints what a bug report needs: the release, the commit, and the
// versions of the toolchain, the libraries and the vault format.
func version(e *env, args []string) error {
	fs := e.flags("version")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{lang.L("cli.err.extra_args")}
	}
	b := cases.BuildInfo()
	fmt.Fprintf(e.stdout, "Kintrace %s\n", b.Version)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, row := range VersionRows(b) {
		fmt.Fprintf(tw, "%s\t%s\n", row[0], row[1])
	}
	return tw.Flush()
}

// VersionRows are the label/value pairs of "kintrace version" after its
// first line, translated.
func VersionRows(b cases.Build) [][2]string {
	unknown := lang.L("cli.version.unknown")
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
	return [][2]string{
		{lang.L("cli.version.commit"), commit},
		{lang.L("cli.version.platform"), b.Platform},
		{"Go", b.Go},
		{"Fyne", or(b.Fyne)},
		{"SQLite", cases.SQLiteVersion() + " (go-sqlite3 " + or(b.SQLite) + ")"},
		{"age", or(b.Age)},
		{lang.L("cli.version.format"), cases.FormatVersion},
	}
}
